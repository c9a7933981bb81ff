"""Shared fixtures: the NLP pipeline is loaded once per test session, never at import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.nlp import load_nlp
from pipeline.records import Timex
from tests.events_support import hand_events
from tests.participants_support import write_models

ROOT = Path(__file__).resolve().parent.parent
#: The shared specs and real documents: the folder ``shared`` beside the repository (as CI
#: has it; ``make test SHARED=...`` or the variable SRE_SHARED points elsewhere).
SHARED = Path(os.environ.get("SRE_SHARED") or ROOT.parent / "shared")
SEED = SHARED / "corpus" / "seed"
DEV = SHARED / "corpus" / "real" / "dev"


def shared(path: Path) -> Path:
    """``path`` (under :data:`SHARED`), or the test fails saying where the shared folder was looked for."""
    if not path.exists():
        pytest.fail(f"{path} not found: the tests read the shared specs and documents from {SHARED}. "
                    "Put the shared folder beside the repository, or run `make test SHARED=/path/to/shared`.")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline (base model + project stages), loaded once."""
    return load_nlp(Settings())


@pytest.fixture(scope="session")
def events_nlp():
    """The base model plus the events stage only, loaded once."""
    return load_nlp(Settings(stages=("sre_events",)))


@pytest.fixture(scope="session")
def events(events_nlp):
    """``events(text, dates={surface: value}, people={name: country})`` -> Event list."""

    def _run(text: str, dates: dict[str, str] | None = None,
             people: dict[str, str | None] | None = None, published: str | None = "2026-03-12",
             timexes: list[Timex] | None = None):
        return hand_events(events_nlp, text, published, dates, people, timexes=timexes or ())

    return _run


@pytest.fixture(scope="session")
def pnlp(tmp_path_factory):
    """The base model and the participants stage only, on the small gazetteer of
    :mod:`tests.participants_support` (not the bundled one), loaded once."""
    models = write_models(tmp_path_factory.mktemp("participants-models"))
    return load_nlp(Settings(stages=("sre_participants",), models_dir=models))


@pytest.fixture(scope="session")
def make_doc(nlp):
    """Process a text with a publication date: ``make_doc(text, "2026-01-15")``."""
    import datetime as dt

    def _make(text: str, published: str | None = None):
        doc = nlp.make_doc(text)
        doc._.doc_id = "test"
        doc._.published = dt.date.fromisoformat(published) if published else None
        return nlp(doc)

    return _make
