"""Gazetteer: pure name functions, office terms by date, look-ups; the bundled files load."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.gazetteer import (GAZETTEER_FILES, Gazetteer, edit_distance, fold, in_office,
                                overlaps, slug, term_span)
from pipeline.rules import DEFAULT_MODELS_DIR, RuleFileError, load_rows


@pytest.mark.parametrize("text, expected", [
    pytest.param("Juan Ramón de la Fuente", "juan ramon de la fuente", id="accents and case"),
    pytest.param("  Washington,  D.C. ", "washington d c", id="punctuation and spaces"),
    pytest.param("Rubió", "rubio", id="a misspelt accent folds away"),
    pytest.param(None, "", id="nothing"),
])
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("name, expected", [
    pytest.param("Laura Gómez Treviño", "laura-gomez-trevino", id="person"),
    pytest.param("Grupo de Implementación (GIS)", "grupo-de-implementacion-gis", id="punctuation dropped"),
])
def test_slug(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("a, b, limit, expected", [
    pytest.param("rubio", "rubio", 1, 0, id="equal"),
    pytest.param("rubbio", "rubio", 1, 1, id="one insertion"),
    pytest.param("ebrard", "ebrad", 2, 1, id="one deletion"),
    pytest.param("sheinbaum", "trump", 2, 3, id="capped past the limit"),
])
def test_edit_distance(a, b, limit, expected):
    assert edit_distance(a, b, limit) == expected


TERM = {"start": dt.date(2018, 12, 1), "end": dt.date(2023, 6, 12)}


@pytest.mark.parametrize("row, on, expected", [
    pytest.param(TERM, dt.date(2020, 1, 1), True, id="inside the term"),
    pytest.param(TERM, dt.date(2023, 6, 13), False, id="the day after it ended"),
    pytest.param({"start": dt.date(2024, 10, 1), "end": None}, dt.date(2026, 1, 1), True, id="open term"),
    pytest.param(TERM, None, False, id="no date: only open terms count"),
])
def test_in_office(row, on, expected):
    assert in_office(row, on) is expected


@pytest.mark.parametrize("start, end, expected", [
    pytest.param(dt.date(2020, 1, 1), dt.date(2030, 1, 1), True, id="the period covers part of the term"),
    pytest.param(dt.date(2023, 6, 12), dt.date(2024, 1, 1), False, id="only the hand-over day: no overlap"),
    pytest.param(dt.date(2010, 1, 1), dt.date(2018, 12, 1), False, id="ends on the first day: no overlap"),
    pytest.param(None, None, True, id="an unbounded period overlaps every term"),
])
def test_overlaps(start, end, expected):
    assert overlaps(TERM, start, end) is expected


@pytest.mark.parametrize("terms, expected", [
    pytest.param([TERM], (dt.date(2018, 12, 1), dt.date(2023, 6, 12)), id="one term"),
    pytest.param([TERM, {"start": dt.date(2024, 10, 1), "end": None}],
                 (dt.date(2018, 12, 1), dt.date.max), id="an open term runs to the end of time"),
    pytest.param([], None, id="no terms"),
])
def test_term_span(terms, expected):
    assert term_span(terms) == expected


def _official(name, aliases, code, country, start, end=None, wikidata="", gender="m"):
    return {"name": name, "aliases": aliases, "wikidata": wikidata, "country": country,
            "office": code, "role_code": code, "organization": None,
            "start": dt.date.fromisoformat(start), "end": dt.date.fromisoformat(end) if end else None,
            "gender": gender}


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer({
        "officials": [
            _official("Marcelo Ebrard", ["Ebrard"], "foreign_minister", "MEX", "2018-12-01", "2023-06-12", "Q6"),
            _official("Marcelo Ebrard", ["Ebrard"], "minister", "MEX", "2024-10-01", None, "Q6"),
            _official("Marco Rubio", ["Rubio"], "foreign_minister", "USA", "2025-01-21"),
        ],
        "countries": [{"iso3": "USA", "name": "Estados Unidos", "aliases": ["EU"],
                       "demonyms": ["estadounidense", "estadunidense"]}],
    })


def test_terms_of_one_person_are_grouped(gaz):
    person = gaz.person("Ebrard")
    assert person.actor_id == "Q6" and len(person.terms) == 2


@pytest.mark.parametrize("on, code", [
    pytest.param(dt.date(2020, 1, 1), "foreign_minister", id="first office"),
    pytest.param(dt.date(2025, 1, 1), "minister", id="second office"),
    pytest.param(dt.date(2024, 1, 1), None, id="between offices: none"),
])
def test_term_on_date(gaz, on, code):
    term = gaz.person("Marcelo Ebrard").term_on(on)
    assert (term["role_code"] if term else None) == code


@pytest.mark.parametrize("on, expected", [
    pytest.param(dt.date(2020, 1, 1), ["Marcelo Ebrard"], id="Mexico 2020"),
    pytest.param(dt.date(2026, 1, 1), [], id="nobody in the file holds it in 2026"),
])
def test_holders_by_date(gaz, on, expected):
    assert [p.name for p in gaz.holders("foreign_minister", "MEX", None, on)] == expected


@pytest.mark.parametrize("start, until, expected", [
    pytest.param(dt.date(2019, 1, 1), dt.date(2019, 12, 31), ["Marcelo Ebrard"], id="during his term"),
    pytest.param(dt.date(2023, 6, 12), dt.date(2024, 9, 30), [], id="from his last day on: nobody"),
])
def test_holders_during_a_period(gaz, start, until, expected):
    assert [p.name for p in gaz.holders("foreign_minister", "MEX", None, start, until)] == expected


def test_fuzzy_person(gaz):
    assert gaz.fuzzy_person("Marco Rubbio").name == "Marco Rubio"
    assert gaz.fuzzy_person("Rubió") is not None  # folds to the exact alias
    assert gaz.fuzzy_person("Trump") is None


@pytest.mark.parametrize("table", sorted(GAZETTEER_FILES))
def test_bundled_gazetteer_file_loads(table):
    path, schema = GAZETTEER_FILES[table]
    assert load_rows(DEFAULT_MODELS_DIR / path, schema)


def test_holders_lists_a_person_once_whatever_the_number_of_terms():
    gaz = Gazetteer({"officials": [
        _official("Ana Gil", [], "minister", "CHL", "2010-01-01", "2012-01-01", "Q20"),
        _official("Ana Gil", [], "minister", "CHL", "2011-06-01", None, "Q20"),
        _official("Luis Mora", [], "minister", "CHL", "2011-01-01", None, "Q21"),
        _official("Eva Paz", [], "ambassador", "CHL", "2011-01-01", None, "Q22"),
    ]})
    assert [p.actor_id for p in gaz.holders("minister", "CHL", None, dt.date(2011, 9, 1))] == ["Q20", "Q21"]


@pytest.mark.parametrize("table, old, new, key", [
    ("officials", ",MEX,", ",Mex,", "country"),
    ("officials", ",m\n", ",male\n", "gender"),
    ("organizations", ",organization,", ",organisation,", "kind"),
    ("places", ",capital", ",capitol", "kind"),
    ("countries", "MEX,", "MX,", "iso3"),
])
def test_a_typo_in_a_controlled_gazetteer_column_names_file_line_and_key(tmp_path, table, old, new, key):
    """Countries, kinds and genders reach the tables' coded columns: a typo must stop the run."""
    path, schema = GAZETTEER_FILES[table]
    text = (DEFAULT_MODELS_DIR / path).read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rows(bad, schema)
    assert err.value.key == key and err.value.line > 1
