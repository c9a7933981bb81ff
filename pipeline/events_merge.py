"""One event per real event: mentions of a document merged into events.

Pure helper of the events stage (:mod:`pipeline.events`). A weak mention ("la llamada",
"dicha reunión") joins the first earlier event it is compatible with, or is dropped; a
strong one joins an earlier event only when nothing tells them apart (kind, date, status,
place, name, partners), else it starts a new event. Two calls on different dates stay two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .events_detect import EventMention
from .places import Place, fold

#: Kinds that may refer to each other ("la reunión" for a summit, "el encuentro telefónico").
KIND_GROUP = {"call": "call", "meeting": "meeting", "summit": "meeting", "visit": "visit",
              "signing": "signing", "other": "other"}
_GRANULARITY_RANK = {"minute": 7, "hour": 6, "day": 5, "week": 4, "month": 3, "quarter": 2,
                     "year": 1, None: 0}


@dataclass
class Draft:
    """An event being built from its mentions (the first strong mention leads)."""

    lead: EventMention
    kind: str
    status: str
    name: str | None = None
    timex_id: int | None = None
    date_value: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    granularity: str | None = None
    place: Place | None = None
    actors: set[str] = field(default_factory=set)
    partners: set[str] = field(default_factory=set)
    start: int = 0
    end: int = 0
    heads: list[int] = field(default_factory=list)
    #: a reference that stands as an event when there is nothing earlier to join
    #: ("la reunión se realizó en Lima", "su cumbre del 18 de septiembre")
    promote: bool = False


def dates_compatible(a: Draft, b: Draft) -> bool:
    if a.date_start is None or b.date_start is None or a.date_end is None or b.date_end is None:
        return a.date_value is None or b.date_value is None or a.date_value == b.date_value
    inside = (a.date_start <= b.date_start and b.date_end <= a.date_end) or (
        b.date_start <= a.date_start and a.date_end <= b.date_end)
    return inside


def _places_compatible(a: Draft, b: Draft) -> bool:
    if a.place is None or b.place is None:
        return True
    if a.place.location and b.place.location:
        return a.place.location == b.place.location
    return a.place.country == b.place.country


def resolved(ids: Iterable[str]) -> set[str]:
    """The actor ids among a draft's people, without the unresolved partner heads ("~x" for
    "con el gobernador", "~~x" for "con empresarios")."""
    return {x for x in ids if not x.startswith("~")}


def _partners_compatible(a: set[str], b: set[str]) -> bool:
    """Resolved partners (actor ids) that do not contradict; unresolved heads ("~x") ignored."""
    a, b = resolved(a), resolved(b)
    return not a or not b or a <= b or b <= a


def by_head(events: list[Draft]) -> dict[int, Draft]:
    """Token index of each mention's head -> the event the mention was merged into."""
    return {h: d for d in events for h in d.heads}


def people_of(d: Draft) -> set[str]:
    """Everyone a draft names and resolved: its actors and partners."""
    return resolved(d.actors | d.partners)


def _samepeople_of(event: Draft, new: Draft) -> bool:
    """Whether an introducing mention names only people of ``event`` (and it names someone):
    its resolved partners and subject among them, and no unresolved group of partners of its
    own ("con empresarios"); an unresolved single partner ("con el tabasqueño") may be one of
    the event's named partners; a subject with no partners must be the event's subject ("el
    embajador participó en un encuentro" is not "la reunión con el embajador")."""
    people, theirs = people_of(new), people_of(event)
    if not people or not people <= theirs:
        return False
    heads = {x for x in new.partners if x.startswith("~")} - event.partners
    if any(h.startswith("~~") for h in heads):
        return False
    resolved_partners = resolved(event.partners)
    if not heads and not resolved(new.partners):
        return people <= theirs - resolved_partners  # a subject alone: the event's own subject
    return not heads or bool(theirs - people)


def name_words(name: str | None, generic: frozenset[str] = frozenset()) -> set[str]:
    """Content words of a name, without the generic event words ("cumbre", "reunión")."""
    return {w for w in fold(name).split() if len(w) > 3 and w not in generic}


def _names_compatible(event: Draft, new: Draft, generic: frozenset[str]) -> bool:
    """Names that share a content word. A title line that names its event in generic words
    only ("Realizan en Los Cabos la primer reunión informal de cancilleres del G20") refers to
    the body's event whatever the body calls it; elsewhere such words can be a proper name
    ("la reunión del Grupo Binacional"), so they must match."""
    if not event.name or not new.name:
        return True
    words = name_words(new.name, generic)
    if not words and new.lead.headline:
        return True
    return bool(name_words(event.name, generic) & words)


