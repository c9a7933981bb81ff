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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

from spacy.tokens import Doc

from .docparse import MAX_MEMO, DocView, feats, string_memo, view
from .events_lexicon import lem_text
from .textlists import is_bulleted, list_intro

#: The case markers ("con el canciller", "entre ambos", "junto con X": the parse makes "con" a
#: fixed word of "junto") that make a noun a partner of an event.
WITH = frozenset({"con", "entre", "junto"})
#: The case markers of whom an act is addressed to ("sus cartas credenciales a X", "invitó a X").
TO = frozenset({"a", "al"})


#: Title lines are looked for in the first characters of a document only.
HEADLINE_ZONE = 400
#: No case marker.
_NONE: frozenset[str] = frozenset()
#: ``Token.is_punct`` by orth hash.
_PUNCT: dict[int, bool] = {}


def _case_markers(low: list[str], dep: list[str], head: list[int]) -> list[frozenset[str]]:
    """For each token, the lower-cased texts of its children whose dependency is "case" (one
    pass over the few "case" tokens, picked in C, instead of a look at every token's children)."""
    found: dict[int, list[str]] = {}
    for c in compress(range(len(dep)), map("case".__eq__, dep)):
        h = head[c]
        if h != c:  # (the root is its own head, not its own child)
            found.setdefault(h, []).append(low[c])
    out = [_NONE] * len(dep)
    for h, words in found.items():
        out[h] = frozenset(words)
    return out


class _Lems(dict):
    """The :func:`~pipeline.events_lexicon.lem_text` key of a lemma by its hash (a hash stands
    for the same string in every vocabulary), filled on a miss from ``strings``, read with
    ``map`` over a document's lemma hashes."""

    strings: Mapping[int, str] = {}

    def __missing__(self, h: int) -> str:
        self[h] = found = lem_text(self.strings[h])
        return found


_LEMS = _Lems()


