"""The gazetteer of officials, organizations, countries, places and role titles.

:data:`GAZETTEER_FILES` (the schemas of ``models/gazetteer/*.csv``; the stages that need them
declare them as ``SHARED`` tables, read once per process: see
:class:`~pipeline.rules.RuleComponent`); pure name functions (:func:`~pipeline.textnorm.fold`,
:func:`slug`, :func:`edit_distance`) and office terms; the :class:`Gazetteer` of people (names, aliases,
surnames and office holders). Nothing here touches spaCy: the participants stage
(:meth:`pipeline.participants.ParticipantsComponent.compile`) builds its phrase matcher
from the gazetteer rows themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .rules import RuleRow, Schema
from .textnorm import fold

#: Controlled columns of the gazetteer files: a value outside these stops the run.
GENDERS = frozenset({"m", "f"})
ORGANIZATION_KINDS = frozenset({"organization", "group"})
#: A ``capital`` is also what "la capital de X" and "la capital estadounidense" name (:mod:`pipeline.places`).
PLACE_KINDS = frozenset({"capital", "city", "state", "venue"})
#: The kinds of place an office may be bound to ("gobernador de Sonora"): not a venue.
LOCAL_KINDS = frozenset({"capital", "city", "state"})

#: Schemas of the gazetteer files (``models/gazetteer/``), one per table.
GAZETTEER_FILES: dict[str, tuple[str, Schema]] = {
    "officials": ("gazetteer/officials.csv", Schema(
        {"name": "str", "aliases": "list", "wikidata": "str", "country": "iso3", "office": "str",
         "role_code": "role_code", "organization": "str", "start": "date", "end": "date",
         "gender": "str"}, frozenset({"name"}), choices={"gender": GENDERS})),
    "organizations": ("gazetteer/organizations.csv", Schema(
        {"name": "str", "aliases": "list", "wikidata": "str", "kind": "str", "country": "iso3"},
        frozenset({"name"}), choices={"kind": ORGANIZATION_KINDS})),
    "countries": ("gazetteer/countries.csv", Schema(
        {"iso3": "iso3", "name": "str", "aliases": "list", "demonyms": "list"},
        frozenset({"iso3", "name"}))),
    "places": ("gazetteer/places.csv", Schema(
        {"name": "str", "aliases": "list", "country": "iso3", "kind": "str"}, frozenset({"name"}),
        choices={"kind": PLACE_KINDS})),
    "roles": ("gazetteer/roles.csv", Schema(
        {"title": "str", "role_code": "role_code", "country": "iso3", "organization": "str",
         "gender": "str"}, frozenset({"title"}), choices={"gender": GENDERS})),
}

__all__ = ["GAZETTEER_FILES", "Gazetteer", "Person", "check_countries", "edit_distance", "fold",
           "fuzzy_limit", "in_office", "overlaps", "slug", "term_span"]


def check_countries(tables: dict[str, list[RuleRow]], extra: Iterable[tuple[RuleRow, str]] = ()) -> None:
    """Raise the :class:`~pipeline.rules.RuleFileError` of the first ``country`` value, in any
    of ``tables``, or value of another column holding a country (``extra``: (row, column) pairs),
    that is not a code of ``countries.csv`` (``tables["countries"]``).

    The schema's ``iso3`` converter checks a code's form; this checks that the country exists,
    so a typo such as "MXE" stops the run instead of reaching the tables' country columns.
    """
    countries = tables["countries"]
    known = {row["iso3"] for row in countries}
    where = countries[0].path if countries else "the countries table"  # (a saved pipeline's too)
    pairs = [(row, "country") for rows in tables.values() for row in rows]
    for row, key in [*pairs, *extra]:
        code = row.get(key)
        if code and code not in known:
            raise row.error(key, f"'{code}' is not a country of {where}; fix the code or add the country there")


#: folded names whose nearest known name a Gazetteer remembers before it forgets them all
_FUZZY_MEMO = 1 << 16


def slug(name: str) -> str:
    """A stable id for an actor without a Wikidata id: ``juan-ramon-de-la-fuente``."""
    return "-".join(fold(name).split()) or "unknown"


@lru_cache(maxsize=1 << 16)
def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance between ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``
    (memoised: the same names are compared again and again)."""
    if abs(len(a) - len(b)) > limit or len(set(a).symmetric_difference(b)) > 2 * limit:
        return limit + 1  # each edit changes at most two letters of the alphabet a word uses
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def fuzzy_limit(folded: str) -> int:
    """Edits allowed for a name of this length (none for short names: too many false hits)."""
    return 0 if len(folded) < 5 else 1 if len(folded) < 11 else 2


