"""Normalisation of recognised temporal expressions to TIMEX3-style values: pure functions.

Everything here is a function of its arguments (no spaCy, no clock): the publication date,
the direction the clause gives ("past"/"future"/None) and the dates of the document the
expression leans on arrive in a :class:`Context` built by :mod:`pipeline.dates`.

Calendar arithmetic lives in :mod:`pipeline.dates_calendar`.

Public entry points: :func:`normalise`, :func:`other_event_date`, :func:`clock`,
:class:`Context`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from .dates_calendar import (NONE, ORDER, UNIT_GRANULARITY, Resolved, add_offset, coarsen, day_value,
                             day_with_weekday, duration_value, infer_month_year, infer_year, month_value,
                             period_value, resolve_weekday, safe_date, unresolved, week_value, year_value)
from .dates_patterns import Candidate, Lexicon

#: Days from publication of each deictic word ("esta" as in "esta mañana", "para la" as in
#: "para la noche", "del día" as in "a lo largo del día").
_DELTA_WORDS = {"hoy": 0, "ayer": -1, "anoche": -1, "antenoche": -2, "anteayer": -2, "antier": -2,
                "mañana": 1, "pasado mañana": 2, "esta": 0, "para la": 0, "del día": 0, "del dia": 0}

#: Compiled once (``re.match(r"\d+", ...)`` looks the pattern up in re's cache at every call).
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_WORDS = re.compile(r"\w+")
_THIS = re.compile(r"\best[ea]\b|\bactual\b|\ben\s+curso\b")  # "este año", "el mes en curso"


@dataclass(frozen=True)
class Context:
    """What the document says around an expression."""

    published: dt.date | None = None
    direction: str | None = None  # tense of the clause: past | future | None
    cue: str | None = None  # explicit cue word: past | future | None
    year_ref: int | None = None  # the year "del año" means when nothing else tells
    day_ref: dt.date | None = None  # the day a bare time of day falls on
    anchor: Resolved | None = None  # for offsets: the date they count from
    anchor_is_event: bool = False  # the anchor is the expression's own event (not X)
    #: when given, compute ``cue`` / ``direction`` on first use instead of the fields (the
    #: dates stage reads the parse only for expressions whose value depends on it)
    find_cue: Callable[[], str | None] | None = None
    find_direction: Callable[[], str | None] | None = None


def _lazy(ctx: Context, name: str, find: Callable[[], str | None] | None) -> str | None:
    """A context's ``cue`` or ``direction``: the field, or what ``find`` gives (computed once)."""
    if find is None:
        return getattr(ctx, name)
    key = "_found_" + name
    if key not in ctx.__dict__:
        object.__setattr__(ctx, key, find())
    return ctx.__dict__[key]


def _cue(ctx: Context) -> str | None:
    return _lazy(ctx, "cue", ctx.find_cue)


def _tense(ctx: Context) -> str | None:
    return _lazy(ctx, "direction", ctx.find_direction)


# -- reading the groups -----------------------------------------------------------------

@lru_cache(maxsize=4096)  # the same few words ("marzo", "el pasado") come again and again
def _word(text: str | None) -> str:
    """A group's text lower-cased, stripped of spaces and a final dot, inner spaces made one."""
    return _SPACES.sub(" ", (text or "").lower().strip().rstrip("."))


def parse_number(text: str | None, lex: Lexicon) -> int | None:
    word = _word(text)
    if word.isdigit():
        return int(word)
    return lex.numbers.get(word)


def parse_day(text: str | None, lex: Lexicon) -> int | None:
    digits = _DIGITS.match(_word(text))
    return int(digits.group()) if digits else lex.numbers.get(_word(text))


def parse_month(text: str | None, lex: Lexicon) -> int | None:
    word = _word(text)
    return int(word) if word.isdigit() else lex.months.get(word)


def _year(text: str | None) -> int | None:
    digits = _FOUR_DIGITS.search(text or "")
    return int(digits.group()) if digits else None


