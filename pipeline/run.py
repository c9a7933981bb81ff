"""The batch run: ingest → spaCy pipeline → tables, streaming in chunks.

The driver reads the inputs (:func:`pipeline.ingest.iter_documents`), cuts them into
chunks of ``settings.chunk_size`` documents in input order, and hands each chunk to an
executor (in process, local processes, or Dask: :mod:`pipeline.execute`). Each chunk is
processed by :func:`process_chunk`, which loads the model once per process, reuses the
rows of unchanged documents from the previous outputs (:mod:`pipeline.reuse`), and writes
its own Parquet parts. The driver writes ``actors`` and the manifest and moves the
finished folder into place (:class:`pipeline.tables.TableWriter`).

Output is identical for any number of workers or executor: parts are named by chunk.
Public entry point: :func:`run`.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .config import Settings
from .execute import make_executor
from .ingest import RawDocument, iter_documents
from .nlp import load_nlp, model_identity, process_long
from .reuse import load_previous
from .rules import models_hash
from .tables import DOC_TABLES, SCHEMA_VERSION, TableWriter, actor_rows, doc_rows, document_row, write_part

log = logging.getLogger(__name__)

_NLP_CACHE: dict[Settings, Language] = {}


@dataclass
class Chunk:
    """A task: documents ``index``-th in input order, plus the reusable rows among them."""

    index: int
    settings: Settings
    tmp: Path
    model: str
    raws: list[RawDocument]
    reused: dict[str, dict[str, list[dict]]]


@dataclass
class ChunkResult:
    index: int
    statuses: Counter
    rows: Counter
    actors: list[dict]
    processed: int
    reused: int


@dataclass
class RunSummary:
    """What a run did: documents by status, rows per table, documents processed or reused."""

    statuses: Counter = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    processed: int = 0
    reused: int = 0
    seconds: float = 0.0
    model: str = ""


def _nlp(settings: Settings) -> Language:
    """The pipeline for ``settings``, loaded once per process."""
    if settings not in _NLP_CACHE:
        _NLP_CACHE[settings] = load_nlp(settings)
    return _NLP_CACHE[settings]


def annotate(nlp: Language, raws: list[RawDocument], batch_size: int) -> Iterator[Doc]:
    """Processed Docs for ``raws`` (all ``ok``), in order; long texts are split for the model."""
    docs = []
    for raw in raws:
        doc = nlp.make_doc(raw.text) if len(raw.text) <= nlp.max_length else None
        docs.append(doc)
    short = [d for d in docs if d is not None]
    for d, raw in zip(docs, raws):
        if d is not None:
            d._.doc_id, d._.published = raw.doc_id, raw.published
    done = iter(nlp.pipe(short, batch_size=batch_size))
    for doc, raw in zip(docs, raws):
        yield next(done) if doc is not None else process_long(nlp, raw.text, raw.doc_id, raw.published)


def process_chunk(chunk: Chunk) -> ChunkResult:
    """Process one chunk and write its Parquet parts into ``chunk.tmp``."""
    todo = [r for r in chunk.raws if r.status == "ok" and r.doc_id not in chunk.reused]
    nlp = _nlp(chunk.settings) if todo else None
    done = dict(zip((r.doc_id for r in todo), annotate(nlp, todo, chunk.settings.batch_size))) if todo else {}
    tables: dict[str, list[dict]] = {t: [] for t in DOC_TABLES}
    actors: list[dict] = []
    for raw in chunk.raws:
        doc = done.get(raw.doc_id) if raw.status == "ok" else None
        reused = chunk.reused.get(raw.doc_id) if raw.status == "ok" and doc is None else None
        n_sentences = reused["n_sentences"] if reused else None
        tables["documents"].append(document_row(raw, doc, __version__, chunk.model, n_sentences))
        rows = doc_rows(doc) if doc is not None else reused or {}
        for table in DOC_TABLES[1:]:
            tables[table].extend(rows.get(table, []))
        actors.extend(actor_rows(rows.get("participants", [])))
    for table, rows in tables.items():
        write_part(chunk.tmp, table, chunk.index, rows)
    return ChunkResult(chunk.index, Counter(r.status for r in chunk.raws),
                       Counter({t: len(rows) for t, rows in tables.items()}), actors,
                       processed=len(todo), reused=sum(r.doc_id in chunk.reused for r in chunk.raws
                                                       if r.status == "ok"))


def _chunks(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def run(settings: Settings, on_progress: Callable[[int], None] | None = None) -> RunSummary:
    """Process ``settings.inputs`` into the tables under ``settings.out``."""
    started = time.perf_counter()
    model = model_identity(settings.model)
    key = {"pipeline_version": __version__, "model": model, "stages": list(settings.stages),
           "models_hash": models_hash(settings.models_dir), "schema_version": SCHEMA_VERSION,
           "code_hash": models_hash(Path(__file__).parent, "*.py")}
    previous = {} if settings.full else load_previous(settings.out, key, list(DOC_TABLES[1:]))
    writer = TableWriter(settings.out)
    summary = RunSummary(model=model)
    executor = make_executor(settings.executor, settings.workers, settings.scheduler)
    try:
        tasks = (Chunk(i, settings, writer.tmp, model, raws,
                       {r.doc_id: previous[r.doc_id] for r in raws if r.doc_id in previous})
                 for i, raws in enumerate(_chunks(iter_documents(settings.inputs, skip=settings.out),
                                                   settings.chunk_size)))
        for result in executor.map(process_chunk, tasks):
            writer.record(result.rows, result.actors)
            summary.statuses.update(result.statuses)
            summary.processed += result.processed
            summary.reused += result.reused
            if on_progress:
                on_progress(sum(result.statuses.values()))
        summary.seconds = round(time.perf_counter() - started, 3)
        writer.close({
            **key, "config": settings.as_dict(), "input_documents": sum(summary.statuses.values()),
            "documents_by_status": dict(sorted(summary.statuses.items())),
            "documents_processed": summary.processed, "documents_reused": summary.reused,
            "wall_seconds": summary.seconds,
        })
    except BaseException:
        writer.abort()
        raise
    finally:
        executor.close()
    summary.rows = dict(writer.counts)
    return summary
