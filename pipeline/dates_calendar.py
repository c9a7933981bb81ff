"""Calendar arithmetic for the dates stage: pure functions of dates, no text and no clock.

Values in TIMEX3 style (``2026-01-15``, ``2026-02``, ``2026``, ``2026-W03``, ``2026-W03-WE``,
``2026-Q1``, ``2026-H2``); years inferred for dates named without one; weekdays resolved
around the publication date; offsets with clamped month ends.

Public entry points: :class:`Resolved` and the helpers below (:func:`resolve_weekday`,
:func:`infer_year`, :func:`infer_month_year`, :func:`add_offset`, :func:`day_value` ...).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

#: Granularity of each offset unit, and the order of granularities (finest first).
UNIT_GRANULARITY = {"D": "day", "W": "week", "M": "month", "Y": "year", "TH": "hour", "TM": "minute"}
ORDER = ("minute", "hour", "day", "week", "month", "quarter", "half", "year")
#: Without tense or cue, a date without year is the next occurrence up to this many months ahead.
AHEAD_MONTHS = 8
NONE = "none"


@dataclass(frozen=True)
class Resolved:
    """A normalised expression (``value`` None when it cannot be resolved)."""

    type: str
    value: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    granularity: str | None
    anchor: str  # absolute | publication | event | none


def unresolved(type_: str = "DATE", granularity: str | None = None) -> Resolved:
    return Resolved(type_, None, None, None, granularity, NONE)


def day_value(day: dt.date, anchor: str, type_: str = "DATE") -> Resolved:
    return Resolved(type_, day.isoformat(), day, day, "day", anchor)


def month_value(year: int, month: int, anchor: str) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return Resolved("DATE", f"{year:04d}-{month:02d}", dt.date(year, month, 1),
                    dt.date(year, month, last), "month", anchor)


def year_value(year: int, anchor: str) -> Resolved:
    return Resolved("DATE", f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year", anchor)


def week_value(day: dt.date, anchor: str, weekend: bool = False) -> Resolved:
    iso = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    if weekend:
        return Resolved("DATE", f"{iso[0]:04d}-W{iso[1]:02d}-WE", monday + dt.timedelta(days=5),
                        monday + dt.timedelta(days=6), "week", anchor)
    return Resolved("DATE", f"{iso[0]:04d}-W{iso[1]:02d}", monday, monday + dt.timedelta(days=6),
                    "week", anchor)


def period_value(year: int, kind: str, number: int, anchor: str) -> Resolved | None:
    """Quarter (``Q``) or half-year (``H``) ``number`` of ``year``; -1 means the last."""
    size = {"Q": 3, "H": 6}[kind]
    count = 12 // size
    number = count if number == -1 else number
    if not 1 <= number <= count:
        return None
    first = (number - 1) * size + 1
    last = first + size - 1
    return Resolved("DATE", f"{year:04d}-{kind}{number}", dt.date(year, first, 1),
                    dt.date(year, last, calendar.monthrange(year, last)[1]),
                    "quarter" if kind == "Q" else "half", anchor)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_offset(day: dt.date, count: int, unit: str) -> dt.date:
    """``day`` moved by ``count`` units (D, W, M, Y); month ends are clamped (31 Jan + 1M = 28/29 Feb)."""
    if unit == "D":
        return day + dt.timedelta(days=count)
    if unit == "W":
        return day + dt.timedelta(weeks=count)
    months = count * (12 if unit == "Y" else 1)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def resolve_weekday(published: dt.date, weekday: int, mode: str) -> dt.date:
    """The ``weekday`` (0 = Monday) meant relative to ``published``.

    ``mode``: ``past`` (strictly before), ``future`` (strictly after), ``this`` (same ISO week),
    ``this_past``/``this_future`` (same week unless that contradicts the tense), ``nearest``.
    """
    back = -(((published.weekday() - weekday) % 7) or 7)
    ahead = ((weekday - published.weekday()) % 7) or 7
    if mode == "past":
        delta = back
    elif mode == "future":
        delta = ahead
    elif mode == "nearest":
        delta = 0 if weekday == published.weekday() else (back if -back < ahead else ahead)
    else:
        delta = weekday - published.weekday()
        if mode == "this_future" and delta < 0:
            delta += 7
        elif mode == "this_past" and delta > 0:
            delta -= 7
    return published + dt.timedelta(days=delta)


def day_with_weekday(published: dt.date, day: int, weekday: int | None, direction: str | None = None
                     ) -> dt.date | None:
    """The date nearest ``published`` whose day of the month is ``day`` and whose weekday is
    ``weekday`` (0 = Monday: "el miércoles 6"; None: any, "el pasado 10"), within two months
    either side; ``direction`` ``past`` or ``future`` keeps it on that side (the publication
    day counts for both)."""
    found = []
    for shift in range(-2, 3):
        month = published.month - 1 + shift
        date = safe_date(published.year + month // 12, month % 12 + 1, day)
        if date is not None and weekday in (None, date.weekday()) and (direction != "past" or date <= published) \
                and (direction != "future" or date >= published):
            found.append(date)
    return min(found, key=lambda d: abs((d - published).days)) if found else None


def infer_year(published: dt.date, month: int, day: int, direction: str | None = None,
               strict: bool = False, weekday: int | None = None) -> dt.date | None:
    """The day-month without a year that fits: past/future by tense, else the next occurrence.

    ``strict`` (an explicit "pasado"/"próximo") forbids the other side of publication; a tense
    allows a week of slack. Without either, the next occurrence when it is within
    :data:`AHEAD_MONTHS` months (reports name coming dates more than past ones), else the last
    one. A ``weekday`` ("jueves 29 de enero") picks the year it matches.
    """
    candidates = [d for k in (-1, 0, 1) if (d := safe_date(published.year + k, month, day))]
    if weekday is not None:
        matching = [d for d in candidates if d.weekday() == weekday]
        if len(matching) == 1:
            return matching[0]
    if not candidates:
        return None
    slack = dt.timedelta(days=0 if strict else 7)
    if direction == "past":
        before = [d for d in candidates if d <= published + slack]
        return before[-1] if before else None
    if direction == "future":
        after = [d for d in candidates if d >= published - slack]
        return after[0] if after else None
    ahead = [d for d in candidates if d >= published]
    behind = [d for d in candidates if d < published]
    if ahead and (not behind or (ahead[0] - published).days <= AHEAD_MONTHS * 30.5):
        return ahead[0]
    return behind[-1]


def infer_month_year(published: dt.date, month: int, direction: str | None = None,
                     strict: bool = False) -> int:
    """The year of a month named without one (same logic as :func:`infer_year`, by month)."""
    now = published.year * 12 + published.month - 1
    candidates = [(published.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    if direction == "past":
        pick = max(c for c in candidates if (c < now if strict else c <= now))
    elif direction == "future":
        pick = min(c for c in candidates if (c > now if strict else c >= now))
    else:
        ahead = [c for c in candidates if c >= now]
        pick = ahead[0] if ahead[0] - now <= AHEAD_MONTHS else max(c for c in candidates if c < now)
    return pick // 12


def coarsen(resolved: Resolved, granularity: str) -> Resolved:
    """``resolved`` widened to ``granularity`` when that is coarser (day -> month -> year)."""
    if resolved.date_start is None or ORDER.index(granularity) <= ORDER.index(resolved.granularity or "day"):
        return resolved
    day = resolved.date_start
    if granularity == "year":
        wide = year_value(day.year, resolved.anchor)
    elif granularity == "month":
        wide = month_value(day.year, day.month, resolved.anchor)
    elif granularity == "week":
        wide = week_value(day, resolved.anchor)
    else:
        return resolved
    return replace(wide, type=resolved.type)


def duration_value(count: int, unit: str) -> str:
    return f"PT{count}{unit[1]}" if unit.startswith("T") else f"P{count}{unit}"
