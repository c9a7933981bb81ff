"""What the rest of a document tells about the dates and places of its merged events.

Pure helpers of the events stage (:mod:`pipeline.events`), applied after the mentions of a
document are merged into events (:class:`~pipeline.events_merge.Draft`):

- the opening dateline ("Santiago, 11 de marzo de 2022. El ministro sostuvo ...") dates the
  held events the report tells of without a date of their own, and places those without a
  place (calls have none);
- an event-anchored offset ("tres días después de que X hablara") gives X's event the date
  the dates stage worked out (``Timex.other_value``);
- an event framed by another ("Después de la reunión, firmaron ...", "Durante la visita,
  ...") happened on that event's day when it names none;
- an event told in a place or purpose clause of a dated verb ("viajó el lunes a Brasilia,
  donde sostuvo una reunión", "viajará el jueves a Washington para participar en la Cumbre")
  happened when that verb's action did, when it names no date.

Who else took part: :mod:`pipeline.events_people`; places from journeys and visits:
:mod:`pipeline.events_place`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .events_attach import DocIndex, timex_on
from .events_detect import EventMention
from .events_syntax import host_verb, tense
from .events_lexicon import Lexicon
from .events_words import DocWords
from .events_merge import Draft, by_head
from .places import PlaceIndex
from .pubdate import DATELINE_WINDOW, dateline_span
from .records import Timex


def day_of(tx: Timex) -> tuple[str | None, dt.date | None, dt.date | None, str | None]:
    """(value, start, end, granularity) an event takes from a timex: a clock time gives its day."""
    if tx.type == "TIME" or tx.granularity in ("hour", "minute"):
        if tx.date_start is None:
            return None, None, None, None
        return tx.date_start.isoformat(), tx.date_start, tx.date_start, "day"
    return tx.value, tx.date_start, tx.date_end, tx.granularity


def set_date(d: Draft, tx: Timex) -> None:
    value, start, end, granularity = day_of(tx)
    if value is None:
        return
    d.timex_id, d.date_value = tx.timex_id, value
    d.date_start, d.date_end, d.granularity = start, end, granularity


def _copy_date(d: Draft, source: Draft) -> None:
    """``source``'s date, with the expression it was read from (the evidence of both)."""
    d.date_value, d.date_start, d.date_end = source.date_value, source.date_start, source.date_end
    d.granularity, d.timex_id = source.granularity, source.timex_id


def dateline_timex(text: str, timexes: Sequence[Timex]) -> Timex | None:
    """The timex of the opening dateline ("Ciudad de México, 15 de enero de 2026."), if any:
    one that starts in the first ``DATELINE_WINDOW`` characters of the text."""
    span = dateline_span(text)
    if span is None:
        return None
    return next((tx for tx in timexes if tx.start <= span[0] < tx.end or span[0] <= tx.start < span[1]), None)


def dateline_day(text: str, timexes: Sequence[Timex], events: list[Draft]) -> Timex | None:
    """The dateline's day (:func:`dateline_timex`) when it may date or place one of the held
    ``events``: only a day timex in the dateline window that ends before one of them can, so
    without one the dateline is not looked for. Found once per document for
    :func:`apply_dateline` and :func:`apply_dateline_place`."""
    held = [e for e in events if e.status == "held"]
    if not held:
        return None
    limit, last = len(text) - len(text.lstrip()) + DATELINE_WINDOW, max(e.start for e in held)
    if not any(tx.start < limit and tx.end < last and tx.granularity == "day" and tx.date_start is not None
               for tx in timexes):
        return None
    tx = dateline_timex(text, timexes)
    return tx if tx is not None and tx.granularity == "day" and tx.date_start is not None else None


def apply_dateline(events: list[Draft], day: Timex | None) -> None:
    """Held events without a date of their own happened on the dateline's ``day``
    (:func:`dateline_day`), when they are told after it."""
    for e in events if day is not None else ():
        if e.status == "held" and e.date_value is None and e.start > day.end:
            set_date(e, day)


