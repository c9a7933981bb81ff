"""What text a date pattern cannot match without: a quick test before running the pattern.

Every match of a pattern contains some text from each of a few sets (``clauses``): one of the
month names, a digit, one of "hoy"/"ayer"/"anoche"... The clauses are read off the pattern's
own parse (Python's regular-expression parser), so they follow the rule files without any
list to keep in step: a run of mandatory literal characters must appear as it is; a digit
class needs a digit; an alternation needs one clause from each branch. Optional parts,
character classes other than digits and look-arounds give nothing. A window of text lacking
every string of one clause cannot hold a match, so the pattern is not run on it: the
candidates found are exactly the same, only sooner. A clause is tested as plain substrings
(only the strings that contain no other string of the clause), a regular expression only for
a digit. :func:`analyse` reads off the same parse the characters a match can start with.

The word lists of the rule files become regular expressions here too, in the two forms the
patterns use (:func:`alternation`, :func:`prefix_tree`).

Public entry points: :func:`analyse` (clauses and first characters from one parse),
:func:`clauses`, :class:`Prefilter`, :func:`alternation`, :func:`prefix_tree`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

#: Clauses kept per pattern (the most selective ones: longest shortest string).
MAX_CLAUSES = 3
#: A clause whose shortest string is this long is worth a search of its own ("de" is everywhere).
SELECTIVE = 3
_DIGIT = r"\d"
Clause = frozenset  # of regular expressions (escaped literals or \d), one of which must occur


def _digits_only(av) -> bool:  # noqa: ANN001
    return bool(av) and all(op == _c.CATEGORY and arg == _c.CATEGORY_DIGIT for op, arg in av)


def _sequence(items) -> list[frozenset[str]]:  # noqa: ANN001
    """Clauses of a sequence of parsed items: those of its mandatory items."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset({re.escape("".join(run))}))
            run.clear()

    for op, av in items:
        if op == _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op == _c.IN and _digits_only(av):
            out.append(frozenset({_DIGIT}))
        elif op == _c.SUBPATTERN:
            if not av[1] & re.IGNORECASE:  # (?i:...) would match other cases
                out.extend(_sequence(av[-1]))
        elif op == _c.BRANCH:
            branch = _branch(av[1])
            if branch is not None:
                out.append(branch)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            out.extend(_sequence(av[2]))
        elif op == getattr(_c, "ATOMIC_GROUP", None):
            out.extend(_sequence(av))
    flush()
    return out


def _best(found: list[frozenset[str]]) -> frozenset[str] | None:
    return max(found, key=_selectivity) if found else None


def _literal(escaped: str) -> str:
    """A clause's string as plain text (clauses hold them escaped: ``re.escape`` of a literal run)."""
    return _UNESCAPE(r"\1", escaped)


_UNESCAPE = re.compile(r"\\(.)").sub


@lru_cache(maxsize=None)  # asked again and again while the clauses are chosen and grouped
def _selectivity(clause: frozenset[str]) -> tuple[int, int]:
    shortest = min(1 if s == _DIGIT else len(_literal(s)) for s in clause)
    return shortest, -len(clause)


def _branch(branches) -> frozenset[str] | None:  # noqa: ANN001
    """One clause for an alternation: the union of one clause of each branch (None if a branch has none)."""
    union: set[str] = set()
    for branch in branches:
        best = _best(_sequence(branch))
        if best is None:
            return None
        union |= best
    return frozenset(union)


def _minimal(clause: frozenset[str]) -> list[str]:
    """The strings of a clause that contain no other one: the clause occurs where one of them
    does (a window holding "marzo" holds "mar"; one holding "2021" holds a digit), so the search
    for it tries fewer alternatives and finds the same windows."""
    literals = {s: _literal(s) for s in clause if s != _DIGIT}
    digit = _DIGIT in clause
    return [s for s, lit in literals.items()
            if not any(o != lit and o in lit for o in literals.values())
            and not (digit and re.search(_DIGIT, lit))] + ([_DIGIT] if digit else [])


