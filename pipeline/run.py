"""The batch run: ingest → spaCy pipeline → tables, streaming in chunks.

The driver reads the inputs (:func:`pipeline.ingest.iter_documents`), cuts them into
chunks of ``settings.chunk_size`` documents in input order (smaller pieces at both ends,
:func:`chunks`), and hands each chunk to an executor (in process, local processes, or Dask:
:mod:`pipeline.execute`). Each chunk is processed by :func:`process_chunk`, which loads the
model once per process (local workers inherit the driver's, see :func:`run`), reuses the rows
of unchanged documents from the previous outputs (:mod:`pipeline.reuse`), and writes its own
Parquet parts. The driver writes ``actors`` and the manifest and moves the
finished folder into place (:class:`pipeline.tables.TableWriter`).

Output is identical for any number of workers or executor: parts are named by chunk.
Public entry point: :func:`run`.
"""

from __future__ import annotations

import gc
import hashlib
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
from .reuse import load_index, read_rows
from .rules import models_hash
from .tables import (DOC_TABLES, SCHEMA_VERSION, TableWriter, actor_rows, check_out, doc_rows, document_row,
                     write_part)

log = logging.getLogger(__name__)

_NLP_CACHE: dict[Settings, Language] = {}
#: Allocations between two collections of the youngest generation (Python's default: 700).
#: A document's stages allocate tens of thousands of short-lived objects that reference
#: counting frees; collecting every 700 of them walked the young objects ~500 times per 1,000
#: documents (GC ~0.26 s); every 10,000, ~30 times (~0.17 s), with the same peak memory.
GC_YOUNG_THRESHOLD = 10_000


@dataclass
class Chunk:
    """A task: the documents ``index``-th in input order, and which of them to reuse."""

    index: int
    settings: Settings
    tmp: Path
    model: str
    raws: list[RawDocument]
    #: doc_ids whose rows are copied from the previous outputs in ``settings.out``
    reuse: frozenset[str] = frozenset()


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
    """The pipeline for the model, rules and stages of ``settings``, loaded once per process.

    Once loaded, the objects alive (the model, its vocabulary, the compiled rules and
    gazetteers) are moved out of the cyclic garbage collector's reach (``gc.freeze``): they
    live as long as the process, and otherwise every full collection walks them again while
    the documents stream through (about 1% of a run's time on 2,000 documents). The young
    generation is collected less often (:data:`GC_YOUNG_THRESHOLD`). Both settings are the
    process's: a batch run owns its process (a notebook calling :func:`run` keeps them too).
    """
    key = (settings.model, str(settings.models_dir), settings.stages)
    if key not in _NLP_CACHE:
        _NLP_CACHE[key] = load_nlp(settings)
        gc.collect()
        gc.freeze()
        gc.set_threshold(max(GC_YOUNG_THRESHOLD, gc.get_threshold()[0]), *gc.get_threshold()[1:])
    return _NLP_CACHE[key]


def annotate(nlp: Language, raws: list[RawDocument], batch_size: int) -> list[Doc]:
    """Processed Docs for ``raws`` (all ``ok``), in order; long texts are split for the model."""
    short = []
    for raw in raws:
        if len(raw.text) <= nlp.max_length:
            doc = nlp.make_doc(raw.text)
            doc._.doc_id, doc._.published = raw.doc_id, raw.published
            short.append(doc)
    done = iter(list(nlp.pipe(short, batch_size=batch_size)))
    return [next(done) if len(raw.text) <= nlp.max_length
            else process_long(nlp, raw.text, raw.doc_id, raw.published) for raw in raws]


def annotate_safely(nlp: Language, raws: list[RawDocument], batch_size: int) -> dict[str, Doc]:
    """:func:`annotate`, but a document that makes a stage fail becomes an ``error`` row
    (the batch is retried one document at a time) instead of stopping the run."""
    try:
        return dict(zip((r.doc_id for r in raws), annotate(nlp, raws, batch_size)))
    except Exception:  # noqa: BLE001 - isolate the failing document below
        log.warning("a batch failed; retrying its %d documents one by one", len(raws))
    done = {}
    for raw in raws:
        try:
            done[raw.doc_id] = annotate(nlp, [raw], 1)[0]
        except Exception as e:  # noqa: BLE001 - recorded as the document's status
            log.exception("%s: processing failed", raw.source)
            raw.status = "error"
            raw.error = (f"{raw.source}: processing failed ({type(e).__name__}: {e}); "
                         "please report it with this document")
    return done


