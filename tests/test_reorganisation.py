"""dtlib.analysis.reorganisation: the four provinces on their last day beside what they became; a pack built over it."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import dtlib
from dtlib.words import i18n
from dtlib.words.captions import reorganisation_columns
from dtlib.analysis.reorganisation import reorganisation_day, reorganisation_table

from .reorg_fixture import AS_OF, write_reorg_dataset


@pytest.fixture
def reorg_dir(tmp_path):
    return write_reorg_dataset(tmp_path / "data")


def test_each_former_province_stands_on_its_last_day_beside_what_it_became(reorg_dir):
    data = dtlib.load(reorg_dir)
    assert reorganisation_day(data) == pd.Timestamp("2025-06-30")
    table = reorganisation_table(data, AS_OF)
    sides = table.drop_duplicates("column")[["province", "side", "unit", "column"]].values.tolist()
    assert sides == [["lao-cai", "former", "lao-cai", "lao-cai@2025-06-30"],
                     ["lao-cai", "now", "lao-cai-2025", "lao-cai-2025@2026-03-31"],
                     ["lai-chau", "former", "lai-chau", "lai-chau@2025-06-30"],
                     ["lai-chau", "now", "lai-chau", "lai-chau@2026-03-31"]]
    former = table[table["column"] == "lao-cai@2025-06-30"].set_index("indicator")
    # its own figures up to 30 June 2025 (the half-year's, published later), its verdicts on that day
    assert former.loc["dossiers_online_province_pct", "value"] == 88.0
    assert former.loc["dossiers_online_province_pct", "verdict"] == "not_met"
    assert former.loc["dossiers_online_district_pct", "verdict"] == "met"     # districts still existed
    now = table[table["column"] == "lao-cai-2025@2026-03-31"].set_index("indicator")
    assert now.loc["dossiers_online_province_pct", "value"] == 94.0
    assert "dossiers_online_district_pct" not in now.index
    names = reorganisation_columns(table, {"lao-cai": "Lào Cai", "lao-cai-2025": "Lào Cai (with former Yên Bái)",
                                 "lai-chau": "Lai Châu"}, "en")
    assert names["lao-cai@2025-06-30"] == "Lào Cai (to 30 Jun 2025)"
    assert names["lao-cai-2025@2026-03-31"].startswith("Lào Cai (with former Yên Bái)")


def test_no_reorganisation_before_it_happened(reorg_dir):
    assert reorganisation_table(dtlib.load(reorg_dir), "2025-06-30").empty


@pytest.mark.slow
def test_a_pack_over_a_passed_deadline_a_merged_province_and_a_retired_district_target(reorg_dir, tmp_path):
    from dtlib.cli import main

    out = tmp_path / "pack"
    code = main(["report", "--data", str(reorg_dir), "--out", str(out), "--as-of", AS_OF, "--lang", "en",
                 "--quiet", "--jobs", "2"])
    assert code == 0
    attainment = pd.read_csv(out / "tables" / "attainment.csv", keep_default_na=False)
    passed = pd.to_datetime(attainment["deadline"]) <= pd.Timestamp(AS_OF)
    assert attainment.loc[passed, "verdict"].isin(["met", "not_met", "no_figure"]).all()
    assert (attainment.loc[~passed, "verdict"] == "").all()
    assert "dossiers_online_district_pct" not in set(attainment["indicator"])
    verdicts = pd.read_csv(out / "tables" / "verdicts.csv", keep_default_na=False)
    mine = verdicts.set_index(["unit", "indicator", "deadline"])
    assert mine.loc[("lao-cai-2025", "dossiers_online_province_pct", "2025-12-31"), "verdict"] == "met"
    assert mine.loc[("lao-cai", "dossiers_online_province_pct", "2025-12-31"), "verdict"] == "not_met"
    ended = pd.read_csv(out / "tables" / "not_applicable.csv", keep_default_na=False)
    assert set(ended["indicator"]) == {"dossiers_online_district_pct"} and ended["reason"].str.len().gt(0).all()
    reorg = pd.read_csv(out / "tables" / "reorganisation.csv", keep_default_na=False)
    assert list(dict.fromkeys(reorg["column"])) == ["lao-cai@2025-06-30", "lao-cai-2025@2026-03-31",
                                                    "lai-chau@2025-06-30", "lai-chau@2026-03-31"]
    assert (out / "targets_reorganisation.png").exists()
    # the key findings: each province's first sentence states a status or a verdict, never an absence
    summary = (out / "summary.md").read_text(encoding="utf-8")
    findings = summary.split("## ")[1].splitlines()[1:]
    firsts = {}
    for line in findings:
        for name in ("Lào Cai (2025)", "Lai Châu"):
            if line.startswith(f"- {name}") and name not in firsts:
                firsts[name] = line
    assert set(firsts) == {"Lào Cai (2025)", "Lai Châu"}
    date = i18n.date(AS_OF, "en")
    first = firsts["Lào Cai (2025)"]
    assert first.startswith(f"- Lào Cai (2025) meets 0 of the 1 targets with a figure on {date}")
    assert "targets due in 2025: 1 met (Province work records)" in first
    # the former province's verdicts, on its last day, named as the former province's
    assert "Lào Cai before the merger (on 30 Jun 2025): 1 met, 1 not met" in first
    assert re.match(r"- Lai Châu meets 0 of the 1 targets with a figure", firsts["Lai Châu"])
    assert "targets due in 2025: 1 not met" in firsts["Lai Châu"]
    assert not any(line.startswith("- ") and "no figure for any" in line for line in findings)
