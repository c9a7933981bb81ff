"""Tables: the Parquet output contract of ``../shared/spec/TABLES.md``, and its writer.

Reads processed ``Doc`` objects (their extension attributes, see :mod:`pipeline.records`)
and the ingest records; writes ``<out>/<table>/part-NNNNNN.parquet`` for the nine tables
and ``<out>/manifest.json``. Tables are written into a temporary folder beside the
output and moved into place only when complete, manifest last: an interrupted run leaves
the previous outputs as they were.

Public entry points: :data:`SCHEMAS`, :func:`doc_rows`, :class:`TableWriter`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from .arrow_rows import table_from_rows
from .ingest import RawDocument
from .records import get_list

if TYPE_CHECKING:
    from spacy.tokens import Doc

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


def document_row(raw: RawDocument, doc: Doc | None, pipeline_version: str, model: str,
                 previous: dict | None = None) -> dict:
    """The ``documents`` row of one input: ``doc`` is its processed Doc, or None when it was not
    processed; ``previous`` is its row in the previous outputs when its other rows are reused."""
    if previous is not None:
        n_sentences = previous["n_sentences"]
    else:
        n_sentences = sum(1 for _ in doc.sents) if doc is not None and doc.has_annotation("SENT_START") else 0
    return {
        "doc_id": raw.doc_id, "source": raw.source, "title": raw.title,
        **_publication(raw, doc, previous),
        "language": raw.language, "status": raw.status, "error": raw.error,
        "text": raw.text, "n_chars": len(raw.text), "n_sentences": n_sentences,
        "pipeline_version": pipeline_version, "model": model,
    }


def _publication(raw: RawDocument, doc: Doc | None, previous: dict | None) -> dict[str, Any]:
    """The input's publication date, or the one a stage read from the text of an undated one
    (in this run, or in the previous run whose rows are reused)."""
    if raw.published is None and doc is not None and doc._.published_from is not None:
        return {"published": doc._.published, "published_from": doc._.published_from}
    if raw.published is None and previous is not None and previous["published_from"] == "text":
        return {"published": previous["published"], "published_from": "text"}
    return {"published": raw.published, "published_from": raw.published_from}


#: Columns each record type fills (all but ``doc_id`` and the per-document index it lacks).
_COLUMNS = {t: [f.name for f in SCHEMAS[t] if f.name not in ("doc_id", "mention_id")] for t in SCHEMAS}
#: Which Doc attribute fills which table.
_RECORD_TABLES = (("participants", "participants"), ("timexes", "dates"),
                  ("commitments", "commitments"), ("events", "events"))


def doc_rows(doc: Doc) -> dict[str, list[dict]]:
    """Rows of every per-document table (but ``documents``) from one processed ``Doc``."""
    doc_id = doc._.doc_id
    rows: dict[str, list[dict]] = {t: [] for t in DOC_TABLES if t != "documents"}
    rows["mentions"] = [{"doc_id": doc_id, "mention_id": i, **_fields(m, _COLUMNS["mentions"])}
                        for i, m in enumerate(get_list(doc, "mentions"))]
    for attribute, table in _RECORD_TABLES:
        rows[table] = [{"doc_id": doc_id, **_fields(r, _COLUMNS[table])} for r in get_list(doc, attribute)]
    for c in get_list(doc, "commitments"):
        rows["commitment_actors"] += [{"doc_id": doc_id, "commitment_id": c.commitment_id,
                                       "actor_id": a} for a in dict.fromkeys(c.actor_ids)]
    for e in get_list(doc, "events"):
        rows["event_participants"] += [{"doc_id": doc_id, "event_id": e.event_id,
                                        "actor_id": a} for a in dict.fromkeys(e.actor_ids)]
    return rows


ACTOR_COLUMNS = ("actor_id", "name", "kind", "country")


def actor_rows(participant_rows: list[dict]) -> list[dict]:
    """``actors`` rows from a document's ``participants`` rows."""
    return [{k: p[k] for k in ACTOR_COLUMNS} for p in participant_rows]


def write_part(folder: Path, table: str, index: int, rows: list[dict]) -> None:
    """Write ``rows`` as ``<folder>/<table>/part-<index>.parquet`` (nothing when empty)."""
    if rows:
        data = table_from_rows(rows, SCHEMAS[table])
        pq.write_table(data, Path(folder) / table / f"part-{index:06d}.parquet")


