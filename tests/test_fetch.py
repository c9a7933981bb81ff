"""The crawler against a local HTTP server on 127.0.0.1 serving the test site of tests/gobmx_site.py.

No test reaches the internet. Waiting is injected (``sleep`` records instead of sleeping),
so only the timeout tests spend real time (a fraction of a second each).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.fetch import JSONL_NAME, STATE_NAME, CrawlError, CrawlOptions, crawl
from pipeline.fetch_gobmx import ARCHIVE_PATH, article_id
from pipeline.fetch_http import HttpSettings, PoliteClient

from .gobmx_site import SITE, pages

SINCE = dt.date(2026, 1, 10)


@dataclass
class Reply:
    """One scripted response of the test server."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str = "text/html; charset=utf-8"
    length: bool = True


def page(name: str, **kwargs: object) -> Reply:
    return Reply(body=pages()[name], **kwargs)


def article_path(number: str) -> str:
    return f"/sre/prensa/{SITE[number]['slug']}"


class Site:
    """Routes (path, plus ``?page=N`` for the listing) to scripted replies; the last repeats."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.log: list[tuple[str, str, int]] = []
        self.stop = threading.Event()
        self.url = ""
        self.set("/robots.txt", page("robots.txt", content_type="text/plain"))
        for n in range(1, 5):
            self.set(f"{ARCHIVE_PATH}?page={n}", page(f"listing_{n}.html"))
        for number in SITE:
            self.set(article_path(number), page(f"article_{number}.html"))

    def set(self, key: str, *replies: Reply) -> None:
        self.routes[key] = list(replies)

    def requested(self, key: str) -> int:
        return sum(1 for path, _host, _status in self.log if path == key)

    def reply_for(self, path: str, query: str) -> Reply:
        key = path
        if path == ARCHIVE_PATH:
            key += "?page=" + parse_qs(query).get("page", ["1"])[0]
        replies = self.routes.get(key)
        if not replies:
            return Reply(404, b"not found")
        return replies.pop(0) if len(replies) > 1 else replies[0]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            reply = site.reply_for(parts.path, parts.query)
            key = parts.path + (f"?page={parse_qs(parts.query).get('page', ['1'])[0]}"
                                if parts.path == ARCHIVE_PATH else "")
            if reply.delay and site.stop.wait(reply.delay):
                return
            etag = f'"{hashlib.sha256(reply.body).hexdigest()[:12]}"'
            status = reply.status
            if status == 200 and self.headers.get("If-None-Match") == etag:
                status = 304
            site.log.append((key, self.headers.get("Host", ""), status))
            self.send_response(status)
            self.send_header("Content-Type", reply.content_type)
            if status in (200, 304):
                self.send_header("ETag", etag)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            body = reply.body if status != 304 else b""
            if reply.length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        pass  # a client that timed out and hung up is expected here


@pytest.fixture
def site():
    site = Site()
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield site
    site.stop.set()
    server.shutdown()
    server.server_close()


def run_crawl(site: Site, out: Path, since: dt.date = SINCE, until: dt.date | None = None,
              max_pages: int | None = None, sleeps: list[float] | None = None, **http: object):
    settings = {"base_url": site.url, "delay": 1.0, "timeout": 2.0, "retries": 2, "backoff": 1.0,
                **http}
    waits = sleeps if sleeps is not None else []
    client = PoliteClient(HttpSettings(**settings), sleep=waits.append)
    return crawl(CrawlOptions(since=since, until=until, out=out, max_pages=max_pages), client)


def rows(out: Path) -> list[dict]:
    path = out / JSONL_NAME
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def numbers(out: Path) -> list[str]:
    return [row["number"] for row in rows(out)]


def state(out: Path) -> dict:
    return json.loads((out / STATE_NAME).read_text(encoding="utf-8"))


def article_state(site: Site, out: Path, number: str) -> dict:
    return state(out)["articles"][article_id(site.url + article_path(number) + "?idiom=es")]


@pytest.mark.parametrize("since, until, pages, expected", [
    pytest.param(SINCE, None, [1, 2, 3], ["031", "030", "029", "028", "027", "026", "025"],
                 id="stops after the page where items older than --since appear"),
    pytest.param(dt.date(2026, 1, 1), None, [1, 2, 3, 4],
                 ["031", "030", "029", "028", "027", "026", "025", "024", "023"],
                 id="follows pagination to the last page (no next link)"),
    pytest.param(dt.date(2026, 1, 14), dt.date(2026, 1, 18), [1, 2, 3], ["029", "028", "027"],
                 id="--until skips newer items but keeps walking"),
])
def test_walk_pages_and_window(site, tmp_path, since, until, pages, expected):
    summary = run_crawl(site, tmp_path, since=since, until=until)
    listing = [int(key.split("=")[1]) for key, _h, _s in site.log if key.startswith(ARCHIVE_PATH)]
    assert (listing, numbers(tmp_path), summary.complete) == (pages, expected, True)


def test_rows_carry_page_metadata(site, tmp_path):
    run_crawl(site, tmp_path)
    row = rows(tmp_path)[0]
    assert {k: row[k] for k in ("title", "date", "datetime", "category", "number", "url")} == {
        "title": SITE["031"]["title"], "date": "2026-01-20", "datetime": "2026-01-20T18:30:00",
        "category": "Comunicado", "number": "031", "url": site.url + article_path("031") + "?idiom=es"}


def test_text_keeps_dateline_and_blank_line_paragraphs(site, tmp_path):
    run_crawl(site, tmp_path)
    text = rows(tmp_path)[0]["text"]
    assert text.startswith("Ciudad de México, 20 de enero de 2026.- ") and text.count("\n\n") == 3


def test_requests_wait_the_delay_one_at_a_time(site, tmp_path):
    sleeps: list[float] = []
    run_crawl(site, tmp_path, sleeps=sleeps, delay=1.5)
    assert len(sleeps) == len(site.log) - 1 and all(1.4 < s <= 1.5 for s in sleeps)


@pytest.mark.parametrize("failure, backoffs", [
    pytest.param(Reply(500, b"error"), [1.0, 2.0], id="500 twice, then success: backoff 1 s, 2 s"),
    pytest.param(Reply(503, b"busy", headers={"Retry-After": "5"}), [5.0, 5.0],
                 id="503 with Retry-After: wait what the server asks"),
    pytest.param(Reply(delay=1.0), [1.0, 2.0], id="two timeouts, then success"),
])
def test_transient_failures_are_retried_with_backoff(site, tmp_path, failure, backoffs):
    site.set(article_path("030"), failure, failure, page("article_030.html"))
    sleeps: list[float] = []
    run_crawl(site, tmp_path, sleeps=sleeps, delay=0.0, timeout=0.2)
    assert ("030" in numbers(tmp_path), [s for s in sleeps if s > 0]) == (True, backoffs)


def test_timeouts_become_a_recorded_failure_and_the_crawl_goes_on(site, tmp_path):
    site.set(article_path("028"), Reply(delay=1.0))
    summary = run_crawl(site, tmp_path, timeout=0.2, retries=1)
    entry = article_state(site, tmp_path, "028")
    assert (entry["status"], "timed out" in entry["error"], summary.failed) == ("failed", True, 1)
    assert "027" in numbers(tmp_path) and "028" not in numbers(tmp_path)


def test_failed_article_is_fetched_by_the_next_run(site, tmp_path):
    site.set(article_path("028"), Reply(500), Reply(500), Reply(500), page("article_028.html"))
    run_crawl(site, tmp_path, retries=2)
    run_crawl(site, tmp_path, retries=2)
    assert article_state(site, tmp_path, "028")["status"] == "ok" and numbers(tmp_path).count("028") == 1


def test_malformed_page_is_recorded_and_the_crawl_goes_on(site, tmp_path):
    site.set(article_path("029"), page("article_malformed.html"))
    summary = run_crawl(site, tmp_path)
    entry = article_state(site, tmp_path, "029")
    assert (entry["status"], summary.malformed, "029" in numbers(tmp_path)) == ("malformed", 1, False)
    assert numbers(tmp_path) == ["031", "030", "028", "027", "026", "025"]


def test_article_listed_twice_is_fetched_and_written_once(site, tmp_path):
    summary = run_crawl(site, tmp_path)
    assert (site.requested(article_path("029")), numbers(tmp_path).count("029"), summary.duplicates) == (1, 1, 1)


def test_same_text_under_two_urls_is_written_once(site, tmp_path):
    site.set(article_path("027"), page("article_026.html"))
    run_crawl(site, tmp_path)
    entry = article_state(site, tmp_path, "026")
    assert (entry["status"], numbers(tmp_path).count("026")) == ("duplicate", 1)


def test_redirect_to_another_host_is_refused(site, tmp_path):
    port = urlsplit(site.url).port
    site.set(article_path("027"), Reply(302, headers={"Location": f"http://localhost:{port}/sre/prensa/x"}))
    run_crawl(site, tmp_path)
    entry = article_state(site, tmp_path, "027")
    assert (entry["status"], "refused" in entry["error"]) == ("failed", True)
    assert all(host.startswith("127.0.0.1") for _p, host, _s in site.log) and site.requested(article_path("027")) == 1


def test_redirect_within_the_host_is_followed(site, tmp_path):
    site.set(article_path("027"), Reply(301, headers={"Location": "/sre/prensa/nueva-direccion?idiom=es"}))
    site.set("/sre/prensa/nueva-direccion", page("article_027.html"))
    run_crawl(site, tmp_path)
    assert "027" in numbers(tmp_path)


@pytest.mark.parametrize("robots, blocked", [
    pytest.param(f"User-agent: *\nDisallow: {article_path('028')}\n", ["028"], id="article path disallowed for all"),
    pytest.param(f"User-agent: sre-pipeline\nDisallow: {article_path('026')}\n", ["026"], id="our agent named"),
    pytest.param("User-agent: *\nDisallow: /sre/prensa/*celac\n", ["028"], id="'*' wildcard inside the path"),
    pytest.param("User-agent: *\nDisallow: /*?idiom=es$\n", ["031", "030", "029", "028", "027", "026", "025"],
                 id="'$' anchors the end: articles blocked, listing pages not"),
    pytest.param("User-agent: *\nDisallow: /sre/prensa/\nAllow: /sre/prensa/mexico-\n", ["030", "029", "027", "025"],
                 id="the longest rule wins, not the first"),
])
def test_robots_disallow_is_honoured(site, tmp_path, robots, blocked):
    site.set("/robots.txt", Reply(body=robots.encode(), content_type="text/plain"))
    summary = run_crawl(site, tmp_path)
    fetched = [n for n in SITE if site.requested(article_path(n))]
    assert (set(fetched) & set(blocked), set(numbers(tmp_path)) & set(blocked), summary.disallowed) == (
        set(), set(), len(blocked))


def test_robots_crawl_delay_lengthens_the_pause(site, tmp_path):
    site.set("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 4\n", content_type="text/plain"))
    sleeps: list[float] = []
    run_crawl(site, tmp_path, sleeps=sleeps)
    assert sleeps and all(3.9 < s <= 4.0 for s in sleeps)


@pytest.mark.parametrize("status, crawled", [
    pytest.param(404, 7, id="no robots.txt: everything allowed"),
    pytest.param(403, 0, id="robots.txt forbidden: nothing allowed"),
    pytest.param(500, 0, id="robots.txt server error: nothing allowed"),
])
def test_robots_status_decides_what_is_crawled(site, tmp_path, status, crawled):
    site.set("/robots.txt", Reply(status, b"-"))
    run_crawl(site, tmp_path, retries=1)
    assert len(rows(tmp_path)) == crawled


def test_robots_server_error_stops_before_any_page(site, tmp_path):
    site.set("/robots.txt", Reply(500, b"down"))
    summary = run_crawl(site, tmp_path, retries=1)
    assert summary.errors and [key for key, _h, _s in site.log] == ["/robots.txt", "/robots.txt"]


def test_rerun_downloads_nothing(site, tmp_path):
    run_crawl(site, tmp_path)
    before = (tmp_path / JSONL_NAME).read_bytes()
    first = len(site.log)
    summary = run_crawl(site, tmp_path)
    second = site.log[first:]
    assert [s for _k, _h, s in second] == [304] * 4 and not any("/prensa/" in k for k, _h, _s in second)
    assert ((tmp_path / JSONL_NAME).read_bytes(), summary.written, summary.already_saved) == (before, 0, 7)


def test_rows_are_rebuilt_from_the_cache_without_downloading(site, tmp_path):
    run_crawl(site, tmp_path)
    before = (tmp_path / JSONL_NAME).read_bytes()
    (tmp_path / JSONL_NAME).unlink()
    first = len(site.log)
    summary = run_crawl(site, tmp_path)
    assert not any("/prensa/" in k for k, _h, _s in site.log[first:])
    assert ((tmp_path / JSONL_NAME).read_bytes(), summary.from_cache) == (before, 7)


def test_bounded_run_resumes_where_it_stopped(site, tmp_path):
    first = run_crawl(site, tmp_path, max_pages=1)
    assert (first.complete, numbers(tmp_path)) == (False, ["031", "030", "029"])
    mark = len(site.log)
    second = run_crawl(site, tmp_path)
    listing = [k for k, _h, _s in site.log[mark:] if k.startswith(ARCHIVE_PATH)]
    assert listing == [f"{ARCHIVE_PATH}?page=2", f"{ARCHIVE_PATH}?page=3"] and second.complete
    assert numbers(tmp_path) == ["031", "030", "029", "028", "027", "026", "025"]


def test_listing_failure_is_resumed_at_that_page(site, tmp_path):
    site.set(f"{ARCHIVE_PATH}?page=2", Reply(500), Reply(500), page("listing_2.html"))
    first = run_crawl(site, tmp_path, retries=1)
    second = run_crawl(site, tmp_path, retries=1)
    assert (bool(first.errors), first.complete, second.resumed_at.endswith("page=2"), second.complete) == (
        True, False, True, True)


def test_interrupted_last_row_is_dropped_and_refetched_from_cache(site, tmp_path):
    run_crawl(site, tmp_path)
    path = tmp_path / JSONL_NAME
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"\n", 0, len(data) - 1) + 1] + b'{"id": "sre-0')
    run_crawl(site, tmp_path)
    assert path.read_bytes() == data


@pytest.mark.parametrize("declared", [
    pytest.param(True, id="Content-Length over the limit"),
    pytest.param(False, id="no Content-Length: body cut at the limit"),
])
def test_response_size_limit(site, tmp_path, declared):
    big = pages()["article_027.html"] + b"<!--" + b"x" * 60_000 + b"-->"
    site.set(article_path("027"), Reply(body=big, length=declared))
    run_crawl(site, tmp_path, max_bytes=50_000)
    entry = article_state(site, tmp_path, "027")
    assert ("limit" in entry["error"], site.requested(article_path("027")), "026" in numbers(tmp_path)) == (
        True, 1, True)


def test_non_html_response_is_refused(site, tmp_path):
    site.set(article_path("027"), page("article_027.html", content_type="application/pdf"))
    run_crawl(site, tmp_path)
    assert "content type" in article_state(site, tmp_path, "027")["error"]


def test_raw_files_are_named_by_id(site, tmp_path):
    run_crawl(site, tmp_path)
    names = sorted(p.name for p in (tmp_path / "raw").glob("*.html.gz"))
    assert names == sorted(f"{row['id']}.html.gz" for row in rows(tmp_path))
    assert all(re.fullmatch(r"sre-[0-9a-f]{16}\.html\.gz", n) for n in names)


def test_raw_file_is_the_page_as_served(site, tmp_path):
    run_crawl(site, tmp_path)
    row = rows(tmp_path)[0]
    raw = gzip.decompress((tmp_path / "raw" / f"{row['id']}.html.gz").read_bytes())
    assert raw == pages()["article_031.html"]


def test_unreadable_state_stops_before_any_request(site, tmp_path):
    (tmp_path / STATE_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(CrawlError, match=STATE_NAME):
        run_crawl(site, tmp_path)
    assert site.log == []


def test_until_before_since_is_refused(site, tmp_path):
    with pytest.raises(CrawlError, match="before --since"):
        run_crawl(site, tmp_path, since=dt.date(2026, 1, 10), until=dt.date(2026, 1, 1))


def test_cli_rejects_a_short_delay_on_a_public_site(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    result = CliRunner().invoke(main, ["fetch", "--since", "2026-01-10", "--delay", "0.2",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--delay" in result.output and not (tmp_path / STATE_NAME).exists()


def test_ingest_reads_the_fetched_folder_with_its_metadata(site, tmp_path):
    """What `run` ingests from the output folder: the rows only (raw pages and state skipped)."""
    from pipeline.ingest import iter_documents

    run_crawl(site, tmp_path)
    docs = list(iter_documents([tmp_path]))
    got = [(d.title, str(d.published), d.published_from, d.source, d.status) for d in docs]
    assert got == [(SITE[n]["title"], SITE[n]["datetime"][:10], "metadata",
                    site.url + article_path(n) + "?idiom=es", "ok")
                   for n in ("031", "030", "029", "028", "027", "026", "025")]


def test_fetched_corpus_runs_through_the_pipeline(site, tmp_path):
    """End to end: `fetch` then `run` on its folder; documents keep titles, dates and URLs."""
    import pandas as pd
    from click.testing import CliRunner

    from pipeline.cli import main

    corpus, tables = tmp_path / "sre", tmp_path / "tables"
    fetched = CliRunner().invoke(main, ["fetch", "--since", "2026-01-10", "--until", "2026-01-19",
                                        "--out", str(corpus), "--delay", "0", "--base-url", site.url])
    assert fetched.exit_code == 0, fetched.output
    ran = CliRunner().invoke(main, ["-q", "run", str(corpus), "--out", str(tables), "--workers", "1"])
    assert ran.exit_code == 0, ran.output
    docs = pd.read_parquet(tables / "documents")
    got = sorted(zip(docs["title"], docs["published"].astype(str), docs["published_from"], docs["source"],
                     strict=True))
    expected = sorted((SITE[n]["title"], SITE[n]["datetime"][:10], "metadata",
                       site.url + article_path(n) + "?idiom=es") for n in ("030", "029", "028", "027", "026", "025"))
    assert (got, set(docs["status"])) == (expected, {"ok"})
