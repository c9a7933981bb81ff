"""Where an event took place: a place phrase of its trigger or verb, or where its journey goes.

Pure helper of the events stage (:mod:`pipeline.events`): an "en ..." phrase (or "a ...",
"por ..." for a visit) under the trigger or support verb, the antecedent of a place relative
("viajará a Nueva York, donde se reunirá"), or a phrase further on in the clause
(:func:`attach_place`); once mentions are merged, an event with none in a purpose clause of a
journey takes the journey's destination (:func:`inherit_clause_places`), and a meeting during
a held visit to a city whose people were there takes that city (:func:`inherit_visit_place`).
Places, countries and venues are those of the :class:`~pipeline.places.PlaceIndex`; a city it
lacks is taken as written when its country follows it ("en Puerto Solano, Colombia").
"""

from __future__ import annotations

from .events_attach import planned_further_down
from .events_detect import EventMention
from .events_lexicon import Lexicon
from .events_merge import Draft, people_of
from .events_syntax import host_verb, opens_place_relative, relative_on_a_name
from .events_words import DocWords
from .places import Place, PlaceIndex, PlaceMatch, as_written

_IN = frozenset({"en"})
#: Prepositions that open a place phrase ("en Puerto Solano, Colombia"; "viajó a Xalapa, Veracruz").
_PLACE_CASES = frozenset({"en", "a", "desde", "hasta"})
_VISIT_CASES = frozenset({"en", "a", "al", "hasta", "por"})


def attach_place(m: EventMention, places: PlaceIndex, words: DocWords, lex: Lexicon
                 ) -> tuple[Place, int, int] | None:
    """The place of a mention: an "en ..." phrase (or "a ..." for a visit) under its trigger
    or support verb, or the object of a visit verb ("visitará la sede del Ayuntamiento de X");
    else the place a place relative of its verb hangs on, or the place that is the subject of
    a hosting verb ("la Ciudad de México recibió la cumbre"; cue class ``host_subj``); else a
    phrase further on."""
    if not len(places):
        return None
    pos, dep = words.pos, words.dep
    cases_ok = _VISIT_CASES if m.kind == "visit" else _IN
    candidates: list[int] = []
    holders = [m.head] if m.frame else [m.head, m.anchor]
    if m.support is not None and pos[m.support] in ("NOUN", "PROPN", "ADJ") and not m.frame:
        holders.append(m.support)  # "la celebración, en Madrid, de la Comisión"; "está prevista para ..."
    if m.pos == "noun" and not m.frame:
        holders += planned_further_down(m.head, lex, words)  # "la reunión entre X y Y, prevista en Lima"
        relative = relative_on_a_name(m.head, lex, words, end=m.name[1] if m.name else m.end)
        if relative is not None:  # "los preparativos de la Cumbre X, que se celebrará ... en Madrid"
            holders.append(relative)
    case_of = words.case_of
    for tok in holders:
        for c in words.children[tok]:
            if not case_of[c].isdisjoint(cases_ok):
                candidates.append(c)
            elif m.kind == "visit" and m.pos == "verb" and tok == m.head and dep[c] == "obj":
                candidates.append(c)
            elif dep[c] in ("acl", "acl:relcl") and pos[c] in ("VERB", "AUX") and not _own_subject(c, words):
                candidates += [g for g in words.children[c] if "en" in case_of[g]]
    antecedent = _where_relative(m, words)  # "viajará a Nueva York, donde se reunirá": in Nueva York
    if antecedent is None and not m.frame and lex.has_at("host_subj", words, m.anchor):
        antecedent = next((c for c in words.children[m.anchor] if dep[c] == "nsubj"), None)
    ordered = sorted(candidates) + ([antecedent] if antecedent is not None else []) + _fronted_place(m, words)
    fallback = _phrases_after(m, words, cases_ok) if m.kind != "call" else []
    if "agenda" in m.attrs:  # "La agenda en Tokio incluye:" and "- una reunión con el ministro X"
        fallback += [c for s in words.subjects_of(m.attrs["list_intro"]) for c in words.children[s]
                     if "en" in case_of[c]]
    found = _first_place(ordered + fallback, places, words, antecedent)
    if found is not None and found[0].location is None:  # a country: a city the event's own phrases
        # name goes first ("visitó el Consulado General de México en Toronto": Toronto, not México)
        found = _first_place(ordered, places, words, antecedent, cities=True) or found
    return found


