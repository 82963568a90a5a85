"""benchmarks/runner.py: the cold build, the no-op rebuild, the floor and the peer of one plan."""
from __future__ import annotations

from dataclasses import asdict

import nbformat
import pytest

import dtlib.pack.report
from dtlib import cli
from dtlib.pack.report import Job

from .benchmark_scripts import load


def _module():
    return load("runner")


@pytest.mark.heavy
def test_the_benchmarks_plan_is_the_plan_the_report_command_builds(tmp_path, monkeypatch):
    given = []

    def build_pack(jobs, out, **kwargs):    # the command's plan, caught before anything runs
        given.append(jobs)
        return {"runs": [], "ok": True}

    monkeypatch.setattr(dtlib.pack.report, "build_pack", build_pack)
    assert cli.main(["report", "--out", str(tmp_path / "pack"), "--quiet"]) == 0
    planned = _module().report_plan()
    assert len(planned) == 8 and [asdict(j) for j in planned] == [asdict(j) for j in given[0]]


def _tiny_notebook(folder):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('out_dir = "."\nlang = "vi"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Tiny"), params,
                nbformat.v4.new_code_cell("import time\nfrom pathlib import Path\nimport matplotlib.pyplot as plt\n"
                                          "from IPython.display import display\nimport pandas as pd"),
                nbformat.v4.new_code_cell("time.sleep(0.05)\nfig, ax = plt.subplots()\nax.plot([1, 2], [2, 1])\n"
                                          "fig.savefig(Path(out_dir) / f'tiny_{lang}.png')\nplt.close(fig)\n"
                                          "display(pd.DataFrame({'a': [1]}))")]
    path = folder / "tiny.ipynb"
    nbformat.write(nb, path)
    return str(path)


@pytest.mark.heavy
def test_the_floor_runs_every_cell_of_every_run_with_its_parameters_and_times_them(tmp_path):
    notebook = _tiny_notebook(tmp_path)
    jobs = [Job(notebook, "tiny_en", {"lang": "en"}), Job(notebook, "tiny_vi", {"lang": "vi"})]
    floor = _module().floor(jobs, tmp_path / "floor", workers=4)
    # two runs, each of three code cells and the injected parameters' cell; divided over two workers, not four
    assert (floor.runs, floor.cells, floor.workers) == (2, 8, 2)
    assert floor.seconds >= 0.1 and floor.wall == pytest.approx(floor.seconds / 2)
    assert (tmp_path / "floor" / "tiny_en" / "tiny_en.png").is_file()     # the injected out_dir and lang
    assert (tmp_path / "floor" / "tiny_vi" / "tiny_vi.png").is_file()


def test_a_failing_cell_fails_the_floor_rather_than_lowering_it(tmp_path):
    nb = nbformat.read(_tiny_notebook(tmp_path), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('broken')"))
    nbformat.write(nb, tmp_path / "tiny.ipynb")
    with pytest.raises(ValueError, match="broken"):
        _module().floor([Job(str(tmp_path / "tiny.ipynb"), "tiny", {})], tmp_path / "floor", workers=2)


def test_each_bar_is_met_or_not_by_the_figures():
    runner = _module()
    assert [met for _, met in runner.bars(cold=15.0, noop=1.9, floor_wall=10.0, peer_wall=50.0)] == [True, True, True]
    assert [met for _, met in runner.bars(cold=15.1, noop=2.0, floor_wall=10.0, peer_wall=50.0)] == [False, False,
                                                                                                     False]
    assert runner.bars(cold=1.0, noop=1.0, floor_wall=1.0, peer_wall=None)[1][1] is None
    text = runner.table(18.0, 1.0, runner.Floor(20.0, 2, 8, 40, {}), None, "tree 1 MB")
    assert "cold / floor  1.80" in text and "NOT met" in text and "not measured" in text


@pytest.mark.slow
def test_the_benchmark_prints_cold_no_op_and_floor_of_the_shipped_pack(tmp_path, capsys):
    assert _module().main(["--out", str(tmp_path), "--skip-peer"]) == 0
    out = capsys.readouterr().out
    for name in ("cold", "no-op", "floor", "cold / floor", "cold <= 1.5 x floor"):
        assert name in out
    assert (tmp_path / "pack" / "index.html").is_file() and len(list((tmp_path / "floor").iterdir())) == 8
