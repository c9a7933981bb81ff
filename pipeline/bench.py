"""Benchmark (``make bench``): throughput and memory of the pipeline against the bare model.

Builds a corpus of N documents by recombining the paragraphs of the bundled ``corpus/``
(each document gets a unique closing line, so no two are identical and none is a
duplicate), then runs each case in its own subprocess and prints one table:
documents/second and peak RSS for the bare spaCy model (``nlp.pipe``), the full
pipeline with one worker and with all cores, the Dask executor, and the two ratios the
targets are stated in. Timings belong here, never in tests.

Each case runs ``--repeat`` times, the cases interleaved, and the fastest run of each counts
(as ``timeit`` does): on a shared machine the noise only ever adds time. A slow spell that
covers every run of one case defeats that rule, so each ratio is also given per round (the
cases of one round run back to back, within a minute or two), with its median.

Slow spells last minutes here, so even per round the first ratio moves by +-0.08. The last
line measures it per document with most of that noise cancelled (:func:`interleaved`): the
bare model and a worker's work alternate on pieces of 64 documents in one process, so a slow
spell slows both on the pieces it covers. It leaves out start-up (equal in both cases, ~2 s,
so leaving it out lowers the ratio a little) and reading the files.

Run: ``python -m pipeline.bench [--docs 2000] [--repeat 3] [--memory] [--piece 64]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(folder: Path, n_docs: int, source: Path = ROOT / "corpus", seed: int = 7) -> int:
    """Write ``n_docs`` distinct documents into ``folder``; return their total word count."""
    from .ingest import iter_documents

    paragraphs = [p for d in iter_documents([source]) if d.status == "ok"
                  for p in d.text.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n_docs):
        body = "\n\n".join(rng.sample(paragraphs, k=min(4, len(paragraphs))))
        text = f" date 2026-01-{1 + i % 28:02d} {body}\n\nComunicado de prueba número {i + 1}."
        (folder / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


_BARE = """
import sys
from pathlib import Path
from pipeline.nlp import load_base
from pipeline.ingest import iter_documents
texts = [d.text for d in iter_documents([Path(sys.argv[1])]) if d.status == "ok"]
nlp = load_base(None)
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


T = TypeVar("T")


def alternate(pieces: Sequence[T], first: Callable[[T], object], second: Callable[[T], object],
              clock: Callable[[], float] = time.perf_counter) -> tuple[float, float, list[float]]:
    """Run ``first`` and ``second`` on each piece, the one right after the other, swapping which
    goes first from piece to piece (so neither always runs on a warm cache); return the total
    seconds of each and, per piece, ``first``'s seconds over ``second``'s (the throughput of
    ``second`` relative to that of ``first``, as the targets are stated). A slow spell of the
    machine lasts longer than a piece, so it slows both on the pieces it covers instead of
    one case's whole run."""
    totals = [0.0, 0.0]
    ratios = []
    for k, piece in enumerate(pieces):
        took = [0.0, 0.0]
        for which in ((0, 1) if k % 2 == 0 else (1, 0)):
            started = clock()
            (first, second)[which](piece)
            took[which] = clock() - started
        totals[0] += took[0]
        totals[1] += took[1]
        ratios.append(took[0] / took[1] if took[1] else float("nan"))
    return totals[0], totals[1], ratios


_INTERLEAVED = """
import json, sys
from pathlib import Path
from pipeline.bench import interleaved
print("INTERLEAVED", json.dumps(interleaved(Path(sys.argv[1]), int(sys.argv[2]))))
"""


def interleaved(corpus: Path, piece: int) -> tuple[float, float, list[float]]:
    """:func:`alternate` on pieces of ``piece`` documents of ``corpus``: the bare model's
    ``nlp.pipe`` against what a worker does with a chunk (:func:`pipeline.run.process_chunk`:
    the full pipeline, the rows, the Parquet parts), both loaded in this process beforehand.
    Start-up, reading the files and the driver's work are left out of both."""
    from .config import Settings
    from .ingest import RawDocument, iter_documents
    from .nlp import load_base, model_identity
    from .run import Chunk, _nlp, process_chunk
    from .tables import TableWriter

    raws = list(iter_documents([corpus]))
    pieces = list(enumerate(raws[i:i + piece] for i in range(0, len(raws), piece)))
    with tempfile.TemporaryDirectory(prefix="sre-bench-interleaved-") as tmp:
        settings = Settings(inputs=(corpus,), out=Path(tmp) / "out", full=True)
        writer = TableWriter(settings.out)
        bare = load_base(settings.model)
        _nlp(settings)
        model = model_identity(settings.model)

        def bare_pipe(numbered: tuple[int, list[RawDocument]]) -> None:
            texts = [d.text for d in numbered[1] if d.status == "ok"]
            for _ in bare.pipe(texts, batch_size=settings.batch_size):
                pass

        def worker(numbered: tuple[int, list[RawDocument]]) -> None:
            process_chunk(Chunk(numbered[0], settings, writer.tmp, model, numbered[1]))

        try:
            return alternate(pieces, bare_pipe, worker)
        finally:
            writer.abort()