def _step(words: str, lex: Lexicon) -> int | None:
    """+1 for next, -1 for last, 0 for this, None for a bare article."""
    found = {lex.cues_inside.get(w) for w in _WORDS.findall(words)}
    if "que viene" in words:
        found.add("future")
    if "future" in found:
        return 1
    if "past" in found:
        return -1
    return 0 if _THIS.search(words) else None


# -- the rules --------------------------------------------------------------------------

def normalise(cand: Candidate, ctx: Context, lex: Lexicon) -> Resolved | None:
    """The value of ``cand``; None when it is not a temporal expression after all."""
    handler = _HANDLERS.get(cand.rule)
    return handler(cand.groups, ctx, lex) if handler else None


def _direction(ctx: Context) -> tuple[str | None, bool]:
    cue = _cue(ctx)
    return (cue, True) if cue else (_tense(ctx), False)


def _date(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    day, month = parse_day(g.get("d"), lex), parse_month(g.get("m"), lex)
    if day is None or month is None:
        return None
    year = _year(g.get("y"))
    if year is not None:
        date = safe_date(year, month, day)
        return day_value(date, "absolute") if date else None
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if ctx.published is None:
        return unresolved(granularity="day")
    if g.get("ya"):  # "de este año", "del presente año"
        date = safe_date(ctx.published.year, month, day)
        return day_value(date, "publication") if date else None
    direction, strict = _direction(ctx)
    weekday = lex.weekdays.get(_word(g.get("wd"))) if g.get("wd") else None
    date = infer_year(ctx.published, month, day, direction, strict, weekday)
    return day_value(date, "publication") if date else None


def _range(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    end = _date({"d": g.get("d2"), "m": g.get("m"), "y": g.get("y")}, ctx, lex)
    if end is None or end.date_end is None:
        return end
    first = {"d": g.get("d"), "m": g.get("m1") or g.get("m"), "y": g.get("y1") or str(end.date_end.year)}
    start = _date(first, ctx, lex)
    if start is None or start.date_start is None:
        return None
    begin = start.date_start
    if begin > end.date_end:
        begin = safe_date(begin.year - 1, begin.month, begin.day) or begin
    return Resolved("DATE", begin.isoformat(), begin, end.date_end, "day", end.anchor)


def _month(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    month = parse_month(g.get("m"), lex)
    if month is None or not 1 <= month <= 12:
        return None
    year = _year(g.get("y"))
    if year is not None:
        return month_value(year, month, "absolute")
    if ctx.published is None:
        return unresolved(granularity="month")
    direction, strict = _direction(ctx)
    return month_value(infer_month_year(ctx.published, month, direction, strict), month, "publication")


def _reference_year(g: dict[str, str], ctx: Context, lex: Lexicon, key: str = "y",
                    ref: str = "ya", post: str = "post") -> tuple[int | None, str]:
    year = _year(g.get(key))
    if year is not None:
        return year, "absolute"
    step = _step(_word(g.get(post)), lex) or 0
    if ctx.published is not None:
        return ctx.published.year + step, "publication"
    if g.get(ref) and ctx.year_ref is not None and step == 0:
        return ctx.year_ref, "event"
    return None, NONE


def _year_rule(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    year, anchor = _reference_year(g, ctx, lex)
    if year is None:
        return unresolved(granularity="year")
    first = year_value(year, anchor)
    last = _year(g.get("ylast"))  # "en 2025 y 2026": the first year, ending with the last
    if last is not None and last > year:
        first = replace(first, date_end=year_value(last, anchor).date_end)
    return first


def _period(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    kind = lex.periods.get(_word(g.get("per")))
    number = lex.ordinals.get(_word(g.get("ord")))
    if kind is None or number is None:
        return None
    if g.get("y2") or g.get("ya2"):
        year, anchor = _reference_year(g, ctx, lex, "y2", "ya2", "post2")
    else:
        year, anchor = _reference_year(g, ctx, lex)
    if year is None:
        return unresolved(granularity="quarter" if kind == "Q" else "half")
    first = period_value(year, kind, number, anchor)
    last_number = lex.ordinals.get(_word(g.get("ord2")))
    if first is not None and last_number is not None:
        last = period_value(year, kind, last_number, anchor)
        if last is not None:
            first = replace(first, date_end=last.date_end)
    return first


def _relative(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    unit = _word(g.get("u"))
    step = _step(f"{_word(g.get('pre'))} {_word(g.get('post'))}", lex)
    weekend = unit.startswith("fin")
    if step is None:
        if not weekend and not g.get("pp"):
            return None  # "el año", "la semana": not a reference to a calendar period
        step = 0 if g.get("pp") else {"past": -1, "future": 1}.get(_tense(ctx) or "", 0)  # "a fin de mes"
    pub = ctx.published
    if pub is None:
        return unresolved(granularity="week" if weekend or unit == "semana" else
                          "month" if unit == "mes" else "year")
    if weekend:
        saturday = pub + dt.timedelta(days=5 - pub.weekday())
        if step < 0 and saturday >= pub:
            saturday -= dt.timedelta(weeks=1)
        return week_value(saturday + dt.timedelta(weeks=max(step - 1, 0)), "publication", weekend=True)
    if unit == "semana":
        return week_value(pub + dt.timedelta(weeks=step), "publication")
    if unit == "mes":
        moved = add_offset(pub, step, "M")
        return month_value(moved.year, moved.month, "publication")
    return year_value(pub.year + step, "publication")


def _weekday(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    weekday = lex.weekdays.get(_word(g.get("wd")))
    if weekday is None:
        return None
    if ctx.anchor is not None and ctx.anchor.date_start is not None:
        return replace(day_value(ctx.anchor.date_start, "event"), anchor="event")
    if ctx.published is None:
        return unresolved(granularity="day")
    pre = _word(g.get("pre"))
    step = _step(f"{pre} {_word(g.get('post'))}", lex)
    if step == 1 or (step is None and _cue(ctx) == "future"):
        mode = "future"
    elif step == -1 or (step is None and _cue(ctx) == "past"):
        mode = "past"
    elif step == 0:
        mode = {"past": "this_past", "future": "this_future"}.get(_cue(ctx) or _tense(ctx) or "", "this")
    else:
        mode = _tense(ctx) or "future"
    return day_value(resolve_weekday(ctx.published, weekday, mode), "publication")


def _weekday_day(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    """"el miércoles 6", "el pasado 10": the nearest such day, on the side the words or the tense say."""
    weekday, day = lex.weekdays.get(_word(g.get("wd"))), parse_day(g.get("d"), lex)
    if (weekday is None and g.get("wd")) or day is None:
        return None
    if ctx.published is None:
        return unresolved(granularity="day")
    direction = {1: "future", -1: "past"}.get(_step(_word(g.get("pre")), lex) or 0) or _direction(ctx)[0]
    date = day_with_weekday(ctx.published, day, weekday, direction)
    return day_value(date, "publication") if date else None


def _deictic(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    delta = _DELTA_WORDS.get(_word(g.get("dx")))
    if delta is None:
        return None
    if ctx.published is None:
        return unresolved(granularity="day")
    return day_value(ctx.published + dt.timedelta(days=delta), "publication")


def _offset(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    count, unit = parse_number(g.get("n"), lex), lex.units.get(_word(g.get("u")))
    if count is None or unit is None:
        return None
    word = _word(g.get("dir"))
    if unit.startswith("T") or (word == "en" and _tense(ctx) != "future"):
        return Resolved("DURATION", duration_value(count, unit), None, None, None, NONE)
    if ctx.published is None:
        return unresolved(granularity=UNIT_GRANULARITY[unit])
    day = add_offset(ctx.published, -count if word == "hace" else count, unit)
    return coarsen(day_value(day, "publication"), UNIT_GRANULARITY[unit])


def _anchored(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    count = parse_number(g.get("n"), lex) if g.get("n") else 1
    unit = lex.units.get(_word(g.get("u")))
    if count is None or unit is None or unit.startswith("T"):
        return None
    if ctx.anchor is None or ctx.anchor.date_start is None:
        return unresolved(granularity=UNIT_GRANULARITY[unit])
    if ctx.anchor_is_event:
        return replace(ctx.anchor, anchor="event")
    if not g.get("dir"):  # "ese mismo día": the day of the date before
        return replace(coarsen(ctx.anchor, "day"), anchor="event")
    sign = -1 if _word(g.get("dir")) in ("antes", "atrás") else 1
    day = add_offset(ctx.anchor.date_start, sign * count, unit)
    wide = ORDER[max(ORDER.index(UNIT_GRANULARITY[unit]), ORDER.index(ctx.anchor.granularity or "day"))]
    return replace(coarsen(day_value(day, "event"), wide), anchor="event")


def other_event_date(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    """For "N unidades después de que X": the date of X.

    When the expression's own event is dated (``ctx.anchor_is_event``), X is that date minus
    the offset (plus it, for "antes"); when X's date was the anchor, it is that date.
    """
    if ctx.anchor is None or ctx.anchor.date_start is None or not g.get("x"):
        return None
    if not ctx.anchor_is_event:
        return ctx.anchor
    count = parse_number(g.get("n"), lex) if g.get("n") else 1
    unit = lex.units.get(_word(g.get("u")))
    if count is None or unit is None or unit.startswith("T"):
        return None
    sign = 1 if _word(g.get("dir")) in ("antes", "atrás") else -1
    day = add_offset(ctx.anchor.date_start, sign * count, unit)
    wide = ORDER[max(ORDER.index(UNIT_GRANULARITY[unit]), ORDER.index(ctx.anchor.granularity or "day"))]
    return replace(coarsen(day_value(day, "event"), wide), anchor="event")


def clock(g: dict[str, str], lex: Lexicon) -> tuple[int, int] | None:
    """``(hour, minute)`` of a time expression, None when impossible."""
    if g.get("noon"):
        return 12, 0
    hour = int(g["h"]) if g.get("h") else parse_number(g.get("hw"), lex)
    if hour is None:
        return None
    minute = int(g.get("mi") or g.get("mi2") or 0)
    if g.get("half"):
        minute = 30 if _word(g["half"]) == "media" else 15
    marker = _word(g.get("ampm")).replace(" ", "").replace(".", "")
    part = lex.day_parts.get(_word(g.get("dp")))
    if (marker == "pm" or part in ("AF", "NI")) and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    return (hour, minute) if 0 <= hour <= 23 and 0 <= minute <= 59 else None


def _event_day(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    """"el primer día de su visita": a day of an event; dated only when the event's span is known."""
    number = lex.ordinals.get(_word(g.get("ord")))
    if number is None:
        return None
    span = ctx.anchor
    if span is None or span.date_start is None or span.date_end is None:
        return unresolved(granularity="day")
    day = span.date_end if number == -1 else span.date_start + dt.timedelta(days=number - 1)
    return day_value(day, "event") if day <= span.date_end else unresolved(granularity="day")


def _time(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    hm = clock(g, lex)
    if hm is None:
        return None
    if ctx.day_ref is None:
        return unresolved("TIME", granularity="minute")
    value = f"{ctx.day_ref.isoformat()}T{hm[0]:02d}:{hm[1]:02d}"
    return Resolved("TIME", value, ctx.day_ref, ctx.day_ref, "minute", "event")


def _duration(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    count, unit = parse_number(g.get("n"), lex), lex.units.get(_word(g.get("u")))
    if count is None or unit is None:
        return None
    return Resolved("DURATION", duration_value(count, unit), None, None, None, NONE)


def _set(g: dict[str, str], ctx: Context, lex: Lexicon) -> Resolved | None:
    word = _word(g.get("u"))
    if word in lex.weekdays:
        return Resolved("SET", f"XXXX-WXX-{lex.weekdays[word] + 1}", None, None, "day", NONE)
    unit = lex.units.get(word)
    count = parse_number(g.get("n"), lex) if g.get("n") else 1  # "cada dos semanas": P2W
    return Resolved("SET", duration_value(count, unit), None, None, UNIT_GRANULARITY[unit], NONE) \
        if unit and count else None


_HANDLERS = {"date": _date, "range": _range, "month": _month, "year": _year_rule,
             "period": _period, "relative": _relative, "weekday": _weekday, "weekday_day": _weekday_day,
             "deictic": _deictic,
             "offset": _offset, "anchored": _anchored, "event_day": _event_day, "time": _time,
             "duration": _duration, "set": _set}
