"""The test copy of the gob.mx SRE press archive, rendered in memory from tests/fixtures/gobmx.

The page furniture (head, scripts, navigation, footer) lives once in ``templates/page.html``;
``templates/`` also holds the listing page, its item, and the two article layouts the parser
must handle: ``body`` (text in ``.article-body``, related news after it) and ``press`` (text in
one ``<article>``, unclosed ``<p>``, entities, a ``<br>`` signature, an aside). What differs
from page to page is data: ``site.json`` (per article: slug, datetime, title, layout, paragraphs;
a list among the paragraphs is a ``<ul>``) and ``listings.json`` (the article numbers on each
listing page, in page order). ``article_malformed.html`` is what a cut-off download of article
029 carries after the shared head: the page ends inside the article body.

:func:`pages` gives every page under the name the tests use (``listing_1.html``,
``article_031.html``, ``article_malformed.html``, ``robots.txt``) as the bytes the server sends.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from string import Template

FIXTURES = Path(__file__).parent / "fixtures" / "gobmx"
TEMPLATES = FIXTURES / "templates"
ARCHIVE_LINK = "/sre/archivo/prensa?idiom=es&amp;order=DESC&amp;category=Comunicados&amp;page="
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
          "octubre", "noviembre", "diciembre")


def _read_json(name: str) -> object:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


SITE: dict[str, dict] = _read_json("site.json")  # type: ignore[assignment]
LISTINGS: list[list[str]] = _read_json("listings.json")  # type: ignore[assignment]


@functools.cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def _fill(name: str, **values: str) -> str:
    """The template with every ``$name`` replaced; the trailing newline is left to the caller."""
    return _template(name).substitute(values).removesuffix("\n")


def _date_label(value: str) -> str:
    """``2026-01-20 18:30:00`` -> ``20 de enero de 2026``, as the archive prints dates."""
    year, month, day = (int(part) for part in value[:10].split("-"))
    return f"{day} de {MONTHS[month - 1]} de {year}"


def _headline(title: str) -> str:
    """The ``<title>`` text: the page title without its ``Comunicado No. NNN.`` prefix."""
    return re.sub(r"^Comunicado No\. \d+\. ", "", title)


def _page(title: str, main: str) -> str:
    return _template("page.html").substitute(title=title, main=main)


def _fields(number: str) -> dict[str, str]:
    meta = SITE[number]
    return {"number": number, "slug": meta["slug"], "title": meta["title"], "datetime": meta["datetime"],
            "date": _date_label(meta["datetime"])}


def _paragraphs(layout: str, paragraphs: list[str | list[str]]) -> str:
    """Body paragraphs as each layout writes them: closed ``<p>``, or unclosed ones and ``<ul>``."""
    if layout == "body":
        return "\n".join(f"        <p>{text}</p>" for text in paragraphs)
    lines: list[str] = []
    for part in paragraphs:
        if isinstance(part, list):
            lines += ["    <ul>", *(f"      <li>{item}</li>" for item in part), "    </ul>"]
        else:
            lines.append(f"    <p>{part}")
    return "\n".join(lines)


def article(number: str) -> str:
    """The article page of communiqué ``number`` (a key of site.json)."""
    meta = SITE[number]
    main = _fill(f"article_{meta['layout']}.html", **_fields(number),
                 paragraphs=_paragraphs(meta["layout"], meta["paragraphs"]))
    return _page(_headline(meta["title"]), main)


def _pagination(page: int, last: int) -> str:
    links = [(page - 1, "&laquo;", "")] if page > 1 else []
    links += [(n, str(n), ' class="active"' if n == page else "") for n in range(1, last + 1)]
    links += [(page + 1, "&raquo;", "")] if page < last else []
    return "\n".join(f'        <li{active}><a href="{ARCHIVE_LINK}{n}">{label}</a></li>'
                     for n, label, active in links)


def listing(page: int) -> str:
    """Listing page ``page`` (from 1) of the archive."""
    items = "\n".join(_fill("listing_item.html", **_fields(number)) for number in LISTINGS[page - 1])
    return _page("Prensa", _fill("listing.html", items=items, pages=_pagination(page, len(LISTINGS))))


def truncated_article() -> str:
    """Article 029 cut off inside its body: the shared head, then the raw tail, then nothing."""
    head = _template("page.html").template.split("$main", 1)[0]
    tail = (FIXTURES / "article_malformed.html").read_text(encoding="utf-8")
    return Template(head).substitute(title=_headline(SITE["029"]["title"])) + tail


@functools.cache
def pages() -> dict[str, bytes]:
    """Every page of the test site by its fixture name, encoded as served (UTF-8)."""
    rendered = {f"listing_{n}.html": listing(n) for n in range(1, len(LISTINGS) + 1)}
    rendered |= {f"article_{number}.html": article(number) for number in SITE}
    rendered["article_malformed.html"] = truncated_article()
    encoded = {name: text.encode("utf-8") for name, text in rendered.items()}
    return encoded | {"robots.txt": (FIXTURES / "robots.txt").read_bytes()}
