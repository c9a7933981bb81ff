"""Events stage: calls, meetings, visits, summits and signings, held, planned or cancelled.

Reads the parse, ``doc._.timexes`` (dates stage), ``doc._.participants`` and
``doc._.mentions`` (participants stage) and ``doc._.published``; writes ``doc._.events``
(:class:`~pipeline.records.Event`, ``event_id`` in document order, ``actor_ids`` the
participants).

Rules are data in ``models/events/``: ``triggers.csv`` (nouns and verbs of interaction and
their kind), ``cues.csv`` (support verbs, status cues, frames, exclusions, person heads),
``venues.csv`` (where an event at a venue takes place); places and countries come from
``models/gazetteer/places.csv`` and ``countries.csv``.

Public entry point: the ``sre_events`` factory (:class:`EventsComponent`).
"""

import logging
from collections import Counter
from collections.abc import Mapping

from spacy.language import Language
from spacy.tokens import Doc

from .event_status import adjust_by_date, mention_status
from .events_actors import mention_actors
from .events_attach import (DocIndex, anchored_inner, attach_timex, build_index, event_offset,
                            postponed_to, shift)
from .events_context import (apply_dateline, apply_dateline_place, apply_other_dates, dateline_day,
                             inherit_clause_dates, inherit_frame_dates, set_date)
from .events_people import (inherit_framed_people, inherit_plural_actors, join_delegation_lines,
                            rejoin_delegations, taking_part)
from .events_detect import EventMention, find_mentions
from .events_syntax import opens_place_relative
from .events_lexicon import (CUE_CLASSES, CUE_STATUSES, EVENT_KINDS, REQUIREMENTS, TRIGGER_POS, Lexicon,
                             cue_fits_class, requirement_fits_pos)
from .events_words import DocWords
from .docparse import feats
from .events_merge import Draft, merge, name_words
from .events_place import attach_place, inherit_clause_places, inherit_visit_place
from .gazetteer import GAZETTEER_FILES, check_countries
from .lang import language_data
from .places import PlaceIndex
from .records import Event, Timex, get_list, in_report
from .rules import RuleComponent, Schema

log = logging.getLogger(__name__)

#: Evidence spans are cut to this many tokens either side of the trigger.
EVIDENCE_WINDOW = 12


