"""Events stage, document-level rules (pipeline.events_context, events_people, events_place)
and merging of mentions.

The dates and participants the events stage reads are built by hand (surface -> value,
name -> country), so these tests measure the events stage alone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.events_context import day_of
from pipeline.records import Participant, Timex
from tests.events_support import hand_events, hand_timex, rehang


# -- dates the rest of the document lends ---------------------------------------------------

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


def test_framed_event_takes_the_framing_events_day(events):
    text = ("La ministra Ana Ruiz sostuvo una reunión con el canciller Luis Vera el 9 de marzo. "
            "Después de la reunión, los dos ministros firmaron un memorándum de cooperación.")
    found = events(text, {"9 de marzo": "2026-03-09"}, {"Ana Ruiz": "PER", "Luis Vera": "CHL"},
                   published=None)
    assert [(e.kind, e.date_value) for e in found] == [("meeting", "2026-03-09"),
                                                        ("signing", "2026-03-09")]


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


# -- people the rest of the document lends ---------------------------------------------------

@pytest.mark.parametrize("second, expected", [
    pytest.param("El pasado 1 de marzo sostuvieron una conversación sobre migración.",
                 ["Ana Ruiz", "Luis Vera"], id="elided-plural-subject"),
    pytest.param("El pasado 1 de marzo ambos funcionarios sostuvieron una conversación.",
                 ["Ana Ruiz", "Luis Vera"], id="ambos-funcionarios"),
    pytest.param("El pasado 1 de marzo la canciller sostuvo una conversación.", [],
                 id="singular-subject-inherits-nothing"),
])
def test_collective_subject_takes_the_previous_events_people(events, second, expected):
    text = f"La canciller Ana Ruiz sostuvo una llamada con el ministro Luis Vera el 9 de marzo. {second}"
    found = events(text, {"9 de marzo": "2026-03-09", "1 de marzo": "2026-03-01"},
                   {"Ana Ruiz": "PER", "Luis Vera": "CHL"})
    second_call = next(e for e in found if e.date_value == "2026-03-01")
    assert second_call.actor_ids == expected


def _misparsed(events_nlp, text: str, changes: dict[str, tuple[str, str | None]], kinds: dict[str, str]):
    """``text`` parsed by the model, then each word of ``changes`` given the label and (unless
    None) the head word it names: a parse error the model makes on other sentences, made
    here on purpose. With the participants of ``kinds`` (name -> kind) and no dates."""
    from spacy.tokens import Doc

    with events_nlp.select_pipes(disable=["sre_events"]):
        parsed = events_nlp(text)
    at = {t.text: t.i for t in parsed}
    heads = [at[changes[t.text][1]] if changes.get(t.text, ("", None))[1] else t.head.i for t in parsed]
    doc = Doc(parsed.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed],
              heads=heads, pos=[t.pos_ for t in parsed], lemmas=[t.lemma_ for t in parsed],
              morphs=[str(t.morph) for t in parsed],
              deps=[changes[t.text][0] if t.text in changes else t.dep_ for t in parsed])
    doc._.doc_id, doc._.published, doc._.timexes = "test", None, []
    doc._.participants = [Participant(n, n, kind, text.index(n), text.index(n) + len(n), "name",
                                      spans=[(text.index(n), text.index(n) + len(n))])
                          for n, kind in kinds.items()]
    return doc


@pytest.mark.parametrize("verb, expected", [
    pytest.param("tuvieron", ["Ana Ruiz", "Luis Vera"], id="plural verb: 'que' cannot be its subject"),
    pytest.param("tuvo", [], id="singular verb: 'que' may be its subject"),
])
def test_relative_que_parsed_as_subject_of_a_plural_verb(events_nlp, verb, expected):
    """"la conversación anterior que tuvieron": the model sometimes makes "que" the subject of
    the relative clause; a singular noun cannot be the subject of a plural verb, so the verb
    has no subject of its own and the event takes the previous event's people."""
    text = (f"La canciller Ana Ruiz sostuvo una llamada con el ministro Luis Vera el 9 de marzo. "
            f"Dieron seguimiento a la conversación anterior que {verb} el pasado 1 de marzo.")
    people = {"Ana Ruiz": "person", "Luis Vera": "person"}
    doc = _misparsed(events_nlp, text, {"que": ("nsubj", None)}, people)
    doc._.published = dt.date(2026, 3, 12)
    doc._.timexes = [hand_timex(0, text, "9 de marzo", "2026-03-09"), hand_timex(1, text, "1 de marzo", "2026-03-01")]
    found = events_nlp.get_pipe("sre_events")(doc)._.events
    assert next(e for e in found if e.date_value == "2026-03-01").actor_ids == expected


