"""The events lexicon: trigger words and cue classes of ``models/events/``, indexed once.

Pure helpers shared by the events stage modules (:mod:`pipeline.events_detect`,
:mod:`pipeline.event_status`, :mod:`pipeline.events_attach`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token


def low(token: Token) -> str:
    return token.lower_


def lem(token: Token) -> str:
    """Lower-cased lemma without the clitic spaCy appends ("reunir él" -> "reunir")."""
    lemma = token.lemma_.lower()
    return lemma.split(" ", 1)[0] if " " in lemma else lemma


def word_matches(token: Token, word: str) -> bool:
    """A lexicon word matches a token's text or lemma; "sesion*" matches by prefix of the text
    (for verb forms the lemmatizer gets wrong, e.g. "sesionará")."""
    if word.endswith("*"):
        return low(token).startswith(word[:-1])
    return low(token) == word or lem(token) == word


@dataclass
class Lexicon:
    """Triggers and cues, indexed for token look-up."""

    triggers: dict[str, list[tuple[tuple[str, ...], str, str, str]]]  # first word -> (words, pos, kind, requires)
    cues: dict[str, dict[str, str | None]]  # class -> {lemma: status}
    excludes: list[tuple[str, ...]]
    prefixes: list[str]  # first words given as "stem*"

    @classmethod
    def from_rows(cls, triggers: Iterable[dict[str, Any]], cues: Iterable[dict[str, Any]]) -> Lexicon:
        index: dict[str, list[tuple[tuple[str, ...], str, str, str]]] = {}
        for row in triggers:
            words = tuple(row["term"].lower().split())
            index.setdefault(words[0], []).append(
                (words, row["pos"], row["kind"], row.get("requires") or ""))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        by_class: dict[str, dict[str, str | None]] = {}
        excludes = []
        for row in cues:
            if row["class"] == "exclude":
                excludes.append(tuple(row["term"].lower().split()))
            else:
                by_class.setdefault(row["class"], {})[row["term"].lower()] = row.get("status")
        return cls(index, by_class, excludes, [k for k in index if k.endswith("*")])

    def has(self, cls: str, token: Token) -> bool:
        return low(token) in self.cues.get(cls, {}) or lem(token) in self.cues.get(cls, {})

    def status(self, cls: str, token: Token) -> str | None:
        table = self.cues.get(cls, {})
        return table.get(lem(token)) or table.get(low(token))
