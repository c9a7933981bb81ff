"""Events stage (pipeline.events): kind, status, date, place, participants and merging.

Inputs of the stages before it (dates, participants) are built by hand so that these tests
measure the events stage alone; one end-to-end test runs the whole pipeline on the seed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest

from pipeline.events import EventsComponent
from pipeline.events_attach import event_offset
from pipeline.events_words import DocWords
from pipeline.ingest import iter_documents
from pipeline.rules import DEFAULT_MODELS_DIR, RuleFileError
from tests.conftest import SEED, shared
from tests.events_support import hand_events, rehang


@pytest.fixture(scope="session")
def run(events_nlp):
    """``run(text, dates={"surface": "2026-02"}, people=["Name"], anchored={"surface": value})``."""

    def _run(text: str, dates: dict[str, str] | None = None, people: list[str] | None = None,
             anchored: dict[str, str] | None = None, published: str = "2026-02-10"):
        return hand_events(events_nlp, text, published, dates, people, anchored)

    return _run


@pytest.mark.parametrize("text, kind, status", [
    pytest.param("La canciller sostuvo ayer una llamada telefónica con su homólogo de Chile.",
                 "call", "held", id="call-support-verb-past"),
    pytest.param("El presidente se reunirá con el primer ministro de Canadá para hablar de comercio.",
                 "meeting", "planned", id="reflexive-verb-future"),
    pytest.param("Ambos ministros acordaron reunirse nuevamente el próximo año.",
                 "meeting", "planned", id="agreed-to-meet"),
    pytest.param("El canciller realizó una visita de trabajo a Lima la semana pasada.",
                 "visit", "held", id="visit-noun"),
    pytest.param("Los cancilleres participaron en la Cumbre de las Américas.",
                 "summit", "held", id="named-summit"),
    pytest.param("Los dos gobiernos firmaron un memorándum de entendimiento sobre cooperación académica.",
                 "signing", "held", id="signing-verb"),
    pytest.param("La Secretaría canceló la visita que el canciller realizaría a Bogotá.",
                 "visit", "cancelled", id="cancelled-visit"),
    pytest.param("La próxima reunión del grupo de trabajo se celebrará en Quito.",
                 "meeting", "planned", id="next-meeting"),
    pytest.param("La canciller recibió al embajador de Noruega en su despacho.",
                 "meeting", "held", id="received-a-person"),
    pytest.param("La canciller Ana Ruiz recibió este jueves en la sede de la Cancillería, en la Ciudad de "
                 "México, a la ministra de Relaciones Exteriores de Chile, Rosa Gil, para revisar la agenda.",
                 "meeting", "held", id="received-a-person-after-places-and-times"),
    pytest.param("El nuevo embajador de Japón presentó sus cartas credenciales.",
                 "other", "held", id="credentials-name-an-event-on-their-own"),
    pytest.param("Tras la transmisión del mando presidencial, el canciller viajó a Lima.",
                 "other", "held", id="handover-of-power-names-an-event-on-its-own"),
    pytest.param("La canciller asistió a tomas de posesión en la región.",
                 "other", "held", id="always-an-event-even-bare-plural-with-a-support-verb"),
    pytest.param("Durante una ceremonia oficial, el canciller entregó el reconocimiento.",
                 "other", "held", id="ceremony-framing-the-clause"),
    pytest.param("La próxima edición del Diálogo Bilateral se celebrará en Quito.",
                 "meeting", "planned", id="an-edition-of-a-recurring-meeting"),
    pytest.param("El cónsul participó en una mesa de trabajo con funcionarios de la aduana.",
                 "meeting", "held", id="working-table-is-a-meeting"),
    pytest.param("La canciller intervendrá en el debate general de la Asamblea General.",
                 "summit", "planned", id="general-debate-is-a-summit"),
    pytest.param("La canciller habló ante la 54 Asamblea General de la OEA.",
                 "summit", "held", id="a-numbered-general-assembly-is-its-session"),
    pytest.param("El canciller conversó vía telefónica con el secretario de Estado.",
                 "call", "held", id="a-call-via-telefonica"),
    pytest.param("Se acordó que la Comisión sesione dos veces al año.", "meeting", "planned",
                 id="what was agreed in a que-clause is to come"),
    pytest.param("A mediados de año se prevé la visita a Canadá del secretario de Economía.", "visit", "planned",
                 id="the subject of a passive planning verb"),
    pytest.param("La Cumbre de las Américas busca dar continuidad a los compromisos.", "summit", "held",
                 id="the subject of a planning verb that is no passive: what it aims at"),
    pytest.param("El canciller participará en la Asamblea General de la ONU, que comienza el 22 de septiembre.",
                 "summit", "planned", id="the-general-assembly-attended-is-its-session"),
    pytest.param("La próxima Asamblea General se celebrará en Paraguay en 2027.", "summit", "planned",
                 id="the-next-general-assembly-is-its-session"),
    pytest.param("El canciller asistió a la toma de protesta del presidente de Bolivia.", "other", "held",
                 id="a-toma-de-protesta-is-an-inauguration"),
    pytest.param("La canciller encabezó la delegación de México en el 52 periodo ordinario de sesiones de la "
                 "Asamblea General de la OEA.", "summit", "held", id="an-assemblys-session-period-attended"),
    pytest.param("La Cancillería convocó al encargado de negocios de Nicaragua.", "meeting", "held",
                 id="a-person-summoned"),
    pytest.param("La Cancillería convocó a una reunión a los embajadores de la región.", "meeting", "planned",
                 id="convoking-a-meeting-is-that-meeting-told-once"),
    pytest.param("El subsecretario se entrevistará en Lisboa con el viceministro de Portugal.", "meeting", "planned",
                 id="entrevistarse-con-is-meeting"),
])
def test_kind_and_status(run, text, kind, status):
    events = run(text)
    assert [(e.kind, e.status) for e in events] == [(kind, status)]


@pytest.mark.parametrize("text", [
    pytest.param("El canciller ofreció una conferencia de prensa sobre migración.", id="press-conference"),
    pytest.param("La presidenta destacó la importancia de la cooperación entre ambos países.",
                 id="no-trigger"),
    pytest.param("Este sitio utiliza cookies para mantener la sesión del usuario.", id="web-session"),
    pytest.param("La presidenta recibió información sobre los avances del programa.",
                 id="received-no-person"),
    pytest.param("Dicha reunión fue breve.", id="reference-without-antecedent"),
    pytest.param("La Asamblea General de la OEA aprobó la resolución.", id="the-general-assembly-as-an-organ"),
    pytest.param("La canciller habló ante el 79 periodo de sesiones de la Asamblea General de la ONU.",
                 id="a-session-period-without-a-verb-of-its-own"),
    pytest.param("La canciller firmó con una empresa china.", id="the-partners-article-is-no-object"),
    pytest.param("La canciller participó en la Conferencia de Prensa Matutina del presidente.",
                 id="an-excluded-phrase-after-a-verb-of-attending-stays-excluded"),
    pytest.param("La canciller asistió a la Asamblea Nacional de Francia.",
                 id="only-an-organ-of-session-organ-is-its-session-when-attended"),
    pytest.param("La canciller convocó a sus homólogos de la región a sumarse a la iniciativa.",
                 id="a call on people to act is no summons"),
    pytest.param("La periodista entrevistó al ministro de Portugal.", id="interviewing-someone-is-no-meeting"),
])
def test_no_event(run, text):
    assert run(text) == []


def test_held_event_without_date_expression_gets_no_date(run):
    events = run("La canciller sostuvo una reunión con el embajador de Japón.")
    assert [e.date_value for e in events] == [None]


def test_attached_date_gives_value_and_range(run):
    text = "El grupo binacional sesionará el 12 de marzo en Monterrey."
    (event,) = run(text, dates={"12 de marzo": "2026-03-12"})
    assert (event.status, event.date_value, event.date_start, event.timex_id) == (
        "planned", "2026-03-12", dt.date(2026, 3, 12), 0)


@pytest.mark.parametrize("text, date, expected", [
    pytest.param("Es la primera visita de la canciller Ana Ruiz a Lima desde que fue nombrada el 13 de "
                 "junio.", "13 de junio", None, id="a 'desde que' clause on the noun: another time"),
    pytest.param("El encuentro programado para llevarse a cabo el 13 de junio en Lima fue cancelado.",
                 "13 de junio", "2026-06-13", id="a purpose clause on the noun: the event's own time"),
])
def test_a_clause_on_the_event_noun_lends_its_date_only_when_it_tells_the_event(run, text, date, expected):
    (event,) = run(text, dates={date: "2026-06-13"}, people=["Ana Ruiz"])
    assert event.date_value == expected


def test_the_event_that_replaces_a_cancelled_one_took_place_on_the_verbs_date(run):
    """"la reunión fue reemplazada por una llamada": the meeting is cancelled, the call (the
    agent of the passive) held, on the date of the replacing."""
    text = "En febrero, la reunión fue reemplazada por una llamada telefónica entre ambos presidentes."
    events = run(text, dates={"En febrero": "2026-02"})
    assert sorted((e.kind, e.status, e.date_value) for e in events) == [
        ("call", "held", "2026-02"), ("meeting", "cancelled", "2026-02")]


def test_a_verb_form_the_lemmatizer_misses_still_triggers(run):
    """The model lemmatizes "hablaran" as "hablarir": the "habl* por teléfono" row catches it."""
    events = run("Se informó que la presidenta y el primer ministro hablaran por teléfono el lunes.")
    assert [e.kind for e in events] == ["call"]


def test_intervening_in_a_session_takes_the_verbs_date(run):
    """"intervenir en" is a support verb with "en", like "participar en": the high-level
    segment a minister spoke in is held on the day of the verb."""
    text = "Ayer, el canciller intervino en el segmento de alto nivel del Consejo de Derechos Humanos."
    (event,) = run(text, dates={"Ayer": "2026-02-09"})
    assert (event.kind, event.status, event.date_value) == ("summit", "held", "2026-02-09")


def test_date_of_another_clause_is_not_attached(run):
    text = "El canciller sostuvo una llamada con su homólogo, quien asumió el cargo el 3 de enero."
    (event,) = run(text, dates={"3 de enero": "2026-01-03"})
    assert event.date_value is None


def test_event_anchored_offset_is_subtracted(run):
    text = ("El canciller sostuvo una llamada con la ministra el 10 de febrero. La llamada tuvo lugar "
            "dos días después de que el presidente hablara por teléfono con su homóloga.")
    events = run(text, dates={"10 de febrero": "2026-02-10"},
                 anchored={"dos días después": "2026-02-10"})
    assert sorted((e.kind, e.date_value) for e in events) == [("call", "2026-02-08"), ("call", "2026-02-10")]


def test_an_offset_anchored_on_an_earlier_event_dates_the_main_clause(events_nlp):
    """The model may hang "12 años después" on the verb of the clause it is anchored on ("se
    celebrara"); it tells the time of the clause that clause modifies ("acogió la IX cumbre")."""
    text = ("Bogotá acogió la IX cumbre del bloque, 12 años después que, en marzo de 2013, se celebrara "
            "la Cumbre de Caracas.")

    misparse = rehang({"después": ("celebrara", "advmod"), "celebrara": ("acogió", "advcl")})
    events = hand_events(events_nlp, text, "2026-02-10", dates={"marzo de 2013": "2013-03"},
                         anchored={"12 años después": "2025"}, misparse=misparse)
    assert [(e.name, e.date_value) for e in events] == [
        ("IX cumbre del bloque", "2025"), ("Cumbre de Caracas", "2013-03")]


def test_later_references_merge_into_the_first(run):
    text = ("La canciller sostuvo una llamada con el ministro Pedro Gómez el 9 de febrero. "
            "Durante la llamada, ambos revisaron la agenda. La llamada duró media hora.")
    events = run(text, dates={"9 de febrero": "2026-02-09"}, people=["Pedro Gómez"])
    assert [(e.kind, e.date_value) for e in events] == [("call", "2026-02-09")]


def test_two_calls_on_different_dates_stay_two(run):
    text = ("La canciller sostuvo una llamada con el ministro el 9 de febrero. El pasado 2 de febrero "
            "ambos sostuvieron una conversación telefónica sobre migración.")
    events = run(text, dates={"9 de febrero": "2026-02-09", "2 de febrero": "2026-02-02"})
    assert sorted(e.date_value for e in events) == ["2026-02-02", "2026-02-09"]


def test_postponed_event_with_new_date_is_planned(run):
    text = ("La Secretaría suspendió la reunión binacional prevista en 2026. "
            "La realización de dicho encuentro quedó fijada para el 4 de marzo.")
    events = run(text, dates={"en 2026": "2026", "4 de marzo": "2026-03-04"})
    assert [(e.status, e.date_value) for e in events] == [("planned", "2026-03-04")]


@pytest.mark.parametrize("text, location, country", [
    pytest.param("Los cancilleres se reunieron en Lima para revisar la agenda.", "Lima", "PER",
                 id="city"),
    pytest.param("Acordaron convocar una reunión de alto nivel en Washington, D.C., en abril.",
                 "Washington, D.C.", "USA", id="city-alias"),
    pytest.param("La presidenta se reunirá con el primer ministro en Palacio Nacional.",
                 "Ciudad de México", "MEX", id="venue"),
    pytest.param("El canciller realizó una visita oficial a Perú.", None, "PER", id="country-only"),
    pytest.param("El cónsul visitó el Consulado General de México en Toronto.", "Toronto", "CAN",
                 id="a body named with its post: the city, not the body's country"),
    pytest.param("La canciller visitó Canadá, acompañada por el cónsul de México en Toronto.", None, "CAN",
                 id="a city in an aside of the place is not where the visit went"),
    pytest.param("Se pospuso la visita de trabajo que el canciller tenía prevista a Quito la "
                 "próxima semana.",
                 "Quito", "ECU", id="a visit's 'a' phrase the parse hangs on another word"),
    pytest.param("La Ciudad de México recibió la VI Cumbre de la CELAC.", "Ciudad de México", "MEX",
                 id="a place that hosts: the subject of 'recibir', opening the line"),
    pytest.param("Con la presencia de 17 mandatarios, Lima acogerá la reunión ministerial.", "Lima", "PER",
                 id="a place that hosts: the subject of 'acoger'"),
    pytest.param("La reunión regional se realizó en Antigua Guatemala.", "Antigua Guatemala", "GTM",
                 id="a city whose name opens with a country's short name ('Antigua'): the city"),
    pytest.param("Quito albergó la cumbre regional.", "Quito", "ECU",
                 id="a place that hosts: the subject of 'albergar'"),
    pytest.param("Quito hospedará la cumbre prevista para mayo.", "Quito", "ECU",
                 id="a place that hosts: the subject of 'hospedar', the verb of a planned summit"),
    pytest.param("El presidente de Chile recibió la visita del canciller.", None, None,
                 id="a host that is a person: a place in its title is no venue"),
    pytest.param("Los cancilleres se reunieron en la avenida Benito Juárez de Lima.", "Lima", "PER",
                 id="a place's name ending a person's name (a street) is not the place: not Ciudad Juárez"),
    pytest.param("La canciller se reunió con empresarios en la calle Miguel Hidalgo de Guadalajara.",
                 "Guadalajara", "MEX", id="a street named after a person: not the state of Hidalgo"),
    pytest.param("Los cancilleres se reunieron en Puerto Solano, Colombia, para revisar la agenda.",
                 "Puerto Solano", "COL", id="a city the gazetteer lacks, as written before its country"),
    pytest.param("Los cancilleres se reunieron en Lima, Perú, para revisar la agenda.", "Lima", "PER",
                 id="a known city before its country: the gazetteer's"),
    pytest.param("La canciller participó en una reunión con Pedro Gómez Ruiz, Colombia, y Luis Vera Mora.", None,
                 "COL", id="a person before a country, after 'con': no city"),
    pytest.param("La canciller se trasladó a Puerto Solano, Jalisco, donde se reunirá con empresarios.",
                 "Puerto Solano", "MEX", id="a city the gazetteer lacks before its state, in a place relative"),
    pytest.param("La canciller se trasladó a Xalapa, Veracruz, donde se reunirá mañana con el gobernador.",
                 "Xalapa", "MEX", id="a place relative the parse hangs on the state after the city: the city"),
])
def test_location(run, text, location, country):
    (event,) = run(text)
    assert (event.location, event.location_country) == (location, country)


def test_a_place_hosting_in_the_clause_a_frame_opens_is_not_where_the_framing_event_is(run):
    """"Antes de la reunión prevista con X, Bogotá recibió a Y": the meeting frames the clause;
    Bogotá is the subject of that clause's verb, not the meeting's host."""
    text = "Antes de la reunión prevista con el ministro Pedro Soto, Bogotá recibió a la canciller Ana Ruiz."
    found = run(text, people=["Pedro Soto", "Ana Ruiz"])
    assert [(e.status, e.location) for e in found] == [("planned", None), ("held", "Bogotá")]


def test_participants_subject_and_complement(run):
    text = "El canciller Pedro Gómez se reunió con la ministra Ana Ruiz en Quito."
    (event,) = run(text, people=["Pedro Gómez", "Ana Ruiz"])
    assert event.actor_ids == ["Ana Ruiz", "Pedro Gómez"]


@pytest.mark.parametrize("verb", [
    pytest.param("copresidieron", id="copresidir"),
    pytest.param("presidieron", id="presidir"),
])
def test_who_chairs_a_meeting_takes_part_on_the_verbs_date(run, verb):
    text = (f"La canciller Ana Ruiz y el ministro Pedro Gómez {verb} la tercera reunión del Diálogo Económico "
            "el 15 de enero.")
    (event,) = run(text, dates={"15 de enero": "2026-01-15"}, people=["Pedro Gómez", "Ana Ruiz"])
    assert (event.actor_ids, event.date_value) == (["Ana Ruiz", "Pedro Gómez"], "2026-01-15")


def test_who_heads_a_meeting_told_again_in_a_relative_of_its_own_takes_part_on_the_verbs_date(run):
    """", que se realizará de manera virtual" tells how the meeting goes, not who holds it or when."""
    [e] = run("La canciller Ana Ruiz encabezará el jueves la reunión de embajadores en Asia, que se realizará de "
              "manera virtual.", {"el jueves": "2026-02-12"}, ["Ana Ruiz"])
    assert (e.kind, e.status, e.date_value, e.actor_ids) == ("meeting", "planned", "2026-02-12", ["Ana Ruiz"])


@pytest.mark.parametrize("text, expected", [
    pytest.param("La canciller Ana Ruiz firmó un acuerdo de cooperación con el ministro Pedro Gómez.",
                 [["Ana Ruiz", "Pedro Gómez"]], id="the partner hangs on the text signed"),
    pytest.param("El comunicado fue firmado por la secretaria de Gobernación, Ana Ruiz, y por el ministro de "
                 "Gobernación, Pedro Gómez.", [["Ana Ruiz", "Pedro Gómez"]], id="'por X, y por Y': one text"),
    pytest.param("La canciller Ana Ruiz firmó un acuerdo con el ministro Pedro Gómez, y otro con la ministra "
                 "Eva Sanz.", [["Ana Ruiz", "Pedro Gómez"], ["Ana Ruiz", "Eva Sanz"]], id="'y otro con': two"),
])
def test_who_signs(run, text, expected):
    assert [e.actor_ids for e in run(text, people=["Ana Ruiz", "Pedro Gómez", "Eva Sanz"])] == expected


def test_a_relative_of_its_own_keeps_its_date_when_the_verb_announces_the_meeting(run):
    """"anunció el lunes la reunión ..., que se realizará el 20 de marzo": the relative tells when."""
    [e] = run("La canciller Ana Ruiz anunció el lunes la reunión de embajadores en Asia, que se realizará el 20 de "
              "marzo de manera virtual.", {"el lunes": "2026-02-09", "20 de marzo": "2026-03-20"}, ["Ana Ruiz"])
    assert (e.status, e.date_value) == ("planned", "2026-03-20")


@pytest.mark.parametrize("verb, status", [
    pytest.param("incluye", "planned", id="an agenda to come"),
    pytest.param("incluyó", "held", id="an agenda done"),
])
def test_an_agenda_item_with_a_partner_is_an_event_of_the_agendas_tense(run, verb, status):
    text = (f"La agenda de la canciller en Lima {verb}:\n- una reunión con el ministro Pedro Gómez;\n"
            "- un recorrido por el centro histórico.\n\nLa canciller participará en el Foro de Cooperación "
            "Regional.")
    found = run(text, people=["Pedro Gómez"])
    assert [(e.kind, e.status, e.actor_ids) for e in found] == [
        ("meeting", status, ["Pedro Gómez"]), ("summit", "planned", [])]


@pytest.mark.parametrize("opening", [
    pytest.param("La canciller Ana Ruiz inicia hoy una gira por Perú.\n\nLa agenda en Lima incluye:",
                 id="the one the sentence before is about"),
    pytest.param("La agenda de la canciller Ana Ruiz en Lima incluye:", id="the one the opening line names"),
])
def test_an_agenda_item_is_its_owners_event_in_its_place(run, opening):
    found = run(f"{opening}\n- una reunión con el ministro Pedro Gómez;\n- un recorrido por el centro.\n",
                people=["Ana Ruiz", "Pedro Gómez"])
    assert [(e.actor_ids, e.location) for e in found if e.kind == "meeting"] == [(["Ana Ruiz", "Pedro Gómez"], "Lima")]


def test_an_agenda_is_not_the_one_who_speaks_of_the_tour_before_it(run):
    text = ("El embajador Pedro Gómez destacó la importancia de la gira de la canciller Ana Ruiz por Asia.\n\n"
            "La agenda en Lima incluye:\n- una reunión con el ministro Luis Mora;\n- un recorrido por el centro.\n")
    found = run(text, people=["Pedro Gómez", "Ana Ruiz", "Luis Mora"])
    assert [e.actor_ids for e in found if e.kind == "meeting"] == [["Luis Mora"]]


@pytest.mark.parametrize("text", [
    pytest.param("La canciller Ana Ruiz convocó ayer al embajador Pedro Gómez.", id="the verb itself"),
    pytest.param("La canciller Ana Ruiz convocó al embajador Pedro Gómez a una reunión.", id="the support of a noun"),
])
def test_who_is_summoned_takes_part(run, text):
    """Cue class ``receives``: whom "recibir" or "convocar" takes as object is a party."""
    (event,) = run(text, people=["Ana Ruiz", "Pedro Gómez"])
    assert event.actor_ids == ["Ana Ruiz", "Pedro Gómez"]


def test_what_the_support_of_a_noun_receives_is_no_party_unless_a_person(run):
    """"Lima recibió la II Reunión del grupo de X": the meeting is received (the parse hangs it on its
    numeral), so its words name no one who takes part (as "la VI Cumbre de la CELAC" names no party)."""
    (event,) = run("Lima recibió la II Reunión del grupo de Pedro Gómez.", people=["Pedro Gómez"])
    assert event.actor_ids == []


def test_a_par_named_after_its_title_takes_part(run):
    """"con su par canadiense, X" (cue class person_head: "par"): X is the partner."""
    (event,) = run("La canciller Ana Ruiz se reunió el lunes con su par canadiense, Pedro Gómez.",
                   people=["Ana Ruiz", "Pedro Gómez"])
    assert event.actor_ids == ["Ana Ruiz", "Pedro Gómez"]


@pytest.mark.parametrize("text, surface, value", [
    pytest.param("La canciller Ana Ruiz asistirá a la Cumbre de Líderes en Johannesburgo, que se celebrará el 22 de "
                 "noviembre.", "22 de noviembre", "2026-11-22", id="on the city where it is held"),
    pytest.param("La canciller confirmó la reunión con el ministro Pedro Gómez, que se llevará a cabo el 20 de marzo.",
                 "20 de marzo", "2026-03-20", id="on the partner's title"),
    pytest.param("La canciller prepara la visita del presidente de Chile, Pedro Gómez, que se realizará el 20 de "
                 "marzo.", "20 de marzo", "2026-03-20", id="on the visitor's title"),
    pytest.param("Los cancilleres conversaron sobre los preparativos de la Cumbre de la Alianza, que se celebrará "
                 "el 20 de marzo en Santiago.", "20 de marzo", "2026-03-20", id="on the noun the event is a phrase of"),
    pytest.param("Los ministros revisaron los preparativos de la XXX Cumbre Iberoamericana de Jefas y Jefes de Estado y "
                 "de Gobierno, que se celebrará el 13 de noviembre en Madrid.", "13 de noviembre", "2026-11-13",
                 id="on the governing noun, past a long name whose first word bears the 'de' relation"),
])
def test_a_relative_telling_an_event_takes_place_dates_it_wherever_the_parse_hangs_it(run, text, surface, value):
    """", que se celebrará el 22" after a name that follows the event noun tells the event's day
    (no city or person is celebrated): events_syntax.relative_on_a_name."""
    events = run(text, dates={surface: value}, people=["Ana Ruiz", "Pedro Gómez"])
    assert [e.date_value for e in events] == [value]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Ambos cancilleres convinieron en reunirse en Ottawa en la primera quincena de diciembre.",
                 "2026-12", id="after the infinitive, hung by the parse on 'convinieron': the meeting's date"),
    pytest.param("Los ministros acordaron el 3 de octubre reunirse pronto.", None,
                 id="before the infinitive: when they agreed"),
])
def test_a_date_the_parse_hangs_on_the_verb_planning_an_infinitive_event(run, text, expected):
    dates = {"en la primera quincena de diciembre": "2026-12", "3 de octubre": "2025-10-03"}
    (meeting,) = run(text, dates={k: v for k, v in dates.items() if k in text}, published="2025-11-14")
    assert meeting.date_value == expected


