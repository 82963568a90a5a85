"""benchmarks/in_process.py: a notebook's cells run in one process, its parameters set after its parameters cell."""
from __future__ import annotations

import subprocess
import sys

import pytest

from .benchmark_scripts import FOLDER, load

#: Builds packs or starts kernels: left out of ``make test-fast`` (issue 22).
pytestmark = pytest.mark.heavy

SCRIPT = FOLDER / "in_process.py"


def _module():
    return load("in_process")


def test_the_values_given_follow_the_parameters_cell_and_come_before_the_first_use(tmp_path):
    source = _module().cells("05_coverage", {"out_dir": str(tmp_path), "as_of": "2026-03-31"})
    default, given, setup = (source.index('out_dir = "figures"'), source.index(f"out_dir = {str(tmp_path)!r}"),
                             source.index("nb.setup("))
    assert default < given < setup and "as_of = '2026-03-31'" in source
    compile(source, "05_coverage", "exec")


def test_a_notebook_runs_in_the_scripts_process_and_writes_its_figures(tmp_path):
    # in a process of its own: a notebook sets the language and the theme of the process it runs in
    done = subprocess.run([sys.executable, str(SCRIPT), "01_profile", "--out", str(tmp_path), "--as-of", "2026-03-31",
                           "--profile", "5"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "01_profile:" in done.stdout and "cumulative" in done.stdout
    assert list(tmp_path.glob("profile_*_peers.png")) and (tmp_path / "tables").is_dir()
