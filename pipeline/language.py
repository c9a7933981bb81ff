"""Language identification: a fast, offline stopword vote.

Counts how many words of a text are stopwords of each language in ``models/lang/es.json``
and picks the language with the most; Spanish wins ties. Public entry point:
:func:`detect_language`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .lang import language_data

_WORD = re.compile(r"[^\W\d_]+")
#: Fewer words than this: too little evidence, report None (treated as Spanish).
MIN_WORDS = 8


@lru_cache(maxsize=4)
def _stopwords(models_dir: str | None) -> dict[str, frozenset[str]]:
    data = language_data("es", models_dir)
    return {code: frozenset(words) for code, words in data["stopwords"].items()}


def stopword_votes(text: str, models_dir: str | None = None) -> dict[str, int] | None:
    """How many words of ``text`` (its first 20,000 characters, case ignored) are stopwords
    of each language; None when it has fewer than :data:`MIN_WORDS` words."""
    counts: Counter[str] = Counter()
    for word, n in Counter(_WORD.findall(text[:20000])).items():  # each distinct word once
        counts[word.lower()] += n
    if counts.total() < MIN_WORDS:
        return None
    return {code: sum(counts[w] for w in vocab.intersection(counts))
            for code, vocab in _stopwords(models_dir).items()}


def detect_language(text: str, models_dir: str | None = None) -> str | None:
    """ISO 639-1 code of ``text`` ('es', 'en', 'pt', ...) or None when it cannot tell.

    The stopword lists come from ``<models_dir>/lang/es.json`` (default ``models/``).
    """
    scores = stopword_votes(text, models_dir)
    if scores is None:
        return None
    best = max(scores, key=lambda c: (scores[c], c == "es"))
    if scores[best] == 0:
        return None
    # Spanish and Portuguese share many short words: prefer Spanish unless clearly behind.
    if best != "es" and scores.get("es", 0) >= 0.8 * scores[best]:
        return "es"
    return best
