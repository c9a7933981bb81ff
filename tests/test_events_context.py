"""Events stage, document-level rules: dates and places the rest of the document lends
(pipeline.events_context, events_place) and merging of mentions (events_merge). Who takes part
is in test_events_people.

The dates and participants the events stage reads are built by hand (surface -> value,
name -> country), so these tests measure the events stage alone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.events_context import day_of
from pipeline.records import Timex
from tests.events_support import DELEGATION_PEOPLE, TRAVEL


# -- dates the rest of the document lends ---------------------------------------------------

def test_a_date_opening_the_sentence_after_the_dateline_is_the_events_not_the_datelines(events):
    """"Lima, 10 de septiembre de 2026.- El lunes pasado, X visitó ...": the dateline is the report's
    day; the date that opens the clause after it is the visit's."""
    text = "Lima, 10 de septiembre de 2026.- El lunes pasado, la canciller Ana Ruiz visitó la sede de la OEA."
    found = events(text, {"10 de septiembre de 2026": "2026-09-10", "El lunes pasado": "2026-09-07"},
                   {"Ana Ruiz": "PER"}, published="2026-09-10")
    assert [(e.kind, e.date_value) for e in found] == [("visit", "2026-09-07")]


def test_a_date_opening_a_coordinated_clause_dates_its_verb(events):
    """"Mañana viajará a X y pasado mañana se reunirá con Y": the parse hangs "pasado mañana" on
    the first clause; the date right before the verb, after "y", is the meeting's."""
    text = ("La canciller Ana Ruiz informó que mañana viajará a Lima y pasado mañana se reunirá con el ministro "
            "Luis Vera.")
    found = events(text, {"mañana": "2026-03-13", "pasado mañana": "2026-03-14"},
                   {"Ana Ruiz": "PER", "Luis Vera": "PER"}, published="2026-03-12")
    assert [(e.kind, e.date_value) for e in found] == [("meeting", "2026-03-14")]


def test_a_visit_frames_an_event_dated_within_it(events):
    """"Durante su visita a Lima, se reunió el lunes con X": a meeting of its own day is still in Lima."""
    text = "Durante su visita oficial a Lima, la canciller Ana Ruiz se reunió el lunes con el ministro Luis Vera."
    found = events(text, {"el lunes": "2026-03-09"}, {"Ana Ruiz": "PER", "Luis Vera": "CHL"}, published="2026-03-12")
    assert [(e.kind, e.location) for e in found if e.kind == "meeting"] == [("meeting", "Lima")]


def test_a_dateline_with_a_clock_time_still_dates_the_event_it_tells(events):
    """"Lima, 12 de marzo de 2026, 10:00 horas.- X recibió a Y": the dateline's day (a TIME here) is
    the reception's, as before the dateline was kept from events' own dates."""
    text = "Lima, 12 de marzo de 2026, 10:00 horas.- La canciller Ana Ruiz recibió al ministro Luis Vera."
    found = events(text, {"12 de marzo de 2026, 10:00 horas": "2026-03-12T10:00"},
                   {"Ana Ruiz": "PER", "Luis Vera": "CHL"}, published="2026-03-12")
    assert [(e.kind, e.date_value) for e in found] == [("meeting", "2026-03-12")]


def test_a_name_spelled_as_a_frame_word_frames_nothing(events):
    """"Marco Rubio recibió el 3 de junio a X, quien había sostenido una reunión": "Marco" is a
    name, not the frame word "marco": the earlier meeting does not take the day of the reception."""
    text = ("El secretario Marco Rubio recibió el 3 de junio a la canciller Ana Ruiz, quien previamente había "
            "sostenido una reunión con legisladores.")
    found = events(text, {"el 3 de junio": "2026-06-03"}, {"Marco Rubio": "USA", "Ana Ruiz": "PER"},
                   published="2026-06-10")
    assert sorted(e.date_value or "" for e in found) == ["", "2026-06-03"]


