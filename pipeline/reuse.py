"""Incremental runs: the rows of unchanged documents, taken from the previous outputs.

A document's rows are reused when the previous run in the same output folder had the
same model, pipeline version and code, stages and rule data (``models/`` hash) and the document
(same ``doc_id``, i.e. same text) was processed there with status ``ok``. Everything
else is processed again. Public entry point: :func:`load_previous`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pyarrow.parquet as pq

log = logging.getLogger(__name__)

#: Manifest entries that must be equal for rows to be reused.
KEY_FIELDS = ("pipeline_version", "model", "models_hash", "stages", "schema_version", "code_hash")


def run_key(manifest: dict) -> dict:
    """The part of a manifest that decides whether its rows can be reused."""
    return {k: manifest.get(k) for k in KEY_FIELDS}


def load_previous(out: Path, key: dict, tables: list[str]) -> dict[str, dict[str, list]]:
    """``{doc_id: {table: rows, "n_sentences": n}}`` reusable from ``out``; empty if none."""
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
        docs = pq.read_table(Path(out) / "documents", columns=["doc_id", "status", "n_sentences"]).to_pylist()
        by_doc: dict[str, dict[str, list]] = {
            d["doc_id"]: {"n_sentences": d["n_sentences"], **{t: [] for t in tables}}
            for d in docs if d["status"] == "ok"}
        for table in tables:
            for row in pq.read_table(Path(out) / table).to_pylist():
                if row["doc_id"] in by_doc:
                    by_doc[row["doc_id"]][table].append(row)
    except (OSError, ValueError, KeyError) as e:
        log.warning("previous outputs in %s unreadable (%s): processing every document", out, e)
        return {}
    return by_doc
