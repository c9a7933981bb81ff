"""Where the items of a colon list are (pipeline.textlists)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.textlists import is_bulleted, line_bounds, list_intro, list_items


def _texts(text: str, looks_like_item=lambda s, e: False) -> list[tuple[str, str | None]]:
    items, _ = list_items(text, text.index(":"), looks_like_item)
    return [(text[i.start:i.end], i.title) for i in items]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Acordaron: fortalecer X; detener Y.", [("fortalecer X", None), ("detener Y", None)],
                 id="items on the colon's line, split at ';'"),
    pytest.param("Acordaron: fortalecer X.", [], id="one clause after the colon is no list"),
    pytest.param("Acordaron:\n- Fortalecer X.\n- Detener Y.\n", [("Fortalecer X", None), ("Detener Y", None)],
                 id="bulleted lines"),
    pytest.param("Acordaron:\n1. Fortalecer X;\n2) Detener Y;\n", [("Fortalecer X", None), ("Detener Y", None)],
                 id="numbered lines, trailing ';' left out"),
    pytest.param("Acordaron:\n- Seguridad: detener Y.\n", [("detener Y", "Seguridad")],
                 id="a short title before the item's own colon"),
    pytest.param("Acordaron:\n- Fortalecer X.\n\nEl canciller viajó.\n", [("Fortalecer X", None)],
                 id="an unbulleted line that is no item ends the list"),
    pytest.param("Participaron:\n- Ana Ruiz, directora general.\n- y Luis Vera, director.\n",
                 [("Ana Ruiz, directora general", None), ("Luis Vera, director", None)],
                 id="a leading 'y' is no part of the item"),
    pytest.param("Acordaron: 1) fortalecer X; 2) detener Y; y 3) celebrar Z.",
                 [("fortalecer X", None), ("detener Y", None), ("celebrar Z", None)],
                 id="a numbered run-in list: 'y' before the last number"),
    pytest.param("Acordaron: (i) fortalecer X; (ii) detener Y; y (iii) celebrar Z.",
                 [("fortalecer X", None), ("detener Y", None), ("celebrar Z", None)],
                 id="a run-in list numbered in Roman numerals"),
    pytest.param("Acordaron:\na) Fortalecer X;\nb) Detener Y, y\nc) Reunirse en Lima.\n",
                 [("Fortalecer X", None), ("Detener Y", None), ("Reunirse en Lima", None)],
                 id="', y' ending the item before the last is no part of it"),
    pytest.param("Acordaron:\n- Visitar Paraguay.\n- Reunirse hoy\n",
                 [("Visitar Paraguay", None), ("Reunirse hoy", None)], id="a word ending in 'y' is kept"),
])
def test_items(text, expected):
    assert _texts(text) == expected


def test_plain_lines_are_items_while_the_caller_says_so():
    text = "Acordaron:\nFortalecer X.\nDetener Y.\nEl canciller viajó.\n"
    looks = lambda s, e: text[s:e].split()[0] in ("Fortalecer", "Detener")  # noqa: E731
    assert _texts(text, looks) == [("Fortalecer X", None), ("Detener Y", None)]


def test_a_line_too_long_is_prose():
    text = "Acordaron:\n- " + "palabra " * 60 + "\n"
    assert _texts(text) == []


def test_block_end_is_the_end_of_the_last_item_line():
    text = "Acordaron:\n- Fortalecer X.\n- Detener Y.\nEl canciller viajó."
    _, end = list_items(text, text.index(":"), lambda s, e: False)
    assert text[:end].endswith("Detener Y.")


@given(st.lists(st.text(alphabet="abcdef XY", min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=6))
def test_items_point_inside_the_text_in_order(lines):
    text = "Acordaron:\n" + "".join(f"- {line}\n" for line in lines)
    items, end = list_items(text, text.index(":"), lambda s, e: False)
    assert all(text.index(":") < i.start < i.end <= end for i in items)
    assert [i.start for i in items] == sorted(i.start for i in items)
    assert all(text[i.start:i.end] == text[i.start:i.end].strip() for i in items)


@pytest.mark.parametrize("line, expected", [
    pytest.param("• Celebrar la reunión.", True, id="a bullet"),
    pytest.param("2) Explorar la firma.", True, id="a number"),
    pytest.param("iv) Explorar la firma.", True, id="a Roman numeral"),
    pytest.param("II) Explorar la firma.", True, id="a Roman numeral in capitals"),
    pytest.param("Vi la firma.", False, id="a word of Roman letters with no parenthesis"),
    pytest.param("III. Ambas cancillerías se comprometen.", True, id="a Roman numeral in capitals and a period"),
    pytest.param("VI.Siguiente", False, id="a Roman numeral and a period, no space after"),
    pytest.param("El canciller viajó.", False, id="prose"),
    pytest.param("", False, id="an empty line"),
])
def test_is_bulleted(line, expected):
    assert is_bulleted(line) is expected


@pytest.mark.parametrize("text, start, end, expected", [
    pytest.param("uno\ndos tres\ncuatro", 5, None, "dos tres", id="the line holding an offset"),
    pytest.param("uno\ndos tres\ncuatro", 1, 6, "uno\ndos tres", id="the lines holding a span"),
    pytest.param("solo", 2, None, "solo", id="a text of one line"),
])
def test_line_bounds(text, start, end, expected):
    s, e = line_bounds(text, start, end)
    assert text[s:e] == expected


@pytest.mark.parametrize("text, item, expected", [
    pytest.param("La agenda incluye:\n- una reunión;\n- un recorrido.", "un recorrido", "La agenda incluye:",
                 id="back over the items before"),
    pytest.param("La agenda incluye:\n\n- una reunión;", "una reunión", "La agenda incluye:",
                 id="past a blank line"),
    pytest.param("Se revisó la agenda.\n- una reunión;", "una reunión", None, id="a line with no colon opens no list"),
    pytest.param("La agenda incluye:\nuna reunión;", "una reunión", None, id="no bullet: no item"),
])
def test_list_intro(text, item, expected):
    found = list_intro(text, text.index(item))
    assert (text[found[0]:found[1]] if found else None) == expected
