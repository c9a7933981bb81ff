"""Pure calendar helpers of the dates stage: weekdays, years, offsets, weeks, periods."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.dates_calendar import (add_offset, day_with_weekday, infer_month_year, infer_year,
                                     period_value, resolve_weekday, week_value)

D = dt.date
THU = D(2026, 1, 15)  # a Thursday


@pytest.mark.parametrize(("published", "weekday", "mode", "expected"), [
    pytest.param(THU, 6, "past", D(2026, 1, 11), id="past Sunday"),
    pytest.param(THU, 3, "past", D(2026, 1, 8), id="past Thursday on a Thursday: a week ago"),
    pytest.param(THU, 0, "future", D(2026, 1, 19), id="next Monday"),
    pytest.param(THU, 3, "future", D(2026, 1, 22), id="next Thursday on a Thursday: in a week"),
    pytest.param(THU, 1, "this", D(2026, 1, 13), id="this Tuesday: same ISO week, before"),
    pytest.param(THU, 5, "this", D(2026, 1, 17), id="this Saturday: same ISO week, after"),
    pytest.param(THU, 1, "this_future", D(2026, 1, 20), id="this Tuesday in a future clause"),
    pytest.param(THU, 5, "this_past", D(2026, 1, 10), id="this Saturday in a past clause"),
    pytest.param(THU, 5, "nearest", D(2026, 1, 17), id="nearest Saturday is ahead"),
    pytest.param(THU, 0, "nearest", D(2026, 1, 12), id="nearest Monday is behind"),
    pytest.param(D(2025, 12, 31), 4, "future", D(2026, 1, 2), id="across the year boundary"),
])
def test_resolve_weekday(published, weekday, mode, expected) -> None:
    assert resolve_weekday(published, weekday, mode) == expected


@pytest.mark.parametrize(("published", "month", "day", "direction", "strict", "expected"), [
    pytest.param(THU, 1, 23, None, False, D(2026, 1, 23), id="no tense: the coming day this month"),
    pytest.param(D(2025, 12, 20), 1, 5, None, False, D(2026, 1, 5), id="no tense: next January from December"),
    pytest.param(D(2026, 1, 4), 12, 28, None, False, D(2025, 12, 28), id="no tense: a December 11 months ahead is the last one"),
    pytest.param(D(2026, 2, 10), 3, 20, "past", False, D(2025, 3, 20), id="past tense: last March"),
    pytest.param(D(2026, 2, 10), 1, 5, "future", False, D(2027, 1, 5), id="future tense: next January"),
    pytest.param(THU, 1, 15, "past", True, D(2026, 1, 15), id="strict past allows the same day"),
    pytest.param(THU, 1, 20, "past", False, D(2026, 1, 20), id="a week of slack for tense"),
    pytest.param(THU, 1, 20, "past", True, D(2025, 1, 20), id="no slack for an explicit cue"),
    pytest.param(D(2025, 1, 10), 2, 29, "past", True, D(2024, 2, 29), id="leap day: the leap year"),
    pytest.param(D(2025, 6, 1), 2, 29, None, False, D(2024, 2, 29), id="leap day: only candidate"),
    pytest.param(D(2026, 6, 1), 2, 30, None, False, None, id="impossible day"),
    pytest.param(D(2026, 3, 10), 9, 20, None, False, D(2026, 9, 20), id="no tense: six months ahead"),
    pytest.param(D(2026, 1, 5), 10, 20, None, False, D(2025, 10, 20), id="no tense: nine months ahead is too far"),
])
def test_infer_year(published, month, day, direction, strict, expected) -> None:
    assert infer_year(published, month, day, direction, strict) == expected


def test_infer_year_uses_the_weekday() -> None:
    # 29 January is a Thursday in 2026, not in 2025 or 2027
    assert infer_year(D(2026, 7, 30), 1, 29, weekday=3) == D(2026, 1, 29)


@pytest.mark.parametrize(("published", "month", "direction", "strict", "expected"), [
    pytest.param(THU, 2, None, False, 2026, id="February from January: same year"),
    pytest.param(D(2026, 2, 24), 9, None, False, 2026, id="September from February: ahead"),
    pytest.param(THU, 12, None, False, 2025, id="December from January: previous year"),
    pytest.param(THU, 1, "past", True, 2025, id="'enero pasado' in January: last year"),
    pytest.param(THU, 1, "future", True, 2027, id="'enero próximo' in January: next year"),
    pytest.param(D(2025, 10, 10), 11, "past", False, 2024, id="past tense and a later month"),
])
def test_infer_month_year(published, month, direction, strict, expected) -> None:
    assert infer_month_year(published, month, direction, strict) == expected


@pytest.mark.parametrize(("day", "count", "unit", "expected"), [
    pytest.param(D(2026, 1, 31), 1, "M", D(2026, 2, 28), id="month end clamped"),
    pytest.param(D(2024, 1, 31), 1, "M", D(2024, 2, 29), id="leap February"),
    pytest.param(D(2024, 2, 29), 1, "Y", D(2025, 2, 28), id="leap day plus a year"),
    pytest.param(D(2026, 1, 2), -3, "D", D(2025, 12, 30), id="days across the year boundary"),
    pytest.param(D(2026, 1, 15), 2, "W", D(2026, 1, 29), id="weeks"),
])
def test_add_offset(day, count, unit, expected) -> None:
    assert add_offset(day, count, unit) == expected


@pytest.mark.parametrize(("day", "weekend", "expected"), [
    pytest.param(D(2026, 1, 1), False, "2026-W01", id="1 Jan 2026 is in ISO week 1"),
    pytest.param(D(2027, 1, 1), False, "2026-W53", id="1 Jan 2027 belongs to 2026-W53"),
    pytest.param(D(2021, 7, 24), True, "2021-W29-WE", id="weekend"),
])
def test_week_value(day, weekend, expected) -> None:
    assert week_value(day, "publication", weekend).value == expected


@pytest.mark.parametrize(("kind", "number", "expected"), [
    pytest.param("Q", 1, ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31)), id="first quarter"),
    pytest.param("H", 2, ("2026-H2", D(2026, 7, 1), D(2026, 12, 31)), id="second half"),
    pytest.param("Q", -1, ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31)), id="'último' is the last"),
])
def test_period_value(kind, number, expected) -> None:
    got = period_value(2026, kind, number, "absolute")
    assert (got.value, got.date_start, got.date_end) == expected



_DAYS = st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31))
_MODES = st.sampled_from(["past", "future", "this", "this_past", "this_future", "nearest"])


@given(_DAYS, st.integers(0, 6), _MODES)
def test_resolve_weekday_lands_on_that_weekday_within_a_week(published, weekday, mode) -> None:
    day = resolve_weekday(published, weekday, mode)
    assert day.weekday() == weekday and abs((day - published).days) <= 7


@given(_DAYS, st.integers(1, 12), st.integers(1, 28), st.sampled_from([None, "past", "future"]))
def test_infer_year_keeps_day_and_month_near_publication(published, month, day, direction) -> None:
    got = infer_year(published, month, day, direction)
    assert (got.month, got.day) == (month, day) and abs((got - published).days) <= 366 + 7


@pytest.mark.parametrize(("published", "day", "weekday", "direction", "expected"), [
    pytest.param(D(2025, 8, 20), 6, 2, None, D(2025, 8, 6), id="this month's Wednesday 6"),
    pytest.param(D(2025, 8, 20), 21, 3, None, D(2025, 8, 21), id="tomorrow, Thursday 21"),
    pytest.param(D(2025, 8, 30), 1, 0, None, D(2025, 9, 1), id="Monday 1: next month's"),
    pytest.param(D(2025, 8, 20), 21, 3, "past", None, id="the past side has no Thursday 21 near"),
    pytest.param(D(2025, 8, 20), 31, 0, None, None, id="no Monday 31 within two months"),
    pytest.param(D(2025, 8, 20), 25, None, "past", D(2025, 7, 25), id="any weekday: the 25th before"),
])
def test_day_with_weekday(published, day, weekday, direction, expected) -> None:
    assert day_with_weekday(published, day, weekday, direction) == expected


@given(_DAYS, st.integers(1, 31), st.integers(0, 6), st.sampled_from([None, "past", "future"]))
def test_day_with_weekday_is_that_day_and_weekday_on_its_side(published, day, weekday, direction) -> None:
    got = day_with_weekday(published, day, weekday, direction)
    if got is not None:
        assert (got.day, got.weekday()) == (day, weekday) and abs((got - published).days) <= 93
        assert direction != "past" or got <= published
        assert direction != "future" or got >= published
