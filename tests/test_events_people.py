"""Events stage, who takes part: the subject of an event's verb (pipeline.events_subjects),
its partners, visitor, caller or chair (pipeline.events_actors), and the people the rest of
the document lends (pipeline.events_people: collective subjects, framing gatherings, lines of
delegations).

The dates and participants the events stage reads are built by hand (surface -> value,
name -> country), so these tests measure the events stage alone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.records import Participant
from tests.events_support import DELEGATION_PEOPLE, TRAVEL, hand_events, hand_timex, rehang


@pytest.mark.parametrize("second, expected", [
    pytest.param("El pasado 1 de marzo sostuvieron una conversación sobre migración.",
                 ["Ana Ruiz", "Luis Vera"], id="elided-plural-subject"),
    pytest.param("El pasado 1 de marzo ambos funcionarios sostuvieron una conversación.",
                 ["Ana Ruiz", "Luis Vera"], id="ambos-funcionarios"),
    pytest.param("El pasado 1 de marzo la canciller sostuvo una conversación.", [],
                 id="singular-subject-inherits-nothing"),
    pytest.param("El pasado 1 de marzo los equipos de ambos países sostuvieron una conversación.", [],
                 id="ambos-inside-a-team-subject-is-others"),
    pytest.param("El pasado 1 de marzo los titulares de ambas cancillerías sostuvieron una conversación.",
                 ["Ana Ruiz", "Luis Vera"], id="ambos-inside-a-subject-of-office-holders-is-the-two"),
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
    pytest.param("Cada año durante la Cumbre de las Américas, la canciller Ana Ruiz presentó el plan.",
                 id="a time unit before 'durante' counts no time from it"),
])
def test_who_speaks_in_the_frame_of_an_event_took_part_in_it(events, text):
    found = events(text, people={"Ana Ruiz": "PER"})
    assert [e.actor_ids for e in found] == [["Ana Ruiz"]]


@pytest.mark.parametrize("text", [
    pytest.param("La canciller Ana Ruiz y el ministro Luis Vera se reunieron en Lima, en el marco de la Cumbre "
                 "de las Américas.", id="a frame after the clause it frames"),
    pytest.param("En el marco de la Cumbre de las Américas, la canciller Ana Ruiz y el ministro Luis Vera se "
                 "reunieron en Lima.", id="a frame opening the sentence"),
])
def test_a_summit_framing_a_meeting_is_another_event_held_where_the_meeting_was(events, text):
    """The frame and the event it frames in one sentence are two events (a summit and a meeting
    are never merged there); a frame with no place of its own took place where what it frames did."""
    found = events(text, people={"Ana Ruiz": "PER", "Luis Vera": "CHL"})
    assert sorted((e.kind, e.location, tuple(sorted(e.actor_ids))) for e in found) == [
        ("meeting", "Lima", ("Ana Ruiz", "Luis Vera")), ("summit", "Lima", ("Ana Ruiz", "Luis Vera"))]


@pytest.mark.parametrize("text, kind", [
    pytest.param("La canciller Ana Ruiz realizó una visita oficial a Lima y, durante la visita, se reunió con el "
                 "ministro Luis Vera.", "visit", id="a visit"),
    pytest.param("La canciller Ana Ruiz participó en la Cumbre de las Américas en Lima y, al margen de la cumbre, "
                 "se reunió con el ministro Luis Vera.", "summit", id="a summit"),
])
def test_a_frame_telling_again_an_event_of_its_sentence_is_that_event(events, text, kind):
    """"realizó una visita a Lima y, durante la visita, se reunió con X": one visit, which frames
    the meeting (in Lima)."""
    found = events(text, people={"Ana Ruiz": "PER", "Luis Vera": "CHL"})
    assert sorted((e.kind, e.location) for e in found) == sorted([(kind, "Lima"), ("meeting", "Lima")])


def test_a_frame_whose_own_relative_names_who_held_it_takes_them(events):
    """"durante la reunión que sostuvieron X y Y": the relative on the frame's noun says who held it."""
    found = events("El acuerdo se alcanzó durante la reunión que sostuvieron la canciller Ana Ruiz y el ministro "
                   "Luis Vera.", people={"Ana Ruiz": "PER", "Luis Vera": "CHL"})
    assert [sorted(e.actor_ids) for e in found] == [["Ana Ruiz", "Luis Vera"]]


