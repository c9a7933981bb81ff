"""The dates stage on expressions that lean on the report's frame or coordinate several dates.

Tables of (text, publication date, expected expressions with values); every row says why.
Sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.config import Settings
from pipeline.dates_frame import embedded_posts, lead_sentence
from pipeline.dates_patterns import default_recognizer
from pipeline.nlp import load_nlp


@pytest.fixture(scope="module")
def found():
    nlp = load_nlp(Settings(stages=("sre_dates",)))

    def _run(text: str, published: str | None = None) -> list[tuple[str, str | None]]:
        doc = nlp.make_doc(text)
        doc._.doc_id = "test"
        doc._.published = dt.date.fromisoformat(published) if published else None
        return [(t.text, t.value) for t in nlp(doc)._.timexes if t.type in ("DATE", "TIME")]

    return _run


CASES = [
    # (text, publication date, expected (text, value) pairs in document order)
    pytest.param("El comercio bilateral creció en 2025 y 2026.", None,
                 [("2025 y 2026", "2025"), ("2026", "2026")],
                 id="two coordinated years: the pair takes the first, the last is its own expression"),
    pytest.param("Entre 2019 y 2021 se celebraron tres cumbres.", "2026-01-15",
                 [("2019 y 2021", "2019"), ("2021", "2021")],
                 id="'entre 2019 y 2021': a span of years, both ends found"),
    pytest.param("Los planes para 2027, 2028 y 2029 se revisarán.", "2026-01-15",
                 [("2027, 2028 y 2029", "2027"), ("2029", "2029")],
                 id="a list of years: first and last"),
    pytest.param("En el primer día de su gira por Asia, la canciller firmó dos acuerdos.", "2026-01-15",
                 [("primer día de su gira", None)],
                 id="the first day of a visit is a day, but which one the text does not say"),
    pytest.param("Durante la segunda jornada de la cumbre se aprobó la declaración.", "2026-01-15",
                 [("segunda jornada de la cumbre", None)],
                 id="'jornada' counts the days of an event too"),
    pytest.param("Lima, 5 de marzo de 2026 (EFE).- Al día siguiente de su llegada, la canciller se reunió "
                 "con su homólogo.", None,
                 [("5 de marzo de 2026", "2026-03-05"), ("Al día siguiente", "2026-03-05")],
                 id="the dateline dates the news of the sentence it opens: the meeting, the day after X"),
    pytest.param("Quito, 3 de mayo de 2025.- El presidente llamó a su homólogo dos días después de que "
                 "este ganara las elecciones.", None,
                 [("3 de mayo de 2025", "2025-05-03"), ("dos días después", "2025-05-03")],
                 id="the lead offset with an undated X, written after the verb"),
    pytest.param("Al día siguiente de su triunfo, el presidente electo llamó a su homólogo.", "2026-01-15",
                 [("Al día siguiente", None)],
                 id="no dateline: an offset from an undated event stays unresolved, never the publication"),
    pytest.param("La canciller viajó a Lima.\nHoy sostuvimos una reunión de trabajo con la red consular.\n"
                 "— Cancillería (@Cancilleria) March 3, 2026\nLa reunión se repetirá.", "2026-03-04",
                 [("Hoy", "2026-03-03"), ("March 3, 2026", "2026-03-03")],
                 id="'hoy' in a copied post is the post's day (its signature follows the text)"),
    pytest.param("— Cancillería (@Cancilleria) March 3, 2026\nEsta mañana, la canciller encabezó la "
                 "reunión consular. pic.twitter.com/AbC123\nHoy la canciller viajó a Lima.", "2026-03-04",
                 [("March 3, 2026", "2026-03-03"), ("Esta mañana", "2026-03-03"), ("Hoy", "2026-03-04")],
                 id="the line with the post's picture link is the post; the next line is the article"),
    pytest.param("Hoy la canciller habló con la prensa.\n— Lima, 3 de marzo de 2026", "2026-03-04",
                 [("Hoy", "2026-03-04"), ("3 de marzo de 2026", "2026-03-03")],
                 id="a dash line without an @handle is no post signature"),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_expressions(found, text, published, expected) -> None:
    assert found(text, published) == expected


def test_coordinated_years_span_to_the_last() -> None:
    nlp = load_nlp(Settings(stages=("sre_dates",)))
    doc = nlp.make_doc("Las metas valen para 2025 y 2026.")
    doc._.doc_id = "test"
    doc._.published = None
    first = nlp(doc)._.timexes[0]
    assert (first.date_start, first.date_end) == (dt.date(2025, 1, 1), dt.date(2026, 12, 31))


@pytest.mark.parametrize(("text", "lead"), [
    pytest.param("Lima, 5 de marzo de 2026 (EFE).- La canciller llegó. Luego habló.", "La canciller llegó",
                 id="agency mark and '.-' before the lead"),
    pytest.param("Cd. de México (02 julio 2018).- Al día siguiente hubo llamada.\nOtro párrafo.",
                 "Al día siguiente hubo llamada", id="date in brackets"),
    pytest.param("La canciller llegó a Lima el 5 de marzo de 2026.", None, id="no dateline"),
])
def test_lead_sentence(text, lead) -> None:
    found = lead_sentence(text)
    assert (text[found[1][0]:found[1][1]] if found else None) == lead


def test_embedded_post_regions() -> None:
    text = "Texto del artículo.\nTexto del post.\n— Autor (@autor) March 3, 2026\nSigue el artículo."
    [(start, end, date)] = embedded_posts(text, default_recognizer().find(text))
    assert text[start:end] == "Texto del post.\n— Autor (@autor) March 3, 2026"
    assert text[date.start:date.end] == "March 3, 2026"


_BODY = "La canciller se reunió ayer con su homólogo en Lima.\n\n"
_TEASERS = ("Gobierno federal presenta su plan hídrico para el norte del país\n\nEl plan se anunció hoy en "
            "Monterrey.\n\nCongreso aprueba la reforma judicial en lo general tras largo debate\n\nLa votación "
            "terminó el martes.\n\nSelección nacional vence a Canadá en partido amistoso de preparación\n\n"
            "El partido fue el 3 de marzo.\n\nAnuncio\n")


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(_BODY + _TEASERS, ["ayer"],
                 id="three headlines with a summary each close the page: other articles, skipped"),
    pytest.param(_BODY + _TEASERS.rsplit("Selección", 1)[0], ["ayer", "hoy", "el martes"],
                 id="two such pairs may be the report's own sections: kept"),
    pytest.param(_TEASERS, ["hoy", "el martes", "3 de marzo"],
                 id="nothing before the headlines: they are the text itself"),
    pytest.param(_BODY + "Seguridad\n\nEl plan se presentó hoy.\n\nMigración\n\nSe revisará el martes.\n\n"
                 "Comercio\n\nEl acuerdo vence el 3 de marzo.\n", ["ayer", "hoy", "el martes", "3 de marzo"],
                 id="short section titles are no headlines: the report's sections are kept"),
])
def test_closing_list_of_other_articles(text, expected) -> None:
    assert [text[c.start:c.end] for c in default_recognizer().find(text)] == expected