class TableWriter:
    """The output folder of one run: built in ``<out>.tmp-<pid>``, swapped in on :meth:`close`.

    Workers write their parts into :attr:`tmp` (one per table and chunk, see
    :func:`write_part`); the driver records their counts (:meth:`record`) and actors, then
    :meth:`close` writes ``actors``, an empty part for each table without rows (so every
    table has its schema), ``manifest.json`` last, and moves the folder into place.
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.tmp = self.out.with_name(f"{self.out.name}.tmp-{os.getpid()}")
        remove_stale(self.out)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.counts: Counter[str] = Counter({t: 0 for t in SCHEMAS})
        self.actors: dict[str, dict] = {}
        for table in SCHEMAS:
            (self.tmp / table).mkdir(parents=True, exist_ok=True)

    def record(self, rows: Counter, actors: list[dict]) -> None:
        """Count a finished chunk's rows and keep its actors (first seen wins)."""
        self.counts.update(rows)
        for row in actors:
            self.actors.setdefault(row["actor_id"], row)

    def close(self, manifest: dict[str, Any]) -> None:
        """Write ``actors``, empty tables, ``manifest.json`` last; move the folder into place."""
        actors = sorted(self.actors.values(), key=lambda r: r["actor_id"])
        write_part(self.tmp, "actors", 0, actors)
        self.counts["actors"] = len(actors)
        for table in SCHEMAS:
            if not any((self.tmp / table).glob("*.parquet")):
                pq.write_table(SCHEMAS[table].empty_table(), self.tmp / table / "part-000000.parquet")
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


#: A run's folders beside its output folder (``<name>.tmp-<pid>`` while writing, ``<name>.old-<pid>``
#: while swapping), left there when the run is killed.
_LEFTOVER = re.compile(r"(?P<name>.+)\.(?P<kind>tmp|old)-(?P<pid>\d+)")


class OutputFolderError(ValueError):
    """``--out`` names a path that writing the tables would destroy: not this tool's outputs."""


#: What an output folder may hold besides the tables: the manifest, ``make report``'s page and,
#: as folders with a manifest of their own, other runs' outputs (``make eval``'s).
_OWN_FILES = frozenset({"manifest.json", "report.html"})


def check_out(out: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output folder whose replacement would delete what no run wrote: a file, a
    folder holding an input, or one holding anything but tables, ``manifest.json``,
    ``report.html`` and earlier outputs. Raises :class:`OutputFolderError` saying what to do."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"--out {out} is a file; give a folder for the tables.")
    where = out.resolve()
    for given in inputs:
        if where == Path(given).resolve() or where in Path(given).resolve().parents:
            raise OutputFolderError(f"--out {out} holds the input {given}: writing the tables replaces the "
                                    "folder. Give an output folder outside the inputs (default: outputs).")
    foreign = _foreign(out) if out.is_dir() else None
    if foreign is not None:
        raise OutputFolderError(f"--out {out} holds {foreign.relative_to(out)}, which no run wrote: writing the "
                                "tables replaces the folder and would delete it. Move it, or give a new or empty "
                                "folder for --out.")


def _foreign(folder: Path) -> Path | None:
    """The first entry of an output folder that no run wrote, if any: runs write table folders
    of part files, ``manifest.json``, ``report.html``, other runs' output folders (``make
    eval``'s) and, when killed, their leftovers; hidden files (``.DS_Store``) are the system's."""
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or _LEFTOVER.fullmatch(entry.name):
            continue
        if entry.is_file() and entry.name in _OWN_FILES:
            continue
        if entry.is_dir() and entry.name in SCHEMAS:
            stray = next((f for f in sorted(entry.iterdir()) if not f.name.startswith("part-")), None)
            if stray is None:
                continue
            return stray
        if entry.is_dir() and ((entry / "manifest.json").is_file() or not any(entry.iterdir())):
            found = _foreign(entry)
            if found is None:
                continue
            return found
        return entry
    return None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(out: Path) -> None:
    """Clean up after runs that were killed: their temporary folders, and a half-done swap.

    If a run died between moving the old outputs aside and moving the new ones in, the old
    outputs are put back.
    """
    for leftover in sorted(out.parent.glob(f"{out.name}.*-*")):
        found = _LEFTOVER.fullmatch(leftover.name)
        if found is None or found["name"] != out.name:
            continue
        pid = int(found["pid"])
        if _pid_alive(pid) and pid != os.getpid():
            continue
        if found["kind"] == "old" and not out.exists():
            os.replace(leftover, out)
            log.warning("restored previous outputs from %s (a run was interrupted)", leftover)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
