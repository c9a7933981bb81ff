"""Text comparison forms: accents, folding, content words and their overlap."""

from __future__ import annotations

import pytest

from pipeline.textnorm import content_words, fold, jaccard, strip_accents


@pytest.mark.parametrize("text, expected", [
    pytest.param("Relación Exterior", "Relacion Exterior", id="accents go, case stays"),
    pytest.param("pingüino, Ñandú", "pinguino, Nandu", id="diaeresis and tilde; punctuation stays"),
])
def test_strip_accents(text, expected):
    assert strip_accents(text) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("Juan Ramón de la Fuente", "juan ramon de la fuente", id="accents and case"),
    pytest.param("  Washington,  D.C. ", "washington d c", id="punctuation and spaces"),
    pytest.param("T-MEC", "t mec", id="a hyphen is a word break"),
    pytest.param("@SRE_mx", "@sre_mx", id="a handle keeps its @"),
    pytest.param(None, "", id="nothing"),
])
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("Ampliar el programa de becas", {"ampliar", "programa", "becas"}, id="short words dropped"),
    pytest.param("crear un comité", {"crear", "comite"}, id="accent-free"),
    pytest.param("", set(), id="empty"),
])
def test_content_words(text, expected):
    assert content_words(text) == expected


@pytest.mark.parametrize("a, b, expected", [
    pytest.param({"a", "b"}, {"a", "b"}, 1.0, id="same"),
    pytest.param({"a", "b"}, {"b", "c"}, 1 / 3, id="one of three shared"),
    pytest.param(set(), set(), 0.0, id="two empty sets share nothing"),
])
def test_jaccard(a, b, expected):
    assert jaccard(a, b) == pytest.approx(expected)
