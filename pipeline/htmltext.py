"""Text of HTML pages: one element-stack reader for every HTML input of the package.

Uses the standard library's ``HTMLParser`` (no script is ever executed). :class:`HtmlTree`
keeps the stack of open elements with HTML's implicit closing (a block start closes an open
``<p>``, a ``<li>`` the previous ``<li>``; an end tag closes what is still open inside it),
marks text nobody reads (scripts, styles, ``<head>``, screen-reader-only text: ``hidden``)
and page furniture (navigation, header, footer, forms, asides: ``chrome``), and calls
:meth:`HtmlTree.opened`/:meth:`HtmlTree.closed` hooks; ``<br>`` and ``<br/>`` are both a
line break, white space of the source is one space. An unclosed ``<script>``/``<style>``
does not swallow the rest of the page: what follows it is read as markup again.

:func:`extract` (``.html`` inputs of :mod:`pipeline.ingest`) gives a page's main text,
title and date; :mod:`pipeline.fetch_gobmx` builds its gob.mx listing and article readers
on :class:`HtmlTree`. Markup the parser cannot read raises :class:`HtmlParseError`
(a ``ValueError``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .pubdate import parse_metadata

#: Elements without content or end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})
#: Elements whose text is never shown to a reader.
HIDDEN = frozenset({"head", "script", "style", "noscript", "template", "svg", "iframe", "button",
                    "select", "textarea", "object"})
#: Page furniture: no body text is taken from inside these.
CHROME = frozenset({"nav", "header", "footer", "form", "aside", "menu"})
#: Starting one of these closes an open ``<p>`` (as an HTML parser would).
CLOSES_P = frozenset({"p", "div", "ul", "ol", "dl", "table", "article", "section", "main", "aside",
                      "blockquote", "pre", "form", "nav", "header", "footer", "figure", "hr",
                      "h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that begin and end a paragraph of :func:`extract`'s text.
BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote",
                   "section", "article", "main", "ul", "ol", "dl", "dt", "dd", "table", "pre",
                   "figure", "figcaption", "hr"})

_SPACES = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


class HtmlParseError(ValueError):
    """Markup the HTML parser gives up on."""


@dataclass
class Node:
    """An open element and what it inherits from its ancestors."""

    tag: str
    classes: frozenset[str]
    hidden: bool  # inside an element whose text is never shown
    chrome: bool  # inside page furniture
    article: int  # index of the enclosing top-level <article>, -1 outside any
    body: bool  # inside an element of class ``article-body``
    main: bool  # inside <main> or the element with id ``main``
    buffer: list[str] | None = None  # set by a hook: collects the element's visible text
    has_p: bool = False  # an <li> that holds <p> paragraphs of its own


class HtmlTree(HTMLParser):
    """An element stack with HTML's implicit closing of ``<p>``/``<li>``; subclasses hook in
    with :meth:`opened`, :meth:`closed` and :meth:`text`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[Node] = []
        self.n_articles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CLOSES_P:
            self._close_implicit("p", stop_at=set())
        if tag == "li":
            self._close_implicit("li", stop_at={"ul", "ol"})
        values = {k: v or "" for k, v in attrs}
        classes = frozenset(values.get("class", "").split())
        parent = self.stack[-1] if self.stack else None
        article = parent.article if parent else -1
        if article < 0 and tag == "article":
            article, self.n_articles = self.n_articles, self.n_articles + 1
        node = Node(tag, classes,
                    hidden=bool(parent and parent.hidden) or tag in HIDDEN or "sr-only" in classes,
                    chrome=bool(parent and parent.chrome) or tag in CHROME,
                    article=article,
                    body=bool(parent and parent.body) or "article-body" in classes,
                    main=bool(parent and parent.main) or tag == "main" or values.get("id") == "main")
        self.opened(node, values)
        if tag in VOID:
            if tag == "br":
                self._visible("\n", node)
        else:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                while len(self.stack) > i:
                    self.closed(self.stack.pop())
                return

    def handle_data(self, data: str) -> None:
        if self.stack:
            self._visible(_SPACES.sub(" ", data), self.stack[-1])
        else:
            self._visible(_SPACES.sub(" ", data), None)

    def _visible(self, data: str, node: Node | None) -> None:
        if node is not None and node.hidden:
            return
        for open_node in self.stack:
            if open_node.buffer is not None:
                open_node.buffer.append(data)
        self.text(data, node)

    def close(self) -> None:
        elem = getattr(self, "cdata_elem", None)
        rest = self.rawdata if elem else ""
        if rest:  # an unclosed <script>/<style>: it ends where markup starts again, and what
            self.rawdata = ""  # follows is read as markup (the element closed), not as its text
            self.clear_cdata_mode()
            self.handle_endtag(elem)
            self.feed(rest[rest.find("<"):] if "<" in rest else "")
        super().close()
        while self.stack:
            self.closed(self.stack.pop())

    def _close_implicit(self, tag: str, stop_at: set[str]) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag in stop_at:
                return
            if self.stack[i].tag == tag:
                while len(self.stack) > i:
                    self.closed(self.stack.pop())
                return

    def opened(self, node: Node, attrs: dict[str, str]) -> None:
        """Called for every start tag (void ones too), before the node is pushed."""

    def closed(self, node: Node) -> None:
        """Called when an element ends (explicitly or implicitly)."""

    def text(self, data: str, node: Node | None) -> None:
        """Called for visible text (``"\\n"`` for a line break) inside ``node`` (the innermost
        open element, or the ``<br>`` itself)."""


