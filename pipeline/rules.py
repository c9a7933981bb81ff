"""Rule data: loading the CSV/JSONL files of ``models/`` with a schema check.

Rules are data (medspaCy style): a researcher adds a trigger, an official or a place by
editing a file in ``models/``, not Python. Each file has a :class:`Schema`; a file whose
header or line has an unknown key, lacks a required one or holds a bad value raises
:class:`RuleFileError` naming the file, the line and the key.

:class:`RuleComponent` is the base of the pipeline components that carry rule data: it
keeps the loaded tables and saves/loads them with ``to_disk``/``from_disk`` (as spaCy's
``EntityRuler`` does with its patterns).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import srsly

from . import tables_meta

#: Where the bundled rule data lives (``models/`` at the repository root).
DEFAULT_MODELS_DIR = Path(__file__).resolve().parent.parent / "models"

#: The ``role_code`` vocabulary (defined once, in the tables' contract).
ROLE_CODES = frozenset(tables_meta.ROLE_CODES)


class RuleFileError(ValueError):
    """A rule file that does not follow its schema."""

    def __init__(self, path: Path | str, line: int, key: str | None, problem: str) -> None:
        where = f"{path}, line {line}" + (f", key '{key}'" if key else "")
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.key = str(path), line, key


class RuleRow(dict):
    """One checked row of a rule file: a plain ``dict`` of its converted values that also
    knows where it was read (``path``, ``line``), so that a later check (a regular expression
    that does not compile, a value another file must define) names the right line. A copy
    made with ``dict(row)`` or ``row.copy()`` is a plain dict, without them."""

    __slots__ = ("path", "line")

    def __init__(self, values: dict[str, Any], path: Path | str, line: int) -> None:
        super().__init__(values)
        self.path, self.line = str(path), line

    def error(self, key: str | None, problem: str) -> RuleFileError:
        """The :class:`RuleFileError` for ``problem`` in this row's ``key`` (to raise)."""
        return RuleFileError(self.path, self.line, key, problem)


def _iso_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _pipe_list(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _role_code(value: str) -> str:
    if value not in ROLE_CODES:
        raise ValueError(f"'{value}' is not a role code; use one of {sorted(ROLE_CODES)}")
    return value


def _role_codes(value: str) -> list[str]:
    """Role codes separated by "|" ("head_of_state|head_of_government"), each one checked."""
    return [_role_code(part) for part in _pipe_list(value)]


def _iso3(value: str) -> str:
    if not (len(value) == 3 and value.isascii() and value.isalpha() and value.isupper()):
        raise ValueError("a country is its ISO 3166-1 alpha-3 code, three capital letters (MEX, USA)")
    return value


_TRUE = frozenset({"1", "true", "yes", "sí", "si"})
_FALSE = frozenset({"0", "false", "no"})


def _bool(value: str) -> bool:
    word = value.strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError(f"'{value}' is not a yes/no value; use one of {sorted(_TRUE | _FALSE)}")


#: Value converters a schema can name.
CONVERTERS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "int": int,
    "date": _iso_date,
    "list": _pipe_list,
    "role_code": _role_code,
    "role_codes": _role_codes,
    "iso3": _iso3,
    "bool": _bool,
}


def _typed(kind: str, raw: Any) -> Any:
    """A JSONL value that is already typed (not a string): checked against ``kind``."""
    if kind == "list" and isinstance(raw, list) and all(isinstance(v, str) for v in raw):
        return [v.strip() for v in raw if v.strip()]
    if kind == "int" and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if kind == "bool" and isinstance(raw, bool):
        return raw
    expected = {"list": "a list of strings or a '|'-separated string", "int": "an integer",
                "bool": "true or false"}.get(kind, "a string")
    raise ValueError(f"expected {expected}, got {type(raw).__name__}")


@dataclass(frozen=True)
class Schema:
    """Columns of a rule file: ``{name: converter}``; ``required`` must be non-empty;
    ``choices`` limits a column to a controlled vocabulary (each item, for a list column);
    ``check`` tests a converted row as a whole (columns that must agree) and returns
    ``(key, problem)`` for a row that fails, else None."""

    columns: dict[str, str]
    required: frozenset[str] = field(default_factory=frozenset)
    choices: dict[str, frozenset[str]] = field(default_factory=dict)
    check: Callable[[dict[str, Any]], tuple[str, str] | None] | None = None

    def __post_init__(self) -> None:
        for name in [*self.required, *self.choices]:
            if name not in self.columns:
                raise ValueError(f"schema names '{name}', which is not one of its columns")

    def convert(self, row: dict[str, Any], path: Path | str, line: int) -> RuleRow:
        unknown = [k for k in row if k not in self.columns]
        if unknown:
            raise RuleFileError(
                path, line, unknown[0], f"unknown key; allowed keys are {sorted(self.columns)}"
            )
        out: dict[str, Any] = {}
        for name, kind in self.columns.items():
            raw = row.get(name)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if name in self.required:
                    raise RuleFileError(path, line, name, "required value is missing")
                out[name] = [] if kind == "list" else None
                continue
            try:
                if isinstance(raw, str):
                    out[name] = CONVERTERS[kind](raw.strip())
                else:  # JSONL values may already be typed
                    out[name] = _typed(kind, raw)
            except ValueError as e:
                raise RuleFileError(path, line, name, f"bad {kind} value '{raw}': {e}") from e
            allowed = self.choices.get(name)
            if allowed is not None:
                values = out[name] if isinstance(out[name], list) else [out[name]]
                wrong = [v for v in values if v not in allowed]
                if wrong:
                    raise RuleFileError(path, line, name,
                                        f"'{wrong[0]}' is not one of {sorted(allowed)}")
        failed = self.check(out) if self.check is not None else None
        if failed is not None:
            raise RuleFileError(path, line, failed[0], failed[1])
        return RuleRow(out, path, line)


