"""Polite HTTP for the crawler (standard library only): one origin, robots.txt, a pause
between requests, retries with exponential backoff, a size limit, no cross-host redirects.

robots.txt rules are matched as RFC 9309 says (``*``/``$`` wildcards, longest match), not
as the standard library's prefix-first-match. :class:`PoliteClient` sends one request at a
time, waiting ``delay`` seconds (or the robots.txt ``Crawl-delay``, if longer) after the
previous response. 5xx, 429, timeouts and dropped connections are retried ``retries``
times, waiting ``backoff``, ``2*backoff``, ``4*backoff`` ... seconds (``Retry-After``
respected up to ``max_backoff``); then a :class:`FetchError` says what failed. Redirects
are followed only within the origin of ``base_url``; a redirect anywhere else is refused.
Bodies over ``max_bytes`` are refused. ``sleep`` and ``clock`` are injectable so tests
run without real waiting.

Public entry points: :class:`PoliteClient`, :class:`HttpSettings`, :class:`FetchError`.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from functools import partial
from urllib.parse import urljoin, urlsplit

from . import __version__
from .ingest import decode_bytes

log = logging.getLogger(__name__)

#: Default User-Agent; replace the contact placeholder with a real address (``--user-agent``).
USER_AGENT = (f"sre-pipeline/{__version__} (research crawler of public SRE press releases; "
              "contact: CHANGE-ME@example.org)")
REDIRECTS = {301, 302, 303, 307, 308}
HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(Exception):
    """A request that failed for good (after retries when the failure was transient)."""

    def __init__(self, url: str, reason: str, *, status: int | None = None,
                 retryable: bool = False, retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status = url, reason, status
        self.retryable, self.retry_after = retryable, retry_after
        self.attempts = 1


@dataclass(frozen=True)
class HttpSettings:
    """How the client behaves; the defaults are the polite ones for the live site."""

    base_url: str = "https://www.gob.mx"
    user_agent: str = USER_AGENT
    delay: float = 1.0
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0
    max_backoff: float = 120.0
    max_bytes: int = 5 * 2**20
    max_redirects: int = 5
    max_crawl_delay: float = 60.0


@dataclass
class Response:
    """A final (non-redirect) response: 200 with a body, or 304 Not Modified without one."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None

    def text(self) -> str:
        """The body decoded with the declared charset, else UTF-8 / Windows-1252."""
        return decode_body(self.body, self.charset)


def decode_body(body: bytes, charset: str | None) -> str:
    """Decode with ``charset`` when it is known and fits, else like ingest does."""
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            log.info("declared charset %r does not decode the page; guessing", charset)
    return decode_bytes(body)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (the test server)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.lower() == "localhost"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx back to the client, which decides whether the target may be followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl) -> None:  # noqa: ANN001
        return None


def _retry_after(headers: Message) -> float | None:
    value = (headers.get("Retry-After") or "").strip()
    return float(value) if value.isdigit() else None


def _rule_regex(path: str) -> re.Pattern[str]:
    """A robots.txt path (as the standard parser stores it, percent-quoted) as a regex:
    ``*`` matches anything, a final ``$`` anchors the end."""
    anchored = path.endswith("%24")
    core = path[:-3] if anchored else path
    return re.compile(".*".join(map(re.escape, core.split("%2A"))) + ("$" if anchored else ""))


def _allowance(rules: list[tuple[re.Pattern[str], int, bool]], url: str) -> bool:
    best: tuple[int, bool] | None = None
    for regex, length, allow in rules:
        if regex.match(url) and (best is None or (length, allow) > best):
            best = (length, allow)
    return True if best is None else best[1]


def use_rfc9309_matching(robots: urllib.robotparser.RobotFileParser) -> None:
    """Match rules as RFC 9309 says: ``*``/``$`` wildcards, the longest rule wins, Allow on
    a tie. (The standard library matches plain prefixes and takes the first rule, which
    would let ``Disallow: /*?`` through.)"""
    for entry in [*robots.entries, *([robots.default_entry] if robots.default_entry else [])]:
        rules = [(_rule_regex(line.path), len(line.path), line.allowance) for line in entry.rulelines]
        entry.allowance = partial(_allowance, rules)