@pytest.mark.parametrize("second, expected", [
    pytest.param("Acordaron buscar un nuevo encuentro.", ["Ana Ruiz", "Luis Vera"],
                 id="the same two, elided plural subject"),
    pytest.param("Acordaron buscar un nuevo encuentro de empresarios.", [],
                 id="a meeting of businesspeople: its own class of participants"),
])
def test_an_event_that_names_its_class_of_participants_inherits_no_one(events, second, expected):
    text = f"La canciller Ana Ruiz sostuvo una llamada con el ministro Luis Vera el 9 de marzo. {second}"
    found = events(text, {"9 de marzo": "2026-03-09"}, {"Ana Ruiz": "PER", "Luis Vera": "CHL"})
    assert next(e for e in found if e.status == "planned").actor_ids == expected


@pytest.mark.parametrize("text", [
    pytest.param("Durante la reunión ministerial del G20 en Nueva York, la canciller Ana Ruiz destacó "
                 "la cooperación regional.", id="durante"),
    pytest.param("En el marco de la Cumbre de las Américas, la canciller Ana Ruiz presentó el plan.",
                 id="en el marco de"),
])
def test_who_speaks_in_the_frame_of_an_event_took_part_in_it(events, text):
    found = events(text, people={"Ana Ruiz": "PER"})
    assert [e.actor_ids for e in found] == [["Ana Ruiz"]]


@pytest.mark.parametrize("text, expected", [
    pytest.param("El canciller Luis Vera llegó a Lima. Sostuvo una reunión con el ministro Pedro Soto.",
                 ["Luis Vera", "Pedro Soto"], id="the subject of the sentence before"),
    pytest.param("El canciller Luis Vera llegó a Lima. El viaje duró doce horas. Sostuvo una reunión con "
                 "el ministro Pedro Soto.", ["Luis Vera", "Pedro Soto"],
                 id="two sentences back, past one whose subject names no participant"),
    pytest.param("El canciller Luis Vera llegó a Lima. El embajador sostuvo una reunión con el ministro "
                 "Pedro Soto.", ["Pedro Soto"], id="a subject of its own, even unnamed: nothing inherited"),
    pytest.param("El canciller Luis Vera llegó a Lima. Sostuvieron una reunión con el ministro Pedro Soto.",
                 ["Pedro Soto"], id="a plural verb's dropped subject is not the singular one before"),
])
def test_a_dropped_subject_is_the_one_told_before(events, text, expected):
    """Spanish drops a subject the reader knows; the event takes the previous sentence's."""
    (event,) = events(text, people={"Luis Vera": "CHL", "Pedro Soto": "PER"})
    assert event.actor_ids == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("En el marco de la Cumbre de las Américas, la canciller Ana Ruiz sostuvo un encuentro "
                 "con el ministro Pedro Soto.", {"summit": ["Ana Ruiz", "Pedro Soto"]},
                 id="a summit framing a meeting: its people attended the summit"),
    pytest.param("Durante su visita a Lima, la canciller Ana Ruiz sostuvo un encuentro con el ministro "
                 "Pedro Soto.", {"visit": ["Ana Ruiz"]}, id="a visit framing a meeting: the host met is no visitor"),
])
def test_who_meets_in_the_frame_of_a_gathering_attended_it(events, text, expected):
    found = events(text, people={"Ana Ruiz": "MEX", "Pedro Soto": "PER"})
    framing = {e.kind: e.actor_ids for e in found if e.kind in expected}
    assert framing == expected


_DELEGATION_PEOPLE = {"Luis Vera": "MEX", "Pedro Soto": "PER", "Ana Ruiz": "MEX", "Rosa Gil": "PER",
                      "Juan Mora": "USA"}


