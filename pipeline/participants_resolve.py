"""Who the names and titles of a document stand for: clustering, resolution, roles.

Helper of the participants stage (:mod:`pipeline.participants`). :func:`resolve_people`
takes the person-name candidates of a document (with their role phrases) and groups them
into actors: full name, alias or surname of a name in the same document, gazetteer
name/alias, fuzzy match (misspellings), in that order. What a title says and the role a
person gets from it and the gazetteer: :mod:`pipeline.participants_roles`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .gazetteer import Gazetteer, Person, edit_distance, fold, fuzzy_limit, slug, term_span
from .participants_match import PARTICLES, RolePhrase
from .participants_tokens import WordFlags
from .records import Participant


#: Kinds of ``words.csv`` whose words no person's name holds.
NOT_NAME_KINDS = ("not_name", "mention_only", "not_in_office", "org_head", "group_head")


@dataclass
class Lexicon:
    """The compiled rule data the resolution reads (built once per component)."""

    gaz: Gazetteer
    words: dict[str, set[str]]  # kind -> folded words
    titles: dict[str, dict[str, Any]]  # folded title -> row
    heads: list[tuple[str, str]]  # (folded pattern, role_code), first match wins
    settings: dict[str, str]
    #: (generic body word, ISO3) -> the organization row it names for that country
    #: ("cancillería" + MEX -> Secretaría de Relaciones Exteriores)
    bodies: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    #: folded names and aliases of the gazetteer's countries and places
    places: frozenset[str] = frozenset()
    #: those of its states, cities and capitals that name no country: the places an office
    #: may be bound to ("gobernador de Sonora", "cónsul de México en Houston")
    local_places: frozenset[str] = frozenset()
    #: generic body word -> the organizations it names, one per country (from ``bodies``)
    bodies_by_word: dict[str, list[dict[str, Any]]] = field(init=False)
    #: the names of the bodies a generic word names ("Cancillería": every foreign ministry)
    generic_body_names: frozenset[str] = field(init=False)
    #: first words of the generic body names ("cancilleria", "ministerio")
    generic_firsts: frozenset[str] = field(init=False)
    #: first words of the organization and group head words ("secretaria", "grupo")
    head_firsts: frozenset[str] = field(init=False)
    #: words no person's name holds (titles, organization heads, "not_name" words...)
    not_name: frozenset[str] = field(init=False)
    #: credit words ("foto", "por"): ``byline_cue`` and ``line_cue`` words together
    credit_words: frozenset[str] = field(init=False)
    #: folded token text -> whether an organization or group head word opens with it
    opens_head: WordFlags = field(init=False)
    #: folded collective phrase ("los ministros") -> the title it ends with ("ministros"), if any
    collective_title: WordFlags = field(init=False)

    def __post_init__(self) -> None:
        self.bodies_by_word = {}
        for (word, _), row in self.bodies.items():
            self.bodies_by_word.setdefault(word, []).append(row)
        self.generic_body_names = frozenset(row["name"] for row in self.bodies.values())
        self.generic_firsts = frozenset(g.split()[0] for g in self.words.get("generic_org", ()))
        self.head_firsts = frozenset(w.partition(" ")[0] for kind in ("group_head", "org_head")
                                     for w in self.words.get(kind, ()))
        self.not_name = frozenset().union(*(self.words.get(kind, ()) for kind in NOT_NAME_KINDS))
        self.credit_words = frozenset().union(*(self.words.get(kind, ()) for kind in ("byline_cue", "line_cue")))
        heads = self.head_firsts
        self.opens_head = WordFlags(lambda word: word in heads or " " in word and word.partition(" ")[0] in heads)
        self.collective_title = WordFlags(self._ending_title)

    def _ending_title(self, phrase: str) -> str | None:
        """The longest end of the folded ``phrase`` that is a title."""
        words = phrase.split()
        return next((" ".join(words[n:]) for n in range(len(words)) if " ".join(words[n:]) in self.titles), None)

    def joins_places(self, text: str) -> bool:
        """Whether ``text`` is place names joined by hyphens ("México-Guatemala"), no name."""
        parts = text.split("-")
        return len(parts) > 1 and all(fold(p.strip()) in self.places for p in parts)

    def has_folded(self, kind: str, folded: str) -> bool:
        """Whether the already folded ``folded`` is a word of ``kind``."""
        return folded in self.words.get(kind, ())


@dataclass
class Cand:
    """A person-name candidate (token offsets)."""

    start: int
    end: int
    text: str
    source: str  # gazetteer | role | ner
    label: str
    person_ids: list[str] = field(default_factory=list)
    phrase: RolePhrase | None = None
    via: str = "name"
    #: for a name after a title (``source`` role, whose ``label`` the title sets to PER): what the
    #: model's recogniser labels its first word ("PER", "LOC"...; "" outside its entities)
    recognised: str = ""
    #: the folded words of ``text``
    words: list[str] = field(init=False, repr=False, compare=False)
    #: two words or more besides particles
    full: bool = field(init=False, repr=False, compare=False)
    #: the folded words between spaces (" ana perez "): one name's words run inside
    #: another's exactly when its padded form is a substring of the other's
    padded: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # plain attributes: cached_property takes a lock per read
        self.words = fold(self.text).split()
        self.full = len([w for w in self.words if w not in PARTICLES]) >= 2
        self.padded = f" {' '.join(self.words)} "


@dataclass
class Role:
    """What a role phrase says: title as written, role code, country, organization."""

    text: str | None = None
    code: str | None = None
    country: str | None = None
    organization: str | None = None
    counterpart: bool = False
    not_in_office: bool = False


@dataclass
class Actor:
    """A person (or organization) of a document and the mentions resolved to it."""

    key: str
    name: str
    kind: str
    person: Person | None = None
    org: dict[str, Any] | None = None
    cands: list[Cand] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # char offsets
    resolved_by: str = "name"
    role: Role = field(default_factory=Role)
    country: str | None = None
    first_token: int = 0
    token_spans: list[tuple[int, int]] = field(default_factory=list)  # organizations' mentions
    participant: bool = True
    org_choices: list[dict[str, Any]] = field(default_factory=list)
    weak_spans: set[tuple[int, int]] = field(default_factory=set)  # one-word aliases
    text_code: str | None = None  # the office the text's own title gives (dates the document)
    part_of: str | None = None  # a body named after its organization ("Asamblea General de la OEA")


@lru_cache(maxsize=1 << 16)
def _fuzzy_in(short: str, long: str) -> bool:
    """The words ``short`` within a small edit distance of as many words in a row of ``long``
    (both folded words joined by single spaces; memoised: names recur from document to document)."""
    limit = fuzzy_limit(short)
    if not limit:
        return False
    n = short.count(" ") + 1
    words = long.split(" ")
    return any(edit_distance(short, " ".join(words[i:i + n]), limit) <= limit
               for i in range(len(words) - n + 1))


def resolve_people(cands: list[Cand], lex: Lexicon, on: dt.date | None) -> list[Actor]:
    """Group the candidates into person actors; drop those nothing confirms as a person."""
    actors: list[Actor] = []
    by_key: dict[str, Actor] = {}

    def add(cand: Cand, person: Person | None, via: str, actor: Actor | None = None) -> None:
        if actor is None and person is not None:
            actor = by_key.get(person.actor_id)
        if actor is None:
            key = person.actor_id if person else slug(cand.text)
            actor = by_key.get(key)
            if actor is None:
                actor = Actor(key, person.name if person else cand.text, "person", person=person,
                              resolved_by=via, first_token=cand.start)
                by_key[key] = actor
                actors.append(actor)
        elif person is not None and actor.person is None:
            actor.person, actor.name, actor.key = person, person.name, person.actor_id
            by_key[person.actor_id] = actor
        cand.via = via
        actor.cands.append(cand)

    ordered = sorted(cands, key=lambda c: (not c.full, c.start))
    for cand in ordered:
        person = lex.gaz.person(cand.text, on)
        if person is not None and not cand.full and not _vouched(cand, person):
            person = None  # a bare surname alias ("Paz", "MAY") needs more than the gazetteer
        via = "name" if person and fold(person.name) == fold(cand.text) else "alias"
        # 1. the same person already named in the document (full name or a part of it)
        near = _doc_match(cand, actors)
        if near is not None and (person is None or near.person is None or near.person is person):
            add(cand, person, "name" if cand.full and not near.cands else via, near)
            continue
        if person is not None:
            add(cand, person, via)
            continue
        # 2. gazetteer surname / given-name initial
        person = _gazetteer_surname(cand, lex.gaz, on)
        if person is not None and (cand.full or _vouched(cand, person)):
            add(cand, person, "alias")
            continue
        # 3. misspellings: the document's names first, then the gazetteer
        fuzzy = next((a for a in actors if any(_fuzzy_in(cand.padded[1:-1], c.padded[1:-1]) for c in a.cands)),
                     None)
        if fuzzy is not None:
            add(cand, None, "fuzzy", fuzzy)
            continue
        person = lex.gaz.fuzzy_person(cand.text, on) if cand.full or (
            cand.label == "PER" and cand.phrase is not None) else None
        if person is not None:
            add(cand, person, "fuzzy")
            continue
        if _confirmed(cand):
            add(cand, None, "name")
    for actor in actors:
        _pick_name(actor)
    return actors


def _doc_match(cand: Cand, actors: list[Actor]) -> Actor | None:
    """An actor one of whose names contains the candidate's words (or is contained in them)."""
    if not [w for w in cand.words if w not in PARTICLES]:
        return None
    padded, full = cand.padded, cand.full  # both have words: ``full`` needs two
    found = [a for a in actors
             if any(padded in c.padded or (full and c.full and c.padded in padded) for c in a.cands)]
    if len(found) > 1 and cand.phrase is not None:
        same = [a for a in found if any(c.phrase and c.phrase.title.key == cand.phrase.title.key
                                        for c in a.cands)]
        found = same or found
    if not found:
        return None
    # the nearest preceding mention wins
    return max(found, key=lambda a: max((c.start for c in a.cands if c.start <= cand.start), default=-1))


