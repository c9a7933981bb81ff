"""Recognition of temporal expressions: the regular expressions of ``models/dates/``, compiled once.

Pure text in, candidates out (no spaCy), so :mod:`pipeline.pubdate` can use it before the
NLP run. The rule files:

- ``patterns.jsonl``: one regular expression per row with ``{PLACEHOLDERS}``; ``rule`` names
  the normaliser and the named groups carry the parts it reads (``d``, ``m``, ``y``, ``wd``...).
- ``placeholders.csv``: what each placeholder expands to; ``@kind`` is the alternation of the
  words of that kind (``words.csv`` plus months, weekdays and numbers of ``models/lang/es.json``).
- ``words.csv``: lexicon (month, weekday, number, unit, ordinal, period, period_part, day_part;
  a kind the code does not read is the ``@kind`` of a placeholder, see :data:`CODE_KINDS`).
- ``merges.csv``: neighbouring expressions joined into one ("las 11:00 horas de este martes").
- ``skip.csv``: text that is not the report (teasers of other articles).
- ``cues.csv``: words in or around an expression that say whether it points to the past or the
  future (``direction``: "el pasado domingo") and where they stand (``position``).

Public entry points: :class:`Recognizer`, :func:`default_recognizer`, :data:`FILES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .dates_prefilter import Prefilter, alternation, analyse, prefix_tree
from .dates_regions import is_heading, teaser_tail
from .lang import language_data
from .rules import DEFAULT_MODELS_DIR, RuleFileError, RuleRow, Schema, load_shared_rows

TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
RULES = frozenset({"date", "range", "month", "year", "period", "relative", "weekday", "weekday_day",
                   "deictic", "daypart", "offset", "anchored", "event_day", "time", "duration", "set"})
MERGE_RESULTS = frozenset({"left", "right", "time_on_left", "time_on_right"})
CUE_DIRECTIONS = frozenset({"past", "future"})
CUE_POSITIONS = frozenset({"inside", "before", "near"})
SKIP_SCOPES = frozenset({"line", "opens", "rest"})
#: Kinds of ``words.csv`` whose value is a whole number (a month, weekday, count or ordinal).
NUMERIC_KINDS = frozenset({"month", "weekday", "number", "ordinal"})
#: Kinds of ``words.csv`` the code reads by name; any other kind must be the ``@kind`` of a
#: placeholder (``placeholders.csv``), or its words would be read by nothing.
CODE_KINDS = NUMERIC_KINDS | {"unit", "period", "period_part", "day_part", "month_abbreviation",
                              "today"}
#: ``@kinds`` the code builds from the months (never rows of ``words.csv``).
DERIVED_KINDS = frozenset({"month_full", "month_abbr"})
#: Characters searched on each side of a trigger word (longer than any expression).
WINDOW = 45


def _numeric_value(row: dict[str, Any]) -> tuple[str, str] | None:
    """A word of a numeric kind must have a whole number as its value ("-1": the last)."""
    if row["kind"] in NUMERIC_KINDS:
        try:
            int(row["value"])
        except ValueError:
            return "value", f"a word of kind '{row['kind']}' needs a whole number, not '{row['value']}'"
    return None


#: The rule files of the dates stage: ``{table: (path under models/, schema)}``.
FILES: dict[str, tuple[str, Schema]] = {
    "patterns": ("dates/patterns.jsonl", Schema(
        {"name": "str", "type": "str", "rule": "str", "regex": "str", "note": "str"},
        frozenset({"name", "type", "rule", "regex"}), choices={"type": TYPES, "rule": RULES})),
    "placeholders": ("dates/placeholders.csv", Schema(
        {"name": "str", "regex": "str", "note": "str"}, frozenset({"name", "regex"}))),
    "words": ("dates/words.csv", Schema(
        {"word": "str", "kind": "str", "value": "str", "note": "str"},
        frozenset({"word", "kind", "value"}), check=_numeric_value)),
    "cues": ("dates/cues.csv", Schema(
        {"cue": "str", "direction": "str", "position": "str", "note": "str"},
        frozenset({"cue", "direction", "position"}),
        choices={"direction": CUE_DIRECTIONS, "position": CUE_POSITIONS})),
    "merges": ("dates/merges.csv", Schema(
        {"left": "list", "connector": "str", "right": "list", "result": "str", "note": "str"},
        frozenset({"left", "connector", "right", "result"}),
        choices={"result": MERGE_RESULTS, "left": RULES, "right": RULES})),
    "skip": ("dates/skip.csv", Schema(
        {"marker": "str", "scope": "str", "note": "str"}, frozenset({"marker", "scope"}),
        choices={"scope": SKIP_SCOPES})),
}


@dataclass
class Candidate:
    """A recognised expression before normalisation (offsets into the text)."""

    start: int
    end: int
    name: str
    type: str
    rule: str
    groups: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: for joined expressions: the part that names the day, the part that names the time
    day: Candidate | None = None
    time: Candidate | None = None


@dataclass(frozen=True)
class Lexicon:
    """Word -> value lookups for the normaliser (lower-case keys)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    ordinals: dict[str, int]
    periods: dict[str, str]
    period_parts: dict[str, str]
    day_parts: dict[str, str]
    cues_inside: dict[str, str]
    cues_before: tuple[tuple[str, str], ...]
    cues_near: dict[str, str]


