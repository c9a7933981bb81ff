"""pipeline.load and pipeline.connect: dtypes, views, evidence sentences, plain-word errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import pipeline
from pipeline.api import (OutputsNotFoundError, commitments_by_actor, future_meetings, load, read_arrow,
                          sentence_at, sentence_bounds, to_frame)
from pipeline.tables import SCHEMAS
from pipeline.tables_meta import VALUES, VIEWS

from .sample_outputs import A, EXPECTED, doc_id, write_sample_outputs

duckdb = pytest.importorskip("duckdb", reason="DuckDB (the [dev] extra) is needed for pipeline.connect")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return write_sample_outputs(tmp_path_factory.mktemp("sample") / "outputs")


@pytest.fixture(scope="module")
def tables(out: Path) -> dict[str, pd.DataFrame]:
    return load(out)


@pytest.fixture(scope="module")
def con(out: Path):
    connection = pipeline.connect(out)
    yield connection
    connection.close()


def test_load_gives_every_table_with_its_columns(tables) -> None:
    assert list(tables) == list(SCHEMAS)
    for name, schema in SCHEMAS.items():
        assert list(tables[name].columns) == schema.names, name


@pytest.mark.parametrize("table,column", [
    pytest.param("documents", "published", id="publication date"),
    pytest.param("dates", "date_start", id="first day of a date expression"),
    pytest.param("dates", "date_end", id="last day of a date expression"),
    pytest.param("events", "date_start", id="event date"),
])
def test_date_columns_are_datetime64(tables, table: str, column: str) -> None:
    assert pd.api.types.is_datetime64_any_dtype(tables[table][column])


@pytest.mark.parametrize("table,column", [
    pytest.param("documents", "status", id="document status"),
    pytest.param("documents", "language", id="language code (open set)"),
    pytest.param("actors", "kind", id="actor kind"),
    pytest.param("participants", "role_code", id="office code"),
    pytest.param("participants", "country", id="country code (open set)"),
    pytest.param("participants", "resolved_by", id="resolution method"),
    pytest.param("mentions", "label", id="entity label"),
    pytest.param("dates", "type", id="TIMEX3 type"),
    pytest.param("dates", "granularity", id="granularity"),
    pytest.param("dates", "anchor", id="anchor"),
    pytest.param("commitments", "modality", id="modality"),
    pytest.param("events", "kind", id="event kind"),
    pytest.param("events", "status", id="event status"),
    pytest.param("events", "location_country", id="place country (open set)"),
])
def test_coded_columns_are_categorical(tables, table: str, column: str) -> None:
    assert isinstance(tables[table][column].dtype, pd.CategoricalDtype)


def test_categories_follow_the_controlled_vocabulary_so_absent_values_count_zero(tables) -> None:
    status = tables["events"]["status"]
    assert list(status.cat.categories) == list(VALUES[("events", "status")])
    assert status.value_counts()["cancelled"] == 0


@pytest.mark.parametrize("table,column,dtype", [
    pytest.param("commitments", "due_timex_id", "Int32", id="nullable id keeps integers"),
    pytest.param("events", "timex_id", "Int32", id="nullable event date id"),
    pytest.param("events", "start", "int32", id="offsets are int32"),
])
def test_integer_columns_keep_their_width(tables, table: str, column: str, dtype: str) -> None:
    assert str(tables[table][column].dtype) == dtype


def test_topics_are_python_lists(tables) -> None:
    assert tables["commitments"]["topics"].map(type).eq(list).all()
    assert tables["commitments"]["topics"].iloc[0] == ["culture", "development"]


def test_a_value_outside_the_vocabulary_is_kept_not_turned_into_nan() -> None:
    data = pa.Table.from_pylist([{"doc_id": "x", "event_id": 0, "kind": "meeting", "status": "postponed",
                                  "start": 0, "end": 1}], schema=SCHEMAS["events"])
    frame = to_frame("events", data)
    assert frame["status"].iloc[0] == "postponed"


def test_a_folder_without_manifest_is_refused_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(OutputsNotFoundError, match="python -m pipeline run"):
        load(tmp_path)


def test_a_table_without_parts_reads_as_empty_with_its_schema(out: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(out, tmp_path / "outputs")
    for part in (copy / "events").glob("*.parquet"):
        part.unlink()
    assert read_arrow(copy, "events").schema.names == SCHEMAS["events"].names
    assert len(load(copy, ["events"])["events"]) == 0


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_every_table_has_a_view_with_the_same_rows(con, tables, table: str) -> None:
    assert con.sql(f"select count(*) from {table}").fetchall()[0][0] == len(tables[table])


def test_future_meetings_are_the_planned_events_earliest_first(con) -> None:
    rows = con.sql("select source, date_value, location from future_meetings").fetchall()
    assert rows == [("b.txt", "2026-W11", "Ottawa"), ("a.txt", "2026-04-14", "Santiago")]
    assert len(rows) == EXPECTED["planned"]


def test_future_meetings_name_the_participants_and_quote_the_evidence(con) -> None:
    row = con.sql("select participants, n_participants, evidence, sentence from future_meetings "
                  "where source = 'a.txt'").fetchall()[0]
    assert row[0] == "Elena Robles Vega; Tomás Lagos Ferrada"
    assert row[1] == 2
    assert row[2] == "se reunirán de nuevo en Santiago"
    assert row[3] == "Los cancilleres se reunirán de nuevo en Santiago el 14 de abril de 2026."


def test_an_unattributed_commitment_appears_once_with_a_null_actor(con) -> None:
    rows = con.sql("select actor_name, action from commitments_by_actor where actor_id is null").fetchall()
    assert rows == [(None, "fortalecer la cooperación consular")]


def test_commitments_by_actor_count_each_actor_and_carry_the_due_date(con) -> None:
    counts = dict(con.sql("select actor_name, count(*) from commitments_by_actor "
                          "where actor_id is not null group by all").fetchall())
    assert counts == {"Elena Robles Vega": 2, "Tomás Lagos Ferrada": 1, "Raúl Ibarra Cano": 1,
                      "Lucía Menchaca Ríos": 1}
    due = con.sql("select due_value from commitments_by_actor where modality = 'pledge'").fetchall()[0]
    assert due == ("2026-06",)


@pytest.mark.parametrize("view,pandas_view", [
    pytest.param("future_meetings", future_meetings, id="future meetings"),
    pytest.param("commitments_by_actor", commitments_by_actor, id="commitments by actor"),
])
def test_the_pandas_view_equals_the_sql_view(con, tables, view: str, pandas_view) -> None:
    def plain(frame: pd.DataFrame) -> list[tuple]:
        return [tuple(str(v) if not (isinstance(v, float) and pd.isna(v)) and v is not None else ""
                      for v in row) for row in frame.astype(object).itertuples(index=False)]

    sql = con.sql(f"select * from {view}").df()
    mine = pandas_view(tables)
    assert list(sql.columns) == list(mine.columns)
    if "topics" in sql:
        assert sql["topics"].map(list).tolist() == mine["topics"].tolist()
        sql, mine = sql.drop(columns="topics"), mine.drop(columns="topics")
    assert plain(sql) == plain(mine)


@pytest.mark.parametrize("view", list(VIEWS))
def test_view_columns_are_the_documented_ones(con, view: str) -> None:
    assert con.sql(f"select * from {view} limit 0").columns == list(VIEWS[view]["columns"])


@pytest.mark.parametrize("text,phrase,sentence", [
    pytest.param("Primera frase. Segunda con la reunión prevista. Tercera.", "reunión",
                 "Segunda con la reunión prevista.", id="between two full stops"),
    pytest.param("Título del comunicado\nLa canciller viajará a Lima en mayo.", "Lima",
                 "La canciller viajará a Lima en mayo.", id="a line break ends a sentence"),
    pytest.param("La visita a EE.UU. Será en mayo según la SRE.", "mayo",
                 "La visita a EE.UU. Será en mayo según la SRE.", id="an initialism does not end it"),
    pytest.param("El enviado J. Pérez llegará mañana. Luego firmará.", "mañana",
                 "El enviado J. Pérez llegará mañana.", id="an initial does not end it"),
    pytest.param("¿Habrá cumbre? Sí, en junio habrá cumbre.", "junio",
                 "Sí, en junio habrá cumbre.", id="a question mark ends it"),
    pytest.param("Lo informó la Presidencia.Acordó una reunión en mayo.El lunes viajará.", "reunión",
                 "Acordó una reunión en mayo.", id="a stop glued to the next sentence still ends it"),
    pytest.param("Se reunirán en abril. Después habrá otra.", "Se reunirán",
                 "Se reunirán en abril.", id="span at the very start"),
    pytest.param("Acordaron: ampliar becas. Reforzar la frontera.", "becas. Reforzar",
                 "Acordaron: ampliar becas. Reforzar la frontera.", id="a span across a stop keeps both"),
])
def test_sentence_around_a_span(text: str, phrase: str, sentence: str) -> None:
    start = text.index(phrase)
    begin, end = sentence_bounds(text, start, start + len(phrase))
    assert text[begin:end] == sentence


def test_sentence_at_is_null_when_an_offset_is_null() -> None:
    assert sentence_at(A, None, 3) is None


def test_the_sample_ids_are_the_hash_of_the_text(tables) -> None:
    assert doc_id(A) in set(tables["documents"]["doc_id"])


def test_import_pipeline_stays_light_and_exposes_load_and_connect() -> None:
    code = ("import sys, pipeline; heavy = [m for m in ('pandas', 'duckdb', 'spacy') if m in sys.modules]; "
            "assert not heavy, heavy; from pipeline import api; "
            "assert pipeline.load is api.load and pipeline.connect is api.connect")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
