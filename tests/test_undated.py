"""Undated documents dated by their own day and the terms of the officials they name."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.undated import best_day


def _term(code: str, start: str, end: str | None) -> dict:
    return {"role_code": code, "start": dt.date.fromisoformat(start),
            "end": dt.date.fromisoformat(end) if end else None}


FM_2017 = ("foreign_minister", [_term("foreign_minister", "2017-01-04", "2018-11-30")])
FM_2018 = ("foreign_minister", [_term("foreign_minister", "2018-12-01", "2023-06-12")])
PRESIDENT_2018 = ("head_of_state", [_term("head_of_state", "2018-12-01", "2024-09-30")])
MINISTER_BEFORE = ("foreign_minister", [_term("minister", "2012-12-01", "2016-09-07"),
                                        _term("foreign_minister", "2017-01-04", "2018-11-30")])


@pytest.mark.parametrize(
    "day, month, weekday, people, expected",
    [
        pytest.param(4, 9, 1, [FM_2017], dt.date(2018, 9, 4),
                     id="Tuesday 4 September within the term: only 2018 fits"),
        pytest.param(4, 9, None, [FM_2017], None,
                     id="no weekday: 2017 and 2018 both fit the term, a tie"),
        pytest.param(4, 9, None, [FM_2017, FM_2018], None,
                     id="two ministers of different years: each year has one supporter, a tie"),
        pytest.param(15, 1, None, [FM_2018, PRESIDENT_2018], None,
                     id="2019-2023 all fit both persons: a tie"),
        pytest.param(3, 3, 1, [FM_2018, PRESIDENT_2018], dt.date(2020, 3, 3),
                     id="the weekday leaves one year of the shared terms"),
        pytest.param(4, 9, 1, [("head_of_state", FM_2017[1])], None,
                     id="the text's title was never held by the person: no support"),
        pytest.param(29, 2, None, [FM_2018, PRESIDENT_2018], dt.date(2020, 2, 29),
                     id="29 February exists only in the leap year of the terms"),
        pytest.param(5, 9, 3, [MINISTER_BEFORE], None,
                     id="Thursday 5 September is in 2013, under another title: it does not count"),
        pytest.param(5, 9, 1, [MINISTER_BEFORE], dt.date(2017, 9, 5),
                     id="Tuesday 5 September: 2017, under the title the text gives"),
        pytest.param(4, 9, 1, [], None, id="no persons: nothing to date by"),
        pytest.param(1, 7, 2, [("head_of_state", [_term("head_of_state", "2024-10-01", None)])],
                     dt.date(2026, 7, 1), id="a term still open is searched up to the last year given"),
    ],
)
def test_best_day(day, month, weekday, people, expected) -> None:
    assert best_day(day, month, weekday, people, last_year=2026) == expected


@pytest.mark.parametrize(
    "text, published",
    [
        pytest.param("Ciudad de México.- El canciller Marcelo Ebrard informó el día de hoy, martes 3 de "
                     "marzo, que viajará a Lima. Ayer conversó con su homólogo peruano.",
                     dt.date(2020, 3, 3), id="'hoy' with weekday, day and month; the minister's term"),
        pytest.param("Ciudad de México, a 3 de marzo. El canciller Marcelo Ebrard viajará a Lima la "
                     "próxima semana.", None,
                     id="a dateline without weekday: 2019 to 2023 all fit, nothing inferred"),
        pytest.param("Ciudad de México.- El día de hoy, martes 3 de marzo, la Cancillería informó que "
                     "habrá una reunión.", None, id="no person with a title: nothing to date by"),
    ],
)
def test_undated_document(make_doc, text: str, published: dt.date | None) -> None:
    doc = make_doc(text)
    assert doc._.published == published
    assert doc._.published_from == ("text" if published else None)


def test_dates_are_resolved_again_on_the_inferred_day(make_doc) -> None:
    doc = make_doc("Ciudad de México.- El canciller Marcelo Ebrard informó el día de hoy, martes 3 de "
                   "marzo, que viajará a Lima. Ayer conversó con su homólogo peruano.")
    values = {t.text.lower(): t.value for t in doc._.timexes}
    assert values["ayer"] == "2020-03-02"
    assert any(v == "2020-03-03" for k, v in values.items() if "martes 3 de marzo" in k)


OWN_DAY_HOMOLOGUE = ("Ciudad de México.- El canciller Marcelo Ebrard informó el día de hoy, martes 3 de marzo, "
                     "que viajará a Lima. Ayer el presidente conversó con su homólogo peruano.")
OWN_DAY_DESIGNATE = ("Ciudad de México.- El canciller Luis Videgaray informó el día de hoy, martes 4 de "
                     "septiembre, que se reunió con Marcelo Ebrard.")


@pytest.mark.parametrize("text, name, role_code", [
    pytest.param(OWN_DAY_HOMOLOGUE, "Martín Vizcarra", "head_of_state",
                 id="'su homólogo peruano' is who was Peru's president on the inferred day"),
    pytest.param(OWN_DAY_DESIGNATE, "Marcelo Ebrard", "other",
                 id="the minister-designate of 4 September 2018 is other, not foreign minister"),
])
def test_participants_are_resolved_again_on_the_inferred_day(make_doc, text: str, name: str,
                                                             role_code: str) -> None:
    assert (name, role_code) in {(p.name, p.role_code) for p in make_doc(text)._.participants}


@pytest.mark.parametrize("text", [
    pytest.param(OWN_DAY_HOMOLOGUE, id="role-only mentions"),
    pytest.param(OWN_DAY_DESIGNATE, id="named persons' offices"),
])
def test_an_inferred_day_gives_the_participants_of_a_given_one(make_doc, text: str) -> None:
    inferred = make_doc(text)
    given = make_doc(text, inferred._.published.isoformat())

    def rows(doc):
        return sorted((p.name, p.role_code, p.resolved_by, p.n_mentions) for p in doc._.participants)

    assert rows(inferred) == rows(given)


def test_a_dated_document_is_left_alone(make_doc) -> None:
    doc = make_doc("El canciller Marcelo Ebrard informó el día de hoy, martes 3 de marzo, que viajará "
                   "a Lima.", "2021-03-05")
    assert doc._.published == dt.date(2021, 3, 5)
    assert doc._.published_from is None


def test_the_own_day_words_are_rule_data(tmp_path) -> None:
    """Without a ``today`` row in models/dates/words.csv, "hoy, martes 3 de marzo" is not the
    report's own day: the word list is data a researcher edits, not code."""
    import shutil

    from pipeline.config import Settings
    from pipeline.nlp import load_nlp
    from pipeline.rules import DEFAULT_MODELS_DIR

    models = tmp_path / "models"
    shutil.copytree(DEFAULT_MODELS_DIR, models)
    words = models / "dates" / "words.csv"
    words.write_text("".join(line for line in words.read_text(encoding="utf-8").splitlines(keepends=True)
                             if ",today," not in line), encoding="utf-8")
    nlp = load_nlp(Settings(models_dir=models))
    doc = nlp.make_doc("Ciudad de México.- El canciller Marcelo Ebrard informó el día de hoy, martes 3 de "
                       "marzo, que viajará a Lima.")
    doc._.doc_id = "test"
    assert nlp(doc)._.published is None