def test_a_visit_frames_no_event_of_another_date(events):
    """"Durante su visita a Lima, recordó la reunión del año pasado": that meeting was elsewhere."""
    text = ("Durante su visita oficial a Lima, la canciller Ana Ruiz recordó la reunión que sostuvo el año pasado "
            "con el ministro Luis Vera.")
    found = events(text, {"el año pasado": "2025"}, {"Ana Ruiz": "PER", "Luis Vera": "CHL"}, published="2026-03-12")
    assert [(e.kind, e.location) for e in found if e.kind == "meeting"] == [("meeting", None)]


@pytest.mark.parametrize("text, dates, expected", [
    pytest.param("Santiago de Chile, 11 de marzo de 2026. El ministro Luis Vera sostuvo una reunión "
                 "bilateral con su homólogo de Costa Rica.", {"11 de marzo de 2026": "2026-03-11"},
                 [("held", "2026-03-11")], id="dateline-dates-the-lead-event"),
    pytest.param("Lima, 2 de marzo de 2026. La canciller participó en la inauguración de la Cumbre "
                 "Empresarial, según informó la Cancillería.", {"2 de marzo de 2026": "2026-03-02"},
                 [("held", "2026-03-02")], id="dateline-dates-a-held-event-further-on"),
    pytest.param("Quito, 2 de marzo de 2026. Los cancilleres se reunirán en Lima para revisar la "
                 "agenda bilateral.", {"2 de marzo de 2026": "2026-03-02"},
                 [("planned", None)], id="dateline-does-not-date-a-planned-event"),
    pytest.param("Quito, 2 de marzo de 2026. La canciller sostuvo el 27 de febrero una llamada con "
                 "su homólogo de Perú.", {"2 de marzo de 2026": "2026-03-02",
                                          "27 de febrero": "2026-02-27"},
                 [("held", "2026-02-27")], id="an-own-date-wins-over-the-dateline"),
    pytest.param("La canciller, en Quito el 2 de marzo de 2026, sostuvo una llamada con su homólogo.",
                 {"2 de marzo de 2026": "2026-03-02"}, [("held", "2026-03-02")],
                 id="a-date-in-the-sentence-is-no-dateline-but-attaches"),
    pytest.param("La canciller sostuvo una llamada con su homólogo de Perú. En otra nota del 2 de "
                 "marzo de 2026 se habló de comercio.", {"2 de marzo de 2026": "2026-03-02"},
                 [("held", None)], id="no-dateline-no-date"),
])
def test_dateline(events, text, dates, expected):
    assert [(e.status, e.date_value) for e in events(text, dates)] == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("Santiago de Chile, 11 de marzo de 2026. El ministro Luis Vera sostuvo una reunión "
                 "bilateral con su homólogo de Costa Rica.", [("meeting", "Santiago de Chile", "CHL")],
                 id="a held event with no place: the dateline's city"),
    pytest.param("Santiago de Chile, 11 de marzo de 2026. El ministro Luis Vera sostuvo una reunión "
                 "en Lima con su homólogo.", [("meeting", "Lima", "PER")], id="a place of its own wins"),
    pytest.param("Santiago de Chile, 11 de marzo de 2026. El ministro Luis Vera sostuvo una llamada "
                 "con su homólogo de Costa Rica.", [("call", None, None)], id="a call takes no place"),
    pytest.param("Santiago de Chile, 11 de marzo de 2026. El ministro Luis Vera se reunirá con su "
                 "homólogo de Costa Rica.", [("meeting", None, None)], id="a planned event is not placed by it"),
    pytest.param("Chile, 11 de marzo de 2026. El ministro Luis Vera sostuvo una reunión con su "
                 "homólogo de Costa Rica.", [("meeting", None, None)], id="a dateline naming only a country"),
])
def test_dateline_place(events, text, expected):
    found = events(text, {"11 de marzo de 2026": "2026-03-11"}, published="2026-03-11")
    assert [(e.kind, e.location, e.location_country) for e in found] == expected


