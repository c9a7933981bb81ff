"""Fetch: a polite, cached, resumable crawler of the SRE press archive on gob.mx.

Walks the archive listing newest first (``page=N``), stops after the page where items
older than ``--since`` appear (or after ``--max-pages``), follows every communiqué in the
window and writes, under ``--out``:

- ``communiques.jsonl``: one row per communiqué with ``id``, ``title``, ``date``
  (YYYY-MM-DD of the page's ``<time datetime>``), ``datetime``, ``category``, ``number``
  (from the title), ``url`` and ``text`` (body paragraphs separated by a blank line,
  dateline kept): what ``python -m pipeline run`` ingests;
- ``raw/<id>.html.gz``: each page as downloaded (gzip, so ``run`` does not ingest it twice),
  named by the article id (a hash of the URL), never by the URL; this is also the cache:
  a saved page is never downloaded again;
- ``raw/pages/``: listing pages and robots.txt kept with their HTTP validators, so a
  rerun asks for them conditionally (a 304 downloads nothing);
- ``state.json``: where the walk stopped (so a bounded or interrupted run resumes there)
  and the outcome of every article (``ok``, ``failed``, ``malformed``, ``duplicate``,
  ``disallowed``, ``offsite``); failed ones are retried by the next run.

HTTP politeness and safety live in :mod:`pipeline.fetch_http`, the output folder in
:mod:`pipeline.fetch_store`, page parsing in :mod:`pipeline.fetch_gobmx`. Public entry
points: :data:`fetch_command` (the ``fetch`` subcommand) and :func:`crawl`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import click

from .fetch_gobmx import (Article, ListingItem, MalformedPageError, article_id, communique_number,
                          listing_url, parse_article, parse_datetime, parse_listing)
from .fetch_http import (HTML_TYPES, USER_AGENT, FetchError, HttpSettings, PoliteClient, decode_body,
                         is_loopback)
from .fetch_store import JSONL_NAME, STATE_NAME, CrawlError, Store, sha16

__all__ = ["CrawlError", "CrawlOptions", "CrawlSummary", "JSONL_NAME", "STATE_NAME", "crawl",
           "fetch_command"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlOptions:
    """What to crawl and where to write it."""

    since: dt.date
    until: dt.date | None = None
    category: str = "Comunicados"
    out: Path = Path("corpus/sre")
    max_pages: int | None = None


@dataclass
class CrawlSummary:
    """What a crawl did. ``errors`` are the problems that ended the walk early."""

    pages: int = 0
    written: int = 0
    downloaded: int = 0
    from_cache: int = 0
    already_saved: int = 0
    duplicates: int = 0
    failed: int = 0
    malformed: int = 0
    disallowed: int = 0
    offsite: int = 0
    not_modified: int = 0
    resumed_at: str | None = None
    complete: bool = False
    errors: list[str] = field(default_factory=list)


def build_row(aid: str, item: ListingItem, article: Article) -> dict:
    """The JSONL row of an article; title and date fall back to the listing's."""
    title = article.title or item.title
    published = article.published or item.published
    if not title:
        raise MalformedPageError("no title (<h1>) on the page nor in the listing")
    if published is None:
        raise MalformedPageError("no publication date (<time datetime>) on the page nor in the listing")
    return {"id": aid, "title": title, "date": published.date().isoformat(),
            "datetime": published.isoformat(), "category": article.category or item.category,
            "number": communique_number(title), "url": item.url, "text": article.text}


