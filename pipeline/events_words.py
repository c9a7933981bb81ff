"""The tokens of a document as the events stage reads them: built once per document.

spaCy makes a new ``Token`` object on every ``doc[i]``, ``token.head`` or ``token.children``
and parses morphological features on every ``token.morph.get``; the events stage
(:mod:`pipeline.events` and the helpers it calls) reads the same few attributes many times,
so :class:`DocWords` reads them once per document into plain lists (private to the stage,
passed down from :meth:`~pipeline.events.EventsComponent.__call__`, never stored on the Doc),
and :func:`feats` memoises features by analysis.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from .events_lexicon import lem_text


#: Strings of string-store hashes, and lemma keys of lemma hashes, memoised (a hash stands
#: for the same string in every vocabulary).
_TEXTS: dict[int, str] = {}
_LEMS: dict[int, str] = {}


def _strings_of(hashes: list[int], strings: StringStore, memo: dict[int, str],
                convert: Callable[[str], str]) -> list[str]:
    """``convert(strings[h])`` for each hash, through ``memo`` (only new hashes are converted)."""
    found = list(map(memo.get, hashes))
    if None in found:
        for h in set(hashes).difference(memo):
            memo[h] = convert(strings[h])
        found = list(map(memo.__getitem__, hashes))
    return found


#: Morphological features by (analysis, field): ``Token.morph.get`` parses them on every call.
_FEATS: dict[tuple[int, str], tuple[str, ...]] = {}


def feats(token: Token, field: str) -> tuple[str, ...]:
    """The values of one morphological feature of a token (``token.morph.get(field)``)."""
    morph = token.morph
    key = (morph.key, field)
    values = _FEATS.get(key)
    if values is None:
        values = _FEATS[key] = tuple(morph.get(field))
    return values


class _SentenceOf:
    """Token index -> sentence index, found by bisection in the sentence starts."""

    def __init__(self, starts: list[int]) -> None:
        self.starts = starts

    def __getitem__(self, i: int) -> int:
        return bisect_right(self.starts, i) - 1


def _children(head: list[int]) -> list[list[int]]:
    """``Token.children`` of every token, as indices in order, from the heads."""
    children: list[list[int]] = [[] for _ in head]
    for i, h in enumerate(head):
        if h != i:
            children[h].append(i)
    return children


@dataclass
class DocWords:
    """What the events stage reads of every token, read once per document.

    Built at the start of :meth:`~pipeline.events.EventsComponent.__call__` and passed down
    (spaCy makes a new ``Token`` on every ``doc[i]``): the tokens, their text, :func:`low` and
    :func:`lem` keys, whether they are spaces, ``doc.text`` and the sentence of each token.
    The sentence of a token is looked up on demand (most tokens are never asked for it).
    """

    tokens: Doc  # the tokens by index (spaCy makes each Token on access: fewer than list(doc))
    texts: list[str]
    low: list[str]
    lem: list[str]
    space: list[bool]
    trailing: list[int]  # Token.whitespace_ (1 for a space, 0 for none)
    length: int  # len(doc.text)
    sent_of: _SentenceOf  # token index -> sentence index
    sents: list[tuple[int, int]]  # sentence index -> token span [start, end)
    pos: list[str]  # Token.pos_
    dep: list[str]  # Token.dep_
    head: list[int]  # Token.head.i
    children: list[list[int]]  # Token.children, as indices in order
    idx: list[int]  # Token.idx
    _cases: dict[int, frozenset[str]] = field(default_factory=dict, init=False)  # of :meth:`cases`

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        strings, n = doc.vocab.strings, len(doc)
        array = doc.to_array([ORTH, LOWER, LEMMA, SPACY, POS, DEP, IDX, IS_SPACE, HEAD, SENT_START])
        heads = array[:, 8].astype(numpy.int64) + numpy.arange(n, dtype=numpy.int64)  # (offsets are signed)
        # doc.sents: a sentence starts at token 0 and at every later token with SENT_START 1
        starts = [0] + (numpy.flatnonzero(array[1:, 9] == 1) + 1).tolist() if n else []
        orth, lower, lemma, spacy, pos, dep, idx = array[:, :7].T.tolist() if n else ([],) * 7
        texts, head = _strings_of(orth, strings, _TEXTS, str), heads.tolist()
        return cls(doc, texts, _strings_of(lower, strings, _TEXTS, str),
                   _strings_of(lemma, strings, _LEMS, lem_text), (array[:, 7] != 0).tolist(),
                   spacy, idx[-1] + len(texts[-1]) + spacy[-1] if n else 0,
                   _SentenceOf(starts), list(zip(starts, starts[1:] + [n])),
                   _strings_of(pos, strings, _TEXTS, str), _strings_of(dep, strings, _TEXTS, str),
                   head, _children(head), idx)

    @cached_property
    def text(self) -> str:
        """``doc.text``, joined once when first asked for."""
        return "".join([t + " " if ws else t for t, ws in zip(self.texts, self.trailing)])

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
        if char < 0 or char >= self.length:
            return -1
        return bisect_right(self.idx, char) - 1

    def subtree(self, i: int, limit: int) -> list[int]:
        """The first ``limit`` tokens of ``Token.subtree`` of token ``i``: the subtrees of its
        left children, the token, the subtrees of its right children (walked with a stack:
        ``~j`` stands for "emit token j", ``j`` for "walk the subtree of j")."""
        out: list[int] = []
        children, stack = self.children, [i]
        while stack and len(out) < limit:
            j = stack.pop()
            if j < 0:
                out.append(~j)
                continue
            kids = children[j]
            stack += [c for c in reversed(kids) if c > j]
            stack.append(~j)
            stack += [c for c in reversed(kids) if c < j]
        return out

    def negated(self, i: int) -> bool:
        """Whether token ``i`` has "no" or "nunca" among its children ("no se realizó")."""
        return any(self.low[c] in ("no", "nunca") for c in self.children[i])

    def cases(self, i: int) -> frozenset[str]:
        """The case markers (prepositions) of token ``i``: "con" for "con el canciller"."""
        found = self._cases.get(i)
        if found is None:
            found = self._cases[i] = frozenset(
                [self.low[c] for c in self.children[i] if self.dep[c] == "case"])
        return found

    def matches(self, i: int, word: str) -> bool:
        """A lexicon word matches token ``i``'s text or lemma; "sesion*" matches by prefix of
        the text (for verb forms the lemmatizer gets wrong, e.g. "sesionará")."""
        if word.endswith("*"):
            return self.low[i].startswith(word[:-1])
        return self.low[i] == word or self.lem[i] == word