@pytest.mark.parametrize("text, dates, expected", [
    pytest.param("Comunicado conjunto\n2026/3/9\n\n\nEl 9 de marzo, a partir de las 18:30 horas, la "
                 "ministra Ana Ruiz, titular de Asuntos Exteriores, sostuvo una reunión bilateral.",
                 {"9 de marzo": "2026-03-09", "18:30 horas": "2026-03-09T18:30"},
                 ["2026-03-09"], id="fronted-date-after-a-header-line"),
    pytest.param("El 9 de marzo, la ministra Ana Ruiz sostuvo una reunión con el embajador de Italia.",
                 {"9 de marzo": "2026-03-09"}, ["2026-03-09"], id="fronted-date-plain"),
    pytest.param("El 9 de marzo se publicó el informe anual y la ministra sostuvo una reunión con el "
                 "embajador de Italia.", {"9 de marzo": "2026-03-09"}, [None],
                 id="another-verb-between-blocks-the-fronted-date"),
    pytest.param("Comunicado\n📸 Esta mañana, la ministra Ana Ruiz sostuvo una reunión con el embajador de "
                 "Italia.", {"Esta mañana": "2026-03-09"}, ["2026-03-09"],
                 id="an-emoji-opening-the-line-before-the-date"),
])
def test_fronted_date(events, text, dates, expected):
    assert [e.date_value for e in events(text, dates, published=None)] == expected


def test_clock_time_gives_the_event_its_day(events):
    text = "La canciller sostuvo una reunión con el embajador de Japón a las 10:00 horas."
    (event,) = events(text, {"10:00 horas": "2026-03-12T10:00"}, published=None)
    assert (event.date_value, event.date_start) == ("2026-03-12", dt.date(2026, 3, 12))


@pytest.mark.parametrize("tx, value", [
    pytest.param(Timex(0, 0, 4, "hoy", "DATE", "2026-03-12", dt.date(2026, 3, 12),
                       dt.date(2026, 3, 12), "day", "publication"), "2026-03-12", id="a-day-stays"),
    pytest.param(Timex(0, 0, 4, "10:00", "TIME", "2026-03-12T10:00", dt.date(2026, 3, 12),
                       dt.date(2026, 3, 12), "minute", "publication"), "2026-03-12", id="time-to-day"),
    pytest.param(Timex(0, 0, 4, "a las 10", "TIME", None, None, None, "minute", "none"), None,
                 id="time-without-day-gives-nothing"),
])
def test_day_of(tx, value):
    assert day_of(tx)[0] == value


@pytest.mark.parametrize("frame", [
    pytest.param("Después de la reunión", id="after the meeting"),
    pytest.param("En la reunión", id="'En' and the meeting opening the sentence, set off by a comma"),
    pytest.param("En el marco de la reunión", id="in the frame of the meeting"),
])
def test_framed_event_takes_the_framing_events_day_and_place(events, frame):
    text = ("La ministra Ana Ruiz sostuvo una reunión con el canciller Luis Vera el 9 de marzo en Lima. "
            f"{frame}, los dos ministros firmaron un memorándum de cooperación.")
    found = events(text, {"9 de marzo": "2026-03-09"}, {"Ana Ruiz": "PER", "Luis Vera": "CHL"},
                   published=None)
    assert [(e.kind, e.date_value, e.location) for e in found] == [("meeting", "2026-03-09", "Lima"),
                                                                    ("signing", "2026-03-09", "Lima")]


@pytest.mark.parametrize("frame", [
    pytest.param("Durante su visita", id="during the visit"),
    pytest.param("En el marco de la visita", id="in the frame of the visit"),
])
def test_an_event_a_visit_frames_takes_its_day_and_place_not_its_people(events, frame):
    """A visit framing the sentence gives what it frames its day and place; whom the visitor
    meets there is no party to the visit."""
    text = (f"La canciller Ana Ruiz realizó una visita oficial a Lima el 9 de marzo. {frame}, se reunió con "
            "el ministro Luis Vera.")
    found = events(text, {"9 de marzo": "2026-03-09"}, {"Ana Ruiz": "PER", "Luis Vera": "CHL"},
                   published=None)
    assert [(e.kind, e.date_value, e.location, sorted(e.actor_ids)) for e in found] == [
        ("visit", "2026-03-09", "Lima", ["Ana Ruiz"]), ("meeting", "2026-03-09", "Lima", ["Ana Ruiz", "Luis Vera"])]


