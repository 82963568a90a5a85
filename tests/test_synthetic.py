"""The synthetic data set of benchmarks/synthetic.py: valid, loadable, and marked synthetic everywhere."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import dtlib
from dtlib.data.io import read_table
from dtlib.data.text import states_value
from dtlib.data.vocab import COLUMNS, MEASURES, PILLARS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from synthetic import MARK, PROVINCES, is_synthetic, main, write_synthetic  # noqa: E402

SIZE = {"provinces": 3, "indicators": 5, "quarters": 4}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_synthetic(tmp_path_factory.mktemp("syn") / "data", **SIZE)


@pytest.fixture(scope="module")
def data(folder):
    return dtlib.load(folder)


def test_a_small_set_loads_with_the_size_asked(data):
    provinces = data.units[data.units["level"] == "province"]
    assert sorted(provinces["name_vi"]) == sorted(PROVINCES[:3])
    assert (data.units["level"] == "nation").sum() == 1
    assert len(data.indicators) == 5
    assert set(data.indicators["pillar"]) <= set(PILLARS)
    assert set(data.indicators["unit"]) <= set(MEASURES)
    assert data.observations["as_of"].nunique() == 4
    assert set(data.observations["window"]) == {"quarter"}
    assert not data.targets.empty


def test_every_id_and_the_folder_are_marked_synthetic(folder, data):
    assert is_synthetic(folder)
    assert (folder / "README.md").read_text(encoding="utf-8").startswith(f"# {MARK}")
    assert data.units["id"].str.startswith("syn-").all()
    assert data.sources["id"].str.startswith("syn-").all()
    assert data.indicators["id"].str.startswith("syn_").all()
    assert data.sources["note"].str.contains(MARK).all()
    assert data.observations["note"].str.contains(MARK).all()
    assert data.targets["instrument"].str.contains(MARK).all()


def test_each_table_has_the_contract_columns(folder):
    for table, (required, optional) in COLUMNS.items():
        header = [c for c in read_table(folder / f"{table}.csv").columns if c != "_line"]
        assert header == [*required, *optional]


def test_every_quote_states_its_value(data):
    obs = data.observations
    assert all(states_value(q, v) for q, v in zip(obs["quote"], obs["value"]))


def test_the_same_seed_writes_the_same_files(folder, tmp_path):
    again = write_synthetic(tmp_path / "again", **SIZE)
    for name in ("observations", "targets"):
        assert (again / f"{name}.csv").read_bytes() == (folder / f"{name}.csv").read_bytes()
    other = write_synthetic(tmp_path / "other", **SIZE, seed=1)
    assert (other / "observations.csv").read_bytes() != (folder / "observations.csv").read_bytes()


def test_the_attainment_table_covers_every_unit(data):
    table = dtlib.attainment_table(data)
    assert set(table["unit"]) == set(data.units["id"])
    assert set(table["status"]) <= set(dtlib.STATUSES)


def test_the_repository_data_folder_is_refused(tmp_path):
    with pytest.raises(ValueError, match="never go into the repository's data/"):
        write_synthetic(Path(dtlib.data.dataset.default_data_dir()) / "synthetic", **SIZE)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="not a synthetic data folder"):
        write_synthetic(tmp_path / "mine", **SIZE)
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_command_line_writes_a_folder(tmp_path, capsys):
    assert main([str(tmp_path / "cli"), "--provinces", "2", "--indicators", "4", "--quarters", "2"]) == 0
    assert MARK in capsys.readouterr().out
    obs = pd.read_csv(tmp_path / "cli" / "observations.csv", dtype=str)
    assert obs["unit"].str.startswith("syn-").all()


def test_the_attainment_table_agrees_with_attainment_pair_by_pair(data):
    """The table is computed for every pair at once; each row must be what the scalar functions give."""
    from dtlib.analysis.targets import applicable_target, attainment, one_window

    when = dtlib.report_date(data)
    obs = dtlib.known_observations(data, when)
    table = dtlib.attainment_table(data, when)
    direction = dict(zip(data.indicators["id"], data.indicators["higher_is_better"]))
    assert len(table) > 0
    for row in table.itertuples(index=False):
        target = applicable_target(data, row.unit, row.indicator, when)
        values = obs[(obs["unit"] == row.unit) & (obs["indicator"] == row.indicator)]
        expected = attainment(values, target, bool(direction[row.indicator]))
        assert (row.target_unit, row.target, row.deadline) == (target["target_unit"], target["value"],
                                                                target["deadline"])
        assert row.status == expected["status"]
        for field in ("value", "base_value", "gap", "ratio"):
            assert getattr(row, field) == pytest.approx(expected[field], nan_ok=True)
        latest = one_window(values.sort_values(["as_of", "_line"])).tail(1)
        assert row.source == (latest["source"].iloc[0] if len(latest) else "")