def test_a_relative_on_the_governing_noun_places_the_event(run):
    """"los preparativos de la Cumbre X ..., que se celebrará ... en Madrid": the relative's place is
    the summit's."""
    (summit,) = run("Los ministros revisaron los preparativos de la XXX Cumbre Iberoamericana de Jefas y Jefes de "
                    "Estado y de Gobierno, que se celebrará el 13 de noviembre en Madrid.",
                    dates={"13 de noviembre": "2026-11-13"})
    assert (summit.status, summit.location) == ("planned", "Madrid")


def test_a_relative_on_the_governing_noun_that_agrees_with_it_alone_does_not_date_the_event(run):
    """"los trabajos preparatorios de la cumbre, que se llevaron a cabo ayer": the plural verb goes
    with the works, not with the summit."""
    events = run("Los equipos concluyeron los trabajos preparatorios de la cumbre, que se llevaron a cabo el 20 de "
                 "marzo en Ottawa.", dates={"20 de marzo": "2026-03-20"})
    assert [e.date_value for e in events] == [None]


def test_who_does_not_attend_a_summit_takes_no_part_in_it(run):
    """"no asistirá a la Cumbre": the summit goes on (a negated verb of attending keeps the event),
    without the subject."""
    (event,) = run("La canciller Ana Ruiz no asistirá a la Cumbre de Líderes en Johannesburgo.", people=["Ana Ruiz"])
    assert (event.kind, event.status, event.actor_ids) == ("summit", "planned", [])