def load_rows(path: Path | str, schema: Schema) -> list[RuleRow]:
    """Read a ``.csv`` or ``.jsonl`` rule file and check every row against ``schema``."""
    path = Path(path)
    if not path.exists():
        raise RuleFileError(path, 0, None, "file not found; restore it from git or fix --models-dir")
    if path.suffix == ".csv":
        return list(_csv_rows(path, schema))
    if path.suffix == ".jsonl":
        return list(_jsonl_rows(path, schema))
    raise RuleFileError(path, 0, None, "rule files must be .csv or .jsonl")


#: resolved file path -> (modification time, size, checked rows) for :func:`load_shared_rows`
_SHARED: dict[str, tuple[int, int, list[RuleRow]]] = {}


def load_shared_rows(path: Path | str, schema: Schema) -> list[RuleRow]:
    """:func:`load_rows` for a file several stages read (the gazetteer's, the date patterns):
    read and checked once per process while it stays unchanged on disk (cached by resolved
    path, modification time and size; every caller must give the file's one schema). The rows
    are shared by every caller: treat them as read-only."""
    path = Path(path)
    resolved = path.resolve()
    try:
        stat = resolved.stat()
    except OSError:
        return load_rows(path, schema)  # raises the rule-file error naming the file
    cached = _SHARED.get(str(resolved))
    if cached is None or cached[:2] != (stat.st_mtime_ns, stat.st_size):
        cached = _SHARED[str(resolved)] = (stat.st_mtime_ns, stat.st_size, load_rows(path, schema))
    return list(cached[2])


def _csv_rows(path: Path, schema: Schema) -> Iterable[RuleRow]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for key in reader.fieldnames or []:
            if key not in schema.columns:
                raise RuleFileError(
                    path, 1, key, f"unknown column; allowed columns are {sorted(schema.columns)}"
                )
        for row in reader:
            if None in row:
                raise RuleFileError(path, reader.line_num, None, "more fields than columns")
            yield schema.convert(row, path, reader.line_num)


def _jsonl_rows(path: Path, schema: Schema) -> Iterable[RuleRow]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise RuleFileError(path, number, None, f"not valid JSON: {e.msg}") from e
            if not isinstance(row, dict):
                raise RuleFileError(path, number, None, "each line must be a JSON object")
            yield schema.convert(row, path, number)


def models_hash(models_dir: Path | str = DEFAULT_MODELS_DIR, pattern: str = "*") -> str:
    """SHA-256 (16 hex digits) over every file under ``models_dir`` matching ``pattern``:
    changes when any rule changes. ``models_hash(package_dir, "*.py")`` fingerprints code."""
    digest = hashlib.sha256()
    root = Path(models_dir)
    for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class RuleComponent:
    """Base for pipeline components whose behaviour is rule data from ``models/``.

    Subclasses set ``FILES = {table_name: (relative_path, schema)}`` for the stage's own rule
    files and ``SHARED`` (same form) for the files other stages read too (the gazetteer's),
    which are read once per process (:func:`load_shared_rows`). Both end up in
    ``self.tables`` and are saved and loaded together, so a saved pipeline carries all the rule
    data it was built from. Subclasses implement :meth:`compile` (build matchers/lookups from
    ``self.tables``) and ``__call__``.
    """

    FILES: dict[str, tuple[str, Schema]] = {}
    SHARED: dict[str, tuple[str, Schema]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.FILES.keys() & cls.SHARED.keys():
            raise TypeError(f"{cls.__name__}: a table cannot be both in FILES and SHARED: "
                            f"{sorted(cls.FILES.keys() & cls.SHARED.keys())}")

    def __init__(self, nlp: Any, name: str, models_dir: str | None = None) -> None:
        self.nlp = nlp
        self.name = name
        #: the rule folder given (None: the bundled ``models/``), for what ``compile`` reads beside the
        #: tables (``models/lang/``)
        self.models_dir = models_dir
        root = Path(models_dir) if models_dir else DEFAULT_MODELS_DIR
        self.tables: dict[str, list[RuleRow]] = {
            key: load_rows(root / rel, schema) for key, (rel, schema) in self.FILES.items()
        }
        self.tables.update({key: load_shared_rows(root / rel, schema)
                            for key, (rel, schema) in self.SHARED.items()})
        self.compile()

    def compile(self) -> None:  # pragma: no cover - overridden
        """Build matchers and lookups from ``self.tables``."""

    def to_disk(self, path: Path | str, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for key, rows in self.tables.items():
            srsly.write_jsonl(path / f"{key}.jsonl", [_jsonable(r) for r in rows])

    def from_disk(self, path: Path | str, *, exclude: Iterable[str] = ()) -> RuleComponent:
        path = Path(path)
        for key, (_, schema) in (self.FILES | self.SHARED).items():
            rows = []
            for number, row in enumerate(srsly.read_jsonl(path / f"{key}.jsonl"), start=1):
                rows.append(schema.convert(row, path / f"{key}.jsonl", number))
            self.tables[key] = rows
        self.compile()
        return self


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if isinstance(v, dt.date):
            v = v.isoformat()
        elif isinstance(v, list):
            v = "|".join(v)
        elif v is not None and not isinstance(v, str):
            v = str(v)
        out[k] = v
    return out