@pytest.mark.parametrize("text, dates, expected", [
    pytest.param("La canciller Ana Ruiz realizó el 9 de marzo una visita oficial a Brasilia, donde "
                 "sostuvo una reunión con el ministro Luis Vera.", {"9 de marzo": "2026-03-09"},
                 {"visit": "2026-03-09", "meeting": "2026-03-09"}, id="place-relative-of-a-dated-visit"),
    pytest.param("La canciller Ana Ruiz viajará en abril a Lima, donde se reunirá con el ministro "
                 "Luis Vera.", {"abril": "2026-04"}, {"meeting": "2026-04"}, id="place-relative-of-a-dated-trip"),
    pytest.param("El presidente Luis Vera viajará el 18 de marzo a Lima para participar en la Cumbre "
                 "de las Américas.", {"18 de marzo": "2026-03-18"}, {"summit": "2026-03-18"},
                 id="purpose-of-a-dated-trip"),
    pytest.param("El presidente Luis Vera visitará Lima el 18 de marzo para participar en la Cumbre de "
                 "las Américas.", {"18 de marzo": "2026-03-18"}, {"summit": "2026-03-18"},
                 id="purpose-of-a-dated-visit-the-summit-stands-for"),
    pytest.param("La canciller Ana Ruiz viajó el 9 de marzo a Lima para acordar una visita del "
                 "presidente Luis Vera.", {"9 de marzo": "2026-03-09"}, {"visit": None},
                 id="an-event-a-purpose-verb-plans-is-not-dated-so"),
    pytest.param("El sábado los cancilleres estarán presentes en Lima, y de allí se trasladarán a Quito "
                 "para participar en la cumbre regional.", {"El sábado": "2026-03-14"},
                 {"summit": "2026-03-14"}, id="purpose-of-an-undated-verb-coordinated-with-a-dated-one"),
    pytest.param("El sábado los cancilleres llegaron a Lima, y después viajarán a Quito para "
                 "participar en la cumbre regional.", {"El sábado": "2026-03-14"},
                 {"summit": None}, id="coordinated-in-another-tense-shares-no-date"),
    pytest.param("La canciller Ana Ruiz llegó el 9 de marzo a Lima, donde sostendrá una reunión con el ministro "
                 "Luis Vera.", {"9 de marzo": "2026-03-09"}, {"meeting": None},
                 id="a-relative-in-another-tense-than-its-verb-tells-another-day"),
])
def test_an_event_in_a_place_or_purpose_clause_takes_its_governing_verbs_date(events, text, dates, expected):
    found = events(text, dates, {"Ana Ruiz": "MEX", "Luis Vera": "PER"})
    assert {e.kind: e.date_value for e in found} == expected


def test_unframed_later_event_keeps_no_date(events):
    text = ("La ministra Ana Ruiz sostuvo una reunión con el canciller Luis Vera el 9 de marzo. "
            "Los dos ministros firmaron un memorándum de cooperación.")
    found = events(text, {"9 de marzo": "2026-03-09"}, {"Ana Ruiz": "PER", "Luis Vera": "CHL"},
                   published=None)
    assert [(e.kind, e.date_value) for e in found] == [("meeting", "2026-03-09"), ("signing", None)]


def test_other_value_dates_the_event_inside_the_anchored_clause(events):
    text = ("La llamada entre los cancilleres tuvo lugar tres días después de que el presidente "
            "hablara por teléfono con su homóloga.")
    clause = text.index("el presidente")
    tx = Timex(0, text.index("tres días"), text.index("tres días") + len("tres días después"),
               "tres días después", "DATE", None, None, None, "day", "event",
               other_value="2026-03-06", other_start=clause, other_end=len(text) - 1)
    found = events(text, timexes=[tx], published=None)
    assert ("call", "2026-03-06") in [(e.kind, e.date_value) for e in found]


# -- merging and splitting ---------------------------------------------------------------------

