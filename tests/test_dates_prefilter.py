"""The quick test before each date pattern: what a match cannot lack, and that it changes nothing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.dates_patterns import default_recognizer
from pipeline.dates_prefilter import alternation, analyse, clauses, prefix_tree


@pytest.mark.parametrize(("regex", "expected"), [
    pytest.param(r"hoy|ayer", [{"hoy", "ayer"}], id="an alternation needs one of its branches"),
    pytest.param(r"(?:el\s+)?jueves", [{"jueves"}], id="an optional part gives nothing"),
    pytest.param(r"a\s+las\s+(?P<h>\d)", [{r"\d"}, {"las"}, {"a"}], id="mandatory parts, a digit class"),
    pytest.param(r"d[ií]a", [{"d"}, {"a"}], id="a character class splits a word"),
    pytest.param(r"(?:x|\s)+ayer", [{"ayer"}], id="a branch without a clause gives nothing"),
    pytest.param(r"(?i:hoy)", [], id="a case-insensitive group gives nothing"),
    pytest.param(r"mañana(?!\s+de)", [{"mañana"}], id="a look-ahead gives nothing"),
])
def test_clauses(regex, expected) -> None:
    found = [{re.sub(r"\\(.)", r"\1", s) if s != r"\d" else s for s in c} for c in clauses(re.compile(regex))]
    assert sorted(found, key=sorted) == sorted(expected, key=sorted)


@pytest.mark.parametrize(("regex", "first"), [
    pytest.param(r"(?<!\w)(?:hoy|ayer)(?!\w)", "[ah]", id="a look-behind is skipped; each branch's first letter"),
    pytest.param(r"(?:el\s+)?\d+", r"[\de]", id="an optional part adds to what follows it"),
    pytest.param(r"[0-3]?\d/\d", r"[0-3\d]", id="classes"),
    pytest.param(r"(?i:hoy)", None, id="a case-insensitive group: not certain"),
    pytest.param(r"(?:hoy)?", None, id="a match may be empty"),
    pytest.param(r".hoy", None, id="any character"),
])
def test_first_class_and_clauses_from_one_parse(regex, first) -> None:
    shape = analyse(regex)
    assert shape.first == first
    assert shape.clauses == clauses(re.compile(regex))
    if first is not None:  # behind the look-ahead, the same matches
        text = "ayer 12/3 y hoy, el 4 Hoy xhoy"
        skipping = re.compile(f"(?={first})(?:{regex})")
        assert [m.span() for m in skipping.finditer(text)] == [m.span() for m in re.finditer(regex, text)]


def test_a_bad_expression_raises_as_re_compile_does() -> None:
    with pytest.raises(re.error, match="unterminated subpattern"):
        analyse("(?P<d>")


TEXTS = [
    "El jueves 15 de enero de 2026, a las 10:30 horas, los cancilleres se reunieron en Lima.",
    "Hace tres días hubo llamada; dentro de dos semanas habrá cumbre, a principios de marzo.",
    "Ayer, en el primer trimestre, 16 armas; la semana pasada, del 3 al 5 de mayo, cada año.",
    "Al día siguiente de su triunfo, esta mañana, al mediodía, el pasado domingo, en 2025 y 2026.",
    "Sin fechas aquí: solo el número 12 y la Agenda 2030.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_candidates_as_running_every_pattern(text, monkeypatch) -> None:
    recognizer = default_recognizer()

    def key(cands):
        return [(c.start, c.end, c.name, c.groups, c.spans) for c in cands]

    quick = key(recognizer.find(text))
    monkeypatch.setattr(recognizer.prefilter, "admitted", lambda window: range(len(recognizer.patterns)))
    assert quick == key(recognizer.find(text))


@given(st.lists(st.text(alphabet="ab.", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="ab. ", max_size=8))
def test_a_prefix_tree_matches_what_the_alternation_matches(words: list[str], text: str) -> None:
    """The trigger's prefix trees must find the same words as the patterns' alternations."""
    tree, plain = re.match(f"(?:{prefix_tree(words)})", text), re.match(f"(?:{alternation(words)})", text)
    assert (tree and tree.group()) == (plain and plain.group())
