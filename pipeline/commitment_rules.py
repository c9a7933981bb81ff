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
:class:`TriggerFinder` scans a sentence with it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from spacy.tokens import Token

from . import tables_meta
from .commitment_doc import DocTokens
from .docparse import feats
from .rules import CONVERTERS
from .textnorm import fold

MODALITIES = frozenset(tables_meta.MODALITIES)
ACTION_MODES = frozenset({"after", "self"})
#: what a trigger row needs to act ("requires", ``|``-separated); ``inner``: the trigger may
#: sit inside another one's action and then yields to it ("acordaron que el Grupo debe ...")
REQUIREMENTS = frozenset({"future", "infinitive", "verbal", "list", "actor_subject", "possessor",
                          "addressee", "inner"})
TOPICS = frozenset(tables_meta.TOPICS)
FILTER_KINDS = frozenset({"negation", "condition", "principle", "past", "nonactor", "group",
                          "purpose", "cast"})
#: a ``morph`` constraint: ``Feature=Value`` pairs joined by ``|`` as spaCy writes them ("Tense=Fut",
#: "Mood=Sub|Person=3", "Number[psor]=Plur")
_FEATURE = r"[A-Z][A-Za-z]*(?:\[[a-z]+\])?=[A-Za-z0-9]+(?:,[A-Za-z0-9]+)*"
_MORPH = re.compile(rf"^{_FEATURE}(?:\|{_FEATURE})*$")


def morph_fits(row: dict[str, Any]) -> tuple[str, str] | None:
    """A trigger row's ``morph`` is ``Feature=Value`` pairs (a part without "=" would be ignored)."""
    if row.get("morph") and not _MORPH.match(row["morph"]):
        return "morph", (f"'{row['morph']}' is not Feature=Value pairs joined by '|' (e.g. Tense=Fut, as "
                         "spaCy's morphology writes them)")
    return None


#: words that cannot head a trigger ("se prevé": the head is "prevé")
_FUNCTION_WORDS = frozenset({"se", "el", "la", "lo", "los", "las", "un", "una", "su", "sus"})
#: longest gap ``...`` may skip
GAP = 30


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
    #: words of the required steps without a prefix: each must be in a matching sentence
    required: tuple[frozenset[str], ...] = ()


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
        required = tuple(s.words for s in steps if s.words and not s.optional and not s.prefixes)
        trigger = Trigger(number, row["pattern"], steps, head, row["modality"], row.get("lemma"),
                          action, row.get("number"), morph, requires, objects, required)
        starts: set[str] = set()
        for step in steps:
            starts |= step.words or set()
            starts |= {"*" + p for p in step.prefixes}
            if not step.optional:
                break
        for word in starts:
            index.setdefault(word, []).append(trigger)
    return index


def _match_from(keys: Sequence[frozenset[str]], i: int, steps: Sequence[Step],
                k: int) -> list[int] | None:
    """Positions matched by steps[k:] starting at position i of a sentence whose tokens have
    ``keys`` (-1 marks a skipped optional)."""
    if k == len(steps):
        return []
    step = steps[k]
    if step.words is None:
        for gap in range(0, GAP + 1):
            rest = _match_from(keys, i + gap, steps, k + 1)
            if rest is not None:
                return rest
        return None
    if i < len(keys) and step.accepts(keys[i]):
        rest = _match_from(keys, i + 1, steps, k + 1)
        if rest is not None:
            return [i, *rest]
    if step.optional:
        rest = _match_from(keys, i, steps, k + 1)
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
    if trigger.number and trigger.number not in feats(head, "Number"):
        return False
    return all(value in feats(head, key) for key, value in trigger.morph.items())


def prefixed_triggers(index: dict[str, list[Trigger]]) -> list[tuple[str, list[Trigger]]]:
    """The index entries of prefix words (``procur*``), for :class:`TriggerFinder`."""
    return [(w[1:], ts) for w, ts in index.items() if w.startswith("*")]


#: a candidates cache holding more entries than this is emptied (it is keyed by vocabulary)
MAX_CACHED_KEYS = 1 << 16
#: what may start at a token: the triggers (in lexicon order) and the words a sentence must
#: hold one of for any of them to match there (None: any sentence); () when none may start
Start = tuple[tuple[Trigger, ...], frozenset[str] | None] | tuple[()]
#: the pattern words of a token with none
_NO_WORDS: frozenset[str] = frozenset()
#: a token that may start a trigger: its doc index, the triggers and their head words
Candidate = tuple[int, tuple[Trigger, ...], frozenset[str] | None]