@pytest.mark.parametrize("text, n", [
    pytest.param("La canciller Ana Ruiz sostuvo una llamada con el presidente Luis Vera. Más tarde, "
                 "Luis Vera dijo que tuvo una buena conversación con el tabasqueño.", 1,
                 id="the-other-side-tells-of-the-same-call"),
    pytest.param("La canciller Ana Ruiz encabezó una reunión virtual con los cónsules Luis Vera. "
                 "Esta mañana, Ana Ruiz sostuvo una reunión virtual de trabajo para revisar la agenda.", 1,
                 id="same-people-again-without-partners"),
    pytest.param("La canciller Ana Ruiz sostuvo una reunión con el embajador Luis Vera. Más tarde, "
                 "Ana Ruiz sostuvo una reunión con empresarios del sector.", 2,
                 id="a-group-of-other-partners-is-another-meeting"),
    pytest.param("La canciller Ana Ruiz se reunió con el embajador Luis Vera. Después, Ana Ruiz "
                 "recibió al embajador Luis Vera con el objetivo de revisar la agenda.", 1,
                 id="con-el-objetivo-is-no-partner"),
])
def test_merging_by_people(events, text, n):
    assert len(events(text, people={"Ana Ruiz": "MEX", "Luis Vera": "CHL"}, published=None)) == n


@pytest.mark.parametrize("people, n", [
    pytest.param({"Mike Pence": "USA", "Mike Pompeo": "USA"}, 1, id="one-government-one-meeting"),
    pytest.param({"Mike Pence": "ESP", "Mike Pompeo": None}, 2, id="different-sides-two-meetings"),
])
def test_comma_y_con_splits_partners_of_different_sides(events, people, n):
    text = ("El canciller se reunirá con el vicepresidente, Mike Pence, y con el secretario, "
            "Mike Pompeo, para revisar la agenda.")
    assert len(events(text, people=people, published=None)) == n


@pytest.mark.parametrize("text", [
    pytest.param("El canciller Luis Vera conversó por teléfono con el secretario Mike Pence, y, por separado, "
                 "con la ministra Ana Ruiz.", id="an aside between ', y,' and 'con'"),
    pytest.param("El canciller Luis Vera conversó por teléfono con el secretario Mike Pence, y, más tarde, "
                 "con la ministra Ana Ruiz.", id="a time aside"),
    pytest.param("El canciller Luis Vera sostuvo una llamada con el secretario Mike Pence y otra con la "
                 "ministra Ana Ruiz.", id="'y otra con': a second event of the same kind"),
])
def test_a_partner_introduced_again_has_an_event_of_its_own(events, text):
    """", y, por separado, con W", "y otra con W": W's call is another call, even of the same
    government."""
    found = events(text, people={"Luis Vera": "MEX", "Mike Pence": "CAN", "Ana Ruiz": "CAN"}, published=None)
    assert sorted(e.actor_ids for e in found) == [["Ana Ruiz", "Luis Vera"], ["Luis Vera", "Mike Pence"]]


def test_an_event_in_a_place_relative_takes_place_where_it_says(events):
    (event,) = events(TRAVEL, people={"Luis Vera": "MEX", "Ana Ruiz": "PER"}, published=None)
    assert event.location == "Lima"


def test_an_event_in_a_purpose_clause_of_a_journey_takes_place_where_it_goes(events):
    """"se trasladará a Lima para asistir a la ceremonia": the ceremony is in Lima."""
    (event,) = events("El canciller Luis Vera se trasladará a Lima para asistir a la ceremonia oficial.",
                      people={"Luis Vera": "MEX"}, published=None)
    assert (event.kind, event.location) == ("other", "Lima")


def test_an_event_within_a_cancelled_trip_is_cancelled(events):
    text = ("El presidente Luis Vera canceló una gira que realizaría por Lima, donde se reuniría con la "
            "ministra Ana Ruiz.")
    found = events(text, people={"Luis Vera": "MEX", "Ana Ruiz": "PER"}, published=None)
    assert sorted((e.kind, e.status) for e in found) == [("meeting", "cancelled"), ("visit", "cancelled")]