@pytest.mark.parametrize("text, expected", [
    pytest.param("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto. Por parte de "
                 "México, participaron la subsecretaria Ana Ruiz y el director general, Juan Mora.",
                 [["Ana Ruiz", "Juan Mora", "Luis Vera", "Pedro Soto"]],
                 id="subjects of 'participaron', a list of titles and names"),
    pytest.param("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto. La delegación "
                 "peruana estuvo conformada por Rosa Gil, ministra consejera, y Juan Mora, asesor del "
                 "presidente Ana Ruiz.", [["Juan Mora", "Luis Vera", "Pedro Soto", "Rosa Gil"]],
                 id="the 'por' agent of a delegation's make-up, not who their titles name"),
    pytest.param("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto. La ministra "
                 "Ana Ruiz participó en la inauguración de una feria.",
                 [["Luis Vera", "Pedro Soto"]], id="taking part in something else: 'en' + its own complement"),
    pytest.param("El canciller Luis Vera se reunirá con el embajador Pedro Soto. Ayer participaron "
                 "también Ana Ruiz y Juan Mora.", [["Luis Vera", "Pedro Soto"]],
                 id="a past verb does not join a planned event"),
    pytest.param("El canciller Luis Vera sostuvo una llamada con el embajador Pedro Soto. Participaron "
                 "también Ana Ruiz y Juan Mora.", [["Luis Vera", "Pedro Soto"]],
                 id="a call has no delegations"),
    pytest.param("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto.\nParticiparon "
                 "además:\n- Ana Ruiz, subsecretaria de Asuntos Multilaterales.\n- Juan Mora, director "
                 "general.\n", [["Ana Ruiz", "Juan Mora", "Luis Vera", "Pedro Soto"]],
                 id="a list after the colon, one person per line"),
    pytest.param("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto. Por parte de "
                 "México asistieron la embajadora en Estados Unidos, Ana Ruiz, y el subsecretario para "
                 "América del Norte, Juan Mora.", [["Ana Ruiz", "Juan Mora", "Luis Vera", "Pedro Soto"]],
                 id="the parse hangs the subjects on the verb after a title's place"),
    pytest.param("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto.\nLos temas "
                 "fueron:\n- El informe de Ana Ruiz, subsecretaria.\n- La propuesta de Juan Mora.\n",
                 [["Luis Vera", "Pedro Soto"]], id="a list after a verb of no taking part names no one"),
    pytest.param("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto. Ana Ruiz participó "
                 "en la presentación del libro de Juan Mora.", [["Luis Vera", "Pedro Soto"]],
                 id="taking part in something that names someone deeper down"),
    pytest.param("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto. El Gobierno de "
                 "Chile, presidido por Juan Mora, anunció su apoyo.", [["Luis Vera", "Pedro Soto"]],
                 id="who presides a government joins no event"),
])
def test_a_line_on_who_else_took_part_joins_the_event_before(events, text, expected):
    found = events(text, people=_DELEGATION_PEOPLE)
    assert [e.actor_ids for e in found] == expected


def test_a_list_after_the_events_own_verb_of_taking_part_names_its_people(events):
    text = ("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto.\nEn el encuentro "
            "participaron también:\n- Ana Ruiz, subsecretaria de Asuntos Multilaterales.\n- Juan Mora, "
            "asesor del presidente Rosa Gil.\n")
    (event,) = events(text, people=_DELEGATION_PEOPLE)
    assert event.actor_ids == ["Ana Ruiz", "Juan Mora", "Luis Vera", "Pedro Soto"]


def test_a_verb_coordinated_with_a_participle_takes_the_clauses_subject(events):
    """The model coordinates "sostendrá" with "organizado": a finite verb is not a participle's
    conjunct, so its subject is the one of the verb the participle's noun hangs on."""
    text = ("La canciller Ana Ruiz encabezará un desayuno informativo organizado por la agencia de noticias "
            "Prensa Libre, y sostendrá un encuentro con empresarios peruanos.")
    found = events(text, people={"Ana Ruiz": "MEX"}, published=None)
    meeting = next(e for e in found if e.kind == "meeting")
    assert meeting.actor_ids == ["Ana Ruiz"]


