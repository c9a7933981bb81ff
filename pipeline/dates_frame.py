"""Where an expression stands in the report: the sentence the dateline opens, embedded posts.

Pure text functions (no spaCy) used by the dates stage:

- :func:`lead_sentence`: the dateline's date and the sentence that follows it. The dateline
  dates that sentence's news: "Cd. de México (02 julio 2018).- Al día siguiente de su triunfo,
  X llamó a Y" means the call was on 2 July (the triumph, the day before).
- :func:`embedded_posts`: copied social-media posts ("— Relaciones Exteriores (@SRE_mx)
  September 10, 2025") with their own date: "esta mañana" in a post is the post's morning,
  not the morning the article was published.

Public entry points: :func:`lead_sentence`, :func:`embedded_posts`.
"""

from __future__ import annotations

import re

from .dates_patterns import Candidate
from .pubdate import dateline_span

#: What may stand between a dateline's date and its sentence: "(02 julio 2018).- ", " (EFE).- ".
_LEAD_GAP = re.compile(r"[ \t)\]]*(?:\([^()\n]{0,40}\))?[ \t).,:;–—-]*")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
#: The signature line of a copied post: a dash, the author, "(@handle)", the post's date.
_SIGNATURE = re.compile(r"^[ \t]*(?:—|–|-|&mdash;)[^\n]*\(@\w+\)[^\n]*$", re.MULTILINE)
#: A line with a post's own picture link belongs to the post even after its signature.
_POST_LINK = re.compile(r"pic\.twitter\.com/|(?<![\w.])t\.co/")


def lead_sentence(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(dateline date span, lead sentence span)``, or None without an opening dateline."""
    dateline = dateline_span(text)
    if dateline is None:
        return None
    gap = _LEAD_GAP.match(text, dateline[1])
    start = gap.end() if gap else dateline[1]
    end = _SENTENCE_END.search(text, start)
    return dateline, (start, end.start() if end else len(text))


def _line(text: str, pos: int, forward: bool) -> tuple[int, int] | None:
    """The nearest non-blank line after (``forward``) or before the position ``pos``."""
    if forward:
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            if text[pos:end].strip():
                return pos, end
            pos = end + 1
        return None
    while pos > 0:
        start = text.rfind("\n", 0, pos - 1) + 1
        if text[start:pos].strip():
            return start, pos
        pos = start
    return None


def embedded_posts(text: str, candidates: list[Candidate]) -> list[tuple[int, int, Candidate]]:
    """``(start, end, date candidate)`` of each copied post with a dated signature line.

    A post is its signature line, the line before it (the post's text) and the line after it
    when that line carries the post's picture link.
    """
    if "(@" not in text:
        return []
    posts = []
    for sig in _SIGNATURE.finditer(text):
        dated = [c for c in candidates if sig.start() <= c.start < sig.end() and c.rule == "date"
                 and c.groups.get("y")]
        if not dated:
            continue
        before = _line(text, sig.start(), forward=False)
        after = _line(text, sig.end() + 1, forward=True)
        start = before[0] if before else sig.start()
        end = after[1] if after and _POST_LINK.search(text, after[0], after[1]) else sig.end()
        posts.append((start, end, dated[-1]))
    return posts
