"""Runs: incremental reuse, determinism across workers and executors, crash safety."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import spacy
from spacy.language import Language
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import Settings
from pipeline.nlp import process_long, split_text
from pipeline.ingest import RawDocument
from pipeline import run as run_module
from pipeline.run import PIECES_PER_CHUNK, annotate_safely, chunks, run
from pipeline.tables import SCHEMAS

from .conftest import ROOT

SENTENCES = [
    "El canciller Juan Ramón de la Fuente sostuvo una llamada con el secretario de Estado Marco Rubio.",
    "Ambos funcionarios acordaron fortalecer la cooperación en seguridad y reunirse en febrero.",
    "La presidenta Claudia Sheinbaum recibió en Palacio Nacional a la ministra Anita Anand.",
    "La Secretaría de Relaciones Exteriores informó que la próxima reunión será el 23 de enero.",
    "Los cancilleres de México y Colombia se comprometieron a ampliar el intercambio académico.",
]


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
        (folder / f"d{i:03d}.txt").write_text(f" date 2026-01-{1 + i % 28:02d} {text} Nota {i}.", encoding="utf-8")
    return folder


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out / t) for t in SCHEMAS}


def _parts(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("corpus"), 12)


def test_rerun_processes_nothing_and_gives_the_same_tables(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(Settings(inputs=(corpus,), out=out, chunk_size=5))
    before = _tables(out)
    second = run(Settings(inputs=(corpus,), out=out, chunk_size=5))
    assert (first.processed, second.processed, second.reused) == (12, 0, 12)
    for table, frame in _tables(out).items():
        pd.testing.assert_frame_equal(frame, before[table], obj=table)


def test_a_rerun_over_a_damaged_part_processes_everything_again(corpus: Path, tmp_path: Path) -> None:
    """A part file the rows would be read from that is no Parquet file: the rerun processes every
    document (as for a damaged manifest) instead of stopping with pyarrow's error."""
    out = tmp_path / "out"
    run(Settings(inputs=(corpus,), out=out, chunk_size=5))
    before = _tables(out)
    next((out / "mentions").glob("part-*.parquet")).write_text("garbage", encoding="utf-8")
    summary = run(Settings(inputs=(corpus,), out=out, chunk_size=5))
    assert (summary.processed, summary.reused) == (12, 0)
    for table, frame in _tables(out).items():
        pd.testing.assert_frame_equal(frame, before[table], obj=table)


def test_rerun_processes_only_new_or_changed_documents(corpus: Path, tmp_path: Path) -> None:
    work = _corpus(tmp_path / "c", 4)
    out = tmp_path / "out"
    run(Settings(inputs=(work,), out=out))
    (work / "d001.txt").write_text(" date 2026-02-02 " + SENTENCES[4], encoding="utf-8")
    (work / "new.txt").write_text(SENTENCES[2] + " " + SENTENCES[3], encoding="utf-8")
    summary = run(Settings(inputs=(work,), out=out))
    assert (summary.processed, summary.reused) == (2, 3)
    full = tmp_path / "full"
    run(Settings(inputs=(work,), out=full, full=True))
    for table, frame in _tables(full).items():
        pd.testing.assert_frame_equal(_tables(out)[table], frame, obj=table)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> dict[str, pd.DataFrame]:
    """The tables of the bundled corpus."""
    out = tmp_path_factory.mktemp("bundled") / "out"
    run(Settings(inputs=(ROOT / "corpus",), out=out))
    return _tables(out)


@pytest.mark.parametrize("table", ["participants", "mentions", "event_participants", "commitment_actors"])
def test_every_actor_a_table_references_is_a_participant_of_its_document(bundled, table: str) -> None:
    """The documented joins hold: each (doc_id, actor_id) is a participants row, each actor_id
    an actors row."""
    rows = bundled[table].dropna(subset=["actor_id"])
    participants = set(zip(bundled["participants"].doc_id, bundled["participants"].actor_id))
    assert len(rows) > 0
    assert set(zip(rows.doc_id, rows.actor_id)) <= participants
    assert set(rows.actor_id) <= set(bundled["actors"].actor_id)


