"""Scoring against gold files, with exactly the rules at the end of ANNOTATION.md.

Reads a folder of gold JSON files and the tables of a run (``--out``); each gold file is
paired with the ``documents`` row whose ``source`` has the gold's ``file`` name. Counts
are summed over documents (micro-averaged). Public entry points: :func:`evaluate`,
:func:`format_report`, and the pure scorers ``score_*`` (one per layer, tested on
hand-made predictions).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .textnorm import content_words, jaccard, strip_accents

log = logging.getLogger(__name__)

_STOP = frozenset("para como entre sobre este esta estos estas desde hasta donde cuando "
                  "ante tras durante segun sean fueron sera seran dicha dicho tambien".split())


def norm(text: str | None) -> str:
    """Lower-case, accents removed, white space collapsed (the scoring comparison form;
    punctuation is kept, as ANNOTATION.md says)."""
    return " ".join(strip_accents(text.lower()).split()) if text else ""


def frame_records(frame: pd.DataFrame) -> list[dict]:
    """Rows of a table read back with pandas, as plain Python values (None for missing)."""
    rows = frame.to_dict("records")
    for row in rows:
        for key, value in row.items():
            if hasattr(value, "tolist"):  # numpy arrays (list columns) and scalars
                row[key] = value.tolist()
            elif value is pd.NaT or (isinstance(value, float) and value != value) or value is pd.NA:
                row[key] = None
    return rows


@dataclass
class Score:
    """Counts for one layer: matches, predictions, gold items, and per-attribute hits."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    hits: dict[str, list[int]] = field(default_factory=dict)  # attribute -> [right, total]

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        for key, (right, total) in other.hits.items():
            acc = self.hits.setdefault(key, [0, 0])
            acc[0] += right
            acc[1] += total

    def hit(self, key: str, right: bool) -> None:
        acc = self.hits.setdefault(key, [0, 0])
        acc[0] += int(right)
        acc[1] += 1

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, key: str) -> float | None:
        right, total = self.hits.get(key, [0, 0])
        return right / total if total else None


def _greedy(n_gold: int, n_pred: int, ok: Callable[[int, int], float | None]) -> list[tuple[int, int]]:
    """One-to-one pairs, best score first (ties: gold order, then prediction order)."""
    candidates = []
    for g in range(n_gold):
        for p in range(n_pred):
            s = ok(g, p)
            if s is not None:
                candidates.append((-s, g, p))
    used_g, used_p, pairs = set(), set(), []
    for _, g, p in sorted(candidates):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return pairs


def alias_map(gold_participants: Sequence[dict]) -> dict[str, str]:
    """Normalised name or alias -> normalised canonical gold name."""
    out: dict[str, str] = {}
    for gp in gold_participants:
        for n in [gp["name"], *gp.get("aliases", [])]:
            out.setdefault(norm(n), norm(gp["name"]))
    return out


def _name_set(names: Sequence[str], aliases: dict[str, str]) -> set[str]:
    return {aliases.get(norm(n), norm(n)) for n in names}


