"""Text comparison forms shared by the stages and the scorer (pure functions).

* :func:`strip_accents`: combining marks removed ("Relación" -> "Relacion"), case kept;
* :func:`fold`: lower case, accents removed, punctuation dropped, white space collapsed
  ("  Washington,  D.C. " -> "washington d c"): the form names and lexicon words are
  compared in;
* :func:`content_words` and :func:`jaccard`: the words of four letters or more of a text
  and the overlap of two such sets (two actions that say the same thing).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w@]+")
_WORD = re.compile(r"\w+")
#: shortest word :func:`content_words` keeps
CONTENT_LENGTH = 4


def strip_accents(text: str) -> str:
    """``text`` without combining marks (accents, tildes, diaereses); case is kept."""
    if text.isascii():  # nothing to decompose: most words
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def fold(text: str | None) -> str:
    """Lower-case, accents removed, punctuation dropped, white space collapsed."""
    if not text:
        return ""
    return " ".join(_NON_WORD.sub(" ", strip_accents(text.lower())).split())


def content_words(text: str | None) -> set[str]:
    """Words of four letters or more, folded."""
    return {w for w in _WORD.findall(fold(text)) if len(w) >= CONTENT_LENGTH}


def jaccard(a: set[str], b: set[str]) -> float:
    """Size of the intersection over size of the union (0 for two empty sets)."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0