def test_a_changed_publication_date_is_processed_again(tmp_path: Path) -> None:
    work = _corpus(tmp_path / "c", 2)
    out = tmp_path / "out"
    run(Settings(inputs=(work,), out=out))
    text = (work / "d000.txt").read_text(encoding="utf-8")
    (work / "d000.txt").write_text(text.replace("2026-01-01", "2025-06-02"), encoding="utf-8")
    summary = run(Settings(inputs=(work,), out=out))
    assert (summary.processed, summary.reused) == (1, 1)


def test_a_document_ingest_dates_from_a_date_line_of_its_text_is_reused(tmp_path: Path) -> None:
    """A line that is only a date gives ingest the date (``published_from`` is ``text``): the
    rerun reuses its rows (it was processed again every time, its date taken for a stage's)."""
    work = tmp_path / "c"
    work.mkdir()
    (work / "a.txt").write_text("13 de septiembre de 2025\n" + SENTENCES[0], encoding="utf-8")
    out = tmp_path / "out"
    run(Settings(inputs=(work,), out=out))
    assert pd.read_parquet(out / "documents").published_from.tolist() == ["text"]
    summary = run(Settings(inputs=(work,), out=out))
    assert (summary.processed, summary.reused) == (0, 1)


def test_a_document_dated_from_its_own_text_is_reused_with_its_date(tmp_path: Path) -> None:
    """An undated input that sre_undated dates from its text is unchanged input: the rerun
    reuses its rows and keeps the inferred date (it used to be processed again every time)."""
    work = tmp_path / "c"
    work.mkdir()
    (work / "undated.txt").write_text(
        "Ciudad de México.- El canciller Marcelo Ebrard informó el día de hoy, martes 3 de marzo, "
        "que viajará a Lima. Ayer conversó con su homólogo peruano.", encoding="utf-8")
    out = tmp_path / "out"
    run(Settings(inputs=(work,), out=out))
    first = _tables(out)
    assert first["documents"]["published_from"].tolist() == ["text"]
    summary = run(Settings(inputs=(work,), out=out))
    assert (summary.processed, summary.reused) == (0, 1)
    for table, frame in _tables(out).items():
        pd.testing.assert_frame_equal(frame, first[table], obj=table)


@Language.component("boom_on_marker")
def _boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("simulated stage failure")
    return doc


def test_a_document_that_breaks_a_stage_becomes_an_error_row() -> None:
    nlp = spacy.blank("es")
    nlp.add_pipe("boom_on_marker")
    raws = [RawDocument(source=f"{name}.txt", text=text, doc_id=name)
            for name, text in [("a", "Texto uno."), ("b", "Texto BOOM."), ("c", "Texto tres.")]]
    done = annotate_safely(nlp, raws, batch_size=8)
    assert sorted(done) == ["a", "c"]
    assert [r.status for r in raws] == ["ok", "error", "ok"]
    assert "b.txt" in raws[1].error and "simulated stage failure" in raws[1].error


def test_the_loaded_pipeline_is_frozen_out_of_garbage_collection(monkeypatch) -> None:
    """The model and rules live as long as the process: full collections must not walk them
    again for every chunk of documents."""
    monkeypatch.setattr(run_module, "_NLP_CACHE", {})
    gc.unfreeze()
    nlp = run_module._nlp(Settings(stages=("sre_dates",)))
    assert gc.get_freeze_count() > 0
    assert run_module._nlp(Settings(stages=("sre_dates",))) is nlp


def test_the_young_generation_is_collected_less_often(monkeypatch) -> None:
    """Documents allocate many short-lived objects: a collection every 700 was ~0.5% of a run."""
    monkeypatch.setattr(run_module, "_NLP_CACHE", {})
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, *before[1:])
        run_module._nlp(Settings(stages=("sre_dates",)))
        assert gc.get_threshold() == (run_module.GC_YOUNG_THRESHOLD, *before[1:])
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize("field, value", [pytest.param("chunk_size", 0, id="empty chunks would drop every document"),
                                          pytest.param("workers", 0, id="no worker"),
                                          pytest.param("batch_size", -1, id="negative batch"),
                                          pytest.param("executor", "spark", id="unknown executor")])
