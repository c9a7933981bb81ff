"""Finding the pieces of participants in a document: gazetteer matches, names, role phrases.

Helpers of the participants stage (:mod:`pipeline.participants`), spaCy-free: they read a
document's token lists (:class:`~pipeline.participants_tokens.Tokens`). :class:`FoldedMatcher`
(gazetteer phrases matched accent- and case-insensitively over tokens, compiled once),
:func:`name_run` (person-name shaped token runs) and :func:`role_phrase` (the title in apposition to a name: "el secretario
de Estado de Estados Unidos, Marco Rubio" / "Marco Rubio, secretario de Estado").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .gazetteer import fold
from .participants_tokens import Tokens

#: Tie-break between matches of equal length (lower wins).
PRIORITY = {"ORG": 0, "ROLE": 1, "COLLECTIVE": 2, "PER": 3, "COUNTRY": 4, "LOC": 5,
            "DEMONYM": 6, "AGENCY": 7}
#: Kinds whose first word must not carry an accent the pattern lacks.
ACCENTED = frozenset({"ROLE", "COLLECTIVE"})
#: Kinds whose surface must start with a capital when the pattern does.
CASED = frozenset({"PER", "ORG", "COUNTRY", "LOC", "AGENCY"})
ARTICLES = frozenset({"el", "la", "los", "las"})
PARTICLES = frozenset("de del la las los van von der bin ben al da das do dos di le".split())
#: Words that may stand inside a role phrase between the title and the name.
PHRASE_WORDS = frozenset("de del la las los el y e en para sobre".split())
#: Determiners after "y" that open a second noun phrase inside what looked like one title.
COORDINATED_DET = frozenset("el la los las su sus un una".split())


@dataclass
class Match:
    """A gazetteer phrase found in the text (token offsets), with what it stands for."""

    start: int
    end: int
    kind: str
    key: str
    rows: list[Any] = field(default_factory=list)
    #: for a collective ("los ministros"), the title it ends with, when it heads a list of names
    title: str | None = None


class FoldedMatcher:
    """Phrase matching on folded token text (accents, case and punctuation ignored).

    Built once from ``(surface, kind, payload)`` entries; :meth:`__call__` returns the
    longest non-overlapping matches of a doc.
    """

    def __init__(self, entries: Iterable[tuple[str, str, Any]]) -> None:
        self.table: dict[str, dict[str, list[Any]]] = {}
        self.lower_ok: set[tuple[str, str]] = set()
        self.acronyms: set[tuple[str, str]] = set()
        words_seen: set[tuple[str, str]] = set()
        self.prefixes: set[str] = set()
        #: titles' first words as written: "secretaría" (a ministry) is no "secretaria" (a person)
        self.first_words: dict[tuple[str, str], set[str]] = {}
        for surface, kind, payload in entries:
            head, _, rest = surface.partition(" ")
            if kind in CASED and rest and head.lower() in ARTICLES:
                surface = rest  # "la Casa Blanca" is "Casa Blanca": one key for a place and a body
            key = fold(surface)
            if not key:
                continue
            self.table.setdefault(key, {}).setdefault(kind, []).append(payload)
            if kind in ACCENTED:
                self.first_words.setdefault((key, kind), set()).add(surface.split()[0].lower())
            if kind in CASED and surface.isupper() and len(surface) <= 8:
                self.acronyms.add((key, kind))  # "SE" must not match "Se"
            else:
                words_seen.add((key, kind))
            if not (kind in CASED and surface[:1].isupper()):
                self.lower_ok.add((key, kind))
            self.prefixes.add(key)  # and its first words (a folded key has single spaces)
            cut = key.find(" ")
            while cut != -1:
                self.prefixes.add(key[:cut])
                cut = key.find(" ", cut + 1)
        self.acronyms -= words_seen
        #: first words of the entries a word in lower case may match ("de la Fuente" needs "De")
        self.lower_starts = frozenset(key.partition(" ")[0] for key, _ in self.lower_ok)
        #: what :meth:`_found` tests of each (key, kind), worked out once per entry: key ->
        #: [(kind, rows, lower case allowed, acronym, spellings a text accent rules out or None,
        #: tie-break priority)]; the spellings are None where some spelling has an accent
        #: (:func:`_unmarked`)
        self.compiled: dict[str, list[tuple[str, list[Any], bool, bool, set[str] | None, int]]] = {
            key: [(kind, rows, (key, kind) in self.lower_ok, (key, kind) in self.acronyms,
                   _unmarked(self.first_words[key, kind]) if kind in ACCENTED else None,
                   PRIORITY.get(kind, 9))
                  for kind, rows in kinds.items()]
            for key, kinds in self.table.items()}

    def _found(self, tokens: Tokens) -> list[tuple[int, int, int, int, str, str, list[Any]]]:
        """Every match as (start - end, priority, start, end, kind, key, rows): sorted as
        tuples, longest first, then by kind priority, then by start. No two share the first
        three (one span has one key, whose kinds differ in priority), so the sort never
        compares beyond the kind."""
        found: list[tuple[int, int, int, int, str, str, list[Any]]] = []
        folded, capital, prefixes, compiled = tokens.folded, tokens.capital, self.prefixes, self.compiled
        lower = tokens.lower
        n = len(folded)
        lower_starts = self.lower_starts
        # a word folded to nothing opens none
        for i in tokens.where(prefixes):
            upper = capital[i]
            if not upper and folded[i] not in lower_starts:
                continue  # every entry this word opens wants a capital
            key, j = folded[i], i
            while True:  # key: the folded words i..j, a prefix of some entry
                entries = compiled.get(key)
                if entries is not None:
                    for kind, rows, lower_ok, acronym, written, priority in entries:
                        if not upper and not lower_ok:
                            continue
                        if acronym and not tokens.span_text(i, j + 1).isupper():
                            continue
                        # a title's first word with an accent none of its spellings has (:func:`_unmarked`)
                        if written is not None and lower[i] not in written and _marked(lower[i]):
                            continue
                        found.append((i - j - 1, priority, i, j + 1, kind, key, rows))
                j += 1
                while j < n and not folded[j]:  # punctuation between the words is passed over
                    j += 1
                if j >= n:
                    break
                key = f"{key} {folded[j]}"
                if key not in prefixes:
                    break
        return found

    def __call__(self, tokens: Tokens) -> list[Match]:
        """Longest matches first, then by kind priority; no two overlap."""
        chosen: list[tuple[int, int, str, str, list[Any]]] = []
        taken = [False] * len(tokens)
        ranked = self._found(tokens)
        ranked.sort()  # see :meth:`_found`
        for _, _, start, end, kind, key, rows in ranked:
            if True in taken[start:end]:  # any(taken[start:end]), without a generator
                continue
            taken[start:end] = [True] * (end - start)
            chosen.append((start, end, kind, key, rows))
        chosen.sort()  # by start: chosen matches do not overlap, so no two share one
        return [Match(*found) for found in chosen]


def _unmarked(written: set[str]) -> set[str] | None:
    """``written`` when none of its spellings carries an accent, else None. A text may drop
    accents, it does not add them: "Secretaría" is not the title "secretaria", so a word
    not in ``written`` that carries an accent is no match when no spelling has one."""
    return None if any(_marked(w) for w in written) else written


def _marked(word: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word))


def name_run(tokens: Tokens, start: int, limit: int = 6) -> int:
    """End of the run of name words starting at ``start`` (``start`` when there is none)."""
    name_word, lower, n = tokens.name_word, tokens.lower, len(tokens)
    end = start
    i = start
    while i < n and i - start < limit + 2:
        if name_word[i]:  # a line break is a SPACE token, no name word: it ends the run
            end = i + 1
            i += 1
            continue
        if lower[i] in PARTICLES and end > start:
            j = i
            while j < n and lower[j] in PARTICLES and j - i < 3:
                j += 1
            if j < n and name_word[j]:
                i = j
                continue
        break
    return end


@dataclass
class RolePhrase:
    """A title in apposition to a name, with the matches inside it."""

    start: int  # token offsets of the whole phrase
    end: int
    title: Match  # the role title chosen (closest to the name)
    matches: list[Match]
    side: str  # left | right


def role_phrase(tokens: Tokens, start: int, end: int, by_token: dict[int, Match],
                persons: set[int], window: int = 14) -> RolePhrase | None:
    """The title phrase before (preferred) or after the name at tokens ``start:end``."""
    left = _left_phrase(tokens, start, by_token, persons, window)
    return left if left is not None else _right_phrase(tokens, end, by_token, persons, window)


def _left_phrase(tokens: Tokens, start: int, by_token: dict[int, Match], persons: set[int],
                 window: int) -> RolePhrase | None:
    text, lower = tokens.text, tokens.lower
    i = start - 1
    if i >= 0 and text[i] in {",", "("}:
        i -= 1
    elif i >= 0 and lower[i] in PHRASE_WORDS and not (lower[i] in {"y", "e"} and i - 1 in persons):
        return None  # "el director de ProMéxico": a body in the title, not a person
    # a coordinated name ("los ministros ..., Alfonso Navarrete y María García"): use its phrase
    if i >= 0 and lower[i] in {"y", "e"} and i - 1 in persons:
        j = i - 1
        while j - 1 in persons:
            j -= 1
        return _left_phrase(tokens, j, by_token, persons, window)
    titles: list[Match] = []
    inside: list[Match] = []
    lowest = max(-1, start - window - 1)
    phrase_end = i + 1
    stops = tokens.stops
    while i > lowest:
        m = by_token.get(i)
        if (m is not None and m.kind == "PER") or i in persons:
            # a possessor inside the title ("la asesora de Marco Rubio, Ana Pérez") is skipped
            j = i
            while j - 1 >= 0 and (j - 1 in persons or (by_token.get(j - 1) is not None
                                                       and by_token[j - 1].kind == "PER")):
                j -= 1
            own = by_token.get(j - 1)
            if own is not None and own.kind == "ROLE":  # "del presidente Joe Biden"
                j = own.start
            if j - 1 >= 0 and lower[j - 1] in {"de", "del"}:
                i = j - 1
                continue
            break
        if m is not None:
            (titles if m.kind == "ROLE" or m.title else inside).append(m)
            lowest = max(-1, lowest - (m.end - m.start - 1))  # a name found counts as one word
            i = m.start - 1
            continue
        if stops(i) and text[i] not in {"(", ")"} and not (text[i] == "," and _in_portfolio(tokens, i)):
            break
        if lower[i] in {"y", "e"} and i + 2 < phrase_end and lower[i + 1] in COORDINATED_DET \
                and not text[i + 2][:1].isupper():
            break  # "la canciller de Colombia y el enviado especial, X": a second person's phrase (not
            # "para América Latina y el Caribe", "de la Mujer y la Equidad de Género")
        i -= 1
    if not titles:
        return _elided_title(tokens, i, phrase_end, inside, by_token, persons, window)
    # the title closest to the name; titles joined by "y" before it ("vicepresidenta y canciller")
    title = titles[0]
    first = title.start
    for other in titles[1:]:
        if other.end in (first - 1,) and lower[other.end] in {"y", "e"}:
            first = other.start
    between = [m for m in inside if m.start >= first]
    return RolePhrase(first, phrase_end, title, sorted([title, *between], key=lambda m: m.start), "left")


def _elided_title(tokens: Tokens, i: int, phrase_end: int, inside: list[Match], by_token: dict[int, Match],
                  persons: set[int], window: int) -> RolePhrase | None:
    """"sus homólogos de Brasil, X, y de Argentina, Y": a phrase read back from Y that stops
    at the name X (or the comma after it) right before "y de" + a country is X's title, with
    Y's own country."""
    lower = tokens.lower
    name_end = i - 1 if tokens.text[i] == "," else i
    if not (name_end in persons and i + 2 < phrase_end and lower[i + 1] in {"y", "e"}
            and lower[i + 2] in {"de", "del"} and any(m.kind in {"COUNTRY", "DEMONYM"} for m in inside)):
        return None
    j = name_end
    while j - 1 in persons:
        j -= 1
    previous = _left_phrase(tokens, j, by_token, persons, window)
    if previous is None:
        return None
    return RolePhrase(i + 2, phrase_end, previous.title, sorted([previous.title, *inside], key=lambda m: m.start),
                      "left")