def test_a_possessive_event_in_an_impersonal_clause_is_the_one_told_befores(events):
    """"En su encuentro con X, se revisó ...": "su" is the person the text was about."""
    text = ("El canciller Luis Vera llegó ayer a Washington. En su encuentro con el secretario Pedro Soto, "
            "se revisó la agenda bilateral.")
    (event,) = events(text, people={"Luis Vera": "MEX", "Pedro Soto": "USA"}, published=None)
    assert event.actor_ids == ["Luis Vera", "Pedro Soto"]


def test_the_owner_of_a_conference_is_no_participant_of_a_summit(events):
    """"su conferencia" is the speaker's press conference: its owner does not join the summit a
    reference to it could merge with (only visits, meetings and calls are owned)."""
    text = ("El presidente Pedro Soto visitará Lima para participar en la Cumbre de las Américas. Por la "
            "mañana, en su conferencia desde Palacio Nacional, el presidente Luis Vera habló del tema.")
    found = events(text, people={"Luis Vera": "MEX", "Pedro Soto": "USA"}, published=None)
    assert [(e.kind, e.actor_ids) for e in found] == [("summit", ["Pedro Soto"])]


def test_a_pronominal_verb_coordinated_with_another_takes_its_subject(events):
    """"se reunirá" is "reunirse": its "se" is the verb's own, not an impersonal one."""
    text = "El canciller Luis Vera será recibido por el rey Mike Pence y se reunirá con la ministra Ana Ruiz."
    people = {"Luis Vera": "MEX", "Mike Pence": "ESP", "Ana Ruiz": "ESP"}
    found = events(text, people=people, published=None)
    meeting = next(e for e in found if "Ana Ruiz" in e.actor_ids)
    assert "Luis Vera" in meeting.actor_ids


def test_of_two_subjects_a_misparse_gives_a_verb_the_nearest_is_taken(events_nlp):
    """A dateline's place parsed as a second subject of the first verb ("Lima, en el marco de la
    Cumbre del G7, el canciller ... sostuvo"), with the frame phrase under it: the group named
    there did not take part in the meeting."""
    text = ("Lima, en el marco de la Cumbre del G7, el canciller Luis Vera sostuvo una reunión "
            "con la ministra Ana Ruiz.")
    doc = _misparsed(events_nlp, text, {"Lima": ("nsubj", "sostuvo"), "marco": ("nmod", "Lima")},
                     {"G7": "group", "Luis Vera": "person", "Ana Ruiz": "person"})
    verb = next(t for t in doc if t.text == "sostuvo")
    assert [c.text for c in verb.children if c.dep_ == "nsubj"] == ["Lima", "canciller"]
    found = events_nlp.get_pipe("sre_events")(doc)._.events
    meeting = next(e for e in found if e.kind == "meeting")
    assert meeting.actor_ids == ["Ana Ruiz", "Luis Vera"]


@pytest.mark.parametrize("text, verb", [
    pytest.param("La canciller Ana Ruiz concluyó hoy su visita de trabajo a Lima, que tuvo como objetivo "
                 "fortalecer la cooperación.", "tuvo", id="what the visit had as its aim"),
    pytest.param("La canciller Ana Ruiz concluyó hoy su visita de trabajo a Lima, que buscó fortalecer la "
                 "cooperación.", "buscó", id="what the visit sought"),
])
def test_a_relative_clause_telling_of_the_event_is_not_its_support_verb(events_nlp, text, verb):
    """The relative clause hung on the event noun, as the model hangs it on other sentences: its
    verb says something of the visit, so the visit is the one the canciller concluded."""
    doc = _misparsed(events_nlp, text, {verb: ("acl", "visita")}, {"Ana Ruiz": "person"})
    (visit,) = events_nlp.get_pipe("sre_events")(doc)._.events
    assert visit.actor_ids == ["Ana Ruiz"]