def test_partners_listed_with_con_are_all_partners_however_the_parse_hangs_them(events):
    """"con X; con Y, y con Z": the parse hangs "con la ministra" on X's name (as it does after
    this surname), and the last item on it too."""
    text = ("Al margen de la Cumbre, la subsecretaria Laura Ferrer Gómez sostuvo encuentros bilaterales con el "
            "canciller de Chile, Martín van Klaveren; con la ministra de Relaciones Exteriores de Colombia, "
            "Rosa Villalba, y con el secretario general iberoamericano, Andrés Almagro.")
    people = {"Laura Ferrer Gómez": "MEX", "Martín van Klaveren": "CHL", "Rosa Villalba": "COL",
              "Andrés Almagro": "URY"}
    [meeting] = events(text, people=people, published=None)
    assert meeting.actor_ids == sorted(people)


@pytest.mark.parametrize("second, expected", [
    pytest.param("La reunión será presidida por la ministra Eva Sanz.", ["Eva Sanz"], id="chaired by"),
    pytest.param("La reunión contará con la participación de la canciller Ana Ruiz y del ministro Luis Vera.",
                 ["Ana Ruiz", "Luis Vera"], id="with the participation of"),
    pytest.param("La reunión será presidida por la ministra Eva Sanz y contará con la participación de la "
                 "canciller Ana Ruiz y del ministro Luis Vera.", ["Ana Ruiz", "Eva Sanz", "Luis Vera"],
                 id="both, in coordinated verbs"),
    pytest.param("La reunión se realizará en Ottawa y contará con la canciller Ana Ruiz y el ministro Luis Vera.",
                 ["Ana Ruiz", "Luis Vera"], id="'contará con' and the people"),
    pytest.param("La reunión se realizará en Ottawa y será encabezada por la ministra Eva Sanz.", ["Eva Sanz"],
                 id="'será encabezada por', a verb of attending in the passive"),
])
def test_who_the_verbs_of_a_reference_say_takes_part_joins_the_event(events, second, expected):
    text = f"Los cancilleres se reunirán el 15 de mayo en Ottawa. {second}"
    people = {"Ana Ruiz": "MEX", "Luis Vera": "USA", "Eva Sanz": "CAN"}
    [meeting] = events(text, {"15 de mayo": "2025-05-15"}, people, published="2025-05-02")
    assert meeting.actor_ids == expected


def test_who_announces_an_event_a_reference_tells_of_takes_no_part(events):
    text = ("La presidenta Ana Ruiz realizará una visita de Estado a Francia el 20 de mayo. La visita fue anunciada "
            "por el secretario de Prensa, Pedro Soto.")
    found = events(text, {"20 de mayo": "2025-05-20"}, {"Ana Ruiz": "MEX", "Pedro Soto": "MEX"}, published="2025-05-02")
    assert [e.actor_ids for e in found] == [["Ana Ruiz"]]


@pytest.mark.parametrize("text, kind", [
    pytest.param("Una semana antes de su reunión con el presidente Luis Vera, la canciller Ana Ruiz viajó a Lima.",
                 "meeting", id="her meeting"),
    pytest.param("Tres días después de su visita a Santiago, la canciller Ana Ruiz recibió al ministro Luis Vera.",
                 "visit", id="her visit: not the one she receives"),
])
def test_a_possessive_event_some_days_from_the_clause_is_its_subjects(events, text, kind):
    found = events(text, people={"Ana Ruiz": "MEX", "Luis Vera": "CHL"}, published=None)
    expected = ["Ana Ruiz", "Luis Vera"] if kind == "meeting" else ["Ana Ruiz"]
    assert next(e for e in found if e.kind == kind).actor_ids == expected


def test_who_speaks_in_the_context_of_an_event_took_no_part_in_it(events):
    """"En el contexto de la visita de X a China, la canciller declaró ...": a topic, not a frame."""
    text = ("En el contexto de la visita del presidente Luis Vera a China, la canciller Ana Ruiz declaró que México "
            "mantiene su postura.")
    found = events(text, people={"Ana Ruiz": "MEX", "Luis Vera": "FRA"}, published=None)
    assert [e.actor_ids for e in found if e.kind == "visit"] == [["Luis Vera"]]