def test_bad_settings_are_refused(field: str, value) -> None:
    with pytest.raises(ValueError, match=field):
        Settings(**{field: value})


def test_two_workers_give_byte_identical_tables(corpus: Path, tmp_path: Path) -> None:
    run(Settings(inputs=(corpus,), out=tmp_path / "w1", chunk_size=3, workers=1))
    run(Settings(inputs=(corpus,), out=tmp_path / "w2", chunk_size=3, workers=2))
    assert _parts(tmp_path / "w1") == _parts(tmp_path / "w2")


def _log_model_loads(monkeypatch, log: Path) -> None:
    """From now on, every process (the workers too) writes its id to ``log`` when it loads the
    model; the loaded pipelines of this process are forgotten for the test."""
    monkeypatch.setattr(run_module, "_NLP_CACHE", {})
    load = run_module.load_nlp

    def logged(settings: Settings) -> Language:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return load(settings)

    monkeypatch.setattr(run_module, "load_nlp", logged)


def test_with_two_workers_the_driver_loads_the_model_once_for_them(corpus: Path, tmp_path: Path,
                                                                   monkeypatch) -> None:
    _log_model_loads(monkeypatch, tmp_path / "loads")
    run(Settings(inputs=(corpus,), out=tmp_path / "w2", chunk_size=3, workers=2))
    assert (tmp_path / "loads").read_text(encoding="utf-8").split() == [str(os.getpid())]


def test_a_two_worker_rerun_with_nothing_to_process_loads_no_model(corpus: Path, tmp_path: Path,
                                                                   monkeypatch) -> None:
    settings = Settings(inputs=(corpus,), out=tmp_path / "w2", chunk_size=3, workers=2)
    run(settings)
    _log_model_loads(monkeypatch, tmp_path / "loads")
    assert run(settings).reused == 12
    assert not (tmp_path / "loads").exists()


