"""Compiled trigger lexicon and keyword lexicons of the commitments stage (pure helpers).

A trigger pattern (``models/commitments/triggers.csv``, column ``pattern``) is a sequence
of space-separated token specs:

* ``acordar`` matches a token whose lemma, lower-case form or accent-free form is
  ``acordar``; ``a|b`` matches either; a trailing ``?`` makes the token optional;
* ``procur*`` matches any word starting with ``procur`` (for forms the lemmatiser misses);
* ``...`` is a gap of up to :data:`GAP` tokens (within the sentence).

Quotation marks are ignored when matching ("coincidieron «en la necesidad de ...»").

The first non-optional spec other than a clitic or article is the trigger's head (its verb or noun); ``number`` and
``morph`` constrain that head. :func:`compile_triggers` builds an index by first word once;
:func:`find_triggers` scans a sentence with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from . import tables_meta
from .rules import CONVERTERS
from .textnorm import fold

MODALITIES = frozenset(tables_meta.MODALITIES)
ACTION_MODES = frozenset({"after", "self"})
REQUIREMENTS = frozenset({"future", "infinitive", "verbal", "list", "actor_subject", "possessor",
                          "addressee"})
TOPICS = frozenset(tables_meta.TOPICS)
FILTER_KINDS = frozenset({"negation", "condition", "principle", "past", "nonactor", "group",
                          "purpose", "cast"})
#: words that cannot head a trigger ("se prevé": the head is "prevé")
_FUNCTION_WORDS = frozenset({"se", "el", "la", "lo", "los", "las", "un", "una", "su", "sus"})
#: longest gap ``...`` may skip
GAP = 30


def token_keys(token: Token) -> frozenset[str]:
    """The forms a lexicon word may match: lemma, lower-case text, both accent-free."""
    return frozenset({fold(token.lemma_), fold(token.text)})


@dataclass(frozen=True)
class Step:
    words: frozenset[str] | None  # None: a gap
    optional: bool = False
    prefixes: tuple[str, ...] = ()

    def accepts(self, keys: frozenset[str]) -> bool:
        if self.words is None:
            return False
        return bool(keys & self.words) or any(k.startswith(p) for k in keys for p in self.prefixes)


@dataclass(frozen=True)
class Trigger:
    """One compiled row of the trigger lexicon."""

    row: int  # position in the lexicon (earlier rows are tried first)
    pattern: str
    steps: tuple[Step, ...]
    head: int  # index in steps of the head spec
    modality: str
    lemma: str | None
    action: str  # after | self
    number: str | None
    morph: dict[str, str]
    requires: frozenset[str]
    objects: frozenset[str] = frozenset()  # allowed complement heads (empty: any)


def parse_pattern(pattern: str) -> tuple[tuple[Step, ...], int]:
    """Steps of a pattern and the index of its head step; raises ValueError if malformed."""
    steps: list[Step] = []
    for spec in pattern.split():
        if spec == "...":
            steps.append(Step(None))
            continue
        optional = spec.endswith("?")
        alternatives = [w for w in spec.rstrip("?").split("|") if w]
        words = frozenset(fold(w) for w in alternatives if not w.endswith("*"))
        prefixes = tuple(fold(w[:-1]) for w in alternatives if w.endswith("*") and len(w) > 3)
        if not words and not prefixes:
            raise ValueError(f"empty token spec in '{pattern}'")
        steps.append(Step(words, optional, prefixes))
    heads = [i for i, s in enumerate(steps) if s.words is not None and not s.optional
             and not (s.words and s.words <= _FUNCTION_WORDS and not s.prefixes)]
    heads = heads or [i for i, s in enumerate(steps) if s.words is not None and not s.optional]
    if not heads or steps[0].words is None or steps[-1].words is None:
        raise ValueError(f"pattern '{pattern}' needs a required word and cannot start or end with '...'")
    return tuple(steps), heads[0]


def checked_pattern(pattern: str) -> str:
    """``pattern`` itself if :func:`parse_pattern` accepts it (the ``trigger_pattern`` value
    kind of :mod:`pipeline.rules`, so a bad pattern is reported with its file and line)."""
    parse_pattern(pattern)
    return pattern


CONVERTERS.setdefault("trigger_pattern", checked_pattern)


def compile_triggers(rows: Sequence[dict]) -> dict[str, list[Trigger]]:
    """Index the trigger rows (checked by the stage's schema) by every word their match can
    start with."""
    index: dict[str, list[Trigger]] = {}
    for number, row in enumerate(rows):
        steps, head = parse_pattern(row["pattern"])
        action = row.get("action") or "after"
        requires = frozenset(row.get("requires") or ())
        morph = dict(part.split("=", 1) for part in (row.get("morph") or "").split("|") if "=" in part)
        objects = frozenset(fold(w) for w in row.get("objects") or ())
        trigger = Trigger(number, row["pattern"], steps, head, row["modality"], row.get("lemma"),
                          action, row.get("number"), morph, requires, objects)
        starts: set[str] = set()
        for step in steps:
            starts |= step.words or set()
            starts |= {"*" + p for p in step.prefixes}
            if not step.optional:
                break
        for word in starts:
            index.setdefault(word, []).append(trigger)
    return index


def _match_from(tokens: Sequence[Token], keys: Sequence[frozenset[str]], i: int,
                steps: Sequence[Step], k: int) -> list[int] | None:
    """Token indices matched by steps[k:] starting at tokens[i] (-1 marks a skipped optional)."""
    if k == len(steps):
        return []
    step = steps[k]
    if step.words is None:
        for gap in range(0, GAP + 1):
            rest = _match_from(tokens, keys, i + gap, steps, k + 1)
            if rest is not None:
                return rest
        return None
    if i < len(tokens) and step.accepts(keys[i]):
        rest = _match_from(tokens, keys, i + 1, steps, k + 1)
        if rest is not None:
            return [i, *rest]
    if step.optional:
        rest = _match_from(tokens, keys, i, steps, k + 1)
        if rest is not None:
            return [-1, *rest]
    return None


@dataclass(frozen=True)
class TriggerMatch:
    trigger: Trigger
    tokens: tuple[Token, ...]  # the matched tokens, in order
    head: Token

    @property
    def end(self) -> int:
        """Doc index after the last matched token."""
        return self.tokens[-1].i + 1


def _head_ok(trigger: Trigger, head: Token) -> bool:
    if trigger.number and trigger.number not in head.morph.get("Number"):
        return False
    return all(value in head.morph.get(key) for key, value in trigger.morph.items())


def prefixed_triggers(index: dict[str, list[Trigger]]) -> list[tuple[str, list[Trigger]]]:
    """The index entries of prefix words (``procur*``), for :func:`find_triggers`."""
    return [(w[1:], ts) for w, ts in index.items() if w.startswith("*")]


def find_triggers(sent: Span, index: dict[str, list[Trigger]],
                  prefixed: Sequence[tuple[str, list[Trigger]]] = ()) -> list[TriggerMatch]:
    """Every trigger match in a sentence; at one position the longest pattern wins.

    ``prefixed`` is :func:`prefixed_triggers` of ``index``, computed once.
    """
    tokens = [t for t in sent if not t.is_quote]
    keys = [token_keys(t) for t in tokens]
    found: list[TriggerMatch] = []
    for i, key in enumerate(keys):
        candidates = {id(t): t for word in key for t in index.get(word, ())}
        for prefix, triggers in prefixed:
            if any(k.startswith(prefix) for k in key):
                candidates.update((id(t), t) for t in triggers)
        if not candidates:
            continue
        best: TriggerMatch | None = None
        for trigger in sorted(candidates.values(), key=lambda t: t.row):
            positions = _match_from(tokens, keys, i, trigger.steps, 0)
            if positions is None or positions[0] == -1 and not any(p >= 0 for p in positions):
                continue
            matched = tuple(tokens[p] for p in positions if p >= 0)
            if matched[0] is not tokens[i]:
                continue
            head = tokens[positions[trigger.head]]
            if not _head_ok(trigger, head):
                continue
            if best is None or len(matched) > len(best.tokens) or (
                    len(matched) == len(best.tokens) and matched[-1].i > best.end - 1):
                best = TriggerMatch(trigger, matched, head)
        if best is not None:
            found.append(best)
    # drop matches lying inside a longer one that starts earlier
    kept: list[TriggerMatch] = []
    for m in found:
        if any(o.tokens[0].i < m.tokens[0].i and m.head.i <= o.end - 1 and o is not m for o in found):
            continue
        kept.append(m)
    return kept


def compile_topics(rows: Iterable[dict]) -> list[tuple[re.Pattern[str], str]]:
    """One regex per topic, matching any of its keyword stems at a word start."""
    stems: dict[str, list[str]] = {}
    for row in rows:
        stems.setdefault(row["topic"], []).append(re.escape(fold(row["keyword"])))
    return [(re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"), topic)
            for topic, words in stems.items()]


def topics_of(text: str, compiled: Sequence[tuple[re.Pattern[str], str]]) -> list[str]:
    """Topics whose keywords occur in ``text``, in lexicon order; ``other`` when none."""
    folded = fold(text)
    found = [topic for regex, topic in compiled if regex.search(folded)]
    return found or ["other"]


def compile_filters(rows: Iterable[dict]) -> dict[str, frozenset[str]]:
    """Filter words by kind, accent-free."""
    out: dict[str, set[str]] = {kind: set() for kind in FILTER_KINDS}
    for row in rows:
        out[row["kind"]].add(fold(row["word"]))
    return {kind: frozenset(words) for kind, words in out.items()}
