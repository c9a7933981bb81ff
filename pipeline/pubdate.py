"""The publication date of a document, and where it was found.

Order (recorded in ``documents.published_from``): the `` date YYYY-MM-DD`` header
(``header``), a ``date`` field of structured input (``metadata``), a dateline such as
"Ciudad de México, 15 de enero de 2026." (``dateline``), a date in the URL (``url``);
else None (``none``). A month-only header (`` date 2021-11``) is not a full date; an
impossible one (``2026-13-45``) is rejected with a warning. Never today's date.

Public entry points: :func:`parse_header`, :func:`parse_metadata`,
:func:`find_publication_date`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import lru_cache

from .lang import language_data

log = logging.getLogger(__name__)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/-](\d{1,2})[/-](\d{1,2})(?!\d)")
#: How far into the text a dateline may start.
DATELINE_WINDOW = 300


@lru_cache(maxsize=1)
def _dateline_re() -> re.Pattern[str]:
    months = "|".join(sorted(language_data()["months"], key=len, reverse=True))
    weekdays = "|".join(language_data()["weekdays"])
    return re.compile(
        rf"(?:(?:{weekdays})\s+)?(\d{{1,2}})(?:º|°)?\s+(?:de\s+)?({months})\.?\s+(?:de\s+|del\s+)?(\d{{4}})",
        re.IGNORECASE,
    )


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_header(value: str, source: str = "") -> dt.date | None:
    """The date of a `` date ...`` header; None (with a warning) unless a full, valid date."""
    match = _ISO.match(value)
    if not match:
        log.info("%s: header date '%s' is not a full date (YYYY-MM-DD); ignored", source, value)
        return None
    date = _safe_date(*map(int, match.groups()))
    if date is None:
        log.warning("%s: header date '%s' is impossible; publication date left empty", source, value)
    return date


def parse_metadata(value: object, where: str = "") -> dt.date | None:
    """A ``date`` field of structured input: a date, a datetime or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    match = _ISO.match(str(value).strip())
    date = _safe_date(*map(int, match.groups())) if match else None
    if date is None:
        log.warning("%s: date '%s' is not a valid YYYY-MM-DD date; ignored", where, value)
    return date


def find_dateline(text: str) -> dt.date | None:
    """A full date in the opening dateline ("Ciudad de México, 15 de enero de 2026.")."""
    head = text.lstrip()[:DATELINE_WINDOW]
    first_line = head.split("\n", 1)[0]
    match = _dateline_re().search(first_line)
    if not match or match.start() > 120:
        return None
    # A dateline is a place, a comma or dash, then the date: not a date inside a sentence.
    before = first_line[: match.start()]
    if before.strip() and not re.search(r"[,.\-–—(]\s*$", before):
        return None
    day, month, year = match.groups()
    return _safe_date(int(year), language_data()["months"][month.lower()], int(day))


def find_url_date(url: str | None) -> dt.date | None:
    """A ``/YYYY/MM/DD/`` (or ``YYYY-MM-DD``) date inside a URL."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    return _safe_date(*map(int, match.groups())) if match else None


def find_publication_date(text: str, url: str | None = None) -> tuple[dt.date | None, str]:
    """``(date, published_from)`` from the dateline, then the URL; ``(None, 'none')`` else."""
    date = find_dateline(text)
    if date:
        return date, "dateline"
    date = find_url_date(url)
    if date:
        return date, "url"
    return None, "none"