def clauses(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """The clauses of a compiled pattern (see the module docstring); empty when nothing is certain."""
    return analyse(pattern.pattern, pattern.flags).clauses


@dataclass(frozen=True)
class Shape:
    """What one parse of a pattern tells.

    ``clauses``: see the module docstring. ``first``: a character class holding the first
    character of every match, or None when that is not certain (a match may be empty, start
    with any character, or the pattern ignores case); ``(?=<class>)`` before the pattern lets
    the regular-expression engine skip, in C, the positions no match can start at.
    """

    clauses: tuple[frozenset[str], ...]
    first: str | None


def analyse(regex: str, flags: int = 0) -> Shape:
    """The clauses and first class of ``regex`` read off one parse (raises ``re.error`` for a bad
    expression, as ``re.compile`` does). Nothing is certain when the pattern ignores case."""
    parsed = _parser.parse(regex, flags)
    if (flags | parsed.state.flags) & re.IGNORECASE:
        return Shape((), None)
    found = set(_sequence(parsed))
    parts = _first(list(parsed))
    return Shape(tuple(sorted(found, key=_selectivity, reverse=True)[:MAX_CLAUSES]),
                 "[" + "".join(sorted(parts)) + "]" if parts else None)


class Prefilter:
    """The patterns worth running on a window: grouped by their most selective clause, so a
    window lacking, say, every month name skips all the month patterns after one search."""

    def __init__(self, needs: list[tuple[frozenset[str], ...]]) -> None:
        """``needs``: the :func:`clauses` of each pattern, in the patterns' order."""
        #: each clause's number (its first appearance): what a window holds is noted by number
        self.number = {c: n for n, c in enumerate(dict.fromkeys(c for need in needs for c in need))}
        shared = {c: sum(c in n for n in needs) for c in self.number}

        def lead(c: frozenset[str]) -> tuple[bool, int, tuple[int, int]]:  # fewer distinct searches
            return _selectivity(c)[0] >= SELECTIVE, shared[c], _selectivity(c)

        groups: dict[frozenset[str] | None, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
        for order, need in enumerate(needs):
            first = max(need, key=lead) if need else None
            groups.setdefault(first, []).append((order, tuple(c for c in need if c != first)))
        self.groups = list(groups.items())
        # the same groups with each clause replaced by its number and its minimal strings: a
        # substring test (str.__contains__) is quicker than a regular expression of alternatives
        def test(c: frozenset[str]) -> tuple[int, tuple[str, ...], bool]:
            strings = sorted(_minimal(c), key=len)
            return (self.number[c], tuple(_literal(s) for s in strings if s != _DIGIT),
                    _DIGIT in strings)

        self._plan = [(test(first) if first is not None else None,
                       [(order, tuple(test(c) for c in rest)) for order, rest in members])
                      for first, members in self.groups]

    def admitted(self, window: str) -> list[int]:
        """Indices of the patterns that may match in ``window`` (in no particular order)."""
        seen: list[bool | None] = [None] * len(self.number)  # each clause tested once per window
        out = []
        for first, members in self._plan:
            if first is not None:
                hit = seen[first[0]]
                if hit is None:
                    hit = seen[first[0]] = _occurs(first, window)
                if not hit:
                    continue
            for order, rest in members:
                for clause in rest:
                    hit = seen[clause[0]]
                    if hit is None:
                        hit = seen[clause[0]] = _occurs(clause, window)
                    if not hit:
                        break
                else:
                    out.append(order)
        return out


_DIGIT_SEARCH = re.compile(_DIGIT).search


def _occurs(clause: tuple[int, tuple[str, ...], bool], window: str) -> bool:
    """Whether one of the clause's strings (or a digit, if it names one) is in ``window``."""
    for string in clause[1]:
        if string in window:
            return True
    return clause[2] and _DIGIT_SEARCH(window) is not None


def _first(items) -> set[str] | None:  # noqa: ANN001
    """Class fragments for the first character of a sequence; None when unknown or nullable."""
    parts: set[str] = set()
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero width: the next item starts the match
            continue
        if op == _c.LITERAL:
            return parts | {re.escape(chr(av))}
        if op == _c.IN:
            got = _class(av)
            return None if got is None else parts | got
        if op == _c.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None
            branches, optional = [list(av[-1])], False
        elif op == _c.BRANCH:
            branches, optional = [list(b) for b in av[1]], False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            branches, optional = [list(av[2])], av[0] == 0
        else:
            return None
        nullable = optional
        for branch in branches:
            got = _first(branch)
            if got is None:
                if not _may_be_empty(branch):
                    return None
                nullable = True  # an empty branch: the match may start with what follows
                continue
            parts |= got
        if not nullable:
            return parts
    return None  # the whole sequence may match the empty string


def _may_be_empty(items) -> bool:  # noqa: ANN001
    return all(op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT) for op, _ in items)


def _class(av) -> set[str] | None:  # noqa: ANN001
    out: set[str] = set()
    for op, arg in av:
        if op == _c.LITERAL:
            out.add(re.escape(chr(arg)))
        elif op == _c.RANGE:
            out.add(re.escape(chr(arg[0])) + "-" + re.escape(chr(arg[1])))
        elif op == _c.CATEGORY and arg == _c.CATEGORY_DIGIT:
            out.add(r"\d")
        elif op == _c.CATEGORY and arg == _c.CATEGORY_WORD:
            out.add(r"\w")
        elif op == _c.CATEGORY and arg == _c.CATEGORY_SPACE:
            out.add(r"\s")
        else:
            return None
    return out


def alternation(words: list[str]) -> str:
    """The words as one alternation, longest first (so the longest word wins), a space
    matching any run of white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def prefix_tree(words: list[str]) -> str:
    """:func:`alternation` written as a prefix tree: "ma(?:r(?:tes|zo)?|yo?)" for mar, marzo,
    martes, may, mayo. It matches the same text and prefers the same word (the longest, tried
    first at each branching), but the engine compares each character once instead of once per
    word. Words with spaces (matched as ``\\s+``) keep the plain alternation."""
    unique = set(words)
    if any(not w or any(c.isspace() for c in w) for w in unique):
        return alternation(words)
    tree: dict[str, dict] = {}
    for word in unique:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, dict]) -> str:
        longer = [re.escape(char) + emit(rest) for char, rest in sorted(node.items()) if char]
        if not longer:
            return ""
        if len(longer) == 1 and "" not in node:
            return longer[0]
        return "(?:" + "|".join(longer) + ")" + ("?" if "" in node else "")  # greedy: longer first
    return emit(tree)
