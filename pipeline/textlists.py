"""Lines and lists introduced by a colon in running text: where they are.

A pure text helper shared by the stages that expand lists: commitments ("acordaron acciones
para: - Fortalecer ...; - Detener ...") and events ("En la sesión participaron: - X, ...;
- Y, ..."). Items are on the colon's line, separated by ``;``, or on the following lines,
bulleted, numbered or plain; an item may open with a short title ("- Seguridad: ...").

Reads a string; returns offsets into it (:class:`ListItem`). Writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["ListItem", "is_bulleted", "line_bounds", "list_intro", "list_items"]

_BULLET = re.compile(r"^\s*(?:[-–—•*·▪●]|\(?\d{1,2}[.)](?!\d)|\(?[a-z][.)]|\(?[ivxIVX]{1,5}\)|[IVX]{1,5}\.(?=\s))\s*")
_TITLE = re.compile(r"^([A-ZÁÉÍÓÚÑ][^:.;]{0,40}):\s+(?=\S)")
_ITEM_END = re.compile(r"(?:[\s.;,]|(?<=[\s,])[ye](?=[\s.;,]*$))+$")  # (", y" before the last item)
_AND = re.compile(r"[yYeE] ")  # the "y" before a list's last item
#: a list line longer than this is prose, not an item
MAX_ITEM_CHARS = 300


@dataclass(frozen=True)
class ListItem:
    start: int  # character offsets of the item's text (its bullet and title left out)
    end: int
    title: str | None


def line_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The character span of the line(s) holding ``text[start:end]`` (``end`` defaults to
    ``start``), without their line breaks."""
    stop = text.find("\n", start if end is None else end)
    return text.rfind("\n", 0, start) + 1, len(text) if stop < 0 else stop


def is_bulleted(line: str) -> bool:
    """Whether a line opens with a bullet or a number ("• Celebrar ...", "2) Explorar ...",
    "(ii) crear ...")."""
    return bool(_BULLET.match(line)) and bool(line.strip())


def _clean(text: str, start: int) -> tuple[int, int, str | None]:
    """Offsets of an item's action inside ``text`` (which begins at ``start``) and its title."""
    offset = len(text) - len(text.lstrip())
    if _AND.match(text[offset:]) and _BULLET.match(text[offset + 2:]):
        offset += 2  # "...; y 3) celebrar una reunión": the last item of a numbered run-in list
    m = _BULLET.match(text[offset:])
    if m:
        offset += m.end()
    title = None
    t = _TITLE.match(text[offset:])
    if t and len(t.group(1).split()) <= 5:
        title = t.group(1).strip()
        offset += t.end()
    body = text[offset:]
    if _AND.match(body):
        offset += 2
        body = body[2:]
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    tail = _ITEM_END.search(body)
    length = tail.start() if tail else len(body)
    return start + offset + lead, start + offset + lead + length, title


def list_items(text: str, colon: int,
               looks_like_item: Callable[[int, int], bool]) -> tuple[list[ListItem], int]:
    """Items of the list whose introducing colon is at character ``colon``.

    Items on the colon's line are ``;``-separated; else every following non-empty line is an
    item while ``looks_like_item(start, end)`` says so. Returns the items and the end offset
    of the list block.
    """
    line_end = line_bounds(text, colon)[1]
    rest = text[colon + 1:line_end]
    items: list[ListItem] = []
    if rest.strip():
        if rest.count(";") < 1:
            return [], colon
        stop = rest.find(".", rest.rfind(";"))
        rest = rest if stop < 0 else rest[:stop]
        parts = rest.split(";")
        pos = colon + 1
        for part in parts:
            s, e, title = _clean(part, pos)
            if e > s:
                items.append(ListItem(s, e, title))
            pos += len(part) + 1
        return items, line_end
    pos, block_end = line_end, line_end
    while pos < len(text):
        nxt = text.find("\n", pos + 1)
        nxt = len(text) if nxt < 0 else nxt
        line = text[pos:nxt]
        if line.strip():
            s, e, title = _clean(line, pos)
            bulleted = bool(_BULLET.match(line.lstrip("\n")))
            if e <= s or e - s > MAX_ITEM_CHARS or not (bulleted or looks_like_item(s, e)):
                break
            items.append(ListItem(s, e, title))
            block_end = nxt
        pos = nxt
    return items, block_end


#: Items a list may have before the one asked about (:func:`list_intro`).
MAX_ITEMS_BEFORE = 12


def list_intro(text: str, at: int) -> tuple[int, int] | None:
    """The span of the line ending in a colon that opens the list whose bulleted item holds
    character ``at`` ("La agenda en Tokio incluye:" for "- una reunión con el ministro X;"),
    back over the list's other items and blank lines; None when ``at`` is in no such item."""
    start, end = line_bounds(text, at)
    if not is_bulleted(text[start:end]):
        return None
    for _ in range(MAX_ITEMS_BEFORE):
        if start == 0:
            return None
        line_start, line_end = line_bounds(text, start - 1)  # the line before
        line = text[line_start:line_end].strip()
        if not line or is_bulleted(line):
            start = line_start
            continue
        return (line_start, line_end) if line.endswith(":") else None
    return None