class TriggerFinder:
    """Finds trigger matches with a compiled index (:func:`compile_triggers`).

    The triggers a token may start are looked up once per distinct pair of token keys
    (:attr:`~pipeline.commitment_doc.DocTokens.keys`) and remembered, so a sentence is scanned with one dict lookup per
    token and matched only from the tokens that start some trigger. Given as the ``lexicon``
    of :class:`~pipeline.commitment_doc.DocTokens`, :meth:`lexical` is stored with each word's
    forms, so that lookup is the forms' own.
    """

    def __init__(self, index: dict[str, list[Trigger]]) -> None:
        self.index = index
        self.prefixed = prefixed_triggers(index)
        self._starting: dict[frozenset[str], Start] = {}
        #: every word of a pattern step: the only keys a trigger's head or required word can be
        self.words = frozenset().union(*(s.words or () for ts in index.values() for t in ts for s in t.steps))

    def lexical(self, keys: frozenset[str]) -> tuple[Start, frozenset[str]]:
        """What the lexicon makes of a token with ``keys``: what may start there and those of
        the keys that are pattern words (the ``lexicon`` of
        :class:`~pipeline.commitment_doc.DocTokens`, so one lookup per token gives both)."""
        start = self._starting.get(keys)
        if start is None:
            start = self._start(keys)
        words = keys & self.words
        return start, words if words else _NO_WORDS

    def _read_with_me(self, doc_tokens: DocTokens) -> bool:
        """Whether ``doc_tokens`` holds what :meth:`lexical` made of its tokens (the stage
        builds them so; a DocTokens made without this finder's lexicon, e.g. by
        ``commitment_actions.units`` alone, takes the slower branches below)."""
        # ``==``, not ``is``: every ``self.lexical`` access makes a new bound-method object;
        # they compare equal when they bind the same function to the same finder
        return doc_tokens.lexicon == self.lexical

    def _words(self, doc_tokens: DocTokens) -> Sequence[frozenset[str]]:
        """The pattern words of each token (all its keys when ``doc_tokens`` was not read with
        :meth:`lexical`: a superset, as good for :meth:`candidates` and :meth:`find_all`)."""
        return doc_tokens.words if self._read_with_me(doc_tokens) else doc_tokens.keys

    def _start(self, keys: frozenset[str]) -> Start:
        """What may start at a token with ``keys``: the triggers and the words of their heads."""
        if len(self._starting) > MAX_CACHED_KEYS:
            self._starting.clear()
        candidates = {id(t): t for word in keys for t in self.index.get(word, ())}
        for prefix, triggers in self.prefixed:
            if any(k.startswith(prefix) for k in keys):
                candidates.update((id(t), t) for t in triggers)
        found = tuple(sorted(candidates.values(), key=lambda t: t.row))
        heads = [t.steps[t.head] for t in found]
        anchor = None if any(h.prefixes for h in heads) else frozenset().union(*(h.words or () for h in heads))
        start: Start = (found, anchor) if found else ()
        self._starting[keys] = start
        return start

    def candidates(self, doc_tokens: DocTokens) -> list[Candidate]:
        """The tokens that may start a trigger whose head word is in the document (quotation
        marks never do), in order."""
        keys, quote, words = doc_tokens.keys, doc_tokens.is_quote, self._words(doc_tokens)
        if self._read_with_me(doc_tokens):
            starting = doc_tokens.starts
        else:
            starting = list(map(self._starting.get, keys))  # known words: no Python call per token
            if None in starting:
                starting = [t if t is not None else self._start(k) for t, k in zip(starting, keys)]
        hits = [i for i in compress(range(len(starting)), starting) if not quote[i]]
        present = frozenset().union(*words) if hits else frozenset()
        return [(i, triggers, anchor) for i in hits for triggers, anchor in [starting[i]]
                if anchor is None or not present.isdisjoint(anchor)]

    def find_all(self, doc_tokens: DocTokens, candidates: Sequence[Candidate],
                 bounds: Iterable[tuple[int, int]]) -> list[list[TriggerMatch]]:
        """Every trigger match in each sentence, given as doc token bounds [start, end); at one
        position the longest pattern wins. Quotation marks are skipped. ``candidates`` are
        :meth:`candidates` of the document."""
        words = self._words(doc_tokens)
        at = [c[0] for c in candidates]
        out: list[list[TriggerMatch]] = []
        for start, end in bounds:
            lo = bisect.bisect_left(at, start)
            hi = bisect.bisect_left(at, end, lo)
            # a trigger's head word must be in the sentence (a quotation mark's words too: a
            # superset, it only lets more through to the match)
            present = frozenset().union(*words[start:end]) if hi > lo else frozenset()
            inside = [(i, triggers) for i, triggers, anchor in candidates[lo:hi]
                      if anchor is None or not present.isdisjoint(anchor)]
            out.append(self._find(doc_tokens, start, end, inside, present) if inside else [])
        return out

    def _find(self, doc_tokens: DocTokens, start: int, end: int,
              hits: Sequence[tuple[int, tuple[Trigger, ...]]], present: frozenset[str]) -> list[TriggerMatch]:
        """The matches in doc tokens [start, end); ``hits`` holds the tokens that may start a
        trigger (doc index, triggers), in order; ``present`` the keys of the sentence's tokens.
        A trigger is matched only if each of its required words is in the sentence."""
        quote, all_keys = doc_tokens.is_quote, doc_tokens.keys
        viable: dict[int, bool] = {}  # trigger row -> all its required words are in the sentence
        for _, triggers in hits:
            for t in triggers:
                if t.row not in viable:
                    viable[t.row] = all(not present.isdisjoint(w) for w in t.required)
        tried = [(i, [t for t in triggers if viable[t.row]]) for i, triggers in hits]
        if not any(triggers for _, triggers in tried):
            return []
        at: Sequence[int] = range(start, end)  # doc index of each position
        keys: Sequence[frozenset[str]] = all_keys[start:end]
        if True in quote[start:end]:
            at = [i for i in at if not quote[i]]
            keys = [all_keys[i] for i in at]
        doc = doc_tokens.doc
        found: list[TriggerMatch] = []
        for i, triggers in tried:
            if not triggers:
                continue
            j = at.index(i)
            best: TriggerMatch | None = None
            for trigger in triggers:
                positions = _match_from(keys, j, trigger.steps, 0)
                matched = [p for p in positions if p >= 0] if positions is not None else []
                if not matched or matched[0] != j:
                    continue
                head = doc[at[positions[trigger.head]]]
                if not _head_ok(trigger, head):
                    continue
                if best is None or len(matched) > len(best.tokens) or (
                        len(matched) == len(best.tokens) and at[matched[-1]] > best.end - 1):
                    best = TriggerMatch(trigger, tuple(doc[at[p]] for p in matched), head)
            if best is not None:
                found.append(best)
        # drop matches lying inside a longer one that starts earlier
        kept: list[TriggerMatch] = []
        for m in found:
            if any(o.tokens[0].i < m.tokens[0].i and m.head.i <= o.end - 1 and o is not m for o in found):
                continue
            kept.append(m)
        return kept


