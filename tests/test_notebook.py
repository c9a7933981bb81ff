"""notebooks/explore.ipynb runs top to bottom (nbclient) on a run's outputs, without error."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT
from .sample_outputs import bundled_outputs, write_sample_outputs

nbformat = pytest.importorskip("nbformat", reason="nbformat (the [dev] extra) runs the notebook")
nbclient = pytest.importorskip("nbclient", reason="nbclient (the [dev] extra) runs the notebook")

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def execute(outputs: Path, monkeypatch) -> nbformat.NotebookNode:
    """Run the notebook from notebooks/ with SRE_OUTPUTS pointing at ``outputs``."""
    monkeypatch.setenv("SRE_OUTPUTS", str(outputs))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    return notebook


def _check_ran(notebook: nbformat.NotebookNode) -> None:
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code), "a code cell did not run"
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    images = sum("image/png" in o.get("data", {}) for c in code for o in c.outputs)
    assert images >= 3, "the timeline, commitments and network plots were not drawn"


def test_the_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")


def test_the_notebook_runs_on_the_bundled_corpus_outputs(tmp_path_factory, monkeypatch) -> None:
    _check_ran(execute(bundled_outputs(tmp_path_factory.getbasetemp()), monkeypatch))


def test_the_notebook_runs_on_fully_populated_outputs(tmp_path, monkeypatch) -> None:
    notebook = execute(write_sample_outputs(tmp_path / "outputs"), monkeypatch)
    _check_ran(notebook)
    shown = "".join(str(o.get("data", {}).get("text/html", "")) for c in notebook.cells
                    if c.cell_type == "code" for o in c.outputs)
    assert "Tomás Lagos Ferrada" in shown  # the upcoming meetings table names the participants
    assert 'class="hl-' in shown  # the document is shown with its spans highlighted