def in_office(row: dict[str, Any], on: dt.date | None) -> bool:
    """Whether an officials row's term covers ``on`` (unknown date: the term still open)."""
    if on is None:
        return row.get("end") is None
    start, end = row.get("start"), row.get("end")
    return (start is None or start <= on) and (end is None or on <= end)


def overlaps(row: dict[str, Any], start: dt.date | None, end: dt.date | None) -> bool:
    """Whether an officials row's term and the period ``start``..``end`` overlap by more than
    a hand-over day (a term ending on the day the period starts does not count)."""
    begin, finish = row.get("start") or dt.date.min, row.get("end") or dt.date.max
    return begin < (end or dt.date.max) and (start or dt.date.min) < finish


def term_span(terms: Iterable[dict[str, Any]]) -> tuple[dt.date, dt.date] | None:
    """The period from the first start to the last end of ``terms`` (None without terms)."""
    terms = list(terms)
    if not terms:
        return None
    return (min(t.get("start") or dt.date.min for t in terms),
            max(t.get("end") or dt.date.max for t in terms))


@dataclass(frozen=True)
class Person:
    """A gazetteer person: canonical name, id, and every office term (rows) they held."""

    name: str
    actor_id: str
    terms: tuple[dict[str, Any], ...]

    def term_on(self, on: dt.date | None) -> dict[str, Any] | None:
        """The office held on ``on`` (the latest term when the date is unknown or none fits)."""
        current = [t for t in self.terms if in_office(t, on)]
        pool = current or ([] if on is not None else list(self.terms))
        if not pool:
            return None
        return max(pool, key=lambda t: (t.get("start") or dt.date.min))

    def latest_term(self, on: dt.date | None) -> dict[str, Any]:
        """The term on ``on`` if any, else the last term started before ``on``, else the latest."""
        found = self.term_on(on)
        if found is not None:
            return found
        before = [t for t in self.terms if on is None or (t.get("start") or dt.date.min) <= on]
        return max(before or self.terms, key=lambda t: (t.get("start") or dt.date.min))


