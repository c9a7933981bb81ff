"""The HTML report: self-contained, links that land, and the right counts once rendered.

The browser checks open the page in headless Chromium (Debian's ``chromium`` package,
installed by the session fixture where missing and possible, skipped with a reason
otherwise) and read the rendered DOM; the run over the bundled corpus also takes a
screenshot, written to the README's ``docs/report.png`` only when ``SRE_SCREENSHOT`` names
it (``make docs``): a test run leaves the repository as it found it.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pipeline.api import load
from pipeline.report import build_report, report_command, write_report
from pipeline.report_html import Span, highlight_html, timeline_svg

from .sample_outputs import EXPECTED, bundled_outputs, write_sample_outputs

#: where ``make docs`` has the screenshot written (the README shows it)
SCREENSHOT_ENV = "SRE_SCREENSHOT"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def _apt_install_chromium() -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "chromium"]
    if subprocess.run(install, env=env, capture_output=True, timeout=900).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=600)
        subprocess.run(install, env=env, capture_output=True, timeout=900)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The headless browser, installed with apt-get where it is missing and we are root."""
    path = _find_browser()
    if path is None and shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        try:
            _apt_install_chromium()
        except (OSError, subprocess.TimeoutExpired):
            pass
        path = _find_browser()
    if path is None:
        pytest.skip("Chromium is not installed and `apt-get install -y chromium` could not install it "
                    "(it needs root and Debian's package registry): the rendered-report checks are skipped.")
    return path


def render(browser: str, page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium on ``page`` (a local file) with extra ``args``."""
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}", *args,
               page.resolve().as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def counts(dom: str) -> dict[str, int]:
    """The summary numbers the page shows, by card id."""
    return {k: int(v) for k, v in re.findall(r'id="count-([\w-]+)">(\d+)<', dom)}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return write_sample_outputs(tmp_path_factory.mktemp("sample") / "outputs")


@pytest.fixture(scope="module")
def sample_html(sample: Path) -> str:
    return build_report(sample)


def test_the_page_fetches_nothing_from_outside(sample_html: str) -> None:
    assert not re.search(r"<(script|link|img|iframe)\b|@import|url\(", sample_html)
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', sample_html))


def test_every_link_lands_on_an_element_of_the_page(sample_html: str) -> None:
    ids = set(re.findall(r'id="([^"]+)"', sample_html))
    targets = {h[1:] for h in re.findall(r'href="(#[^"]*)"', sample_html)}
    assert targets and targets <= ids, sorted(targets - ids)


def test_each_event_and_commitment_is_highlighted_in_its_document(sample_html: str) -> None:
    assert sample_html.count('id="d-') >= EXPECTED["events"] + EXPECTED["commitments"]
    assert len(re.findall(r'<span class="[^"]*hl-c[^"]*"', sample_html)) >= EXPECTED["commitments"]
    assert len(re.findall(r'<span class="[^"]*hl-e[^"]*"', sample_html)) >= EXPECTED["events"]


def test_documents_not_processed_are_listed_with_their_reason(sample_html: str) -> None:
    assert "vacio.txt" in sample_html and "the file is empty" in sample_html


@pytest.mark.parametrize("text,spans,expected", [
    pytest.param("Se reunirán en mayo.", [Span(15, 19, "date", "t0", "date: 2026-05")],
                 'Se reunirán en <a id="t0"></a><span class="hl-d" title="date: 2026-05">mayo</span>.',
                 id="one span"),
    pytest.param("abcd", [Span(0, 4, "commitment", "c", "C"), Span(1, 3, "date", "d", "D")],
                 '<a id="c"></a><span class="hl-c" title="C">a</span><a id="d"></a>'
                 '<span class="hl-c hl-d" title="C; D">bc</span><span class="hl-c" title="C">d</span>',
                 id="a date inside a commitment combines both classes"),
    pytest.param("a<b", [Span(0, 3, "event", "e", 'x"y')],
                 '<a id="e"></a><span class="hl-e" title="x&quot;y">a&lt;b</span>',
                 id="text and labels are escaped"),
    pytest.param("abc", [Span(2, 9, "event", "e", "E")], "abc", id="a span past the text is ignored"),
])
def test_highlight_html(text: str, spans: list[Span], expected: str) -> None:
    assert highlight_html(text, spans) == expected


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40),
                                                st.sampled_from(["participant", "date", "commitment", "event"])),
                                      max_size=6))
def test_highlighting_never_changes_the_text(text: str, raw: list[tuple[int, int, str]]) -> None:
    spans = [Span(min(a, b), max(a, b), kind, f"s{i}", kind) for i, (a, b, kind) in enumerate(raw)]
    shown = re.sub(r"<[^>]+>", "", highlight_html(text, spans))
    assert html.unescape(shown) == text


def test_the_timeline_draws_one_linked_dot_per_dated_event(sample: Path) -> None:
    svg = timeline_svg(load(sample, ["events"])["events"])
    assert svg.count("<circle") == EXPECTED["events"]
    assert svg.count('class="dot-planned"') == EXPECTED["planned"]
    assert svg.count('<a href="#d-') == EXPECTED["events"]


def test_the_timeline_says_so_when_no_event_has_a_date() -> None:
    empty = pd.DataFrame({"date_start": pd.Series([pd.NaT], dtype="datetime64[ns]")})
    assert "No dated events" in timeline_svg(empty)


def test_report_command_writes_into_the_outputs_folder(sample: Path) -> None:
    result = CliRunner().invoke(report_command, ["--out", str(sample)])
    assert result.exit_code == 0, result.output
    assert (sample / "report.html").is_file()


def test_report_command_explains_a_missing_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(report_command, ["--out", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "python -m pipeline run" in result.output


def test_the_rendered_sample_report_shows_the_expected_counts(chromium: str, sample: Path, tmp_path: Path) -> None:
    page = write_report(sample, tmp_path / "report.html")
    dom = render(chromium, page, tmp_path / "profile", "--dump-dom").stdout
    assert counts(dom) == {"documents": EXPECTED["documents"], "ok": EXPECTED["ok"],
                           "actors": EXPECTED["actors"], "participants": EXPECTED["participants"],
                           "dates": 6, "commitments": EXPECTED["commitments"], "events": EXPECTED["events"],
                           "held": EXPECTED["held"], "planned": EXPECTED["planned"], "cancelled": 0}
    upcoming = dom.split('id="upcoming-table"', 1)[1].split("</table>", 1)[0]
    assert upcoming.count("<tr>") == 1 + EXPECTED["planned"]  # header + one row per planned event
    assert dom.count('<section class="doc"') == EXPECTED["ok"]


def test_the_bundled_corpus_report_renders_the_run_counts_and_screenshot(
        chromium: str, tmp_path_factory, tmp_path: Path) -> None:
    out = bundled_outputs(tmp_path_factory.getbasetemp())
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    page = write_report(out, tmp_path / "report.html")
    shown = counts(render(chromium, page, tmp_path / "profile", "--dump-dom").stdout)
    assert shown["documents"] == manifest["input_documents"]
    assert shown["ok"] == manifest["documents_by_status"].get("ok", 0)
    for table in ("actors", "participants", "dates", "commitments", "events"):
        assert shown[table] == manifest["rows"][table], table
    screenshot = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path / "report.png").resolve()
    screenshot.parent.mkdir(exist_ok=True)
    render(chromium, page, tmp_path / "profile", "--window-size=1280,1500", f"--screenshot={screenshot}")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