def test_a_subject_the_parse_finds_in_a_later_paragraph_is_none(events_nlp):
    """A photo caption below a paragraph parsed as the subject of its verb: the call is the one
    the president announced, with no one from the caption."""
    text = ("El presidente Luis Vera informó que mañana tendrá una conversación telefónica.\n\n"
            "En la imagen, la canciller Ana Ruiz.")
    doc = _misparsed(events_nlp, text, {"canciller": ("nsubj", "tendrá")},
                     {"Luis Vera": "person", "Ana Ruiz": "person"})
    verb = next(t for t in doc if t.text == "tendrá")
    assert [c.text for c in verb.children if c.dep_ == "nsubj"] == ["canciller"]
    (call,) = events_nlp.get_pipe("sre_events")(doc)._.events
    assert call.actor_ids == ["Luis Vera"]


@pytest.mark.parametrize("text, expected", [
    pytest.param("El presidente Luis Vera recibió una llamada telefónica de la presidenta Ana Ruiz.",
                 ["Ana Ruiz", "Luis Vera"], id="the caller, after 'de'"),
    pytest.param("El presidente Luis Vera recibió una llamada de felicitación.", ["Luis Vera"],
                 id="a 'de' naming no one adds no one"),
])
def test_who_a_call_comes_from_takes_part(events, text, expected):
    (event,) = events(text, people={"Luis Vera": "MEX", "Ana Ruiz": "CHL"})
    assert event.actor_ids == expected


def test_passive_agent_is_a_participant(events):
    text = "Al mediodía, el ministro Luis Vera fue recibido por la presidenta Ana Ruiz en Palacio Nacional."
    (event,) = events(text, people={"Ana Ruiz": "MEX", "Luis Vera": "CHL"})
    assert event.actor_ids == ["Ana Ruiz", "Luis Vera"]


@pytest.mark.parametrize("text, expected", [
    pytest.param("El presidente Luis Vera dijo que tuvo una buena conversación con la canciller Ana Ruiz.",
                 ["Ana Ruiz", "Luis Vera"], id="a clause the verb says"),
    pytest.param("El presidente Luis Vera viajará a Lima para participar en la Cumbre de las Américas.",
                 ["Luis Vera"], id="an infinitive of purpose"),
    pytest.param("La canciller Ana Ruiz aceptó la invitación de su homólogo para realizar una visita "
                 "oficial a Lima.", ["Ana Ruiz"], id="an infinitive of purpose after an object"),
])
def test_subject_of_the_governing_verb(events, text, expected):
    (event,) = events(text, people={"Ana Ruiz": "MEX", "Luis Vera": "CHL"})
    assert event.actor_ids == expected


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


_TRAVEL = "El canciller Luis Vera viajará a Lima, donde se reunirá con la ministra Ana Ruiz."


def test_an_event_in_a_place_relative_has_the_travellers_subject(events):
    """"viajará a Lima, donde se reunirá con X": the one who travels meets X."""
    (event,) = events(_TRAVEL, people={"Luis Vera": "MEX", "Ana Ruiz": "PER"}, published=None)
    assert event.actor_ids == ["Ana Ruiz", "Luis Vera"]


def test_an_event_in_a_place_relative_takes_place_where_it_says(events):
    (event,) = events(_TRAVEL, people={"Luis Vera": "MEX", "Ana Ruiz": "PER"}, published=None)
    assert event.location == "Lima"


def test_who_heads_an_event_takes_part(events):
    """"la ceremonia encabezada por X" (a participle of cue class joins_agent): X took part."""
    found = events("La canciller Ana Ruiz asistió a la ceremonia oficial encabezada por el presidente Luis Vera.",
                   people={"Ana Ruiz": "MEX", "Luis Vera": "MEX"}, published=None)
    assert [e.actor_ids for e in found] == [["Ana Ruiz", "Luis Vera"]]


def test_who_chairs_a_named_meeting_takes_part_when_the_parse_makes_the_trigger_part_of_its_name(events_nlp):
    """"celebraron la III Reunión del Mecanismo, copresidida por X y Y": the model hangs
    "Reunión" as a flat part of "III" and the participle on "III"; X and Y chaired it."""
    text = ("Ambos ministerios celebraron hoy la III Reunión del Mecanismo de Consultas, copresidida por "
            "la subsecretaria Ana Ruiz y el secretario general Luis Vera.")

    misparse = rehang({"Reunión": ("III", "flat"), "copresidida": ("III", "amod")})
    found = hand_events(events_nlp, text, "2026-03-12", people=["Ana Ruiz", "Luis Vera"], misparse=misparse)
    assert [e.actor_ids for e in found] == [["Ana Ruiz", "Luis Vera"]]