class Crawler:
    """One crawl: the listing walk and the articles it finds."""

    def __init__(self, options: CrawlOptions, client: PoliteClient) -> None:
        self.options, self.client = options, client
        self.store = Store(options.out)
        self.summary = CrawlSummary()
        self.seen: set[str] = set()

    def run(self) -> CrawlSummary:
        try:
            self.client.load_robots(lambda url: self._volatile(url, accept=None))
        except FetchError as e:
            self.summary.errors.append(str(e))
            return self.summary
        self._walk()
        self._retry_failed()
        self.store.save()
        return self.summary

    def _volatile(self, url: str, accept: tuple[str, ...] | None = HTML_TYPES) -> str:
        text, not_modified = self.store.get_volatile(self.client, url, accept)
        self.summary.not_modified += not_modified
        return text

    def _in_window(self, when: dt.datetime | None) -> bool:
        if when is None:
            return True
        until = self.options.until
        return when.date() >= self.options.since and (until is None or when.date() <= until)

    def _walk(self) -> None:
        options, walks = self.options, self.store.state["walks"]
        key = f"{self.client.base_url} {options.category}"
        walk = walks.get(key) or {}
        window = {"since": options.since.isoformat(),
                  "until": options.until.isoformat() if options.until else None}
        url = listing_url(self.client.base_url, options.category)
        if walk.get("next_url") and not walk.get("done") and walk.get("window") == window:
            url = walk["next_url"]
            self.summary.resumed_at = url
            log.info("resuming the interrupted walk at %s", url)
        walk = walks[key] = {"window": window, "next_url": url, "done": False}
        while url:
            if options.max_pages and self.summary.pages >= options.max_pages:
                log.info("stopping after %d listing pages (--max-pages); rerun to resume", self.summary.pages)
                return
            if not self.client.allowed(url):
                self.summary.errors.append(f"{url}: listing page disallowed by robots.txt")
                return
            try:
                listing = parse_listing(self._volatile(url), url)
            except (FetchError, MalformedPageError) as e:
                self.summary.errors.append(f"{url}: listing page failed ({e}); rerun to resume here")
                return
            self.summary.pages += 1
            past = False
            for item in listing.items:
                day = item.published.date() if item.published else None
                if day is not None and day < options.since:
                    past = True
                elif self._in_window(item.published):
                    self._article(item)
            url = None if past else listing.next_url
            walk.update(next_url=url, done=url is None)
            self.store.save()
        self.summary.complete = True

    def _retry_failed(self) -> None:
        for aid, entry in list(self.store.state["articles"].items()):
            published = parse_datetime(entry.get("datetime"))
            if entry.get("status") == "failed" and aid not in self.seen and self._in_window(published):
                log.info("retrying %s, which failed in an earlier run", entry["url"])
                self._article(ListingItem(entry["url"], entry.get("title"), published, entry.get("category")))

    def _article(self, item: ListingItem) -> None:
        aid, store, summary = article_id(item.url), self.store, self.summary
        if aid in self.seen:
            summary.duplicates += 1
            log.info("%s listed twice; fetched once", item.url)
            return
        self.seen.add(aid)
        if not self.client.same_origin(item.url):
            store.record(aid, item, "offsite", f"not on {self.client.base_url}")
            summary.offsite += 1
            return
        if aid in store.written:
            summary.already_saved += 1
            return
        if not self.client.allowed(item.url):
            store.record(aid, item, "disallowed", "robots.txt disallows this page")
            summary.disallowed += 1
            return
        body = store.read_raw(aid)
        charset = store.state["articles"].get(aid, {}).get("charset")
        if body is None:
            try:
                response = self.client.get(item.url)
            except FetchError as e:
                store.record(aid, item, "failed", f"{e.reason} (after {e.attempts} attempts)")
                summary.failed += 1
                log.warning("%s", e)
                store.save()
                return
            body, charset = response.body, response.charset
            store.write_raw(aid, body)
            summary.downloaded += 1
        else:
            summary.from_cache += 1
        try:
            row = build_row(aid, item, parse_article(decode_body(body, charset)))
        except MalformedPageError as e:
            store.record(aid, item, "malformed", f"{e} (page kept in {store.raw_path(aid)})", charset=charset)
            summary.malformed += 1
            log.warning("%s: %s", item.url, e)
            store.save()
            return
        first = store.text_ids.get(sha16(row["text"]))
        if first is not None:
            store.record(aid, item, "duplicate", f"same text as {first}", charset=charset)
            summary.duplicates += 1
        else:
            store.append_row(row)
            store.record(aid, item, "ok", charset=charset)
            summary.written += 1
        store.save()


def crawl(options: CrawlOptions, client: PoliteClient) -> CrawlSummary:
    """Crawl the archive into ``options.out``; see the module docstring for what is written."""
    if options.until is not None and options.until < options.since:
        raise CrawlError(f"--until {options.until} is before --since {options.since}")
    return Crawler(options, client).run()


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@click.command("fetch")
@click.option("--since", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="Oldest publication date to fetch (YYYY-MM-DD); the walk stops past it.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Newest publication date to fetch (default: no limit).")
@click.option("--category", default="Comunicados", show_default=True,
              help="Archive category (Comunicados, Discursos, Entrevistas, ...).")
@click.option("--out", default=Path("corpus/sre"), show_default=True,
              type=click.Path(path_type=Path, file_okay=False),
              help=f"Folder for {JSONL_NAME}, raw/ and {STATE_NAME}.")
@click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(min=0),
              help="Seconds between requests (at least 1 on the live site).")
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="Listing pages to walk in this run; a rerun resumes where it stopped.")
@click.option("--user-agent", default=USER_AGENT, show_default=True,
              help="User-Agent header; put your contact address in it.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Seconds to wait for a response.")
@click.option("--retries", default=3, show_default=True, type=click.IntRange(min=0),
              help="Retries (exponential backoff) on server errors and timeouts.")
@click.option("--base-url", default="https://www.gob.mx", hidden=True,
              help="Site root; for tests against a local server.")
def fetch_command(since: dt.datetime, until: dt.datetime | None, category: str, out: Path,
                  delay: float, max_pages: int | None, user_agent: str, timeout: float,
                  retries: int, base_url: str) -> None:
    """Download SRE communiqués from the gob.mx press archive into --out (JSONL for `run`)."""
    host = urlsplit(base_url).hostname or ""
    if delay < 1.0 and not is_loopback(host):
        raise click.BadParameter("must be at least 1 second on a public site", param_hint="--delay")
    if "CHANGE-ME" in user_agent:
        log.warning("the User-Agent has no contact address; pass --user-agent with yours")
    options = CrawlOptions(since=since.date(), until=_date(until), category=category,
                           out=out, max_pages=max_pages)
    settings = HttpSettings(base_url=base_url, user_agent=user_agent, delay=delay,
                            timeout=timeout, retries=retries)
    try:
        summary = crawl(options, PoliteClient(settings))
    except (CrawlError, ValueError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"Listing pages: {summary.pages}{' (resumed)' if summary.resumed_at else ''}; "
               f"walk {'complete' if summary.complete else 'not complete: rerun to resume'}.")
    click.echo(f"Communiqués: {summary.written} written ({summary.downloaded} downloaded, "
               f"{summary.from_cache} from cache), {summary.already_saved} already saved, "
               f"{summary.duplicates} duplicates, {summary.failed} failed, "
               f"{summary.malformed} malformed, {summary.disallowed} disallowed by robots.txt.")
    click.echo(f"Wrote {out / JSONL_NAME} (failures are listed in {out / STATE_NAME}).")
    for error in summary.errors:
        click.echo(f"Error: {error}", err=True)
    if summary.errors:
        raise SystemExit(1)
