"""Hand-built inputs for the events stage: the dates and participants the stages before it
would record, so that the events tests measure the events stage alone."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.records import Event, Participant, Timex

#: People of the tests of who takes part, by name: their countries.
DELEGATION_PEOPLE = {"Luis Vera": "MEX", "Pedro Soto": "PER", "Ana Ruiz": "MEX", "Rosa Gil": "PER",
                     "Juan Mora": "USA"}
#: A journey with an event in a place relative.
TRAVEL = "El canciller Luis Vera viajará a Lima, donde se reunirá con la ministra Ana Ruiz."


def hand_timex(n: int, text: str, surface: str, value: str, anchor: str = "absolute",
               occurrence: int = 0) -> Timex:
    """Timex ``n`` for the ``occurrence``-th ``surface`` of ``text``, of value ``value`` (a day,
    month or year, or a day and clock time ``2026-03-09T10:00``, which makes it a TIME)."""
    start = [m.start() for m in re.finditer(re.escape(surface), text)][occurrence]
    parts = [int(p) for p in value.split("T")[0].split("-")]
    if len(parts) == 3:
        first = last = dt.date(*parts)
        granularity = "minute" if "T" in value else "day"
    elif len(parts) == 2:
        first, last = dt.date(*parts, 1), dt.date(*parts, calendar.monthrange(*parts)[1])
        granularity = "month"
    else:
        first, last, granularity = dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
    return Timex(n, start, start + len(surface), surface, "TIME" if "T" in value else "DATE",
                 value, first, last, granularity, anchor)


def hand_events(nlp: Language, text: str, published: str | None, dates: Mapping[str, str] | None = None,
                people: Mapping[str, str | None] | Sequence[str] | None = None,
                anchored: Mapping[str, str] | None = None, timexes: Sequence[Timex] = (),
                misparse: Callable[[Doc], None] | None = None) -> list[Event]:
    """The events ``nlp`` (the base model and the events stage) finds in ``text``, given dates
    by surface (``dates``; ``anchored``: anchored on an event) or as ``timexes``, and people by
    name (a list, or a mapping name -> country), each a participant at all its occurrences."""
    doc = nlp.make_doc(text)
    doc._.doc_id = "test"
    doc._.published = dt.date.fromisoformat(published) if published else None
    found = list(timexes)
    for surfaces, anchor in ((dates or {}, "absolute"), (anchored or {}, "event")):
        for surface, value in surfaces.items():
            found.append(hand_timex(len(found), text, surface, value, anchor))
    doc._.timexes = sorted(found, key=lambda t: t.start)
    countries = people if isinstance(people, Mapping) else dict.fromkeys(people or ())
    participants = []
    for name, country in countries.items():
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
        if spans:
            participants.append(Participant(name, name, "person", spans[0][0], spans[0][1], "name",
                                            country=country, spans=spans))
    doc._.participants = participants
    for name, proc in nlp.pipeline:
        if name == "sre_events" and misparse is not None:
            misparse(doc)  # a parse error the model makes elsewhere, made here by hand
        doc = proc(doc)
    return doc._.events


def rehang(changes: Mapping[str, tuple[str, str | None]]) -> Callable[[Doc], None]:
    """A ``misparse`` for :func:`hand_events`: each word of ``changes`` (its first occurrence)
    hung on the word named (``word: (head_word, dep)``; ``dep`` None keeps its label), as the
    model hangs it in other sentences."""

    def misparse(doc: Doc) -> None:
        at: dict[str, int] = {}
        for t in doc:
            at.setdefault(t.text, t.i)
        for word, (head, dep) in changes.items():
            doc[at[word]].head = doc[at[head]]
            if dep is not None:
                doc[at[word]].dep_ = dep

    return misparse