def _in_portfolio(tokens: Tokens, i: int) -> bool:
    """A comma inside a list of capitalised portfolio names ("ministro de Economía, Industria y
    Competitividad"): between two capitalised words, with a "y" closing the list after it."""
    text, lower = tokens.text, tokens.lower
    if not (0 < i < len(text) - 3 and text[i - 1][:1].isupper() and text[i + 1][:1].isupper()):
        return False
    return lower[i + 2] in {"y", "e"} or (lower[i + 3] in {"y", "e"} and text[i + 2][:1].isupper())


def _right_phrase(tokens: Tokens, end: int, by_token: dict[int, Match], persons: set[int],
                  window: int) -> RolePhrase | None:
    text, n = tokens.text, len(tokens)
    if end >= n or text[end] != ",":
        return None
    i = end + 1
    while i < n and tokens.pos[i] in {"DET", "ADJ"} and by_token.get(i) is None and i < end + 3:
        i += 1
    m = by_token.get(i)
    if m is None or m.kind != "ROLE":
        return None
    j, found = extend_title(tokens, m, by_token, persons, end + window)
    if j + 1 < n and text[j] == "," and (j + 1 in persons or tokens.name_word[j + 1]):
        return None  # "Blinken y Bárcena, el ministro de Colombia, Luis Murillo": the next name's title
    return RolePhrase(m.start, j, m, found, "right")