def test_a_split_partners_evidence_ends_with_its_sentence(events):
    text = ("El canciller Luis Vera sostuvo una llamada con el secretario Mike Pence y otra con Ana Ruiz. "
            "El canciller viajó después a Lima con su equipo de trabajo.")
    found = events(text, people={"Luis Vera": "MEX", "Mike Pence": "CAN", "Ana Ruiz": "CAN"}, published=None)
    second = next(e for e in found if "Ana Ruiz" in e.actor_ids and "Mike Pence" not in e.actor_ids)
    assert second.end <= text.index(".") + 1


def test_split_partner_phrase_ends_at_the_next_verb(events):
    text = ("El canciller será recibido por el rey Mike Pence, así como por el presidente Mike Pompeo, "
            "y se reunirá con la ministra Ana Ruiz.")
    found = events(text, people={"Mike Pence": "ESP", "Mike Pompeo": "ESP", "Ana Ruiz": "ESP"},
                   published=None)
    second = next(e for e in found if "Mike Pompeo" in e.actor_ids)
    assert "Ana Ruiz" not in second.actor_ids


@pytest.mark.parametrize("meeting, expected", [
    pytest.param("La canciller Ana Ruiz sostuvo un encuentro con el ministro Pedro Soto.", None,
                 id="people of other states, none on the visit: elsewhere"),
    pytest.param("El presidente Luis Vera sostuvo un encuentro con la canciller Ana Ruiz.", "Lima",
                 id="the visitor meets a host: in the visited city"),
    pytest.param("Se celebró un encuentro de trabajo sobre comercio.", "Lima",
                 id="no one named: in the visited city"),
])
def test_a_meeting_takes_the_visited_city_only_if_its_people_were_there(events, meeting, expected):
    text = f"El pasado domingo, el presidente Luis Vera visitó Lima. {meeting}"
    people = {"Luis Vera": "CHL", "Ana Ruiz": "PER", "Pedro Soto": "ECU"}
    found = events(text, {"El pasado domingo": "2026-03-08"}, people)
    meeting_place = [e.location for e in found if e.kind == "meeting"]
    assert meeting_place == [expected]


def test_an_event_in_the_frame_of_a_numbered_assembly_takes_place_where_it_did(events):
    text = ("En el marco de la 54 Asamblea General de la OEA, celebrada en Lima, la canciller Ana Ruiz "
            "sostuvo un encuentro con el ministro Pedro Soto.")
    found = events(text, people={"Ana Ruiz": "MEX", "Pedro Soto": "ECU"})
    assert [(e.kind, e.location, e.actor_ids) for e in found] == [
        ("summit", "Lima", ["Ana Ruiz", "Pedro Soto"]), ("meeting", "Lima", ["Ana Ruiz", "Pedro Soto"])]


def test_a_bulleted_item_dates_its_planned_event_not_the_held_frame_around_it(events):
    """The parse hangs a list's words on its line breaks: the one date of a bulleted item dates
    the event it tells; the held meeting that frames the list lends it no date."""
    text = ("La canciller Ana Ruiz recibió hoy al ministro Pedro Soto. Durante la reunión, ambos "
            "cancilleres revisaron la relación bilateral y acordaron:\n\n"
            "• Celebrar la IX Reunión de la Comisión Binacional en Lima durante el primer semestre de 2027.\n"
            "• Fortalecer los vínculos entre las academias diplomáticas.\n")
    found = events(text, {"hoy": "2026-03-12", "durante el primer semestre de 2027": "2027-01"},
                   people={"Ana Ruiz": "MEX", "Pedro Soto": "PER"})
    assert [(e.status, e.date_value) for e in found] == [("held", "2026-03-12"), ("planned", "2027-01")]


