"""Parsing gob.mx archive pages: the test site built by tests/gobmx_site.py and small inline pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pipeline.fetch_gobmx import (MalformedPageError, article_id, canonical_url, communique_number,
                                  listing_url, parse_article, parse_datetime, parse_listing)

from .gobmx_site import pages

BASE = "https://www.gob.mx"


def fixture(name: str) -> str:
    return pages()[name].decode("utf-8")


def listing(n: int):
    return parse_listing(fixture(f"listing_{n}.html"), listing_url(BASE, "Comunicados", n))


def test_listing_items_in_page_order():
    items = listing(1).items
    assert [(i.url, i.published, i.category) for i in items] == [
        (f"{BASE}/sre/prensa/mexico-y-chile-acuerdan-ampliar-la-cooperacion-consular?idiom=es",
         dt.datetime(2026, 1, 20, 18, 30), "Comunicado"),
        (f"{BASE}/sre/prensa/cancilleria-convoca-reunion-binacional-con-guatemala?idiom=es",
         dt.datetime(2026, 1, 19, 12, 5), "Comunicado"),
        (f"{BASE}/sre/prensa/nota-informativa-consejo-de-derechos-humanos?idiom=es",
         dt.datetime(2026, 1, 18, 9, 40), "Comunicado")]


def test_listing_item_title_from_h2():
    assert listing(1).items[0].title == "Comunicado No. 031. México y Chile acuerdan ampliar la cooperación consular"


@pytest.mark.parametrize("n, next_page", [
    pytest.param(1, 2, id="first page: the last link is the next page"),
    pytest.param(3, 4, id="middle page"),
    pytest.param(4, None, id="last page: the last link points back, so no next page"),
])
def test_listing_next_page(n, next_page):
    next_url = listing(n).next_url
    got = int(re.search(r"page=(\d+)", next_url).group(1)) if next_url else None
    assert got == next_page


def test_listing_without_articles_is_malformed():
    with pytest.raises(MalformedPageError):
        parse_listing("<html><body><nav><a href='/sre'>SRE</a></nav><p>Sin resultados</p></body></html>",
                      listing_url(BASE, "Comunicados"))


@pytest.mark.parametrize("parse", [
    pytest.param(lambda html: parse_listing(html, listing_url(BASE, "Comunicados")), id="listing page"),
    pytest.param(parse_article, id="article page"),
])
def test_unparseable_markup_is_malformed(parse):
    html = ('<article><time datetime="2026-02-03 10:00:00">3 feb</time><h1>Aviso</h1>'
            '<a href="/sre/prensa/aviso?idiom=es">Aviso</a><p>Texto<![/>> roto</p></article>')
    with pytest.raises(MalformedPageError):
        parse(html)


def test_listing_item_falls_back_to_any_article_link():
    html = ('<div class="archives"><article><time datetime="2026-02-03 10:00:00">3 feb</time>'
            '<h2>Boletín 12. Aviso</h2><a href="/sre/prensa/aviso?idiom=es">Aviso</a></article></div>')
    assert parse_listing(html, listing_url(BASE, "Comunicados")).items[0].url == f"{BASE}/sre/prensa/aviso?idiom=es"


@pytest.mark.parametrize("name, title, published", [
    pytest.param("article_031.html", "Comunicado No. 031. México y Chile acuerdan ampliar la cooperación consular",
                 dt.datetime(2026, 1, 20, 18, 30), id="body in .article-body, related items after"),
    pytest.param("article_030.html", "Comunicado No. 030. La Cancillería convoca a la Reunión Binacional con Guatemala",
                 dt.datetime(2026, 1, 19, 12, 5), id="body in one <article>, title inside <header>"),
])
def test_article_title_and_datetime(name, title, published):
    article = parse_article(fixture(name))
    assert (article.title, article.published, article.category) == (title, published, "Comunicado")


@pytest.mark.parametrize("name, first, last", [
    pytest.param("article_031.html", "Ciudad de México, 20 de enero de 2026.- La Secretaría",
                 "Comunicado No. 031", id="dateline first, number line last"),
    pytest.param("article_030.html", "Ciudad de México, 19 de enero de 2026.- La Cancillería",
                 "Secretaría de Relaciones Exteriores\nDirección General de Comunicación Social",
                 id="unclosed <p>, entities decoded, <br> kept as a line break"),
])
def test_article_body_ends(name, first, last):
    paragraphs = parse_article(fixture(name)).paragraphs
    assert (paragraphs[0][:len(first)], paragraphs[-1]) == (first, last)


@pytest.mark.parametrize("name, unwanted", [
    pytest.param("article_031.html", "script", id="inline script text is never read"),
    pytest.param("article_031.html", "portal único", id="footer paragraph left out"),
    pytest.param("article_031.html", "Resumen breve", id="related item excerpt left out"),
    pytest.param("article_031.html", "Fecha de publicación", id="screen-reader-only text left out"),
    pytest.param("article_030.html", "Suscríbete", id="aside left out"),
    pytest.param("article_030.html", "Trámites", id="navigation left out"),
])
def test_article_body_leaves_out_page_furniture(name, unwanted):
    assert unwanted not in parse_article(fixture(name)).text


def test_article_list_items_are_paragraphs():
    paragraphs = parse_article(fixture("article_030.html")).paragraphs
    assert paragraphs[2:5] == ["Infraestructura fronteriza y cruces ágiles.",
                               "Salud y vacunación en la región transfronteriza.",
                               "Cooperación para el desarrollo del sur-sureste."]


def test_article_paragraphs_joined_by_blank_line():
    article = parse_article(fixture("article_029.html"))
    assert article.text.split("\n\n") == article.paragraphs and len(article.paragraphs) == 3


def test_truncated_article_is_malformed():
    with pytest.raises(MalformedPageError):
        parse_article(fixture("article_malformed.html"))


def test_article_without_time_leaves_date_empty():
    article = parse_article("<main><h1>Boletín 7. Aviso</h1>"
                            "<p>Ciudad de México, 2 de marzo de 2026.- Texto.</p></main>")
    assert (article.title, article.published, article.paragraphs) == (
        "Boletín 7. Aviso", None, ["Ciudad de México, 2 de marzo de 2026.- Texto."])


def test_time_after_the_title_is_preferred():
    html = ('<nav><time datetime="2020-01-01 00:00:00">hoy</time></nav><article><h1>Comunicado 5</h1>'
            '<time datetime="2026-03-04 08:00:00">4 de marzo</time><p>Texto.</p></article>')
    assert parse_article(html).published == dt.datetime(2026, 3, 4, 8, 0)


@pytest.mark.parametrize("title, number", [
    pytest.param("Comunicado No. 123. México y Chile", "123", id="Comunicado No."),
    pytest.param("Boletín 386. La Cancillería informa", "386", id="Boletín without No."),
    pytest.param("Boletin No.45 Aviso", "45", id="no accent, no space"),
    pytest.param("Comunicado Conjunto No. 7. México y Canadá", "7", id="joint communiqué"),
    pytest.param("Comunicado núm. 12/2026. Aviso", "12/2026", id="number with year"),
    pytest.param("COMUNICADO NO. 031", "031", id="upper case, leading zero kept"),
    pytest.param("México y Chile firman el Comunicado No. 3", None, id="number not at the start"),
    pytest.param("Visita oficial a Portugal", None, id="no number"),
    pytest.param("Comunicado de prensa sobre 2026", None, id="a year is not a number after 'de prensa'"),
])
def test_communique_number(title, number):
    assert communique_number(title) == number


@pytest.mark.parametrize("value, expected", [
    pytest.param("2025-11-25 18:21:00", dt.datetime(2025, 11, 25, 18, 21), id="CMS format"),
    pytest.param("2025-11-25T18:21", dt.datetime(2025, 11, 25, 18, 21), id="ISO without seconds"),
    pytest.param("2025-11-25", dt.datetime(2025, 11, 25), id="date only"),
    pytest.param("2025-02-30 10:00:00", None, id="impossible date"),
    pytest.param("25 de noviembre", None, id="not ISO"),
    pytest.param(None, None, id="missing"),
])
def test_parse_datetime(value, expected):
    assert parse_datetime(value) == expected


@pytest.mark.parametrize("a, b, same", [
    pytest.param(f"{BASE}/sre/prensa/x?idiom=es", f"{BASE}/sre/prensa/x?idiom=es&utm_source=tw#top", True,
                 id="tracking parameters and fragment ignored"),
    pytest.param(f"{BASE}/sre/prensa/x?idiom=es", "https://WWW.GOB.MX/sre/prensa/x?idiom=es", True,
                 id="host case ignored"),
    pytest.param(f"{BASE}/sre/prensa/x?idiom=es", f"{BASE}/sre/prensa/x?idiom=en", False,
                 id="another language is another page"),
])
def test_canonical_url(a, b, same):
    assert (canonical_url(a) == canonical_url(b)) is same


@pytest.mark.parametrize("url", [
    pytest.param(f"{BASE}/sre/prensa/../../etc/passwd", id="path traversal"),
    pytest.param(f"{BASE}/sre/prensa/" + "a" * 3000, id="very long slug"),
    pytest.param(f"{BASE}/sre/prensa/canciller%C3%ADa%2F%00?idiom=es", id="encoded slash and NUL"),
])
def test_article_id_is_file_safe(url):
    assert re.fullmatch(r"sre-[0-9a-f]{16}", article_id(url))
