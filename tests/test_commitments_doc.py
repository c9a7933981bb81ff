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