def _gazetteer_surname(cand: Cand, gaz: Gazetteer, on: dt.date | None) -> Person | None:
    """The one gazetteer person with this surname (and given-name initial); several: the
    one in office on the date."""
    hits = [p for p in gaz.surname_people(cand.words) if _names_hold(cand.words, p)]
    if len(hits) > 1:
        hits = [p for p in hits if p.term_on(on) is not None] if on else []
    return hits[0] if len(hits) == 1 else None


def _names_hold(words: list[str], person: Person) -> bool:
    """Whether every word of a name besides its first and last (given-name initial, surname),
    particles and initials, is a word of one of the person's names: "Carlos Joaquín González"
    is not "Carlos de Icaza González"."""
    middle = [w for w in words[1:-1] if w not in PARTICLES and len(w.rstrip(".")) > 1]
    if not middle:
        return True
    known = {w for t in person.terms for n in [t["name"], *t["aliases"]] for w in fold(n).split()}
    return all(w in known for w in middle)


def _vouched(cand: Cand, person: Person) -> bool:
    """A one-word gazetteer alias stands for the person when the recogniser or a title
    agrees, and an all-capitals word only when the alias itself is one ("AMLO")."""
    if cand.text.isupper() and len(cand.text) > 1:
        return any(cand.text == a for t in person.terms for a in [t["name"], *t["aliases"]])
    return cand.label == "PER" or cand.phrase is not None


