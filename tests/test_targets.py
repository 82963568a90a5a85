"""Targets: which applies, the gap, and the Statistics Canada progress status on hand-computed cases.

Dates 2020-01-01 → 2024-01-01 → 2028-01-01 are 1461 days (exactly 4 × 365.25) apart, so
observed growth runs over 4 years and required growth over 8.
"""
import math

import pandas as pd
import pytest

import dtlib
from dtlib.analysis.targets import (applicable_target, attainment, attainment_table, gap, growth_rate, progress_ratio,
                           status_from_ratio, trajectory)

T0, T, DEADLINE = pd.Timestamp("2020-01-01"), pd.Timestamp("2024-01-01"), pd.Timestamp("2028-01-01")


def values(*pairs, rank_of=None):
    return pd.DataFrame({"as_of": [pd.Timestamp(d) for d, _ in pairs], "value": [v for _, v in pairs],
                         "rank_of": pd.array([rank_of] * len(pairs), dtype="Int64")})


def target(value, comparator=">=", rank_of=None, deadline=DEADLINE):
    return pd.Series({"value": value, "comparator": comparator, "deadline": deadline,
                      "rank_of": pd.NA if rank_of is None else rank_of})


def test_growth_rate_is_compound_annual():
    assert growth_rate(50, 60, 4) == pytest.approx(1.2 ** 0.25 - 1)   # 4.66 % a year


@pytest.mark.parametrize("latest, ratio, status", [
    # CAGR_o = (latest/50)^(1/4) - 1; CAGR_r = (80/50)^(1/8) - 1 = 0.060511
    (70, 1.4503, "on_track"),              # 0.087757 / 0.060511
    (60, 0.7707, "acceleration_needed"),   # 0.046635 / 0.060511
    (52, 0.1628, "limited_progress"),      # 0.009853 / 0.060511
    (45, -0.4296, "deterioration"),        # -0.025996 / 0.060511
])
def test_status_of_a_share_against_a_target(latest, ratio, status):
    result = attainment(values((T0, 50), (T, latest)), target(80), higher_is_better=True)
    assert result["ratio"] == pytest.approx(ratio, abs=1e-4)
    assert result["status"] == status
    assert result["gap"] == 80 - latest


def test_a_met_target_is_met_whatever_the_trend():
    result = attainment(values((T0, 95), (T, 90)), target(80), higher_is_better=True)
    assert result["status"] == "met" and result["gap"] == -10


def test_a_rank_improves_downwards():
    # rank 52 → 46 against a top-45 target: CAGR_o = -0.030186, CAGR_r = -0.017910, R = 1.6854
    result = attainment(values((T0, 52), (T, 46), rank_of=63), target(45, "<=", rank_of=63),
                        higher_is_better=False)
    assert result["ratio"] == pytest.approx(1.6854, abs=1e-4)
    assert result["status"] == "on_track" and result["gap"] == 1


def test_a_rank_falling_back_is_deterioration():
    result = attainment(values((T0, 52), (T, 55), rank_of=63), target(45, "<=", rank_of=63),
                        higher_is_better=False)
    assert result["ratio"] < 0 and result["status"] == "deterioration"


def test_a_rank_out_of_another_number_of_units_is_not_comparable():
    result = attainment(values((T, 20), rank_of=34), target(45, "<=", rank_of=63), higher_is_better=False)
    assert result["status"] == "not_comparable" and result["value"] == 20


def test_one_value_not_met_is_insufficient_data():
    result = attainment(values((T, 60)), target(80), higher_is_better=True)
    assert result["status"] == "insufficient_data" and math.isnan(result["ratio"])


def test_no_values_is_no_data():
    assert attainment(values(), target(80), higher_is_better=True)["status"] == "no_data"


def test_a_zero_base_is_replaced_by_0_001():
    # (10/0.001)^(1/4) - 1 = 9.0 ; (80/0.001)^(1/8) - 1 = 3.1050 ; R = 2.8986
    r = progress_ratio(0, T0, 10, T, 80, DEADLINE, True)
    assert r == pytest.approx(9.0 / (80000 ** 0.125 - 1), rel=1e-9)
    assert status_from_ratio(r) == "on_track"


def test_status_thresholds_are_the_methods():
    assert [status_from_ratio(r) for r in (0.95, 0.9499, 0.6, 0.5999, 0.0, -0.0001)] == [
        "on_track", "acceleration_needed", "acceleration_needed", "limited_progress", "limited_progress",
        "deterioration"]


