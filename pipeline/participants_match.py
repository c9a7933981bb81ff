"""Finding the pieces of participants in a document: gazetteer matches, names, role phrases.

Helpers of the participants stage (:mod:`pipeline.participants`), spaCy-free apart from
reading tokens: :class:`FoldedMatcher` (gazetteer phrases matched accent- and
case-insensitively over tokens, compiled once), :func:`name_spans` (person-name shaped
token runs) and :func:`role_phrase` (the title in apposition to a name: "el secretario
de Estado de Estados Unidos, Marco Rubio" / "Marco Rubio, secretario de Estado").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from .gazetteer import fold

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
_STOP_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ"})
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
        self.cased: set[tuple[str, str]] = set()
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
            if kind in CASED and surface[:1].isupper():
                self.cased.add((key, kind))
            else:
                self.lower_ok.add((key, kind))
            words = key.split()
            for n in range(1, len(words) + 1):
                self.prefixes.add(" ".join(words[:n]))
        self.acronyms -= words_seen

    def all_matches(self, doc: Doc, folded: Sequence[str]) -> list[Match]:
        """Every match (overlapping allowed)."""
        found: list[Match] = []
        n = len(doc)
        for i in range(n):
            if not folded[i]:
                continue
            key = ""
            for j in range(i, n):
                if not folded[j]:
                    continue
                key = f"{key} {folded[j]}" if key else folded[j]
                if key not in self.prefixes:
                    break
                for kind, rows in self.table.get(key, {}).items():
                    if (key, kind) not in self.lower_ok and not _capital(doc[i]):
                        continue
                    if (key, kind) in self.acronyms and not doc[i:j + 1].text.isupper():
                        continue
                    if kind in ACCENTED and _accent_differs(doc[i].lower_, self.first_words[key, kind]):
                        continue
                    found.append(Match(i, j + 1, kind, key, rows))
        return found

    def __call__(self, doc: Doc, folded: Sequence[str]) -> list[Match]:
        """Longest matches first, then by kind priority; no two overlap."""
        chosen: list[Match] = []
        taken = [False] * len(doc)
        ranked = sorted(self.all_matches(doc, folded),
                        key=lambda m: (-(m.end - m.start), PRIORITY.get(m.kind, 9), m.start))
        for m in ranked:
            if any(taken[m.start:m.end]):
                continue
            for k in range(m.start, m.end):
                taken[k] = True
            chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)


def _accent_differs(word: str, written: set[str]) -> bool:
    """The text's word carries an accent none of the pattern's spellings has (a text may drop
    accents, it does not add them: "Secretaría" is not the title "secretaria")."""
    return word not in written and _marked(word) and not any(_marked(w) for w in written)


def _marked(word: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word))


def _capital(token: Token) -> bool:
    first = token.text[:1]
    return first.isupper() or first.isdigit() or first == "@"


def is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a person's name (``F.``, ``Moïse``, ``Viera-Gallo``)."""
    text = token.text
    if not text[:1].isupper():
        return False
    core = text.replace("-", "").replace(".", "").replace("'", "")
    return core.isalpha() and not (len(core) > 3 and core.isupper() and "." not in text)


def name_run(doc: Doc, start: int, limit: int = 6) -> int:
    """End of the run of name words starting at ``start`` (``start`` when there is none)."""
    end = start
    i = start
    while i < len(doc) and i - start < limit + 2:
        token = doc[i]
        if is_name_word(token):  # a line break is a SPACE token, no name word: it ends the run
            end = i + 1
            i += 1
            continue
        if token.lower_ in PARTICLES and end > start:
            j = i
            while j < len(doc) and doc[j].lower_ in PARTICLES and j - i < 3:
                j += 1
            if j < len(doc) and is_name_word(doc[j]):
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


def _stops_phrase(token: Token) -> bool:
    return (token.is_punct and token.text not in "()") or token.pos_ in _STOP_POS or token.is_sent_start


def role_phrase(doc: Doc, start: int, end: int, by_token: dict[int, Match],
                persons: set[int], window: int = 14) -> RolePhrase | None:
    """The title phrase before (preferred) or after the name at tokens ``start:end``."""
    left = _left_phrase(doc, start, by_token, persons, window)
    return left if left is not None else _right_phrase(doc, end, by_token, persons, window)


