"""Incremental runs: the rows of unchanged documents, taken from the previous outputs.

A document's rows are reused when the previous run in the same output folder had the
same model, pipeline version and code, stages and rule data (``models/`` hash) and the document
(same ``doc_id``, i.e. same text) was processed there with status ``ok``. Everything
else is processed again. Public entry point: :func:`load_previous`.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)

#: Manifest entries that must be equal for rows to be reused.
KEY_FIELDS = ("pipeline_version", "model", "models_hash", "stages", "schema_version", "code_hash")


def run_key(manifest: dict) -> dict:
    """The part of a manifest that decides whether its rows can be reused."""
    return {k: manifest.get(k) for k in KEY_FIELDS}


def _records(frame: pd.DataFrame) -> list[dict]:
    rows = frame.to_dict("records")
    for row in rows:
        for key, value in row.items():
            if value is pd.NaT or (isinstance(value, float) and value != value):
                row[key] = None
            elif hasattr(value, "tolist"):  # numpy arrays (list columns)
                row[key] = value.tolist()
    return rows


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
        docs = pd.read_parquet(Path(out) / "documents", columns=["doc_id", "status", "n_sentences"])
        ok = set(docs.loc[docs["status"] == "ok", "doc_id"])
        by_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {t: [] for t in tables})
        for doc_id, n in zip(docs["doc_id"], docs["n_sentences"]):
            if doc_id in ok:
                by_doc[doc_id]["n_sentences"] = int(n)  # type: ignore[assignment]
        for table in tables:
            frame = pd.read_parquet(Path(out) / table)
            frame = frame[frame["doc_id"].isin(ok)]
            for row in _records(frame):
                by_doc[row["doc_id"]][table].append(row)
    except (OSError, ValueError, KeyError) as e:
        log.warning("previous outputs in %s unreadable (%s): processing every document", out, e)
        return {}
    return dict(by_doc)
