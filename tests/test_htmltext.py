"""HTML pages: main text, line and paragraph breaks, broken markup, title and date."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.htmltext import HtmlParseError, extract


@pytest.mark.parametrize("html, text", [
    pytest.param("<article><p>Uno<br>dos<br/>tres</p></article>", "Uno\ndos\ntres",
                 id="<br> and <br/> are both a line break"),
    pytest.param("<article><p>Uno<br><br>dos</p></article>", "Uno\n\ndos", id="two <br> make a blank line"),
    pytest.param("<article><p>La canciller\n   viajó a Lima.</p></article>", "La canciller viajó a Lima.",
                 id="a line break of the source is a space"),
    pytest.param("<article><p>Primero.<p>Segundo.</article>", "Primero.\n\nSegundo.",
                 id="an unclosed <p> ends where the next starts"),
    pytest.param("<article><ul><li>Uno<li>Dos</ul></article>", "Uno\n\nDos", id="unclosed <li> items"),
    pytest.param("<body><div><script>var x = 1;</div><p>Texto visible.</p></body>", "Texto visible.",
                 id="an unclosed script does not swallow the page"),
    pytest.param("<body><p>Antes.</p><script>var x = 1;<p>Texto visible.</p></body>", "Antes.\n\nTexto visible.",
                 id="an unclosed script with no element around it to close: it ends where markup starts"),
    pytest.param("<body><div><nav>Inicio | Prensa</div><p>Texto visible.</p></body>", "Texto visible.",
                 id="an unclosed nav ends with its parent"),
    pytest.param("<body><p>Texto.</p><p class='sr-only'>Fecha de publicación</p></body>", "Texto.",
                 id="screen-reader-only text left out"),
    pytest.param("<body><p>Fuera.</p><main><p>Dentro.</p></main></body>", "Dentro.",
                 id="only <main> text when there is a <main>"),
    pytest.param("<p>Uno &amp; dos &lt;tres&gt;</p>", "Uno & dos <tres>", id="entities decoded"),
])
def test_extract_text(html, text):
    assert extract(html).text == text


@pytest.mark.parametrize("html", [
    pytest.param("<p>Texto<![/>> roto</p>", id="a broken marked section"),
    pytest.param("<html><body><![<p>Texto</p>", id="a marked section left open"),
])
def test_unparseable_markup_is_a_value_error(html):
    with pytest.raises(HtmlParseError) as err:
        extract(html)
    assert isinstance(err.value, ValueError) and isinstance(err.value.__cause__, AssertionError)


@pytest.mark.parametrize("html, title", [
    pytest.param("<title>Portal</title><article><header><h1>Comunicado 12</h1></header><p>Texto.</p></article>",
                 "Comunicado 12", id="first <h1>, even inside a header"),
    pytest.param("<h1>Uno</h1><h1>Dos</h1>", "Uno", id="only the first <h1>"),
    pytest.param("<head><title> Portal  SRE </title></head><p>Texto.</p>", "Portal SRE", id="<title> without <h1>"),
    pytest.param("<p>Texto.</p>", None, id="no title"),
])
def test_extract_title(html, title):
    assert extract(html).title == title


def test_extract_date_from_the_first_time_with_a_datetime():
    html = "<time>ayer</time><article><time datetime='2026-01-15 10:00:00'>15 de enero</time><p>Texto.</p></article>"
    assert extract(html).published == dt.date(2026, 1, 15)