def read(parser: HTMLParser, html: str) -> None:
    """Feed the whole of ``html`` to ``parser``; raises :class:`HtmlParseError` when the
    standard library's parser gives up on the markup."""
    try:
        parser.feed(html)
        parser.close()
    except AssertionError as e:  # HTMLParser's last resort on badly broken markup
        raise HtmlParseError(f"unparseable HTML ({e})") from e


@dataclass
class Page:
    text: str
    title: str | None
    published: dt.date | None


class _PageText(HtmlTree):
    """The text of a page outside furniture, and of its ``<article>``/``<main>`` alone."""

    def __init__(self) -> None:
        super().__init__()
        self.all_parts: list[str] = []
        self.main_parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] | None = None
        self.time: str | None = None

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1].tag == "title":
            self.title.append(data)
        super().handle_data(data)

    def opened(self, node: Node, attrs: dict[str, str]) -> None:
        if node.hidden:
            return
        if node.tag == "time" and self.time is None and attrs.get("datetime"):
            self.time = attrs["datetime"]
        if node.tag == "h1" and self.h1 is None:
            node.buffer = self.h1 = []
        if node.tag in BLOCK:
            self.text("\n\n", node)

    def closed(self, node: Node) -> None:
        if node.tag in BLOCK and not node.hidden:
            self.text("\n\n", node)

    def text(self, data: str, node: Node | None) -> None:
        if node is not None and node.chrome:
            return
        self.all_parts.append(data)
        if node is not None and (node.main or node.article >= 0):
            self.main_parts.append(data)


def paragraphs(parts: list[str]) -> list[str]:
    """Paragraphs of collected text: blank lines separate them, a single line break stays
    inside one, white space is collapsed and empty lines dropped."""
    out = []
    for block in _PARAGRAPH_BREAK.split("".join(parts)):
        lines = (" ".join(line.split()) for line in block.split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            out.append(paragraph)
    return out


def extract(html: str) -> Page:
    """The page's main text (paragraphs separated by a blank line; only ``<article>`` and
    ``<main>`` text when the page has some), title (first ``<h1>``, else ``<title>``) and
    ``<time datetime>`` date. Raises :class:`HtmlParseError` on unreadable markup."""
    collector = _PageText()
    read(collector, html)
    text = "\n\n".join(paragraphs(collector.main_parts) or paragraphs(collector.all_parts))
    title = " ".join("".join(collector.h1 or collector.title).split()) or None
    published = parse_metadata(collector.time[:10], "html <time>") if collector.time else None
    return Page(text=text, title=title, published=published)