def apply_dateline_place(events: list[Draft], text: str, day: Timex | None, places: PlaceIndex) -> None:
    """Held events other than calls with no place of their own, told after the dateline
    ("Santiago de Chile, 11 de marzo de 2022. El ministro sostuvo ..."), took place in the
    city the dateline names before its ``day``. A dateline naming only a country says too
    little; an event the text places in a country keeps it."""
    if day is None:
        return
    line = text[text.rfind("\n", 0, day.start) + 1:day.start]
    cities = [m.place for m in places.find(line.split()) if m.place.kind != "country"]
    for e in events if cities else ():
        if e.status == "held" and e.place is None and e.kind != "call" and e.start > day.end:
            e.place = cities[-1]


def apply_other_dates(events: list[Draft], timexes: Sequence[Timex], words: DocWords) -> None:
    """"tres días después de que X": X's event, when undated, takes ``other_value``."""
    for tx in timexes:
        if tx.other_value is None or tx.other_start is None or tx.other_end is None:
            continue
        for e in events:
            if e.date_value is None and tx.other_start <= words.idx[e.lead.head] < tx.other_end:
                try:
                    day = dt.date.fromisoformat(tx.other_value)
                except ValueError:
                    continue
                e.date_value, e.date_start, e.date_end, e.granularity = tx.other_value, day, day, "day"


def _frame_word(m: EventMention, words: DocWords, lex: Lexicon) -> bool:
    """"Después de la reunión", "Tras el encuentro", "Al concluir la reunión", "Durante la
    visita", "En el marco de la visita" (a cue of class ``same_day`` in the four words before the
    mention, not a name: "Marco Rubio"), "En la reunión," opening a sentence (``attrs["opens"]``)."""
    return "opens" in m.attrs or lex.any_at("same_day", words, (
        j for j in range(max(0, m.start - 4), m.start) if words.pos[j] != "PROPN"))


def inherit_frame_dates(events: list[Draft], mentions: Sequence[EventMention], words: DocWords,
                        lex: Lexicon) -> None:
    """An undated event whose clause is framed by a dated one ("Después de la reunión, los
    ministros firmaron ...") took place on that event's day."""
    owner = by_head(events)
    for e in events:
        if e.date_value is not None or e.lead.pos == "noun" and e.lead.frame:
            continue
        for m in mentions:
            if m.sent != e.lead.sent or m.head >= e.lead.start or m.head in e.heads:
                continue
            framer = owner.get(m.head)
            if framer is None or framer is e or framer.granularity != "day" or (
                    e.status == "planned" and framer.status == "held"):
                continue  # ("Durante la reunión, acordaron celebrar X": X is not on the meeting's day)
            if _frame_word(m, words, lex):
                _copy_date(e, framer)
                break


def inherit_clause_dates(events: list[Draft], lex: Lexicon, index: DocIndex) -> None:
    """An undated event told in a place relative or a purpose clause of a verb with a date of
    its own (in the same tense, when the event's verb has one) took place then (see
    :func:`~pipeline.events_syntax.host_verb`); a host verb with no date, coordinated in the
    same tense with one that has ("el sábado estarán en X, y de allí se trasladarán a Y para
    asistir a la ceremonia"), shares that one's. So does an event whose own
    verb is coordinated in the same tense with the verb of an event dated to a day ("sostuvo
    este jueves una videoconferencia con X, y más tarde conversó por teléfono con Y")."""
    words = index.words
    by_verb = {d.lead.anchor: d for d in events if d.granularity == "day"}
    for e in events:
        if e.date_value is not None:
            continue
        own = e.lead.anchor
        first = by_verb.get(words.head[own]) if words.dep[own] == "conj" and not e.lead.frame \
            and words.pos[own] in ("VERB", "AUX") else None  # (not nouns: "la reunión del 5 y la cumbre")
        if first is not None and first is not e and tense(own, words) == tense(first.lead.anchor, words):
            _copy_date(e, first)
            continue
        verb = host_verb(e.lead, lex, words)
        if verb is not None and tense(own, words) not in (None, tense(verb, words)):
            continue  # "felicitó ayer al ministro X, con quien sostendrá una reunión": not that day
        tx = timex_on({verb}, verb, index, set()) if verb is not None else None
        if tx is None and verb is not None and words.dep[verb] == "conj":
            first = words.head[verb]  # (a predicate: "estarán presentes")
            if words.pos[first] in ("VERB", "AUX", "ADJ") and tense(first, words) == tense(verb, words):
                tx = timex_on({first}, first, index, set())
        if tx is not None:
            set_date(e, tx)