class EventsComponent(RuleComponent):
    """Finds event mentions, attaches date, place and participants, merges coreferent ones."""

    FILES = {
        "triggers": ("events/triggers.csv", Schema(
            {"term": "str", "pos": "str", "kind": "str", "requires": "str", "note": "str"},
            frozenset({"term", "pos", "kind"}),
            choices={"pos": TRIGGER_POS, "kind": EVENT_KINDS, "requires": REQUIREMENTS},
            check=requirement_fits_pos)),
        "cues": ("events/cues.csv", Schema(
            {"term": "str", "class": "str", "status": "str", "note": "str"},
            frozenset({"term", "class"}), choices={"class": CUE_CLASSES, "status": CUE_STATUSES},
            check=cue_fits_class)),
        "venues": ("events/venues.csv", Schema(
            {"venue": "str", "aliases": "list", "location": "str", "country": "iso3", "note": "str"},
            frozenset({"venue"}))),
    }
    SHARED = {key: GAZETTEER_FILES[key] for key in ("places", "countries")}

    def compile(self) -> None:
        check_countries(self.tables)
        #: number words ("tres días después"), of the same ``models/lang/`` as the dates stage's
        self.numbers: dict[str, int] = language_data("es", self.models_dir)["numbers"]
        self.lexicon = Lexicon.from_rows(self.tables["triggers"], self.tables["cues"])
        self.generic = frozenset(w for row in self.tables["triggers"] for w in name_words(row["term"]))
        self.places = PlaceIndex(self.tables["places"], self.tables["countries"], self.tables["venues"])

    def __call__(self, doc: Doc) -> Doc:
        events = get_list(doc, "events")
        events.clear()
        timexes = get_list(doc, "timexes")
        participants = get_list(doc, "participants")
        words = DocWords.of(doc)
        index = build_index(timexes, participants, words)
        person_tokens = set(index.actors_of)
        for mention in get_list(doc, "mentions"):
            if mention.label in ("PER", "ROLE"):
                span = words.char_span(mention.start, mention.end)
                person_tokens.update(range(*span) if span else ())
        inside = in_report(doc)  # (no event from a teaser of another article)
        mentions = [m for m in find_mentions(self.lexicon, person_tokens, words)
                    if inside(words.idx[m.start])]
        for m in mentions:
            m.status = mention_status(m, self.lexicon, words)
        _cancel_within_trips(mentions, words)
        mentions, trips = _fold_purposes(mentions, words)
        drafts, anchored = self._drafts(doc, mentions, index)
        sides = {p.actor_id: p.country or p.organization for p in participants}
        drafts = rejoin_delegations(drafts, sides)
        for draft, _ in drafts:
            trip = trips.get(draft.lead.head)
            if trip is not None:
                draft.lead.status = draft.status = trip.status
                draft.lead.strong = True
                if draft.place is None:
                    found = attach_place(trip, self.places, words, self.lexicon)
                    draft.place = found[0] if found else None
        merged = merge(drafts, self.generic)
        _resolve_anchored(merged, anchored, timexes, self.numbers)
        apply_other_dates(merged, timexes, words)
        inherit_frame_dates(merged, mentions, words, self.lexicon)
        inherit_clause_dates(merged, self.lexicon, index)
        inherit_clause_places(merged, self.lexicon, self.places, words)
        dateline = dateline_day(index.text, timexes, merged)
        apply_dateline(merged, dateline)
        inherit_plural_actors(merged, mentions, self.lexicon, words)
        inherit_framed_people(merged, mentions, words, self.lexicon)
        join_delegation_lines(merged, mentions, self.lexicon, index, inside)
        inherit_visit_place(merged, {p.actor_id: p.country for p in participants
                                     if p.kind == "person" and p.country})
        apply_dateline_place(merged, index.text, dateline, self.places)
        published = doc._.published
        kinds = {p.actor_id: p.kind for p in participants}
        for event_id, d in enumerate(sorted(merged, key=lambda d: d.start)):
            status = adjust_by_date(d.status, d.date_start, d.date_end, published)
            place = d.place
            events.append(Event(
                event_id=event_id, kind=d.kind, status=status, start=d.start, end=d.end,
                name=d.name, date_value=d.date_value, date_start=d.date_start,
                date_end=d.date_end, timex_id=d.timex_id,
                location=place.location if place else None,
                location_country=place.country if place else None,
                actor_ids=sorted(taking_part(d, kinds))))
        return doc

    def _drafts(self, doc: Doc, mentions: list[EventMention], index: DocIndex
                ) -> tuple[list[tuple[Draft, bool]], list[tuple[Draft, Timex]]]:
        elsewhere = anchors_elsewhere({m.head: {m.head, m.anchor} for m in mentions})
        drafts: list[tuple[Draft, bool]] = []
        anchored: list[tuple[Draft, Timex]] = []
        for m in mentions:
            inner = anchored_inner(m, index, self.numbers)
            others = elsewhere[m.head] - {m.head, m.anchor}
            moved = postponed_to(m, index, others)
            if moved is not None:
                m.status = "planned"  # "se pospuso al lunes 9 de febrero": it will happen then
            tx = None if inner is not None else moved or attach_timex(m, index, others, self.lexicon)
            if tx is not None and not m.strong and not _near(m, tx, index.words):
                tx = None  # a reference lends its date only when the date is right by it
            actors, partners = mention_actors(doc, m, index, self.lexicon)
            found = attach_place(m, self.places, index.words, self.lexicon)
            d = Draft(lead=m, kind=m.kind, status=m.status, actors=actors, partners=partners,
                      heads=[m.head], place=found[0] if found else None)
            d.name = _name(doc, m, index, d)
            if tx is not None:
                set_date(d, tx)
            if inner is not None:
                anchored.append((d, inner))
                offset = event_offset(inner.text, self.numbers)
                if inner.date_start is not None and inner.granularity == "day" and offset is not None:
                    day = shift(inner.date_start, offset)
                    d.date_value, d.date_start, d.date_end, d.granularity = day.isoformat(), day, day, "day"
            d.start, d.end = _evidence(m, tx, index.words)
            weak = not m.strong
            if not weak and _occurrence_reference(m, d, index.words):
                weak = d.promote = True
            elif weak and not m.frame and not m.headline and d.date_value is not None:
                d.promote = True
            drafts.append((d, weak))
        return drafts, anchored