class Gazetteer:
    """Indexes over the officials table: names, aliases and surnames to people; office
    holders by role, country and date."""

    def __init__(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        self.people: dict[str, Person] = {}
        self.person_names: dict[str, set[str]] = {}  # folded name/alias -> actor ids
        self._index_people(tables.get("officials", []))
        self._index_surnames()
        self._fuzzy: dict[str, str | None] = {}  # folded name -> nearest known name (memo)
        self._holders: dict[tuple[Any, ...], list[Person]] = {}  # holders() arguments -> people (memo)
        self._by_length: dict[tuple[str, int], list[str]] = {}
        for known in self.person_names:
            self._by_length.setdefault((known[:1], len(known)), []).append(known)
        #: role code (and country) -> (person, term) for every term with that code (and
        #: country), in people order
        self._terms_by_role: dict[str | tuple[str, Any], list[tuple[Person, dict[str, Any]]]] = {}
        for person in self.people.values():
            for term in person.terms:
                self._terms_by_role.setdefault(term["role_code"], []).append((person, term))
                self._terms_by_role.setdefault((term["role_code"], term.get("country")), []).append(
                    (person, term))

    def _index_surnames(self) -> None:
        """Last word of every full name or alias -> (first word, person id)."""
        self.surnames: dict[str, list[tuple[str, str]]] = {}
        for folded, ids in self.person_names.items():
            words = folded.split()
            if len(words) < 2:
                continue
            for pid in ids:
                self.surnames.setdefault(words[-1], []).append((words[0], pid))

    def surname_people(self, words: Sequence[str]) -> list[Person]:
        """People whose name ends with ``words[-1]`` (and starts with the initial of
        ``words[0]`` when more than one word is given)."""
        if not words:
            return []
        ids = {pid for first, pid in self.surnames.get(words[-1], ())
               if len(words) == 1 or first[:1] == words[0][:1]}
        return [self.people[i] for i in sorted(ids)]

    def _index_people(self, rows: Iterable[dict[str, Any]]) -> None:
        rows = list(rows)
        identified = {fold(r["name"]): r for r in rows if r.get("wikidata")}
        for row in rows:  # one person's rows without the id would make a second actor
            known = identified.get(fold(row["name"]))
            if known is not None and not row.get("wikidata") and isinstance(row, RuleRow):
                raise row.error("wikidata", f"empty, while line {getattr(known, 'line', '?')} gives "
                                            f"{known['wikidata']} to {row['name']}: give the id on every row "
                                            "of that person (another id for a namesake)")
        grouped: dict[str, list[dict[str, Any]]] = {}
        names: dict[str, str] = {}
        for row in rows:
            key = row.get("wikidata") or slug(row["name"])
            grouped.setdefault(key, []).append(row)
            names.setdefault(key, row["name"])
        for key, terms in grouped.items():
            self.people[key] = Person(names[key], key, tuple(terms))
            for term in terms:
                for n in [term["name"], *term["aliases"]]:
                    self.person_names.setdefault(fold(n), set()).add(key)

    # -- look-ups -------------------------------------------------------------------

    def person(self, name: str, on: dt.date | None = None) -> Person | None:
        """The person a full name or alias stands for (the one in office on ``on`` if several)."""
        ids = self.person_names.get(fold(name))
        if not ids:
            return None
        people = [self.people[i] for i in sorted(ids)]
        if len(people) > 1:
            current = [p for p in people if p.term_on(on) is not None]
            people = current or people
        return people[0]

    def fuzzy_person(self, name: str, on: dt.date | None = None) -> Person | None:
        """A person whose name or alias is within a small edit distance of ``name``."""
        folded = fold(name)
        if folded not in self._fuzzy:
            if len(self._fuzzy) > _FUZZY_MEMO:
                self._fuzzy.clear()
            self._fuzzy[folded] = self._nearest_name(folded)
        known = self._fuzzy[folded]
        return self.person(known, on) if known is not None else None

    def _nearest_name(self, folded: str) -> str | None:
        """The folded name or alias nearest to ``folded`` within its edit limit, if any."""
        limit = fuzzy_limit(folded)
        if not limit:
            return None
        best: tuple[int, str] | None = None
        pool = [k for n in range(len(folded) - limit, len(folded) + limit + 1)
                for k in self._by_length.get((folded[:1], n), ())]  # first letters are rarely wrong
        for known in pool:
            d = edit_distance(folded, known, limit)
            if d <= limit and (best is None or d < best[0]):
                best = (d, known)
        return best[1] if best else None

    def holders(self, role_code: str, country: str | None, organization: str | None,
                on: dt.date | None, until: dt.date | None = None) -> list[Person]:
        """People holding an office of ``role_code`` for ``country``/``organization`` on ``on``
        (with ``until``: at some time between ``on`` and ``until``). Memoised: the same
        offices are asked about on the same publication dates again and again."""
        key = (role_code, country, organization, on, until)
        known = self._holders.get(key)
        if known is None:
            if len(self._holders) > _FUZZY_MEMO:
                self._holders.clear()
            known = self._holders[key] = self._find_holders(role_code, country, organization, on, until)
        return list(known)

    def _find_holders(self, role_code: str, country: str | None, organization: str | None,
                      on: dt.date | None, until: dt.date | None) -> list[Person]:
        found: dict[str, Person] = {}
        for person, term in self._terms_by_role.get((role_code, country) if country else role_code, ()):
            if person.actor_id in found:
                continue
            if not (overlaps(term, on, until) if until is not None else in_office(term, on)):
                continue
            if country and term.get("country") != country:
                continue
            if organization and fold(term.get("organization")) != fold(organization):
                continue
            found[person.actor_id] = person
        return list(found.values())