@pytest.mark.parametrize("text, subject", [
    pytest.param("En el marco de la cumbre, Luis Vera Soto sostendrá encuentros bilaterales con sus homólogos de "
                 "Brasil e India.", "Luis", id="a name set off after the fronted phrase"),
    pytest.param("En el marco de la cumbre, sostendrá encuentros bilaterales con sus homólogos.", None,
                 id="no name: no subject"),
])
def test_a_name_after_a_fronted_phrase_is_the_subject_the_parse_makes_its_apposition(events_nlp, text, subject):
    """"En el marco de la cumbre, X sostendrá ...": X, an apposition of "marco" in the parse, is the
    verb's subject (DocWords.subjects_of)."""
    words = DocWords.of(events_nlp(text))
    verb = next(i for i, p in enumerate(words.pos) if p == "VERB")
    assert [words.texts[i] for i in words.subjects_of(verb)] == ([subject] if subject else [])


@pytest.mark.parametrize("text, expected", [
    pytest.param("El presidente Pedro Gómez estuvo en contacto con el canciller, informó la vocera Ana Ruiz.\n\n"
                 "Acordó una visita a Quito.", ["Pedro Gómez"],
                 id="what a verb of saying reports names whom the text is about, not the speaker"),
    pytest.param("La vocera Ana Ruiz informó que la reunión del ministro Pedro Gómez se realizará pronto.\n\n"
                 "Acordó una visita a Quito.", ["Ana Ruiz"],
                 id="a reported subject that is no person itself: the speaker"),
])
def test_a_dropped_subject_after_a_report_is_whom_the_report_is_about(run, text, expected):
    """Spanish drops a subject told before: after "X ..., informó Z", the dropped subject is X."""
    events = run(text, people=["Pedro Gómez", "Ana Ruiz"])
    assert [e.actor_ids for e in events if e.kind == "visit"] == [expected]


