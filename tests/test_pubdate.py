"""Publication date: header, metadata, dateline, URL, plain text date; never today's date."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.pubdate import (_DATELINE_BEFORE, DATELINE_OFFSET, _dates, _place, dateline_span,
                              find_publication_date, header_month, may_hold_dateline, parse_header,
                              parse_metadata)

D = dt.date


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("2026-01-15", D(2026, 1, 15), id="full date"),
    pytest.param("2021-11", None, id="month only is not a full date"),
    pytest.param("2026-13-45", None, id="impossible date"),
    pytest.param("ayer", None, id="not a date"),
    pytest.param("9999-12-31", None, id="a placeholder far in the future: 'mañana' overflowed from it"),
    pytest.param("0001-01-01", None, id="a placeholder at year one"),
])
def test_parse_header(value, expected) -> None:
    assert parse_header(value, "x.txt") == expected


def test_impossible_header_is_warned(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="pipeline.pubdate"):
        parse_header("2026-13-45", "x.txt")
    assert "impossible" in caplog.text


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("2021-11", (2021, 11), id="month header"),
    pytest.param("2021-13", None, id="no month 13"),
    pytest.param("2021-11-05", None, id="a full date is not a month header"),
])
def test_header_month(value, expected) -> None:
    assert header_month(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("2026-01-15", D(2026, 1, 15), id="ISO string"),
    pytest.param(dt.datetime(2026, 1, 15, 10, 0), D(2026, 1, 15), id="datetime"),
    pytest.param("", None, id="empty"),
    pytest.param("15 de enero", None, id="not ISO"),
    pytest.param("9999-12-31", None, id="outside the years a publication date may have"),
    pytest.param(dt.date(1, 1, 1), None, id="a date object outside those years"),
])
def test_parse_metadata(value, expected) -> None:
    assert parse_metadata(value) == expected


CASES = [
    # (text, url, month-only header, expected date, expected source)
    pytest.param("Ciudad de México, 15 de enero de 2026. La cancillería informó.", None, None,
                 D(2026, 1, 15), "dateline", id="dateline"),
    pytest.param("Título de la nota\n\nLima, 3 de marzo de 2025. El ministro habló.", None, None,
                 D(2025, 3, 3), "dateline", id="dateline after a title line"),
    pytest.param("Redacción\nCd. de México (02 julio 2018).- El presidente habló.", None, None,
                 D(2018, 7, 2), "dateline", id="dateline in parentheses without 'de'"),
    pytest.param("Ciudad de México, a 26 de septiembre de 2024. La delegación asistió.", None, None,
                 D(2024, 9, 26), "dateline", id="dateline with 'a'"),
    pytest.param("CIUDAD DE MÉXICO, noviembre 24 (AGENCIA).- El canciller habló.", None, "2022-11",
                 D(2022, 11, 24), "dateline", id="month-day dateline takes the year of a month header"),
    pytest.param("CIUDAD DE MÉXICO, noviembre 24 (AGENCIA).- El canciller habló.", None, "2022-10",
                 None, "none", id="a header of another month lends no year"),
    pytest.param("Ciudad de México, 6 may (AGENCIA).- En este 2024 habrá elecciones.", None, None,
                 D(2024, 5, 6), "dateline", id="dateline without year: 'este 2024' gives the year"),
    pytest.param("Ciudad de México, 6 may (AGENCIA).- La canciller viajó.", None, None,
                 None, "none", id="dateline without any year is not used"),
    pytest.param("Texto sin fecha.", "https://example.org/2021/07/21/nota", None,
                 D(2021, 7, 21), "url", id="date in the URL"),
    pytest.param("Portal\nTítulo de la nota\n13 Septiembre 2025, 09:14\n\nEl canciller se reunió.", None,
                 None, D(2025, 9, 13), "text", id="a line that is only a date and time"),
    pytest.param("Autor | Diario\n  · jueves 9 de agosto de 2018\n\nEl presidente electo habló.", None,
                 None, D(2018, 8, 9), "text", id="bulleted date line with weekday"),
    pytest.param("La presidenta habló este miércoles 18 de junio de 2025 en Palacio.", None, None,
                 D(2025, 6, 18), "text", id="'este' + full date is the report's day"),
    pytest.param("La presidenta habló. Lima, 3 de marzo de 2025 fue sede.", None, None,
                 None, "none", id="a sentence before a date is no dateline"),
    pytest.param("En la conferencia de este 18 de octubre, el presidente habló.", None, "2022-10",
                 D(2022, 10, 18), "text", id="'este 18 de octubre' with a month header"),
    pytest.param("El tratado se firmó el 3 de abril de 1998 en Lima y sigue vigente hasta hoy.", None, None,
                 None, "none", id="a date inside a sentence is not the report's date"),
    pytest.param("La reunión fue ayer, informó la cancillería.", None, None, None, "none",
                 id="nothing: never today's date"),
]


@pytest.mark.parametrize(("text", "url", "header", "expected", "source"), CASES)
def test_find_publication_date(text, url, header, expected, source) -> None:
    assert find_publication_date(text, url, header) == (expected, source)


def test_dateline_comes_before_url() -> None:
    text = "Lima, 3 de marzo de 2025. El ministro habló."
    assert find_publication_date(text, "https://example.org/2024/01/01/x") == (D(2025, 3, 3), "dateline")


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Ciudad de México, 15 de enero de 2026. El canciller ...", "15 de enero de 2026",
                 id="first-line"),
    pytest.param("Título de la nota\n\nLima, 3 de marzo de 2026.- La ministra ...", "3 de marzo de 2026",
                 id="after-a-title-line"),
    pytest.param("MONTERREY, marzo 4 (Agencia).- El gobernador ...", "marzo 4", id="month-first-no-year"),
    pytest.param("El canciller viajó a Lima el 3 de marzo de 2026.", None, id="a-date-in-a-sentence"),
    pytest.param("Uno\nDos\nTres\nCuatro\nLima, 3 de marzo de 2026. Texto", None, id="too-far-down"),
    pytest.param("de la, 3 de marzo de 2026. Texto", None, id="no-place-word-before-the-date"),
])
def test_dateline_span(text, expected) -> None:
    span = dateline_span(text)
    assert (text[span[0]:span[1]] if span else None) == expected


@pytest.mark.parametrize(("line", "expected"), [
    pytest.param("Ciudad de México, 15 de enero de 2026.", True, id="a place and a comma"),
    pytest.param("- Ciudad de México, a primero de marzo", True, id="a bullet mark first, a day in words"),
    pytest.param("MONTERREY, marzo 4 (Agencia).- El gobernador", True, id="capitals"),
    pytest.param("El canciller viajó a Lima el 3 de marzo, dijo.", False, id="a lower-case word before the mark"),
    pytest.param("Lima 3 de marzo de 2026 sin signo alguno", False, id="no mark at all"),
    pytest.param("Lima" + " Lima" * 30 + ", 3 de marzo", False, id="the first mark too far in"),
])
def test_may_hold_dateline(line, expected) -> None:
    assert may_hold_dateline(line) is expected


_WORDS = ["Ciudad", "de", "México", "Lima", "el", "canciller", "a", "Agencia)", "15", "", "LIMA"]
_MARKS = [",", ".", "-", "(", "—", ".-", " ", ""]
_DAYS = ["15 de marzo de 2026", "primero de enero", "marzo 4", "3 de marzo", "el 3 de marzo"]


@given(st.lists(st.sampled_from(_WORDS), max_size=8), st.sampled_from(_MARKS), st.sampled_from(_MARKS),
       st.sampled_from(_DAYS), st.sampled_from(["", ". El canciller dijo", " (Agencia).- Texto"]))
@settings(max_examples=300, deadline=None)
def test_may_hold_dateline_admits_every_dateline(words, mark, other, day, rest) -> None:
    """The pre-check never turns away a line whose date passes the dateline's own tests."""
    line = " ".join(words) + mark + " " + other + " " + day + rest
    for cand in _dates(line):
        before = line[:cand.start]
        if cand.start <= DATELINE_OFFSET and _place(before) and _DATELINE_BEFORE.search(before):
            assert may_hold_dateline(line)