def test_gap_is_positive_when_short():
    assert gap(87, 90, ">=") == 3 and gap(53, 45, "<=") == 8 and gap(100, 90, ">=") == -10


def test_own_target_wins_over_the_national_one(mini):
    assert applicable_target(mini, "lai-chau", "dti_rank", "2023-12-31")["target_unit"] == "lai-chau"
    national = applicable_target(mini, "lao-cai", "dossiers_online_province_pct", "2023-12-31")
    assert national["target_unit"] == "vietnam" and national["value"] == 90
    assert applicable_target(mini, "lao-cai", "dti_rank", "2023-12-31") is None


def test_a_district_falls_back_to_its_province_then_the_nation(mini):
    t = applicable_target(mini, "bao-thang", "adults_smart_device_pct", "2023-12-31")
    assert t["target_unit"] == "vietnam" and t["value"] == 80


def test_the_nearest_deadline_ahead_applies(tmp_path):
    from .conftest import mini_tables, write_dataset
    tables = mini_tables()
    tables["targets"].append(dict(tables["targets"][0], deadline="2030-12-31", value="100"))
    ds = dtlib.load(write_dataset(tmp_path / "data", tables))
    assert applicable_target(ds, "lao-cai", "dossiers_online_province_pct", "2024-01-01")["value"] == 90
    assert applicable_target(ds, "lao-cai", "dossiers_online_province_pct", "2026-01-01")["value"] == 100
    assert applicable_target(ds, "lao-cai", "dossiers_online_province_pct", "2031-06-01")["value"] == 100
    assert applicable_target(ds, "lao-cai", "dossiers_online_province_pct", "2024-01-01",
                             deadline="2030-12-31")["value"] == 100


def test_attainment_table_on_the_mini_data(mini):
    table = attainment_table(mini, "2023-12-31")
    row = table.set_index(["unit", "indicator"]).loc[("lao-cai", "dossiers_online_province_pct")]
    # 87 (2022-09-30) → 93 (2023-10-20): 385 days; target 90 by 2025-12-31: 1188 days after the base
    observed = (93 / 87) ** (365.25 / 385) - 1
    required = (90 / 87) ** (365.25 / 1188) - 1
    assert row["status"] == "met" and row["value"] == 93 and row["gap"] == -3
    assert row["target_unit"] == "vietnam"
    lai_chau = table.set_index(["unit", "indicator"]).loc[("lai-chau", "dti_rank")]
    assert lai_chau["status"] == "no_data" and lai_chau["target"] == 45
    assert list(table.columns[:10]) == ["unit", "indicator", "as_of", "value", "target_unit", "target",
                                        "comparator", "deadline", "gap", "status"]
    assert observed > required  # the met cell would be on track too


def test_attainment_table_counts_only_figures_known_by_then(mini):
    # both Lào Cai figures come from a paper published on 2023-10-20: unknown before that day
    before = attainment_table(mini, "2023-06-30", units=["lao-cai"])
    row = before.set_index(["unit", "indicator"]).loc[("lao-cai", "dossiers_online_province_pct")]
    assert row["status"] == "no_data" and pd.isna(row["value"])
    after = attainment_table(mini, "2023-10-20", units=["lao-cai"])
    assert after.set_index("indicator").loc["dossiers_online_province_pct", "value"] == 93


def test_trajectory_continues_the_observed_growth_and_respects_limits():
    path = trajectory(values((T0, 50), (T, 60)), DEADLINE, "percent", points=3)
    assert path["value"].iloc[0] == 60
    assert path["value"].iloc[-1] == pytest.approx(60 * 1.2)        # four more years at the same rate
    capped = trajectory(values((T0, 50), (T, 90)), DEADLINE, "percent")
    assert capped["value"].max() == 100
    assert trajectory(values((T, 60)), DEADLINE).empty


def test_ancestors_walk_up_to_the_nation(mini):
    from dtlib.analysis.targets import ancestors
    assert ancestors(mini, "bao-thang") == ["bao-thang", "lao-cai", "vietnam"]
    assert ancestors(mini, "vietnam") == ["vietnam"]