def test_who_accompanies_someone_in_a_meeting_takes_part_in_it(run):
    """"acompañará a X en la reunión" (cue classes support, support_obl, attends: acompañar): its
    subject takes part in the meeting told before."""
    text = ("La canciller Ana Ruiz se reunirá el lunes con el ministro Pedro Gómez.\n\n"
            "El embajador Luis Vera adelantó que acompañará a la canciller en la reunión.")
    events = run(text, dates={"el lunes": "2026-02-16"}, people=["Ana Ruiz", "Pedro Gómez", "Luis Vera"])
    assert [e.actor_ids for e in events] == [["Ana Ruiz", "Luis Vera", "Pedro Gómez"]]


def test_whom_someone_accompanies_in_a_meeting_takes_part_in_it(run):
    """"X acompañó al ministro Y en la reunión con empresarios" (cue class receives: acompañar): Y
    held the meeting, X accompanied him."""
    events = run("El embajador Luis Vera acompañó al ministro Pedro Gómez en la reunión con empresarios.",
                 people=["Luis Vera", "Pedro Gómez"])
    assert [e.actor_ids for e in events] == [["Luis Vera", "Pedro Gómez"]]


def test_a_place_relative_of_a_verb_with_a_dropped_subject_is_the_travellers(run):
    """"El miércoles viajará a París, donde participará en la reunión ministerial": no subject on
    either verb; the traveller is the one the sentence before is about."""
    text = ("La canciller Ana Ruiz se reunirá el lunes con el ministro Pedro Gómez. El miércoles viajará a París, "
            "donde participará en la reunión ministerial de la OCDE.")
    events = run(text, people=["Ana Ruiz", "Pedro Gómez"])
    assert [e.actor_ids for e in events if e.kind == "summit"] == [["Ana Ruiz"]]


