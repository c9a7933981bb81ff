"""The events lexicon: trigger words and cue classes of ``models/events/``, indexed once.

Reads the rows of ``models/events/triggers.csv`` (term, pos, kind, requires) and
``models/events/cues.csv`` (term, class, status) as :mod:`pipeline.events` loads them;
writes nothing. The columns and cue classes are described in ``docs/RULES.md``.

Helpers shared by the events stage modules (:mod:`pipeline.events_detect`,
:mod:`pipeline.event_status`, :mod:`pipeline.events_actors`); a :class:`Lexicon` also keeps a
bounded memo of which words may start a trigger (``may_start``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from .docparse import MAX_MEMO
from .tables_meta import VALUES

if TYPE_CHECKING:
    from .events_words import DocWords

#: What ``models/events/triggers.csv`` may say (a value outside these stops the run).
TRIGGER_POS = frozenset({"noun", "verb"})
EVENT_KINDS = frozenset(VALUES[("events", "kind")])
#: When a trigger makes an event on its own (see events_detect): a noun that is ``named``, or
#: has a ``support`` verb; ``always`` (the phrase names an event: "cartas credenciales");
#: ``named_or_support`` (or empty): the default tests; a verb with a ``reflexive`` pronoun, an
#: ``object``, a ``person_object``.
REQUIREMENTS_BY_POS = {"noun": frozenset({"named", "support", "always", "named_or_support"}),
                       "verb": frozenset({"reflexive", "object", "person_object"})}
REQUIREMENTS = frozenset().union(*REQUIREMENTS_BY_POS.values())


def requirement_fits_pos(row: dict[str, Any]) -> tuple[str, str] | None:
    """A trigger row's ``requires`` must be one its ``pos`` has (else it would do nothing)."""
    allowed = REQUIREMENTS_BY_POS.get(row.get("pos") or "", frozenset())
    if row.get("requires") and row["requires"] not in allowed:
        return "requires", (f"'{row['requires']}' is not for a {row.get('pos')}; use one of "
                            f"{sorted(allowed)} or leave it empty")
    return None


#: What ``models/events/cues.csv`` may say: the classes the events modules look cues up by
#: (a test checks that the two agree).
CUE_CLASSES = frozenset({
    "attends", "cancel_noun", "cancel_verb", "chairs", "distinct_adj", "exclude", "frame", "held_adj",
    "host_subj", "includes", "invites", "joins_agent", "joins_subj", "offset_unit", "periphrasis", "person_head",
    "planned_adj", "planned_verb", "postpone", "presence", "receives", "recipient", "same_day", "scope_adj", "sequence",
    "session_organ", "speech", "support", "support_noun", "support_obl", "support_subj", "team"})
CUE_STATUSES = frozenset({"planned", "cancelled"})
#: Cue classes whose terms may be phrases ("conferencia de prensa"); the others are looked up one
#: token at a time (by its text or lemma), so a phrase there could never match.
PHRASE_CUE_CLASSES = frozenset({"exclude", "session_organ"})


def cue_fits_class(row: dict[str, Any]) -> tuple[str, str] | None:
    """A cue row's ``term`` is one word unless its class matches phrases, and only a ``support``
    cue has a ``status`` (else the row, or its status, would do nothing)."""
    if len(row["term"].split()) > 1 and row["class"] not in PHRASE_CUE_CLASSES:
        return "term", (f"'{row['term']}': class {row['class']} is looked up one word at a time; give one "
                        f"word (a form or a lemma), or use one of {sorted(PHRASE_CUE_CLASSES)}")
    if row.get("status") and row["class"] != "support":
        return "status", f"only a support cue has a status; leave it empty for class {row['class']}"
    return None


#: The table of a cue class the lexicon lacks.
_NO_CUES: dict[str, str | None] = {}


def lem(token: Token) -> str:
    """Lower-cased lemma without the clitic spaCy appends ("reunir él" -> "reunir")."""
    return lem_text(token.lemma_)


@lru_cache(maxsize=65536)
def lem_text(lemma: str) -> str:
    """:func:`lem` of a lemma string."""
    lemma = lemma.lower()
    return lemma.split(" ", 1)[0] if " " in lemma else lemma


class _MayStart(dict):
    """Whether a lower-cased text is one of ``first`` words or begins with one of ``stems``,
    filled on a miss (read with ``map`` over a document's texts)."""

    def __init__(self, first: frozenset[str], stems: tuple[str, ...]) -> None:
        super().__init__()
        self.first, self.stems = first, stems

    def __missing__(self, low: str) -> bool:
        if len(self) > MAX_MEMO:
            self.clear()
        self[low] = found = low in self.first or low.startswith(self.stems)
        return found


@dataclass
class Lexicon:
    """Triggers and cues, indexed for token look-up."""

    triggers: dict[str, list[tuple[tuple[str, ...], str, str, str]]]  # first word -> (words, pos, kind, requires)
    cues: dict[str, dict[str, str | None]]  # class -> {lemma: status}
    excludes: list[tuple[str, ...]]
    prefixes: list[str]  # first words given as "stem*"
    #: excluded phrases by first word, and those whose first word is a "stem*"
    exclude_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    exclude_starred: list[tuple[str, ...]] = field(default_factory=list)
    stems: tuple[str, ...] = field(default=(), init=False)  # the prefixes without their "*"
    first_words: frozenset[str] = field(default=frozenset(), init=False)  # of triggers and exclusions
    #: lower-cased text -> whether it is in ``first_words`` or begins with one of ``stems``
    may_start: _MayStart = field(default_factory=lambda: _MayStart(frozenset(), ()), init=False,
                                 repr=False)

    def __post_init__(self) -> None:
        self.stems = tuple(p[:-1] for p in self.prefixes)
        for words in self.excludes:
            if words[0].endswith("*"):
                self.exclude_starred.append(words)
            else:
                self.exclude_first.setdefault(words[0], []).append(words)
        self.first_words = frozenset(self.triggers) | frozenset(self.exclude_first)
        self.may_start = _MayStart(self.first_words, self.stems)

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

    def has_at(self, cls: str, words: DocWords, i: int) -> bool:
        """Whether token ``i`` of ``words`` is a cue of class ``cls``, by its text or lemma."""
        table = self.cues.get(cls, _NO_CUES)
        return words.low[i] in table or words.lem[i] in table

    def any_at(self, cls: str, words: DocWords, indices: Iterable[int]) -> bool:
        """Whether :meth:`has_at` holds for any of the tokens ``indices`` of ``words``."""
        table, low_, lem_ = self.cues.get(cls, _NO_CUES), words.low, words.lem
        for i in indices:  # (a loop: any() over a generator costs twice as much on these few)
            if low_[i] in table or lem_[i] in table:
                return True
        return False

    def status_at(self, cls: str, words: DocWords, i: int) -> str | None:
        """The status a cue of class ``cls`` gives token ``i`` of ``words`` (by its lemma, then
        its text), if any."""
        table = self.cues.get(cls, _NO_CUES)
        return table.get(words.lem[i]) or table.get(words.low[i])