def score_participants(gold: Sequence[dict], pred: Sequence[dict]) -> Score:
    """Participants of one kind group: name or alias equality, one-to-one; role_code/country."""
    score = Score(n_pred=len(pred), n_gold=len(gold))
    names = [{norm(g["name"]), *map(norm, g.get("aliases", []))} for g in gold]
    pairs = _greedy(len(gold), len(pred),
                    lambda g, p: (2.0 if norm(pred[p]["name"]) == norm(gold[g]["name"]) else 1.0)
                    if norm(pred[p]["name"]) in names[g] else None)
    score.tp = len(pairs)
    for g, p in pairs:
        score.hit("role_code", pred[p].get("role_code") == gold[g].get("role_code"))
        score.hit("country", pred[p].get("country") == gold[g].get("country"))
    return score


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle:
        return []
    return [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


def score_dates(gold: Sequence[dict], pred: Sequence[dict], text: str) -> Score:
    """Dates (DATE/TIME): text overlap in the document and equal value (or null gold value)."""
    gold = [g for g in gold if g.get("type", "DATE") in ("DATE", "TIME")]
    pred = [p for p in pred if p.get("type") in ("DATE", "TIME")]
    spans = [_occurrences(text, g["text"]) for g in gold]

    def overlaps(g: int, p: int) -> bool:
        ps, pe = pred[p]["start"], pred[p]["end"]
        return any(s < pe and ps < e for s, e in spans[g])

    def ok(g: int, p: int) -> float | None:
        if not overlaps(g, p):
            return None
        return 1.0 if gold[g]["value"] is None or pred[p]["value"] == gold[g]["value"] else None

    score = Score(n_pred=len(pred), n_gold=len(gold))
    score.tp = len(_greedy(len(gold), len(pred), ok))
    for g in range(len(gold)):
        if gold[g]["value"] is None:
            continue
        over = [p for p in range(len(pred)) if overlaps(g, p)]
        if over:
            score.hit("value", any(pred[p]["value"] == gold[g]["value"] for p in over))
    return score


def score_commitments(gold: Sequence[dict], pred: Sequence[dict], aliases: dict[str, str]) -> Score:
    """Commitments: Jaccard of action content words >= 0.5, best pairs first; modality/actors."""
    gw = [content_words(g["action"]) for g in gold]
    pw = [content_words(p["action"]) for p in pred]

    def ok(g: int, p: int) -> float | None:
        j = jaccard(gw[g], pw[p])
        return j if j >= 0.5 else None

    score = Score(n_pred=len(pred), n_gold=len(gold))
    pairs = _greedy(len(gold), len(pred), ok)
    score.tp = len(pairs)
    for g, p in pairs:
        score.hit("modality", pred[p]["modality"] == gold[g]["modality"])
        score.hit("actors", _name_set(pred[p]["actors"], aliases) == _name_set(gold[g]["actors"], aliases))
    return score


def score_events(gold: Sequence[dict], pred: Sequence[dict], status: str,
                 aliases: dict[str, str]) -> Score:
    """Events of one status: equal dates and (same kind or a shared content word)."""
    gold = [g for g in gold if g["status"] == status]
    pred = [p for p in pred if p["status"] == status]
    gw = [content_words(f"{g.get('name') or ''} {g.get('evidence') or ''}") - _STOP for g in gold]
    pw = [content_words(f"{p.get('name') or ''} {p.get('evidence') or ''}") - _STOP for p in pred]

    def ok(g: int, p: int) -> float | None:
        if (gold[g].get("date") or None) != (pred[p].get("date") or None):
            return None
        same_kind = gold[g]["kind"] == pred[p]["kind"]
        shared = len(gw[g] & pw[p])
        if not same_kind and not shared:
            return None
        return float(same_kind) + shared / 100

    score = Score(n_pred=len(pred), n_gold=len(gold))
    pairs = _greedy(len(gold), len(pred), ok)
    score.tp = len(pairs)
    for g, p in pairs:
        score.hit("date", (gold[g].get("date") or None) == (pred[p].get("date") or None))
        score.hit("location", norm(gold[g].get("location")) == norm(pred[p].get("location")))
        score.hit("participants", _name_set(pred[p]["participants"], aliases)
                  == _name_set(gold[g].get("participants", []), aliases))
    return score


LAYERS = ("persons", "organizations", "dates", "commitments", "events_held", "events_planned")
ORG_KINDS = ("organization", "group")


def _read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / table)