def test_an_event_a_reference_coincides_with_names_none_of_its_people(events):
    text = ("La presidenta Ana Ruiz y el presidente Luis Vera conversaron por teléfono. Dicha conversación "
            "coincidió con la visita del secretario de Economía, Pedro Soto, a Washington.")
    found = events(text, people={"Ana Ruiz": "MEX", "Luis Vera": "USA", "Pedro Soto": "MEX"}, published=None)
    assert next(e for e in found if e.kind == "call").actor_ids == ["Ana Ruiz", "Luis Vera"]


def test_a_con_opening_a_clause_of_its_own_lists_no_partner(events):
    text = ("La canciller Ana Ruiz sostuvo una llamada con el ministro Luis Vera; con la ministra Eva Sanz firmó "
            "más tarde un memorando de entendimiento.")
    found = events(text, people={"Ana Ruiz": "MEX", "Luis Vera": "CHL", "Eva Sanz": "COL"}, published=None)
    assert next(e for e in found if e.kind == "call").actor_ids == ["Ana Ruiz", "Luis Vera"]


def test_who_convenes_an_event_a_reference_coincides_with_takes_no_part(events):
    text = ("Los cancilleres se reunirán el 15 de mayo en Ottawa. La reunión coincidirá con la Cumbre de Líderes, "
            "convocada por el presidente Luis Vera.")
    found = events(text, {"15 de mayo": "2025-05-15"}, {"Luis Vera": "CAN"}, published="2025-05-01")
    assert [e.actor_ids for e in found if e.kind == "meeting"] == [[]]


def test_who_acts_some_days_after_an_event_took_no_part_in_it(events):
    """"Tres días después de la llamada" is a time counted from the call (cue class ``offset_unit``),
    not its setting."""
    text = ("La canciller Ana Ruiz sostuvo el jueves una llamada con el ministro Luis Vera. Tres días después "
            "de la llamada, la ministra Eva Sanz viajará a Ottawa para reunirse con empresarios.")
    found = events(text, people={"Ana Ruiz": "MEX", "Luis Vera": "CHL", "Eva Sanz": "CAN"}, published=None)
    assert next(e for e in found if e.kind == "call").actor_ids == ["Ana Ruiz", "Luis Vera"]


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
    pytest.param("Al término de la XII Reunión Binacional, los cancilleres Ana Ruiz y Pedro Soto firmaron un acta "
                 "final.", {"meeting": ["Ana Ruiz", "Pedro Soto"]},
                 id="at the end of a meeting: who signs then took part in it"),
    pytest.param("Al final de la Cumbre Andina, los cancilleres Ana Ruiz y Pedro Soto firmaron un acta final.",
                 {"summit": ["Ana Ruiz", "Pedro Soto"]}, id="at the end of a summit"),
])
def test_who_meets_in_the_frame_of_a_gathering_attended_it(events, text, expected):
    found = events(text, people={"Ana Ruiz": "MEX", "Pedro Soto": "PER"})
    framing = {e.kind: e.actor_ids for e in found if e.kind in expected}
    assert framing == expected


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
    found = events(text, people=DELEGATION_PEOPLE)
    assert [e.actor_ids for e in found] == expected


def test_a_line_on_who_will_attend_joins_the_planned_event_before(events):
    """"Por parte de México asistirán el subsecretario De la Torre y la directora general, X": the
    parse takes the subjects after the verb for its object, and "De la Torre" for a complement of
    the title; both join the meeting to come."""
    text = ("El canciller Luis Vera se reunirá con el embajador Pedro Soto. Por parte de México asistirán el "
            "subsecretario De la Torre y la directora general, Ana Ruiz.")
    found = events(text, people={"Luis Vera": "MEX", "Pedro Soto": "PER", "De la Torre": "MEX", "Ana Ruiz": "MEX"})
    assert [e.actor_ids for e in found] == [["Ana Ruiz", "De la Torre", "Luis Vera", "Pedro Soto"]]


def test_a_list_after_the_events_own_verb_of_taking_part_names_its_people(events):
    text = ("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto.\nEn el encuentro "
            "participaron también:\n- Ana Ruiz, subsecretaria de Asuntos Multilaterales.\n- Juan Mora, "
            "asesor del presidente Rosa Gil.\n")
    (event,) = events(text, people=DELEGATION_PEOPLE)
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