def _confirmed(cand: Cand) -> bool:
    """A name nothing links to is kept only when it is a full name that a title or the
    recogniser vouches for, or a surname right after its title that the recogniser takes for a
    person ("el embajador Zubiría": someone the gazetteer does not know, not whoever held that
    office; not "el subprocurador Jurídico y de Asuntos Internacionales")."""
    if cand.full:
        return cand.phrase is not None or cand.label == "PER"
    phrase = cand.phrase
    recognised = cand.recognised if cand.source == "role" else cand.label
    return recognised == "PER" and phrase is not None and phrase.side == "left" \
        and phrase.title.end == phrase.end == cand.start


def _pick_name(actor: Actor) -> None:
    if actor.person is not None:
        actor.name, actor.key = actor.person.name, actor.person.actor_id
        return
    full = [c for c in sorted(actor.cands, key=lambda c: c.start) if c.full]
    if full:
        actor.name = full[0].text
        actor.key = slug(actor.name)


def date_window(actors: list[Actor]) -> tuple[dt.date, dt.date] | None:
    """For an undated document: the period in which every gazetteer person the text gives a
    title held that office ("el canciller Ebrard" → his term as foreign minister)."""
    low, high, found = dt.date.min, dt.date.max, False
    for actor in actors:
        if actor.person is None or actor.text_code in (None, "other"):
            continue
        span = term_span(t for t in actor.person.terms if t["role_code"] == actor.text_code)
        if span is None:
            continue
        found = True
        low, high = max(low, span[0]), min(high, span[1])
    return (low, high) if found and low <= high else None


def to_participant(actor: Actor) -> Participant:
    """The record of an actor (spans sorted, the first one as its offsets)."""
    spans = sorted(set(actor.spans))
    role: Role = actor.role
    return Participant(actor_id=actor.key, name=actor.name, kind=actor.kind, start=spans[0][0],
                       end=spans[0][1], resolved_by=actor.resolved_by, role=role.text,
                       role_code=role.code, country=actor.country, organization=role.organization,
                       n_mentions=len(spans), spans=spans)