@dataclass(frozen=True)
class Topics:
    """The topic lexicon compiled for one scan of a text (:func:`compile_topics`)."""

    #: matches, empty, at each word start where a keyword stem begins; group 1 is the longest
    #: such stem (every other stem found there is a prefix of it)
    starts: re.Pattern[str]
    #: stem -> the topics with a stem that is a prefix of it (itself included)
    by_stem: dict[str, frozenset[str]]
    #: the topics in lexicon order
    order: tuple[str, ...]


def compile_topics(rows: Iterable[dict]) -> Topics:
    """The keyword stems of each topic, matched at a word start by one regex for all topics."""
    stems: dict[str, list[str]] = {}
    for row in rows:
        stems.setdefault(row["topic"], []).append(fold(row["keyword"]))
    every = sorted({s for words in stems.values() for s in words}, key=len, reverse=True)
    by_stem = {s: frozenset(topic for topic, words in stems.items() if any(s.startswith(w) for w in words))
               for s in every}
    starts = re.compile(r"\b(?=(" + "|".join(map(re.escape, every)) + "))")
    return Topics(starts, by_stem, tuple(stems))


def topics_of(text: str, topics: Topics) -> list[str]:
    """Topics whose keywords occur in ``text`` at a word start, in lexicon order; ``other``
    when none. (As searching ``\\b(?:stem|...)`` with each topic's stems, in one scan.)"""
    found: set[str] = set()
    for m in topics.starts.finditer(fold(text)):
        found |= topics.by_stem.get(m.group(1), frozenset())
    return [topic for topic in topics.order if topic in found] or ["other"]


def compile_filters(rows: Iterable[dict]) -> dict[str, frozenset[str]]:
    """Filter words by kind, accent-free."""
    out: dict[str, set[str]] = {kind: set() for kind in FILTER_KINDS}
    for row in rows:
        out[row["kind"]].add(fold(row["word"]))
    return {kind: frozenset(words) for kind, words in out.items()}
