"""DocTokens helpers of pipeline.commitment_doc checked against the offsets spaCy gives."""

from __future__ import annotations

import bisect

import pytest
from spacy.lang.es import Spanish

from pipeline.commitment_doc import DocTokens

TEXT = " La canciller  Bárcena\n\nacordó, con EE.UU., ampliar el programa."


def _reference(doc, start: int, end: int) -> list[int]:
    """The tokens overlapping [start, end) by bisecting every token's start and end offsets."""
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t.text) for t in doc]
    return list(range(bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)))


@pytest.mark.parametrize("text", [
    pytest.param(TEXT, id="double spaces, line breaks and punctuation"),
    pytest.param("", id="an empty document"),
])
def test_overlapping_tokens_match_the_offsets(text):
    doc = Spanish()(text)
    tokens = DocTokens(doc)
    # every pair of offsets, the text's ends and beyond included: starts inside a token, on
    # its first character, in the white space after it, before the first token
    for start in range(-1, len(text) + 2):
        for end in range(start, len(text) + 2):
            assert list(tokens.overlapping(start, end)) == _reference(doc, start, end), (start, end)


@pytest.mark.parametrize("heads, deps, expected", [
    pytest.param([1, 1, 3, 1, 5, 3], ["nsubj", "ROOT", "cc", "conj", "obj", "conj"], [1, 3],
                 id="a conjunct of the root counts, a conjunct of a conjunct does not"),
    pytest.param([1, 1, 1, 4, 4], ["nsubj", "ROOT", "punct", "nsubj", "ROOT"], [1, 4],
                 id="two sentences, two roots"),
    pytest.param([3, 0, 3, 3], ["conj", "conj", "aux", "ROOT"], [0, 3],
                 id="a conjunct before its root comes first; a conjunct of it does not count"),
])
def test_main_verbs_are_roots_and_their_conjuncts(heads, deps, expected):
    from spacy.tokens import Doc
    doc = Doc(Spanish().vocab, words=[f"w{i}" for i in range(len(heads))], heads=heads, deps=deps)
    assert DocTokens(doc).main_verbs() == expected
