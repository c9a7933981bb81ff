"""docs/RULES.md, the reference of the rule files, names every file of models/, every column of every CSV
file and every controlled value the researcher writes (cue classes, ``requires`` values, word kinds)."""

import csv
import re
from pathlib import Path

import pytest

from pipeline import commitment_rules, events_lexicon
from pipeline.participants import WORD_KINDS

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"
PAGE = ROOT / "docs" / "RULES.md"


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _files() -> list[str]:
    return sorted(p.relative_to(MODELS).as_posix() for p in MODELS.rglob("*") if p.is_file())


def _section(rel: str) -> str:
    """The text of the page under the heading naming ``rel`` (``### `events/cues.csv```), up to the next
    heading; empty when there is none."""
    lines = _page().splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("#") and f"`{rel}`" in line), None)
    if start is None:
        return ""
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return "\n".join(lines[start + 1:end])


def _columns() -> list[tuple[str, str]]:
    out = []
    for rel in _files():
        if rel.endswith(".csv"):
            with (MODELS / rel).open(encoding="utf-8", newline="") as fh:
                out += [(rel, column) for column in next(csv.reader(fh))]
    return out


def _has_item(section: str, value: str, indent: str = "") -> bool:
    """Whether ``section`` has a list item for ``value``: a line ``- `value```, indented by ``indent``."""
    return re.search(rf"^{indent}- `{re.escape(value)}`", section, re.MULTILINE) is not None


@pytest.mark.parametrize("rel", [f for f in _files() if not f.endswith("README.md")])
def test_every_rule_file_has_its_heading(rel):
    assert _section(rel).strip(), f"docs/RULES.md has no heading naming `{rel}`"


@pytest.mark.parametrize("rel", [f for f in _files() if f.endswith("README.md")])
def test_every_readme_under_models_is_linked(rel):
    assert f"(../models/{rel})" in _page()


@pytest.mark.parametrize(("rel", "column"), _columns(), ids=[f"{r}:{c}" for r, c in _columns()])
def test_every_column_has_its_line(rel, column):
    """One line per column (a list item naming it first), in the file's own section; columns that go
    together may share it ("- `left`, `right` ...")."""
    section = _section(rel)
    assert re.search(rf"^- (`\w+`, )*`{column}`", section, re.MULTILINE), \
        f"the section of `{rel}` in docs/RULES.md has no line for its column `{column}`"


@pytest.mark.parametrize("cls", sorted(events_lexicon.CUE_CLASSES))
def test_every_cue_class_has_its_row(cls):
    assert re.search(rf"^\| `{cls}` \|", _section("events/cues.csv"), re.MULTILINE), \
        f"the table of events/cues.csv in docs/RULES.md has no row for the class `{cls}`"


@pytest.mark.parametrize("value", sorted(commitment_rules.REQUIREMENTS))
def test_every_commitment_requirement_is_explained(value):
    assert _has_item(_section("commitments/triggers.csv"), value, indent=" +")


@pytest.mark.parametrize("value", sorted(events_lexicon.REQUIREMENTS))
def test_every_event_trigger_requirement_is_explained(value):
    assert _has_item(_section("events/triggers.csv"), value, indent=" +")


@pytest.mark.parametrize("kind", sorted(WORD_KINDS))
def test_every_participant_word_kind_is_explained(kind):
    assert _has_item(_section("participants/words.csv"), kind, indent=" +")
