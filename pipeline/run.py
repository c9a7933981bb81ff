"""The batch run: ingest → spaCy pipeline → tables, streaming in chunks.

Reads the inputs of a :class:`~pipeline.config.Settings`, processes every ``ok`` document
with ``nlp.pipe`` and writes all tables with :class:`~pipeline.tables.TableWriter`. Rows
keep the input order whatever the batch size. Public entry point: :func:`run`.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .config import Settings
from .ingest import RawDocument, iter_documents
from .nlp import load_nlp, model_label
from .rules import models_hash
from .tables import TableWriter

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    """What a run did: documents by status, rows per table, wall time."""

    statuses: Counter = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    model: str = ""


def process(nlp: Language, raws: list[RawDocument], batch_size: int) -> Iterator[tuple[RawDocument, Doc | None]]:
    """``(raw, doc)`` for each record, in order; ``doc`` is None for records not ``ok``."""
    todo = []
    for raw in raws:
        if raw.status == "ok":
            doc = nlp.make_doc(raw.text)
            doc._.doc_id = raw.doc_id
            doc._.published = raw.published
            todo.append(doc)
    done = iter(nlp.pipe(todo, batch_size=batch_size))
    for raw in raws:
        yield raw, (next(done) if raw.status == "ok" else None)


def _chunks(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def run(settings: Settings, on_document: Callable[[RawDocument], None] | None = None) -> RunSummary:
    """Process ``settings.inputs`` into the tables under ``settings.out``."""
    started = time.perf_counter()
    nlp = load_nlp(settings)
    model = model_label(nlp)
    writer = TableWriter(settings.out)
    summary = RunSummary(model=model)
    try:
        for chunk in _chunks(iter_documents(settings.inputs), settings.batch_size * 4):
            for raw, doc in process(nlp, chunk, settings.batch_size):
                writer.add_doc(raw, doc, __version__, model)
                summary.statuses[raw.status] += 1
                if on_document:
                    on_document(raw)
        summary.seconds = round(time.perf_counter() - started, 3)
        writer.close({
            "pipeline_version": __version__, "model": model, "models_hash": models_hash(settings.models_dir),
            "config": settings.as_dict(), "input_documents": sum(summary.statuses.values()),
            "documents_by_status": dict(sorted(summary.statuses.items())),
            "wall_seconds": summary.seconds,
        })
    except BaseException:
        writer.abort()
        raise
    summary.rows = dict(writer.counts)
    return summary
