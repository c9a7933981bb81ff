"""Per-language data (month and weekday names, number words, stopwords), kept apart from code.

Reads ``models/lang/<code>.json`` once per process. Public entry point: :func:`language_data`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .rules import DEFAULT_MODELS_DIR, RuleFileError

_KEYS = {"months", "weekdays", "numbers", "stopwords"}


@lru_cache(maxsize=8)
def language_data(code: str = "es", models_dir: str | None = None) -> dict[str, Any]:
    """The language file ``models/lang/<code>.json`` as a dict (cached)."""
    path = Path(models_dir or DEFAULT_MODELS_DIR) / "lang" / f"{code}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise RuleFileError(path, getattr(e, "lineno", 0), None,
                            f"cannot read language data: {e}") from e
    for key in data:
        if key not in _KEYS:
            raise RuleFileError(path, 1, key, f"unknown key; allowed keys are {sorted(_KEYS)}")
    return data