def compatible(event: Draft, new: Draft, weak: bool, generic: frozenset[str] = frozenset()) -> bool:
    """Whether ``new`` can be a further mention of ``event``."""
    if KIND_GROUP[event.kind] != KIND_GROUP[new.kind] or new.lead.distinct:
        return False
    if event.kind != new.kind and new.lead.named and not event.name and event.lead.indefinite:
        return False  # "celebrar una reunión técnica" is not the "Cumbre UE-CELAC" named after it
    if new.kind == "summit" and event.kind == "meeting" and event.lead.pos == "verb" and resolved(event.partners):
        return False  # "se reunirá con el presidente X" is no forum or summit told after it
    if _frames(new, event) or _frames(event, new):
        return False  # "se reunieron en X, en el marco de la Cumbre Y": the frame is another event
    if event.kind != new.kind and "agenda" in event.lead.attrs:
        return False  # an agenda's "un encuentro con empresarios" is not "el Foro X" told after it
    if event.kind == "summit" and new.kind == "meeting" and new.partners and not event.partners:
        return False  # "sostuvo encuentros bilaterales con X" is no part of the summit told before
    if not dates_compatible(event, new) or not _places_compatible(event, new):
        return False
    scopes = event.lead.attrs.get("scope") or frozenset(), new.lead.attrs.get("scope") or frozenset()
    if scopes[0] and scopes[1] and scopes[0] != scopes[1]:
        return False  # "la reunión trilateral" and "su encuentro bilateral"
    summit, other = (scopes[0], scopes[1]) if event.kind == "summit" else (scopes[1], scopes[0])
    if "summit" in (event.kind, new.kind) and event.kind != new.kind and _TWO_PARTIES & other - summit:
        return False  # "participó en una cumbre con X. Sostuvo además un encuentro bilateral con X"
        # (not "la cumbre bilateral" and "el encuentro bilateral")
    if not _names_compatible(event, new, generic) or not _partners_compatible(event.partners, new.partners):
        return False
    if weak:  # a dated reference of another status is about something else
        return not (new.date_value and new.lead.status_known and new.status != event.status)
    if event.status != new.status and {event.status, new.status} != {"planned", "cancelled"}:
        known = event.lead.status_known and new.lead.status_known
        if known or not (event.name and new.name):
            return False
    if new.lead.conj_of is not None and new.lead.conj_of in event.heads:
        return False  # "una reunión bilateral y una cena de trabajo": two events
    if new.kind == "other" and new.lead.attrs.get("setting") == event.lead.anchor:
        return True  # "presentó sus cartas credenciales ... en una ceremonia celebrada en X"
    if _introduces(new):  # introduces an event: the same only if
        if new.partners == event.partners and new.partners:  # with the same partners,
            return True
        if _samepeople_of(event, new):  # the same people seen again ("X tuvo una llamada con Y")
            return True
        if new.partners:
            return False
        if new.status == "planned" and event.status == "planned":
            return True  # "vamos a sostener una reunión": the meeting already announced
        if not people_of(new) and new.date_value is None and not new.name and new.place is None:
            return True  # "tuvimos una reunión muy buena": nothing tells it from the one told
        return bool(event.partners) and new.date_value is not None and event.date_value is None
    return True


#: Scopes (cue class ``scope_adj``) no summit has ("la sesión trilateral" may be the summit of three):
#: a meeting of these is not a summit told again.
_TWO_PARTIES = frozenset({"bilateral"})


def _frames(frame: Draft, other: Draft) -> bool:
    """Whether ``frame``'s mention frames the clause of ``other``'s ("En el marco de la Cumbre, se
    reunieron"; not "realizó una visita y, durante la visita, se reunió": the visit told again)."""
    framed = frame.lead.attrs.get("framed")
    return frame.lead.frame and framed is not None and framed in (other.lead.anchor, other.lead.head)


def _introduces(new: Draft) -> bool:
    """Whether a mention introduces an event rather than refers to one told before: a verb,
    an indefinite noun ("una reunión"), or a bare noun with a support verb and named partners
    ("sostuvo reunión bilateral con X", "sostendrá encuentros con X y Y"; not a name, "la XXXVI
    Reunión de Titulares")."""
    m = new.lead
    return m.indefinite or m.pos == "verb" or (
        m.attrs.get("det") == "bare" and m.support is not None and not m.named
        and bool(resolved(new.partners)))


def absorb(event: Draft, new: Draft) -> None:
    """Fold a further mention into an event: finer date, place, participants, name."""
    if _GRANULARITY_RANK.get(new.granularity, 0) > _GRANULARITY_RANK.get(event.granularity, 0) or (
            event.date_value is None and new.date_value is not None):
        event.timex_id, event.date_value = new.timex_id, new.date_value
        event.date_start, event.date_end, event.granularity = new.date_start, new.date_end, new.granularity
        if event.status == "cancelled" and new.date_value is not None and event.date_value is not None \
                and new.status != "cancelled":
            event.status = "planned"  # postponed to a new date
    if not event.lead.status_known and new.lead.status_known and (
            new.lead.strong or new.lead.attrs.get("det") in ("definite", "possessive", "demonstrative")):
        event.status = new.status
        event.lead.status_known = True
    if event.place is None:
        event.place = new.place
    if event.name is None and new.name:
        event.name = new.name
    event.actors |= new.actors
    event.partners |= new.partners
    event.heads += new.heads


def merge(drafts: list[tuple[Draft, bool]], generic: frozenset[str] = frozenset()) -> list[Draft]:
    """Events from ``(draft, weak)`` pairs in document order.

    Strong mentions first, in order (each joins the first compatible earlier event or starts
    one); then weak ones join the first compatible event before them, or, for a title line,
    after them; a weak mention with nothing to join is dropped unless it can stand alone
    (``Draft.promote``).
    """
    events: list[Draft] = []
    for draft, weak in drafts:
        if not weak:
            target = _target(events, draft, False, generic)
            if target is not None:
                absorb(target, draft)
            else:
                events.append(draft)
    for draft, weak in drafts:
        if weak:
            before = [e for e in events if e.start <= draft.start]
            target = _target(before, draft, True, generic)
            if target is None and draft.lead.headline:
                target = _target([e for e in events if e.start > draft.start], draft, True, generic)
            if target is not None:
                absorb(target, draft)
            elif draft.promote and not draft.lead.headline:
                events.append(draft)
    return events


def _target(events: list[Draft], draft: Draft, weak: bool, generic: frozenset[str]) -> Draft | None:
    if draft.date_value is not None:  # a dated reference goes to the event of that date
        for e in events:
            if e.date_value == draft.date_value and compatible(e, draft, weak, generic):
                return e
    return next((e for e in events if compatible(e, draft, weak, generic)), None)
