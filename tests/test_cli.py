"""End to end: the CLI on a tiny corpus writes every table with its contract and provenance."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.tables import SCHEMAS

from .conftest import ROOT

TINY = {
    "a.txt": " date 2026-01-15 El canciller Juan Ramón de la Fuente sostuvo una llamada este "
             "jueves con el secretario de Estado de Estados Unidos, Marco Rubio. Ambos acordaron "
             "fortalecer la cooperación consular y reunirse en Washington en febrero.",
    "b.txt": "Ciudad de México, 3 de marzo de 2025.\n\nLa Secretaría de Relaciones Exteriores "
             "informó que la próxima reunión del grupo bilateral se celebrará el 10 de abril.",
    "empty.txt": "",
}


@pytest.fixture(scope="module")
def run_out(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in TINY.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "outputs"
    result = CliRunner().invoke(main, ["run", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Documents: 1 empty, 2 ok" in result.output
    return out


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_every_table_is_written_with_its_schema(run_out: Path, table: str) -> None:
    parts = sorted((run_out / table).glob("*.parquet"))
    assert parts, f"{table} has no parquet part"
    schema = pq.read_schema(parts[0])
    for field in SCHEMAS[table]:
        assert schema.field(field.name).type == field.type
    pd.read_parquet(run_out / table)  # loads as a dataset


def test_documents_have_one_row_per_input_with_status(run_out: Path) -> None:
    docs = pd.read_parquet(run_out / "documents").set_index("source")
    assert docs.loc["a.txt", "published_from"] == "header"
    assert docs.loc["b.txt", "published_from"] == "dateline"
    assert docs.loc["empty.txt", "status"] == "empty"
    assert docs.loc["a.txt", "model"].startswith("es_core_news_")
    assert (docs["n_chars"] == docs["text"].str.len()).all()


@pytest.mark.parametrize("table, column", [("mentions", "text"), ("dates", "text"),
                                           ("commitments", "action")])
def test_offsets_point_at_the_row_text(run_out: Path, table: str, column: str) -> None:
    texts = pd.read_parquet(run_out / "documents").set_index("doc_id")["text"]
    rows = pd.read_parquet(run_out / table)
    for row in rows.to_dict("records"):
        assert texts[row["doc_id"]][row["start"]:row["end"]] == row[column]


def test_mentions_come_from_the_model_with_sentence_index(run_out: Path) -> None:
    mentions = pd.read_parquet(run_out / "mentions")
    assert len(mentions) > 0
    assert mentions["sentence"].min() >= 0


def test_manifest_is_written_with_counts(run_out: Path) -> None:
    manifest = json.loads((run_out / "manifest.json").read_text())
    assert manifest["documents_by_status"] == {"empty": 1, "ok": 2}
    assert manifest["rows"]["documents"] == 3
    assert manifest["model"].startswith("es_core_news_") and manifest["schema_version"]


def test_a_rerun_replaces_outputs_and_leaves_no_temporary_folder(run_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    shutil.copytree(run_out, out)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "only.txt").write_text(TINY["a.txt"], encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(out / "documents")) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "outputs"]


def test_an_output_folder_holding_the_input_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    """"run d/in --out d" would have replaced d, its input and its notes with the tables."""
    folder = tmp_path / "d"
    (folder / "in").mkdir(parents=True)
    (folder / "in" / "a.txt").write_text(TINY["a.txt"], encoding="utf-8")
    (folder / "notes.md").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(folder / "in"), "--out", str(folder)])
    assert result.exit_code == 1 and "holds the input" in result.output
    assert sorted(p.name for p in folder.rglob("*")) == ["a.txt", "in", "notes.md"]


def test_missing_input_is_a_clear_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "input not found" in result.output


def test_all_inputs_failing_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("")
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1


def test_eval_prints_scores_for_each_layer(run_out: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "b.json").write_text(json.dumps({"file": "b.txt", "published": "2025-03-03",
                                             "participants": [], "dates": [], "commitments": [],
                                             "events": []}))
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--out", str(run_out)])
    assert result.exit_code == 0, result.output
    for layer in ("persons", "organizations", "dates", "commitments", "events_held", "events_planned"):
        assert layer in result.output


def test_python_dash_m_pipeline_help_lists_subcommands() -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert "run" in result.stdout and "eval" in result.stdout


@pytest.mark.parametrize("strict, code", [pytest.param(False, 0, id="bad inputs tolerated"),
                                          pytest.param(True, 1, id="--strict: any bad input fails")])
def test_strict_makes_any_bad_input_fail(tmp_path: Path, strict: bool, code: int) -> None:
    (tmp_path / "a.txt").write_text(TINY["a.txt"], encoding="utf-8")
    (tmp_path / "e.txt").write_text("")
    args = ["run", str(tmp_path), "--out", str(tmp_path / "o"), *(["--strict"] if strict else [])]
    assert CliRunner().invoke(main, args).exit_code == code


def test_batch_size_zero_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--batch-size", "0", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2


@pytest.mark.parametrize("gold_text, message", [
    pytest.param("{not json", "bad.json", id="invalid JSON names the file"),
    pytest.param('{"file": "a.txt"}', "lacks participants", id="missing keys are named"),
])
def test_eval_errors_name_the_gold_file(run_out: Path, tmp_path: Path, gold_text: str, message: str) -> None:
    (tmp_path / "bad.json").write_text(gold_text)
    result = CliRunner().invoke(main, ["eval", "--gold", str(tmp_path), "--out", str(run_out)])
    assert result.exit_code == 1 and message in result.output


def test_eval_without_a_finished_run_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "--gold", str(tmp_path), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "python -m pipeline run" in result.output
