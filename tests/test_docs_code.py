"""docs/CODE.md, the map of the code, names every module of pipeline/ and no other."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _named() -> set[str]:
    text = (ROOT / "docs" / "CODE.md").read_text(encoding="utf-8")
    return set(re.findall(r"`(\w+)`", text))


def test_every_module_is_on_the_map():
    modules = {p.stem for p in (ROOT / "pipeline").glob("*.py")}
    assert modules - _named() == set()


def test_the_map_names_only_modules_that_exist():
    modules = {p.stem for p in (ROOT / "pipeline").glob("*.py")}
    # backquoted words that look like module names (a stage prefix or a known shared module)
    prefixes = ("dates_", "participants_", "commitment_", "events_", "event_", "fetch_", "report_")
    claimed = {w for w in _named() if w.startswith(prefixes)}
    assert claimed - modules == set()