def test_the_visitor_named_right_after_a_visit_takes_part(events_nlp):
    """"el primer día de visita de Estado del presidente X": X is the visitor, also when the parse
    hangs "del presidente" on the noun before the visit ("día"), as the model does when header
    lines run into the sentence."""
    text = "En el primer día de visita de Estado del presidente Luis Vera a Alemania, hubo varios anuncios."

    found = hand_events(events_nlp, text, None, people=["Luis Vera"], misparse=rehang({"presidente": ("día", None)}))
    assert [(e.kind, e.actor_ids) for e in found] == [("visit", ["Luis Vera"])]


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


def test_each_partners_event_of_a_pronominal_verb_keeps_its_subject(events):
    """"X será recibido por Y y se reunirá con Z, y con W": the subject of "recibido" meets W too,
    once (the partner after "reunirá" is that verb's, not a second one of "recibido")."""
    text = ("Luis Vera será recibido por el rey Mike Pence y se reunirá con la ministra Ana Ruiz, "
            "y con la secretaria general Eva Sanz.")
    found = events(text, people={"Luis Vera": "MEX", "Mike Pence": "ESP", "Ana Ruiz": "ESP", "Eva Sanz": None},
                   published=None)
    assert [e.actor_ids for e in found] == [["Luis Vera", "Mike Pence"], ["Ana Ruiz", "Luis Vera"],
                                            ["Eva Sanz", "Luis Vera"]]


# -- who takes part ----------------------------------------------------------------------------

def _with_kinds(events_nlp, text: str, kinds: dict[str, str]):
    doc = events_nlp.make_doc(text)
    doc._.doc_id, doc._.published, doc._.timexes = "test", None, []
    participants = []
    for name, kind in kinds.items():
        start = text.index(name)
        participants.append(Participant(name, name, kind, start, start + len(name), "name",
                                        spans=[(start, start + len(name))]))
    doc._.participants = participants
    for _, proc in events_nlp.pipeline:
        doc = proc(doc)
    return doc._.events


@pytest.mark.parametrize("text, kinds, expected", [
    pytest.param("La Cancillería informó que la canciller Ana Ruiz sostuvo una reunión con el ministro "
                 "Luis Vera.", {"Cancillería": "organization", "Ana Ruiz": "person",
                                "Luis Vera": "person"}, ["Ana Ruiz", "Luis Vera"],
                 id="the-reporting-body-is-no-participant"),
    pytest.param("El canciller Luis Vera se reunió con la Organización Mundial del Comercio.",
                 {"Luis Vera": "person", "Organización Mundial del Comercio": "organization"},
                 ["Luis Vera", "Organización Mundial del Comercio"], id="a-body-met-is-a-participant"),
    pytest.param("El canciller Luis Vera sostuvo un almuerzo de trabajo con Ana Ruiz, del Consejo "
                 "Empresarial.", {"Luis Vera": "person", "Ana Ruiz": "person",
                                  "Consejo Empresarial": "organization"},
                 ["Ana Ruiz", "Luis Vera"], id="a-body-beside-the-person-met-is-not"),
    pytest.param("El Grupo de Alto Nivel sesionó en Lima con la ministra Ana Ruiz.",
                 {"Grupo de Alto Nivel": "group", "Ana Ruiz": "person"},
                 ["Ana Ruiz", "Grupo de Alto Nivel"], id="a-working-group-takes-part-in-its-session"),
])
def test_who_takes_part(events_nlp, text, kinds, expected):
    (event,) = _with_kinds(events_nlp, text, kinds)
    assert event.actor_ids == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("Durante su visita a Tokio, el ministro Luis Vera firmó un convenio.", ["Luis Vera"],
                 id="possessive-visit-in-a-frame"),
    pytest.param("El ministro Luis Vera concluyó su visita de trabajo a Lima, donde tuvo una reunión "
                 "con empresarios.", ["Luis Vera"], id="a-where-clause-is-not-the-support"),
    pytest.param("La canciller Ana Ruiz recibió hoy al ministro Luis Vera, en el marco de su visita oficial "
                 "a nuestro país.", ["Luis Vera"], id="received-in-the-frame-of-his-visit"),
    pytest.param("El ministro Luis Vera se reunió con empresarios, y mañana viajará a Monterrey, donde "
                 "visitará una planta.", ["Luis Vera"], id="three-verbs-up-to-the-subject"),
])
def test_the_visitor(events, text, expected):
    visit = next(e for e in events(text, people={"Luis Vera": "CHL"}, published=None) if e.kind == "visit")
    assert visit.actor_ids == expected


