"""Rule files: a schema check that names the file, the line and the key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import pipeline.rules as rules
from pipeline.rules import RuleComponent, RuleFileError, Schema, load_rows, load_shared_rows, models_hash

SCHEMA = Schema({"title": "str", "role_code": "role_code", "start": "date", "aliases": "list"},
                required=frozenset({"title"}))


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_rows_are_converted(tmp_path: Path) -> None:
    path = _file(tmp_path, "r.csv", "title,role_code,start,aliases\ncanciller,foreign_minister,2024-10-01,a|b\n")
    assert load_rows(path, SCHEMA) == [{"title": "canciller", "role_code": "foreign_minister",
                                        "start": dt.date(2024, 10, 1), "aliases": ["a", "b"]}]


@pytest.mark.parametrize(
    "name, text, line, key",
    [
        pytest.param("r.csv", "title,colour\nx,red\n", 1, "colour", id="unknown CSV column"),
        pytest.param("r.csv", "title,role_code\nx,king\n", 2, "role_code", id="bad role code"),
        pytest.param("r.csv", "title,start\nx,2024-13-01\n", 2, "start", id="impossible date"),
        pytest.param("r.csv", "title,start\n,2024-01-01\n", 2, "title", id="required value missing"),
        pytest.param("r.jsonl", '{"title": "x"}\n{"title": "y", "colour": 1}\n', 2, "colour",
                     id="unknown JSONL key"),
        pytest.param("r.jsonl", '{"title": "x"}\n{oops\n', 2, None, id="broken JSON line"),
    ],
)
def test_bad_rule_files_name_file_line_and_key(tmp_path: Path, name: str, text: str, line: int,
                                               key: str | None) -> None:
    path = _file(tmp_path, name, text)
    with pytest.raises(RuleFileError) as err:
        load_rows(path, SCHEMA)
    assert (err.value.line, err.value.key) == (line, key)
    assert str(path) in str(err.value)


CHOICES = Schema({"word": "str", "kind": "str", "tags": "list", "flag": "bool", "size": "int",
                  "start": "date", "role_code": "role_code"},
                 required=frozenset({"word"}),
                 choices={"kind": frozenset({"agency", "cue"}), "tags": frozenset({"a", "b"})})


@pytest.mark.parametrize(
    "name, text, line, key",
    [
        pytest.param("r.csv", "word,kind\nEFE,agencia\n", 2, "kind", id="value outside the choices"),
        pytest.param("r.csv", "word,kind\n\nEFE,agency\n\nAP,agencia\n", 5, "kind",
                     id="blank lines are counted in the line number"),
        pytest.param("r.csv", "word,tags\nx,a|c\n", 2, "tags", id="a list item outside the choices"),
        pytest.param("r.csv", "word,flag\nx,maybe\n", 2, "flag", id="unknown yes/no value"),
        pytest.param("r.jsonl", '{"word": "x", "start": 20240101}\n', 1, "start", id="a number as a date"),
        pytest.param("r.jsonl", '{"word": "x", "role_code": 5}\n', 1, "role_code",
                     id="a number as a role code"),
        pytest.param("r.jsonl", '{"word": "x", "size": "many"}\n', 1, "size", id="text as an integer"),
        pytest.param("r.jsonl", '{"word": "x", "flag": "maybe"}\n', 1, "flag", id="unknown JSONL yes/no"),
        pytest.param("r.jsonl", '{"word": "x", "kind": "agencia"}\n', 1, "kind", id="JSONL value outside the choices"),
        pytest.param("r.jsonl", '{"word": "x", "tags": ["a", 3]}\n', 1, "tags", id="a number in a list"),
    ],
)
def test_bad_values_name_the_real_line_and_the_full_path(tmp_path: Path, name: str, text: str,
                                                          line: int, key: str) -> None:
    path = _file(tmp_path, name, text)
    with pytest.raises(RuleFileError) as err:
        load_rows(path, CHOICES)
    assert (err.value.line, err.value.key, err.value.path) == (line, key, str(path))


@pytest.mark.parametrize("value, ok, reason", [
    ("MEX", True, "an ISO 3166-1 alpha-3 code"),
    ("Mex", False, "lower case letters"),
    ("MX", False, "an alpha-2 code"),
    ("MEXI", False, "four letters"),
    ("MÉX", False, "an accented letter"),
    ("México", False, "a country name"),
])
def test_iso3_values(tmp_path: Path, value: str, ok: bool, reason: str) -> None:
    path = _file(tmp_path, "c.csv", f"name,country\nx,{value}\n")
    schema = Schema({"name": "str", "country": "iso3"})
    if ok:
        assert load_rows(path, schema)[0]["country"] == value
    else:
        with pytest.raises(RuleFileError, match="alpha-3") as err:
            load_rows(path, schema)
        assert (err.value.line, err.value.key) == (2, "country")


@pytest.mark.parametrize(
    "name, text, expected",
    [
        pytest.param("r.csv", "word,flag\nx,sí\ny,no\nz,\n", [True, False, None], id="yes/no words"),
        pytest.param("r.jsonl", '{"word": "x", "flag": true}\n{"word": "y", "flag": false}\n',
                     [True, False], id="JSON booleans"),
    ],
)
def test_bool_values(tmp_path: Path, name: str, text: str, expected: list) -> None:
    assert [r["flag"] for r in load_rows(_file(tmp_path, name, text), CHOICES)] == expected


@pytest.mark.parametrize("value, expected", [
    pytest.param("head_of_state|head_of_government", ["head_of_state", "head_of_government"], id="two codes"),
    pytest.param("foreign_minister", ["foreign_minister"], id="one code"),
    pytest.param("head_of_state|king", None, id="an unknown code among them fails"),
])
def test_role_codes_values(tmp_path: Path, value: str, expected: list | None) -> None:
    schema = Schema({"phrase": "str", "role_code": "role_codes"}, frozenset({"phrase"}))
    path = _file(tmp_path, "r.csv", f"phrase,role_code\nlos mandatarios,{value}\n")
    if expected is None:
        with pytest.raises(RuleFileError, match="king"):
            load_rows(path, schema)
    else:
        assert load_rows(path, schema)[0]["role_code"] == expected


def test_typed_jsonl_values_that_fit_are_kept(tmp_path: Path) -> None:
    path = _file(tmp_path, "r.jsonl", '{"word": "x", "size": 2, "tags": ["a", " b "], "kind": "cue"}\n')
    row = load_rows(path, CHOICES)[0]
    assert (row["size"], row["tags"], row["kind"]) == (2, ["a", "b"], "cue")


def test_a_row_failing_the_schema_check_names_its_line_and_key(tmp_path: Path) -> None:
    schema = Schema({"word": "str", "start": "int", "end": "int"},
                    check=lambda row: ("end", "ends before it starts") if row["end"] < row["start"] else None)
    path = _file(tmp_path, "r.csv", "word,start,end\nx,1,2\ny,5,3\n")
    with pytest.raises(RuleFileError, match="ends before it starts") as err:
        load_rows(path, schema)
    assert (err.value.line, err.value.key) == (3, "end")


def test_a_row_keeps_its_file_and_line_for_later_checks(tmp_path: Path) -> None:
    path = _file(tmp_path, "r.jsonl", '// a comment\n\n{"title": "x"}\n{"title": "y"}\n')
    second = load_rows(path, SCHEMA)[1]
    error = second.error("title", "unknown placeholder")
    assert (second.path, second.line, error.line, error.key) == (str(path), 4, 4, "title")
    assert "r.jsonl, line 4, key 'title': unknown placeholder" in str(error)


def test_schema_choices_must_name_a_column() -> None:
    with pytest.raises(ValueError, match="colour"):
        Schema({"word": "str"}, choices={"colour": frozenset({"red"})})


def test_missing_rule_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="file not found"):
        load_rows(tmp_path / "nope.csv", SCHEMA)


def test_models_hash_changes_when_a_rule_changes(tmp_path: Path) -> None:
    _file(tmp_path, "r.csv", "title\nx\n")
    before = models_hash(tmp_path)
    _file(tmp_path, "r.csv", "title\ny\n")
    assert models_hash(tmp_path) != before


class _Titles(RuleComponent):
    FILES = {"titles": ("r.csv", SCHEMA)}

    def compile(self) -> None:
        self.known = {row["title"] for row in self.tables["titles"]}


def test_rule_component_round_trips_its_data_through_disk(tmp_path: Path) -> None:
    _file(tmp_path, "r.csv", "title,start,aliases\ncanciller,2024-10-01,a|b\n")
    original = _Titles(None, "titles", str(tmp_path))
    original.to_disk(tmp_path / "saved")
    _file(tmp_path, "r.csv", "title\notro\n")
    restored = _Titles(None, "titles", str(tmp_path)).from_disk(tmp_path / "saved")
    assert restored.tables == original.tables and restored.known == {"canciller"}


@pytest.fixture()
def counted_loads(monkeypatch):
    """The names of the files :func:`load_shared_rows` reads and checks, one per read."""
    calls: list[str] = []

    def counting(path, schema):
        calls.append(Path(path).name)
        return load_rows(path, schema)

    monkeypatch.setattr(rules, "load_rows", counting)
    return calls


def test_shared_rows_are_read_once_for_every_caller(tmp_path: Path, counted_loads: list[str]) -> None:
    _file(tmp_path, "r.csv", "title,aliases\ncanciller,a|b\n")
    (tmp_path / "sub").mkdir()
    first = load_shared_rows(tmp_path / "r.csv", SCHEMA)
    again = load_shared_rows(tmp_path / "sub" / ".." / "r.csv", SCHEMA)  # the same file, another path
    assert first == again and first[0]["aliases"] == ["a", "b"]
    assert counted_loads == ["r.csv"]


def test_a_changed_shared_file_is_read_again(tmp_path: Path, counted_loads: list[str]) -> None:
    _file(tmp_path, "r.csv", "title\ncanciller\n")
    load_shared_rows(tmp_path / "r.csv", SCHEMA)
    _file(tmp_path, "r.csv", "title\ncanciller\nembajador\n")
    assert [r["title"] for r in load_shared_rows(tmp_path / "r.csv", SCHEMA)] == ["canciller", "embajador"]
    assert counted_loads == ["r.csv", "r.csv"]


def test_a_missing_shared_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="nope.csv"):
        load_shared_rows(tmp_path / "nope.csv", SCHEMA)


class _TitlesAndPlaces(RuleComponent):
    FILES = {"titles": ("r.csv", SCHEMA)}
    SHARED = {"places": ("shared.csv", Schema({"name": "str"}))}

    def compile(self) -> None:
        self.known = {row["title"] for row in self.tables["titles"]} | {row["name"] for row in self.tables["places"]}


def test_shared_tables_are_saved_and_loaded_with_the_stage_own(tmp_path: Path) -> None:
    _file(tmp_path, "r.csv", "title\ncanciller\n")
    _file(tmp_path, "shared.csv", "name\nBogotá\n")
    original = _TitlesAndPlaces(None, "x", str(tmp_path))
    original.to_disk(tmp_path / "saved")
    _file(tmp_path, "shared.csv", "name\nLima\n")
    restored = _TitlesAndPlaces(None, "x", str(tmp_path)).from_disk(tmp_path / "saved")
    assert restored.tables == original.tables and restored.known == {"canciller", "Bogotá"}


def test_a_table_in_both_files_and_shared_is_refused() -> None:
    with pytest.raises(TypeError, match="titles"):
        type("Both", (RuleComponent,), {"FILES": {"titles": ("r.csv", SCHEMA)},
                                        "SHARED": {"titles": ("s.csv", SCHEMA)}})