def _tagged(cmd: list[str], tag: str) -> str:
    """Run ``cmd`` and return what follows ``tag`` on the last stdout line starting with it."""
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith(tag + " ")]
    if out.returncode or not lines:
        raise RuntimeError(f"benchmark case failed: {' '.join(cmd)}\n{out.stderr[-2000:]}")
    return lines[-1][len(tag) + 1:]


def _measure(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of its largest process) of a command, start-up included."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:]); el = time.perf_counter() - t; "
               "print('BENCH', el, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
               "sys.exit(r.returncode)")
    seconds, rss = _tagged([sys.executable, "-c", wrapper, *cmd], "BENCH").split()
    return float(seconds), int(rss) / 1024


def round_ratios(seconds: dict[str, list[float]], faster: str, slower: str) -> list[float]:
    """For each round, the throughput of case ``faster`` over that of case ``slower``
    (same documents, so the inverse ratio of their seconds)."""
    return [s / f for f, s in zip(seconds[faster], seconds[slower], strict=True)]


def ratio_line(label: str, best: float, per_round: list[float], target: str) -> str:
    """``label: best  (target ...); per round lo-hi, median m`` with two decimals."""
    spread = f"per round {min(per_round):.2f}-{max(per_round):.2f}, median {statistics.median(per_round):.2f}"
    return f"{label}: {best:.2f}  ({target}; {spread})"


def interleaved_line(bare_seconds: float, pipeline_seconds: float, per_piece: list[float], piece: int) -> str:
    """The interleaved measurement as one line: the ratio of the totals, then the pieces' spread."""
    q1, median, q3 = statistics.quantiles(per_piece, n=4) if len(per_piece) > 1 else per_piece * 3
    return (f"per document, interleaved (start-up excluded): pipeline / bare model: "
            f"{bare_seconds / pipeline_seconds:.2f}  ({len(per_piece)} pieces of {piece} documents: "
            f"median {median:.2f}, quartiles {q1:.2f}-{q3:.2f}; bare {bare_seconds:.1f} s, "
            f"pipeline {pipeline_seconds:.1f} s)")


def _run_case(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "-q", "run", str(corpus), "--out", str(out), "--full", *extra]


def machine() -> str:
    """One line describing this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--memory", action="store_true",
                        help="also compare peak RSS for 500 and 10,000 documents (slow)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the fastest counts")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--piece", type=int, default=64,
                        help="documents per piece of the interleaved measurement (0: skip it)")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="sre-bench-") as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        words = build_corpus(corpus, args.docs)
        rows = []
        cases = [("bare model (nlp.pipe)", [sys.executable, "-c", _BARE, str(corpus)]),
                 ("pipeline, 1 worker", _run_case(corpus, tmp_path / "o1", "--workers", "1")),
                 (f"pipeline, {cores} workers", _run_case(corpus, tmp_path / "on", "--workers", str(cores)))]
        if not args.no_dask:
            cases.append((f"pipeline, dask LocalCluster ({cores})",
                          _run_case(corpus, tmp_path / "od", "--executor", "dask", "--workers", str(cores))))
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in cases}
        for _ in range(max(args.repeat, 1)):
            for name, cmd in cases:
                runs[name].append(_measure(cmd))
        for name, _ in cases:
            seconds, rss = min(runs[name])
            rows.append((name, args.docs / seconds, max(r for _, r in runs[name]), seconds))
        print(f"Machine: {machine()}")
        print(f"Corpus: {args.docs} documents, {words} words (recombined from corpus/); "
              f"fastest of {max(args.repeat, 1)} runs per case")
        print(f"{'case':<34}{'docs/s':>9}{'seconds':>9}{'peak RSS MB':>13}")
        for name, rate, rss, seconds in rows:
            print(f"{name:<34}{rate:>9.1f}{seconds:>9.1f}{rss:>13.0f}")
        seconds = {name: [t for t, _ in measured] for name, measured in runs.items()}
        names = [name for name, _ in cases]
        print(ratio_line("ratio pipeline(1 worker) / bare model", rows[1][1] / rows[0][1],
                         round_ratios(seconds, names[1], names[0]), "target >= 0.80"))
        print(ratio_line(f"ratio pipeline({cores} workers) / pipeline(1 worker)", rows[2][1] / rows[1][1],
                         round_ratios(seconds, names[2], names[1]), "target >= 1.7 on 2 cores"))
        if args.piece > 0:
            measured = json.loads(_tagged([sys.executable, "-c", _INTERLEAVED, str(corpus), str(args.piece)],
                                          "INTERLEAVED"))
            print(interleaved_line(*measured, args.piece))
        if args.memory:
            peaks = {}
            for n in (500, 10_000):
                c = tmp_path / f"m{n}"
                build_corpus(c, n)
                peaks[n] = _measure(_run_case(c, tmp_path / f"om{n}", "--workers", "1"))[1]
            print(f"peak RSS 10,000 docs / 500 docs: {peaks[10_000] / peaks[500]:.2f}  (target <= 1.25; "
                  f"{peaks[500]:.0f} MB vs {peaks[10_000]:.0f} MB)")


if __name__ == "__main__":
    main()