@pytest.mark.parametrize("text, kinds", [
    pytest.param("La canciller Ana Ruiz iniciará mañana una gira de trabajo por Europa que incluye visitas a Madrid, "
                 "París y Berlín.", [("visit", "planned")], id="the visits a tour includes are the tour"),
    pytest.param("La gira de la canciller Ana Ruiz comprende reuniones con empresarios.", [("visit", "held")],
                 id="the meetings a tour comprises"),
    pytest.param("La canciller Ana Ruiz incluyó en su agenda una reunión con el ministro Pedro Gómez.",
                 [("meeting", "held")], id="what a person includes is an event of its own"),
])
def test_the_events_another_includes_are_its_parts(run, text, kinds):
    """Cue class ``includes``: an event noun that another event includes is no event of its own."""
    events = run(text, people=["Ana Ruiz", "Pedro Gómez"])
    assert [(e.kind, e.status) for e in events] == kinds


def test_a_ministerial_meeting_is_not_the_bilateral_ones_told_before(run):
    """Cue class ``scope_adj``: "la reunión ministerial del G20" is another event than "reuniones
    bilaterales" told before it."""
    text = ("La canciller Ana Ruiz sostuvo reuniones bilaterales con sus homólogos de Japón e Italia. Además, "
            "participó en la reunión ministerial del G20.")
    assert len(run(text, people=["Ana Ruiz"])) == 2


def test_a_dropped_subject_after_a_speaker_and_what_she_reports_is_the_speaker(run):
    """"X informó que Y llegará ... Más tarde, se reunió con Z": X (the reported clause names whom
    the text is about only when it comes before its speaker)."""
    text = ("La canciller Ana Ruiz informó que el ministro Pedro Gómez llegará en abril. Más tarde, se reunió con el "
            "embajador Luis Vera.")
    events = run(text, people=["Ana Ruiz", "Pedro Gómez", "Luis Vera"])
    assert [e.actor_ids for e in events if e.kind == "meeting"] == [["Ana Ruiz", "Luis Vera"]]


def test_no_solo_keeps_the_subject(run):
    """"X no solo se reunió con Y, sino también con Z": no negation of the meeting nor of its subject."""
    events = run("La canciller Ana Ruiz no solo se reunió con el ministro Pedro Gómez, sino también con empresarios.",
                 people=["Ana Ruiz", "Pedro Gómez"])
    assert [e.actor_ids for e in events] == [["Ana Ruiz", "Pedro Gómez"]]


def test_whose_credentials_are_received_takes_part(run):
    text = "El subsecretario Pedro Gómez recibió las cartas credenciales del embajador designado de Noruega, Olav Berg."
    (event,) = run(text, people=["Pedro Gómez", "Olav Berg"])
    assert (event.kind, event.actor_ids) == ("other", ["Olav Berg", "Pedro Gómez"])


def test_who_presents_credentials_takes_part(run):
    text = "Días después de que el embajador Wei Lin presentara sus cartas credenciales, viajó a Monterrey."
    events = run(text, people=["Wei Lin"])
    assert [(e.kind, e.actor_ids) for e in events] == [("other", ["Wei Lin"])]


def test_coordinated_partners_with_asi_como_are_separate_events(run):
    text = "La canciller sostendrá encuentros con el ministro Luis Vera, así como con la senadora Eva Sanz."
    events = run(text, people=["Luis Vera", "Eva Sanz"])
    assert len(events) == 2
    assert ["Luis Vera" in e.actor_ids for e in events] == [True, False]
    assert ["Eva Sanz" in e.actor_ids for e in events] == [False, True]


def test_evidence_offsets_point_at_the_trigger(run):
    text = "Ayer, la canciller sostuvo una llamada telefónica con el ministro de Chile."
    (event,) = run(text)
    assert "llamada telefónica" in text[event.start:event.end]


def test_event_ids_follow_document_order(run):
    text = ("El canciller se reunió con el embajador de Francia. Después firmó un convenio con Italia. "
            "El próximo mes visitará Brasil.")
    events = run(text)
    assert [e.event_id for e in events] == list(range(len(events)))
    assert [e.start for e in events] == sorted(e.start for e in events)


def _models_with(tmp_path, file: str, old: str, new: str):
    """A copy of the events stage's rule files (and the gazetteer's places it reads) with the
    first ``old`` of ``models/events/<file>`` replaced by ``new``."""
    models = tmp_path / "models"
    shutil.copytree(DEFAULT_MODELS_DIR / "events", models / "events")
    shutil.copytree(DEFAULT_MODELS_DIR / "gazetteer", models / "gazetteer")
    path = models / "events" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return models


