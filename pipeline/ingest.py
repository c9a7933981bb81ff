"""Ingest: files and folders in, one :class:`RawDocument` per input document out.

Reads ``.txt``, ``.jsonl``, ``.csv``, ``.parquet`` and ``.html``/``.htm`` files (folders
recursively, in sorted order so runs are reproducible). Every input yields a record with
a ``status`` (``ok``, ``empty``, ``duplicate``, ``not_spanish``, ``unreadable``,
``error``) and, when not ``ok``, an ``error`` saying what is wrong and where: nothing is
dropped silently. Raw inputs are never modified.

Public entry point: :func:`iter_documents`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ftfy
import ftfy.badness

from . import htmltext, pubdate
from .inputs import HTML_SUFFIXES, SUFFIXES, TEXT_SUFFIXES, iter_input_files
from .language import detect_language

log = logging.getLogger(__name__)

#: A JSONL file of this name with ``file`` keys holds metadata for its folder's files.
SIDECAR = "manifest.jsonl"

#: The leading metadata line of the corpus files: `` date 2026-01-15 `` (or `` date 2021-11 ``).
HEADER_RE = re.compile(r"\A[ \t]*date[ \t]+(\S+)[ \t]*(?:\r?\n)?")


@dataclass
class RawDocument:
    """One input document before NLP; becomes a ``documents`` row."""

    source: str
    text: str
    status: str = "ok"
    error: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_from: str = "none"
    language: str | None = None
    doc_id: str = ""


#: Characters a document may have. A press text has some thousands; the stages' time and memory
#: grow faster than the text (a 1 MB text took 20 s and 1.5 GB, 3 MB 117 s and 7 GB).
MAX_CHARS = 2_000_000


def doc_id_for(text: str, source: str = "", ordinal: int | None = None) -> str:
    """First 16 hex digits of SHA-256 of ``text`` (UTF-8), for documents with status ``ok``.

    Other rows (empty, unreadable, duplicate, not Spanish, error) may share their text or
    have none, so theirs is taken over ``"\\0" + source + "\\0" + ordinal`` (the input
    position) instead: every documents row keeps a unique, reproducible key.
    """
    key = text if ordinal is None else f"\0{source}\0{ordinal}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def normalize_text(text: str) -> str:
    """Unicode NFC and ``\\n`` line ends; everything else (paragraph breaks too) kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1/Windows-1252 ("SecretarÃ­a" → "Secretaría"), only when
    the text plainly has mojibake (ftfy's detector); other text is returned unchanged."""
    return ftfy.fix_encoding(text) if has_mojibake(text) else text


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
#: Every sequence ftfy's detector (``ftfy.badness.BADNESS_RE``, ftfy 6.3) matches has a
#: first non-ASCII character at most 2 characters after the match starts (``[a-z]\s?Ã ``),
#: and ends at most 7 characters from it (``ГўВЂВ.[A-Za-z ]``): from 2 before a run of
#: non-ASCII characters to 6 after it holds every match whose first non-ASCII character is in it.
_BEFORE, _AFTER = 2, 6


def has_mojibake(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searching only around the non-ASCII characters.

    The detector is one large regular expression tried at every position (a quarter of a
    millisecond for a communiqué); most positions are plain ASCII, where it cannot match.
    Searching with ``pos``/``endpos`` keeps ``^`` meaning the start of the text.
    """
    search = ftfy.badness.BADNESS_RE.search
    lo = hi = -1
    for run in _NON_ASCII.finditer(text):
        start, end = max(run.start() - _BEFORE, 0), run.end() + _AFTER
        if start > hi:
            if hi >= 0 and search(text, lo, hi):
                return True
            lo = start
        hi = end
    return hi >= 0 and search(text, lo, hi) is not None


def decode_bytes(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Raises ``UnicodeDecodeError`` for content that is plainly binary (NUL bytes).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise UnicodeDecodeError("binary", data, data.index(b"\x00"), data.index(b"\x00") + 1,
                                 "NUL byte: this looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1")


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def split_header(text: str) -> tuple[str, str | None]:
    """Remove the leading `` date ... `` header line; return (text, header value or None)."""
    match = HEADER_RE.match(text)
    if not match:
        return text, None
    return text[match.end():], match.group(1)


def read_sidecar(path: Path) -> dict[str, dict] | None:
    """The rows of a sidecar ``manifest.jsonl`` by ``file`` name, or None if ``path`` is not one.

    A sidecar describes the text files beside it, one JSON object per line with ``file``
    and any of ``url``, ``title``, ``date`` (as scrapers often save them); it has no
    ``text``. Broken lines are logged and skipped.
    """
    if path.name != SIDECAR:
        return None
    rows: dict[str, dict] = {}
    try:
        lines = _lines(decode_bytes(path.read_bytes()))
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        row, problem = _json_line(line)
        if problem is not None:
            log.warning("%s, line %d: not valid JSON (%s); its metadata is ignored", path, number, problem)
            continue
        if not isinstance(row, dict) or "text" in row or "file" not in row:
            return None  # a document file after all
        rows[str(row["file"])] = row
    return rows or None


def iter_documents(inputs: Iterable[Path | str], skip: Path | None = None,
                   models_dir: Path | str | None = None) -> Iterator[RawDocument]:
    """Every document of the inputs, with status, publication date and language set.

    The second and later copies of the same text get status ``duplicate`` naming the first.
    Files under ``skip`` (the output folder) are not inputs. A sidecar ``manifest.jsonl``
    (:func:`read_sidecar`) gives the files of its folder their URL, title and date.
    Language identification reads its stopwords from ``models_dir`` (default ``models/``).
    """
    seen: dict[str, str] = {}
    ordinal = 0
    sidecars: dict[Path, dict[str, dict]] = {}
    for file, root in iter_input_files(inputs, skip):
        if file.parent not in sidecars:
            sidecars[file.parent] = read_sidecar(file.parent / SIDECAR) or {}
        if file.name == SIDECAR and sidecars[file.parent]:
            log.info("%s: metadata for %d files", file, len(sidecars[file.parent]))
            continue
        source = str(file.relative_to(root)) if file != root else file.name
        for doc in _read_file(file, source):
            _apply_sidecar(doc, sidecars[file.parent].get(file.name), str(file))
            _finish(doc, seen, ordinal, str(models_dir) if models_dir else None)
            ordinal += 1
            yield doc


def _apply_sidecar(doc: RawDocument, row: dict | None, where: str) -> None:
    if not row:
        return
    doc.url = doc.url or (row.get("url") if isinstance(row.get("url"), str) else None)
    doc.title = doc.title or (row.get("title") if isinstance(row.get("title"), str) else None)
    if doc.published is None and row.get("date"):
        doc.published = pubdate.parse_metadata(row.get("date"), f"{SIDECAR} for {where}")
        doc.published_from = "metadata" if doc.published else "none"


def _finish(doc: RawDocument, seen: dict[str, str], ordinal: int, models_dir: str | None) -> None:
    doc.text = normalize_text(repair_mojibake(doc.text))
    header = None
    if doc.status == "ok":
        doc.text, header = split_header(doc.text)
        header_date = pubdate.parse_header(header, doc.source) if header is not None else None
        if header_date:  # the header comes first, before any metadata
            doc.published, doc.published_from = header_date, "header"
    if doc.status == "ok" and not doc.text.strip():
        doc.status, doc.error = "empty", f"{doc.source}: no text (empty or whitespace only)"
    if doc.status == "ok" and len(doc.text) > MAX_CHARS:
        doc.status, doc.error = "error", (f"{doc.source}: {len(doc.text):,} characters, more than the {MAX_CHARS:,} "
                                          "a document may have (a press text has some thousands); split it into "
                                          "its documents")
    if doc.status == "ok" and doc.published is None:
        doc.published, doc.published_from = pubdate.find_publication_date(doc.text, doc.url, header)
    if doc.status == "ok":
        doc.language = detect_language(doc.text, models_dir)
        if doc.language not in (None, "es"):
            doc.status = "not_spanish"
            doc.error = f"{doc.source}: text looks like '{doc.language}', not Spanish"
    doc.doc_id = doc_id_for(doc.text)
    if doc.status == "ok" and doc.doc_id in seen:
        doc.status, doc.error = "duplicate", f"same text as {seen[doc.doc_id]}"
    elif doc.status == "ok":
        seen[doc.doc_id] = doc.source
    if doc.status != "ok":
        doc.doc_id = doc_id_for(doc.text, doc.source, ordinal)


def _lines(text: str) -> list[str]:
    """Lines split on ``\\n`` only: JSON strings may hold U+2028 and other separators
    that ``str.splitlines`` would cut at."""
    return [line.rstrip("\r") for line in text.split("\n")]


def _read_file(file: Path, source: str) -> Iterator[RawDocument]:
    suffix = file.suffix.lower()
    if not file.exists():
        yield _failed(source, "unreadable", f"{source}: not found; give an existing file or folder")
        return
    try:
        if suffix in TEXT_SUFFIXES:
            yield RawDocument(source=source, text=decode_bytes(file.read_bytes()))
        elif suffix in HTML_SUFFIXES:
            page = htmltext.extract(decode_bytes(file.read_bytes()))
            yield RawDocument(source=source, text=page.text, title=page.title,
                              published=page.published,
                              published_from="metadata" if page.published else "none")
        elif suffix == ".jsonl":
            yield from _read_jsonl(file, source)
        elif suffix in (".csv", ".parquet"):
            yield from _read_frame(file, source)
        else:
            yield _failed(source, "error", f"{source}: unsupported file type '{suffix}'; "
                          f"use one of {sorted(SUFFIXES)}")
    except UnicodeDecodeError as e:
        yield _failed(source, "unreadable", f"{source}: cannot decode as text ({e.reason})")
    except ValueError as e:  # markup the HTML parser cannot read
        yield _failed(source, "unreadable", f"{source}: cannot parse ({e}); check the file")
    except OSError as e:
        yield _failed(source, "unreadable", f"{source}: cannot read file ({e.strerror or e})")


def _failed(source: str, status: str, error: str) -> RawDocument:
    log.warning(error)
    return RawDocument(source=source, text="", status=status, error=error)


def _record(source: str, row: dict, where: str) -> RawDocument:
    """A documents record from a structured row (JSONL line, CSV/Parquet row)."""
    text = row.get("text")
    if not isinstance(text, str):
        return _failed(source, "error", f"{where}: 'text' is missing or not a string")
    title = row.get("title") if isinstance(row.get("title"), str) else None
    url = row.get("url") if isinstance(row.get("url"), str) else None
    broken = next((k for k, v in (("text", text), ("id", source)) if not _encodable(v)), None)
    if broken is not None:  # ("\ud800" in JSON: a lone surrogate, no character of any text)
        return _failed(f"{where}", "unreadable", f"{where}: '{broken}' holds an unpaired surrogate code "
                       "point, which is no Unicode character; fix the line (its writer split a character)")
    title, url = (_valid_or_none(value, name, where) for name, value in (("title", title), ("url", url)))
    published = pubdate.parse_metadata(row.get("date"), where)
    return RawDocument(source=url or source, text=text, title=title, url=url,
                       published=published, published_from="metadata" if published else "none")


def _valid_or_none(value: str | None, name: str, where: str) -> str | None:
    """``value``, or None (with a warning) when it holds a lone surrogate."""
    if value is not None and not _encodable(value):
        log.warning("%s: '%s' holds an unpaired surrogate code point; left out", where, name)
        return None
    return value


def _encodable(value: str) -> bool:
    """Whether a string is valid Unicode (no lone surrogate), so UTF-8 can write it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_line(line: str) -> tuple[Any, str | None]:
    """The value of one JSON line, or None and why it cannot be read (a syntax error, nesting
    too deep for Python's parser, an integer past its digit limit)."""
    try:
        return json.loads(line), None
    except json.JSONDecodeError as e:
        return None, f"column {e.colno}: {e.msg}"
    except (ValueError, RecursionError) as e:
        return None, f"{type(e).__name__}: {str(e)[:80] or 'nested too deep'}"


def _read_jsonl(file: Path, source: str) -> Iterator[RawDocument]:
    lines = _lines(decode_bytes(file.read_bytes()))
    if not any(line.strip() for line in lines):
        yield _failed(source, "empty", f"{source}: no lines")
        return
    first = True
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        row, problem = _json_line(line)
        if problem is not None:
            yield _failed(where, "error", f"{where}: line {number} is not valid JSON ({problem}); "
                          "fix or remove the line")
            continue
        if not isinstance(row, dict):
            yield _failed(where, "error", f"{where}: line {number} is not a JSON object")
            continue
        if first and "text" not in row and not any('"text"' in later for later in lines[number:]):
            yield _failed(source, "error", f"{source}: no 'text' field (line {number} has "
                          f"{', '.join(map(str, row)) or 'no keys'}); not a document file?")
            return
        first = False
        yield _record(f"{source}#{row.get('id', number)}", row, where)


def _read_frame(file: Path, source: str) -> Iterator[RawDocument]:
    import pandas as pd

    try:
        if file.suffix.lower() == ".csv":  # decoded like .txt files (UTF-8, UTF-16, cp1252)
            frame = pd.read_csv(io.StringIO(decode_bytes(file.read_bytes())), dtype=str,
                                keep_default_na=False)
        else:
            frame = pd.read_parquet(file)
    except (ValueError, OSError) as e:
        yield _failed(source, "unreadable", f"{source}: cannot read table ({e})")
        return
    if file.suffix.lower() == ".csv" and not isinstance(frame.index, pd.RangeIndex):  # pandas took the
        # first field for the row's index: the row has one more field than the header
        yield _failed(source, "unreadable", f"{source}: row 1 has more fields than the header "
                      f"({', '.join(map(str, frame.columns))}); quote the fields that hold commas")
        return
    if "text" not in frame.columns:
        yield _failed(source, "error", f"{source}: no 'text' column (columns: "
                      f"{', '.join(map(str, frame.columns))}); rename the text column to 'text'")
        return
    if frame.empty:
        yield _failed(source, "empty", f"{source}: no rows")
    for number, row in enumerate(frame.to_dict("records"), start=1):
        row = {k: (None if _missing(v) else v) for k, v in row.items()}
        yield _record(f"{source}#{row.get('id') or number}", row, f"{source}, row {number}")


def _missing(value: object) -> bool:
    """NaN, NaT, pd.NA or None (scalars only)."""
    try:
        return value is None or bool(value != value) or str(value) in ("NaT", "<NA>")
    except (TypeError, ValueError):
        return False