def predictions(out: Path) -> dict[str, dict[str, Any]]:
    """Per document ``source`` file name: its text and predictions in the gold's shape."""
    t = {name: _read(out, name) for name in ("documents", "participants", "dates", "commitments",
                                             "commitment_actors", "events", "event_participants",
                                             "actors")}
    names = dict(zip(t["actors"]["actor_id"], t["actors"]["name"]))
    by_doc: dict[str, dict[str, Any]] = {}
    for doc in frame_records(t["documents"]):
        if doc["status"] != "ok":
            continue
        key = Path(str(doc["source"])).name
        if key in by_doc:
            log.warning("two documents are named %s (%s); gold files pair with the first",
                        key, doc["source"])
        by_doc.setdefault(key, {"doc_id": doc["doc_id"], "text": doc["text"]})

    grouped: dict[str, dict[str, list[dict]]] = {}
    for table in ("participants", "dates", "commitments", "commitment_actors", "events",
                  "event_participants"):
        for row in frame_records(t[table]):  # one pass per table, not one per document
            grouped.setdefault(table, {}).setdefault(row["doc_id"], []).append(row)

    def rows(table: str, doc_id: str) -> list[dict]:
        return grouped.get(table, {}).get(doc_id, [])

    for entry in by_doc.values():
        doc_id, text = entry["doc_id"], entry["text"]
        entry["participants"] = rows("participants", doc_id)
        entry["dates"] = rows("dates", doc_id)
        actors_of = {}
        for r in rows("commitment_actors", doc_id):
            actors_of.setdefault(r["commitment_id"], []).append(names.get(r["actor_id"], r["actor_id"]))
        entry["commitments"] = [{**c, "actors": actors_of.get(c["commitment_id"], [])}
                                for c in rows("commitments", doc_id)]
        parts_of = {}
        for r in rows("event_participants", doc_id):
            parts_of.setdefault(r["event_id"], []).append(names.get(r["actor_id"], r["actor_id"]))
        entry["events"] = [{**e, "date": e["date_value"], "evidence": text[e["start"]:e["end"]],
                            "participants": parts_of.get(e["event_id"], [])}
                           for e in rows("events", doc_id)]
    return by_doc


def score_document(gold: dict, pred: dict) -> dict[str, Score]:
    """Every layer's score for one document."""
    aliases = alias_map(gold["participants"])
    gp, pp = gold["participants"], pred["participants"]
    return {
        "persons": score_participants([g for g in gp if g["kind"] == "person"],
                                      [p for p in pp if p["kind"] == "person"]),
        "organizations": score_participants([g for g in gp if g["kind"] in ORG_KINDS],
                                            [p for p in pp if p["kind"] in ORG_KINDS]),
        "dates": score_dates(gold["dates"], pred["dates"], pred["text"]),
        "commitments": score_commitments(gold["commitments"], pred["commitments"], aliases),
        "events_held": score_events(gold["events"], pred["events"], "held", aliases),
        "events_planned": score_events(gold["events"], pred["events"], "planned", aliases),
    }


GOLD_KEYS = ("file", "participants", "dates", "commitments", "events")


def read_gold(path: Path) -> dict:
    """One gold file, checked for the keys the scorer reads."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ValueError(f"{path}: cannot read gold file ({e}); fix the file") from e
    missing = [k for k in GOLD_KEYS if not isinstance(gold, dict) or k not in gold]
    if missing:
        raise ValueError(f"{path}: gold file lacks {', '.join(missing)} (see ANNOTATION.md)")
    return gold


EMPTY_PRED = {"text": "", "participants": [], "dates": [], "commitments": [], "events": []}


def evaluate(gold_dir: Path, out: Path) -> dict[str, Score]:
    """Micro-averaged scores of the run in ``out`` against every gold file in ``gold_dir``."""
    if not (Path(out) / "manifest.json").exists():
        raise ValueError(f"{out} holds no finished run (no manifest.json): run "
                         f"`python -m pipeline run <corpus> --out {out}` first")
    preds = predictions(Path(out))
    total = {layer: Score() for layer in LAYERS}
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = read_gold(path)
        pred = preds.get(gold["file"])
        if pred is None:
            log.warning("%s: no ok document named %s in %s; scored as all missed", path, gold["file"], out)
        for layer, score in score_document(gold, pred or EMPTY_PRED).items():
            total[layer].add(score)
    return total


def format_report(report: dict[str, Score], title: str = "") -> str:
    """A plain-text table: P/R/F1 and attribute accuracies per layer."""
    lines = [f"Scores for {title}" if title else "Scores",
             f"{'layer':<16}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}  accuracy over matches"]
    for layer, s in report.items():
        accs = ", ".join(f"{k} {s.accuracy(k):.2f} ({v[1]})" for k, v in s.hits.items())
        lines.append(f"{layer:<16}{s.n_gold:>6}{s.n_pred:>6}{s.tp:>7}{s.precision:>7.2f}"
                     f"{s.recall:>7.2f}{s.f1:>7.2f}  {accs}")
    return "\n".join(lines)