def test_the_number_words_of_an_event_offset_come_from_the_stages_models_dir(events_nlp, tmp_path):
    """"tres días después de que ...": the number words are those of ``<models_dir>/lang/es.json``,
    as the dates stage reads them, not always the bundled ones."""
    models = _models_with(tmp_path, "triggers.csv", "term", "term")
    shutil.copytree(DEFAULT_MODELS_DIR / "lang", models / "lang")
    lang = models / "lang" / "es.json"
    lang.write_text(lang.read_text(encoding="utf-8").replace('"tres": 3', '"tres": 30'), encoding="utf-8")
    component = EventsComponent(events_nlp, "sre_events", str(models))
    assert event_offset("tres días después", component.numbers) == -30


@pytest.mark.parametrize("text, offset", [
    pytest.param("tres días después", -3, id="after: the anchored event was that many days before"),
    pytest.param("dos semanas antes", 14, id="weeks before"),
    pytest.param("5 días después", -5, id="digits"),
    pytest.param("muchos días después", None, id="no number"),
])
def test_event_offset(text, offset):
    assert event_offset(text, {"tres": 3, "dos": 2}) == offset


def test_unknown_trigger_column_names_file_and_key(events_nlp, tmp_path):
    models = _models_with(tmp_path, "triggers.csv", "requires", "needs")
    with pytest.raises(RuleFileError, match=r"triggers\.csv.*'needs'"):
        EventsComponent(events_nlp, "sre_events", str(models))


@pytest.mark.parametrize("file, old, new, key", [
    ("triggers.csv", "llamada,noun,call,", "llamada,noun,phone_call,", "kind"),
    ("triggers.csv", "visitar,verb,visit,object,", "visitar,verb,visit,objet,", "requires"),
    ("triggers.csv", "llamada,noun,call,", "llamada,nombre,call,", "pos"),
    ("cues.csv", "sostener,support,", "sostener,suport,", "class"),
    ("cues.csv", "convocar,support,planned,", "convocar,support,planed,", "status"),
    ("triggers.csv", "visitar,verb,visit,object,", "visitar,verb,visit,always,", "requires"),
    ("triggers.csv", "llamada,noun,call,named_or_support,", "llamada,noun,call,object,", "requires"),
    ("venues.csv", ",MEX,", ",MXE,", "country"),
    pytest.param("cues.csv", "ministro,person_head,", "primer ministro,person_head,", "term",
                 id="a phrase in a class looked up one word at a time"),
    pytest.param("cues.csv", "ministro,person_head,", "ministro,person_head,planned", "status",
                 id="a status outside the support class would do nothing"),
])
def test_a_value_outside_the_vocabulary_names_file_line_and_key(events_nlp, tmp_path, file, old, new, key):
    """A typo in a controlled column would give rows the tables' contract does not allow."""
    models = _models_with(tmp_path, file, old, new)
    with pytest.raises(RuleFileError, match=rf"{file.replace('.', '[.]')}.*line \d+.*'{key}'"):
        EventsComponent(events_nlp, "sre_events", str(models))


def test_the_cue_classes_the_code_reads_are_the_vocabulary_of_cues_csv():
    """``CUE_CLASSES`` is written out beside the literals the code looks cues up by: if they
    drift, a class of cues.csv is read by nothing, or the code reads a class no row may have."""
    from pipeline import events_lexicon

    lookup = re.compile(r'(?:has_at|any_at|status_at|cues\.get)\("(\w+)"')
    sources = (DEFAULT_MODELS_DIR.parent / "pipeline").glob("event*.py")
    read = {cls for path in sources for cls in lookup.findall(path.read_text(encoding="utf-8"))}
    assert read | {"exclude"} == events_lexicon.CUE_CLASSES  # "exclude" rows: Lexicon.from_rows


def test_seed_events_end_to_end(nlp):
    """The seed gives its three held calls and two planned meetings (whole pipeline)."""
    (raw,) = [r for r in iter_documents([shared(SEED)]) if r.status == "ok"]
    doc = nlp.make_doc(raw.text)
    doc._.doc_id, doc._.published = raw.doc_id, raw.published
    doc = nlp(doc)
    found = sorted((e.status, e.kind, e.date_value) for e in doc._.events)
    assert ("held", "call", "2026-01-15") in found
    assert ("held", "call", "2026-01-11") in found
    assert ("held", "call", "2026-01-12") in found
    assert ("planned", "meeting", "2026-01-23") in found
    planned = [e for e in doc._.events if e.status == "planned" and e.date_value == "2026-02"]
    assert [(e.location, e.location_country) for e in planned] == [("Washington, D.C.", "USA")]
    gold = json.loads(next((SEED / "gold").glob("*.json")).read_text(encoding="utf-8"))
    assert len(doc._.events) == len(gold["events"])


def test_doc_words_read_as_spacy_tokens(events_nlp):
    """DocWords gives per token what spaCy's Token gives: text keys, spaces, punctuation,
    heads, case markers and (the first tokens of) subtrees."""
    from pipeline.events_lexicon import lem
    from pipeline.events_words import DocWords
    with events_nlp.select_pipes(disable=["sre_events"]):
        doc = events_nlp("La canciller sostuvo una reunión con el ministro de Chile.\n\n"
                         "Ambos se reunieron, así como con la delegación, en Madrid.")
    words = DocWords.of(doc)
    for t in doc:
        i = t.i
        assert (words.low[i], words.lem[i], words.space[i]) == (t.lower_, lem(t), t.is_space)
        assert words.is_punct(i) == t.is_punct and words.head[i] == t.head.i
        assert words.cases(i) == {c.lower_ for c in t.children if c.dep_ == "case"}
        assert words.subtree(i, 3) == [s.i for s in t.subtree][:3]
        assert words.subtree(i, len(doc)) == [s.i for s in t.subtree]


@pytest.mark.parametrize("anchor_sets, reason", [
    ({}, "no mention"),
    ({3: {3}}, "one mention: nothing elsewhere"),
    ({3: {3, 1}, 7: {7, 1}}, "a verb both mentions hang on is elsewhere for each"),
    ({3: {3, 5}, 5: {5}, 9: {9, 2}}, "a trigger that is another's verb"),
    ({1: {1, 2}, 2: {2, 1}, 4: {4, 2}, 6: {6}}, "tokens shared by three sets"),
])
def test_anchors_elsewhere_is_the_union_of_the_other_sets(anchor_sets, reason):
    from pipeline.events import anchors_elsewhere
    expected = {h: set().union(*(a for k, a in anchor_sets.items() if k != h)) for h in anchor_sets}
    assert anchors_elsewhere(anchor_sets) == expected, reason


def test_doc_words_root_is_spacy_span_root(events_nlp):
    """DocWords.root gives Span.root of every span of a parsed text: spans with a sentence
    root, spans whose tokens hang outside at different depths, punctuation and space leaves
    (which spaCy counts as far from the root), spans across sentences."""
    from pipeline.events_words import DocWords
    with events_nlp.select_pipes(disable=["sre_events"]):
        doc = events_nlp("La canciller sostuvo, ayer, una reunión con el ministro de Chile.\n\n"
                         "Ambos se reunieron, así como con la delegación, en Madrid (España).  Fin.")
    words = DocWords.of(doc)
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            assert words.root(start, end) == doc[start:end].root.i, (start, end)


