"""Index walks of pipeline.commitment_syntax checked against a Token-based reference."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from pipeline.commitment_syntax import _OFF_CORE, _core, oblique_preposition
from pipeline.docparse import view


def _reference(token: Token) -> list[int]:
    """The phrase core as Token.children gives it: descendants not below an off-core label."""
    out, stack = [token], [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in _OFF_CORE:
                out.append(child)
                stack.append(child)
    return sorted(t.i for t in out)


@pytest.mark.parametrize("heads, deps", [
    pytest.param([1, 1, 1, 4, 2, 4], ["det", "nsubj", "amod", "case", "nmod", "acl"],
                 id="an acl under a kept nmod is cut with its subtree"),
    pytest.param([2, 0, 2, 2, 3, 4], ["det", "obl", "ROOT", "nmod", "flat", "flat"],
                 id="an obl child is cut, its own children with it"),
    pytest.param([3, 3, 0, 3], ["nmod", "det", "acl:relcl", "ROOT"],
                 id="non-projective: the core is sorted by index"),
])
def test_core_is_the_token_walk(heads, deps):
    doc = Doc(Vocab(), words=[f"w{i}" for i in range(len(heads))], heads=heads, deps=deps)
    parse = view(doc)
    for t in doc:
        assert _core(t.i, parse.children, parse.dep) == _reference(t)


@pytest.mark.parametrize("words, pos, expected", [
    pytest.param("propuesta por el mandatario uruguayo , Luis Gil", "VERB ADP DET NOUN ADJ PUNCT PROPN PROPN",
                 1, id="a name after a title inside 'por ...': that 'por'"),
    pytest.param("la alta representante para Asuntos Exteriores , Eva Sol",
                 "DET ADJ NOUN ADP PROPN PROPN PUNCT PROPN PROPN", None,
                 id="'para' before a capitalised portfolio is part of the title"),
    pytest.param("encabezada por la secretaria para Asuntos Exteriores , Eva Sol",
                 "ADJ ADP DET NOUN ADP PROPN PROPN PUNCT PROPN PROPN", 1,
                 id="the 'por' before a title with a portfolio"),
])
def test_oblique_preposition(words, pos, expected):
    doc = Doc(spacy.blank("es").vocab, words=words.split(), pos=pos.split())
    assert oblique_preposition(doc[len(doc) - 2]) == expected