def test_dask_local_cluster_equals_a_local_run(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    run(Settings(inputs=(corpus,), out=tmp_path / "local", chunk_size=4))
    run(Settings(inputs=(corpus,), out=tmp_path / "dask", chunk_size=4, executor="dask", workers=2))
    assert _parts(tmp_path / "local") == _parts(tmp_path / "dask")


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=64))
@settings(max_examples=300)
def test_chunks_keep_every_document_in_order_with_small_pieces_at_both_ends(n: int, size: int) -> None:
    tasks = list(chunks(range(n), size))
    assert [i for task in tasks for i in task] == list(range(n))
    piece = -(-size // PIECES_PER_CHUNK)
    head = []
    while tasks and sum(map(len, head)) < min(n, size):
        head.append(tasks.pop(0))
    assert all(0 < len(t) <= piece for t in head), "the first chunk's worth in pieces"
    assert sum(map(len, head)) == min(n, size), "the head is the first chunk's worth exactly"
    full = [t for t in tasks if len(t) == size and len(t) > piece]
    assert tasks[:len(full)] == full, "then whole chunks"
    tail = tasks[len(full):]
    assert all(0 < len(t) <= piece for t in tail), "then pieces of at most a quarter chunk"
    assert sum(map(len, tail)) >= min(n - size, size) if n > size else not tail, \
        "the last chunk's worth at least is cut"
    assert max(map(len, tail), default=0) - min(map(len, tail), default=0) <= 1, "near-equal pieces"


@pytest.mark.parametrize("n, size, sizes, reason", [
    (1000, 128, [32] * 4 + [128] * 5 + [29] * 8,
     "the bench's 1,000 documents: four pieces first, 232 left after five chunks"),
    (256, 128, [32] * 8, "exactly two chunks: the first and the last are cut"),
    (100, 128, [32, 32, 32, 4], "less than a chunk: pieces as they are read"),
    (3, 128, [3], "fewer documents than a piece"),
    (0, 128, [], "no documents, no task"),
])
def test_chunks_sizes(n: int, size: int, sizes: list[int], reason: str) -> None:
    assert [len(t) for t in chunks(range(n), size)] == sizes, reason


def test_the_first_piece_goes_out_before_the_second_chunk_is_read() -> None:
    """Workers start while the driver reads on: the first task needs only its own documents."""
    read = []
    documents = (read.append(i) or i for i in range(1000))
    first = next(chunks(documents, 128))
    assert (len(first), len(read)) == (32, 32)


def test_sigkill_midway_leaves_previous_outputs_intact(tmp_path: Path) -> None:
    small = _corpus(tmp_path / "small", 2)
    out = tmp_path / "out"
    run(Settings(inputs=(small,), out=out))
    manifest = (out / "manifest.json").read_text()
    before = _parts(out)
    big = _corpus(tmp_path / "big", 400)
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "-q", "run", str(big), "--out", str(out),
                             "--workers", "1", "--chunk-size", "8"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob("out.tmp-*/documents/*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the run has written parts of its own
    assert list(tmp_path.glob("out.tmp-*/documents/*.parquet")), "the run wrote no part in time"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (out / "manifest.json").read_text() == manifest
    assert _parts(out) == before
    run(Settings(inputs=(small,), out=out))  # the next run cleans up what the killed one left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "out", "small"]


def test_manifest_counts_processed_and_reused(corpus: Path, tmp_path: Path) -> None:
    run(Settings(inputs=(corpus,), out=tmp_path / "o"))
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert (manifest["documents_processed"], manifest["documents_reused"]) == (12, 0)
    assert manifest["code_hash"] and manifest["models_hash"]


@pytest.mark.parametrize(
    "text, size",
    [
        pytest.param("uno dos\n\ntres cuatro\n\ncinco", 12, id="cuts after paragraph breaks"),
        pytest.param("a" * 50, 16, id="no break at all: hard cuts"),
        pytest.param("Frase uno. Frase dos. Frase tres.", 14, id="cuts after sentence ends"),
        pytest.param("Uno.\n\nSegundo párrafo con", 24, id="a paragraph break beats a later space"),
    ],
)
def test_split_text_pieces_join_back(text: str, size: int) -> None:
    pieces = split_text(text, size)
    assert "".join(pieces) == text and all(len(p) <= size for p in pieces)
    if "\n\n" in text[:size]:
        assert pieces[0].endswith("\n\n")


@given(st.text(max_size=300), st.integers(min_value=1, max_value=50))
@settings(max_examples=300)
def test_split_text_always_joins_back(text: str, size: int) -> None:
    assert "".join(split_text(text, size)) == text


def test_a_document_longer_than_max_length_is_processed_whole(nlp) -> None:
    body = "\n\n".join(SENTENCES * 40)  # ~15,000 characters
    limit, nlp.max_length = nlp.max_length, 3000  # the same path a 1 MB text takes
    try:
        doc = process_long(nlp, body, "long", None)
    finally:
        nlp.max_length = limit
    assert doc.text == body
    mentions = doc._.mentions
    assert mentions and max(m.end for m in mentions) > len(body) - 200  # entities up to the end
    assert all(body[m.start:m.end] == m.text for m in mentions)
    assert len(list(doc.sents)) >= len(SENTENCES) * 40


@given(st.text(max_size=400))
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
def test_any_unicode_text_never_raises_in_any_stage(make_doc, text: str) -> None:
    doc = make_doc(text, "2026-01-15")
    for name in ("mentions", "participants", "timexes", "commitments", "events"):
        for record in getattr(doc._, name) or []:
            assert 0 <= record.start <= record.end <= len(text)
            if name in ("mentions", "timexes"):
                assert text[record.start:record.end] == record.text
            if name == "commitments":
                assert text[record.start:record.end] == record.action