def process_chunk(chunk: Chunk) -> ChunkResult:
    """Process one chunk and write its Parquet parts into ``chunk.tmp``."""
    todo = [r for r in chunk.raws if r.status == "ok" and r.doc_id not in chunk.reuse]
    done = annotate_safely(_nlp(chunk.settings), todo, chunk.settings.batch_size) if todo else {}
    previous = read_rows(chunk.settings.out, chunk.reuse, list(DOC_TABLES)) if chunk.reuse else {}
    tables: dict[str, list[dict]] = {t: [] for t in DOC_TABLES}
    actors: list[dict] = []
    for raw in chunk.raws:
        doc = done.get(raw.doc_id) if raw.status == "ok" else None
        reused = previous.get(raw.doc_id) if raw.status == "ok" and doc is None else None
        if reused:
            tables["documents"].append(document_row(raw, None, __version__, chunk.model,
                                                    previous=reused["documents"][0]))
        else:
            tables["documents"].append(document_row(raw, doc, __version__, chunk.model))
        rows = doc_rows(doc) if doc is not None else reused or {}
        for table in DOC_TABLES[1:]:
            tables[table].extend(rows.get(table, []))
        actors.extend(actor_rows(rows.get("participants", [])))
    for table, rows in tables.items():
        write_part(chunk.tmp, table, chunk.index, rows)
    return ChunkResult(chunk.index, Counter(r.status for r in chunk.raws),
                       Counter({t: len(rows) for t, rows in tables.items()}), actors,
                       processed=len(todo), reused=len(previous))


#: The first and the last documents of a run go out in pieces this many times smaller than a chunk.
PIECES_PER_CHUNK = 4


def chunks(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    """The documents in input order, in tasks of ``size``, except at both ends: the first
    ``size`` documents go out in pieces of ``ceil(size / PIECES_PER_CHUNK)`` as soon as they
    are read (the last of these may be smaller), and the documents after the last whole chunk
    (``size`` to ``2 * size - 1`` of them; fewer when there are fewer than ``3 * size`` in
    all) are cut into near-equal pieces of at most that size.

    A task is the unit a worker takes. At the start, small pieces set every worker going
    while the driver reads on (a whole chunk waits for two chunks to be read, ~0.2 s for 256
    documents). At the end, with whole chunks, one worker may still have a chunk to do while
    the others wait (up to a chunk's time, ~2 s); small pieces make the workers finish
    together. The cut depends only on the input and ``size``, never on the number of
    workers, so the parts written are the same for any. Reads up to two chunks ahead to know
    where the end is.
    """
    iterator = iter(items)
    piece = -(-size // PIECES_PER_CHUNK)
    for start in range(0, size, piece):
        head = list(itertools.islice(iterator, min(piece, size - start)))
        if head:
            yield head
    ahead = list(itertools.islice(iterator, 2 * size))
    while len(ahead) == 2 * size:
        yield ahead[:size]
        ahead = ahead[size:] + list(itertools.islice(iterator, size))
    n = -(-len(ahead) // piece)  # near-equal pieces of at most `piece`
    for i in range(n):
        yield ahead[len(ahead) * i // n:len(ahead) * (i + 1) // n]


#: Modules that do not change extracted rows (their edits keep previous rows reusable).
NOT_EXTRACTION = ("fetch", "report", "api", "datadict", "tables_meta", "bench", "cli", "evaluate", "__main__")


def code_hash() -> str:
    """SHA-256 (16 hex digits) of the package's extraction code."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if not path.stem.startswith(NOT_EXTRACTION):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def run(settings: Settings, on_progress: Callable[[int], None] | None = None) -> RunSummary:
    """Process ``settings.inputs`` into the tables under ``settings.out``."""
    started = time.perf_counter()
    check_out(settings.out, settings.inputs)
    model = model_identity(settings.model)
    key = {"pipeline_version": __version__, "model": model, "stages": list(settings.stages),
           "models_hash": models_hash(settings.models_dir), "schema_version": SCHEMA_VERSION,
           "code_hash": code_hash()}
    previous = {} if settings.full else load_index(settings.out, key)
    summary = RunSummary(model=model)
    # Local workers inherit the model when every document is to be processed; a rerun that may
    # reuse rows leaves the loading to the workers, which load only for documents to process.
    executor = make_executor(settings.executor, settings.workers, settings.scheduler,
                             preload=None if previous else lambda: _nlp(settings))
    writer = TableWriter(settings.out)
    try:
        documents = iter_documents(settings.inputs, skip=settings.out, models_dir=settings.models_dir)
        tasks = (Chunk(i, settings, writer.tmp, model, raws,
                       frozenset(r.doc_id for r in raws
                                 if r.published in previous.get(r.doc_id, ())))
                 for i, raws in enumerate(chunks(documents, settings.chunk_size)))
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
