"""The publication date of a document, and where it was found.

Order (recorded in ``documents.published_from``): the `` date YYYY-MM-DD`` header
(``header``), a ``date`` field of structured input (``metadata``), a dateline such as
"Ciudad de México, 15 de enero de 2026." (``dateline``), a date in the URL (``url``), the
first full date of the text when it is plainly the report's date (``text``: a line that is
only a date near the top, or "este jueves 15 de enero de 2026"); else None (``none``).
A month-only header (`` date 2021-11``) is not a full date, and an impossible one
(``2026-13-45``) is rejected with a warning; a month-only header still supplies the year
of a dateline that has none ("noviembre 24") and confirms a "este 18 de octubre". Never
today's date.

Dates are recognised with the patterns of the dates stage (:mod:`pipeline.dates_patterns`).

Public entry points: :func:`parse_header`, :func:`parse_metadata`, :func:`find_dateline`,
:func:`dateline_span`,
:func:`find_text_date`, :func:`find_url_date`, :func:`find_publication_date`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import lru_cache

from .dates_patterns import Candidate, default_recognizer
from .textlists import line_bounds

log = logging.getLogger(__name__)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/-](\d{1,2})[/-](\d{1,2})(?!\d)")
#: How far into the text (characters, lines) a dateline may be.
DATELINE_WINDOW = 400
DATELINE_LINES = 4
#: How far from its line start a dateline's date may be, and what may come just before it.
DATELINE_OFFSET = 120
_PLACE_LINKS = frozenset({"de", "del", "la", "las", "los", "el", "y", "a", "en"})
_DATELINE_BEFORE = re.compile(r"[,.\-–—(]\s*(?:a\s+)?$", re.IGNORECASE)
#: A "date line" (text fallback) is within this many characters and has at most this many
#: other words ("13 Septiembre 2025, 09:14", "· jueves 9 de agosto de 2018").
TEXT_WINDOW = 700
DATE_LINE_MAX_WORDS = 3
#: "este jueves 15 de enero de 2026" (deictic full date) may be this far into the text.
DEICTIC_WINDOW = 1200
_DEICTIC = frozenset({"este", "esta", "hoy"})
#: "en este 2024", "este 2021": the year the report is written in.
_THIS_YEAR = re.compile(r"\beste\s+((?:19|20)\d\d)\b", re.IGNORECASE)


#: The years a publication date may have: outside them it is a typing slip or a placeholder
#: ("9999-12-31", "0001-01-01"), and counting days from it ("mañana") overflows the calendar.
YEARS = range(1800, 2201)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day) if year in YEARS else None
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
        log.warning("%s: header date '%s' is impossible or outside the years %d-%d; publication date left empty",
                    source, value, YEARS.start, YEARS.stop - 1)
    return date


def header_month(value: str | None) -> tuple[int, int] | None:
    """``(year, month)`` of a month-only header such as ``2021-11``; None otherwise."""
    match = _ISO_MONTH.match((value or "").strip())
    if not match:
        return None
    year, month = map(int, match.groups())
    return (year, month) if 1 <= month <= 12 else None


def parse_metadata(value: object, where: str = "") -> dt.date | None:
    """A ``date`` field of structured input: a date, a datetime or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif hasattr(value, "to_pydatetime"):  # pandas Timestamp
        date = value.to_pydatetime().date()
    else:
        match = _ISO.match(str(value).strip())
        date = _safe_date(*map(int, match.groups())) if match else None
    if date is None or date.year not in YEARS:
        log.warning("%s: date '%s' is not a valid YYYY-MM-DD date of the years %d-%d; ignored",
                    where, value, YEARS.start, YEARS.stop - 1)
        return None
    return date


def date_parts(cand: Candidate) -> tuple[int | None, int | None, int | None]:
    """Day, month and year of a recognised date (None where absent)."""
    lex = default_recognizer().lexicon
    g = cand.groups
    day = int(re.match(r"\d+", g["d"]).group()) if re.match(r"\d+", g.get("d", "")) else \
        lex.numbers.get(g.get("d", "").lower())
    word = g.get("m", "").lower().rstrip(".")
    month = int(word) if word.isdigit() else lex.months.get(word)
    year = int(g["y"]) if g.get("y") else None
    return day, month, year


def _dates(text: str) -> list[Candidate]:
    """Recognised calendar dates, including the day of a date joined to a time ("... 14:29")."""
    out = []
    for cand in default_recognizer().find(text):
        if cand.rule == "date":
            out.append(cand)
        elif cand.day is not None and cand.day.rule == "date":
            out.append(Candidate(cand.start, cand.end, cand.name, "DATE", "date",
                                 cand.day.groups, cand.day.spans))
    return out


def find_dateline(text: str, header: str | None = None) -> dt.date | None:
    """A date in the opening dateline ("Ciudad de México, 15 de enero de 2026.").

    A dateline without a year ("Ciudad de México, noviembre 24") takes the year of a
    month-only header of that month, or of "este 2024" in the text; else it is not used.
    """
    found = _dateline(text)
    if found is None:
        return None
    cand, _ = found
    day, month, year = date_parts(cand)
    if year is None:
        year = _year_hint(text, month, header)
    return _safe_date(year, month, day) if year else None