def anchors_elsewhere(anchor_sets: dict[int, set[int]]) -> dict[int, set[int]]:
    """For each key, the union of the other keys' sets (the tokens of the other mentions'
    triggers and verbs), without a union per pair: a token not in the key's own set is in
    another's when it is in any set; one of its own, when it is in two sets or more."""
    counts = Counter(x for anchors in anchor_sets.values() for x in anchors)
    every, shared = set(counts), {x for x, k in counts.items() if k > 1}
    return {h: (every - own) | (own & shared) for h, own in anchor_sets.items()}


def _occurrence_reference(m: EventMention, d: Draft, words: DocWords) -> bool:
    """"La reunión ocurrió / se realizó ...": a definite event noun that is the subject of a verb
    of occurrence, with no partners, name or date of its own, refers to the event told before."""
    return (m.pos == "noun" and m.attrs.get("det") == "definite" and words.dep[m.head].startswith("nsubj")
            and m.support is not None and not d.partners and not d.name and d.date_value is None)


def _near(m: EventMention, tx: Timex, words: DocWords) -> bool:
    """Whether the date ``tx`` is right by the trigger phrase of ``m`` (in characters)."""
    last = m.end - 1
    start, end = words.idx[m.start], words.view.end_char(last)
    return -40 <= tx.start - end <= 60 or 0 <= start - tx.end <= 20


def _name(doc: Doc, m: EventMention, index: DocIndex, d: Draft) -> str | None:
    """The name of the event: the group a "cuyo" clause hangs on, or the mention's name span."""
    words = index.words
    for c in words.children[m.head]:  # "el Grupo ..., cuya próxima reunión": the group names it
        if words.lem[c] == "cuyo" and words.view.lemmas[c].lower() == "cuyo":
            cur = m.head
            for _ in range(3):
                cur = words.head[cur]
                if words.pos[cur] in ("PROPN", "NOUN") and cur < m.head:
                    ent = next((e for e in doc.ents if e.start <= cur < e.end), None)
                    d.actors |= index.actors_of.get(cur, set())
                    return ent.text if ent is not None else words.texts[cur]
    if m.name is None:
        return None
    return _span_text(words, m.name[0], m.name[1])


def _span_text(words: DocWords, start: int, end: int) -> str:
    """``doc[start:end].text``."""
    return words.view.span_text(start, end)


def _evidence(m: EventMention, tx: Timex | None, words: DocWords) -> tuple[int, int]:
    """Character span of the phrase naming the event: support verb .. trigger .. complements."""
    texts, idx = words.texts, words.idx
    first = m.start
    if m.anchor < m.start and m.start - m.anchor <= 6:
        first = m.anchor
    if m.name is not None:
        first = min(first, m.name[0])
    last = m.end if m.name is None else max(m.end, m.name[1])
    stop = min(words.sent(m.head)[1], last + EVIDENCE_WINDOW)
    i = last
    while i < stop and not (texts[i] in (".", ";", ":") or words.space[i]
                            or words.low[i] in ("para", "que", "donde")):
        i += 1
    last = max(last, i)
    start_char = idx[first]
    end_char = words.view.end_char(last - 1)
    if "split" in m.attrs:  # "..., así como con Y": the phrase naming Y
        lo = m.attrs["split"] - 2
        hi = min(m.attrs.get("until", lo + EVIDENCE_WINDOW), lo + EVIDENCE_WINDOW, words.sent(m.head)[1])
        return idx[lo], words.view.end_char(hi - 1)
    if tx is not None and tx.start >= start_char and tx.start - end_char <= 3:
        end_char = max(end_char, tx.end)
    return start_char, end_char


