"""Where a date found is no date of the report: headings and a closing list of other articles.

Pure text helpers of the date recognizer (:meth:`pipeline.dates_patterns.Recognizer.skipped`):
they read a document's text and return character offsets; they write nothing.

Public entry points: :func:`is_heading`, :func:`teaser_tail`.
"""

from __future__ import annotations

import re

#: Headings (skipped): lines up to this long, without closing punctuation, with this many words.
HEADING_MAX_CHARS = 160
HEADING_MIN_WORDS = 4
HEADING_CLOSERS = frozenset('.!?:;"”»…')
_INNER_STOP = re.compile(r"[.:;!?]\s")  # a caption or teaser of two sentences is not a heading
#: Related articles after the report: at least this many headlines (this many words, no closing
#: punctuation), each followed by one paragraph, up to the end (page furniture such as "Anuncio" aside).
TEASER_MIN_ITEMS = 3
TEASER_MIN_WORDS = 6


def is_heading(text: str, start: int, end: int, found: list[tuple[int, int]]) -> bool:
    """Whether ``text[start:end]`` is a heading: a short line without closing punctuation, with at
    least :data:`HEADING_MIN_WORDS` words besides the date expressions it holds (``found``)."""
    line = text[start:end].strip()
    if not line or len(line) > HEADING_MAX_CHARS or line[-1] in HEADING_CLOSERS \
            or _INNER_STOP.search(line):
        return False
    inside = [(max(s, start), min(e, end)) for s, e in found if s < end and start < e]
    if not inside:
        return False
    rest = "".join(" " if any(s <= i < e for s, e in inside) else c
                   for i, c in enumerate(text[start:end], start))
    return sum(1 for w in rest.split() if any(ch.isalpha() for ch in w)) >= HEADING_MIN_WORDS


def _words(line: str) -> int:
    return sum(1 for w in line.split() if any(ch.isalpha() for ch in w))


def teaser_tail(text: str) -> int | None:
    """Where a closing list of other articles' headlines and summaries starts, if there is one.

    From the end: skip furniture lines (at most two words, no closing punctuation), then count
    (headline, summary) pairs; a headline has no closing punctuation and at least
    :data:`TEASER_MIN_WORDS` words, a summary is one paragraph that is not a headline.
    """
    lines, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lines.append((pos, line.strip()))
        pos += len(line)
    headline = lambda s: (len(s) <= HEADING_MAX_CHARS and s[-1] not in HEADING_CLOSERS  # noqa: E731
                          and _words(s) >= TEASER_MIN_WORDS)
    i = len(lines)
    while i and _words(lines[i - 1][1]) <= 2 and lines[i - 1][1][-1] not in HEADING_CLOSERS:
        i -= 1
    items = 0
    while i >= 2 and not headline(lines[i - 1][1]) and headline(lines[i - 2][1]):
        i, items = i - 2, items + 1
    return lines[i][0] if items >= TEASER_MIN_ITEMS and i > 0 else None
