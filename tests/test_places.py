"""Place normalisation (pipeline.places): names, aliases, venues, countries and capitals."""

from __future__ import annotations

import pytest

from pipeline.places import Place, PlaceIndex, as_written, fold

PLACES = [
    {"name": "Washington, D.C.", "aliases": ["Washington", "Washington D.C."], "country": "USA",
     "kind": "capital"},
    {"name": "Ciudad de México", "aliases": ["CDMX"], "country": "MEX", "kind": "capital"},
    {"name": "Lima", "aliases": [], "country": "PER", "kind": "capital"},
    {"name": "Monterrey", "aliases": [], "country": "MEX", "kind": "city"},
]
COUNTRIES = [
    {"iso3": "USA", "name": "Estados Unidos", "aliases": ["EE.UU."], "demonyms": ["estadounidense"]},
    {"iso3": "MEX", "name": "México", "aliases": [], "demonyms": ["mexicana", "mexicano"]},
    {"iso3": "PER", "name": "Perú", "aliases": [], "demonyms": ["peruana"]},
]
VENUES = [{"venue": "Palacio Nacional", "aliases": [], "location": "Ciudad de México", "country": "MEX"},
          {"venue": "Cancillería", "aliases": ["sede de la Cancillería"], "location": "Ciudad de México",
           "country": "MEX"}]


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex(PLACES, COUNTRIES, VENUES)


@pytest.mark.parametrize("text, location, country", [
    pytest.param("Washington, D. C.", "Washington, D.C.", "USA", id="spaced-initials-alias"),
    pytest.param("washington", "Washington, D.C.", "USA", id="lower-case-alias"),
    pytest.param("la Ciudad de México", "Ciudad de México", "MEX", id="article-prefix"),
    pytest.param("Palacio Nacional", "Ciudad de México", "MEX", id="venue-to-city"),
    pytest.param("Perú", None, "PER", id="country-gives-no-location"),
    pytest.param("Peru", None, "PER", id="accent-insensitive"),
])
def test_lookup_normalises(index, text, location, country):
    place = index.lookup(text)
    assert place is not None
    assert (place.location, place.country) == (location, country)


@pytest.mark.parametrize("text", [
    pytest.param("Atlántida", id="unknown-place"),
    pytest.param("", id="empty"),
])
def test_lookup_unknown_is_none(index, text):
    assert index.lookup(text) is None


@pytest.mark.parametrize("words, expected", [
    pytest.param(["en", "Lima", ",", "Perú"], ["Lima", None], id="city-then-country"),
    pytest.param(["la", "capital", "estadounidense"], ["Washington, D.C."], id="capital-by-demonym"),
    pytest.param(["la", "capital", "de", "Perú"], ["Lima"], id="capital-of-country"),
    pytest.param(["Ciudad", "de", "México"], ["Ciudad de México"], id="longest-match-first"),
    pytest.param(["una", "empresa", "peruana", "de", "perú"], [], id="a-lower-case-word-opens-no-name"),
    pytest.param(["en", "la", "sede", "de", "la", "Cancillería"], ["Ciudad de México"],
                 id="unless-the-gazetteer-spells-it-so"),
    pytest.param(["en", "la", "ciudad", "de", "México"], ["Ciudad de México"], id="a-name-with-a-capital-further-on"),
])
def test_find_in_tokens(index, words, expected):
    assert [m.place.location for m in index.find(words)] == expected


def test_fold_removes_accents_and_punctuation():
    assert fold("Bogotá, D.C.") == "bogota d c"


@pytest.mark.parametrize("surface, expected", [
    pytest.param("Washington, D. C.", "Washington, D. C.", id="spaced-initials-kept-as-written"),
    pytest.param("Washington D.C.", "Washington D.C.", id="no-comma-kept-as-written"),
    pytest.param("Washington, D.C.,", "Washington, D.C.", id="canonical-with-trailing-comma"),
    pytest.param("WASHINGTON, D.C.", "Washington, D.C.", id="capitals-are-not-a-spelling"),
    pytest.param("la capital estadounidense", "Washington, D.C.", id="another-name-gives-the-canonical"),
])
def test_as_written(surface, expected):
    place = Place("Washington, D.C.", "USA", "capital")
    assert as_written(place, surface).location == expected