def test_an_event_in_a_place_relative_has_the_travellers_subject(events):
    """"viajará a Lima, donde se reunirá con X": the one who travels meets X."""
    (event,) = events(TRAVEL, people={"Luis Vera": "MEX", "Ana Ruiz": "PER"}, published=None)
    assert event.actor_ids == ["Ana Ruiz", "Luis Vera"]


@pytest.mark.parametrize("relative", [
    pytest.param("durante la cual", id="durante la cual"),
    pytest.param("en la que", id="en la que"),
])
def test_an_event_in_a_relative_set_in_a_visit_has_the_visitor_and_its_day(events, relative):
    """"realizará una visita ... el 12 de noviembre, durante la cual se reunirá con X": the visitor
    meets X, on the visit's day."""
    text = (f"El presidente Luis Vera realizará una visita de Estado a México el 12 de noviembre, {relative} se "
            "reunirá con la presidenta Ana Ruiz.")
    found = events(text, {"12 de noviembre": "2025-11-12"}, {"Luis Vera": "FRA", "Ana Ruiz": "MEX"},
                   published="2025-11-05")
    meeting = next(e for e in found if e.kind == "meeting")
    assert (meeting.actor_ids, meeting.date_value) == (["Ana Ruiz", "Luis Vera"], "2025-11-12")


def test_whom_an_official_reception_is_given_takes_part(events):
    text = "Durante la recepción oficial en Palacio Nacional al presidente de Chile, Luis Vera, hubo música."
    [visit] = events(text, people={"Luis Vera": "CHL"}, published=None)
    assert visit.actor_ids == ["Luis Vera"]


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


def test_each_partners_event_of_a_pronominal_verb_keeps_its_subject(events):
    """"X será recibido por Y y se reunirá con Z, y con W": the subject of "recibido" meets W too,
    once (the partner after "reunirá" is that verb's, not a second one of "recibido")."""
    text = ("Luis Vera será recibido por el rey Mike Pence y se reunirá con la ministra Ana Ruiz, "
            "y con la secretaria general Eva Sanz.")
    found = events(text, people={"Luis Vera": "MEX", "Mike Pence": "ESP", "Ana Ruiz": "ESP", "Eva Sanz": None},
                   published=None)
    assert [e.actor_ids for e in found] == [["Luis Vera", "Mike Pence"], ["Ana Ruiz", "Luis Vera"],
                                            ["Eva Sanz", "Luis Vera"]]


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


def test_people_the_parse_hangs_on_a_titles_place_join_the_event_before(events_nlp):
    """The model may hang "X, y el subsecretario Y" on the place of the first title ("la
    embajadora en Estados Unidos"): that "en" phrase names the people, it is no other event."""
    text = ("El canciller Luis Vera sostuvo una reunión con el embajador Pedro Soto. Por parte de "
            "México asistieron la embajadora en Estados Unidos, Ana Ruiz, y el subsecretario Juan Mora.")

    misparse = rehang({"Ana": ("Estados", "conj"), "subsecretario": ("Estados", "conj")})
    found = hand_events(events_nlp, text, None, people=DELEGATION_PEOPLE, misparse=misparse)
    assert [e.actor_ids for e in found] == [["Ana Ruiz", "Juan Mora", "Luis Vera", "Pedro Soto"]]


@pytest.mark.parametrize("read", [
    pytest.param({}, id="the collective read as no one"),
    pytest.param({"ambos cancilleres": "MEX"}, id="the collective read as someone else by the participants stage"),
])
def test_a_collective_subject_takes_the_people_of_the_event_framing_its_sentence(events, read):
    text = ("La canciller Ana Ruiz sostuvo una videoconferencia con el ministro Pedro Soto, y más tarde "
            "conversó por teléfono con la ministra Rosa Gil. En la videoconferencia, ambos cancilleres "
            "acordaron reactivar el grupo de trabajo y realizar una sesión en marzo.")
    found = events(text, {"en marzo": "2026-03"}, people={**DELEGATION_PEOPLE, **read})
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
    found = events(text, {"en marzo": "2026-03"}, people=DELEGATION_PEOPLE)
    planned = next(e for e in found if e.status == "planned")
    assert planned.actor_ids == ["Ana Ruiz", "Pedro Soto"]