@pytest.mark.parametrize("text", [
    pytest.param("La canciller Ana Ruiz recibió hoy al ministro Luis Vera junto con el embajador Pedro Soto, "
                 "en el marco de su visita oficial a nuestro país.", id="a 'con' phrase of 'recibir'"),
    pytest.param("La canciller Ana Ruiz recibió hoy al ministro Luis Vera en la residencia del embajador "
                 "Pedro Soto, en el marco de su visita oficial a nuestro país.", id="an 'en' phrase of 'recibir'"),
])
def test_in_the_frame_of_a_visit_only_whom_recibir_receives_is_the_visitor(events, text):
    """"X recibió a Y ..., en el marco de su visita": Y (the "a" object) is the visitor; someone
    in another phrase of "recibir" is not."""
    found = events(text, people={"Luis Vera": "CHL", "Pedro Soto": "MEX"}, published=None)
    visit = next(e for e in found if e.kind == "visit")
    assert visit.actor_ids == ["Luis Vera"]


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


@pytest.mark.parametrize("quote, expected", [
    pytest.param('"Vamos a tener una llamada el lunes", dijo en su conferencia.', [["Ana Ruiz"]],
                 id="a first-person verb in a quote: its speaker takes part"),
    pytest.param('"Habrá una llamada el lunes", dijo en su conferencia.', [[]],
                 id="an impersonal verb in a quote: not the speaker's"),
    pytest.param('"Van a tener una llamada el lunes", dijo en su conferencia.', [[]],
                 id="a third-person verb in a quote: not the speaker's"),
])
def test_who_says_a_first_person_event_takes_part(events, quote, expected):
    text = f"La presidenta Ana Ruiz habló ayer de los aranceles con la prensa.\n\n{quote}"
    found = events(text, people={"Ana Ruiz": "MEX"})
    assert [e.actor_ids for e in found] == expected


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


def test_people_the_parse_hangs_on_a_titles_place_join_the_event_before(events_nlp):
    """The model may hang "X, y el subsecretario Y" on the place of the first title ("la
    embajadora en Estados Unidos"): that "en" phrase names the people, it is no other event."""
    text = ("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto. Por parte de "
            "México asistieron la embajadora en Estados Unidos, Ana Ruiz, y el subsecretario Juan Mora.")

    misparse = rehang({"Ana": ("Estados", "conj"), "subsecretario": ("Estados", "conj")})
    found = hand_events(events_nlp, text, None, people=_DELEGATION_PEOPLE, misparse=misparse)
    assert [e.actor_ids for e in found] == [["Ana Ruiz", "Juan Mora", "Luis Vera", "Pedro Soto"]]


@pytest.mark.parametrize("read", [
    pytest.param({}, id="the collective read as no one"),
    pytest.param({"ambos cancilleres": "MEX"}, id="the collective read as someone else by the participants stage"),
])
def test_a_collective_subject_takes_the_people_of_the_event_framing_its_sentence(events, read):
    text = ("La canciller Ana Ruiz sostuvo una videoconferencia con el ministro Pedro Soto, y más tarde "
            "conversó por teléfono con la ministra Rosa Gil. En la videoconferencia, ambos cancilleres "
            "acordaron reactivar el grupo de trabajo y realizar una sesión en marzo.")
    found = events(text, {"en marzo": "2026-03"}, people={**_DELEGATION_PEOPLE, **read})
    planned = next(e for e in found if e.status == "planned")
    assert planned.actor_ids == ["Ana Ruiz", "Pedro Soto"]