def _left_phrase(doc: Doc, start: int, by_token: dict[int, Match], persons: set[int],
                 window: int) -> RolePhrase | None:
    i = start - 1
    if i >= 0 and doc[i].text in {",", "("}:
        i -= 1
    elif i >= 0 and doc[i].lower_ in PHRASE_WORDS and not (doc[i].lower_ in {"y", "e"} and i - 1 in persons):
        return None  # "el director de ProMéxico": a body in the title, not a person
    # a coordinated name ("los ministros ..., Alfonso Navarrete y María García"): use its phrase
    if i >= 0 and doc[i].lower_ in {"y", "e"} and i - 1 in persons:
        j = i - 1
        while j - 1 in persons:
            j -= 1
        return _left_phrase(doc, j, by_token, persons, window)
    titles: list[Match] = []
    inside: list[Match] = []
    lowest = max(-1, start - window - 1)
    phrase_end = i + 1
    while i > lowest:
        token = doc[i]
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
            if j - 1 >= 0 and doc[j - 1].lower_ in {"de", "del"}:
                i = j - 1
                continue
            break
        if m is not None:
            (titles if m.kind == "ROLE" or m.title else inside).append(m)
            i = m.start - 1
            continue
        if _stops_phrase(token) and token.text not in {"(", ")"}:
            break
        i -= 1
    if not titles:
        return None
    # the title closest to the name; titles joined by "y" before it ("vicepresidenta y canciller")
    title = titles[0]
    first = title.start
    for other in titles[1:]:
        if other.end in (first - 1,) and doc[other.end].lower_ in {"y", "e"}:
            first = other.start
    between = [m for m in inside if m.start >= first]
    return RolePhrase(first, phrase_end, title, sorted([title, *between], key=lambda m: m.start), "left")


def _right_phrase(doc: Doc, end: int, by_token: dict[int, Match], persons: set[int],
                  window: int) -> RolePhrase | None:
    if end >= len(doc) or doc[end].text != ",":
        return None
    i = end + 1
    while i < len(doc) and doc[i].pos_ in {"DET", "ADJ"} and by_token.get(i) is None and i < end + 3:
        i += 1
    m = by_token.get(i)
    if m is None or m.kind != "ROLE":
        return None
    j, found = extend_title(doc, m, by_token, persons, end + window)
    if j + 1 < len(doc) and doc[j].text == "," and (j + 1 in persons or is_name_word(doc[j + 1])):
        return None  # "Blinken y Bárcena, el ministro de Colombia, Luis Murillo": the next name's title
    return RolePhrase(m.start, j, m, found, "right")


def extend_title(doc: Doc, title: Match, by_token: dict[int, Match], persons: set[int],
                 limit: int) -> tuple[int, list[Match]]:
    """End of a title's qualifiers ("secretario de Estado de Estados Unidos") and the matches in it."""
    found, j = [title], title.end
    while j < len(doc) and j < limit:
        token = doc[j]
        mm = by_token.get(j)
        if mm is not None:
            if mm.kind in {"PER", "COLLECTIVE"}:
                break
            found.append(mm)
            j = mm.end
            continue
        if j in persons or _stops_phrase(token) and token.text not in {"(", ")"}:
            break
        if token.lower_ in {"y", "e"} and j + 1 < len(doc) and doc[j + 1].lower_ in COORDINATED_DET:
            break  # "la canciller y el embajador chileno": a second person, not a qualifier
        previous = doc[j - 1]
        adjective = token.pos_ == "ADJ" and (j == title.end or previous.pos_ == "ADJ"
                                             or by_token.get(j - 1) is not None)
        if not (is_name_word(token) or token.lower_ in PHRASE_WORDS or adjective
                or token.text in {"(", ")"} or token.is_digit):
            break
        j += 1
    while j > title.end and (doc[j - 1].lower_ in PHRASE_WORDS or doc[j - 1].text == "("):
        j -= 1
    return j, [x for x in found if x.end <= j]
