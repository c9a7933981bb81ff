"""Main text of an HTML page: body paragraphs without scripts, styles, navigation or forms.

Uses the standard library's ``HTMLParser`` (no script is ever executed). Paragraph-level
elements become paragraphs separated by a blank line. When the page has an ``<article>``
or ``<main>`` element, only its text is kept. Public entry point: :func:`extract`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .pubdate import parse_metadata

SKIP = {"script", "style", "nav", "header", "footer", "form", "noscript", "aside", "svg",
        "button", "select", "template", "iframe"}
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "blockquote",
         "section", "article", "main", "ul", "ol", "table", "pre"}
MAIN = {"article", "main"}


@dataclass
class Page:
    text: str
    title: str | None
    published: dt.date | None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.main_depth = 0
        self.all_parts: list[str] = []
        self.main_parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self.in_title = self.in_h1 = False
        self.time: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skip_depth += 1
        elif tag in MAIN:
            self.main_depth += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag == "time" and self.time is None:
            self.time = dict(attrs).get("datetime")
        if tag in BLOCK:
            self._add("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag in MAIN and self.main_depth:
            self.main_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in BLOCK:
            self._add("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.in_h1:
            self.h1.append(data)
        if not self.skip_depth and not self.in_title:
            self._add(data)

    def _add(self, data: str) -> None:
        if self.skip_depth:
            return
        self.all_parts.append(data)
        if self.main_depth:
            self.main_parts.append(data)


def _tidy(parts: list[str]) -> str:
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", "".join(parts)))
    return "\n\n".join(p for p in paragraphs if p)


def extract(html: str) -> Page:
    """The page's main text, title (``<h1>``, else ``<title>``) and ``<time datetime>`` date."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    text = _tidy(collector.main_parts) or _tidy(collector.all_parts)
    title = " ".join("".join(collector.h1 or collector.title).split()) or None
    published = parse_metadata(collector.time[:10], "html <time>") if collector.time else None
    return Page(text=text, title=title, published=published)
