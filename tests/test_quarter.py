"""End to end: a new quarter is added to a copy of data/ and the pack is rebuilt over the last one."""
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dtlib.words import i18n
from dtlib.cli import main
from dtlib.words.i18n import t

DATA = Path(__file__).resolve().parent.parent / "data"
QUARTER = DATA / "examples" / "2025-q4.csv"
QUARTER_SOURCES = DATA / "examples" / "2025-q4-sources.csv"
SUCCESSORS = ["lai-chau", "lao-cai-2025", "quang-tri-2025", "thai-nguyen-2025"]


def store_without_the_quarter(tmp_path: Path) -> Path:
    """A copy of data/ as it stood before the real post-merger quarter of data/examples/2025-q4.csv."""
    store = Path(shutil.copytree(DATA, tmp_path / "data"))
    quarter = pd.read_csv(QUARTER, dtype=str, keep_default_na=False)
    obs = pd.read_csv(store / "observations.csv", dtype=str, keep_default_na=False)
    keys = set(zip(quarter["unit"], quarter["indicator"], quarter["as_of"]))
    kept = obs[[k not in keys for k in zip(obs["unit"], obs["indicator"], obs["as_of"])]]
    assert len(obs) - len(kept) == len(quarter)
    kept.to_csv(store / "observations.csv", index=False, lineterminator="\n")
    return store


@pytest.mark.slow
def test_a_post_merger_quarter_reaches_the_successors_profiles_attainment_comparison_and_trends(tmp_path):
    store = store_without_the_quarter(tmp_path)
    assert main(["add", str(QUARTER), "--sources", str(QUARTER_SOURCES), "--data", str(store)]) == 0
    out = tmp_path / "pack"
    assert main(["report", "--data", str(store), "--out", str(out), "--quiet", "--jobs", "2"]) == 0   # default date

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["as_of"] == "2026-03-31" and "describes" in manifest["why"]
    runs = {r["name"]: r["status"] for r in manifest["runs"]}
    assert len(runs) == 8 and set(runs.values()) == {"ok"}
    assert {f"01_profile_{u}" for u in SUCCESSORS} <= set(runs)

    attainment = pd.read_csv(out / "tables" / "attainment.csv")
    assert set(SUCCESSORS) <= set(attainment["unit"])
    assert not set(attainment["unit"]) & {"bao-thang", "gia-phu", "lao-cai", "quang-binh", "thai-nguyen"}

    compared = pd.read_csv(out / "compare_service_index_rank.csv").set_index("unit")
    assert compared.loc["thai-nguyen-2025", "value"] == 1 and compared.loc["quang-tri-2025", "value"] == 2
    dti = pd.read_csv(out / "compare_dti_history.csv")
    new = dti[(dti["lineage"] == "lao-cai-2025") & (dti["indicator"] == "dti_rank") & (dti["edition"] == 2024)]
    assert new[["value", "rank_of", "basis"]].values.tolist() == [[14, 34, "2025-07-01"]]
    trend = pd.read_csv(out / "trend_headline.csv")          # the DTI rank is a headline indicator
    reported = trend[(trend["kind"] == "reported") & (trend["unit"] == "lao-cai-2025") &
                     (trend["indicator"] == "dti_rank")]
    assert sorted(zip(reported["value"], reported["rank_of"])) == [(14, 34), (38, 63), (52, 63)]
    # the pack lists the revision of the statistics office's 2023 estimate
    revised = pd.read_csv(out / "tables" / "revisions.csv")
    assert revised[["as_of", "old_value", "value"]].values.tolist()[-1] == ["2023-12-31", 12.33, 12.87]
    page = (out / "index.html").read_text(encoding="utf-8")
    # the pack is in Vietnamese (the default): the report date, the build date, the revisions section
    assert "<strong>31/03/2026</strong>" in page and i18n.date(manifest["built"], "vi") in page
    assert t("front.revised.title", "vi") in page


@pytest.mark.slow
def test_adding_a_quarter_updates_the_pack_and_keeps_the_earlier_one(tmp_path, capsys):
    store = Path(shutil.copytree(DATA, tmp_path / "data"))
    q4, q1 = tmp_path / "packs" / "2023-q4", tmp_path / "packs" / "2024-q1"
    # the practice quarter is dated before the 2025 mergers: both packs are built as of then
    assert main(["report", "--data", str(store), "--out", str(q4), "--as-of", "2023-12-31", "--quiet",
                 "--jobs", "2"]) == 0
    before = pd.read_csv(q4 / "tables" / "attainment.csv")

    assert main(["add", str(DATA / "examples" / "2024-q1.csv"), "--sources",
                 str(DATA / "examples" / "2024-q1-sources.csv"), "--data", str(store)]) == 0
    assert main(["report", "--data", str(store), "--out", str(q1), "--previous", str(q4), "--as-of", "2024-01-31",
                 "--quiet", "--jobs", "2"]) == 0

    after = pd.read_csv(q1 / "tables" / "attainment.csv").set_index(["unit", "indicator"])
    lai_chau = after.loc[("lai-chau", "dossiers_online_province_pct")]
    assert lai_chau["value"] == 85 and lai_chau["as_of"] == "2023-12-31" and lai_chau["target_unit"] == "lai-chau"
    lao_cai = after.loc[("lao-cai", "dossiers_online_province_pct")]
    assert lao_cai["value"] == 92 and lao_cai["status"] == "met"   # 92 % against the 2025 target of 90 %
    assert before.set_index(["unit", "indicator"]).loc[("lao-cai", "dossiers_online_province_pct"), "value"] == 87

    changes = pd.read_csv(q1 / "tables" / "since_last_pack.csv")
    new = changes[changes["kind"] == "new_value"]
    # five figures added; the practice DTI 2023 rank is not known on 31 Jan 2024, since the edition was
    # released on 6 Feb 2025 (sources.csv ``releases``): four new values, and no rank move
    assert len(new) == 4 and "dti_rank" not in set(changes["indicator"])
    rank = after.reset_index()
    assert 50 not in rank[(rank["unit"] == "lai-chau") & (rank["indicator"] == "dti_rank")]["value"].tolist()
    assert (q4 / "index.html").exists() and (q1 / "index.html").exists()       # the earlier pack stays
    assert t("front.changes.title", "vi") in (q1 / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((q1 / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ok"] and manifest["since_last_pack"]["new_value"] == 4
    assert "since the last pack: " in capsys.readouterr().out


@pytest.mark.slow
def test_as_of_reports_only_what_was_known_then(tmp_path):
    out = tmp_path / "pack"
    assert main(["report", "--as-of", "2022-12-31", "--out", str(out), "--quiet", "--jobs", "2"]) == 0
    table = pd.read_csv(out / "tables" / "attainment.csv")
    assert (pd.to_datetime(table["as_of"].dropna()) <= "2022-12-31").all()
    snapshot = pd.read_csv(out / "tables" / "pack_observations.csv")
    assert len(snapshot) and (pd.to_datetime(snapshot["as_of"]) <= "2022-12-31").all()
