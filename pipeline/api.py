"""The researcher's API: a run's output folder as pandas DataFrames or as DuckDB views.

Reads ``<out>/manifest.json`` and ``<out>/<table>/*.parquet`` (written by
:mod:`pipeline.tables`); writes nothing. Public entry points, re-exported as
``pipeline.load`` and ``pipeline.connect``:

- :func:`load` — ``{table: DataFrame}`` with dates as ``datetime64``, coded columns as
  categoricals (categories in the order of :data:`pipeline.tables_meta.VALUES`), nullable
  integers as ``Int32`` and ``topics`` as Python lists;
- :func:`connect` — a DuckDB connection with one view per table plus ``future_meetings`` and
  ``commitments_by_actor`` (columns in :data:`pipeline.tables_meta.VIEWS`);
- :func:`future_meetings`, :func:`commitments_by_actor` — the same two views in pandas,
  from the tables :func:`load` gives (the HTML report uses them: no DuckDB needed);
- :func:`sentence_bounds` — the sentence of a text around an evidence span.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .tables_meta import OPEN_CODES, TABLES, VALUES, VIEWS

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

log = logging.getLogger(__name__)

#: A sentence ends at a line break, or at . ! ? (and closing quotes) before an upper-case start,
#: or where a full stop glues a lower-case word to a capital ("Presidencia.Acordó").
_BREAK = re.compile(r"\n|(?P<stop>(?<=[.!?…])[\"'”»)\]]*[ \t]+(?=[\"'“«¿¡(\[]?[A-ZÁÉÍÓÚÜÑ0-9]))"
                    r"|(?<=[a-záéíóúüñ][.!?])(?=[A-ZÁÉÍÓÚÜÑ])")
#: The word a full stop ends: an initial or initialism ("D.C.", "EE.UU.") does not end a sentence.
_WORD_BEFORE = re.compile(r"(\S*)\.[\"'”»)\]]*$")


class OutputsNotFoundError(FileNotFoundError):
    """The folder is not the output of a finished run (no ``manifest.json``)."""


def _out(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    if not (out / "manifest.json").is_file():
        raise OutputsNotFoundError(
            f"{out} is not the output folder of a finished run (no manifest.json there). "
            f"Run `python -m pipeline run <inputs> --out {out}` first, or give the folder "
            "that holds manifest.json.")
    return out


def read_manifest(out_dir: str | Path) -> dict[str, Any]:
    """The run's ``manifest.json`` (model, configuration, row counts, timing)."""
    path = _out(out_dir) / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise OutputsNotFoundError(f"{path} cannot be read ({e}): rerun the pipeline.") from e


def _parts(out: Path, table: str) -> list[Path]:
    return sorted((out / table).glob("*.parquet"))


def _empty(table: str) -> pa.Table:
    from .tables import SCHEMAS  # imports spaCy: only when a table has no part at all

    return SCHEMAS[table].empty_table()


def read_arrow(out_dir: str | Path, table: str) -> pa.Table:
    """One table as an Arrow table, its parts concatenated (empty with its schema if none)."""
    out = _out(out_dir)
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; the tables are {', '.join(TABLES)}")
    parts = _parts(out, table)
    if not parts:
        log.warning("%s/%s has no Parquet part: read as empty", out, table)
        return _empty(table)
    return pa.concat_tables([pq.read_table(p) for p in parts], promote_options="default")


def _categorical(table: str, column: str, values: pd.Series) -> pd.Series:
    """``values`` as a categorical: the controlled values first, then any others seen."""
    known = list(VALUES.get((table, column), ()))
    seen = sorted(set(values.dropna()) - set(known))
    if seen and known:
        log.warning("%s.%s has values outside its vocabulary: %s", table, column, ", ".join(seen))
    return values.astype(pd.CategoricalDtype(known + seen))


def frame_dtype(table: str, field: pa.Field) -> str:
    """The pandas dtype :func:`load` gives a column: ``datetime64[ns]``, ``int32``, ``Int32``
    (nullable), ``category``, ``list`` (an object column of lists) or ``str``."""
    kind = field.type
    if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
        return "datetime64[ns]"
    if pa.types.is_integer(kind):
        return "Int32" if field.nullable else "int32"
    if pa.types.is_list(kind):
        return "list"
    if (table, field.name) in VALUES or (table, field.name) in OPEN_CODES:
        return "category"
    return "str"


