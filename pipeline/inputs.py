"""Which files of the inputs are read: files given, and the files of folders walked recursively.

Helper of :mod:`pipeline.ingest`. Reads no file: it lists them, in sorted order, leaving out
``gold/`` folders and the run's own output folder, and says in a warning how many entries of a
folder are not read, by kind (files of other types, broken links, pipes).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt"}
TABLE_SUFFIXES = {".jsonl", ".csv", ".parquet"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES | HTML_SUFFIXES


def iter_input_files(inputs: Iterable[Path | str], skip: Path | None = None) -> Iterator[tuple[Path, Path]]:
    """Yield ``(file, root)`` for every input file, folders walked recursively in sorted order.

    ``gold/`` folders are skipped, and so is ``skip`` (the run's own output folder and its
    temporary siblings), should it lie inside an input folder. Files of other types, broken
    links and other entries that are no file are not read: a warning counts them by kind.
    """
    skip_dir = skip.resolve() if skip else None
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            entries = [e for e in sorted(path.rglob("*")) if not e.is_dir() and "gold" not in e.relative_to(path).parts
                       and not (skip_dir and any(d == skip_dir or (d.parent == skip_dir.parent and
                                                 d.name.startswith(skip_dir.name + "."))
                                                 for d in e.resolve().parents))]
            _warn_not_read(path, [e for e in entries if not e.is_file() or e.suffix.lower() not in SUFFIXES])
            for file in entries:
                if file.is_file() and file.suffix.lower() in SUFFIXES:
                    yield file, path
        else:
            yield path, path.parent


def _warn_not_read(folder: Path, entries: list[Path]) -> None:
    """Say how many entries of an input folder are not read, by kind (no silent drop); a
    folder's own notes (README files, hidden files such as ``.gitkeep``) go unsaid."""
    kinds = Counter(e.suffix.lower() or "no extension" if e.is_file() else
                    "broken links" if e.is_symlink() and not e.exists() else "not regular files"
                    for e in entries if not e.name.startswith((".", "README"))
                    and not any(part.startswith(".") for part in e.relative_to(folder).parts))
    if kinds:
        log.warning("%s: %d entries not read (%s); inputs are %s files", folder, sum(kinds.values()),
                    ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items())), ", ".join(sorted(SUFFIXES)))
