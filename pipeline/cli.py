"""Command line: ``python -m pipeline run|eval|fetch|report|docs``.

``run`` processes files/folders into the tables; ``eval`` scores the tables against gold
files (``../shared/spec/ANNOTATION.md``); ``fetch``, ``report`` and ``docs`` are
registered from their modules at the end. The only module that prints.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from . import __version__

log = logging.getLogger("pipeline")


def _setup_logging(verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sre-pipeline")
@click.option("-v", "--verbose", is_flag=True, help="Log details (model warnings, skipped headers).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def main(verbose: bool, quiet: bool) -> None:
    """Turn Spanish diplomatic press releases into research tables (Parquet)."""
    _setup_logging(verbose, quiet)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", default=Path("outputs"), type=click.Path(path_type=Path), show_default=True,
              help="Output folder for the tables and manifest.json.")
@click.option("--model", default=None, help="spaCy model package or path (default: es_core_news_md, _lg, _sm, first installed).")
@click.option("--models-dir", default=None, type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Folder of rule data (default: the bundled models/).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1),
              help="Documents per nlp.pipe batch.")
@click.option("--workers", default=os.cpu_count() or 1, show_default="CPU count",
              type=click.IntRange(min=1), help="Processes (local) or LocalCluster workers (dask).")
@click.option("--executor", default="local", type=click.Choice(["local", "dask"]), show_default=True,
              help="Run chunks in local processes or on Dask distributed.")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); "
              "without it --executor dask starts a LocalCluster on loopback.")
@click.option("--chunk-size", default=128, show_default=True, type=click.IntRange(min=1),
              help="Documents per task (does not change the results).")
@click.option("--full", is_flag=True, help="Process every document again, reusing nothing.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any input is not ok.")
def run(inputs: tuple[Path, ...], out: Path, model: str | None, models_dir: Path | None,
        batch_size: int, workers: int, executor: str, scheduler: str | None, chunk_size: int,
        full: bool, strict: bool) -> None:
    """Process INPUT files or folders (default: corpus/) into tables under --out."""
    from .config import Settings
    from .nlp import ModelNotFoundError
    from .rules import DEFAULT_MODELS_DIR, RuleFileError
    from .run import run as run_pipeline
    from .tables import OutputFolderError

    inputs = inputs or (Path("corpus"),)
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise click.UsageError(f"input not found: {', '.join(missing)}. Give existing files or folders.")
    settings = Settings(inputs=tuple(inputs), out=out, model=model,
                        models_dir=models_dir or DEFAULT_MODELS_DIR, batch_size=batch_size,
                        chunk_size=chunk_size, workers=workers, executor=executor,
                        scheduler=scheduler, full=full, strict=strict)
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm
        bar = tqdm(unit="doc", desc="documents", file=sys.stderr)
    try:
        summary = run_pipeline(settings, on_progress=bar.update if bar else None)
    except (ModelNotFoundError, RuleFileError, OutputFolderError) as e:
        raise click.ClickException(str(e)) from e
    except (RuntimeError, OSError) as e:  # e.g. Dask missing or its scheduler unreachable
        raise click.ClickException(f"{e}. Nothing was written; the previous outputs are unchanged.") from e
    finally:
        if bar:
            bar.close()
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items())) or "none"
    click.echo(f"Documents: {statuses} ({summary.processed} processed, {summary.reused} reused "
               "from the previous run)")
    click.echo("Rows: " + ", ".join(f"{t} {n}" for t, n in summary.rows.items()))
    click.echo(f"Model: {summary.model}. Wrote {out}/ in {summary.seconds:.1f} s.")
    total = sum(summary.statuses.values())
    failed = total - summary.statuses.get("ok", 0)
    if total and (failed == total or (strict and failed)):
        sys.exit(1)


@main.command("eval")
@click.option("--gold", required=True, type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Folder of gold JSON files (ANNOTATION.md format).")
@click.option("--out", default=Path("outputs"), type=click.Path(path_type=Path, exists=True, file_okay=False),
              show_default=True, help="Output folder of a run over the gold's corpus.")
def evaluate_cmd(gold: Path, out: Path) -> None:
    """Score the tables in --out against the gold files in --gold."""
    from .evaluate import evaluate, format_report

    try:
        report = evaluate(gold, out)
    except ValueError as e:
        raise click.ClickException(str(e)) from e
    click.echo(format_report(report, title=str(gold)))


from .fetch import fetch_command  # noqa: E402

main.add_command(fetch_command, name="fetch")

from .report import report_command  # noqa: E402
from .datadict import docs_command  # noqa: E402

main.add_command(report_command, name="report")
main.add_command(docs_command, name="docs")