def _own_subject(clause: int, words: DocWords) -> bool:
    """Whether a relative clause is about a noun of its own ("cuya sesión anterior se celebró en
    Asunción": where that session was, not the event the clause hangs on)."""
    return any(words.dep[g].startswith("nsubj") and words.pos[g] in ("NOUN", "PROPN") for g in words.children[clause])


def destination(verb: int, places: PlaceIndex, words: DocWords) -> tuple[Place, int, int] | None:
    """Where a verb of motion goes: the place of its "a"/"al"/"hasta" phrase ("se trasladarán al
    Castillo de Chapultepec"), if any."""
    if not len(places):
        return None
    return _first_place([c for c in words.children[verb] if words.case_of[c] & {"a", "al", "hasta"}],
                        places, words)


def _first_place(phrases: list[int], places: PlaceIndex, words: DocWords, antecedent: int | None = None,
                 cities: bool = False) -> tuple[Place, int, int] | None:
    """The first known place (with ``cities``, the first that is no whole country) in the
    subtrees of ``phrases`` (token indices), with its character span; an ``antecedent`` (or a
    subject) counts only when the place is its own name."""
    for c in phrases:
        sub = _without_asides(words.subtree(c, 14), c, words) if cities else words.subtree(c, 14)
        opening = c != antecedent and _line_start(sub[0], words)
        if opening and words.pos[sub[0]] != "ADP":
            continue  # "Ciudad de México, 6 de mayo.-": a dateline, not the event's place
        found = [f for f in places.find([words.texts[i] for i in sub]) if not _ends_a_name(sub, f.start, words)]
        found = _city_before_its_country(found, sub, words)
        if cities:
            found = [f for f in found if f.place.location is not None]
        if opening and found and found[0].start > 2:
            continue  # a phrase opening a paragraph is a place when it names one at once ("En
            # Madrid, la presidenta se reunirá"; not "En representación de la secretaria de ...")
        if found and (c != antecedent or sub[found[0].start] <= c <= sub[found[0].end - 1]):
            first, last = sub[found[0].start], sub[found[0].end - 1]
            start, end = words.idx[first], words.view.end_char(last)
            return as_written(found[0].place, words.text[start:end]), start, end  # (as doc[first:last + 1].text)
    return None


def _city_before_its_country(found: list[PlaceMatch], sub: list[int], words: DocWords) -> list[PlaceMatch]:
    """``found`` with a place the gazetteer does not know named as the text writes it, when a
    country or state found first follows it after a comma, right after a preposition ("celebrada
    en Puerto Solano, Colombia": Puerto Solano, in Colombia; "viajó a Xalapa, Veracruz")."""
    if not found or found[0].place.kind not in ("country", "state") or found[0].start < 2:
        return found
    comma = found[0].start - 1
    if words.texts[sub[comma]] != "," or sub[comma] + 1 != sub[found[0].start]:
        return found
    first = comma
    while first > 0 and words.pos[sub[first - 1]] == "PROPN" and words.texts[sub[first - 1]][:1].isupper() \
            and sub[first - 1] + 1 == sub[first]:
        first -= 1
    if first == comma or sub[first] == 0 or words.low[sub[first] - 1] not in _PLACE_CASES:
        return found  # (not "una reunión con Pedro Gómez, Colombia": a person of that country)
    name = words.text[words.idx[sub[first]]:words.view.end_char(sub[comma - 1])]
    return [PlaceMatch(first, comma, Place(name, found[0].place.country, "city")), *found[1:]]


def _ends_a_name(sub: list[int], start: int, words: DocWords) -> bool:
    """Whether the place found at ``sub[start]`` ends a longer name: right after a proper noun
    that is no place's ("la avenida Benito Juárez", "la calle Miguel Hidalgo": a street, not
    Ciudad Juárez or the state of Hidalgo)."""
    if start == 0:
        return False
    before, first = sub[start - 1], sub[start]
    return before == first - 1 and words.pos[before] == "PROPN" and words.texts[before][:1].isupper() \
        and words.view.end_char(before) + 1 == words.idx[first]