def to_frame(table: str, data: pa.Table) -> pd.DataFrame:
    """An Arrow table of ``table`` as a DataFrame with the dtypes of :func:`frame_dtype`."""
    frame = data.to_pandas(date_as_object=False)
    for field in data.schema:
        name, dtype = field.name, frame_dtype(table, field)
        if dtype == "category":
            frame[name] = _categorical(table, name, frame[name])
        elif dtype == "list":
            frame[name] = pd.Series([list(v) if v is not None else [] for v in frame[name]],
                                    index=frame.index, dtype=object)
        elif dtype != "str":
            frame[name] = frame[name].astype(dtype)
    return frame


def load(out_dir: str | Path = "outputs", tables: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """The output tables of a run as ``{table: DataFrame}`` (all nine unless ``tables``).

    >>> t = load("outputs")                                           # doctest: +SKIP
    >>> t["events"].query("status == 'planned'")                      # doctest: +SKIP
    """
    names = list(tables) if tables is not None else list(TABLES)
    return {name: to_frame(name, read_arrow(out_dir, name)) for name in names}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence of ``text`` that holds ``text[start:end]`` (stripped)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    begin, finish = 0, len(text)
    for m in _BREAK.finditer(text):
        if m.group("stop") and _initialism(text, m.start()):
            continue
        if m.end() <= start:
            begin = m.end()
        elif m.start() >= end:
            finish = m.start()
            break
    while begin < finish and text[begin].isspace():
        begin += 1
    while finish > begin and text[finish - 1].isspace():
        finish -= 1
    return begin, finish


def _initialism(text: str, stop: int) -> bool:
    """Whether the full stop just before ``stop`` closes an initial or initialism."""
    m = _WORD_BEFORE.search(text, max(0, stop - 24), stop)
    return bool(m) and (len(m.group(1)) <= 1 or "." in m.group(1))


def sentence_at(text: str | None, start: int | None, end: int | None) -> str | None:
    """The sentence of ``text`` around ``text[start:end]`` (None when any is null)."""
    if text is None or start is None or end is None:
        return None
    begin, finish = sentence_bounds(text, int(start), int(end))
    return text[begin:finish]


def _joined_names(names: pd.Series) -> str:
    return "; ".join(sorted(names))


def future_meetings(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The ``future_meetings`` view in pandas, from the tables :func:`load` gives."""
    events, docs = tables["events"], tables["documents"]
    planned = events[events["status"] == "planned"]
    people = tables["event_participants"].merge(
        tables["actors"][["actor_id", "name"]], on="actor_id", how="left")
    people["name"] = people["name"].astype(object).where(people["name"].notna(), people["actor_id"])
    named = (people.groupby(["doc_id", "event_id"], observed=True)["name"]
             .agg([_joined_names, "size"]).reset_index()
             .rename(columns={"_joined_names": "participants", "size": "n_participants"}))
    frame = (planned.merge(docs[["doc_id", "text", "published", "title", "source"]], on="doc_id")
             .merge(named, on=["doc_id", "event_id"], how="left"))
    frame["participants"] = frame["participants"].fillna("").astype(str)
    frame["n_participants"] = frame["n_participants"].fillna(0).astype("int64")
    frame["evidence"] = [t[s:e] for t, s, e in zip(frame["text"], frame["start"], frame["end"])]
    frame["sentence"] = [sentence_at(t, s, e) for t, s, e in zip(frame["text"], frame["start"], frame["end"])]
    frame = frame.sort_values(["date_start", "published", "doc_id", "event_id"], na_position="last")
    return frame[list(_view_columns("future_meetings"))].reset_index(drop=True)


def commitments_by_actor(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The ``commitments_by_actor`` view in pandas, from the tables :func:`load` gives."""
    actors = tables["actors"].rename(columns={"name": "actor_name", "kind": "actor_kind",
                                              "country": "actor_country"})
    due = tables["dates"][["doc_id", "timex_id", "value", "date_start"]].rename(
        columns={"timex_id": "due_timex_id", "value": "due_value", "date_start": "due_start"})
    frame = (tables["commitments"]
             .merge(tables["documents"][["doc_id", "text", "published"]], on="doc_id")
             .merge(tables["commitment_actors"], on=["doc_id", "commitment_id"], how="left")
             .merge(actors, on="actor_id", how="left")
             .merge(due, on=["doc_id", "due_timex_id"], how="left"))
    frame["sentence"] = [t[s:e] for t, s, e in zip(frame["text"], frame["sentence_start"],
                                                     frame["sentence_end"])]
    frame = frame.sort_values(["actor_name", "published", "doc_id", "commitment_id"], na_position="last")
    return frame[list(_view_columns("commitments_by_actor"))].reset_index(drop=True)


def _view_columns(view: str) -> list[str]:
    return list(VIEWS[view]["columns"])


_FUTURE_MEETINGS = """
CREATE VIEW future_meetings AS
WITH named AS (
    SELECT ep.doc_id, ep.event_id,
           string_agg(coalesce(a.name, ep.actor_id), '; ' ORDER BY coalesce(a.name, ep.actor_id))
               AS participants,
           count(*) AS n_participants
    FROM event_participants ep LEFT JOIN actors a ON a.actor_id = ep.actor_id
    GROUP BY ep.doc_id, ep.event_id)
SELECT e.doc_id, e.event_id, e.kind, e.name, e.date_value, e.date_start, e.date_end,
       e.location, e.location_country,
       coalesce(n.participants, '') AS participants,
       coalesce(n.n_participants, 0) AS n_participants,
       substr(d.text, e.start + 1, e."end" - e.start) AS evidence,
       sre_sentence(d.text, e.start, e."end") AS sentence,
       d.published, d.title, d.source
FROM events e
JOIN documents d ON d.doc_id = e.doc_id
LEFT JOIN named n ON n.doc_id = e.doc_id AND n.event_id = e.event_id
WHERE e.status = 'planned'
ORDER BY e.date_start NULLS LAST, d.published NULLS LAST, e.doc_id, e.event_id
"""

_COMMITMENTS_BY_ACTOR = """
CREATE VIEW commitments_by_actor AS
SELECT ca.actor_id, a.name AS actor_name, a.kind AS actor_kind, a.country AS actor_country,
       c.doc_id, c.commitment_id, c.trigger, c.action, c.modality, c.topics,
       t.value AS due_value, t.date_start AS due_start,
       substr(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
       d.published
FROM commitments c
JOIN documents d ON d.doc_id = c.doc_id
LEFT JOIN commitment_actors ca ON ca.doc_id = c.doc_id AND ca.commitment_id = c.commitment_id
LEFT JOIN actors a ON a.actor_id = ca.actor_id
LEFT JOIN dates t ON t.doc_id = c.doc_id AND t.timex_id = c.due_timex_id
ORDER BY a.name NULLS LAST, d.published NULLS LAST, c.doc_id, c.commitment_id
"""


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def connect(out_dir: str | Path = "outputs", database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with a view per table and the ``future_meetings`` and
    ``commitments_by_actor`` views.

    The table views read the Parquet files when queried, so a rerun into the same folder
    is seen by the next query. ``sre_sentence(text, start, end)`` is available in SQL.

    >>> con = connect("outputs")                                      # doctest: +SKIP
    >>> con.sql("select name, participants, date_start from future_meetings").df()  # doctest: +SKIP
    """
    try:
        import duckdb
    except ImportError as e:
        raise ImportError("pipeline.connect needs DuckDB: `pip install duckdb` (or install "
                          "the package with its [dev] extra), or use pipeline.load for pandas.") from e
    out = _out(out_dir).resolve()
    con = duckdb.connect(database)
    con.create_function("sre_sentence", sentence_at, ["VARCHAR", "INTEGER", "INTEGER"], "VARCHAR",
                        side_effects=False)
    for table in TABLES:
        if _parts(out, table):
            pattern = _sql_string(str(out / table / "*.parquet"))
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({pattern}, union_by_name = true)")
        else:
            log.warning("%s/%s has no Parquet part: its view is empty", out, table)
            con.register(f"_{table}_empty", _empty(table))
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _{table}_empty")
    con.execute(_FUTURE_MEETINGS)
    con.execute(_COMMITMENTS_BY_ACTOR)
    return con
