"""The tokens of a document as the events stage reads them: built once per document.

spaCy makes a new ``Token`` object on every ``doc[i]``, ``token.head`` or ``token.children``;
the events stage (:mod:`pipeline.events` and the helpers it calls) reads the same few
attributes many times, so :class:`DocWords` gives them as plain lists, most of them those of
the :func:`pipeline.docparse.view` the stages share (the words are private to the stage,
passed down from :meth:`~pipeline.events.EventsComponent.__call__`, never stored on the
Doc). Morphological features go through :func:`pipeline.docparse.feats`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .docparse import MAX_MEMO, DocView, view
from .events_lexicon import lem_text


#: The lower-cased text of a lexeme by its orth hash and the :func:`lem_text` key of a lemma
#: by its hash, memoised (a hash stands for the same string in every vocabulary).
_LOWER: dict[int, str] = {}
_LEMS: dict[int, str] = {}
#: No case marker.
_NONE: frozenset[str] = frozenset()
#: ``Token.is_punct`` by orth hash.
_PUNCT: dict[int, bool] = {}


def _mapped(hashes: list[int], memo: dict[int, str], make: Callable[[int], str]) -> list[str]:
    """``memo[h]`` for each hash, first filling ``memo`` with ``make(h)`` for hashes it lacks
    (a memo grown past :data:`~pipeline.docparse.MAX_MEMO` entries is emptied first)."""
    if len(memo) > MAX_MEMO:
        memo.clear()
    try:
        return list(map(memo.__getitem__, hashes))
    except KeyError:
        for h in set(hashes).difference(memo):
            memo[h] = make(h)
        return list(map(memo.__getitem__, hashes))


@dataclass
class DocWords:
    """What the events stage reads of every token, read once per document.

    Built at the start of :meth:`~pipeline.events.EventsComponent.__call__` and passed down
    (spaCy makes a new ``Token`` on every ``doc[i]``) on top of the shared
    :class:`~pipeline.docparse.DocView` of the Doc (texts, tags, heads, children, offsets,
    ``doc.text``): adds the lower-cased text and :func:`~pipeline.events_lexicon.lem` key of
    each token, whether it is a space, and the sentence of each token.
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
    view: DocView  # the shared view these lists come from (orth hashes: ``view.orth``)
    _cases: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)  # cases() memo

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        """The words of ``doc``, on top of :func:`pipeline.docparse.view`."""
        v = view(doc)
        n, vocab = v.n, doc.vocab
        low = _mapped(v.orth, _LOWER, lambda h: vocab[h].lower_)
        lem = _mapped(v.lemma, _LEMS, lambda h: lem_text(vocab.strings[h]))
        starts = v.sent_starts
        sents = list(zip(starts, [*starts[1:], n]))
        sent_of = [0] * n
        for k, (start, end) in enumerate(sents):
            sent_of[start:end] = [k] * (end - start)
        # Token.is_space is the text's isspace(), and so its lower-cased text's (no character
        # lower-cases to whitespace; whitespace has no case)
        return cls(doc, v.texts, low, lem, list(map(str.isspace, low)), v.text,
                   sent_of, sents, v.pos, v.dep, v.head, v.children, v.idx, v)

    def is_punct(self, i: int) -> bool:
        """``doc[i].is_punct``, memoised by the token's orth hash."""
        h = self.view.orth[i]
        found = _PUNCT.get(h)
        if found is None:
            found = _PUNCT[h] = self.tokens.vocab[h].is_punct
        return found

    def sent(self, i: int) -> tuple[int, int]:
        """Token span of the sentence of token ``i`` (``doc[i].sent``)."""
        return self.sents[self.sent_of[i]]

    def char_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Token span ``[first, last + 1)`` of characters ``[start, end)``, as
        ``doc.char_span(start, end, alignment_mode="expand")`` gives it (None where it does)."""
        first, last = self._token_at(start), self._token_at(end - 1)
        if first < 0 or last < 0:
            return None
        if start == self.view.end_char(first):
            first += 1  # the trailing space of a token is not part of it
        return first, last + 1

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char``; -1 for none."""
        if char < 0 or char >= len(self.text):
            return -1
        return bisect_right(self.idx, char) - 1

    def subtree(self, i: int, limit: int) -> list[int]:
        """The first ``limit`` tokens of ``Token.subtree`` of token ``i``: the subtrees of its
        left children, the token, the subtrees of its right children (read with a stack)."""
        out: list[int] = []
        children = self.children
        todo = [i]  # what is left to read, next last: j for the subtree of j, ~j for j alone
        while todo and len(out) < limit:
            j = todo.pop()
            if j < 0 or not children[j]:
                out.append(~j if j < 0 else j)
                continue
            kids = children[j]
            k = bisect_right(kids, j)  # (children are in order: kids[:k] come before j)
            todo += reversed(kids[k:])
            todo.append(~j)
            todo += reversed(kids[:k])
        return out

    def negated(self, i: int) -> bool:
        """Whether token ``i`` has "no" or "nunca" among its children ("no se realizó")."""
        return any(self.low[c] in ("no", "nunca") for c in self.children[i])

    def cases(self, i: int) -> frozenset[str]:
        """The case markers (prepositions) of token ``i``: "con" for "con el canciller";
        remembered per token (most are asked again by other mentions and helpers)."""
        found = self._cases.get(i)
        if found is None:
            kids = self.children[i]
            found = self._cases[i] = frozenset(
                [self.low[c] for c in kids if self.dep[c] == "case"]) if kids else _NONE
        return found

    def matches(self, i: int, word: str) -> bool:
        """A lexicon word matches token ``i``'s text or lemma; "sesion*" matches by prefix of
        the text (for verb forms the lemmatizer gets wrong, e.g. "sesionará")."""
        if word.endswith("*"):
            return self.low[i].startswith(word[:-1])
        return self.low[i] == word or self.lem[i] == word
