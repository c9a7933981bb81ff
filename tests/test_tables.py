"""The table schemas in code are the contract of ../shared/spec/TABLES.md, exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest

from pipeline.tables import SCHEMAS

from .conftest import SHARED, shared

SPEC = SHARED / "spec" / "TABLES.md"
TYPES = {"string": pa.string(), "date32": pa.date32(), "int32": pa.int32(),
         "list<string>": pa.list_(pa.string())}


def spec_tables(path: Path) -> dict[str, list[tuple[str, pa.DataType, bool]]]:
    """Parse TABLES.md: ``{table: [(column, arrow type, nullable)]}``."""
    tables: dict[str, list[tuple[str, pa.DataType, bool]]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\w+)\b", line)
        if heading:
            current = heading.group(1) if heading.group(1) != "manifest" else None
            if current:
                tables[current] = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if current and line.startswith("|") and len(cells) >= 2 and cells[0] not in ("column", "---"):
            kind = cells[1].split(",")[0].strip()
            if kind not in TYPES:
                continue
            for name in cells[0].split(","):
                tables[current].append((name.strip(), TYPES[kind], "null" in cells[1]))
    return tables


@pytest.fixture(scope="module")
def spec() -> dict:
    return spec_tables(shared(SPEC))


def test_the_code_has_exactly_the_spec_tables(spec: dict) -> None:
    assert sorted(SCHEMAS) == sorted(spec)


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_spec_column_has_its_name_and_arrow_type(spec: dict, table: str) -> None:
    schema = SCHEMAS[table]
    for name, kind, nullable in spec[table]:
        assert name in schema.names, f"{table}.{name} missing"
        assert schema.field(name).type == kind, f"{table}.{name} has type {schema.field(name).type}"
        if not nullable:
            assert not schema.field(name).nullable, f"{table}.{name} must not be nullable"
