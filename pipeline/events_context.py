"""What the rest of a document tells about its merged events: dates and people they lack.

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
  happened when that verb's action did, when it names no date;
- an elided or collective plural subject ("sostuvieron una conversación", "los dos
  ministros firmaron") stands for the people of the event told just before;
- a sentence with no event of its own that tells who else took part ("Por parte de México,
  participaron ...", "La delegación china estuvo conformada por ...") adds them to the event
  told before it;
- meetings during a visit to a city take place in that city.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from .events_actors import listed_after_colon
from .events_attach import DocIndex, timex_on
from .events_detect import EventMention
from .events_syntax import governing_verb, host_verb
from .events_lexicon import Lexicon
from .events_words import DocWords
from .docparse import feats
from .events_merge import Draft
from .places import PlaceIndex
from .pubdate import DATELINE_WINDOW, dateline_span
from .records import Timex

#: Words before an event noun that make it the frame of what the clause tells.
_FRAME_WORDS = frozenset({"después", "tras", "luego", "durante", "concluir", "concluida",
                          "concluido", "terminar", "finalizar", "término", "final"})
#: Plural subjects that stand for the people already named ("ambos cancilleres", "los dos").
_COLLECTIVE_DET = frozenset({"ambos", "ambas", "dos"})


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
    d.date_value, d.date_start, d.date_end = source.date_value, source.date_start, source.date_end
    d.granularity = source.granularity


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


def _frame_word(m: EventMention, words: DocWords) -> bool:
    """"Después de la reunión", "Tras el encuentro", "Al concluir la reunión", "Durante la visita"."""
    for j in range(max(0, m.start - 4), m.start):
        if words.low[j] in _FRAME_WORDS or words.lem[j] in _FRAME_WORDS:
            return True
    return False


def inherit_frame_dates(events: list[Draft], mentions: Sequence[EventMention], words: DocWords) -> None:
    """An undated event whose clause is framed by a dated one ("Después de la reunión, los
    ministros firmaron ...") took place on that event's day."""
    owner = {h: e for e in events for h in e.heads}
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
            if _frame_word(m, words):
                _copy_date(e, framer)
                break


#: Kinds of event whose frame ("En el marco de la Cumbre, ...") is attended by who meets in it.
_GATHERINGS = frozenset({"meeting", "summit"})


def inherit_framed_people(events: list[Draft]) -> None:
    """A meeting or summit that frames the rest of its sentence ("En el marco de la Reunión
    Ministerial del G7, el canciller sostuvo un encuentro con X") was attended by the people of
    the events told in that frame; those with no place of their own took place where it did
    ("En el marco de la 54 Asamblea General de la OEA, celebrada en Asunción, ...")."""
    for frame in events:
        m = frame.lead
        if not (m.frame and m.pos == "noun" and frame.kind in _GATHERINGS):
            continue
        for e in events:
            if e is not frame and e.lead.sent == m.sent and e.lead.start > m.end and not e.lead.frame:
                frame.actors |= {a for a in e.actors if not a.startswith("~")}
                if e.place is None:
                    e.place = frame.place




def inherit_clause_dates(events: list[Draft], lex: Lexicon, index: DocIndex) -> None:
    """An undated event told in a place relative or a purpose clause of a verb with a date of
    its own took place then (see :func:`~pipeline.events_syntax.host_verb`); a host verb with no
    date, coordinated in the same tense with one that has ("el sábado estarán en X, y de allí se
    trasladarán a Y para asistir a la ceremonia"), shares that one's."""
    words = index.words
    for e in events:
        if e.date_value is not None:
            continue
        verb = host_verb(e.lead, lex, words)
        tx = timex_on({verb}, verb, index, set()) if verb is not None else None
        if tx is None and verb is not None and words.dep[verb] == "conj":
            first = words.head[verb]  # (a predicate: "estarán presentes")
            if words.pos[first] in ("VERB", "AUX", "ADJ") and _tense(first, words) == _tense(verb, words):
                tx = timex_on({first}, first, index, set())
        if tx is not None:
            set_date(e, tx)


def _collective(e: Draft, lex: Lexicon, words: DocWords) -> bool:
    """The event's verb is plural with no subject of its own, or with a collective one
    ("ambos funcionarios", "los dos ministros", "los cancilleres")."""
    pos, dep, up, low_ = words.pos, words.dep, words.head, words.low
    anchor = e.lead.anchor
    if pos[anchor] not in ("VERB", "AUX") or e.lead.frame or e.name:
        return False
    for _ in range(3):  # "acordaron reunirse" ("acordaron reactivar X y realizar Y"): the
        # subject of the verb that governs it
        if "Inf" in feats(words.tokens[anchor], "VerbForm") and dep[anchor] in ("xcomp", "ccomp", "conj") \
                and pos[up[anchor]] in ("VERB", "AUX"):
            anchor = up[anchor]
    if "Plur" not in feats(words.tokens[anchor], "Number") or _names_its_class(e.lead.head, words):
        return False
    subject = next((c for c in words.children[anchor] if dep[c] in ("nsubj", "nsubj:pass")), None)
    if subject is not None and low_[subject] == "que" and dep[anchor].startswith("acl") \
            and "Plur" not in feats(words.tokens[up[anchor]], "Number"):
        subject = None  # "la conversación que tuvieron": the plural verb does not agree with the
        # singular noun "que" stands for, so "que" is its object and the verb has no subject
    if subject is None:
        return not any(low_[j] in ("se",) for j in range(max(0, anchor - 2), anchor))
    subtree = words.subtree(subject, len(low_))  # (all of Token.subtree)
    if {low_[t] for t in subtree} & _COLLECTIVE_DET:
        return True
    return "Plur" in feats(words.tokens[subject], "Number") and lex.has_at("person_head", words, subject) \
        and any(dep[c] == "det" and low_[c] in ("los", "las") for c in words.children[subject]) \
        and len(subtree) <= 3


def _names_its_class(head: int, words: DocWords) -> bool:
    """"un nuevo encuentro de empresarios", "la reunión de ministros": the event noun ``head``
    names who takes part by a bare plural noun after "de", so it is not the event before it."""
    for c in words.children[head]:
        if words.pos[c] == "NOUN" and "de" in words.case_of[c] and "Plur" in feats(words.tokens[c], "Number") \
                and not any(words.dep[g] == "det" for g in words.children[c]):
            return True
    return False


def inherit_plural_actors(events: list[Draft], mentions: Sequence[EventMention], lex: Lexicon,
                          words: DocWords) -> None:
    """An event with a plural subject that names no one ("acordaron reunirse", "ambos
    cancilleres") takes the participants of an event with two or more: one mentioned earlier
    in its sentence ("En la videoconferencia, ambos cancilleres acordaron realizar una
    sesión": over the two foreign ministers the participants stage read in "ambos
    cancilleres"), else, if it names no one at all, the one told just before it."""
    ordered = sorted(events, key=lambda d: d.start)
    owner = {h: d for d in events for h in d.heads}

    def several(d: Draft) -> bool:
        return len({a for a in d.actors if not a.startswith("~")}) >= 2

    for n, e in enumerate(ordered):
        if not _collective(e, lex, words):
            continue
        told = [owner[m.head] for m in sorted(mentions, key=lambda m: m.start)
                if m.sent == e.lead.sent and m.end <= e.lead.start and owner.get(m.head) not in (None, e)]
        framing = [p for p in told if several(p)]
        if framing:
            e.actors = set(e.partners) | framing[-1].actors
        elif not e.actors:
            before = [p for p in ordered[:n] if several(p)]
            if before:
                e.actors |= before[-1].actors


#: Kinds of event a delegation takes part in ("Por parte de México participaron ...").
_DELEGATION_KINDS = frozenset({"meeting", "summit", "visit", "signing"})
#: Verb tenses and the status of the event a line about its delegations may be about.
_TENSE_STATUS = {"Past": "held", "Imp": "held", "Fut": "planned"}


def join_delegation_lines(events: list[Draft], mentions: Sequence[EventMention], lex: Lexicon,
                          index: DocIndex, inside: Callable[[int], bool]) -> None:
    """People a sentence with no event mention of its own says took part add to the event told
    before it: the subject of a verb of taking part with no "en"/"a" complement of its own
    ("Por parte de México, participaron la subsecretaria X y el director Y"; cue class
    ``joins_subj``; also the people of a list after a colon, :func:`listed_after_colon`), or
    the "por" agent of a delegation's make-up ("La delegación china estuvo conformada por X,
    ministro consejero, y Z"; ``joins_agent``). The event is the last
    meeting, summit, visit or signing before the sentence whose status fits the verb's tense."""
    words = index.words
    told = {words.sent_of[m.head] for m in mentions if m.strong}
    # the verbs the mentions already read ("En el encuentro participaron X y Y")
    verbs = {m.anchor for m in mentions} | {m.support for m in mentions if m.support is not None}
    ordered = sorted((e for e in events if e.kind in _DELEGATION_KINDS), key=lambda d: d.start)
    cues = lex.cues.get("joins_subj", {}).keys() | lex.cues.get("joins_agent", {}).keys()
    if not ordered or (cues.isdisjoint(words.low) and cues.isdisjoint(words.lem)):
        return  # (most documents: no word of either class, and no token to look at)
    for verb in [k for k, (low, lem) in enumerate(zip(words.low, words.lem)) if low in cues or lem in cues]:
        subject = lex.has_at("joins_subj", words, verb)
        agent = not subject and lex.has_at("joins_agent", words, verb)
        if not (subject or agent) or words.sent_of[verb] in told or verb in verbs \
                or not inside(words.idx[verb]):
            continue
        # an "en"/"a" phrase is taking part in something else ("participó en la inauguración"),
        # unless it is a name (a place) or names the people: the parse hangs a list of subjects
        # on a title's place or on the verb ("la embajadora en Estados Unidos, X, y el Y")
        children = words.children[verb]
        phrases = [c for c in children if words.case_of[c] & {"en", "a", "al"}]
        named = [c for c in phrases if any(k in index.actors_of for k in words.subtree(c, 40))]
        if subject and words.pos[verb] == "VERB" and all(
                c in named or words.pos[c] == "PROPN" for c in phrases):
            heads = [c for c in children if words.dep[c] == "nsubj" or (
                words.dep[c] == "conj" and words.pos[c] in ("NOUN", "PROPN"))] + named
        elif agent:
            heads = [c for c in words.children[verb] if "por" in words.case_of[c]]
        else:
            continue
        people = {a for k in _listed(heads, words) for a in index.actors_of.get(k, ())}
        if subject:  # "Participaron también:" and one line per person
            people |= listed_after_colon(verb, index)
        status = _TENSE_STATUS.get(_tense(verb, words) or "")
        before = [e for e in ordered if e.start < words.idx[verb] and status in (None, e.status)]
        if people and before:
            before[-1].actors |= people


def _listed(heads: list[int], words: DocWords) -> list[int]:
    """The tokens naming the members of a list: each head, the heads coordinated with it or in
    apposition to it ("la subsecretaria Teresa Mercado", "Zhu Jian, ministro consejero, y Chen
    Xiang") and the rest of their names ("Zhu Jian": flat), not the people their titles name
    ("asesora del presidente Joe Biden")."""
    out, todo = [], list(heads)
    while todo:
        k = todo.pop()
        out.append(k)
        for c in words.children[k]:
            if words.dep[c] in ("conj", "appos"):
                todo.append(c)
            elif words.dep[c] == "flat":
                out.append(c)
    return out


def _tense(verb: int, words: DocWords) -> str | None:
    """The tense of a verb, or of its copula or auxiliary ("estuvo conformada"), or, for a
    participle that has neither, of the verb it hangs on ("la delegación, encabezada por X, no
    hizo ...")."""
    for _ in range(2):
        for k in (verb, *words.children[verb]):
            if k == verb or words.dep[k] in ("cop", "aux", "aux:pass"):
                tense = feats(words.tokens[k], "Tense")
                if tense:
                    return tense[0]
        verb = governing_verb(verb, words)
        if verb is None:
            return None
    return None


def inherit_visit_place(events: list[Draft], countries: dict[str, str]) -> None:
    """Meetings during a visit to a city take place in that city when the text names no other
    and each person they name whose country is known was there: a visitor, or someone of the
    visited country (``countries``: a person's actor id -> the state they represent). The
    canciller's meeting with the Peruvian minister at an assembly abroad did not happen during
    the French president's visit to the Mexican capital."""
    cities = {e.place.location for e in events
              if e.kind == "visit" and e.status == "held" and e.place is not None
              and e.place.location and e.place.kind != "country"}
    if len(cities) != 1:
        return
    visits = [e for e in events if e.kind == "visit" and e.place is not None and e.place.location in cities]
    city, visitors = visits[0].place, set().union(*(_named(v) for v in visits))
    for e in events:
        if e.kind in ("meeting", "summit", "signing", "other") and (
                e.place is None or (e.place.location is None and e.place.country == city.country)) and all(
                a in visitors or countries.get(a, city.country) == city.country for a in _named(e)):
            e.place = city


def _named(event: Draft) -> set[str]:
    """The resolved people of an event (not the unresolved heads of ``partners``, "~...")."""
    return {a for a in event.actors | event.partners if not a.startswith("~")}


def rejoin_delegations(drafts: list[tuple[Draft, bool]], sides: dict[str, str | None]) -> list[tuple[Draft, bool]]:
    """"se reunió con el vicepresidente X, y con el secretario de Estado Y": partners split off
    by ", y con" who serve the same government as the partners before them are one delegation
    at one meeting (``sides``: actor id -> country or organization); people of different
    sides ("con el ministro X, y con la secretaria general de un organismo, Y") stay apart."""
    out: list[tuple[Draft, bool]] = []
    for draft, weak in drafts:
        m = draft.lead
        prev = out[-1][0] if out else None
        if m.attrs.get("comma") and prev is not None and prev.lead.head == m.head:
            mine = {sides.get(a) for a in draft.partners if not a.startswith("~")}
            theirs = {sides.get(a) for a in prev.partners if not a.startswith("~")}
            if len(mine) == 1 and mine == theirs and None not in mine:
                prev.partners |= draft.partners
                prev.actors |= draft.actors
                prev.end = max(prev.end, draft.end)
                continue
        out.append((draft, weak))
    return out


def taking_part(d: Draft, kinds: dict[str, str]) -> set[str]:
    """The participants of an event: people and working groups; an organization or country only
    as the partner met when no person is ("se reunió con la OEA"), never as the body that reports
    or announces the event ("precisó la cancillería") nor beside the people who met."""
    people = {a for a in d.actors if kinds.get(a, "person") in ("person", "group")}
    bodies = {a for a in d.partners if kinds.get(a) in ("organization", "country")}
    if any(kinds.get(a, "person") == "person" for a in d.partners):
        return people
    return people | bodies