class PoliteClient:
    """One-origin HTTP client with robots.txt, delay, retries, size limit and redirect checks."""

    def __init__(self, settings: HttpSettings, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        parts = urlsplit(settings.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base URL '{settings.base_url}' must be http(s)://host")
        self.settings = settings
        self.origin = (parts.scheme, parts.netloc.lower())
        self.base_url = f"{parts.scheme}://{parts.netloc}"
        handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
        if is_loopback(parts.hostname):
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)
        self.sleep, self.clock = sleep, clock
        self.delay = settings.delay
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.requests = 0
        self.downloads = 0
        self._last: float | None = None

    def same_origin(self, url: str) -> bool:
        """True when ``url`` has the scheme and host (and port) of the base URL."""
        parts = urlsplit(url)
        return (parts.scheme, parts.netloc.lower()) == self.origin

    def load_robots(self, fetch: Callable[[str], str] | None = None) -> None:
        """Read ``/robots.txt`` (through ``fetch(url) -> text`` if given, e.g. a cache).

        Missing (4xx) means everything is allowed, 401/403 that nothing is; a server error
        or timeout raises :class:`FetchError` (nothing may be crawled then).
        """
        url = self.base_url + "/robots.txt"
        robots = urllib.robotparser.RobotFileParser(url)
        try:
            text = fetch(url) if fetch else self.get(url, accept=None).text()
        except FetchError as e:
            if e.status in (401, 403):
                robots.disallow_all = True
            elif e.status is not None and 400 <= e.status < 500:
                robots.allow_all = True
            else:
                raise FetchError(url, f"robots.txt unavailable ({e.reason}); not crawling",
                                 status=e.status) from e
        else:
            robots.parse(text.splitlines())
            use_rfc9309_matching(robots)
        self.robots = robots
        crawl_delay = robots.crawl_delay(self.settings.user_agent)
        if crawl_delay and float(crawl_delay) > self.delay:
            self.delay = min(float(crawl_delay), self.settings.max_crawl_delay)
            log.info("robots.txt asks for %s s between requests; waiting %.1f s", crawl_delay, self.delay)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our User-Agent fetch ``url`` (load it first)."""
        if self.robots is None:
            raise RuntimeError("call load_robots() before crawling")
        return self.robots.can_fetch(self.settings.user_agent, url)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: tuple[str, ...] | None = HTML_TYPES) -> Response:
        """GET ``url`` politely; conditional when validators are given (then 304 is possible).

        Raises :class:`FetchError` for other hosts, refused redirects, HTTP errors, bodies
        over the size limit or of another content type than ``accept``, and for transient
        failures still failing after the retries.
        """
        if not self.same_origin(url):
            raise FetchError(url, f"not on {self.base_url}; refused")
        headers = {"User-Agent": self.settings.user_agent, "Accept-Language": "es",
                   "Accept": ", ".join(accept) if accept else "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._follow(url, headers, accept)
            except FetchError as e:
                e.attempts = attempt + 1
                if not e.retryable or attempt >= self.settings.retries:
                    raise
                wait = self.settings.backoff * 2 ** attempt
                if e.retry_after is not None:
                    wait = max(wait, e.retry_after)
                wait = min(wait, self.settings.max_backoff)
                log.warning("%s; retry %d of %d in %.1f s", e, attempt + 1, self.settings.retries, wait)
                self.sleep(wait)
                attempt += 1

    def _follow(self, url: str, headers: dict[str, str], accept: tuple[str, ...] | None) -> Response:
        current = url
        for _ in range(self.settings.max_redirects + 1):
            response = self._once(current, headers, accept)
            if response.status not in REDIRECTS:
                return response
            target = urljoin(current, response.location or "")
            if not response.location or not self.same_origin(target):
                raise FetchError(url, f"redirect to {target or 'nowhere'} refused "
                                      f"(only {self.base_url} is crawled)", status=response.status)
            if self.robots is not None and not self.allowed(target):
                raise FetchError(url, f"redirect to {target} is disallowed by robots.txt",
                                 status=response.status)
            log.debug("%s redirects to %s", current, target)
            current = target
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _wait(self) -> None:
        if self._last is not None:
            remaining = self.delay - (self.clock() - self._last)
            if remaining > 0:
                self.sleep(remaining)

    def _once(self, url: str, headers: dict[str, str], accept: tuple[str, ...] | None) -> Response:
        self._wait()
        self.requests += 1
        request = urllib.request.Request(url, headers=headers)
        timeout = self.settings.timeout
        try:
            try:
                handle = self._opener.open(request, timeout=timeout)
            except urllib.error.HTTPError as e:
                handle = e
            try:
                return self._read(url, handle, accept)
            finally:
                handle.close()
        except FetchError:
            raise
        except TimeoutError as e:
            raise FetchError(url, f"timed out after {timeout:g} s", retryable=True) from e
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise FetchError(url, f"timed out after {timeout:g} s", retryable=True) from e
            raise FetchError(url, f"connection failed ({e.reason})", retryable=True) from e
        except (http.client.HTTPException, OSError) as e:
            raise FetchError(url, f"connection failed ({e!r})", retryable=True) from e
        finally:
            self._last = self.clock()

    def _read(self, url: str, handle, accept: tuple[str, ...] | None) -> Response:  # noqa: ANN001
        status = getattr(handle, "code", None) or handle.status
        headers: Message = handle.headers
        meta = {"etag": headers.get("ETag"), "last_modified": headers.get("Last-Modified")}
        if status in REDIRECTS:
            return Response(url, status, location=headers.get("Location"))
        if status == 304:
            return Response(url, 304, **meta)
        if status >= 500 or status == 429:
            raise FetchError(url, f"HTTP {status}", status=status, retryable=True,
                             retry_after=_retry_after(headers))
        if status != 200:
            raise FetchError(url, f"HTTP {status}", status=status)
        content_type = headers.get_content_type()
        if accept and content_type not in accept:
            raise FetchError(url, f"content type {content_type} is not one of {', '.join(accept)}",
                             status=status)
        limit = self.settings.max_bytes
        declared = headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"response of {declared} bytes is over the {limit}-byte limit",
                             status=status)
        body = handle.read(limit + 1)
        if len(body) > limit:
            raise FetchError(url, f"response is over the {limit}-byte limit", status=status)
        self.downloads += 1
        return Response(url, 200, body, content_type, headers.get_content_charset(), **meta)