def test_a_monthly_share_is_never_judged_or_grown_beside_a_yearly_one():
    from dtlib.analysis.targets import one_window
    values = pd.DataFrame({"as_of": pd.to_datetime(["2023-12-31", "2024-12-31", "2025-11-26"]),
                           "value": [17.0, 45.8, 51.7], "window": ["year", "year", "month"]})
    assert one_window(values)["value"].tolist() == [17.0, 45.8]
    target = pd.Series({"value": 50.0, "comparator": ">=", "deadline": pd.Timestamp("2025-12-31"), "rank_of": pd.NA})
    result = attainment(values, target, True)
    assert result["value"] == 45.8 and result["base_value"] == 17.0 and result["status"] != "met"
    only_months = values[values["window"] == "month"]
    assert attainment(only_months, target, True)["status"] == "met"


def test_a_target_published_after_the_report_date_does_not_apply_yet(shipped):
    """Decision 17/QĐ-UBQGCĐS was published on 4 April 2023: a pack as of 2022 does not use it."""
    from dtlib.analysis.targets import known_targets
    before = known_targets(shipped, "2022-12-31")
    assert "qd-17-2023-ubqgcds" not in set(before["source"])
    assert "qd-17-2023-ubqgcds" in set(known_targets(shipped, "2023-12-31")["source"])
    table = attainment_table(shipped, "2022-12-31")
    assert "qd-17-2023-ubqgcds" not in set(table["target_source"])


def test_a_target_of_an_undated_source_is_not_known_before_the_day_its_text_names(shipped):
    # the 2025 plan of the Government Steering Committee (Quyết định 126/QĐ-BCĐCP, signed 11/9/2025) reached
    # a pack as of September 2023, from an English page with no date and no figure (sources.csv not_before)
    from dtlib.analysis.targets import known_targets

    src = "laodong-en-2025-09-qd126-bcdcp-kh2025"
    assert pd.isna(shipped.sources.set_index("id").loc[src, "published"])
    assert not (known_targets(shipped, "2025-09-10")["source"] == src).any()
    assert (known_targets(shipped, "2025-09-11")["source"] == src).any()
    # undated and dating nothing: known whenever asked, as before
    assert len(known_targets(shipped, None)) == len(shipped.targets)


def _reorg_with_targets(folder, extra=(), drop=()):
    """The invented reorganisation data set (tests/reorg_fixture.py) with ``extra`` targets and
    without the targets of the indicators in ``drop``."""
    from .conftest import write_dataset
    from .reorg_fixture import TABLES, TEXT

    tables = dict(TABLES, targets=[t for t in TABLES["targets"] if t["indicator"] not in drop] + list(extra))
    return dtlib.load(write_dataset(folder, tables, TEXT))


def test_a_target_due_before_a_province_began_does_not_bind_it(tmp_path):
    from .reorg_fixture import AS_OF, _target

    data = _reorg_with_targets(tmp_path / "data", [_target("vietnam", "households_fibre_pct", "2022-12-31", "50")],
                               drop={"households_fibre_pct"})
    table = attainment_table(data, AS_OF, units=["lao-cai-2025", "lai-chau"])
    fibre = table[table["indicator"] == "households_fibre_pct"]
    # Lai Châu existed in 2022 and is judged at the deadline; Lào Cai (2025), created on 1 July 2025, is not held to it
    assert fibre["unit"].tolist() == ["lai-chau"]
    assert fibre["verdict"].iloc[0] in {"met", "not_met", "no_figure"}
    assert applicable_target(data, "lao-cai-2025", "households_fibre_pct", AS_OF) is None
    assert applicable_target(data, "lai-chau", "households_fibre_pct", AS_OF)["deadline"] == pd.Timestamp("2022-12-31")


def test_a_target_due_the_day_a_province_began_binds_it(tmp_path):
    from .reorg_fixture import AS_OF, _target

    data = _reorg_with_targets(tmp_path / "data", [_target("vietnam", "households_fibre_pct", "2025-07-01", "50")],
                               drop={"households_fibre_pct"})
    table = attainment_table(data, AS_OF, units=["lao-cai-2025"])
    assert "households_fibre_pct" in set(table["indicator"])


def test_an_indicator_for_the_nation_alone_binds_no_province(shipped):
    table = attainment_table(shipped, "2026-03-31")
    egov = table[table["indicator"] == "un_egov_rank"]
    assert set(egov["unit"]) == {"vietnam"}
