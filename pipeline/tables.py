"""Tables: the Parquet output contract of ``../shared/spec/TABLES.md``, and its writer.

Reads processed ``Doc`` objects (their extension attributes, see :mod:`pipeline.records`)
and the ingest records; writes ``<out>/<table>/part-NNNNN.parquet`` for the nine tables
and ``<out>/manifest.json``. Tables are written into a temporary folder beside the
output and moved into place only when complete, manifest last: an interrupted run leaves
the previous outputs as they were.

Public entry points: :data:`SCHEMAS`, :func:`doc_rows`, :class:`TableWriter`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from spacy.tokens import Doc

from .ingest import RawDocument
from .records import get_list

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1.0"

_s, _i, _d = pa.string(), pa.int32(), pa.date32()


def _schema(*fields: tuple[str, pa.DataType, bool]) -> pa.Schema:
    return pa.schema([pa.field(name, kind, nullable=nullable) for name, kind, nullable in fields])


#: The nine tables, in the order they are written; exact names and Arrow types of TABLES.md.
SCHEMAS: dict[str, pa.Schema] = {
    "documents": _schema(
        ("doc_id", _s, False), ("source", _s, False), ("title", _s, True),
        ("published", _d, True), ("published_from", _s, False), ("language", _s, True),
        ("status", _s, False), ("error", _s, True), ("text", _s, False),
        ("n_chars", _i, False), ("n_sentences", _i, False),
        ("pipeline_version", _s, False), ("model", _s, False)),
    "actors": _schema(
        ("actor_id", _s, False), ("name", _s, False), ("kind", _s, False), ("country", _s, True)),
    "participants": _schema(
        ("doc_id", _s, False), ("actor_id", _s, False), ("name", _s, False), ("kind", _s, False),
        ("role", _s, True), ("role_code", _s, True), ("country", _s, True),
        ("organization", _s, True), ("n_mentions", _i, False), ("start", _i, False),
        ("end", _i, False), ("resolved_by", _s, False)),
    "mentions": _schema(
        ("doc_id", _s, False), ("mention_id", _i, False), ("start", _i, False),
        ("end", _i, False), ("text", _s, False), ("label", _s, False),
        ("sentence", _i, False), ("actor_id", _s, True)),
    "dates": _schema(
        ("doc_id", _s, False), ("timex_id", _i, False), ("start", _i, False), ("end", _i, False),
        ("text", _s, False), ("type", _s, False), ("value", _s, True),
        ("date_start", _d, True), ("date_end", _d, True), ("granularity", _s, True),
        ("anchor", _s, False)),
    "commitments": _schema(
        ("doc_id", _s, False), ("commitment_id", _i, False), ("start", _i, False),
        ("end", _i, False), ("sentence_start", _i, False), ("sentence_end", _i, False),
        ("trigger", _s, False), ("trigger_lemma", _s, False), ("action", _s, False),
        ("action_lemma", _s, True), ("modality", _s, False), ("topics", pa.list_(_s), False),
        ("due_timex_id", _i, True)),
    "commitment_actors": _schema(
        ("doc_id", _s, False), ("commitment_id", _i, False), ("actor_id", _s, False)),
    "events": _schema(
        ("doc_id", _s, False), ("event_id", _i, False), ("kind", _s, False), ("name", _s, True),
        ("status", _s, False), ("date_value", _s, True), ("date_start", _d, True),
        ("date_end", _d, True), ("timex_id", _i, True), ("location", _s, True),
        ("location_country", _s, True), ("start", _i, False), ("end", _i, False)),
    "event_participants": _schema(
        ("doc_id", _s, False), ("event_id", _i, False), ("actor_id", _s, False)),
}

#: Tables with one row per document-level record (all but the corpus-wide ``actors``).
DOC_TABLES = tuple(t for t in SCHEMAS if t != "actors")


def _fields(record: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


def document_row(raw: RawDocument, doc: Doc | None, pipeline_version: str, model: str) -> dict:
    """The ``documents`` row of one input (``doc`` is None when it was not processed)."""
    n_sentences = sum(1 for _ in doc.sents) if doc is not None and doc.has_annotation("SENT_START") else 0
    return {
        "doc_id": raw.doc_id, "source": raw.source, "title": raw.title,
        "published": raw.published, "published_from": raw.published_from,
        "language": raw.language, "status": raw.status, "error": raw.error,
        "text": raw.text, "n_chars": len(raw.text), "n_sentences": n_sentences,
        "pipeline_version": pipeline_version, "model": model,
    }


def doc_rows(doc: Doc) -> dict[str, list[dict]]:
    """Rows of every per-document table (but ``documents``) from one processed ``Doc``."""
    doc_id = doc._.doc_id
    rows: dict[str, list[dict]] = {t: [] for t in DOC_TABLES if t != "documents"}
    names = {t: [f.name for f in SCHEMAS[t] if f.name != "doc_id"] for t in SCHEMAS}
    for i, m in enumerate(get_list(doc, "mentions")):
        rows["mentions"].append({"doc_id": doc_id, "mention_id": i,
                                 **_fields(m, [n for n in names["mentions"] if n != "mention_id"])})
    for p in get_list(doc, "participants"):
        rows["participants"].append({"doc_id": doc_id, **_fields(p, names["participants"])})
    for t in get_list(doc, "timexes"):
        rows["dates"].append({"doc_id": doc_id, **_fields(t, names["dates"])})
    for c in get_list(doc, "commitments"):
        rows["commitments"].append({"doc_id": doc_id, **_fields(c, names["commitments"])})
        rows["commitment_actors"] += [{"doc_id": doc_id, "commitment_id": c.commitment_id,
                                       "actor_id": a} for a in dict.fromkeys(c.actor_ids)]
    for e in get_list(doc, "events"):
        rows["events"].append({"doc_id": doc_id, **_fields(e, names["events"])})
        rows["event_participants"] += [{"doc_id": doc_id, "event_id": e.event_id,
                                        "actor_id": a} for a in dict.fromkeys(e.actor_ids)]
    return rows


def actor_rows(doc: Doc) -> list[dict]:
    """``actors`` rows for the participants of one document."""
    return [{"actor_id": p.actor_id, "name": p.name, "kind": p.kind, "country": p.country}
            for p in get_list(doc, "participants")]


class TableWriter:
    """Writes the tables part by part into ``<out>.tmp-<pid>`` and swaps it in on :meth:`close`.

    Rows are buffered per table and flushed as a Parquet part every ``part_rows`` rows,
    so memory stays flat however many documents a run has.
    """

    def __init__(self, out: Path, part_rows: int = 50_000) -> None:
        self.out = Path(out)
        self.tmp = self.out.with_name(f"{self.out.name}.tmp-{os.getpid()}")
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.part_rows = part_rows
        self.buffers: dict[str, list[dict]] = {t: [] for t in SCHEMAS}
        self.parts: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.actors: dict[str, dict] = {}
        for table in SCHEMAS:
            (self.tmp / table).mkdir(parents=True, exist_ok=True)

    def add(self, table: str, rows: list[dict]) -> None:
        """Buffer ``rows`` for ``table``; flush a part when the buffer is full."""
        self.buffers[table].extend(rows)
        self.counts[table] += len(rows)
        if len(self.buffers[table]) >= self.part_rows:
            self._flush(table)

    def add_doc(self, raw: RawDocument, doc: Doc | None, pipeline_version: str, model: str) -> None:
        """Buffer every row of one document (its ``documents`` row and, if processed, the rest)."""
        self.add("documents", [document_row(raw, doc, pipeline_version, model)])
        if doc is None:
            return
        for table, rows in doc_rows(doc).items():
            self.add(table, rows)
        for row in actor_rows(doc):
            self.actors.setdefault(row["actor_id"], row)

    def _flush(self, table: str) -> None:
        rows = self.buffers[table]
        if not rows and self.parts[table]:
            return
        data = pa.Table.from_pylist(rows, schema=SCHEMAS[table])
        pq.write_table(data, self.tmp / table / f"part-{self.parts[table]:05d}.parquet")
        self.parts[table] += 1
        self.buffers[table] = []

    def close(self, manifest: dict[str, Any]) -> None:
        """Flush every table, write ``manifest.json`` last, then move the folder into place."""
        self.add("actors", sorted(self.actors.values(), key=lambda r: r["actor_id"]))
        for table in SCHEMAS:
            self._flush(table)
        manifest = {**manifest, "schema_version": SCHEMA_VERSION,
                    "rows": {t: self.counts[t] for t in SCHEMAS}}
        (self.tmp / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
        old = self.out.with_name(f"{self.out.name}.old-{os.getpid()}")
        if self.out.exists():
            os.replace(self.out, old)
        os.replace(self.tmp, self.out)
        shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Discard the partial tables; the previous outputs stay as they were."""
        shutil.rmtree(self.tmp, ignore_errors=True)
