"""Events stage: which mentions are one event (pipeline.events_merge) and what tells them apart.

Dates and participants are built by hand (surface -> value, name -> country) through the
``events`` fixture of :mod:`tests.conftest`.
"""

from __future__ import annotations

import pytest

PEOPLE = {"Ana Ruiz": "MEX", "Luis Vera": "CHL", "Eva Sanz": "CAN"}


@pytest.mark.parametrize("text, dates, expected", [
    pytest.param("La canciller Ana Ruiz sostuvo una reunión con el ministro Luis Vera. "
                 "“Tuvimos una reunión muy buena”, dijo después.", {},
                 [("meeting", "held")], id="a-mention-naming-nobody-joins-the-meeting-told"),
    pytest.param("La canciller Ana Ruiz sostuvo una reunión con el ministro Luis Vera. "
                 "La reunión ocurrió en un ambiente cordial.", {},
                 [("meeting", "held")], id="subject-of-an-occurrence-verb-is-a-reference"),
    pytest.param("La reunión se realizó en un ambiente cordial, informó la cancillería.", {},
                 [("meeting", "held")], id="occurrence-reference-with-nothing-before-stands"),
    pytest.param("Los cancilleres revisarán los acuerdos en su cumbre del 18 de septiembre.",
                 {"18 de septiembre": "2026-09-18"}, [("summit", "planned")],
                 id="a-dated-reference-with-nothing-before-stands"),
    pytest.param("Dicha reunión fue breve.", {}, [], id="an-undated-reference-alone-is-nothing"),
])
def test_references(events, text, dates, expected):
    assert [(e.kind, e.status) for e in events(text, dates, PEOPLE)] == expected


@pytest.mark.parametrize("text, n", [
    pytest.param("El canciller Ana Ruiz participó en la reunión trilateral de cancilleres. En su "
                 "encuentro bilateral con el ministro Luis Vera se revisó la agenda.", 2,
                 id="bilateral-is-not-the-trilateral"),
    pytest.param("La canciller Ana Ruiz sostuvo una reunión bilateral con el ministro Luis Vera. "
                 "En el encuentro bilateral se revisó la agenda.", 1,
                 id="same-scope-merges"),
])
def test_scope_adjectives(events, text, n):
    assert len(events(text, people=PEOPLE, published=None)) == n


@pytest.mark.parametrize("text, expected", [
    pytest.param("En la reunión con el ministro Luis Vera se acordó intensificar el diálogo.",
                 "held", id="a-setting-is-not-what-was-agreed"),
    pytest.param("Los ministros acordaron una reunión con el ministro Luis Vera.", "planned",
                 id="agreed-meeting-is-planned"),
    pytest.param("El ministro Luis Vera confirmó la reunión con la canciller Ana Ruiz.", "planned",
                 id="confirmed-meeting-is-planned"),
    pytest.param("El canciller expuso sus ideas en la inauguración de la IX Cumbre Empresarial del "
                 "Pacífico. La cumbre empresarial se realizará cada año.", "held",
                 id="a-past-action-at-the-event-says-held"),
])
def test_status(events, text, expected):
    assert events(text, people=PEOPLE, published=None)[0].status == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("La canciller Ana Ruiz podría reunirse con el ministro Luis Vera en el marco de la Cumbre de "
                 "las Américas.", "planned", id="a-summit-of-a-verb-with-a-conditional-auxiliary-is-to-come"),
    pytest.param("La canciller Ana Ruiz dijo que vería al ministro Luis Vera en la Cumbre de las Américas, pero "
                 "él se fue antes.", "held", id="a-conditional-alone-tells-a-past-plan"),
    pytest.param("La canciller Ana Ruiz podría rendir ante el Senado un informe sobre la Cumbre de las Américas.",
                 "held", id="a-summit-a-report-is-about-is-not-where-the-verb-happens"),
])
def test_status_of_a_summit_by_its_governing_verb(events, text, expected):
    [summit] = [e for e in events(text, people=PEOPLE, published=None) if e.kind == "summit"]
    assert summit.status == expected


@pytest.mark.parametrize("since", [
    pytest.param("desde 2014", id="desde"),
    pytest.param("desde el año 2014", id="desde el año"),
])
def test_the_first_visit_since_a_year_is_the_visit_told_not_one_in_that_year(events, since):
    """"Será la primera visita ... desde 2014": what the visit will be (a future copula), and the
    year it is the first since, not its date."""
    text = ("La presidenta Ana Ruiz realizará una visita de Estado a Chile el 12 de noviembre. Será la primera "
            f"visita de Estado de una presidenta mexicana a Chile {since}.")
    found = events(text, {"12 de noviembre": "2025-11-12", "2014": "2014"}, PEOPLE, published="2025-11-05")
    assert [(e.kind, e.status, e.date_value) for e in found] == [("visit", "planned", "2025-11-12")]


def test_a_visit_told_in_the_conditional_of_the_past_stays_held(events):
    text = ("En 2015, el presidente Luis Vera viajó a La Habana. Esa sería la última visita de un presidente "
            "mexicano a Cuba en una década.")
    found = events(text, {"2015": "2015"}, {"Luis Vera": "MEX"}, published="2025-05-02")
    assert {e.status for e in found} == {"held"}


