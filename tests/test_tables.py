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


# -- the output folder -------------------------------------------------------------------

def _folder(root: Path, *entries: str) -> Path:
    """A folder holding ``entries``: "name/" a folder, "name/manifest.json" an earlier output's."""
    root.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        path = root / entry
        if entry.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("{}", encoding="utf-8")
    return root


@pytest.mark.parametrize("entries, inputs, refused", [
    pytest.param(None, [], None, id="a new folder"),
    pytest.param((), [], None, id="an empty folder"),
    pytest.param(("manifest.json", "documents/", "report.html", "eval-dev/manifest.json"), [], None,
                 id="an earlier output with its report and make eval's outputs"),
    pytest.param(("eval-corpus/manifest.json",), [], None, id="only make eval's outputs (make run after make eval)"),
    pytest.param(("manifest.json", "analysis.ipynb"), [], "analysis.ipynb",
                 id="an earlier output holding a file no run wrote"),
    pytest.param(("notes/own.txt",), [], "notes", id="a folder of someone's own"),
    pytest.param(("notes/", ".DS_Store", "eval-x.tmp-4242/documents/"), [], None,
                 id="an empty folder, a hidden file and a killed run's leftover: nothing to lose"),
    pytest.param(("manifest.json", "documents/part-000000.parquet", "documents/tesis.docx"), [], "tesis.docx",
                 id="a file of someone's own inside a table folder"),
    pytest.param(("archive/manifest.json", "archive/notes.txt"), [], "notes.txt",
                 id="a file of someone's own inside an earlier output"),
    pytest.param((), ["."], "holds the input", id="the input folder itself"),
    pytest.param((), ["in"], "holds the input", id="a folder holding the input"),
])
def test_check_out_refuses_a_folder_whose_replacement_deletes_what_no_run_wrote(tmp_path, entries, inputs, refused):
    from pipeline.tables import OutputFolderError, check_out

    out = tmp_path / "out"
    if entries is not None:
        _folder(out, *entries)
    paths = [_folder(out / p) for p in inputs]
    if refused is None:
        check_out(out, paths)
    else:
        with pytest.raises(OutputFolderError, match=refused):
            check_out(out, paths)


def test_check_out_refuses_a_file(tmp_path):
    from pipeline.tables import OutputFolderError, check_out

    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="is a file"):
        check_out(tmp_path / "out", [])


def test_remove_stale_restores_a_killed_swap_and_removes_killed_writes_of_this_output_only(tmp_path):
    """A run killed between moving the old outputs aside and the new ones in: its ``.old-<pid>``
    goes back; its ``.tmp-<pid>`` is removed. Another output's leftovers ("out.x.old-<pid>") stay."""
    import os

    from pipeline.tables import remove_stale

    pid = os.getpid()  # (a live pid of another run would be left alone)
    for name in (f"out.old-{pid}", f"out.tmp-{pid}", f"out.x.old-{pid}"):
        _folder(tmp_path / name, "manifest.json")
    remove_stale(tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", f"out.x.old-{pid}"]