#: Parts of speech that can name a subject.
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


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
    children: list[Sequence[int]]  # Token.children, as indices in order (leaves share ())
    idx: list[int]  # Token.idx
    view: DocView  # the shared view these lists come from (orth hashes: ``view.orth``)
    case_of: list[frozenset[str]]  # the lower-cased texts of each token's "case" children

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        """The words of ``doc``, on top of :func:`pipeline.docparse.view`."""
        v = view(doc)
        n = v.n
        # Token.lower_ is the text's lower(): spaCy's LOWER lexeme attribute, which no
        # language of the project overrides (a map of str.lower costs what a memo look-up does,
        # and nothing for a word not seen before)
        low = list(map(str.lower, v.texts))
        if len(_LEMS) > MAX_MEMO:
            _LEMS.clear()
        _LEMS.strings = string_memo(doc)
        lem = list(map(_LEMS.__getitem__, v.lemma))
        starts = v.sent_starts
        sents = list(zip(starts, [*starts[1:], n]))
        sent_of = [0] * n
        for k, (start, end) in enumerate(sents):
            sent_of[start:end] = [k] * (end - start)
        # Token.is_space is the text's isspace(), and so its lower-cased text's (no character
        # lower-cases to whitespace; whitespace has no case)
        return cls(doc, v.texts, low, lem, list(map(str.isspace, low)), v.text,
                   sent_of, sents, v.pos, v.dep, v.head, v.children, v.idx, v,
                   _case_markers(low, v.dep, v.head))

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

    def root(self, start: int, end: int) -> int:
        """``doc[start:end].root.i``, read from the heads as spaCy reads it: a sentence root in
        the span, else of the tokens whose head is outside it the first with the fewest arcs to
        its sentence root (a space or punctuation mark without children counting as far)."""
        head, n = self.head, len(self.head)
        for i in range(start, end):
            if head[i] == i:
                return i
        best, found = n, start
        for i in range(start, end):
            if start <= head[i] < end:
                continue
            if not self.children[i] and (self.space[i] or self.is_punct(i)):
                steps = n - 1
            else:
                steps, cur = 0, i
                while head[cur] != cur and steps < n:
                    cur, steps = head[cur], steps + 1
            if steps < best:
                best, found = steps, i
        return found

    def subtree(self, i: int, limit: int) -> list[int]:
        """The first ``limit`` tokens of ``Token.subtree`` of token ``i``
        (:meth:`~pipeline.docparse.DocView.subtree`)."""
        return self.view.subtree(i, limit)

    def opening_word(self, i: int) -> int:
        """The first word of token ``i``'s sentence, past spaces and punctuation (at most ``i``)."""
        start = self.sents[self.sent_of[i]][0]
        while start < i and (self.space[start] or self.is_punct(start)):
            start += 1
        return start

    def subjects_of(self, i: int) -> list[int]:
        """The subjects (``nsubj``, ``nsubj:pass``) among token ``i``'s children; a paragraph
        break the parse made one only when there is no other and it holds a noun that is no time
        ("\\n\\n" opening "Finalmente, acordaron ..." or "El miércoles, sostuvo ...", with those
        words hung on it, is none)."""
        found = [c for c in self.children[i] if self.dep[c] in ("nsubj", "nsubj:pass")]
        words = [c for c in found if not self.space[c]]
        return words or [c for c in found if any(  # (not "El miércoles," hung on the break)
            self.pos[g] in _NOMINAL and "Tim" not in feats(self.tokens[g], "AdvType") for g in self.children[c])] \
            or self._name_after_a_fronted_phrase(i)

    def _name_after_a_fronted_phrase(self, i: int) -> list[int]:
        """"En el marco de la cumbre, X sostendrá ...": the name set off after a phrase that opens
        the clause, right before the verb ``i``, which the parse makes an apposition of that phrase."""
        for c in self.children[i]:
            if c < i and self.dep[c] == "obl":
                for a in self.children[c]:
                    if a > c and self.dep[a] == "appos" and self.pos[a] == "PROPN" and self.texts[a - 1] == "," \
                            and all(self.head[k] == a and self.dep[k] == "flat" for k in range(a + 1, i)):
                        return [a]
        return []

    def negated(self, i: int) -> bool:
        """Whether token ``i`` has "no" or "nunca" among its children ("no se realizó")."""
        return any(self.low[c] in ("no", "nunca") for c in self.children[i])

    def cases(self, i: int) -> frozenset[str]:
        """The case markers (prepositions) of token ``i``: "con" for "con el canciller" (as
        ``case_of[i]``, which hot loops read directly)."""
        return self.case_of[i]

    def matches(self, i: int, word: str) -> bool:
        """A lexicon word matches token ``i``'s text or lemma; "sesion*" matches by prefix of
        the text (for verb forms the lemmatizer gets wrong, e.g. "sesionará")."""
        if word.endswith("*"):
            return self.low[i].startswith(word[:-1])
        return self.low[i] == word or self.lem[i] == word


def list_intro_verb(words: DocWords, i: int) -> int | None:
    """For token ``i`` in a bulleted item of a list after a colon ("La agenda en Tokio incluye:"
    and "- una reunión con el ministro X;"), the last verb of the line that opens the list
    (:func:`~pipeline.textlists.list_intro`); None elsewhere (or when that line has no verb)."""
    intro = list_intro(words.text, words.idx[i])
    first, last = (words.char_span(*intro) or (0, 0)) if intro else (0, 0)
    return next((k for k in reversed(range(first, last)) if words.pos[k] in ("VERB", "AUX")), None)


def in_headline(words: DocWords, i: int) -> bool:
    """Whether token ``i`` is in a title line: a short line with no final full stop."""
    text, idx = words.text, words.idx[i]
    start = text.rfind("\n", 0, idx) + 1
    if start >= HEADLINE_ZONE:
        return False  # (the cheapest test first: most lines start beyond the zone)
    end = text.find("\n", idx)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    return (bool(line) and start < HEADLINE_ZONE and not line.endswith((".", ":"))
            and len(line.split()) <= 20 and end < len(text) and not is_bulleted(line))  # (a list item is none)