def test_a_collective_subject_takes_no_unresolved_partner_as_a_participant(events):
    text = ("La canciller Ana Ruiz sostuvo una videoconferencia con el ministro Pedro Soto. En la "
            "videoconferencia, ambos cancilleres acordaron reunirse con empresarios.")
    found = events(text, people=DELEGATION_PEOPLE)
    assert [e.actor_ids for e in found if e.status == "planned"] == [["Ana Ruiz", "Pedro Soto"]]


def test_a_day_opening_the_paragraph_of_a_plural_verb_leaves_it_collective(events):
    """"\\n\\nEl lunes, acordaron reunirse": the verb stands for the people told before."""
    text = ("La canciller Ana Ruiz sostuvo una reunión con el ministro Luis Vera el 9 de marzo.\n\n"
            "El lunes, acordaron reunirse en Lima.")
    found = events(text, {"9 de marzo": "2026-03-09"}, people=DELEGATION_PEOPLE)
    assert [e.actor_ids for e in found if e.status == "planned"] == [["Ana Ruiz", "Luis Vera"]]


def test_a_paragraph_break_the_parse_makes_a_subject_leaves_the_verb_collective(events):
    """The model makes the paragraph break opening "Finalmente, acordaron reunirse" the subject
    of "acordaron" (with "Finalmente" and the comma hung on it): no subject, so the plural verb
    stands for the people of the event told before."""
    text = ("La ministra Ana Ruiz sostuvo una reunión con el canciller Luis Vera el 9 de marzo en Lima. "
            "Los funcionarios dialogaron sobre la agenda bilateral.\n\n"
            "Finalmente, acordaron reunirse nuevamente en Quito.")
    found = events(text, {"9 de marzo": "2026-03-09"}, people=DELEGATION_PEOPLE)
    assert [(e.status, e.actor_ids) for e in found] == [("held", ["Ana Ruiz", "Luis Vera"]),
                                                          ("planned", ["Ana Ruiz", "Luis Vera"])]


@pytest.mark.parametrize("text", [
    pytest.param("La canciller Ana Ruiz recibió ayer al ministro Luis Vera, quien realiza una visita oficial "
                 "a México.", id="a relative after the object"),
    pytest.param("El ministro Luis Vera, quien realiza una visita oficial a México, se reunió con la canciller "
                 "Ana Ruiz.", id="a relative after the subject"),
])
def test_quien_as_subject_stands_for_the_one_it_follows(events, text):
    """"al ministro X, quien realiza una visita": X is the visitor."""
    found = events(text, people=DELEGATION_PEOPLE)
    assert [e.actor_ids for e in found if e.kind == "visit"] == [["Luis Vera"]]


def test_counterparts_named_where_the_parse_hangs_them_on_the_event_take_part(events_nlp):
    """"con sus homólogos de Perú, X, y de Chile, Y": the model hangs X and Y on the event noun,
    not on "homólogos" (as it does in other sentences); they are its partners all the same."""
    text = ("La Cancillería precisó que Ana Ruiz también sostendrá reuniones bilaterales con sus homólogos "
            "de Perú, Luis Vera, y de Chile, Pedro Soto.")
    misparse = rehang({"Luis": ("reuniones", "appos"), "Chile": ("reuniones", "conj"), "Pedro": ("Chile", "conj")})
    (meeting,) = hand_events(events_nlp, text, None, people=DELEGATION_PEOPLE, misparse=misparse)
    assert meeting.actor_ids == ["Ana Ruiz", "Luis Vera", "Pedro Soto"]


def test_a_name_after_unnamed_counterparts_in_another_clause_is_not_theirs(events):
    """"entre los dos mandatarios, X elogió a Y": X is the subject of another clause, not a
    partner of a call of its own; the call is the one told before."""
    text = ("El presidente Luis Vera sostuvo una conversación telefónica con la presidenta Ana Ruiz. En la "
            "última conversación telefónica entre los dos mandatarios, Luis Vera elogió a Ana Ruiz.")
    found = events(text, people=DELEGATION_PEOPLE)
    assert [e.actor_ids for e in found] == [["Ana Ruiz", "Luis Vera"]]


