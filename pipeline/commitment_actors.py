"""Who committed: the trigger's subject resolved through the document's participants.

Pure helpers of the commitments stage. :class:`ActorResolver` is built once per document
from ``doc._.participants`` (each with the ``spans`` of its mentions) and answers, for a
trigger, the actor ids of its subject:

1. participants mentioned in the subject (and in a comitative "con X" of the trigger);
2. a collective subject ("ambos", "los cancilleres", "México y Estados Unidos", a plural
   verb without subject, an impersonal "se acordó") → the persons named in the same
   sentence if two or more, else the document's main persons;
3. a singular subject that names no participant → the document's first main person.

The main persons are those named in the first sentence that names a person, extended by the
next such sentence when the first names only one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Span, Token

from .commitment_rules import fold
from .records import Participant

_SUBJ = ("nsubj", "nsubj:pass", "csubj")


def subject_tokens(head: Token, unit: Span | None = None) -> list[Token]:
    """The subject subtree(s) of a verb (or of the verb it is coordinated with), in ``unit``.

    A line break parsed as a subject (the parser does so across paragraphs) is no subject.
    """
    lo, hi = (unit.start, unit.end) if unit is not None else (0, len(head.doc))
    node = head
    for _ in range(3):
        subj = [c for c in node.children if c.dep_ in _SUBJ and c.i != head.i
                and not c.is_space and lo <= c.i < hi]
        if subj:
            return [t for s in subj for t in s.subtree if lo <= t.i < hi and not t.is_space]
        if node.dep_ in ("conj", "xcomp") and node.head is not node:
            node = node.head
            continue
        break
    return []


def comitative_tokens(head: Token) -> list[Token]:
    """Tokens of "con X" dependents of the trigger ("acordó con sus homólogos ...")."""
    out: list[Token] = []
    for c in head.children:
        if c.dep_ in ("obl", "nmod") and any(g.lower_ == "con" and g.dep_ == "case" for g in c.children):
            out.extend(c.subtree)
    return out


class ActorResolver:
    """Resolves subjects to actor ids for one document."""

    def __init__(self, participants: Sequence[Participant], unit_spans: Sequence[Span],
                 group_words: frozenset[str]) -> None:
        self.group_words = group_words
        self.kind = {p.actor_id: p.kind for p in participants}
        self.mentions: list[tuple[int, int, str]] = sorted(
            (s, e, p.actor_id) for p in participants
            for s, e in (p.spans or [(p.start, p.end)]))
        self.starts = [m[0] for m in self.mentions]
        self.units = [(u.start_char, u.end_char) for u in unit_spans]
        self.main = self._main_persons()

    def _persons_in(self, start: int, end: int) -> list[str]:
        return [a for a in self.ids_in(start, end) if self.kind.get(a) == "person"]

    def ids_in(self, start: int, end: int) -> list[str]:
        """Actor ids with a mention overlapping [start, end), in order of mention."""
        out: list[str] = []
        i = max(0, bisect.bisect_left(self.starts, start) - 8)
        for s, e, actor in self.mentions[i:]:
            if s >= end:
                break
            if e > start and actor not in out:
                out.append(actor)
        return out

    def _main_persons(self) -> list[str]:
        found: list[str] = []
        for start, end in self.units:
            persons = [p for p in self._persons_in(start, end) if p not in found]
            if persons:
                found.extend(persons)
                if len(found) >= 2:
                    break
        return found

    def _ids_of_tokens(self, tokens: Iterable[Token]) -> list[str]:
        out: list[str] = []
        for t in tokens:
            for a in self.ids_in(t.idx, t.idx + len(t.text)):
                if a not in out:
                    out.append(a)
        return out

    def is_group(self, tokens: Sequence[Token]) -> bool:
        """A collective subject: "ambos", "los cancilleres", "México y Estados Unidos"."""
        if any(fold(t.lemma_) in self.group_words or fold(t.text) in self.group_words for t in tokens):
            return True
        return any(t.dep_ == "conj" for t in tokens)

    def collective(self, unit: Span) -> list[str]:
        """The parties of a collective commitment stated in ``unit``."""
        here = self._persons_in(unit.start_char, unit.end_char)
        return here if len(here) >= 2 else list(self.main)

    def resolve(self, head: Token, unit: Span, subject: Sequence[Token] | None = None) -> list[str]:
        """Actor ids of the party or parties committing through the trigger ``head``."""
        subj = list(subject) if subject is not None else subject_tokens(head, unit)
        ids = self._ids_of_tokens(subj)
        persons = [a for a in ids if self.kind.get(a) == "person"]
        plural = "Plur" in head.morph.get("Number") or any(
            c.lower_ == "se" for c in head.children) and not subj
        if persons and not (self.is_group(subj) and len(persons) < 2 and plural):
            extra = [a for a in self._ids_of_tokens(comitative_tokens(head))
                     if self.kind.get(a) == "person" and a not in persons]
            return persons + extra
        comitative = [a for a in self._ids_of_tokens(comitative_tokens(head))
                      if self.kind.get(a) == "person"]
        if comitative:
            speaker = [a for a in ids if self.kind.get(a) != "country"] or self.main[:1]
            return list(dict.fromkeys(speaker + comitative))
        if ids and not self.is_group(subj) and all(self.kind.get(a) != "country" for a in ids):
            return ids
        if (subj and self.is_group(subj)) or (not subj and plural):
            return self.collective(unit)
        return self.main[:1]
