"""The HTML report of a run: one self-contained page a researcher can open anywhere.

Reads a run's output folder through :func:`pipeline.api.load` (and its manifest); writes
``<out>/report.html`` with inline CSS and SVG only (no script, font or image fetched), so
it opens without network: corpus summary, timeline of held and planned events, the
upcoming (planned) meetings, commitments by topic and by actor, documents that could not
be processed, and per document its text with participants, dates, commitments and events
highlighted, each listed beside it and linked to its evidence.

Public entry points: :func:`build_report`, :func:`write_report` and the CLI command
:data:`report_command` (``python -m pipeline report``). The sections are built in
:mod:`pipeline.report_sections` from HTML pieces of :mod:`pipeline.report_html`; pandas is
imported only when a report is built, so the command line stays quick to start.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

import click

log = logging.getLogger(__name__)


def build_report(out_dir: str | Path, max_docs: int = 200) -> str:
    """The report's HTML for the run in ``out_dir``."""
    from . import report_sections as sections
    from .api import load, read_manifest
    from .report_html import CSS

    manifest = read_manifest(out_dir)
    tables = load(out_dir)
    run = (f"Model {manifest.get('model', '?')} · pipeline {manifest.get('pipeline_version', '?')} · "
           f"schema {manifest.get('schema_version', '?')} · {manifest.get('input_documents', '?')} "
           f"inputs · outputs {Path(out_dir).name}/")
    nav = " · ".join(f'<a href="#{i}">{t}</a>' for i, t in (
        ("summary", "Corpus"), ("timeline", "Timeline"), ("upcoming", "Upcoming meetings"),
        ("commitments", "Commitments"), ("documents", "Documents")))
    body = (sections.summary(tables) + sections.timeline(tables) + sections.upcoming(tables)
            + sections.commitments(tables) + sections.problems(tables)
            + sections.documents(tables, max_docs))
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>SRE pipeline report</title><style>{CSS}</style></head><body><main>"
            f"<h1>Diplomatic communiqués: what the pipeline found</h1><p class=\"run\">{escape(run)}</p>"
            f"<nav>{nav}</nav>{body}</main></body></html>\n")


def write_report(out_dir: str | Path, path: str | Path | None = None, max_docs: int = 200) -> Path:
    """Write :func:`build_report` to ``path`` (default ``<out_dir>/report.html``)."""
    target = Path(path) if path else Path(out_dir) / "report.html"
    html = build_report(out_dir, max_docs)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    log.info("wrote %s (%d bytes)", target, len(html))
    return target


@click.command("report")
@click.option("--out", default=Path("outputs"), type=click.Path(path_type=Path), show_default=True,
              help="Output folder of a run (the one holding manifest.json).")
@click.option("--html", "html_path", default=None, type=click.Path(path_type=Path),
              help="Where to write the report [default: <out>/report.html].")
@click.option("--max-docs", default=200, show_default=True, type=click.IntRange(min=0),
              help="Documents shown with their highlighted text.")
def report_command(out: Path, html_path: Path | None, max_docs: int) -> None:
    """Write an HTML report of a run's tables (opens offline)."""
    from .api import OutputsNotFoundError

    try:
        path = write_report(out, html_path, max_docs)
    except OutputsNotFoundError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"Wrote {path}: open it in a browser (it needs no network).")
