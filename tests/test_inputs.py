"""Which files of the inputs are read (pipeline/inputs.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from pipeline.inputs import iter_input_files


def _write(folder: Path, name: str, content: str = "x") -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def test_a_folder_is_walked_in_sorted_order_leaving_out_gold_and_the_output(tmp_path: Path) -> None:
    for name in ("b.txt", "a/c.jsonl", "gold/g.txt", "out/documents/part-000000.parquet", "d.html"):
        _write(tmp_path, name)
    found = [f.relative_to(tmp_path).as_posix() for f, _ in iter_input_files([tmp_path], skip=tmp_path / "out")]
    assert found == ["a/c.jsonl", "b.txt", "d.html"]


def test_entries_of_a_folder_that_are_not_read_are_counted_in_a_warning(tmp_path: Path, caplog) -> None:
    """No silent drop: a folder's files of other types and broken links are named by kind; its
    README and hidden files, and gold/, are not inputs and go unsaid."""
    _write(tmp_path, "a.txt")
    _write(tmp_path, "notes.docx")
    _write(tmp_path, "README.md")
    _write(tmp_path, ".gitkeep")
    _write(tmp_path, ".ipynb_checkpoints/a-checkpoint.ipynb")
    _write(tmp_path, "gold/a.json")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    with caplog.at_level(logging.WARNING, logger="pipeline.inputs"):
        assert [f.name for f, _ in iter_input_files([tmp_path])] == ["a.txt"]
    assert "2 entries not read (.docx: 1, broken links: 1)" in caplog.text