def test_framed_reference_after_an_article(events):
    """"Después de la reunión, ..." frames the signing: no date of its own is taken from the
    clause, and the meeting keeps its own."""
    text = ("La canciller Ana Ruiz sostuvo una reunión con el ministro Luis Vera el 9 de marzo. "
            "Después de la reunión, el 10 de marzo, ambos firmaron un memorándum.")
    found = events(text, {"9 de marzo": "2026-03-09", "10 de marzo": "2026-03-10"}, PEOPLE,
                   published=None)
    assert [(e.kind, e.date_value) for e in found] == [("meeting", "2026-03-09"),
                                                        ("signing", "2026-03-10")]


@pytest.mark.parametrize("second, n", [
    pytest.param("Horas después, el ministro Luis Vera participó en un encuentro virtual convocado por "
                 "una universidad.", 2, id="the-partner-alone-at-another-meeting"),
    pytest.param("Horas después, Ana Ruiz encabezó un encuentro de trabajo para revisar la agenda.", 1,
                 id="the-subject-alone-again-is-the-same-meeting"),
])
def test_a_subject_alone_must_be_the_events_subject(events, second, n):
    text = f"La canciller Ana Ruiz sostuvo una reunión con el ministro Luis Vera. {second}"
    assert len(events(text, people=PEOPLE, published=None)) == n


def test_support_noun_before_an_aside(events):
    text = ("El ministro agradeció la próxima celebración, a principios de mayo en Madrid, de la "
            "Comisión Mixta sobre cooperación técnica.")
    (event,) = events(text, {"a principios de mayo": "2026-05"}, published=None)
    assert (event.status, event.date_value, event.location) == ("planned", "2026-05", "Madrid")


def test_a_title_line_naming_its_event_in_generic_words_joins_the_body_event(events):
    text = ("Realizan en Los Cabos la primera reunión informal de cancilleres del G20\n"
            "La canciller Ana Ruiz inauguró la Reunión Informal de Ministros de Relaciones "
            "Exteriores del G20.\n")
    found = events(text, people=PEOPLE, published=None)
    assert [(e.kind, e.location) for e in found] == [("summit", "Los Cabos")]


def test_generic_words_naming_a_group_outside_a_title_keep_two_meetings_apart(events):
    text = ("Los cancilleres acordaron celebrar la siguiente reunión del Grupo Binacional el 22 de "
            "abril en la Ciudad de Guatemala. También acordaron celebrar la siguiente reunión de la "
            "Comisión Binacional México-España en abril.")
    dates = {"22 de abril": "2026-04-22", "abril.": "2026-04"}  # (a month holding the day)
    assert len(events(text, dates, PEOPLE)) == 2


@pytest.mark.parametrize("second, n", [
    pytest.param("En Tokio, la canciller Ana Ruiz sostendrá encuentros con el ministro Luis Vera y con "
                 "la ministra Eva Sanz.", 2, id="a-bare-noun-with-a-support-verb-and-partners-introduces"),
    pytest.param("En esa reunión se revisará la agenda.", 1, id="a-reference-joins-the-meeting-told"),
    pytest.param("En Tokio, la canciller Ana Ruiz sostendrá encuentros con el gobernador.", 1,
                 id="a-bare-noun-whose-partner-is-named-by-no-one-does-not-introduce"),
])
def test_a_bare_noun_with_partners_is_a_new_event(events, second, n):
    """"sostendrá encuentros con X y Y" introduces meetings, as "una reunión con X" does: it does
    not join the planned meeting of a commission told before."""
    text = f"Los cancilleres acordaron realizar la próxima reunión de la Comisión Binacional en 2027. {second}"
    assert len(events(text, {"en 2027": "2027"}, PEOPLE)) == n


@pytest.mark.parametrize("first, n", [
    pytest.param("Los cancilleres acordaron celebrar una reunión técnica antes de que concluya el año.", 2,
                 id="an-unnamed-meeting-introduced-before-is-not-the-named-summit"),
    pytest.param("Los cancilleres acordaron preparar la cumbre.", 1,
                 id="a-summit-told-before-is-the-named-summit"),
    pytest.param("Los cancilleres acordaron preparar la reunión.", 1,
                 id="a-meeting-told-before-with-an-article-is-the-named-summit"),
])
def test_a_named_event_of_another_kind_is_not_an_unnamed_one_introduced_before(events, first, n):
    text = f"{first} La canciller Ana Ruiz viajará a Bruselas para participar en la Cumbre UE-CELAC."
    assert len(events(text, people=PEOPLE)) == n


@pytest.mark.parametrize("second, n", [
    pytest.param("La canciller Ana Ruiz encabezará la XXXVI Reunión de Titulares con el ministro Luis Vera.", 1,
                 id="a-name-with-a-support-verb-and-partners-is-the-named-event-told"),
    pytest.param("La canciller Ana Ruiz sostendrá encuentros con el ministro Luis Vera.", 2,
                 id="a-bare-noun-with-a-support-verb-and-partners-is-another"),
])
def test_a_named_event_told_again_with_its_partners_is_the_one_told(events, second, n):
    """"la XXXVI Reunión de Titulares" names the event told before: partners named with it do
    not make it another (as they do a bare noun, "sostendrá encuentros con X")."""
    text = f"Los cancilleres acordaron celebrar la XXXVI Reunión de Titulares. {second}"
    assert len(events(text, people=PEOPLE)) == n


def test_a_forum_told_after_a_meeting_with_a_partner_is_another_event(events):
    text = ("La canciller Ana Ruiz se reunirá con el presidente Luis Vera. La gira concluirá en Lima, donde "
            "la canciller participará en la inauguración del Foro Regional de Migración.")
    found = events(text, people=PEOPLE)
    assert sorted((e.kind, e.location) for e in found) == [
        ("meeting", None), ("summit", "Lima"), ("visit", "Lima")]
