"""Per-document token data of the commitments stage, read once from the parse.

:class:`DocTokens` is built once per document by the stage and passed to its helpers
(:mod:`pipeline.commitment_actions`, :mod:`pipeline.commitment_actors`,
:mod:`pipeline.commitment_rules`), so they index plain lists instead of creating
``Token`` objects again (``doc[i]``, iterating spans) and folding the same words again.
It reads the Doc's tokens, lemmas, character offsets and sentence starts and writes
nothing to the Doc.
"""

from __future__ import annotations

from collections.abc import Sequence

from functools import cached_property
from itertools import compress

import numpy
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Token

from .docparse import sentence_starts
from .textnorm import fold

#: the forms of one (word, lemma) pair: text, fold(lemma), both folds as a set, is_quote,
#: is_space, whether the text holds a line break
Forms = tuple[str, str, frozenset[str], bool, bool, bool]
#: a forms cache holding more entries than this is emptied (it is keyed by vocabulary)
MAX_CACHED_FORMS = 1 << 17


def _forms(token: Token) -> Forms:
    text_key, lemma_key = fold(token.text), fold(token.lemma_)
    return (token.text, lemma_key, frozenset({lemma_key, text_key}), token.is_quote,
            token.is_space, "\n" in token.text)


class DocTokens:
    """Plain per-token sequences of one Doc (index ``i`` is the token ``doc[i]``).

    ``cache`` maps the (orth, lemma) hashes of a token (as 16 bytes) to their :data:`Forms`;
    pass the same dict for every document so recurring words are folded once.
    """

    def __init__(self, doc: Doc, cache: dict[bytes, Forms] | None = None) -> None:
        cache = {} if cache is None else cache
        if len(cache) > MAX_CACHED_FORMS:
            cache.clear()
        self.doc = doc
        n = len(doc)
        rows = doc.to_array([ORTH, LEMMA, SENT_START, SPACY]) if n else numpy.zeros((0, 4), "uint64")
        # one hashable bytes key per token: its orth and lemma hashes
        pairs = numpy.ascontiguousarray(rows[:, :2]).view("V16").ravel().tolist()
        forms = list(map(cache.get, pairs))
        if None in forms:
            for i, f in enumerate(forms):
                if f is None:
                    forms[i] = cache[pairs[i]] = _forms(doc[i])
        self.text: Sequence[str]
        #: fold(lemma) of each token
        self.lemma_key: Sequence[str]
        #: the forms a lexicon word may match: fold(lemma) and fold(text)
        self.keys: Sequence[frozenset[str]]
        self.is_quote: Sequence[bool]
        self.is_space: Sequence[bool]
        newline: Sequence[bool]
        self.text, self.lemma_key, self.keys, self.is_quote, self.is_space, newline = \
            tuple(zip(*forms)) if forms else ((), (), (), (), (), ())
        #: indexes of the tokens holding a line break (SPACE tokens)
        self.line_breaks = list(compress(range(n), newline))
        #: token index of each sentence start, as ``doc.sents`` gives them
        self.sent_starts: list[int] = sentence_starts(doc, rows[:, 2].tolist())
        self._main_verbs: list[int] | None = None
        self._spaces = rows[:, 3]

    @cached_property
    def char_offsets(self) -> tuple[list[int], list[int]]:
        """Character offsets of the tokens: where each starts, where each ends."""
        if not self.text:
            return [], []
        rows = self.doc.to_array([IDX, LENGTH])
        return rows[:, 0].tolist(), (rows[:, 0] + rows[:, 1]).tolist()

    def first(self, word: str, start: int, end: int) -> Token | None:
        """The first token in [start, end) whose text is ``word``, if any."""
        try:
            return self.doc[self.text.index(word, start, end)]
        except ValueError:
            return None

    def full_text(self) -> str:
        """``doc.text``, joined from the token texts read already."""
        return "".join([t + " " if s else t for t, s in zip(self.text, self._spaces.tolist())])

    def main_verbs(self) -> list[int]:
        """Indexes of the tokens labelled ``ROOT`` and of the conjuncts (``conj``) of such a
        token, in order (read from the parse on first use)."""
        if self._main_verbs is None:
            doc = self.doc
            rows = doc.to_array([DEP, HEAD]) if len(doc) else numpy.zeros((0, 2), "uint64")
            deps = rows[:, 0]
            root = deps == doc.vocab.strings["ROOT"]
            heads = rows[:, 1].astype("int64") + numpy.arange(len(deps))  # HEAD is relative
            conj = (deps == doc.vocab.strings["conj"]) & root[heads]
            self._main_verbs = numpy.flatnonzero(root | conj).tolist()
        return self._main_verbs
