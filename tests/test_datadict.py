"""docs/tables.md is generated from the schemas and fails when stale; every column is described."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.datadict import docs_command, render
from pipeline.rules import ROLE_CODES
from pipeline.tables import SCHEMAS
from pipeline.tables_meta import JOINS, OPEN_CODES, TABLES, VALUES, VIEWS

from .conftest import ROOT

DOCS = ROOT / "docs" / "tables.md"


def test_docs_tables_md_is_up_to_date() -> None:
    assert DOCS.is_file(), "docs/tables.md is missing: run `make docs`"
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/tables.md is stale (the schemas or pipeline/tables_meta.py changed): run `make docs`")


def test_the_described_tables_are_the_schema_tables_in_order() -> None:
    assert list(TABLES) == list(SCHEMAS)


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_every_column_and_only_existing_columns_are_described(table: str) -> None:
    assert list(TABLES[table]["columns"]) == SCHEMAS[table].names


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_the_key_columns_exist(table: str) -> None:
    assert set(TABLES[table]["key"]) <= set(SCHEMAS[table].names)


@pytest.mark.parametrize("table,column", sorted(set(VALUES) | OPEN_CODES))
def test_coded_columns_exist(table: str, column: str) -> None:
    assert column in SCHEMAS[table].names


def test_role_codes_are_those_the_rule_files_accept() -> None:
    assert set(VALUES[("participants", "role_code")]) == set(ROLE_CODES)


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_the_page_lists_each_column_of_the_table_with_its_type(table: str) -> None:
    page = render()
    section = page.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]
    for field in SCHEMAS[table]:
        assert f"| `{field.name}` |" in section, f"{table}.{field.name}"
    assert "| `doc_id` | string | no |" in section or table == "actors"


def test_the_page_has_the_joins_and_the_views() -> None:
    page = render()
    for left, right, _on, _gives in JOINS:
        assert f"| {left} | {right} |" in page
    for view in VIEWS:
        assert f"### {view}" in page


def test_an_undescribed_column_stops_the_rendering(monkeypatch) -> None:
    columns = dict(TABLES["events"]["columns"])
    del columns["location"]
    monkeypatch.setitem(TABLES, "events", {**TABLES["events"], "columns": columns})
    with pytest.raises(KeyError, match="events.location"):
        render()


def test_docs_check_fails_on_a_stale_file_and_docs_rewrites_it(tmp_path: Path) -> None:
    path = tmp_path / "tables.md"
    path.write_text("old\n", encoding="utf-8")
    stale = CliRunner().invoke(docs_command, ["--path", str(path), "--check"])
    assert stale.exit_code == 1
    assert "make docs" in stale.output
    written = CliRunner().invoke(docs_command, ["--path", str(path)])
    assert written.exit_code == 0, written.output
    assert path.read_text(encoding="utf-8") == render()
    assert CliRunner().invoke(docs_command, ["--path", str(path), "--check"]).exit_code == 0
