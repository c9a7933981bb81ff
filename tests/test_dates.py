"""The dates stage on whole sentences: (text, publication date) -> expressions and values.

Only the dates stage is loaded (other stages may be mid-work). Sentences are written for
these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.config import Settings
from pipeline.nlp import load_nlp


@pytest.fixture(scope="session")
def dates_nlp():
    return load_nlp(Settings(stages=("sre_dates",)))


@pytest.fixture(scope="session")
def timexes(dates_nlp):
    def _run(text: str, published: str | None = None):
        doc = dates_nlp.make_doc(text)
        doc._.doc_id = "test"
        doc._.published = dt.date.fromisoformat(published) if published else None
        return dates_nlp(doc)._.timexes

    return _run


def _found(timexes, text: str, published: str | None = None) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in timexes(text, published) if t.type in ("DATE", "TIME")]


def _value_of(timexes, text: str, published: str | None, needle: str) -> str | None:
    hits = [t for t in timexes(text, published) if needle in t.text]
    assert hits, f"no expression containing {needle!r} in {[t.text for t in timexes(text, published)]}"
    return hits[0].value


VALUES = [
    # (text, publication date, part of the expression, expected value)
    pytest.param("El foro se realizará el fin de semana del 14 y 15 de noviembre.", "2026-02-11", "fin de semana",
                 "2026-11-14", id="'el fin de semana' of the days named: those days, not this week's weekend"),
    pytest.param("El canciller viajó el jueves 15 de enero de 2026 a Lima.", None, "15 de enero",
                 "2026-01-15", id="full date with weekday and year, no publication date needed"),
    pytest.param("La firma será el 15/01/2026 en la sede.", None, "15/01/2026", "2026-01-15",
                 id="numeric day/month/year"),
    pytest.param("El acuerdo entra en vigor el primero de marzo.", "2026-01-20", "primero de marzo",
                 "2026-03-01", id="'el primero de marzo' in the publication year"),
    pytest.param("La reunión será el 15 de enero.", "2026-01-10", "15 de enero", "2026-01-15",
                 id="day-month without year: the publication year when close"),
    pytest.param("La cumbre se celebrará el 5 de enero en Quito.", "2025-12-20", "5 de enero",
                 "2026-01-05", id="a December report announcing 5 January means next year"),
    pytest.param("Los ministros se reunieron el 28 de diciembre en Quito.", "2026-01-04", "28 de diciembre",
                 "2025-12-28", id="past tense early in January: the previous December"),
    pytest.param("El tratado se firmó el 20 de marzo en Roma.", "2026-02-10", "20 de marzo",
                 "2025-03-20", id="past tense and a later day: last year's"),
    pytest.param("La próxima sesión está prevista para el día 3 de enero.", "2025-11-30", "3 de enero",
                 "2026-01-03", id="'prevista para' means the next occurrence"),
    pytest.param("Se reunieron el pasado 29 de febrero en Lima.", "2025-01-10", "29 de febrero",
                 "2024-02-29", id="leap day: only 2024 has a 29 February"),
    pytest.param("Las jornadas serán del 3 al 5 de marzo en Lima.", "2026-02-01", "del 3 al 5",
                 "2026-03-03", id="range: the first day"),
    pytest.param("Las jornadas serán entre el 3 y el 5 de marzo.", "2026-02-01", "entre el 3",
                 "2026-03-03", id="range with 'entre el ... y el'"),
    pytest.param("Convinieron en reunirse en febrero en Washington.", "2026-01-15", "febrero", "2026-02",
                 id="month in an agreement to meet"),
    pytest.param("El informe se publicó en febrero de 2025.", None, "febrero de 2025", "2025-02",
                 id="month and year"),
    pytest.param("En 2025 el comercio creció.", None, "2025", "2025", id="year after a preposition"),
    pytest.param("Los resultados llegarán en el primer trimestre.", "2026-01-15", "primer trimestre",
                 "2026-Q1", id="quarter of the publication year"),
    pytest.param("La presidencia rotará en el segundo semestre de 2026.", None, "segundo semestre",
                 "2026-H2", id="half-year with its year"),
    pytest.param("Durante el primer trimestre del próximo año se celebrará la cumbre.", "2026-10-15",
                 "primer trimestre", "2027-Q1", id="a quarter of the next year, the word before 'año'"),
    pytest.param("El plan se presentará a finales de marzo.", "2026-01-15", "finales de marzo", "2026-03",
                 id="end of a month is that month"),
    pytest.param("La reunión será en la segunda quincena de octubre.", "2026-01-15", "segunda quincena de octubre",
                 "2026-10", id="a half of a month is that month"),
    pytest.param("La reunión será en la primera quincena de octubre.", "2026-01-15", "primera quincena de octubre",
                 "2026-10", id="the first half of a month too"),
    pytest.param("Las elecciones serán en la segunda mitad de noviembre.", "2026-10-15", "segunda mitad de noviembre",
                 "2026-11", id="the second half of a month: the month, as a quincena"),
    pytest.param("Los ministros revisaron la agenda bilateral y acordaron:\n\n• Convocar a la próxima reunión del "
                 "Diálogo Estratégico de Alto Nivel en Ottawa, en la segunda quincena de abril;\n• Intercambiar "
                 "información.", "2026-02-17", "quincena de abril", "2026-04",
                 id="a list item's month: not the past tense of the verb above its line"),
    pytest.param("El plan se presentará a principios de 2027.", None, "principios de 2027", "2027",
                 id="beginning of a year is that year"),
    pytest.param("A fin de mes se publicará el informe.", "2026-01-15", "fin de mes", "2026-01",
                 id="end of 'the month' is the month of the report"),
    pytest.param("La reunión será a finales del mes próximo.", "2026-01-15", "finales del mes próximo", "2026-02",
                 id="end of 'the next month'"),
    pytest.param("La siguiente sesión será a principios del próximo año.", "2026-01-15", "principios del próximo año",
                 "2027", id="beginning of 'the next year' is the next year"),
    pytest.param("Habrá elecciones a mediados de año.", "2026-01-15", "mediados de año", "2026",
                 id="middle of 'the year' is the publication year"),
    pytest.param("La reunión será mañana a las 10:00 horas.", "2026-01-15", "10:00", "2026-01-16T10:00",
                 id="time on the day named in the sentence"),
    pytest.param("El foro abrió el 15 de enero de 2026 a las 10:30 hrs. en Lima.", None, "10:30",
                 "2026-01-15T10:30", id="hrs. abbreviation"),
    pytest.param("Hoy, a las cinco de la tarde, hablarán los cancilleres.", "2026-01-15", "cinco",
                 "2026-01-15T17:00", id="time in words, afternoon"),
    pytest.param("El anuncio fue a las 6:30 p. m. del 15 de enero de 2026.", None, "6:30",
                 "2026-01-15T18:30", id="p. m. and the joined day"),
    pytest.param("Hoy se reúnen los cancilleres.", "2026-01-15", "Hoy", "2026-01-15", id="hoy"),
    pytest.param("Ayer se reunieron los cancilleres.", "2026-01-15", "Ayer", "2026-01-14", id="ayer"),
    pytest.param("Anteayer se reunieron los cancilleres.", "2026-01-15", "Anteayer", "2026-01-13",
                 id="anteayer"),
    pytest.param("El canciller viajará mañana a Lima.", "2026-01-15", "mañana", "2026-01-16",
                 id="mañana as tomorrow"),
    pytest.param("La firma será pasado mañana.", "2026-01-15", "pasado mañana", "2026-01-17",
                 id="pasado mañana"),
    pytest.param("El canciller viajó esta mañana a Lima.", "2026-01-15", "esta mañana", "2026-01-15",
                 id="esta mañana is today, not tomorrow"),
    pytest.param("El presidente tiene prevista para la noche una cena con gobernadores.", "2026-01-15",
                 "para la noche", "2026-01-15", id="para la noche is tonight"),
    pytest.param("La cena quedó fijada para la noche del lunes.", "2026-01-15", "la noche del lunes",
                 "2026-01-19", id="para la noche del lunes is that monday, not tonight"),
    pytest.param("El canciller habló con su homólogo este jueves.", "2026-01-17", "este jueves",
                 "2026-01-15", id="este + weekday in a Saturday report, past: two days before"),
    pytest.param("La canciller se reunirá este martes con su homólogo.", "2026-01-12", "este martes",
                 "2026-01-13", id="este + weekday, future: the coming day of the same week"),
    pytest.param("La llamada fue el pasado domingo.", "2026-01-15", "pasado domingo", "2026-01-11",
                 id="el pasado domingo"),
    pytest.param("La reunión anterior tuvo lugar el miércoles 7.", "2026-01-15", "miércoles 7", "2026-01-07",
                 id="weekday and day of the month, no month"),
    pytest.param("El canciller viajará este jueves 29 a Lima.", "2026-01-27", "jueves 29", "2026-01-29",
                 id="este + weekday and day, future"),
    pytest.param("La reunión será el jueves 10:00 horas.", "2026-01-13", "jueves 10:00", "2026-01-15T10:00",
                 id="a weekday before a clock time is a weekday"),
    pytest.param("La canciller se reunió el miércoles 7 a las 10:00 horas con el ministro.", "2026-01-15",
                 "miércoles 7", "2026-01-07", id="a weekday and day, a clock time after it"),
    pytest.param("La reunión del martes 24 al jueves 26 de marzo será en Lima.", "2026-03-12",
                 "martes 24 al jueves 26 de marzo", "2026-03-24", id="a range of days, each with its weekday"),
    pytest.param("Los ministros se reunirán el lunes 2 y el jueves 19 de marzo en Lima.", "2026-03-01",
                 "jueves 19 de marzo", "2026-03-19", id="'y' and a weekday tell another day, no range"),
    pytest.param("El canciller se reunió el pasado 10 con los embajadores.", "2026-03-12", "pasado 10",
                 "2026-03-10", id="'el pasado' and a day of the month, no month: this month's, past"),
    pytest.param("El canciller se reunió el pasado 20 con los embajadores.", "2026-03-12", "pasado 20",
                 "2026-02-20", id="'el pasado' and a day still to come this month: last month's"),
    pytest.param("La cumbre será el próximo 5 en Lima.", "2026-03-12", "próximo 5", "2026-04-05",
                 id="'el próximo' and a day already past this month: next month's"),
    pytest.param("La reunión fue el pasado viernes 13.", "2026-03-01", "viernes 13", "2026-02-13",
                 id="'pasado' keeps a weekday and day in the past, the nearer one being ahead"),
    pytest.param("La reunión empezó a las 10:00 horas del jueves 15.", "2026-01-20", "10:00 horas del jueves",
                 "2026-01-15T10:00", id="a clock time on a weekday and day"),
    pytest.param("La llamada fue el domingo pasado.", "2026-01-15", "domingo pasado", "2026-01-11",
                 id="el domingo pasado"),
    pytest.param("Se reunirán el próximo lunes en Quito.", "2026-01-15", "próximo lunes", "2026-01-19",
                 id="el próximo lunes"),
    pytest.param("El pleno sesionó el martes para votar.", "2026-01-15", "el martes", "2026-01-13",
                 id="bare weekday in a past clause: backwards"),
    pytest.param("El pleno sesionará el martes para votar.", "2026-01-15", "el martes", "2026-01-20",
                 id="bare weekday in a future clause: forwards"),
    pytest.param("La visita será esta semana.", "2026-01-15", "esta semana", "2026-W03", id="esta semana"),
    pytest.param("La visita será la próxima semana.", "2026-01-15", "próxima semana", "2026-W04",
                 id="la próxima semana"),
    pytest.param("La visita fue la semana pasada.", "2026-01-15", "semana pasada", "2026-W02",
                 id="la semana pasada"),
    pytest.param("La reunión fue el mes pasado.", "2026-01-15", "mes pasado", "2025-12",
                 id="el mes pasado across the year boundary"),
    pytest.param("La reunión será el próximo mes.", "2026-12-15", "próximo mes", "2027-01",
                 id="el próximo mes across the year boundary"),
    pytest.param("La cumbre será el año próximo.", "2026-01-15", "año próximo", "2027", id="el año próximo"),
    pytest.param("La cumbre fue el año pasado.", "2026-01-15", "año pasado", "2025", id="el año pasado"),
    pytest.param("La llamada ocurrió hace tres días.", "2026-01-15", "hace tres días", "2026-01-12",
                 id="hace tres días"),
    pytest.param("La comisión sesionará dentro de dos semanas.", "2026-01-15", "dentro de dos semanas",
                 "2026-W05", id="dentro de dos semanas"),
    pytest.param("La cumbre fue el 5 de marzo de 2025. Tres días después, los ministros firmaron.", None,
                 "Tres días después", "2025-03-08", id="offset counted from the previous date"),
    pytest.param("La presidenta habló este jueves con su homólogo y acordaron que sus equipos se reunirán la "
                 "próxima semana. Un día antes, el canciller había conversado con el embajador.", "2025-09-12",
                 "Un día antes", "2025-09-10",
                 id="offset in a past clause: from the last date before that is not to come"),
    pytest.param("La reunión se celebró el 10 de mayo de 2025 en Lima. Dos semanas antes, hubo una "
                 "llamada.", None, "Dos semanas antes", "2025-W17",
                 id="offset backwards, in the unit's granularity (the week of 26 April)"),
    pytest.param("El canciller sostuvo una llamada el lunes 12 de enero de 2026 con su homólogo. La llamada "
                 "tuvo lugar dos días después de que los presidentes hablaran.", None, "dos días después",
                 "2026-01-12", id="event-anchored: the day of the already dated call"),
    pytest.param("El presidente viajará el próximo jueves 18 de noviembre a Washington. Ese mismo jueves se "
                 "reunirá con su homólogo.", "2021-11-16", "Ese mismo jueves", "2021-11-18",
                 id="'ese mismo jueves' is the Thursday named before"),
    pytest.param("El canciller llegó el domingo 22 de febrero a Ginebra. Ese mismo día se reunió con el "
                 "alto comisionado.", "2026-02-24", "Ese mismo día", "2026-02-22",
                 id="'ese mismo día' is the day named before"),
    pytest.param("Los ministros se reunieron ayer en Lima. Los trabajos comenzaron a las 10:00 horas.",
                 "2026-01-22", "10:00", "2026-01-21T10:00", id="a clock time on the day named before"),
    pytest.param("La reunión se celebró hoy. El 22 de abril habrá otra. Al término, a las 17:00 horas, "
                 "hablaron con la prensa.", "2024-03-14", "17:00", "2024-03-14T17:00",
                 id="a past clock time skips a later announced day"),
    pytest.param("La reunión, que estaba programada para este miércoles, se pospuso.", "2026-01-19",
                 "este miércoles", "2026-01-21", id="'programada para este miércoles' is ahead"),
    pytest.param("La reunión, prevista para el 20 de mayo, se pospuso al 3 de junio.", "2026-04-16",
                 "3 de junio", "2026-06-03", id="a postponement's new date is ahead, though the verb is past"),
    pytest.param("Brasil deberá presentar un calendario, según lo pactado en julio.", "2025-10-15", "en julio",
                 "2025-07", id="'lo pactado': a participle made a noun tells what was done, whatever verb it hangs on"),
    pytest.param("Lo previsto para julio se cumplirá.", "2025-10-15", "para julio", "2026-07",
                 id="'lo previsto para': the cue before the date wins"),
    pytest.param("La visita se aplazó hasta el 3 de junio.", "2026-04-16", "3 de junio", "2026-06-03",
                 id="'se aplazó hasta' a new date: ahead"),
    pytest.param("El canciller informó que la próxima reunión será en marzo.", "2026-01-15", "marzo",
                 "2026-03", id="copula 'será en marzo' is future"),
    pytest.param("Los preparativos para el debate general, en septiembre.", "2026-02-24", "septiembre",
                 "2026-09", id="no tense: the next occurrence"),
    pytest.param("El lunes 16 de febrero se reunirá con el presidente. Al día siguiente viajará a Tegucigalpa y el "
                 "miércoles concluirá su gira.", "2026-02-10", "miércoles", "2026-02-18",
                 id="a bare weekday after a day to come in its paragraph: the next one after it"),
    pytest.param("El lunes 16 de febrero se reunirá con el presidente.\n\nEl miércoles viajará a Lima.",
                 "2026-02-10", "miércoles", "2026-02-11", id="a weekday in another paragraph counts from publication"),
    pytest.param("El jueves 19 de febrero se reunirá con el presidente en Santiago. Al día siguiente viajará a Lima "
                 "y el martes concluirá su gira.", "2026-02-16", "el martes", "2026-02-24",
                 id="a weekday going on an itinerary with 'y' moves past the days before it"),
    pytest.param("La gira concluirá el viernes 20 de febrero en Lima. Antes, el miércoles, se reunirá con el "
                 "presidente.", "2026-02-16", "miércoles", "2026-02-18", id="'Antes, el miércoles' stays"),
    pytest.param("El viernes 20 de febrero vence el plazo. La canciller recibirá a las delegaciones entre el "
                 "miércoles y el jueves.", "2026-02-16", "el jueves", "2026-02-19",
                 id="a weekday after 'y' and another weekday follows that one"),
    pytest.param("El 3 de marzo de 2025 se celebró una reunión con Chile. El 10 de marzo de 2025 hubo una reunión con "
                 "Perú. Dos días después de la reunión, firmaron.", "2025-03-20", "Dos días después", "2025-03-12",
                 id="'después de la reunión': the last meeting introduced"),
    pytest.param("El 3 de marzo se celebró la reunión de cancilleres en Lima. El 10 de marzo, en una conferencia sobre "
                 "la reunión, la canciller presentó el informe. Dos días después de la reunión, la delegación firmó.",
                 "2025-03-20", "Dos días después", "2025-03-05",
                 id="'después de la reunión,': a comma is no words of its own to match"),
    pytest.param("El plazo vence el viernes 20 de febrero. El miércoles, la canciller presentará el informe.",
                 "2026-02-16", "miércoles", "2026-02-18", id="a weekday in the week of the day told before stays"),
    pytest.param("El 2 de marzo se reunirá con el presidente. El miércoles concluirá su gira.", "2026-02-10",
                 "miércoles", "2026-02-11", id="a day weeks ahead does not carry a weekday with it"),
    pytest.param("El lunes 16 de febrero se reunirá con el presidente. Este miércoles hablará con la prensa.",
                 "2026-02-10", "miércoles", "2026-02-11", id="'este miércoles' is this week's"),
    pytest.param("El 15 de Septiembre Ana Ruiz encabezará la ceremonia.", "2025-03-08", "15 de Septiembre",
                 "2025-09-15", id="a capitalised month after its day, before a name, is a month"),
    pytest.param("La mesa sesionará cada quince días a partir de abril.", "2025-03-08", "a partir de abril",
                 "2025-04", id="'a partir de' cues a month as 'desde' does"),
    pytest.param("México buscará alcanzar un acuerdo antes de julio.", "2026-01-14", "antes de julio", "2026-07",
                 id="'antes de' cues a month: the boundary it names"),
    pytest.param("La llamada de anoche fue cordial.", "2026-01-15", "anoche", "2026-01-14", id="anoche"),
    pytest.param("El acuerdo se firmó el 5 de enero de este año.", "2026-03-15", "5 de enero", "2026-01-05",
                 id="'de este año'"),
    pytest.param("La cumbre se celebró 10 años después de que, en marzo de 2015, se firmara el tratado.",
                 None, "10 años después", "2025", id="event-anchored on X's date: added, year granularity"),
    pytest.param("La presidenta sostuvo el pasado jueves una llamada con el primer ministro. Tres días "
                 "después de la llamada, el secretario viajará a Ottawa.", "2025-03-08", "Tres días después",
                 "2025-03-09", id="'después de la llamada': the call dated before, plus the offset"),
    pytest.param("El 3 de marzo de 2026 se celebró una reunión con Chile. El 10 de marzo de 2026 hubo una reunión "
                 "con Perú. Dos días después de la reunión con Perú, firmaron.", None, "Dos días después",
                 "2026-03-12", id="'después de la reunión': the last meeting told before"),
    pytest.param("El 3 de marzo se celebró la reunión de cancilleres. El 10 de marzo, la canciller informó sobre la "
                 "reunión. Dos días después de la reunión, firmaron el acta.", "2025-03-20", "Dos días después",
                 "2025-03-05", id="'después de la reunión': the meeting, not a later sentence about it"),
    pytest.param("El 2 de marzo, la canciller anunció una llamada con el presidente para el jueves 6 de marzo. Dos "
                 "días después de la llamada, se reunirán.", "2025-03-03", "Dos días después", "2025-03-08",
                 id="'después de la llamada': the call's own date, not the announcement's"),
    pytest.param("El 4 de marzo de 2025 hubo un encuentro en Lima. Dos semanas antes del encuentro, los "
                 "equipos se reunieron.", None, "Dos semanas antes", "2025-W08",
                 id="'antes del encuentro': the meeting dated before, minus the offset"),
]


@pytest.mark.parametrize(("text", "published", "needle", "expected"), VALUES)
def test_value(timexes, text, published, needle, expected) -> None:
    assert _value_of(timexes, text, published, needle) == expected


NOTHING = [
    pytest.param("México celebrará el próximo 25 aniversario del acuerdo.", id="'el próximo' and an ordinal of a noun"),
    pytest.param("México refrendó su compromiso con la Agenda 2030.", id="year inside a name"),
    pytest.param("La revisión del T-MEC avanza.", id="treaty acronym"),
    pytest.param("La Expo 2025 Osaka recibirá a Guatemala.", id="year inside an event name"),
    pytest.param("Se reunirán próximamente.", id="vague: próximamente"),
    pytest.param("Recientemente hubo cambios y actualmente se negocia.", id="vague: recientemente, actualmente"),
    pytest.param("Hoy en día la cooperación es intensa.", id="hoy en día is vague"),
    pytest.param("Intervino la embajadora Rosa Méndez, después de Abril Castañeda, directora del instituto.",
                 id="a month word opening a name"),
    pytest.param("La sesión será por la mañana.", id="a part of the day alone is no date"),
    pytest.param("El informe del periodo 2019-2020 fue aprobado.", id="a year span in a name"),
    pytest.param("Lectura 2:00 min.", id="reading time is no clock time"),
    pytest.param("El 99.8 por ciento de los mexicanos vive en el país.", id="percentages"),
    pytest.param("Los jueves y viernes visita los estados.", id="habitual weekdays without determiner"),
    pytest.param("Los jueves 12 veces al año se reúne el consejo.", id="a weekday and a number, no determiner"),
    pytest.param("Será la primera cumbre en cinco años.", id="'en cinco años' is a span of time, not a date"),
]


@pytest.mark.parametrize("text", NOTHING)
def test_not_a_date(timexes, text) -> None:
    assert _found(timexes, text, "2026-01-15") == []


def test_header_like_line_inside_text_is_not_special(timexes) -> None:
    found = _found(timexes, "Informe anual.\nEl canciller viajó en 2024 a Chile.", None)
    assert found == [("2024", "2024")]


@pytest.mark.parametrize(("text", "expected_type"), [
    pytest.param("La visita duró durante tres días.", "DURATION", id="durante tres días"),
    pytest.param("Es la segunda llamada en menos de una semana.", "DURATION", id="en menos de una semana"),
    pytest.param("La reunión se celebra cada año.", "SET", id="cada año"),
])
def test_durations_and_sets_are_typed(timexes, text, expected_type) -> None:
    assert [t.type for t in timexes(text, "2026-01-15")] == [expected_type]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("El programa durará seis meses.", [("seis meses", "DURATION", "P6M")],
                 id="a duration after 'durar': the time, not the verb"),
    pytest.param("La reunión duró tres horas.", [("tres horas", "DURATION", "PT3H")], id="hours"),
    pytest.param("Se reunirán cada dos semanas.", [("cada dos semanas", "SET", "P2W")], id="every N units"),
    pytest.param("La comisión sesionará cada año.", [("cada año", "SET", "P1Y")], id="every unit"),
])
def test_duration_and_set_values(timexes, text, expected) -> None:
    assert [(t.text, t.type, t.value) for t in timexes(text, "2026-01-15")] == expected


@pytest.mark.parametrize("text", [
    pytest.param("Ayer se reunieron los cancilleres.", id="ayer"),
    pytest.param("La visita será la próxima semana.", id="la próxima semana"),
    pytest.param("El pleno sesionó el martes.", id="weekday"),
    pytest.param("La reunión será el 15 de enero.", id="day-month without year"),
    pytest.param("La llamada ocurrió hace tres días.", id="offset"),
])
def test_without_publication_date_relative_values_stay_null(timexes, text) -> None:
    [timex] = timexes(text, None)
    assert (timex.value, timex.anchor, timex.date_start) == (None, "none", None)


def test_records_point_into_the_text_in_document_order(timexes) -> None:
    text = "El 3 de marzo de 2026 hubo reunión; ayer, llamada; el próximo lunes, visita."
    found = timexes(text, "2026-03-10")
    assert [t.timex_id for t in found] == list(range(len(found)))
    assert all(text[t.start:t.end] == t.text for t in found)
    assert [t.start for t in found] == sorted(t.start for t in found)


def test_range_gives_its_last_day_as_well(timexes) -> None:
    found = timexes("Las celebraciones del 15 y 16 de septiembre serán seguras.", "2025-09-11")
    assert [(t.text, t.value, t.date_end) for t in found] == [
        ("del 15 y 16 de septiembre", "2025-09-15", dt.date(2025, 9, 16)),
        ("16 de septiembre", "2025-09-16", dt.date(2025, 9, 16))]


def test_event_anchored_offset_gives_the_other_event_date(timexes) -> None:
    text = ("El canciller sostuvo una llamada el lunes 12 de enero de 2026 con su homólogo. La llamada "
            "tuvo lugar dos días después de que los presidentes hablaran por teléfono.")
    [offset] = [t for t in timexes(text, None) if "después" in t.text]
    assert (offset.value, offset.anchor, offset.other_value) == ("2026-01-12", "event", "2026-01-10")
    assert text[offset.other_start:offset.other_end].strip() == "los presidentes hablaran por teléfono"


def test_offset_from_a_named_event_takes_that_event_alone_as_the_other(timexes) -> None:
    text = ("El canciller sostuvo una llamada el lunes 12 de enero de 2026 con su homólogo. Tres días "
            "después de la llamada, el secretario viajará a Ottawa.")
    [offset] = [t for t in timexes(text, "2026-01-14") if "después" in t.text]
    assert (offset.value, offset.other_value) == ("2026-01-15", "2026-01-12")
    assert text[offset.other_start:offset.other_end].strip() == "la llamada"


def test_granularity_and_bounds(timexes) -> None:
    [month] = timexes("El informe se publicó en febrero de 2024.", None)
    assert (month.granularity, month.date_start, month.date_end) == ("month", dt.date(2024, 2, 1),
                                                                      dt.date(2024, 2, 29))


def test_teaser_lines_of_other_articles_are_skipped(timexes) -> None:
    text = ("El canciller viajó ayer a Lima.\n\nMás contenido relacionado\n\n"
            "Guatemala, 3 de febrero de 2022. El embajador presentó... Leer más...\n")
    assert _found(timexes, text, "2026-01-15") == [("ayer", "2026-01-14")]


def test_a_line_opening_with_a_teaser_marker_is_skipped(timexes) -> None:
    text = ("El canciller viajó ayer a Lima.\n\nLee también: La ministra viajará el 3 de febrero a Quito\n\n"
            "El viaje duró dos días.\n")
    assert _found(timexes, text, "2026-01-15") == [("ayer", "2026-01-14")]
