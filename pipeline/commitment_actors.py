"""Who committed: the trigger's subject resolved through the document's participants.

Pure helpers of the commitments stage. :class:`ActorResolver` is built once per document
from ``doc._.participants`` (each with the ``spans`` of its mentions) and answers, for a
trigger, the actor ids of its subject:

1. participants mentioned in the subject (and in a comitative "con X" of the trigger);
2. a definite head noun that opens the name of a body named before ("El grupo deberá
   sesionar": the "Grupo Bilateral ..." of the sentence before) → that body;
3. a collective subject ("ambos", "los cancilleres", "México y Estados Unidos", a plural
   verb without subject, an impersonal "se acordó") → the persons named in the same
   sentence if two or more, else the document's main persons;
4. a singular subject that names no participant → the document's first main person.

The subject of an auxiliary trigger ("deberá") is that of the verb it helps.

The main persons are those named in the first sentence that names a person, extended by the
next such sentence when the first names only one.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Sequence
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .commitment_doc import DocTokens
from .commitment_syntax import (SUBJECT_DEPS, comitative_tokens, is_future, is_genitive, is_oblique,
                                oblique_preposition, relative_antecedent, subject_tokens)
from .docparse import feats, view
from .records import Participant
from .textnorm import fold

#: the main event's persons are sought in this many first sentences
MAIN_WINDOW = 4
#: sentences listing who took part extend the main event's persons this far into the text
CAST_WINDOW = 8
#: kinds of actor that are bodies ("ambas instituciones" in a document naming no person)
_BODIES = frozenset({"organization", "group"})
_PERSON = frozenset({"person"})
#: modalities for which an impersonal "se acordó" stands for all the parties
_COLLECTIVE_IMPERSONAL = frozenset({"agreement", "need", "pledge", "intention"})


class ActorResolver:
    """Resolves subjects to actor ids for one document."""

    def __init__(self, participants: Sequence[Participant], unit_spans: Sequence[Span],
                 group_words: frozenset[str], countries: dict[str, str] | None = None,
                 cast_words: frozenset[str] = frozenset(), tokens: DocTokens | None = None) -> None:
        """``tokens`` is the document's :class:`~pipeline.commitment_doc.DocTokens` (built
        here from the units' Doc if not given)."""
        self.group_words = group_words
        self.cast_words = cast_words
        self.countries = countries or {}
        self.kind = {p.actor_id: p.kind for p in participants}
        #: the first word of each body's name ("grupo" for "Grupo Bilateral sobre ..."), for a
        #: subject that names the body by its head noun alone ("El grupo deberá sesionar")
        self.body_head = {p.actor_id: fold(p.name).split(" ", 1)[0] for p in participants
                          if p.kind in ("organization", "group") and p.name}
        self.country = {p.actor_id: p.country for p in participants}
        self.mentions: list[tuple[int, int, str]] = sorted(
            (s, e, p.actor_id) for p in participants
            for s, e in (p.spans or [(p.start, p.end)]))
        self.starts = [m[0] for m in self.mentions]
        #: the longest mention: one overlapping ``start`` begins at most this far before it
        self.longest = max((e - s for s, e, _ in self.mentions), default=0)
        self.unit_spans = list(unit_spans)
        if tokens is None and self.unit_spans:
            tokens = DocTokens(self.unit_spans[0].doc)
        self.tokens = tokens
        #: (subject start, verb start, persons) of the units' main verbs, filled unit by unit
        #: as far as :meth:`speakers_before` is asked
        self.speakers: list[tuple[int, int, list[str]]] = []
        self._spoken = 0  # units whose speakers are in self.speakers
        self._subjects: dict[tuple[int, int, int], list[Token]] = {}
        self._groups: dict[tuple[int, ...], bool] = {}
        self._collectives: dict[tuple[int, int], list[str]] = {}

    def subject(self, head: Token, unit: Span) -> list[Token]:
        """:func:`subject_tokens` of ``head`` in ``unit`` (computed once per document)."""
        key = (head.i, unit.start, unit.end)
        found = self._subjects.get(key)
        if found is None:
            found = self._subjects[key] = subject_tokens(head, unit, self.at)
        return list(found)

    @cached_property
    def at(self) -> dict[int, list[str]]:
        """Token index -> ids of the mentions overlapping the token (as :meth:`ids_in` of its
        characters gives them), in order of mention."""
        out: dict[int, list[str]] = {}
        if self.tokens is None or not self.mentions:
            return out
        for s, e, actor in self.mentions:
            for i in self.tokens.overlapping(s, e):
                ids = out.setdefault(i, [])
                if actor not in ids:
                    ids.append(actor)
        return out

    @cached_property
    def person_at(self) -> list[int]:
        """Indexes of the tokens that mention a person, in order."""
        return sorted(i for i, ids in self.at.items() if any(self.kind.get(a) == "person" for a in ids))

    def _person_tokens(self, unit: Span) -> list[int]:
        """Indexes of the tokens of ``unit`` that mention a person."""
        lo = bisect.bisect_left(self.person_at, unit.start)
        return self.person_at[lo:bisect.bisect_left(self.person_at, unit.end, lo)]

    def ids_in(self, start: int, end: int) -> list[str]:
        """Actor ids with a mention overlapping [start, end), in order of mention."""
        out: list[str] = []
        i = bisect.bisect_left(self.starts, start - self.longest)
        for s, e, actor in self.mentions[i:]:
            if s >= end:
                break
            if e > start and actor not in out:
                out.append(actor)
        return out

    @cached_property
    def main(self) -> list[str]:
        """The persons of the document's main event: those of the first sentence (among the
        first few) naming two or more, plus the first person named as a main subject before
        it; without such a sentence, the persons of the first two sentences naming any. Then
        everyone a sentence of the opening names as taking part ("participó X", "encabezada
        por X", cue lemmas ``cast`` in ``filters.csv``; not "a la que asistirán X y Y": those will
        take part in another event, to come). Names in a genitive ("asesora del
        presidente X") or an oblique ("propuesta por el presidente X") do not count."""
        first_any: list[str] = []
        found: list[str] = []
        for unit in self.unit_spans[:MAIN_WINDOW]:
            persons = self.parties_in(unit)
            if len(persons) >= 2:
                lead = [p for s, _, ps in self.speakers_before(unit.start_char) if s < unit.start_char
                        for p in ps[:1]]
                found = list(dict.fromkeys(lead[:1] + persons))
                break
            if persons and len(first_any) < 2:
                first_any.extend(p for p in persons if p not in first_any)
        found = found or first_any
        keys = self.tokens.lemma_key if self.tokens is not None else ()
        for unit in self.unit_spans[:CAST_WINDOW]:
            if found and any(keys[i] in self.cast_words
                             and not (is_future(t := unit.doc[i]) or "Cnd" in feats(t, "Mood"))
                             for i in range(unit.start, unit.end)):
                found.extend(p for p in self.parties_in(unit) + self._agents_in(unit) if p not in found)
        return found

    def _agents_in(self, unit: Span) -> list[str]:
        """Persons named by "por" right after a cast word ("encabezada por la secretaria X, y el
        secretario Y"): an oblique phrase that names who took part."""
        doc, keys = unit.doc, self.tokens.lemma_key
        found: list[str] = []
        for i in self._person_tokens(unit):
            prep = oblique_preposition(doc[i])
            if prep is not None and prep > 0 and doc[prep].lower_ == "por" and keys[prep - 1] in self.cast_words:
                found.extend(a for a in self.at[i] if self.kind.get(a) == "person" and a not in found)
        return found

    def parties_in(self, unit: Span) -> list[str]:
        """Persons named in ``unit`` other than in a genitive or an oblique phrase."""
        return self._named_at(unit.doc, self._person_tokens(unit), _PERSON)

    def bodies_in(self, unit: Span) -> list[str]:
        """Organizations and groups named in ``unit`` other than in a genitive or an oblique
        phrase, read at each mention's first token."""
        return self._named_at(unit.doc, self._body_heads(unit), _BODIES)

    def _named_at(self, doc: Doc, tokens: Iterable[int], kinds: frozenset[str]) -> list[str]:
        """The actors of ``kinds`` mentioned at ``tokens``, but for tokens in a genitive or an
        oblique phrase ("la asesora del presidente X", "propuesta por X")."""
        found: list[str] = []
        for i in tokens:
            ids = [a for a in self.at[i] if self.kind.get(a) in kinds and a not in found]
            if ids and not is_genitive(t := doc[i]) and not is_oblique(t):
                found.extend(ids)
        return found

    def _body_heads(self, unit: Span) -> list[int]:
        """The first token of each mention of a body in ``unit`` (the one a genitive or an
        oblique phrase hangs from: "representantes del ACNUR")."""
        if self.tokens is None:
            return []
        firsts = {self.tokens.overlapping(s, e).start for s, e, a in self.mentions if self.kind.get(a) in _BODIES}
        return sorted(i for i in firsts if unit.start <= i < unit.end)

    @cached_property
    def main_bodies(self) -> list[str]:
        """For a document that names no person in its opening: the bodies of the first sentence
        naming two or more ("El INM y la COMAR se reunieron ...": "ambas instituciones")."""
        for unit in self.unit_spans[:MAIN_WINDOW]:
            bodies = self.bodies_in(unit)
            if len(bodies) >= 2:
                return bodies
        return []

    def countries_in(self, tokens: Sequence[Token]) -> set[str]:
        """ISO codes of the countries a subject names ("México", "Estados Unidos", "el gobierno guatemalteco")."""
        words = [fold(t.text) for t in tokens if t.pos_ == "PROPN"]
        codes = {self.countries[w] for w in (fold(t.text) for t in tokens if t.pos_ == "ADJ") if w in self.countries}
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                code = self.countries.get(" ".join(words[i:i + n]))
                if code:
                    codes.add(code)
        return codes

    def of_country(self, codes: set[str], offset: int) -> list[str]:
        """The person speaking for a country named as subject ("México reitera ..."); with no
        person of that country, its body named last before ``offset`` ("La Secretaría informó que
        México presentará ..."), else the last speaker if not of another country."""
        pool = [*self.main, *(p for _, _, ps in reversed(self.speakers_before()) for p in ps)]
        for a in pool:
            if self.country.get(a) in codes:
                return [a]
        body = next((a for s, _, a in reversed(self.mentions) if s < offset and self.kind.get(a) in _BODIES
                     and self.country.get(a) in codes), None)
        return [body] if body is not None else [  # ("El Gobierno de Guatemala deberá": not Mexico's minister)
            a for a in self.last_speaker(offset) if self.country.get(a) in codes or self.country.get(a) is None]

    def ids_of(self, tokens: Iterable[Token]) -> list[str]:
        """Actor ids mentioned in ``tokens``."""
        return self._ids_of_tokens(tokens)

    def governing_speaker(self, head: Token, unit: Span) -> list[str]:
        """The person subject of the nearest verb above ``head`` ("X presentó las medidas que
        la red reforzará", "X destacó que la red reforzará ..."), if ``head``'s own subject
        names no person."""
        own = [a for a in self._ids_of_tokens(self.subject(head, unit)) if self.kind.get(a) == "person"]
        if own:
            return []
        node = head
        while node.head.i != node.i:
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                subj = [t for t in self.subject(node, unit) if not is_genitive(t)]
                persons = [a for a in self._ids_of_tokens(subj) if self.kind.get(a) == "person"]
                if persons:
                    return persons[-1:]
        return []

    def _ids_of_tokens(self, tokens: Iterable[Token]) -> list[str]:
        out: list[str] = []
        for t in tokens:
            for a in self.at.get(t.i, ()):
                if a not in out:
                    out.append(a)
        return out

    def is_group(self, tokens: Sequence[Token]) -> bool:
        """A collective subject: "ambos", "los cancilleres", "México y Estados Unidos" (a group
        word heading the phrase, not inside it: "la reunión de ministros" is one event).
        Computed once per phrase."""
        key = tuple(t.i for t in tokens)
        found = self._groups.get(key)
        if found is None:
            found = self._groups[key] = self._is_group(tokens)
        return found

    def _is_group(self, tokens: Sequence[Token]) -> bool:
        if not tokens:
            return False
        head = view(tokens[0].doc).head  # head[t.i] is t.head.i
        inside = {t.i for t in tokens}
        tops = {t.i for t in tokens if head[t.i] not in inside or head[t.i] == t.i}
        for t in tokens:
            if fold(t.lemma_) in self.group_words or fold(t.text) in self.group_words:
                heads = t.i in tops or head[t.i] in tops and t.pos_ in ("NUM", "DET", "PRON") or (
                    t.dep_ == "conj" and head[t.i] in tops)
                if heads and (t.pos_ in ("NUM", "DET", "PRON") or "Plur" in feats(t, "Number")
                              or fold(t.text) in ("ambos", "ambas", "dos")):
                    return True
        if sum(1 for t in tokens if t.dep_ in SUBJECT_DEPS) >= 2:  # "X y Y nombren" parsed as two subjects
            return True
        words = [t.lower_ for t in tokens]
        if "tanto" in words and "como" in words[words.index("tanto"):]:  # "tanto X como Y"
            return True
        # "X y Y": a conjunct of the phrase's top word (not "la unidad e integración" inside it)
        return any(t.dep_ == "conj" and head[t.i] in tops for t in tokens)

    def collective(self, unit: Span) -> list[str]:
        """:meth:`_collective` of ``unit`` (computed once per unit)."""
        key = (unit.start, unit.end)
        found = self._collectives.get(key)
        if found is None:
            found = self._collectives[key] = self._collective(unit)
        return list(found)

    def _collective(self, unit: Span) -> list[str]:
        """The parties of a collective commitment stated in ``unit``: the persons it names if
        two or more; one person named there (or, when none, in the sentence before it in the
        same paragraph) with the document's lead person ("en la reunión con el ministro X se
        acordó ..."); else the main event's persons, or, in a document whose opening names no
        person, the bodies it opens with."""
        here = self.parties_in(unit)
        if not here:
            before = self._previous_in_paragraph(unit)
            here = self.parties_in(before) if before is not None else []
            if len(here) >= 2:
                here = []  # another meeting's cast is no guide
        if len(here) >= 2:
            return here
        lead = self.main[:1]
        if len(here) == 1 and lead and here[0] != lead[0]:
            return lead + here
        return list(self.main) or list(self.main_bodies)

    def _previous_in_paragraph(self, unit: Span) -> Span | None:
        index = next((n for n, u in enumerate(self.unit_spans) if u.start == unit.start), 0)
        if index == 0:
            return None
        before = self.unit_spans[index - 1]
        between = "".join(t.text_with_ws for t in unit.doc[before.end - 1:unit.start])
        return None if "\n" in between else before

    def last_speaker(self, offset: int) -> list[str]:
        """The last person named as subject of a main verb before ``offset``; else the first
        main person ("Dijo que México fijará ..." after "La canciller X reiteró ...")."""
        for start, end, persons in reversed(self.speakers_before(offset)):
            if start < offset and persons:
                return persons[:1]
        return list(self.main[:1])

    def speakers_before(self, offset: int | None = None) -> list[tuple[int, int, list[str]]]:
        """:attr:`speakers`, holding at least every speaker whose subject starts before
        ``offset`` (all when None): persons in the subjects of the units' main verbs (``ROOT``
        and its conjuncts), found unit by unit as far as needed."""
        units = self.unit_spans
        verbs = self.tokens.main_verbs() if self.tokens is not None else []
        while self._spoken < len(units) and (offset is None or units[self._spoken].start_char < offset):
            unit = units[self._spoken]
            self._spoken += 1
            if not self._person_tokens(unit):
                continue  # subjects are sought inside the unit: it names no speaker
            lo = bisect.bisect_left(verbs, unit.start)
            for i in verbs[lo:bisect.bisect_left(verbs, unit.end, lo)]:
                subj = self.subject(token := unit.doc[i], unit)
                near = [t for t in subj if not is_genitive(t)]
                persons = [a for a in self._ids_of_tokens(near) if self.kind.get(a) == "person"]
                if persons:
                    self.speakers.append((subj[0].idx, token.idx, persons))
        return self.speakers

    def resolve(self, head: Token, unit: Span, subject: Sequence[Token] | None = None,
                modality: str = "agreement", with_: Sequence[Token] = (),
                skip: Collection[int] = ()) -> list[str]:
        """Actor ids of the party or parties committing through the trigger ``head``.

        ``subject`` overrides the parsed subject; ``with_`` are tokens naming parties the
        trigger is agreed with ("acordó con sus homólogos X e Y"); ``skip`` the trigger's own
        tokens (never a comitative party).
        """
        subj = list(subject) if subject is not None else self.subject(head, unit)
        if not subj and subject is None and head.dep_ in ("aux", "cop"):  # "El grupo deberá sesionar",
            subj = self.subject(head.head, unit)  # "X está dispuesta a": the subject of the word it helps
        clausal = {t.i for c in head.children if c.dep_ == "csubj" for t in c.subtree}
        if subject is None and subj and all(t.i in clausal for t in subj):
            subj = []  # "se prevé establecer ...": the infinitive is no party
        if not subj:
            relative = [a for a in self._ids_of_tokens(relative_antecedent(head))
                        if self.kind.get(a) == "person"]
            if len(relative) >= 2:
                return relative
        ids = self._ids_of_tokens(subj)
        persons = [a for a in ids if self.kind.get(a) == "person"]
        comitative = [a for a in self._ids_of_tokens([*comitative_tokens(head, skip), *with_])
                      if self.kind.get(a) == "person" and a not in persons]
        if persons and not (self.is_group(subj) and len(persons) < 2):
            return persons + comitative
        if comitative:
            speaker = [a for a in ids if self.kind.get(a) != "country"] or self.last_speaker(head.idx)
            return list(dict.fromkeys(speaker + comitative))
        if ids and not self.is_group(subj) and all(self.kind.get(a) != "country" for a in ids):
            return ids
        if ids and not self.is_group(subj):
            codes = {self.country.get(a) for a in ids} - {None}
            return self.of_country(codes, head.idx)
        codes = self.countries_in(subj)
        if codes and not self.is_group(subj) and len(codes) == 1:
            return self.of_country(codes, head.idx)
        body = self.body_by_head(subj, head.idx)
        if body:
            return body
        if (subj and self.is_group(subj)) or (not subj and _plural(head, modality)) or (
                not subj and modality in _COLLECTIVE_IMPERSONAL and any(c.lower_ == "se" for c in head.children)):
            return self.collective(unit)
        return self.last_speaker(head.idx)

    def body_by_head(self, subj: Sequence[Token], offset: int) -> list[str]:
        """The body named last before ``offset`` whose name opens with the subject's definite
        head noun ("El grupo deberá sesionar": the "Grupo Bilateral ..." named before)."""
        nouns = [t for t in subj if t.dep_.startswith("nsubj") and t.pos_ == "NOUN"
                 and any(c.dep_ == "det" and c.lower_ in ("el", "la", "los", "las", "dicho", "dicha")
                         for c in t.children)]
        if len(nouns) != 1:
            return []
        word = fold(nouns[0].text)
        named = [(s, a) for s, _, a in self.mentions if s < offset and self.body_head.get(a) == word]
        return [max(named)[1]] if named else []


def _plural(head: Token, modality: str) -> bool:
    """A plural verb standing for all the parties (not a first person but in an agreement)."""
    first_person = "1" in feats(head, "Person")
    return "Plur" in feats(head, "Number") and not (first_person and modality != "agreement")
