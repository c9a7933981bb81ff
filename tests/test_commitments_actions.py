"""Index helpers of pipeline.commitment_actions checked against spaCy's own Token readers."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.commitment_actions import _subtree_range
from pipeline.docparse import view


def _doc(heads: list[int]) -> Doc:
    words = [f"w{i}" for i in range(len(heads))]
    return Doc(Vocab(), words=words, heads=heads, deps=["dep"] * len(heads))


@pytest.mark.parametrize("heads, root, lo, hi, skip", [
    pytest.param([4, 1, 1, 2, 1, 4], 1, 0, 6, set(), id="first and last in subtree order, not min and max"),
    pytest.param([1, 1, 1, 4, 1, 4], 1, 2, 5, {3}, id="bounds and skipped tokens"),
    pytest.param([1, 1, 1, 4, 1, 4], 5, 0, 5, set(), id="nothing inside the bounds"),
])
def test_subtree_range_is_the_token_version(heads, root, lo, hi, skip):
    doc = _doc(heads)
    tokens = [t for t in doc[root].subtree if lo <= t.i < hi and t.i not in skip]
    expected = [i for i in range(tokens[0].i, tokens[-1].i + 1) if i not in skip] if tokens else []
    assert _subtree_range(root, lo, hi, skip, view(doc)) == expected
