"""Place normalisation for events: names in the text to a canonical place and ISO3 country.

Pure index built once from the rows of ``models/gazetteer/places.csv`` (name, aliases,
country, kind), ``models/gazetteer/countries.csv`` (iso3, name, aliases, demonyms) and
``models/events/venues.csv`` (venue, aliases, location, country: where an event held at a
venue is said to take place). :meth:`PlaceIndex.lookup` normalises one phrase;
:meth:`PlaceIndex.find` finds every known place in a token sequence (longest match first).

A country named as the place of an event gives ``location = None`` and its ISO3 code as
``location_country`` (the annotation keeps ``location`` for cities, states and venues).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .gazetteer import fold

#: Words that may introduce a place without being part of its name.
_PREFIXES = ("la ", "el ", "los ", "las ", "ciudad de ", "estado de ", "capital ", "puerto de ",
             "sede de ", "oficinas de ", "residencia oficial de ")


@dataclass(frozen=True)
class Place:
    """A normalised place: ``location`` is None for a whole country."""

    location: str | None
    country: str | None
    kind: str  # city | capital | state | venue | country | region ...


@dataclass(frozen=True)
class PlaceMatch:
    """A place found in a token sequence: token indices ``[start, end)`` and the place."""

    start: int
    end: int
    place: Place


class PlaceIndex:
    """Folded names and aliases of places, countries and venues to :class:`Place`."""

    MAX_WORDS = 8

    def __init__(self, places: Iterable[dict[str, Any]] = (), countries: Iterable[dict[str, Any]] = (),
                 venues: Iterable[dict[str, Any]] = ()) -> None:
        self.names: dict[str, Place] = {}
        self.capitals: dict[str, Place] = {}  # iso3 -> capital city
        self.demonyms: dict[str, str] = {}  # folded demonym -> iso3
        self.first_words: set[str] = set()  # first words of the names
        #: first words some name spells in lower case ("sede de la Cancillería"): elsewhere a
        #: lower-case word opens no name ("una empresa india" names no country)
        self.lower_first: set[str] = set()
        self.prefixes: set[str] = set()  # the names cut after each of their words
        for row in venues:
            place = Place(row.get("location") or row["venue"], row.get("country"), "venue")
            for name in [row["venue"], *row.get("aliases", [])]:
                self._add(name, place)
        for row in places:
            kind = (row.get("kind") or "city").lower()
            place = Place(row["name"], row.get("country"), kind)
            for name in [row["name"], *row.get("aliases", [])]:
                self._add(name, place)
            if kind == "capital" and row.get("country"):
                self.capitals.setdefault(row["country"], place)
        for row in countries:
            place = Place(None, row["iso3"], "country")
            for name in [row["name"], *row.get("aliases", [])]:
                self._add(name, place)
            for name in row.get("demonyms", []):
                self.demonyms.setdefault(fold(name), row["iso3"])

    def _add(self, name: str, place: Place) -> None:
        key = fold(name)
        if key and len(key.split()) <= self.MAX_WORDS:
            self.names.setdefault(key, place)
            self.first_words.add(key.split(" ", 1)[0])
            if name[:1].islower():
                self.lower_first.add(key.split(" ", 1)[0])
            words = key.split(" ")
            self.prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))

    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, text: str) -> Place | None:
        """The place a phrase names ("Washington, D.C.", "la capital estadounidense", ...)."""
        key = fold(text)
        for _ in range(3):
            if key in self.names:
                return self.names[key]
            for prefix in _PREFIXES:
                if key.startswith(fold(prefix) + " ") or key == fold(prefix):
                    key = key[len(fold(prefix)):].strip()
                    break
            else:
                break
        return self.names.get(key)

    def capital_of(self, words: Sequence[str]) -> Place | None:
        """The capital named by "capital de <país>" / "capital <gentilicio>" (folded words)."""
        if not words or words[0] != "capital":
            return None
        rest = [w for w in words[1:] if w not in ("de", "del", "la", "el", "los", "las")]
        for n in range(len(rest), 0, -1):
            key = " ".join(rest[:n])
            iso3 = self.demonyms.get(key)
            place = self.names.get(key)
            if iso3 is None and place is not None and place.kind == "country":
                iso3 = place.country
            if iso3 and iso3 in self.capitals:
                return self.capitals[iso3]
        return None

    def find(self, words: Sequence[str]) -> list[PlaceMatch]:
        """Known places in a sequence of token texts, longest match first, no overlaps. A name
        has a capital ("la ciudad de México"), unless the gazetteer spells one all in lower case
        (its first word: "sede de la Cancillería"): "una empresa india" names no country."""
        folded = [_fold_word(w) for w in words]
        found: list[PlaceMatch] = []
        i = 0
        while i < len(folded):
            match = None
            if folded[i] == "capital":
                for n in range(min(self.MAX_WORDS, len(folded) - i), 1, -1):
                    place = self.capital_of([w for w in folded[i:i + n] if w])
                    if place is not None:
                        match = PlaceMatch(i, i + n, place)
                        break
            first = folded[i].split(" ", 1)[0] if folded[i] else ""
            if match is None and first in self.first_words:
                match = self._longest_name(folded, i)
                if match is not None and first not in self.lower_first and not any(
                        w[:1].isupper() for w in words[match.start:match.end]):
                    match = None  # ("una empresa india"; "la ciudad de México" is a name)
            if match is None:
                i += 1
                continue
            found.append(match)
            i = match.end
        return found

    def _longest_name(self, folded: Sequence[str], i: int) -> PlaceMatch | None:
        """The longest known name of at most ``MAX_WORDS`` words starting at word ``i`` and
        ending on a word (empty words, punctuation, are skipped inside a name). Read forward,
        it stops where the words read are no longer the start of any name."""
        match = None
        key = ""
        for j in range(i, min(i + self.MAX_WORDS, len(folded))):
            if not folded[j]:
                continue  # a phrase ends on a word, not on punctuation
            key = f"{key} {folded[j]}" if key else folded[j]
            if key not in self.prefixes:
                break
            if key in self.names:
                match = PlaceMatch(i, j + 1, self.names[key])
        return match


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """:func:`fold` of one token's text, memoised (the same words come back in every document)."""
    return fold(word)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def as_written(place: Place, surface: str) -> Place:
    """The place spelled as the text spells it when it differs from the canonical name only in
    spaces and punctuation ("Washington, D. C.", "Washington D.C." for "Washington, D.C.")."""
    written = surface.strip().rstrip(",")
    if place.location and written != place.location and _letters(written) == _letters(place.location):
        return Place(written, place.country, place.kind)
    return place