def test_a_signing_whose_object_the_parse_hangs_on_the_partner_is_one(events_nlp):
    """"firmará con el canciller X un memorándum": the model may make "memorándum" the object
    of "X"; the indefinite object right after the partner still makes "firmar" a signing."""
    text = "La canciller Ana Ruiz firmará con el ministro Pedro Gómez un memorándum de entendimiento."

    found = hand_events(events_nlp, text, "2026-02-10", people=["Ana Ruiz", "Pedro Gómez"],
                        misparse=rehang({"memorándum": ("Gómez", None)}))
    assert [(e.kind, e.status) for e in found] == [("signing", "planned")]


def test_a_ceremonys_of_phrase_names_no_participant(run):
    text = "El canciller Pedro Gómez encabezó la ceremonia conmemorativa del natalicio de Benito Juárez."
    (event,) = run(text, people=["Pedro Gómez", "Benito Juárez"])
    assert event.actor_ids == ["Pedro Gómez"]


def test_a_place_in_a_coordinated_clause_is_not_the_events(run):
    text = "Los cancilleres firmaron un memorándum de entendimiento y acordaron celebrar en Roma la próxima reunión."
    found = run(text)
    assert [(e.kind, e.location) for e in found] == [("signing", None), ("meeting", "Roma")]


def test_an_event_that_there_will_be_takes_the_date_of_haber(run):
    (event,) = run("El lunes 24 habrá una llamada entre los cancilleres.", dates={"El lunes 24": "2026-02-24"})
    assert (event.kind, event.status, event.date_value) == ("call", "planned", "2026-02-24")


def test_a_session_period_framing_a_sentence_after_an_ordinal_with_a_degree_sign_is_no_event_of_it(run):
    """"En el marco del 79° periodo de sesiones" ("79" and "°" are two tokens) frames the
    sentence: the debate the canciller took part in is a meeting of its own."""
    text = ("En el marco del 79° periodo de sesiones de la Asamblea General de la Organización de las Naciones "
            "Unidas (ONU), la canciller Ana Ruiz participó en el debate abierto del Consejo de Seguridad, y en "
            "la II Reunión de Ministros del G20.")
    assert [(e.kind, e.actor_ids) for e in run(text, people=["Ana Ruiz"])][0] == ("meeting", ["Ana Ruiz"])


@pytest.mark.parametrize("opening, expected", [
    pytest.param("En Lima", "Lima", id="a city"),
    pytest.param("En la Ciudad de México", "Ciudad de México", id="a city after an article"),
    pytest.param("En representación de la secretaria de Relaciones Exteriores", None,
                 id="a phrase that names no place at once"),
])
def test_a_place_opening_the_paragraph_is_where_its_event_takes_place(run, opening, expected):
    """"En Madrid, la mandataria se reunirá con X": the parse hangs the place on the paragraph
    break, not on the verb; it is the meeting's place all the same."""
    text = f"La canciller Ana Ruiz viajará a Europa.\n\n{opening}, la canciller se reunirá con el ministro Luis Vera."
    (meeting,) = [e for e in run(text, people=["Luis Vera"]) if e.kind == "meeting"]
    assert meeting.location == expected


def test_a_body_deep_in_a_phrase_opening_the_paragraph_is_no_place(run):
    """"En representación de la secretaria de Relaciones Exteriores": the parse makes
    "secretaria" the phrase's head; the body (a venue in Mexico City) is not where the debate was."""
    text = ("La delegación mexicana participó en el debate abierto del Consejo de Seguridad.\n"
            "En representación de la secretaria de Relaciones Exteriores, Ana Ruiz Soto, el subsecretario para "
            "Asuntos Multilaterales, Luis Vera García, asistió al debate abierto del Consejo de Seguridad.")
    assert [e.location for e in run(text, people=["Luis Vera García"])] == [None]


def test_the_ceremony_an_act_took_place_in_is_that_act(run):
    """"presentó sus cartas credenciales ... en una ceremonia celebrada en Rideau Hall": the
    ceremony is where the credentials were presented, one event."""
    text = ("El embajador Luis Vera presentó sus cartas credenciales a la gobernadora general, Ana Ruiz, en una "
            "ceremonia celebrada en Rideau Hall.")
    assert [e.kind for e in run(text, people=["Luis Vera", "Ana Ruiz"])] == ["other"]


@pytest.mark.parametrize("verb", [
    pytest.param("volverán a reunirse", id="volver a"),
    pytest.param("van a reunirse", id="ir a"),
    pytest.param("podrán reunirse", id="poder"),
])
def test_the_date_of_a_periphrasis_is_its_events(run, verb):
    """"volverán a reunirse en noviembre": the model hangs the date on "volverán"."""
    (event,) = run(f"Los cancilleres {verb} en noviembre en Lima.", dates={"en noviembre": "2026-11"})
    assert event.date_value == "2026-11"


def test_a_visit_planned_for_a_day_and_postponed_is_cancelled_on_that_day(run):
    """"La visita del secretario X, prevista para el 3 de marzo, fue pospuesta": the model
    hangs "prevista" on "secretario" (it agrees with "visita") and tags "pospuesta" a noun."""
    text = ("La visita del secretario de Estado, Luis Vera, prevista para el 3 de marzo, fue pospuesta para una "
            "fecha por definir, informó la Cancillería.")
    (visit,) = run(text, dates={"3 de marzo": "2026-03-03"}, people=["Luis Vera"])
    assert (visit.status, visit.date_value) == ("cancelled", "2026-03-03")


def test_a_planned_adjective_far_down_a_long_phrase_dates_and_places_its_event(run):
    """"La reunión entre X y Y, prevista para el 10 de marzo en Washington, fue cancelada": the
    model hangs "prevista" on "secretario", more than twelve tokens down the phrase."""
    text = ("La reunión entre el canciller Tomás Arriaga Lugo y el secretario de Estado Luis Vera Mora, "
            "prevista para el 10 de marzo en Washington, fue cancelada.")
    (meeting,) = run(text, dates={"10 de marzo": "2026-03-10"}, people=["Tomás Arriaga Lugo", "Luis Vera Mora"])
    assert (meeting.status, meeting.date_value, meeting.location) == ("cancelled", "2026-03-10", "Washington, D.C.")


def test_a_postponed_events_new_date_wins_over_its_planned_one(run):
    """"la reunión del Comité X, que estaba programada para este miércoles en Tapachula, se pospuso
    al lunes 9 de febrero": the verb's own date is the event's; the planned one is not."""
    text = ("Por otra parte, la reunión del Comité Bilateral de Asuntos Portuarios México-Belice, que estaba "
            "programada para este miércoles en Tapachula, Chiapas, se pospuso al lunes 9 de febrero.")
    (meeting,) = run(text, dates={"este miércoles": "2026-01-21", "lunes 9 de febrero": "2026-02-09"})
    assert (meeting.date_value, meeting.location) == ("2026-02-09", "Tapachula")


