"""Reading the gob.mx press archive: listing pages and communiqué pages into plain records.

Pure functions over HTML text (``../shared/spec/GOBMX.md`` describes the pages). Parsing
uses the package's HTML reader (:class:`pipeline.htmltext.HtmlTree`, on the standard
library's ``HTMLParser``): nothing is executed, scripts, styles, navigation, forms and
screen-reader-only text are ignored. Used by :mod:`pipeline.fetch`.

Public entry points: :func:`parse_listing`, :func:`parse_article`, :func:`listing_url`,
:func:`canonical_url`, :func:`article_id`, :func:`communique_number`, :func:`parse_datetime`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .htmltext import HtmlParseError, HtmlTree, Node, read

#: The archive path of the SRE (every ministry has ``/<ministry>/archivo/prensa``).
ARCHIVE_PATH = "/sre/archivo/prensa"
#: Path prefix of a press article.
ARTICLE_PREFIX = "/sre/prensa/"

_NUMBER = re.compile(
    r"^\s*(?:comunicado|bolet[ií]n|comunicado\s+conjunto)\s*"
    r"(?:(?:no|n[úu]m|n[°º])\.?|n[úu]mero)?\s*(?:\.|:)?\s*(\d{1,5}(?:/\d{2,4})?)\b",
    re.IGNORECASE)
_DATETIME = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?")


class MalformedPageError(ValueError):
    """A page that lacks what the archive layout promises (title, date or body)."""


@dataclass
class ListingItem:
    """One ``<article>`` of a listing page."""

    url: str
    title: str | None
    published: dt.datetime | None
    category: str | None


@dataclass
class Listing:
    """A listing page: its items in page order and the URL of the next page, if any."""

    items: list[ListingItem]
    next_url: str | None


@dataclass
class Article:
    """A communiqué page: title, publication date-time, category and body paragraphs."""

    title: str | None
    published: dt.datetime | None
    category: str | None
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Paragraphs separated by a blank line (the dateline is the first paragraph)."""
        return "\n\n".join(self.paragraphs)


def listing_url(base_url: str, category: str, page: int = 1) -> str:
    """The archive listing URL, newest first: ``/sre/archivo/prensa?idiom=es&order=DESC...``."""
    query = {"idiom": "es", "order": "DESC", "category": category}
    if page > 1:
        query["page"] = str(page)
    return base_url.rstrip("/") + ARCHIVE_PATH + "?" + urlencode(query)


def canonical_url(url: str) -> str:
    """The URL without fragment and with only its ``idiom`` parameter kept (and lowercased host)."""
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k == "idiom"])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, query, ""))


def article_id(url: str) -> str:
    """A file-safe id for an article: ``sre-`` and 16 hex digits of SHA-256 of its canonical URL."""
    return "sre-" + hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def communique_number(title: str | None) -> str | None:
    """The communiqué number at the start of a title ("Comunicado No. 123." -> "123")."""
    match = _NUMBER.match(title or "")
    return match.group(1) if match else None


def parse_datetime(value: str | None) -> dt.datetime | None:
    """A ``<time datetime>`` value ("2026-01-15 18:21:00", "2026-01-15"); None if invalid."""
    match = _DATETIME.match(value or "")
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _page_number(url: str) -> int:
    for key, value in parse_qsl(urlsplit(url).query):
        if key == "page" and value.isdigit():
            return int(value)
    return 1


def _tidy(parts: list[str]) -> str:
    """Whitespace collapsed within lines; line breaks (``<br>``) kept, empty lines dropped."""
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _read(parser: HtmlTree, html: str) -> None:
    try:
        read(parser, html)
    except HtmlParseError as e:
        raise MalformedPageError(str(e)) from e


class _ListingParser(HtmlTree):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []
        self.current: dict | None = None
        self.page_links: list[str] = []

    def opened(self, node: Node, attrs: dict[str, str]) -> None:
        if node.tag == "article" and self.current is None:
            self.current = {"node": node, "href": None, "link": None, "title": None,
                            "datetime": None, "category": None}
        href = attrs.get("href", "")
        if node.tag == "a" and href and self.current is None and "page=" in href:
            self.page_links.append(href)
        item = self.current
        if item is None or node.hidden:
            return
        if node.tag == "time" and item["datetime"] is None and attrs.get("datetime"):
            item["datetime"] = attrs["datetime"]
        elif node.tag == "a" and href:
            if "small-link" in node.classes:
                item["href"] = href
            elif item["link"] is None and ARTICLE_PREFIX in href:
                item["link"] = href
        if (node.tag == "h2" and item["title"] is None) or "tag-presses" in node.classes:
            node.buffer = []

    def closed(self, node: Node) -> None:
        item = self.current
        if item is None:
            return
        if node.buffer is not None:
            key = "category" if "tag-presses" in node.classes else "title"
            item[key] = item[key] or _tidy(node.buffer).replace("\n", " ") or None
        if node is item["node"]:
            self.items.append(item)
            self.current = None