@lru_cache(maxsize=16)
def dateline_span(text: str) -> tuple[int, int] | None:
    """Character offsets in ``text`` of the opening dateline's date, if there is one (the
    events stage dates the events the report tells of without a date of their own by it).

    Remembered for the last few texts: the dates, undated and events stages ask it of the
    same document, and each answer would run the date recognizer again."""
    found = _dateline(text)
    if found is None:
        return None
    cand, offset = found
    return offset + cand.start, offset + cand.end


def _dateline(text: str) -> tuple[Candidate, int] | None:
    """The dateline's date (with day and month) and the offset of its line in ``text``."""
    pos = len(text) - len(text.lstrip())
    offset = pos
    for raw in text[pos:pos + DATELINE_WINDOW].split("\n"):
        line_offset, offset = offset, offset + len(raw) + 1
        if not raw.strip():
            continue
        if line_offset - pos > DATELINE_WINDOW or _line_index(text, pos, line_offset) >= DATELINE_LINES:
            break
        if not may_hold_dateline(raw):
            continue  # (the recognizer is run only on the lines that may hold one)
        for cand in _dates(raw):
            before = raw[:cand.start]
            if cand.start > DATELINE_OFFSET or not _place(before) or not _DATELINE_BEFORE.search(before):
                continue
            day, month, _ = date_parts(cand)
            if day is None or month is None:
                continue
            return cand, line_offset
    return None


def _line_index(text: str, pos: int, line_offset: int) -> int:
    """How many non-blank lines come before the line at ``line_offset``."""
    return sum(1 for line in text[pos:line_offset].split("\n") if line.strip())


#: The marks one of which comes right before a dateline's date (:data:`_DATELINE_BEFORE`).
_DATELINE_MARKS = re.compile(r"[,.\-–—(]")


def may_hold_dateline(line: str) -> bool:
    """Whether a date in ``line`` may pass the dateline tests of :func:`_dateline`: one of
    :data:`_DATELINE_MARKS` comes before it, within :data:`DATELINE_OFFSET` characters, and the
    words before the first mark are place-like (capitalised, :func:`_place`). A necessary
    condition only, and a cheap one: the date recognizer need not run on the other lines."""
    mark = _DATELINE_MARKS.search(line, 0, DATELINE_OFFSET)
    return mark is not None and _capitalised(line[:mark.start()])


def _capitalised(before: str) -> bool:
    """The words of ``before`` but the links of a place name (:data:`_PLACE_LINKS`) are capitalised."""
    return all(w[0].isupper() for w in _place_words(before))


def _place(before: str) -> bool:
    """What precedes a dateline's date looks like a place: capitalised words ("Ciudad de México, a")."""
    words = _place_words(before)
    return bool(words) and all(w[0].isupper() for w in words)


def _place_words(before: str) -> list[str]:
    """The words of ``before`` but the links of a place name (:data:`_PLACE_LINKS`)."""
    return [w for w in re.findall(r"[^\W\d_]+", before) if w.lower() not in _PLACE_LINKS]


def _year_hint(text: str, month: int, header: str | None) -> int | None:
    hinted = header_month(header)
    if hinted and hinted[1] == month:
        return hinted[0]
    years = {int(y) for y in _THIS_YEAR.findall(text)}
    return years.pop() if len(years) == 1 else None


def find_text_date(text: str, header: str | None = None) -> dt.date | None:
    """The first full date of the text when it is plainly the report's date.

    That is a line near the top that is only a date (with a time, a weekday, a bullet), or a
    full date introduced by "este"/"hoy" ("Este miércoles 18 de junio de 2025"); with a
    month-only header, also "este 18 de octubre" in that month.
    """
    hinted = header_month(header)
    for cand in _dates(text[:DEICTIC_WINDOW]):
        day, month, year = date_parts(cand)
        if day is None or month is None:
            continue
        deictic = (cand.groups.get("pre") or "").lower() in _DEICTIC
        if year is None:
            if deictic and hinted and hinted[1] == month:
                return _safe_date(hinted[0], month, day)
            continue
        if deictic or (cand.start < TEXT_WINDOW and _date_line(text, cand)):
            date = _safe_date(year, month, day)
            if date and (not hinted or (date.year, date.month) == hinted):
                return date
    return None


def _date_line(text: str, cand: Candidate) -> bool:
    start, end = line_bounds(text, cand.start, cand.end)
    rest = text[start:cand.start] + " " + text[cand.end:end]
    return sum(1 for w in rest.split() if any(c.isalpha() for c in w)) <= DATE_LINE_MAX_WORDS


def find_url_date(url: str | None) -> dt.date | None:
    """A ``/YYYY/MM/DD/`` (or ``YYYY-MM-DD``) date inside a URL."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    return _safe_date(*map(int, match.groups())) if match else None


def find_publication_date(text: str, url: str | None = None,
                          header: str | None = None) -> tuple[dt.date | None, str]:
    """``(date, published_from)`` from the dateline, the URL, then the text; ``(None, 'none')``.

    ``header`` is the value of a `` date `` header that was not a full date (``2021-11``):
    it lends its year to a dateline without one and must agree with a date found in the text.
    """
    date = find_dateline(text, header)
    if date:
        return date, "dateline"
    date = find_url_date(url)
    if date:
        return date, "url"
    date = find_text_date(text, header)
    if date:
        return date, "text"
    return None, "none"