def _fold_purposes(mentions: list[EventMention], words: DocWords
                   ) -> tuple[list[EventMention], dict[int, EventMention]]:
    """A visit made for another event ("visitará México para participar en la Cumbre", "canceló
    la visita que realizaría ... para reunirse con X") is that event: the visit mention is
    dropped and lends its status and place to the purpose event (keyed by its head)."""
    trips: dict[int, EventMention] = {}
    for visit in mentions:
        if visit.kind != "visit" or not visit.strong:
            continue
        hosts = _trip_clauses(visit, words)
        for other in mentions:
            if other is visit or other.kind == "visit":
                continue
            verb = other.anchor
            if "Inf" not in feats(words.tokens[verb], "VerbForm") or not any(
                    words.low[c] == "para" for c in words.children[verb]):
                continue
            if _within(verb, hosts, words):
                trips[other.head] = visit
                break
    dropped = {id(v) for v in trips.values()}
    return [m for m in mentions if id(m) not in dropped], trips


def _trip_clauses(visit: EventMention, words: DocWords) -> set[int]:
    """The tokens a clause of a visit hangs on: its trigger, its verb and the verbs of its
    relative clauses ("la gira que realizaría hoy por Hidalgo")."""
    return {visit.head, visit.anchor} | {c for c in words.children[visit.head]
                                         if words.dep[c] in ("acl", "acl:relcl")}


def _within(verb: int, hosts: set[int], words: DocWords) -> bool:
    """Whether a clause's verb hangs on one of a trip's ``hosts``, one or two arcs up."""
    return words.head[verb] in hosts or words.head[words.head[verb]] in hosts


def _cancel_within_trips(mentions: list[EventMention], words: DocWords) -> None:
    """An event told in a place relative of a cancelled visit ("canceló una gira que realizaría
    por Hidalgo, donde se reuniría con productores") is cancelled with it."""
    for visit in mentions:
        if visit.kind != "visit" or visit.status != "cancelled":
            continue
        hosts = _trip_clauses(visit, words)
        for other in mentions:
            verb = other.anchor
            if other is visit or not opens_place_relative(verb, words):
                continue
            if _within(verb, hosts, words):
                other.status = "cancelled"


def _resolve_anchored(events: list[Draft], anchored: list[tuple[Draft, Timex]],
                      timexes: list[Timex], numbers: Mapping[str, int]) -> None:
    """"X tres días después de que Y": Y's date from X's (or X's from Y's, adding)."""
    for inner, tx in anchored:
        offset = event_offset(tx.text, numbers)
        if offset is None:
            continue
        outer = next((e for e in events if e.timex_id == tx.timex_id), None)
        target = next((e for e in events if inner.lead.head in e.heads), None)
        if target is None:
            continue
        if target.date_value is None and outer is not None and outer.granularity == "day" \
                and outer.date_start is not None:
            day = shift(outer.date_start, offset)
            target.date_value, target.date_start, target.date_end = day.isoformat(), day, day
            target.granularity = "day"
        elif outer is not None and outer.date_value is None and target.granularity == "day" \
                and target.date_start is not None:
            day = shift(target.date_start, -offset)
            outer.date_value, outer.date_start, outer.date_end = day.isoformat(), day, day
            outer.granularity = "day"


@Language.factory("sre_events", default_config={"models_dir": None})
def make_events(nlp: Language, name: str, models_dir: str | None) -> EventsComponent:
    return EventsComponent(nlp, name, models_dir)
