"""Morphological features of a token, memoised: one helper for every stage.

``Token.morph.get(field)`` parses the analysis string on every call (~4 µs), and a corpus has
few distinct analyses, so :func:`feats` remembers the values by (analysis key, field). The
memo grows with the number of distinct analyses of the model, not with the documents.
"""

from __future__ import annotations

from spacy.tokens import Token

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