def _placeholders(rows: list[RuleRow], words: dict[str, list[str]],
                  alternation: Callable[[list[str]], str]) -> dict[str, str]:
    """Each placeholder's regular expression with its ``@kind`` words written out by
    ``alternation``; an ``@kind`` that no word has is an error of the placeholder's row."""
    def expand(row: RuleRow, kind: str) -> str:
        if kind not in words:
            raise row.error("regex", f"no word of words.csv is of kind '{kind}'; kinds: {sorted(words)}")
        return alternation(words[kind]) or "(?!)"
    return {row["name"]: re.sub(r"@(\w+)", lambda m: expand(row, m.group(1)), row["regex"]) for row in rows}


def _where(tables_dir: str, key: str) -> str:
    return str(Path(tables_dir) / FILES[key][0])


class Recognizer:
    """Compiled patterns, merges and skip markers; :meth:`find` returns the candidates of a text."""

    def __init__(self, tables: dict[str, list[RuleRow]], lang: dict[str, Any],
                 models_dir: str = str(DEFAULT_MODELS_DIR)) -> None:
        self.lexicon = self._lexicon(tables, lang)
        words: dict[str, list[str]] = {"month": list(self.lexicon.months),
                                       "weekday": list(self.lexicon.weekdays),
                                       "number": list(self.lexicon.numbers)}
        named = {m.group(1) for row in tables["placeholders"] for m in re.finditer(r"@(\w+)", row["regex"])}
        kinds = CODE_KINDS | named - DERIVED_KINDS
        for row in tables["words"]:
            if row["kind"] not in kinds:
                raise row.error("kind", f"'{row['kind']}' is read by no code and is the @kind of no "
                                        f"placeholder; use one of {sorted(kinds)}")
            words.setdefault(row["kind"], []).append(row["word"].lower())
        abbreviations = set(words.get("month_abbreviation", []))
        words["month_full"] = [w for w in words["month"] if len(w) > 3 and w not in abbreviations]
        words["month_abbr"] = [w for w in words["month"] if w not in words["month_full"]]
        self.placeholders = _placeholders(tables["placeholders"], words, alternation)
        for row in tables["placeholders"]:  # (a bad one would be blamed on the patterns using it)
            self._compile(self.placeholders[row["name"]], row.path, row.line, "regex", bounded=False)
        self.patterns: list[tuple[dict[str, Any], re.Pattern[str]]] = []
        needs = []  # what each pattern's matches must contain: the prefilter's quick test per window
        for row in tables["patterns"]:
            pattern, need = self._compile(row["regex"], row.path, row.line, "regex", skipping=True)
            self.patterns.append((row, pattern))
            needs.append(need)
        self.prefilter = Prefilter(needs)
        self.merges = []
        for row in tables["merges"]:
            connector, _ = self._compile(row["connector"], row.path, row.line, "connector", bounded=False)
            self.merges.append((frozenset(row["left"]), connector, frozenset(row["right"]), row["result"]))
        # the trigger runs over the whole text: its words as prefix trees (the patterns, run on
        # short windows and analysed by the prefilter, keep the plain alternations)
        trees = _placeholders(tables["placeholders"], words, prefix_tree)
        self.trigger, _ = self._compile("{TRIGGER}", _where(models_dir, "placeholders"), 0, "name",
                                        bounded=False, placeholders=trees, skipping=True)
        self.skip_line = tuple(r["marker"].lower() for r in tables["skip"] if r["scope"] == "line")
        self.skip_opens = tuple(r["marker"].lower() for r in tables["skip"] if r["scope"] == "opens")
        self.skip_rest = tuple(r["marker"].lower() for r in tables["skip"] if r["scope"] == "rest")

    @staticmethod
    def _lexicon(tables: dict[str, list[RuleRow]], lang: dict[str, Any]) -> Lexicon:
        by_kind: dict[str, dict[str, str]] = {}
        for row in tables["words"]:
            by_kind.setdefault(row["kind"], {})[row["word"].lower()] = row["value"]
        ints = lambda kind: {w: int(v) for w, v in by_kind.get(kind, {}).items()}  # noqa: E731
        cues_inside, cues_near, cues_before = {}, {}, []
        for row in tables["cues"]:
            if row["position"] == "inside":
                cues_inside[row["cue"].lower()] = row["direction"]
            elif row["position"] == "near":
                cues_near[row["cue"].lower()] = row["direction"]
            else:
                cues_before.append((row["cue"].lower(), row["direction"]))
        cues_before.sort(key=lambda c: len(c[0]), reverse=True)
        return Lexicon(
            months={**{k.lower(): v for k, v in lang["months"].items()}, **ints("month")},
            weekdays={**{k.lower(): v for k, v in lang["weekdays"].items()}, **ints("weekday")},
            numbers={**{k.lower(): v for k, v in lang["numbers"].items()}, **ints("number")},
            units=by_kind.get("unit", {}), ordinals=ints("ordinal"), periods=by_kind.get("period", {}),
            period_parts=by_kind.get("period_part", {}), day_parts=by_kind.get("day_part", {}),
            cues_inside=cues_inside, cues_before=tuple(cues_before), cues_near=cues_near)

    def _compile(self, regex: str, where: str, line: int, key: str, bounded: bool = True,
                 placeholders: dict[str, str] | None = None, skipping: bool = False,
                 ) -> tuple[re.Pattern[str], tuple[frozenset[str], ...]]:
        """``regex`` with its placeholders written out, compiled, and the clauses of its matches
        (:mod:`pipeline.dates_prefilter`). ``skipping``: behind a look-ahead for the characters
        its matches can start with, so the engine skips, in C, the positions no match starts at
        (the same matches, found sooner); clauses and first characters come from one parse."""
        placeholders = self.placeholders if placeholders is None else placeholders
        try:
            expanded = re.sub(r"\{([A-Z]+)\}", lambda m: f"(?:{placeholders[m.group(1)]})", regex)
        except KeyError as e:
            raise RuleFileError(where, line, key, f"unknown placeholder {e}; see placeholders.csv") from e
        if any(c.isupper() for c in re.sub(r"\\.|\(\?P<\w+>", "", expanded)):
            raise RuleFileError(where, line, key, "write patterns in lower case: they are matched "
                                                  "against the lower-cased text")
        # Matched against the lower-cased text: much faster than re.IGNORECASE.
        source = rf"(?<!\w)(?:{expanded})(?!\w)" if bounded else expanded
        try:
            if not skipping:
                return re.compile(source), ()
            shape = analyse(source)
            return re.compile(f"(?={shape.first})(?:{source})" if shape.first else source), shape.clauses
        except re.error as e:
            raise RuleFileError(where, line, key, f"bad regular expression: {e}") from e

    def outside_report(self, text: str) -> list[tuple[int, int]]:
        """Character spans, disjoint and in order, that the markers of ``skip.csv`` show are not
        the report: teaser lines of other articles ("... Leer más", "Lee también: ..."), a
        related-content block and what follows it. No stage takes anything from them."""
        regions: list[tuple[int, int]] = []
        pos = 0
        for line in text.splitlines(keepends=True):
            low = line.strip().lower()
            end = pos + len(line)
            if low and low.startswith(self.skip_rest):
                regions.append((pos, len(text)))
                break
            if low and (low.endswith(self.skip_line) or low.startswith(self.skip_opens)):
                regions.append((pos, end))
            pos = end
        return regions

    def skipped(self, text: str, found: list[tuple[int, int]],
                outside: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
        """Where no date is taken: :meth:`outside_report` (``outside`` when already known), a
        closing list of other articles (:func:`~pipeline.dates_regions.teaser_tail`; only for
        dates: a report with subheadings can look the same) and headings, but for the last line
        (:func:`~pipeline.dates_regions.is_heading`: a line that is only a date, "13 Septiembre
        2025, 09:14", is the report's date, not a heading).
        """
        regions = list(self.outside_report(text) if outside is None else outside)
        tail = teaser_tail(text)
        if tail is not None:
            regions.append((tail, len(text)))
        lines, pos = text.splitlines(keepends=True), 0
        for line in lines[:-1]:
            end = pos + len(line)
            if is_heading(text, pos, end, found):
                regions.append((pos, end))
            pos = end
        return regions

    def windows(self, text: str) -> list[tuple[int, int]]:
        """Stretches of text around the trigger words (whole words), merged: only these are searched."""
        spans: list[tuple[int, int]] = []
        for m in self.trigger.finditer(text):
            start = text.rfind(" ", 0, max(m.start() - WINDOW, 0)) + 1 if m.start() > WINDOW else 0
            end = text.find(" ", m.end() + WINDOW)
            end = len(text) if end < 0 else end
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return spans

    def find(self, text: str, outside: list[tuple[int, int]] | None = None) -> list[Candidate]:
        """Non-overlapping candidates in text order (longest first), joined by the merge rules;
        none from :meth:`skipped` regions (``outside``: :meth:`outside_report`, when known)."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters grow when lower-cased ("İ"): keep offsets
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        found = []
        for first, last in self.windows(lowered):
            window = lowered[first:last]
            for order in self.prefilter.admitted(window):  # the others cannot match here
                row, pattern = self.patterns[order]
                for m in pattern.finditer(window):
                    start, end = m.span("t") if "t" in pattern.groupindex and m.group("t") else m.span()
                    groups = {k: v for k, v in m.groupdict().items() if v is not None}
                    spans = {k: (m.start(k) + first, m.end(k) + first) for k in groups}
                    if "m" in spans and _given_name(text, spans["m"]):
                        continue
                    found.append((-(end - start), order, Candidate(start + first, end + first, row["name"],
                                                                   row["type"], row["rule"], groups, spans)))
        skip = self.skipped(text, [(c.start, c.end) for _, _, c in found], outside)
        kept: list[Candidate] = []
        taken = bytearray(len(text) + 1)
        for _, _, cand in sorted(found, key=lambda f: (f[0], f[1], f[2].start)):
            if any(s <= cand.start < e for s, e in skip) or any(taken[cand.start:cand.end]):
                continue
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            kept.append(cand)
        kept.sort(key=lambda c: c.start)
        return self._merge(kept, lowered)

    def _merge(self, cands: list[Candidate], text: str) -> list[Candidate]:
        out: list[Candidate] = []
        for cand in cands:
            if out:
                joined = self._join(out[-1], cand, text)
                if joined is not None:
                    out[-1] = joined
                    continue
            out.append(cand)
        return out

    def _join(self, left: Candidate, right: Candidate, text: str) -> Candidate | None:
        for lefts, connector, rights, result in self.merges:
            if left.rule in lefts and right.rule in rights \
                    and connector.fullmatch(text, left.end, right.start):
                if result in ("time_on_left", "time_on_right"):
                    day, time = (left, right) if result == "time_on_left" else (right, left)
                    return Candidate(left.start, right.end, f"{left.name}+{right.name}", "TIME", "time",
                                     dict(time.groups), dict(time.spans), day=day.day or day, time=time)
                keep = left if result == "left" else right
                return Candidate(left.start, right.end, f"{left.name}+{right.name}", keep.type, keep.rule,
                                 dict(keep.groups), dict(keep.spans), day=keep.day, time=keep.time)
        return None


#: A capitalised word after a month name, unless one that goes on a date ("Julio De 2025").
_NAME_AFTER = re.compile(r"[ \t]+(?!(?:De|Del|DE|DEL)\b)[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+")


_DAY_BEFORE = re.compile(r"\d\s+de\s+$")


def _given_name(text: str, span: tuple[int, int]) -> bool:
    """Whether the month word at ``span`` is a given name: capitalised and followed by a
    capitalised word ("después de Abril Castañeda", "Julio César")."""
    return text[span[0]].isupper() and _NAME_AFTER.match(text, span[1]) is not None \
        and not _DAY_BEFORE.search(text, max(0, span[0] - 12), span[0])  # (not "El 15 de Septiembre Ana ...")


def load_tables(models_dir: str | Path | None = None) -> dict[str, list[RuleRow]]:
    """The rule files of :data:`FILES`, schema-checked (read once per process while they stay
    unchanged: :func:`~pipeline.rules.load_shared_rows`)."""
    root = Path(models_dir) if models_dir else DEFAULT_MODELS_DIR
    return {key: load_shared_rows(root / rel, schema) for key, (rel, schema) in FILES.items()}


#: Recognizers built in this process, by the content they were built from.
_BUILT: dict[str, Recognizer] = {}


def shared_recognizer(tables: dict[str, list[RuleRow]], lang: dict[str, Any],
                      models_dir: str) -> Recognizer:
    """The recognizer of these rule tables (the :data:`FILES` keys), language data and folder,
    compiled once per process: the dates stage and publication-date finding share it."""
    key = repr((models_dir, [(k, tables[k]) for k in sorted(FILES)], sorted(lang.items())))
    if key not in _BUILT:
        _BUILT[key] = Recognizer(tables, lang, models_dir)
    return _BUILT[key]


@lru_cache(maxsize=4)
def default_recognizer(models_dir: str | None = None) -> Recognizer:
    """A recognizer built from ``models_dir`` (default ``models/``), cached per process."""
    root = str(models_dir or DEFAULT_MODELS_DIR)
    return shared_recognizer(load_tables(root), language_data("es", models_dir), root)
