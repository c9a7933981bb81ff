"""The Makefile, the front door: targets that run the pipeline byte-compile the package first.

With PYTHONDONTWRITEBYTECODE set, Python never caches the package's compiled modules and
every process of a run compiles them again (~0.15 s each). ``make -n`` prints a target's
commands without running them.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def planned(target: str) -> list[str]:
    """The commands ``make target`` would run, in order."""
    result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


@pytest.mark.parametrize("target", [
    "run",     # the README's command
    "eval",    # three runs
    "bench",   # dozens of processes, each would recompile
    "report",  # may run the pipeline first
])
def test_targets_that_run_the_pipeline_compile_the_package_first(target: str) -> None:
    commands = planned(target)
    compiles = [i for i, c in enumerate(commands) if "-m compileall" in c and c.endswith(" pipeline")]
    runs = [i for i, c in enumerate(commands) if " -m pipeline" in c]
    assert compiles and runs and compiles[0] < runs[0], commands


def test_the_compile_step_writes_the_cache_even_when_python_is_told_not_to(tmp_path: Path) -> None:
    line = next(c for c in planned("run") if "-m compileall" in c)
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    command = [sys.executable, *shlex.split(line)[1:]]
    subprocess.run(command, cwd=tmp_path, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, check=True)
    missing = [p.name for p in (tmp_path / "pipeline").glob("*.py")
               if not Path(importlib.util.cache_from_source(str(p))).exists()]
    assert not missing