@pytest.mark.parametrize("agreed", [
    pytest.param("reactivar el grupo de trabajo y proponer realizar una sesión en marzo",
                 id="an infinitive under a coordinated infinitive"),
    pytest.param("reactivar el grupo de trabajo y ampliar el diálogo y realizar una sesión en marzo",
                 id="the last of three coordinated infinitives"),
])
def test_a_collective_subject_three_infinitives_up_takes_the_people_of_the_framing_event(events, agreed):
    """The event's verb is three steps below the plural verb ("acordaron"): it has the
    collective subject all the same."""
    text = ("La canciller Ana Ruiz sostuvo una videoconferencia con el ministro Pedro Soto, y más tarde "
            "conversó por teléfono con la ministra Rosa Gil. En la videoconferencia, ambos cancilleres "
            f"acordaron {agreed}.")
    found = events(text, {"en marzo": "2026-03"}, people=_DELEGATION_PEOPLE)
    planned = next(e for e in found if e.status == "planned")
    assert planned.actor_ids == ["Ana Ruiz", "Pedro Soto"]


@pytest.mark.parametrize("second, expected", [
    pytest.param("y más tarde conversó por teléfono con la ministra Rosa Gil", "2026-03-12",
                 id="a coordinated verb in the same tense: the same day"),
    pytest.param("y conversará por teléfono con la ministra Rosa Gil", None,
                 id="a coordinated verb in another tense: no date"),
])
def test_an_event_coordinated_with_a_dated_one_shares_its_day(events, second, expected):
    text = f"La canciller Ana Ruiz sostuvo este jueves una videoconferencia con el ministro Pedro Soto, {second}."
    found = events(text, {"este jueves": "2026-03-12"}, people=_DELEGATION_PEOPLE)
    first, other = sorted(found, key=lambda e: e.start)
    assert (other.date_value, other.timex_id) == (expected, first.timex_id if expected else None)


def test_a_noun_coordinated_with_a_dated_event_is_not_dated_by_it(events):
    text = "La canciller Ana Ruiz recordó la reunión bilateral del 5 de marzo y la cumbre de Lima."
    found = events(text, {"5 de marzo": "2026-03-05"}, people=_DELEGATION_PEOPLE)
    assert {e.kind: e.date_value for e in found}.get("summit") is None


def test_a_collective_subject_takes_no_unresolved_partner_as_a_participant(events):
    text = ("La canciller Ana Ruiz sostuvo una videoconferencia con el ministro Pedro Soto. En la "
            "videoconferencia, ambos cancilleres acordaron reunirse con empresarios.")
    found = events(text, people=_DELEGATION_PEOPLE)
    assert [e.actor_ids for e in found if e.status == "planned"] == [["Ana Ruiz", "Pedro Soto"]]


@pytest.mark.parametrize("text", [
    pytest.param("- Ana Ruiz, subsecretaria desde el 1 de enero de 2025, participó en la reunión.",
                 id="a dash line that is no list item"),
    pytest.param("Acordaron:\n- Celebrar una reunión.\n12.000 personas asistieron el 1 de enero de 2025.",
                 id="a number opening a line is no bullet"),
])
def test_a_line_that_is_no_list_item_lends_no_date(events, text):
    found = events(text, {"1 de enero de 2025": "2025-01-01"}, people=_DELEGATION_PEOPLE)
    assert all(e.date_value is None for e in found if e.kind == "meeting")


def test_a_meeting_on_the_sidelines_of_a_summit_told_before_takes_its_day_and_place(events):
    text = ("La canciller Ana Ruiz participó el lunes en la Cumbre de Lima. Al margen de la Cumbre, Ana "
            "Ruiz sostuvo un encuentro con el ministro Pedro Soto.")
    found = events(text, {"el lunes": "2026-03-09"}, people={"Ana Ruiz": "MEX", "Pedro Soto": "PER"})
    assert [(e.kind, e.date_value, e.location, e.actor_ids) for e in found] == [
        ("summit", "2026-03-09", "Lima", ["Ana Ruiz", "Pedro Soto"]),
        ("meeting", "2026-03-09", "Lima", ["Ana Ruiz", "Pedro Soto"])]