@pytest.mark.parametrize("text, expected", [
    pytest.param("La canciller Ana Ruiz participó en la Cumbre de las Américas, que se llevó a cabo el 9 de marzo "
                 "en Lima.", ["Ana Ruiz"], id="who took part in it"),
    pytest.param("La canciller Ana Ruiz encabezó la delegación de México en el 52 periodo ordinario de sesiones de "
                 "la Asamblea General de la OEA, que se llevó a cabo el 9 de marzo en Lima.", ["Ana Ruiz"],
                 id="who headed the delegation in it"),
    pytest.param("La canciller Ana Ruiz asistió a la Cumbre de las Américas, que se llevó a cabo el 9 de marzo en "
                 "Lima.", ["Ana Ruiz"], id="who attended it"),
    pytest.param("La canciller Ana Ruiz acudió a la Cumbre de las Américas, que se llevó a cabo el 9 de marzo en "
                 "Lima.", ["Ana Ruiz"], id="who went to it"),
    pytest.param("De cara a la Cumbre de las Américas, que se llevará a cabo el 9 de marzo en Lima, la canciller "
                 "Ana Ruiz participó en la reunión de cancilleres.", [], id="ahead of it: not who attends it"),
])
def test_an_event_told_in_a_relative_clause_of_its_own_is_attended_by_who_attends_its_noun(events, text, expected):
    """"la Cumbre, que se llevó a cabo en Lima": the relative clause's subject is the summit
    itself; who took part is the subject of the verb of attending (cue class ``attends``)."""
    found = events(text, {"9 de marzo": "2026-03-09"}, people=DELEGATION_PEOPLE)
    assert [e.actor_ids for e in found if e.date_value == "2026-03-09"] == [expected]


def test_a_place_relative_four_words_below_the_journeys_verb_takes_its_subject_and_day(events):
    """"visitó los albergues habilitados en la ciudad, donde se reunió con X": the relative
    hangs on "ciudad", which hangs on "habilitados", on "albergues", on "visitó"."""
    text = ("El cónsul Luis Vera visitó el domingo 18 de agosto los albergues habilitados en la ciudad, donde "
            "se reunió con la alcaldesa Ana Ruiz.")
    found = events(text, {"domingo 18 de agosto": "2026-08-18"}, people=DELEGATION_PEOPLE)
    meeting = next(e for e in found if e.kind == "meeting")
    assert (meeting.actor_ids, meeting.date_value) == (["Ana Ruiz", "Luis Vera"], "2026-08-18")


def test_whom_credentials_are_presented_to_takes_part(events):
    """"presentó sus cartas credenciales a la gobernadora general, X" (cue class ``recipient``)."""
    text = "El embajador Luis Vera presentó el 9 de marzo sus cartas credenciales a la gobernadora general, Ana Ruiz."
    (event,) = events(text, {"9 de marzo": "2026-03-09"}, people=DELEGATION_PEOPLE)
    assert event.actor_ids == ["Ana Ruiz", "Luis Vera"]


def test_a_dropped_subject_of_a_compound_tense_is_the_one_told_before(events):
    """"El lunes, había sostenido una videoconferencia": the finite word is the auxiliary."""
    text = ("El canciller Luis Vera se reunió con empresarios. El lunes pasado, había sostenido una "
            "videoconferencia con la ministra Ana Ruiz.")
    call = next(e for e in events(text, people=DELEGATION_PEOPLE) if e.kind == "call")
    assert call.actor_ids == ["Ana Ruiz", "Luis Vera"]


def test_a_name_after_the_comma_closing_a_partners_title_is_the_partner(events_nlp):
    """"con su homóloga de Perú, Ana Ruiz": the model may hang the name on the verb."""
    text = "El canciller Luis Vera sostuvo una videoconferencia con su homóloga de Perú, Ana Ruiz."
    misparse = rehang({"Ana": ("sostuvo", "conj")})
    (call,) = hand_events(events_nlp, text, None, people=DELEGATION_PEOPLE, misparse=misparse)
    assert call.actor_ids == ["Ana Ruiz", "Luis Vera"]


@pytest.mark.parametrize("relative", [
    pytest.param("con quien", id="con quien"),
    pytest.param("con el cual", id="con el cual"),
])
def test_con_quien_names_the_partner_and_the_receivers_subject_meets_him(events, relative):
    """"recibirá mañana al ministro X, con quien sostendrá una reunión privada": X is the
    partner, the one who receives him the subject, and the meeting is on the reception's day."""
    text = f"El presidente Luis Vera recibirá mañana al ministro Pedro Soto, {relative} sostendrá una reunión privada."
    found = events(text, {"mañana": "2026-03-13"}, people=DELEGATION_PEOPLE)
    assert [(e.actor_ids, e.date_value) for e in found] == [(["Luis Vera", "Pedro Soto"], "2026-03-13")]


