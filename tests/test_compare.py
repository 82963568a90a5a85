"""Selection for the notebooks, on hand-made frames and the mini data set, with hand-computed answers."""
import math

import pandas as pd
import pytest

import dtlib
from dtlib.analysis.compare import (changes_since_previous, chart_groups, coverage, coverage_grid, coverage_summary,
                           drawn_values, peer_units, peer_values, rank_units, shared_indicators,
                           trend_pairs, unit_targets, units_in_order, with_indicators, worked_example)

from .conftest import mini_tables, write_dataset

D = pd.Timestamp


def latest_frame(rows):
    """A hand-made frame shaped like ``latest_as_of``: unit, indicator, value, as_of, source, direction, rank_of."""
    cols = ["unit", "indicator", "value", "as_of", "source", "higher_is_better", "rank_of", "stale", "age"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["rank_of"] = frame["rank_of"].astype("Int64")
    return frame


def test_shared_indicators_keeps_those_reported_by_enough_units():
    latest = pd.DataFrame({"unit": ["a", "b", "c", "a", "c", "b"], "indicator": ["x", "x", "x", "y", "z", "z"],
                           "pillar": ["government", "government", "government", "society", "economy", "economy"],
                           "measure": ["percent"] * 6})
    shared = shared_indicators(latest, ["b", "a", "c"])
    assert shared["indicator"].tolist() == ["x", "z"]
    assert shared["n_units"].tolist() == [3, 2]
    assert shared["units"].tolist() == ["b|a|c", "b|c"]        # in the order the units were asked for
    assert shared_indicators(latest, ["a", "b"], min_units=3).empty


def test_rank_units_places_by_direction_and_lists_the_unit_without_a_figure():
    latest = latest_frame([
        ("a", "x", 10.0, D("2022-12-31"), "s1", True, None, False, ""),
        ("b", "x", 20.0, D("2023-09-30"), "s2", True, None, False, ""),
    ])
    ranked = rank_units(latest, ["x"], ["a", "b", "c"])
    assert ranked["unit"].tolist() == ["b", "a", "c"]
    assert ranked["place"].tolist()[:2] == [1.0, 2.0] and math.isnan(ranked["place"].iloc[2])
    assert ranked["note"].iloc[2] == "not reported"
    assert ranked["dates_differ"].all()                         # a 2022 figure beside a 2023 one is flagged
    assert ranked["reported_by"].tolist() == ["b", "a", ""]     # each its own figure
    followed = rank_units(latest.assign(reported_by=["old-a", "b"]), ["x"], ["a", "b", "c"]).set_index("unit")
    assert followed.loc["a", "reported_by"] == "old-a"          # a province followed across a merger: who reported


def test_rank_units_does_not_place_a_rank_out_of_another_number_of_units():
    latest = latest_frame([
        ("a", "r", 5.0, D("2022-12-31"), "s", False, 63, False, ""),
        ("b", "r", 3.0, D("2022-12-31"), "s", False, 63, True, "1.5 years old"),
        ("c", "r", 2.0, D("2022-12-31"), "s", False, 34, False, ""),
    ])
    ranked = rank_units(latest, ["r"], ["a", "b", "c"]).set_index("unit")
    assert ranked.loc["b", "place"] == 1 and ranked.loc["a", "place"] == 2    # lower rank is better
    assert math.isnan(ranked.loc["c", "place"])
    assert ranked.loc["c", "note"] == "rank out of 34 units: not comparable with the others"
    assert ranked.loc["b", "note"] == "stale: 1.5 years old"
    assert not ranked["dates_differ"].any()


def test_coverage_counts_figures_by_unit_indicator_period_and_source(mini):
    cov = coverage(mini)
    assert cov["n"].sum() == 6
    mine = cov[(cov["unit"] == "lao-cai") & (cov["indicator"] == "dossiers_online_province_pct")]
    assert mine["period"].tolist() == ["9 tháng năm 2022", "đến nay"]
    assert mine["publisher"].unique().tolist() == ["Báo A"]
    assert coverage(mini, "2023-10-19").empty      # the article of 20 Oct 2023 was not known the day before


def test_coverage_counts_the_figures_it_is_given_a_province_followed_with_its_former_ones(shipped):
    from dtlib.analysis.lineage import follow

    known = dtlib.known_observations(shipped, "2026-03-31")
    followed = follow(shipped, known, "lao-cai-2025").assign(unit=lambda f: f["lineage"])
    own = coverage(shipped, "2026-03-31")
    cov = coverage(shipped, "2026-03-31", observations=followed)
    assert set(cov["unit"]) == {"lao-cai-2025"}
    dti = lambda c, unit: int(c.loc[(c["unit"] == unit) & (c["indicator"] == "dti_rank"), "n"].sum())  # noqa: E731
    # the merged province's own DTI ranks, and old Lào Cai's before it, under the one province
    assert dti(cov, "lao-cai-2025") == dti(own, "lao-cai-2025") + dti(own, "lao-cai") > dti(own, "lao-cai-2025") > 0


def test_coverage_grid_gives_count_and_date_range(mini):
    grid = coverage_grid(dtlib.known_observations(mini)).set_index(["unit", "indicator"])
    assert len(grid) == 5
    row = grid.loc[("lao-cai", "dossiers_online_province_pct")]
    assert row["n"] == 2 and row["first_as_of"] == D("2022-09-30") and row["latest_as_of"] == D("2023-10-20")
    assert row["sources"] == "bao-a" and row["pillar"] == "government"


def test_changes_since_previous_pairs_latest_with_the_one_before(mini):
    changes = changes_since_previous(mini, "lao-cai")
    # newest figures (20 Oct 2023) first, by pillar; then the older ones
    assert changes["indicator"].tolist() == ["dossiers_online_province_pct", "community_digital_teams",
                                             "dti_rank", "dti_score"]
    row = changes.iloc[0]
    assert (row["previous_value"], row["previous_as_of"], row["value"], row["as_of"]) == (
        87, D("2022-09-30"), 93, D("2023-10-20"))
    assert row["change"] == 6 and row["direction"] == "better"
    assert changes.set_index("indicator").loc["community_digital_teams", "direction"] == "first figure"


def test_changes_since_previous_knows_only_what_was_published_by_then(tmp_path):
    tables = mini_tables()
    tables["sources"][0]["published"] = ""        # undated: each figure is known on its own date
    tables["sources"][0]["note"] = "publication date not in the text"
    data = dtlib.load(write_dataset(tmp_path, tables))
    changes = changes_since_previous(data, "lao-cai", as_of="2023-01-01").set_index("indicator")
    assert changes.loc["dossiers_online_province_pct", "value"] == 87
    assert changes.loc["dossiers_online_province_pct", "direction"] == "first figure"
    assert changes_since_previous(data, "lai-chau").empty


def test_a_worse_rank_is_worse(tmp_path):
    tables = mini_tables()
    tables["observations"].append(dict(tables["observations"][4], as_of="2022-12-31", period="DTI 2022", value="55",
                                       note="computed: an invented later rank for the test"))
    changes = changes_since_previous(dtlib.load(write_dataset(tmp_path, tables)), "lao-cai").set_index("indicator")
    assert changes.loc["dti_rank", "change"] == 3 and changes.loc["dti_rank", "direction"] == "worse"


def test_unit_targets_lists_own_targets_before_national_ones(mini):
    targets = unit_targets(mini, "lai-chau").set_index("indicator")
    assert targets.loc["dti_rank", "target_unit"] == "lai-chau"
    assert targets.loc["dossiers_online_province_pct", "target_unit"] == "vietnam"
    assert len(targets) == 3 and targets["applies_now"].all()
    # a district inherits the national targets through its province
    assert sorted(unit_targets(mini, "bao-thang")["indicator"]) == ["adults_smart_device_pct",
                                                                    "dossiers_online_province_pct"]


def test_unit_targets_names_every_source_of_the_same_target_once(tmp_path):
    tables = mini_tables()
    tables["targets"].append(dict(tables["targets"][0], source="bao-a", instrument="Bài A",
                                  quote="Mục tiêu năm 2025 là 90% hồ sơ công việc tại cấp tỉnh."))
    tables["targets"].append(dict(tables["targets"][0], deadline="2030-12-31", value="100"))
    targets = unit_targets(dtlib.load(write_dataset(tmp_path, tables)), "lao-cai", as_of="2023-12-31")
    rows = targets[targets["indicator"] == "dossiers_online_province_pct"]
    assert rows["deadline"].tolist() == [D("2025-12-31"), D("2030-12-31")]
    assert rows["source"].iloc[0] == "qd-749-2020|bao-a"
    assert rows["applies_now"].tolist() == [True, False]


def test_peer_values_keeps_indicators_the_unit_shares():
    latest = pd.DataFrame({"unit": ["a", "b", "b", "c"], "indicator": ["x", "x", "y", "x"],
                           "pillar": ["government"] * 4, "indicator_en": ["X", "X", "Y", "X"],
                           "value": [1.0, 2.0, 3.0, 4.0], "rank_of": pd.array([None] * 4, dtype="Int64"),
                           "as_of": [D("2023-01-01")] * 4, "stale": [False] * 4, "source": ["s"] * 4})
    peers = peer_values(latest, "a", ["a", "b"])
    assert peers["unit"].tolist() == ["a", "b"] and peers["indicator"].tolist() == ["x", "x"]
    assert peer_values(latest, "c", ["b"])["unit"].tolist() == ["c", "b"]


def test_worked_example_illustrates_the_ratio_when_the_target_is_met(tmp_path):
    tables = mini_tables()
    # both figures levels "up to" their dates: one kind of window, so they form a series
    tables["observations"][0]["period"] = "đến nay (30/09/2022)"
    mini = dtlib.load(write_dataset(tmp_path, tables))
    table = dtlib.attainment_table(mini, units=["lao-cai"])
    example = worked_example(table, dict(zip(mini.indicators["id"], mini.indicators["higher_is_better"])))
    assert example["kind"] == "illustration" and example["row"]["indicator"] == "dossiers_online_province_pct"
    # 87 (2022-09-30) -> 93 (2023-10-20): 385 days; to the 2025-12-31 deadline: 1188 days
    observed = (93 / 87) ** (365.25 / 385) - 1           # 0.06538
    required = (90 / 87) ** (365.25 / 1188) - 1          # 0.01048
    assert example["observed_years"] == pytest.approx(385 / 365.25)
    assert example["cagr_observed"] == pytest.approx(observed)
    assert example["cagr_required"] == pytest.approx(required)
    assert example["ratio"] == pytest.approx(observed / required)
    assert example["status_from_ratio"] == "on_track"


def test_worked_example_prefers_a_computed_ratio_then_a_growth_still_required():
    base = dict(unit="u", target=80.0, comparator=">=", deadline=D("2028-01-01"))
    table = pd.DataFrame([
        dict(base, indicator="a", value=100.0, as_of=D("2024-01-01"), base_value=100.0, base_as_of=D("2020-01-01"),
             gap=-20.0, ratio=float("nan"), status="met"),                  # met from the start: no example
        dict(base, indicator="b", value=60.0, as_of=D("2024-01-01"), base_value=60.0, base_as_of=D("2024-01-01"),
             gap=20.0, ratio=float("nan"), status="insufficient_data"),
        dict(base, indicator="c", value=60.0, as_of=D("2024-01-01"), base_value=50.0, base_as_of=D("2020-01-01"),
             gap=20.0, ratio=0.7707, status="acceleration_needed"),
    ])
    directions = {"a": True, "b": True, "c": True}
    example = worked_example(table, directions)
    assert example["kind"] == "ratio" and example["row"]["indicator"] == "c"
    assert example["ratio"] == pytest.approx(0.7707, abs=1e-4)      # the case of tests/test_targets.py
    example = worked_example(table.iloc[:2], directions)
    assert example["kind"] == "required" and example["row"]["indicator"] == "b"
    # 60 on 2024-01-01 to 80 by 2028-01-01 (4 years): (80/60)^(1/4) - 1 = 0.07457
    assert example["cagr_required"] == pytest.approx((80 / 60) ** 0.25 - 1)
    assert worked_example(table.iloc[:1], directions)["kind"] == "gap"
    assert worked_example(table.assign(value=float("nan")), {}) is None


def test_with_indicators_adds_measure_and_names(mini):
    table = with_indicators(pd.DataFrame({"indicator": ["dti_rank"]}), mini)
    assert table.loc[0, "measure"] == "rank" and table.loc[0, "indicator_en"] == "DTI rank"
    assert not table.loc[0, "higher_is_better"]


def test_units_in_order_puts_the_nation_first_then_provinces_then_districts(mini):
    assert units_in_order(mini, ["bao-thang", "lao-cai", "vietnam", "lai-chau", "nowhere"]) == [
        "vietnam", "lai-chau", "lao-cai", "bao-thang", "nowhere"]


def test_peer_units_are_the_other_reporting_provinces_of_the_day(tmp_path):
    tables = mini_tables()
    tables["observations"].append(dict(tables["observations"][4], unit="lai-chau", value="53",
                                       note="computed: an invented rank for the test"))
    data = dtlib.load(write_dataset(tmp_path, tables))
    assert peer_units(data, "lao-cai") == ["lai-chau"]           # not lao-cai-2025: it did not exist yet
    assert peer_units(data, "bao-thang") == []


def test_a_peer_followed_across_the_mergers_counts_by_the_figures_of_its_line(mini):
    # on 31 Dec 2025 Lào Cai (2025) has reported nothing itself; the Lào Cai before it has
    assert peer_units(mini, "lai-chau", "2025-12-31") == []
    assert peer_units(mini, "lai-chau", "2025-12-31", follow=True) == ["lao-cai-2025"]


def test_chart_groups_keep_percentages_by_pillar_and_other_measures_apart():
    shared = pd.DataFrame({"indicator": ["a_pct", "r", "b_pct", "c_pct", "n"],
                           "pillar": ["society", "government", "society", "economy", "society"],
                           "measure": ["percent", "rank", "percent", "percent", "count"]})
    assert chart_groups(shared) == [("society", ["a_pct", "b_pct"]), ("r", ["r"]), ("economy", ["c_pct"]),
                                    ("n", ["n"])]


def test_coverage_summary_counts_figures_indicators_and_dates(mini):
    by_unit = coverage_summary(coverage(mini), "unit").set_index("unit")
    assert by_unit.loc["lao-cai", "figures"] == 5 and by_unit.loc["lao-cai", "indicators"] == 4
    assert by_unit.loc["lao-cai", "first_as_of"] == D("2021-12-31")
    assert by_unit.index.tolist() == ["lao-cai", "bao-thang"]                # most figures first
    assert coverage_summary(coverage(mini).iloc[0:0], "unit").empty


def test_trend_pairs_need_two_dates(mini):
    obs = dtlib.known_observations(mini)
    pairs = trend_pairs(obs, ["lai-chau", "lao-cai"])
    assert pairs[["unit", "indicator", "n_dates"]].values.tolist() == [["lao-cai", "dossiers_online_province_pct", 2]]
    assert trend_pairs(obs, ["lao-cai"], indicators=["dti_rank"]).empty


def test_drawn_values_keep_provenance_columns_in_order():
    frame = pd.DataFrame({"quote": ["q"], "value": [1.0], "unit": ["a"], "_line": [3], "source": ["s"]})
    assert drawn_values(frame).columns.tolist() == ["unit", "value", "source", "quote"]
