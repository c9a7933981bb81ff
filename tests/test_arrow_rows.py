"""Arrow tables built from buffers equal what pa.Table.from_pylist gives, without pandas."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.arrow_rows import column, table_from_rows
from pipeline.tables import SCHEMAS

_VALUES = {
    pa.string(): st.text(max_size=12),
    pa.int32(): st.integers(min_value=-2**31, max_value=2**31 - 1),
    pa.date32(): st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    pa.list_(pa.string()): st.lists(st.one_of(st.none(), st.text(max_size=6)), max_size=4),
}


def _rows(schema: pa.Schema) -> st.SearchStrategy[list[dict]]:
    """Rows for ``schema``: any field may be null or missing, whatever its nullability."""
    row = st.fixed_dictionaries({}, optional={f.name: st.one_of(st.none(), _VALUES[f.type])
                                              for f in schema})
    return st.lists(row, max_size=8)


@pytest.mark.parametrize("table", sorted(SCHEMAS))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_table_equals_from_pylist(table: str, data: st.DataObject) -> None:
    schema = SCHEMAS[table]
    rows = data.draw(_rows(schema))
    built = table_from_rows(rows, schema)
    built.validate(full=True)
    assert built.equals(pa.Table.from_pylist(rows, schema=schema))


@pytest.mark.parametrize("values, kind, reason", [
    (["a", None, "ñandú", ""], pa.string(), "nulls, empty and non-ASCII strings"),
    ([None, None], pa.int32(), "a column of nulls only"),
    ([dt.date(1969, 12, 31), dt.date(2026, 1, 15)], pa.date32(), "days before and after the epoch"),
    ([["security", "trade"], [], None], pa.list_(pa.string()), "empty and null lists"),
    ([1.5, None], pa.float64(), "another type goes through pa.array"),
])
def test_column_matches_pa_array(values: list, kind: pa.DataType, reason: str) -> None:
    assert column(values, kind).equals(pa.array(values, type=kind)), reason


@pytest.mark.parametrize("values, kind, error, reason", [
    ([2**31], pa.int32(), pa.ArrowInvalid, "past int32"),
    ([3], pa.string(), pa.ArrowTypeError, "a number where text belongs"),
    (["2026-01-15"], pa.date32(), pa.ArrowTypeError, "a string where a date belongs"),
])
def test_column_refuses_wrong_values(values: list, kind: pa.DataType, error: type, reason: str) -> None:
    with pytest.raises(error):
        column(values, kind)


def test_writing_parts_does_not_import_pandas(tmp_path) -> None:
    """Workers write Parquet parts without paying pandas' import (what the module is for)."""
    code = ("import sys, datetime; from pipeline.tables import write_part; "
            f"import pathlib; p = pathlib.Path({str(tmp_path)!r}); (p / 'dates').mkdir(); "
            "write_part(p, 'dates', 0, [{'doc_id': 'x', 'timex_id': 0, 'start': 0, 'end': 4, "
            "'text': 'ayer', 'type': 'DATE', 'value': '2026-01-14', "
            "'date_start': datetime.date(2026, 1, 14), 'anchor': 'publication'}]); "
            "print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert (tmp_path / "dates" / "part-000000.parquet").exists()
