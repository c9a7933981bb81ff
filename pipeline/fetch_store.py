"""The crawler's output folder: JSONL rows, the raw page cache and the resumable state.

Layout under ``--out``: ``communiques.jsonl`` (one row per communiqué, appended and
flushed one at a time), ``raw/<id>.html.gz`` (each article page as downloaded, named by
its id), ``raw/pages/<hash>.gz`` (listing pages and robots.txt with their HTTP validators,
for conditional requests) and ``state.json`` (written atomically after every article).
Used by :mod:`pipeline.fetch`; public entry point: :class:`Store`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
from pathlib import Path

from .fetch_gobmx import ListingItem
from .fetch_http import HTML_TYPES, PoliteClient, decode_body

log = logging.getLogger(__name__)

JSONL_NAME = "communiques.jsonl"
STATE_NAME = "state.json"
STATE_VERSION = 1


class CrawlError(RuntimeError):
    """A problem that stops the crawl before it starts (unreadable state, bad options)."""


def sha16(text: str) -> str:
    """First 16 hex digits of SHA-256 (file names and text fingerprints)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class Store:
    """The output folder: JSONL rows, the raw page cache and the state file."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.raw = out / "raw"
        self.jsonl = out / JSONL_NAME
        self.state_path = out / STATE_NAME
        (self.raw / "pages").mkdir(parents=True, exist_ok=True)
        self.state = self._load_state()
        self.written: set[str] = set()
        self.text_ids: dict[str, str] = {}
        self._load_rows()

    def _load_state(self) -> dict:
        if not self.state_path.exists():
            return {"version": STATE_VERSION, "walks": {}, "articles": {}, "http": {}}
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise CrawlError(f"{self.state_path} is unreadable ({e}); fix or delete it "
                             "(the raw cache and the JSONL are kept)") from e
        if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
            raise CrawlError(f"{self.state_path} is not a version-{STATE_VERSION} state file; "
                             "delete it to start over (the raw cache is kept)")
        for key in ("walks", "articles", "http"):
            state.setdefault(key, {})
        return state

    def _load_rows(self) -> None:
        """Ids and text hashes of the rows already written; drops a half-written last line."""
        if not self.jsonl.exists():
            return
        data = self.jsonl.read_bytes()
        lines = data.split(b"\n")
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                self.written.add(row["id"])
                self.text_ids.setdefault(sha16(row["text"]), row["id"])
            except (ValueError, KeyError, TypeError) as e:
                if number == len(lines) and not data.endswith(b"\n"):
                    log.warning("%s: dropping the incomplete last line (interrupted run)", self.jsonl)
                    with self.jsonl.open("r+b") as handle:
                        handle.truncate(len(data) - len(line))
                else:
                    log.warning("%s:%d: not a valid row (%s); left as is", self.jsonl, number, e)

    def save(self) -> None:
        """Write the state file atomically."""
        data = json.dumps(self.state, ensure_ascii=False, indent=1, sort_keys=True)
        _write_atomic(self.state_path, data.encode("utf-8"))

    def append_row(self, row: dict) -> None:
        """Append one JSONL row (a single write, flushed)."""
        with self.jsonl.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.written.add(row["id"])
        self.text_ids.setdefault(sha16(row["text"]), row["id"])

    def raw_path(self, aid: str) -> Path:
        return self.raw / f"{aid}.html.gz"

    def read_raw(self, aid: str) -> bytes | None:
        path = self.raw_path(aid)
        try:
            return gzip.decompress(path.read_bytes()) if path.exists() else None
        except (OSError, EOFError) as e:
            log.warning("%s is damaged (%s); downloading again", path, e)
            return None

    def write_raw(self, aid: str, body: bytes) -> None:
        _write_atomic(self.raw_path(aid), gzip.compress(body, mtime=0))

    def record(self, aid: str, item: ListingItem, status: str, error: str | None = None,
               **extra: object) -> None:
        """The outcome of one article, with what is needed to retry it later."""
        previous = self.state["articles"].get(aid, {})
        failures = previous.get("failures", 0) + (status == "failed")
        self.state["articles"][aid] = {
            "url": item.url, "status": status, "error": error, "title": item.title,
            "datetime": item.published.isoformat() if item.published else None,
            "category": item.category, "failures": failures,
            "charset": extra.get("charset", previous.get("charset")),
            **{k: v for k, v in extra.items() if k != "charset"}}

    def get_volatile(self, client: PoliteClient, url: str,
                     accept: tuple[str, ...] | None = HTML_TYPES) -> tuple[str, bool]:
        """A listing page or robots.txt, asked for conditionally when a copy is kept:
        ``(text, True)`` when the server answered 304 Not Modified."""
        path = self.raw / "pages" / f"{sha16(url)}.gz"
        entry = self.state["http"].get(url) if path.exists() else None
        response = client.get(url, etag=(entry or {}).get("etag"),
                              last_modified=(entry or {}).get("last_modified"), accept=accept)
        if response.status == 304 and entry:
            return decode_body(gzip.decompress(path.read_bytes()), entry.get("charset")), True
        if response.etag or response.last_modified:
            _write_atomic(path, gzip.compress(response.body, mtime=0))
            self.state["http"][url] = {"etag": response.etag, "last_modified": response.last_modified,
                                       "charset": response.charset}
        return response.text(), False