def test_both_leaders_named_before_take_part_junto_con_a_third(events):
    """"ambos mandatarios participarán junto con el presidente X en la Cumbre de Líderes": the
    two named before and X; the model hangs "El miércoles," on the paragraph break."""
    text = ("El presidente Luis Vera recibirá mañana al ministro Pedro Soto.\n\n"
            "El miércoles, ambos mandatarios participarán junto con el presidente Juan Mora en la X Cumbre "
            "de Líderes de América del Norte.")
    summit = next(e for e in events(text, people=DELEGATION_PEOPLE) if e.kind == "summit")
    assert summit.actor_ids == ["Juan Mora", "Luis Vera", "Pedro Soto"]


@pytest.mark.parametrize("line", [
    pytest.param("Durante su estancia en Lima, el canciller Juan Mora sostuvo encuentros con:",
                 id="partners listed after 'con:'"),
    pytest.param("El canciller Juan Mora sostuvo una reunión en Lima. En la reunión participaron también:",
                 id="who took part, their titles first"),
])
def test_a_list_after_the_line_of_the_event_names_its_people(events, line):
    text = f"{line}\n- el presidente de Perú, Luis Vera;\n- la canciller Ana Ruiz."
    (meeting,) = events(text, people=DELEGATION_PEOPLE)
    assert {"Luis Vera", "Ana Ruiz"} <= set(meeting.actor_ids)


@pytest.mark.parametrize("text", [
    pytest.param("El ministro Luis Vera invitó a la canciller Ana Ruiz a visitar Lima.", id="invitar a X a"),
    pytest.param("El ministro Luis Vera extendió una invitación a la canciller Ana Ruiz para visitar Lima.",
                 id="una invitación a X para"),
])
def test_whom_a_visit_is_invited_to_is_the_visitor(events, text):
    (visit,) = events(text, people=DELEGATION_PEOPLE)
    assert visit.actor_ids == ["Ana Ruiz"]


def test_a_plural_title_beside_a_partner_takes_no_one_from_before(events):
    """"los cancilleres se reunieron con X" after two presidents: not the presidents (only an
    "ambos" or a dropped subject stands for those named before beside a partner)."""
    text = ("El presidente Luis Vera y la presidenta Ana Ruiz se reunieron ayer en Lima.\n\n"
            "Por la tarde, los cancilleres se reunieron con el secretario general de la OEA, Pedro Soto.")
    second = sorted(events(text, people=DELEGATION_PEOPLE), key=lambda e: e.start)[-1]
    assert second.actor_ids == ["Pedro Soto"]


@pytest.mark.parametrize("opening", [
    pytest.param("En la Cumbre", id="'En' and the summit opening the sentence"),
    pytest.param("En el marco de la Cumbre", id="'En el marco de'"),
])
def test_a_planned_event_agreed_in_a_held_frame_takes_neither_its_place_nor_gives_it_people(events, opening):
    text = (f"La canciller Ana Ruiz participó ayer en la Cumbre de Lima, celebrada en Lima. {opening}, la "
            "canciller acordó reunirse el próximo mes con el ministro Luis Vera.")
    found = events(text, people=DELEGATION_PEOPLE)
    summit = next(e for e in found if e.kind == "summit")
    planned = next(e for e in found if e.status == "planned")
    assert (planned.location, "Luis Vera" in summit.actor_ids) == (None, False)


def test_a_paragraph_opening_with_a_day_keeps_the_subject_told_before(events):
    """"\\n\\nEl miércoles, sostuvo una reunión con X": the model hangs "El miércoles" on the
    paragraph break it makes the subject; a time names no one, so the canciller told before meets."""
    text = ("La canciller Ana Ruiz viajó a Lima.\n\nEl miércoles, sostuvo una reunión con el ministro de "
            "Relaciones Exteriores de Perú, Luis Vera.\n\nPor la tarde, encabezó un encuentro con la comunidad "
            "mexicana.")
    meeting = next(e for e in events(text, people=DELEGATION_PEOPLE) if "Luis Vera" in e.actor_ids)
    assert meeting.actor_ids == ["Ana Ruiz", "Luis Vera"]
