"""Per-document token data of the commitments stage, read once from the parse.

:class:`DocTokens` is built once per document by the stage and passed to its helpers
(:mod:`pipeline.commitment_actions`, :mod:`pipeline.commitment_actors`,
:mod:`pipeline.commitment_rules`), so they index plain lists instead of creating
``Token`` objects again (``doc[i]``, iterating spans) and folding the same words again.
The parse columns (words, offsets, sentence starts, heads, dependencies, ``doc.text``) come
from the Doc's shared :func:`~pipeline.docparse.view`; the folded forms are the stage's own.
It writes nothing to the Doc.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from itertools import compress
from typing import Any

from spacy.tokens import Doc, Token

from .docparse import DocView, view
from .textnorm import fold

#: what the stage's trigger lexicon makes of a token's keys (fold(lemma), fold(text)): the
#: triggers that may start at it and the keys that are words of a pattern
#: (:meth:`~pipeline.commitment_rules.TriggerFinder.lexical`)
Lexicon = Callable[[frozenset[str]], tuple[Any, frozenset[str]]]
#: the forms of one (word, lemma) pair: fold(lemma), both folds as a set, is_quote,
#: is_space, whether the text holds a line break, then what the lexicon makes of the folds
#: (None and the folds themselves without a lexicon)
Forms = tuple[str, frozenset[str], bool, bool, bool, Any, frozenset[str]]
#: a forms cache holding more entries than this is emptied (it is keyed by the (orth, lemma)
#: hash pair of a token)
MAX_CACHED_FORMS = 1 << 17


def _forms(token: Token, lexicon: Lexicon | None) -> Forms:
    text_key, lemma_key = fold(token.text), fold(token.lemma_)
    keys = frozenset({lemma_key, text_key})
    start, words = lexicon(keys) if lexicon is not None else (None, keys)
    return (lemma_key, keys, token.is_quote, token.is_space, "\n" in token.text, start, words)


class DocTokens:
    """Plain per-token sequences of one Doc (index ``i`` is the token ``doc[i]``).

    ``cache`` maps the (orth, lemma) hashes of a token to their :data:`Forms`; pass the same
    dict (and the same ``lexicon``) for every document so recurring words are folded and
    looked up once.
    """

    def __init__(self, doc: Doc, cache: dict[tuple[int, int], Forms] | None = None,
                 lexicon: Lexicon | None = None) -> None:
        cache = {} if cache is None else cache
        if len(cache) > MAX_CACHED_FORMS:
            cache.clear()
        self.doc = doc
        #: the Doc's parse columns, shared with the other stages
        self.view: DocView = view(doc)
        orth, lemma = self.view.orth, self.view.lemma
        # zip reuses its pair when the lookup keeps no reference to it: no tuple per token
        forms = list(map(cache.get, zip(orth, lemma)))
        if None in forms:
            for i, f in enumerate(forms):
                if f is None:
                    forms[i] = cache[orth[i], lemma[i]] = _forms(doc[i], lexicon)
        #: ``Token.text`` of each token
        self.text: Sequence[str] = self.view.texts
        #: fold(lemma) of each token
        self.lemma_key: Sequence[str]
        #: the forms a lexicon word may match: fold(lemma) and fold(text)
        self.keys: Sequence[frozenset[str]]
        self.is_quote: Sequence[bool]
        self.is_space: Sequence[bool]
        newline: Sequence[bool]
        #: the lexicon the forms were looked up with, and what it made of each token's keys
        self.lexicon = lexicon
        self.starts: Sequence[Any]
        #: the keys that are words of some trigger pattern (all keys without a lexicon)
        self.words: Sequence[frozenset[str]]
        self.lemma_key, self.keys, self.is_quote, self.is_space, newline, self.starts, self.words = \
            tuple(zip(*forms)) if forms else ((), (), (), (), (), (), ())
        #: indexes of the tokens holding a line break (SPACE tokens)
        self.line_breaks = list(compress(range(len(forms)), newline))
        #: token index of each sentence start, as ``doc.sents`` gives them
        self.sent_starts: list[int] = self.view.sent_starts
        self._main_verbs: list[int] | None = None

    def overlapping(self, start: int, end: int) -> range:
        """Indexes of the tokens overlapping the characters [start, end): from the first
        token ending after ``start`` to the last one starting before ``end``."""
        starts = self.view.idx
        first = bisect.bisect_right(starts, start) - 1  # the last token starting at or before start
        if first < 0 or self.view.end_char(first) <= start:
            first += 1  # tokens are never empty: the next one ends after start
        return range(first, bisect.bisect_left(starts, end))

    def first(self, word: str, start: int, end: int) -> Token | None:
        """The first token in [start, end) whose text is ``word``, if any."""
        try:
            return self.doc[self.text.index(word, start, end)]
        except ValueError:
            return None

    def main_verbs(self) -> list[int]:
        """Indexes of the tokens labelled ``ROOT`` and of the conjuncts (``conj``) of such a
        token, in order (read from the parse on first use)."""
        if self._main_verbs is None:
            strings = self.doc.vocab.strings
            root, conj = strings["ROOT"], strings["conj"]
            deps, heads = self.view.dep_ids, self.view.head
            every = range(len(deps))
            roots = list(compress(every, map(root.__eq__, deps)))
            conjs = [i for i in compress(every, map(conj.__eq__, deps)) if deps[heads[i]] == root]
            self._main_verbs = sorted(roots + conjs) if conjs else roots
        return self._main_verbs