@pytest.mark.parametrize("text, expected", [
    pytest.param("La reunión del comité, prevista para el 20 de mayo en Ottawa, se pospuso al 3 de junio.",
                 ("planned", "2026-06-03"), id="'se pospuso al' a new date: planned on it, not on the old one"),
    pytest.param("La reunión bilateral, originalmente prevista para el 28 de enero en Washington, fue pospuesta "
                 "para el 3 de junio.", ("planned", "2026-06-03"), id="'fue pospuesta para' a new date"),
    pytest.param("La reunión del comité fue reprogramada para el 3 de junio.", ("planned", "2026-06-03"),
                 id="'reprogramada para' a new date"),
    pytest.param("La reunión del comité, prevista para el 20 de mayo, se pospuso sin fecha.",
                 ("cancelled", "2026-05-20"), id="no new date: cancelled on the planned day"),
    pytest.param("El lunes 13 de abril se pospuso la reunión del comité.", ("cancelled", "2026-04-13"),
                 id="a date before the verb (the day it was postponed) is no new date: cancelled"),
])
def test_a_postponed_event_is_planned_on_its_new_date(run, text, expected):
    """ANNOTATION.md: ``planned`` is an event that will happen; a postponement to a date says when."""
    values = {"20 de mayo": "2026-05-20", "28 de enero": "2026-01-28", "3 de junio": "2026-06-03",
              "lunes 13 de abril": "2026-04-13"}
    (event,) = run(text, dates={k: v for k, v in values.items() if k in text}, published="2026-04-16")
    assert (event.status, event.date_value) == expected


def test_a_planned_adjective_of_its_noun_gives_its_place(run):
    """"La reunión ... está prevista para el 10 de marzo en Washington": the place hangs on
    "prevista", the noun's predicate."""
    text = "La reunión entre los cancilleres de México y Chile está prevista para el 10 de marzo en Lima."
    (meeting,) = run(text, dates={"10 de marzo": "2026-03-10"})
    assert (meeting.status, meeting.date_value, meeting.location) == ("planned", "2026-03-10", "Lima")


def test_a_date_the_parse_hangs_on_a_paragraph_break_dates_the_clause_after_it(run):
    """After a blank line the model may make the break the sentence's root, with the date and the
    verb as its dependents ("\\n\\nEl miércoles, la subsecretaria llegó a X, donde fue recibida")."""
    text = ("La subsecretaria Ana Ruiz Gil realizó una gira que la llevó a Guatemala y El Salvador.\n\n"
            "El miércoles, la subsecretaria llegó a San Salvador, donde fue recibida por el director general "
            "de Política Exterior de El Salvador, Luis Vera Mora.")
    found = run(text, dates={"El miércoles": "2026-02-18"}, people=["Ana Ruiz Gil", "Luis Vera Mora"],
                published="2026-02-20")
    assert [(e.kind, e.date_value) for e in found if e.kind == "meeting"] == [("meeting", "2026-02-18")]


@pytest.mark.parametrize("meeting, expected", [
    pytest.param("un encuentro bilateral", [("summit", 2), ("meeting", 2)],
                 id="a bilateral meeting beside the summit: an event of its own"),
    pytest.param("una sesión trilateral", [("summit", 2)], id="a trilateral session may be the summit told again"),
])
def test_a_bilateral_meeting_is_no_summit_told_again(run, meeting, expected):
    """"participó en una cumbre con X. Sostuvo además un encuentro bilateral con X": the same
    people, but a summit is never bilateral."""
    text = ("La presidenta Ana Ruiz Gil participó este jueves en una cumbre en Bogotá con el presidente de Ecuador, "
            f"Luis Vera Mora. Ana Ruiz Gil sostuvo además {meeting} con Luis Vera Mora, en el que ambos revisaron "
            "el comercio.")
    found = run(text, dates={"este jueves": "2026-03-26"}, people=["Ana Ruiz Gil", "Luis Vera Mora"])
    assert [(e.kind, len(e.actor_ids)) for e in found] == expected


def test_people_preparing_something_for_a_visit_are_not_its_visitors(run):
    """"X y Y acordaron preparar un programa de trabajo para la visita": the visit is what the
    program is for; "preparar" supports it only as its object ("preparar la visita")."""
    text = ("La canciller Ana Ruiz Gil realizará una visita oficial a Tokio el 3 de junio. Luis Vera Mora y "
            "Pedro Soto Lara acordaron preparar un programa de trabajo para la visita.")
    found = run(text, dates={"el 3 de junio": "2026-06-03"},
                people=["Ana Ruiz Gil", "Luis Vera Mora", "Pedro Soto Lara"])
    assert [(e.kind, sorted(e.actor_ids)) for e in found] == [("visit", ["Ana Ruiz Gil"])]


def test_a_relative_about_a_noun_of_its_own_gives_its_place_to_that_noun(run):
    """"la VI Reunión de la Comisión X, cuya sesión anterior se celebró en Asunción en noviembre
    de 2023": Asunción is where the earlier session was, not today's."""
    text = ("Los cancilleres encabezaron hoy la VI Reunión de la Comisión Binacional México-Paraguay, cuya "
            "sesión anterior se celebró en Asunción en noviembre de 2023.")
    found = run(text, dates={"hoy": "2026-05-19", "noviembre de 2023": "2023-11"})
    assert [(e.date_value, e.location) for e in found] == [("2026-05-19", None), ("2023-11", "Asunción")]


def test_a_bilateral_summit_and_its_bilateral_meeting_are_one_event(run):
    text = ("La presidenta Ana Ruiz Gil encabezó en Bogotá la cumbre bilateral con el presidente de Ecuador, "
            "Luis Vera Mora, el 5 de marzo. El encuentro bilateral concluyó con la firma de tres acuerdos.")
    found = run(text, dates={"el 5 de marzo": "2026-03-05"}, people=["Ana Ruiz Gil", "Luis Vera Mora"])
    assert [e.kind for e in found if e.kind in ("summit", "meeting")] == ["summit"]


def test_a_planning_participle_agreeing_with_its_own_noun_dates_no_event(run):
    """"la reunión de evaluación de la estrategia prevista para 2030": "prevista" agrees with
    "estrategia", where the parse hangs it, so it does not date the meeting."""
    text = "La secretaria Ana Ruiz encabezó la reunión de evaluación de la estrategia prevista para 2030."
    (meeting,) = run(text, dates={"2030": "2030"}, people=["Ana Ruiz"])
    assert (meeting.status, meeting.date_value) == ("held", None)


def test_bilateral_meetings_on_the_sidelines_are_no_part_of_the_session(run):
    """"Al margen de la sesión, X sostuvo encuentros bilaterales con Y": a meeting of its own,
    not merged into the session told before (which names no partner)."""
    text = ("El subsecretario Luis Vera participó el 9 de marzo en el 60 periodo de sesiones del Consejo de "
            "Derechos Humanos.\n\nAl margen de la sesión, Vera sostuvo encuentros bilaterales con la Alta "
            "Comisionada Adjunta, Ana Ruiz.")
    found = run(text, dates={"9 de marzo": "2026-03-09"}, people=["Luis Vera", "Ana Ruiz"])
    assert sorted(e.kind for e in found) == ["meeting", "summit"]


def test_a_meeting_opening_a_paragraph_is_where_something_was_agreed_not_what(run):
    """"\\n\\nEn la reunión con el ministro X se acordó intensificar ...": the parse hangs the
    meeting on the paragraph break it makes the subject of "se acordó"; it is still the setting."""
    text = ("El canciller Luis Vera llegó a Ottawa.\n\nEn la reunión con el ministro Pedro Soto se acordó "
            "intensificar el diálogo de alto nivel entre ambos países.")
    found = run(text, people=["Luis Vera", "Pedro Soto"])
    assert [(e.kind, e.status) for e in found] == [("meeting", "held")]