#: Dependents that tell something aside, not what the phrase names ("visitó Canadá, acompañada
#: por el cónsul de México en Toronto": no visit to Toronto); so does an adjective with words of its own.
_ASIDES = frozenset({"appos", "acl", "acl:relcl", "advcl", "parataxis"})


def _without_asides(sub: list[int], head: int, words: DocWords) -> list[int]:
    """The tokens of ``sub`` (the subtree of ``head``) outside the subtrees of its asides."""
    cut: set[int] = set()
    for k in sub:
        if k != head and k not in cut and (words.dep[k] in _ASIDES or (words.dep[k] == "amod" and words.children[k])):
            cut.update(words.subtree(k, 40))
    return [k for k in sub if k not in cut] if cut else sub


def _where_relative(m: EventMention, words: DocWords) -> int | None:
    """The noun a place relative clause of the mention's verb hangs on ("Nueva York" in "...
    a Nueva York, donde se reunirá"), if the verb opens one."""
    verb = m.anchor
    if m.frame or words.pos[verb] not in ("VERB", "AUX") or words.dep[verb] not in ("acl", "acl:relcl"):
        return None
    if not opens_place_relative(verb, words):
        return None
    noun = words.head[verb]
    up = words.head[noun]  # "a Xalapa, Veracruz, donde": the place the state or country after a comma places
    if words.dep[noun] in ("conj", "flat", "appos") and up < noun and words.pos[up] == "PROPN" \
            and words.texts[noun - 1] == ",":
        return up
    return noun


def _fronted_place(m: EventMention, words: DocWords) -> list[int]:
    """The noun after an "En" (and an article) opening the mention's sentence and set off by a
    comma within five words ("En Madrid, la mandataria se reunirá con ..."), which the parse
    may hang on the paragraph break instead of the verb: [] for none."""
    start = words.opening_word(m.start)
    if words.low[start] != "en" or start + 1 >= m.start:
        return []
    head = start + 1 + (words.pos[start + 1] == "DET")  # "En la Ciudad de México,"
    for i in range(start + 1, min(start + 6, m.start)):
        if words.texts[i] == ",":
            return [head] if head < i else []
        if words.pos[i] in ("VERB", "AUX"):
            return []
    return []


def _phrases_after(m: EventMention, words: DocWords, cases: frozenset[str]) -> list[int]:
    """Fallback: the phrases marked by ``cases`` in the rest of the clause, which the parse may
    hang elsewhere ("el cual sesionará en la Ciudad de X"; a visit's "la visita del presidente
    X a Alemania")."""
    found = []
    end = min(words.sent(m.head)[1], m.end + 14)
    for i in range(m.end, end - 1):
        if words.texts[i] in (".", ";") or words.space[i] or (
                words.pos[i] == "CCONJ" and words.pos[i + 1] in ("VERB", "AUX")):
            break  # (", y acordaron celebrar en Roma ...": another verb's clause)
        if words.low[i] in cases and words.head[i] > i:
            verb = words.head[words.head[i]]
            if not (words.dep[verb] in ("acl", "acl:relcl") and _own_subject(verb, words)):
                found.append(words.head[i])  # (not "..., cuya sesión anterior se celebró en X")
    return found


def _line_start(token: int, words: DocWords) -> bool:
    """Whether only spaces stand between the start of its line and token ``token``."""
    i = token - 1
    while i >= 0 and words.space[i] and "\n" not in words.texts[i]:
        i -= 1
    return i < 0 or "\n" in words.texts[i]  # (a text without "\n" ends in a space or nothing)


def inherit_clause_places(events: list[Draft], lex: Lexicon, places: PlaceIndex, words: DocWords) -> None:
    """An event with no place told in a purpose clause of a verb of motion ("se trasladarán al
    Castillo de Chapultepec para asistir a la ceremonia") takes place where that verb goes."""
    for e in events:
        if e.place is not None:
            continue
        verb = host_verb(e.lead, lex, words)
        found = destination(verb, places, words) if verb is not None else None
        if found is not None:
            e.place = found[0]


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
    city, visitors = visits[0].place, set().union(*(people_of(v) for v in visits))
    for e in events:
        if e.kind in ("meeting", "summit", "signing", "other") and (
                e.place is None or (e.place.location is None and e.place.country == city.country)) and all(
                a in visitors or countries.get(a, city.country) == city.country for a in people_of(e)):
            e.place = city
