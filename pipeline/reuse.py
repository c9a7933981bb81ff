"""Incremental runs: the rows of unchanged documents, taken from the previous outputs.

A document's rows are reused when the previous run in the same output folder had the
same model, pipeline version and extraction code, stages and rule data (``models/``
hash), and the document (same ``doc_id``, i.e. same text, and same publication date,
which the stages resolve dates and offices against) was processed there with status
``ok``. Everything else is processed again. Public entry points: :func:`load_index`
(in the driver) and :func:`read_rows` (in the worker, for its chunk).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

log = logging.getLogger(__name__)

#: Manifest entries that must be equal for rows to be reused.
KEY_FIELDS = ("pipeline_version", "model", "models_hash", "stages", "schema_version", "code_hash")


def run_key(manifest: dict) -> dict:
    """The part of a manifest that decides whether its rows can be reused."""
    return {k: manifest.get(k) for k in KEY_FIELDS}


def load_index(out: Path, key: dict) -> dict[str, frozenset[dt.date | None]]:
    """``{doc_id: the input publication dates its rows fit}`` of the ``ok`` documents of the
    previous run in ``out`` whose rows can be reused (same ``key``); empty when there is none.

    A document dated from its own text (``published_from`` is ``text``) had that date as input
    when ingest found it, and none when the ``sre_undated`` stage did: both fit (its date
    follows from its text, the rules and the code, all in the key)."""
    manifest_path = Path(out) / "manifest.json"
    if not manifest_path.exists():
        return {}
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        log.warning("%s unreadable (%s): processing every document", manifest_path, e)
        return {}
    if run_key(manifest) != key:
        log.info("previous outputs in %s were made with other settings: processing everything", out)
        return {}
    try:
        docs = pq.read_table(Path(out) / "documents", columns=["doc_id", "status", "published", "published_from"])
        for part in sorted(Path(out).glob("*/part-*.parquet")):  # the rows to reuse: every part must read
            pq.read_metadata(part)
    except (OSError, ValueError) as e:
        log.warning("previous outputs in %s unreadable (%s): processing every document", out, e)
        return {}
    return {d["doc_id"]: frozenset({d["published"], None} if d["published_from"] == "text" else {d["published"]})
            for d in docs.to_pylist() if d["status"] == "ok"}


def read_rows(out: Path, doc_ids: Iterable[str], tables: list[str]) -> dict[str, dict[str, list[dict]]]:
    """``{doc_id: {table: rows}}`` of ``doc_ids`` from the previous outputs in ``out``
    (read with a filter, so a worker holds only its own chunk's rows)."""
    import pyarrow.dataset as ds  # here: only a rerun that reuses rows needs it

    ids = pa.array(sorted(set(doc_ids)), type=pa.string())
    rows: dict[str, dict[str, list[dict]]] = {d: {t: [] for t in tables} for d in ids.to_pylist()}
    for table in tables:
        data = ds.dataset(Path(out) / table, format="parquet")
        for row in data.to_table(filter=ds.field("doc_id").isin(ids)).to_pylist():
            rows[row["doc_id"]][table].append(row)
    return rows