def accredited_to(tokens: Tokens, org: Match) -> bool:
    """"embajador de México ante la ONU": the organization the official is sent to, not theirs."""
    i = org.start - 1 - (org.start > 0 and tokens.pos[org.start - 1] == "DET")
    return i >= 0 and tokens.lower[i] == "ante"


def extend_title(tokens: Tokens, title: Match, by_token: dict[int, Match], persons: set[int],
                 limit: int) -> tuple[int, list[Match]]:
    """End of a title's qualifiers ("secretario de Estado de Estados Unidos") and the matches in it."""
    text, lower, pos, n = tokens.text, tokens.lower, tokens.pos, len(tokens)
    stops = tokens.stops
    found, j = [title], title.end
    while j < n and j < limit:
        mm = by_token.get(j)
        if mm is not None:
            if mm.kind in {"PER", "COLLECTIVE"}:
                break
            found.append(mm)
            limit += mm.end - mm.start - 1  # a name found counts as one word
            j = mm.end
            continue
        if j in persons or stops(j) and text[j] not in {"(", ")"}:
            break
        if lower[j] in {"y", "e"} and j + 1 < n and lower[j + 1] in COORDINATED_DET:
            break  # "la canciller y el embajador chileno": a second person, not a qualifier
        adjective = pos[j] == "ADJ" and (j == title.end or pos[j - 1] == "ADJ"
                                         or by_token.get(j - 1) is not None)
        if not (tokens.name_word[j] or lower[j] in PHRASE_WORDS or adjective
                or text[j] in {"(", ")"} or tokens.digit[j]):
            break
        j += 1
    while j > title.end and (lower[j - 1] in PHRASE_WORDS or text[j - 1] == "("):
        j -= 1
    return j, [x for x in found if x.end <= j]
