"""Notebooks on awkward inputs: a unit with targets but no figures, a unit with nothing at all."""
from pathlib import Path

import nbformat
import papermill as pm
import pandas as pd
import pytest

from .conftest import write_dataset

ROOT = Path(__file__).resolve().parent.parent


def run(notebook: str, out: Path, **params) -> str:
    out.mkdir(parents=True, exist_ok=True)
    executed = out / f"{notebook}.out.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / f"{notebook}.ipynb"), str(executed), cwd=str(ROOT / "notebooks"),
                        parameters={"out_dir": str(out), **params}, progress_bar=False)
    nb = nbformat.read(executed, as_version=4)
    return "\n".join(str(o.get("data", {}).get("text/markdown", "")) + str(o.get("text", ""))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.slow
def test_a_profile_of_a_unit_with_targets_but_no_figures_lists_its_targets(tmp_path):
    data = write_dataset(tmp_path / "data")              # the mini data set: Lai Châu has a target, no figure
    text = run("01_profile", tmp_path / "out", unit="lai-chau", data_dir=str(data))
    assert "no figures" in text.lower()
    targets = pd.read_csv(tmp_path / "out" / "tables" / "profile_lai-chau_targets.csv").set_index("indicator")
    # its own plan's target, and the national targets that apply to every province
    assert set(targets.index) == {"dti_rank", "dossiers_online_province_pct", "adults_smart_device_pct"}
    assert (targets.loc["dti_rank", "target_unit"], targets.loc["dti_rank", "target"]) == ("lai-chau", 45)
    assert targets.loc["dossiers_online_province_pct", "target_unit"] == "vietnam"


@pytest.mark.slow
@pytest.mark.parametrize("notebook", ["02_compare", "04_trends"])
def test_units_with_nothing_to_draw_do_not_crash(tmp_path, notebook):
    # before the mergers Yên Bái and Bắc Kạn were provinces of their own, with no figure in the data
    text = run(notebook, tmp_path / notebook, units=["yen-bai", "bac-kan"], as_of="2024-12-31")
    assert "no figures" in text.lower() or "nothing" in text.lower() or "no indicator" in text.lower()
    assert not list((tmp_path / notebook).glob("*.png"))
