"""Cheap readers of the spaCy parse, shared by every stage.

spaCy rebuilds what the stages read again and again: ``doc.text`` joins the tokens on every
access, ``doc[i]`` and ``token.head`` make a new ``Token`` each time, ``Token.morph.get``
parses the analysis string on every call (~4 µs) and ``doc.sents`` makes a ``Span`` per
sentence on every read.

- :func:`view` gives the :class:`DocView` of a Doc: its parse columns (words, lemmas,
  part-of-speech, dependencies, heads, offsets, sentence starts, ``doc.text``) read once
  with ``Doc.to_array`` and shared by the stages that process the Doc one after another.
- :func:`feats` memoises features by (analysis key, field): the memo grows with the
  model's distinct analyses, not with the documents.

Nothing here writes to a Doc.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import cached_property

import numpy
from spacy.attrs import DEP, HEAD, IDX, LEMMA, ORTH, POS, SENT_START, SPACY
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

#: A memo of string-store hashes holding more entries than this is emptied.
MAX_MEMO = 1 << 18
#: The columns of :class:`DocView`, in the order ``Doc.to_array`` is asked for them.
_COLUMNS = (ORTH, LEMMA, SPACY, POS, DEP, IDX, HEAD, SENT_START)


class _Strings(dict):
    """Strings of string-store hashes, looked up in ``store`` on a miss (a hash stands for the
    same string in every vocabulary, so one memo serves them all)."""

    store: StringStore | None = None

    def __missing__(self, key: int) -> str:
        self[key] = value = self.store[key]
        return value


_STRINGS = _Strings()


def string_memo(doc: Doc) -> Mapping[int, str]:
    """The shared hash -> string memo, ready to look up ``doc``'s hashes (emptied past
    :data:`MAX_MEMO` entries)."""
    if len(_STRINGS) > MAX_MEMO:
        _STRINGS.clear()
    _STRINGS.store = doc.vocab.strings
    return _STRINGS


def _strings(hashes: list[int], doc: Doc) -> list[str]:
    """The string of each hash, through the shared memo."""
    return list(map(string_memo(doc).__getitem__, hashes))


class DocView:
    """The parse of one Doc as plain lists indexed by token (``view.texts[i]`` is
    ``doc[i].text``). The hash and number columns are read at once with one ``Doc.to_array``;
    the string lists, ``text``, ``sent_starts`` and ``children`` on first use.

    The parse columns are fixed once the model has run: the project's stages set entities
    and extension attributes, never words, lemmas, tags or heads. Build it with :func:`view`.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = n = len(doc)
        array = doc.to_array(list(_COLUMNS)) if n else numpy.zeros((0, len(_COLUMNS)), "uint64")
        #: the hashes of ORTH, LEMMA, POS and DEP, SPACY (1 after a token followed by a space),
        #: IDX (character offset) and SENT_START (1 at a sentence start), by token
        self.orth: list[int]
        self.lemma: list[int]
        self.spaces: list[int]
        self.pos_ids: list[int]
        self.dep_ids: list[int]
        self.idx: list[int]
        self.sent_flags: list[int]
        self.orth, self.lemma, self.spaces, self.pos_ids, self.dep_ids, self.idx, _, self.sent_flags = \
            array.T.tolist() if n else ([],) * len(_COLUMNS)
        #: index of each token's syntactic head (``Token.head.i``; the root is its own head).
        #: HEAD is relative to the token; in the uint64 array a negative offset wraps around,
        #: and adding the token's index wraps back to the right index.
        self.head: list[int] = (array[:, _COLUMNS.index(HEAD)] + numpy.arange(n, dtype=array.dtype)).tolist()
        self._sent_column = array[:, _COLUMNS.index(SENT_START)]

    @cached_property
    def texts(self) -> list[str]:
        """``Token.text`` of each token."""
        return _strings(self.orth, self.doc)

    @cached_property
    def lemmas(self) -> list[str]:
        """``Token.lemma_`` of each token."""
        return _strings(self.lemma, self.doc)

    @cached_property
    def pos(self) -> list[str]:
        """``Token.pos_`` of each token."""
        return _strings(self.pos_ids, self.doc)

    @cached_property
    def dep(self) -> list[str]:
        """``Token.dep_`` of each token."""
        return _strings(self.dep_ids, self.doc)

    @cached_property
    def text(self) -> str:
        """``doc.text``."""
        return "".join([t + " " if ws else t for t, ws in zip(self.texts, self.spaces)])

    @cached_property
    def sent_starts(self) -> list[int]:
        """Index of each sentence's first token, as ``doc.sents`` gives them ([] for an empty
        Doc): token 0 and every token whose SENT_START is 1; a custom ``sents`` hook is obeyed."""
        if not self.n:
            return []
        if "sents" in self.doc.user_hooks:
            return [s.start for s in self.doc.sents]
        return [0, *(numpy.flatnonzero(self._sent_column[1:] == 1) + 1).tolist()]

    @cached_property
    def sent_start_chars(self) -> list[int]:
        """Character offset of each sentence's first token ([] for an empty Doc)."""
        idx = self.idx
        return [idx[i] for i in self.sent_starts]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the characters from the first token to the end of the
        last one ("" for an empty span)."""
        if end <= start:
            return ""
        return self.text[self.idx[start]:self.end_char(end - 1)]

    def end_char(self, i: int) -> int:
        """Character offset where token ``i`` ends (``doc[i].idx + len(doc[i])``)."""
        return self.idx[i] + len(self.texts[i])

    @cached_property
    def children(self) -> list[Sequence[int]]:
        """``Token.children`` of each token, as indices in order (read-only: the leaves, most
        tokens, share one empty tuple)."""
        out: list[Sequence[int]] = [()] * self.n
        for i, h in enumerate(self.head):
            if h != i:
                if out[h]:
                    out[h].append(i)  # type: ignore[union-attr]
                else:
                    out[h] = [i]
        return out

    def subtree(self, i: int, limit: int | None = None) -> list[int]:
        """``Token.subtree`` of token ``i`` as indices (its first ``limit`` when given): the
        subtrees of its left children, the token, the subtrees of its right children; not
        sorted where the parse is non-projective (read with a stack)."""
        out: list[int] = []
        children = self.children
        todo = [i]  # what is left to read, next last: j for the subtree of j, ~j for j alone
        while todo and (limit is None or len(out) < limit):
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


#: The last Doc given to :func:`view` and its view. The stages run one after another on
#: each Doc, so one slot serves them all; it holds one Doc alive at most.
_LAST: tuple[Doc | None, DocView | None] = (None, None)


def view(doc: Doc) -> DocView:
    """The :class:`DocView` of ``doc``, shared with the stages that ran before on it."""
    global _LAST
    last_doc, last_view = _LAST
    if last_doc is doc and last_view is not None and last_view.n == len(doc):
        return last_view
    made = DocView(doc)
    _LAST = (doc, made)
    return made

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
