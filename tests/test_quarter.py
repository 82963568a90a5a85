"""End to end: a new quarter is added to a copy of data/ and the pack is rebuilt over the last one."""
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dtlib.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.slow
def test_adding_a_quarter_updates_the_pack_and_keeps_the_earlier_one(tmp_path, capsys):
    store = Path(shutil.copytree(DATA, tmp_path / "data"))
    q4, q1 = tmp_path / "packs" / "2023-q4", tmp_path / "packs" / "2024-q1"
    assert main(["report", "--data", str(store), "--out", str(q4), "--quiet", "--jobs", "2"]) == 0
    before = pd.read_csv(q4 / "tables" / "attainment.csv")

    assert main(["add", str(DATA / "examples" / "2024-q1.csv"), "--sources",
                 str(DATA / "examples" / "2024-q1-sources.csv"), "--data", str(store)]) == 0
    assert main(["report", "--data", str(store), "--out", str(q1), "--previous", str(q4), "--quiet",
                 "--jobs", "2"]) == 0

    after = pd.read_csv(q1 / "tables" / "attainment.csv").set_index(["unit", "indicator"])
    lai_chau = after.loc[("lai-chau", "dossiers_online_province_pct")]
    assert lai_chau["value"] == 85 and lai_chau["as_of"] == "2023-12-31" and lai_chau["target_unit"] == "lai-chau"
    lao_cai = after.loc[("lao-cai", "dossiers_online_province_pct")]
    assert lao_cai["value"] == 92 and lao_cai["status"] == "met"   # 92 % against the 2025 target of 90 %
    assert before.set_index(["unit", "indicator"]).loc[("lao-cai", "dossiers_online_province_pct"), "value"] == 87

    changes = pd.read_csv(q1 / "tables" / "since_last_pack.csv")
    new = changes[changes["kind"] == "new_value"]
    assert len(new) == 5
    moves = changes[changes["kind"] == "rank_move"].set_index("unit")
    assert moves.loc["lai-chau", "note"] == "up 3 place(s); within noise (a move of 3 places or fewer)"
    assert (q4 / "index.html").exists() and (q1 / "index.html").exists()       # the earlier pack stays
    assert "Since the last pack" in (q1 / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((q1 / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ok"] and manifest["since_last_pack"]["new_value"] == 5
    assert "since the last pack: " in capsys.readouterr().out


@pytest.mark.slow
def test_as_of_reports_only_what_was_known_then(tmp_path):
    out = tmp_path / "pack"
    assert main(["report", "--as-of", "2022-12-31", "--out", str(out), "--quiet", "--jobs", "2"]) == 0
    table = pd.read_csv(out / "tables" / "attainment.csv")
    assert (pd.to_datetime(table["as_of"].dropna()) <= "2022-12-31").all()
    snapshot = pd.read_csv(out / "tables" / "pack_observations.csv")
    assert len(snapshot) and (pd.to_datetime(snapshot["as_of"]) <= "2022-12-31").all()
