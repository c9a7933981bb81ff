"""The tokens of a document as the events stage reads them: built once per document.

spaCy makes a new ``Token`` object on every ``doc[i]``, ``token.head`` or ``token.children``
; the events stage (:mod:`pipeline.events` and the helpers it calls) reads the same few
attributes many times, so :class:`DocWords` reads them once per document into plain lists
(private to the stage, passed down from :meth:`~pipeline.events.EventsComponent.__call__`,
never stored on the Doc). Morphological features go through :func:`pipeline.docparse.feats`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, HEAD, IDX, LEMMA, ORTH, POS, SENT_START, SPACY
from spacy.strings import StringStore
from spacy.tokens import Doc

from .docparse import sentence_starts
from .events_lexicon import lem_text


#: Strings of string-store hashes, and lemma keys of lemma hashes, memoised (a hash stands
#: for the same string in every vocabulary).
_TEXTS: dict[int, str] = {}
_LEMS: dict[int, str] = {}
#: (text, lower-cased text, is_space) of a lexeme by its orth hash.
_LEXEMES: dict[int, tuple[str, str, bool]] = {}


def _strings_of(hashes: list[int], strings: StringStore, memo: dict[int, str],
                convert: Callable[[str], str]) -> list[str]:
    """``convert(strings[h])`` for each hash, through ``memo``."""
    def fill(h: int) -> str:
        memo[h] = value = convert(strings[h])
        return value
    get = memo.get
    return [get(h) or fill(h) for h in hashes]


@dataclass
class DocWords:
    """What the events stage reads of every token, read once per document.

    Built at the start of :meth:`~pipeline.events.EventsComponent.__call__` and passed down
    (spaCy makes a new ``Token`` on every ``doc[i]``): the tokens, their text, :func:`low` and
    :func:`lem` keys, whether they are spaces, ``doc.text`` and the sentence of each token.
    """

    tokens: Doc  # the tokens by index (spaCy makes each Token on access: fewer than list(doc))
    texts: list[str]
    low: list[str]
    lem: list[str]
    space: list[bool]
    text: str
    sent_of: list[int]  # token index -> sentence index
    sents: list[tuple[int, int]]  # sentence index -> token span [start, end)
    pos: list[str]  # Token.pos_
    dep: list[str]  # Token.dep_
    head: list[int]  # Token.head.i
    children: list[list[int]]  # Token.children, as indices in order
    idx: list[int]  # Token.idx

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        strings, n = doc.vocab.strings, len(doc)
        array = doc.to_array([ORTH, LEMMA, SPACY, POS, DEP, IDX, HEAD, SENT_START])
        head = (array[:, 6] + numpy.arange(n, dtype=array.dtype)).tolist()  # (offsets wrap around)
        orth, lemma, spacy, pos, dep, idx = array[:, :6].T.tolist() if n else ([],) * 6

        def lexeme(h: int) -> tuple[str, str, bool]:
            _LEXEMES[h] = found = (strings[h], (lex := doc.vocab[h]).lower_, lex.is_space)
            return found
        known = _LEXEMES.get
        texts, lower, space = (list(c) for c in zip(*[known(h) or lexeme(h) for h in orth])) \
            if n else ([], [], [])
        starts = sentence_starts(doc, array[:, 7].tolist())
        sents = list(zip(starts, [*starts[1:], n]))
        sent_of = [0] * n
        for k, (start, end) in enumerate(sents):
            sent_of[start:end] = [k] * (end - start)
        children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(head):
            if h != i:
                children[h].append(i)
        return cls(doc, texts, lower, _strings_of(lemma, strings, _LEMS, lem_text), space,
                   "".join([t + " " if ws else t for t, ws in zip(texts, spacy)]), sent_of, sents,
                   _strings_of(pos, strings, _TEXTS, str), _strings_of(dep, strings, _TEXTS, str),
                   head, children, idx)

    def sent(self, i: int) -> tuple[int, int]:
        """Token span of the sentence of token ``i`` (``doc[i].sent``)."""
        return self.sents[self.sent_of[i]]

    def char_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Token span ``[first, last + 1)`` of characters ``[start, end)``, as
        ``doc.char_span(start, end, alignment_mode="expand")`` gives it (None where it does)."""
        first, last = self._token_at(start), self._token_at(end - 1)
        if first < 0 or last < 0:
            return None
        if start == self.idx[first] + len(self.texts[first]):
            first += 1  # the trailing space of a token is not part of it
        return first, last + 1

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char``; -1 for none."""
        if char < 0 or char >= len(self.text):
            return -1
        return bisect_right(self.idx, char) - 1

    def subtree(self, i: int, limit: int) -> list[int]:
        """The first ``limit`` tokens of ``Token.subtree`` of token ``i``: the subtrees of its
        left children, the token, the subtrees of its right children."""
        out: list[int] = []

        def walk(j: int) -> None:
            for c in self.children[j]:
                if len(out) >= limit:
                    return
                if c > j:
                    break
                walk(c)
            if len(out) < limit:
                out.append(j)
            for c in self.children[j]:
                if len(out) >= limit:
                    return
                if c > j:
                    walk(c)
        walk(i)
        return out

    def negated(self, i: int) -> bool:
        """Whether token ``i`` has "no" or "nunca" among its children ("no se realizó")."""
        return any(self.low[c] in ("no", "nunca") for c in self.children[i])

    def cases(self, i: int) -> set[str]:
        """The case markers (prepositions) of token ``i``: "con" for "con el canciller"."""
        return {self.low[c] for c in self.children[i] if self.dep[c] == "case"}

    def matches(self, i: int, word: str) -> bool:
        """A lexicon word matches token ``i``'s text or lemma; "sesion*" matches by prefix of
        the text (for verb forms the lemmatizer gets wrong, e.g. "sesionará")."""
        if word.endswith("*"):
            return self.low[i].startswith(word[:-1])
        return self.low[i] == word or self.lem[i] == word