@pytest.mark.parametrize("item, date", [
    pytest.param("• Celebrar la IX Reunión de la Comisión Binacional en Lima durante el primer semestre de "
                 "2027, conforme al calendario aprobado el 5 de mayo de 2026.\n",
                 {"el 5 de mayo de 2026": "2026-05-05"}, id="two dates on the item's line: neither"),
    pytest.param("• Celebrar la IX Reunión de la Comisión Binacional en Lima y una visita oficial a Quito "
                 "durante el primer semestre de 2027.\n", {}, id="another event on the item's line: its date"),
])
def test_a_bulleted_item_lends_its_date_only_as_the_one_date_of_its_one_event(events, item, date):
    text = ("La canciller Ana Ruiz recibió hoy al ministro Pedro Soto. Durante la reunión, ambos "
            "cancilleres revisaron la relación bilateral y acordaron:\n\n" + item
            + "• Fortalecer los vínculos entre las academias diplomáticas.\n")
    found = events(text, {"hoy": "2026-03-12", "durante el primer semestre de 2027": "2027-01", **date},
                   people={"Ana Ruiz": "MEX", "Pedro Soto": "PER"})
    (commission,) = [e for e in found if e.kind == "meeting" and e.status == "planned"]
    assert commission.date_value is None


def test_a_held_meeting_framing_an_agreement_lends_the_planned_event_no_date(events):
    text = ("La canciller Ana Ruiz recibió hoy al ministro Pedro Soto. Durante la reunión, ambos "
            "acordaron celebrar la IX Reunión de la Comisión Binacional en Lima.")
    found = events(text, {"hoy": "2026-03-12"}, people={"Ana Ruiz": "MEX", "Pedro Soto": "PER"})
    assert [(e.status, e.date_value) for e in found] == [("held", "2026-03-12"), ("planned", None)]


@pytest.mark.parametrize("second, expected", [
    pytest.param("y más tarde conversó por teléfono con la ministra Rosa Gil", "2026-03-12",
                 id="a coordinated verb in the same tense: the same day"),
    pytest.param("y conversará por teléfono con la ministra Rosa Gil", None,
                 id="a coordinated verb in another tense: no date"),
])
def test_an_event_coordinated_with_a_dated_one_shares_its_day(events, second, expected):
    text = f"La canciller Ana Ruiz sostuvo este jueves una videoconferencia con el ministro Pedro Soto, {second}."
    found = events(text, {"este jueves": "2026-03-12"}, people=DELEGATION_PEOPLE)
    first, other = sorted(found, key=lambda e: e.start)
    assert (other.date_value, other.timex_id) == (expected, first.timex_id if expected else None)


def test_a_noun_coordinated_with_a_dated_event_is_not_dated_by_it(events):
    text = "La canciller Ana Ruiz recordó la reunión bilateral del 5 de marzo y la cumbre de Lima."
    found = events(text, {"5 de marzo": "2026-03-05"}, people=DELEGATION_PEOPLE)
    assert {e.kind: e.date_value for e in found}.get("summit") is None


@pytest.mark.parametrize("text", [
    pytest.param("- Ana Ruiz, subsecretaria desde el 1 de enero de 2025, participó en la reunión.",
                 id="a dash line that is no list item"),
    pytest.param("Acordaron:\n- Celebrar una reunión.\n12.000 personas asistieron el 1 de enero de 2025.",
                 id="a number opening a line is no bullet"),
])
def test_a_line_that_is_no_list_item_lends_no_date(events, text):
    found = events(text, {"1 de enero de 2025": "2025-01-01"}, people=DELEGATION_PEOPLE)
    assert all(e.date_value is None for e in found if e.kind == "meeting")


def test_a_meeting_on_the_sidelines_of_a_summit_told_before_takes_its_day_and_place(events):
    text = ("La canciller Ana Ruiz participó el lunes en la Cumbre de Lima. Al margen de la Cumbre, Ana "
            "Ruiz sostuvo un encuentro con el ministro Pedro Soto.")
    found = events(text, {"el lunes": "2026-03-09"}, people={"Ana Ruiz": "MEX", "Pedro Soto": "PER"})
    assert [(e.kind, e.date_value, e.location, e.actor_ids) for e in found] == [
        ("summit", "2026-03-09", "Lima", ["Ana Ruiz", "Pedro Soto"]),
        ("meeting", "2026-03-09", "Lima", ["Ana Ruiz", "Pedro Soto"])]
