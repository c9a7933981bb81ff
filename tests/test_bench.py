"""The benchmark's ratio arithmetic (the timings themselves live in ``make bench``, never here)."""

from __future__ import annotations

import pytest

from pipeline.bench import ratio_line, round_ratios


@pytest.mark.parametrize(("seconds", "expected", "reason"), [
    ({"one": [20.0], "two": [10.0]}, [2.0], "twice as fast in the only round"),
    ({"one": [20.0, 30.0], "two": [10.0, 20.0]}, [2.0, 1.5], "one ratio per round, in round order"),
    ({"one": [20.0, 20.0], "two": [12.5, 10.0]}, [1.6, 2.0], "a slow run lowers only its own round"),
])
def test_round_ratios_compare_the_cases_of_each_round(seconds: dict, expected: list, reason: str) -> None:
    assert round_ratios(seconds, "two", "one") == pytest.approx(expected), reason


def test_round_ratios_refuse_cases_with_different_numbers_of_runs() -> None:
    with pytest.raises(ValueError):
        round_ratios({"one": [20.0, 21.0], "two": [10.0]}, "two", "one")


def test_ratio_line_gives_best_spread_and_median() -> None:
    line = ratio_line("ratio x / y", 1.734, [1.5, 1.8, 1.72], "target >= 1.7")
    assert line == "ratio x / y: 1.73  (target >= 1.7; per round 1.50-1.80, median 1.72)"
