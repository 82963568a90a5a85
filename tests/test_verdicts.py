"""dtlib.analysis.verdicts: a verdict at the deadline from the figure closest to it, and targets whose object ended."""
from __future__ import annotations

import pandas as pd
import pytest

import dtlib
from dtlib.analysis.verdicts import WINDOW_MONTHS, ended_targets, judged_on, verdict, verdict_table

from .reorg_fixture import AS_OF, write_reorg_dataset


@pytest.fixture
def reorg(tmp_path) -> dtlib.Dataset:
    return dtlib.load(write_reorg_dataset(tmp_path / "data"))


def _figures(*rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["as_of", "value", "window"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    return frame


def test_the_figure_closest_to_the_deadline_within_the_window_decides():
    figures = _figures(("2025-03-31", 95.0, "quarter"), ("2025-09-30", 81.0, "nine_months"),
                       ("2026-03-31", 99.0, "quarter"))
    # the September figure, not the later one (a level reached after the deadline is not "on time")
    assert verdict(figures, 80, ">=", "2025-12-31")["verdict"] == "met"
    assert verdict(figures, 82, ">=", "2025-12-31")["verdict"] == "not_met"
    assert verdict(figures, 82, ">=", "2025-12-31")["value"] == 81.0
    # a year before the deadline is outside the window: no figure, whatever the older value says
    assert verdict(figures.head(1), 80, ">=", "2026-06-30")["verdict"] == "no_figure"
    edge = pd.Timestamp("2025-12-31") - pd.DateOffset(months=WINDOW_MONTHS)       # 30 June: the half-year's figure
    assert edge == pd.Timestamp("2025-06-30")
    assert verdict(_figures((edge, 90.0, "to_date")), 80, ">=", "2025-12-31")["verdict"] == "met"
    assert verdict(_figures((edge - pd.Timedelta(days=1), 90.0, "to_date")), 80, ">=",
                   "2025-12-31")["verdict"] == "no_figure"


def test_a_years_figure_is_preferred_to_its_last_months_and_a_rank_needs_the_same_total():
    figures = _figures(("2025-12-31", 45.0, "month"), ("2025-12-31", 52.0, "year"))
    assert verdict(figures, 50, ">=", "2025-12-31")["value"] == 52.0
    ranks = _figures(("2025-12-31", 10.0, "year")).assign(rank_of=34)
    assert verdict(ranks, 12, "<=", "2025-12-31", target_rank_of=34)["verdict"] == "met"
    assert verdict(ranks, 12, "<=", "2025-12-31", target_rank_of=63)["verdict"] == "no_figure"


def test_a_unit_that_ended_before_the_deadline_is_judged_on_its_last_day():
    assert judged_on("2025-12-31", pd.Timestamp("2025-06-30")) == pd.Timestamp("2025-06-30")
    assert judged_on("2024-12-31", pd.Timestamp("2025-06-30")) == pd.Timestamp("2024-12-31")


def test_verdicts_of_a_merged_province_are_its_former_provinces_own_side_by_side(reorg):
    table = verdict_table(reorg, AS_OF)
    key = table.set_index(["unit", "indicator", "deadline"])
    after = key.loc[("lao-cai-2025", "dossiers_online_province_pct", pd.Timestamp("2025-12-31"))]
    before = key.loc[("lao-cai", "dossiers_online_province_pct", pd.Timestamp("2025-12-31"))]
    assert (after["verdict"], after["value"], bool(after["former"])) == ("met", 92.0, False)
    # the former Lào Cai, judged on 30 June 2025 on its own figure, is not the successor's
    assert (before["verdict"], before["value"], bool(before["former"])) == ("not_met", 88.0, True)
    assert before["judged_on"] == pd.Timestamp("2025-06-30") and before["successor"] == "lao-cai-2025"
    # its own plan's target of 2024 stays its own
    own = key.loc[("lao-cai", "dossiers_online_province_pct", pd.Timestamp("2024-12-31"))]
    assert (own["verdict"], own["target_unit"]) == ("not_met", "lao-cai")
    assert "lao-cai" not in set(table.loc[table["unit"] == "lao-cai-2025", "target_unit"])


def test_a_district_target_is_judged_while_districts_existed_and_applies_to_no_one_after(reorg):
    table = verdict_table(reorg, AS_OF)
    district = table[table["indicator"] == "dossiers_online_district_pct"]
    # the former Lào Cai's last day was the districts' last day: judged then; no successor is held to it
    assert district[["unit", "verdict"]].values.tolist() == [["lao-cai", "met"]]
    attainment = dtlib.attainment_table(reorg, AS_OF)
    assert "dossiers_online_district_pct" not in set(attainment["indicator"])
    ended = ended_targets(reorg, AS_OF, ["lao-cai-2025", "lai-chau"])
    assert set(ended["unit"]) == {"lao-cai-2025", "lai-chau"}
    assert ended["reason"].str.contains("72/2025/QH15").all()
    before = dtlib.attainment_table(reorg, "2025-06-30", units=["lao-cai"])
    assert "dossiers_online_district_pct" in set(before["indicator"])


def test_the_attainment_table_gives_a_verdict_exactly_where_the_deadline_has_passed(reorg):
    table = dtlib.attainment_table(reorg, AS_OF)
    passed = table["deadline"] <= pd.Timestamp(AS_OF)
    assert table.loc[passed, "verdict"].isin(["met", "not_met", "no_figure"]).all()
    assert (table.loc[~passed, "verdict"] == "").all()
    fibre = table.set_index(["unit", "indicator"]).loc[("lai-chau", "households_fibre_pct")]
    assert (fibre["verdict"], fibre["value"]) == ("not_met", 78.0)


def test_the_shipped_pack_gives_every_passed_deadline_a_verdict_and_no_district_target_after_the_reform(shipped):
    when = dtlib.report_date(shipped)
    table = dtlib.attainment_table(shipped, when)
    passed = table["deadline"] <= when
    assert table.loc[passed, "verdict"].isin(["met", "not_met", "no_figure"]).all()
    assert (table.loc[~passed, "verdict"] == "").all()
    if when > pd.Timestamp("2025-06-30"):
        assert not table["indicator"].str.contains("_district_").any()
