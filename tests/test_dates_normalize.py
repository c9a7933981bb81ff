"""Normalisation rules of the dates stage: clock times, and never today's date."""

from __future__ import annotations

import pytest

from pipeline.dates_normalize import Context, clock, normalise
from pipeline.dates_patterns import Candidate, default_recognizer


@pytest.mark.parametrize(("groups", "expected"), [
    pytest.param({"h": "10", "mi": "30"}, (10, 30), id="24-hour clock"),
    pytest.param({"h": "6", "mi": "30", "ampm": "p. m."}, (18, 30), id="p. m."),
    pytest.param({"h": "12", "mi": "05", "ampm": "a.m."}, (0, 5), id="12 a.m. is midnight"),
    pytest.param({"hw": "cinco", "dp": "tarde"}, (17, 0), id="words, afternoon"),
    pytest.param({"noon": "mediodía"}, (12, 0), id="noon"),
    pytest.param({"h": "25", "mi": "00"}, None, id="impossible hour"),
])
def test_clock(groups, expected) -> None:
    assert clock(groups, default_recognizer().lexicon) == expected


def test_normalise_never_uses_today() -> None:
    cand = Candidate(0, 4, "deictic", "DATE", "deictic", {"dx": "ayer"})
    resolved = normalise(cand, Context(published=None), default_recognizer().lexicon)
    assert (resolved.value, resolved.anchor) == (None, "none")
