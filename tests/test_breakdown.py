"""benchmarks/breakdown.py: the split of a build's time, read from a built pack."""
from __future__ import annotations

import pytest

from .benchmark_scripts import load


def _module():
    return load("breakdown")


@pytest.mark.slow
def test_the_breakdown_splits_every_run_of_a_pack_and_counts_each_figures_saving(built_pack, capsys):
    pack = built_pack("vi")
    rows = _module().breakdown(pack)
    assert [r["run"] for r in rows][:1] and len(rows) == 8
    for r in rows:
        assert r["cells"] <= r["seconds"] + 0.5 and r["setup"] > 0
        assert (r["save_all"] > 0) == (r["figures"] > 0)
        assert r["save_png"] + r["save_svg"] + r["save_pdf"] <= r["save_all"] + 0.01
        assert 0 < r["kernel"] + r["html"] <= r["kernel_html"] + 0.05     # the runner's phases, within the rest
    assert _module().main([str(pack)]) == 0
    assert "kernel+html" in capsys.readouterr().out