def parse_listing(html: str, page_url: str) -> Listing:
    """Items (absolute URLs) and the next page of a listing page.

    The next page is the last pagination link (an ``href`` with ``page=``) when it points
    past the current page; raises :class:`MalformedPageError` when the page lists no article
    links or its markup cannot be parsed.
    """
    parser = _ListingParser()
    _read(parser, html)
    items = []
    for raw in parser.items:
        href = raw["href"] or raw["link"]
        if not href:
            continue
        items.append(ListingItem(url=urljoin(page_url, href), title=raw["title"],
                                 published=parse_datetime(raw["datetime"]),
                                 category=raw["category"]))
    if not items:
        raise MalformedPageError("listing page has no article links (<article> with an <a href>)")
    next_url = None
    if parser.page_links:
        candidate = urljoin(page_url, parser.page_links[-1])
        if _page_number(candidate) > _page_number(page_url):
            next_url = candidate
    return Listing(items=items, next_url=next_url)


@dataclass
class _Paragraph:
    text: str
    article: int
    body: bool
    main: bool


class _ArticleParser(HtmlTree):
    def __init__(self) -> None:
        super().__init__()
        self.title: str | None = None
        self.h1_article = -1
        self.times: list[tuple[bool, str]] = []
        self.category: str | None = None
        self.paragraphs: list[_Paragraph] = []

    def opened(self, node: Node, attrs: dict[str, str]) -> None:
        if node.hidden:
            return
        if node.tag == "time" and attrs.get("datetime"):
            self.times.append((self.title is not None, attrs["datetime"]))
        elif node.tag == "h1" and self.title is None:
            node.buffer = []
            self.h1_article = node.article
        elif "tag-presses" in node.classes and self.category is None:
            node.buffer = []
        elif node.tag in ("p", "li"):
            node.buffer = []
            if node.tag == "p":
                for open_node in reversed(self.stack):
                    if open_node.tag == "li":
                        open_node.has_p = True
                        break

    def closed(self, node: Node) -> None:
        if node.buffer is None:
            return
        text = _tidy(node.buffer)
        if node.tag == "h1" and self.title is None:
            self.title = text.replace("\n", " ") or None
        elif "tag-presses" in node.classes and self.category is None:
            self.category = text.replace("\n", " ") or None
        elif node.tag in ("p", "li") and text and not node.chrome and not node.has_p:
            self.paragraphs.append(_Paragraph(text, node.article, node.body, node.main))

    def body(self) -> list[str]:
        """The content block's paragraphs: ``.article-body``, else the article holding the
        ``<h1>``, else the first ``<article>``, else ``<main>``, else the whole page."""
        paragraphs = self.paragraphs
        chosen = [p for p in paragraphs if p.body]
        if not chosen and self.h1_article >= 0:
            chosen = [p for p in paragraphs if p.article == self.h1_article]
        if not chosen:
            first = next((p.article for p in paragraphs if p.article >= 0), None)
            chosen = [p for p in paragraphs if first is not None and p.article == first]
        chosen = chosen or [p for p in paragraphs if p.main] or paragraphs
        return [p.text for p in chosen]


def parse_article(html: str) -> Article:
    """Title (``<h1>``), date-time (first ``<time datetime>``, preferring one after the
    title), category (``.tag-presses``) and body paragraphs of a communiqué page.

    Missing title or date are left None for the caller to fill from the listing; raises
    :class:`MalformedPageError` when there is no body text at all or the markup cannot be parsed.
    """
    parser = _ArticleParser()
    _read(parser, html)
    paragraphs = parser.body()
    if not paragraphs:
        raise MalformedPageError("no body paragraphs (<p>) found")
    after_title = [value for after, value in parser.times if after]
    stamp = (after_title or [value for _, value in parser.times] or [None])[0]
    return Article(title=parser.title, published=parse_datetime(stamp),
                   category=parser.category, paragraphs=paragraphs)
