"""Cheap readers of the spaCy parse, shared by every stage.

spaCy rebuilds what the stages read again and again: ``Token.morph.get`` parses the
analysis string on every call (~4 µs) and ``doc.sents`` makes a ``Span`` per sentence on
every read. :func:`feats` memoises features by (analysis key, field): the memo grows with the
model's distinct analyses, not with the documents. :func:`sentence_starts` reads sentence
boundaries from the ``SENT_START`` column. Nothing here writes to a Doc.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

#: Values of a feature by (analysis key, feature name).
_FEATS: dict[tuple[int, str], tuple[str, ...]] = {}


def feats(token: Token, field: str) -> tuple[str, ...]:
    """The values of one morphological feature of a token (``token.morph.get(field)``)."""
    morph = token.morph
    key = (morph.key, field)
    values = _FEATS.get(key)
    if values is None:
        values = _FEATS[key] = tuple(morph.get(field))
    return values


def sentence_starts(doc: Doc, flags: Sequence[int] | None = None) -> list[int]:
    """Index of each sentence's first token, as ``doc.sents`` gives them ([] for an empty doc).

    ``flags`` is the doc's ``SENT_START`` column when the caller has read it already. A
    sentence starts at token 0 and wherever the flag is 1; a custom ``sents`` hook is obeyed.
    """
    n = len(doc)
    if n == 0:
        return []
    if "sents" in doc.user_hooks:
        return [s.start for s in doc.sents]
    if flags is None:
        flags = doc.to_array(SENT_START).tolist()
    return [0, *compress(range(1, n), map((1).__eq__, flags[1:]))]
