"""The benchmark's ratio arithmetic (the timings themselves live in ``make bench``, never here)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.bench import ROOT, alternate, interleaved, interleaved_line, ratio_line, round_ratios


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


class _Clock:
    """A fake clock: each call to a case advances it by that case's seconds for the piece."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _cases(clock: _Clock, calls: list[tuple[str, int]], seconds: dict[str, dict[int, float]]) -> tuple:
    def case(name: str):
        def run(piece: int) -> None:
            calls.append((name, piece))
            clock.now += seconds[name][piece]
        return run
    return case("bare"), case("pipeline")


def test_alternate_swaps_which_case_goes_first_from_piece_to_piece() -> None:
    calls: list[tuple[str, int]] = []
    clock = _Clock()
    bare, pipeline = _cases(clock, calls, {"bare": {0: 1, 1: 1, 2: 1}, "pipeline": {0: 1, 1: 1, 2: 1}})
    alternate([0, 1, 2], bare, pipeline, clock=clock)
    assert calls == [("bare", 0), ("pipeline", 0), ("pipeline", 1), ("bare", 1), ("bare", 2), ("pipeline", 2)]


def test_alternate_totals_each_case_and_gives_each_piece_its_throughput_ratio() -> None:
    clock = _Clock()
    bare, pipeline = _cases(clock, [], {"bare": {0: 4.0, 1: 8.0}, "pipeline": {0: 5.0, 1: 10.0}})
    bare_seconds, pipeline_seconds, ratios = alternate([0, 1], bare, pipeline, clock=clock)
    assert (bare_seconds, pipeline_seconds) == (12.0, 15.0)
    assert ratios == pytest.approx([0.8, 0.8]), "a slow piece (the second) slows both cases alike"


def test_interleaved_line_gives_the_ratio_of_the_totals_and_the_spread_of_the_pieces() -> None:
    line = interleaved_line(12.0, 15.0, [0.7, 0.8, 0.9, 0.85], 64)
    assert line.startswith("per document, interleaved (start-up excluded): pipeline / bare model: 0.80  "
                           "(4 pieces of 64 documents: median 0.82"), line


def test_interleaved_times_both_cases_on_every_piece_of_a_real_corpus(tmp_path: Path) -> None:
    for name in ("001.txt", "002.txt", "003.txt"):
        shutil.copy(ROOT / "corpus" / name, tmp_path / name)
    bare_seconds, pipeline_seconds, ratios = interleaved(tmp_path, piece=2)
    assert bare_seconds > 0 and pipeline_seconds > 0
    assert len(ratios) == 2, "three documents in pieces of two: two pieces"
