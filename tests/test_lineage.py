import pandas as pd
import pytest

import dtlib
from dtlib.words import i18n
from dtlib.analysis.lineage import breaks, follow, predecessors, successor_chain


@pytest.fixture(autouse=True)
def english():
    """The sentences below are checked in English; test_the_labels_are_in_the_language_in_use checks Vietnamese."""
    with i18n.use_language("en"):
        yield


def test_successor_chains_follow_the_2025_mergers(shipped):
    assert successor_chain(shipped, "quang-binh") == ["quang-binh", "quang-tri-2025"]
    assert successor_chain(shipped, "lao-cai") == ["lao-cai", "lao-cai-2025"]
    assert successor_chain(shipped, "lai-chau") == ["lai-chau"]
    assert predecessors(shipped, "thai-nguyen-2025") == ["bac-kan", "thai-nguyen"]


def test_breaks_state_what_changed(shipped):
    (brk,) = breaks(shipped, "quang-binh")
    assert brk["date"] == pd.Timestamp("2025-07-01") and brk["after"] == "quang-tri-2025"
    assert set(brk) == {"date", "before", "after"}    # what the break means is captions.merger_sentence's
    assert breaks(shipped, "lai-chau") == []


def test_follow_marks_each_segment(shipped):
    obs = pd.DataFrame({"unit": ["quang-binh", "quang-tri-2025", "lai-chau"], "indicator": ["x", "x", "x"],
                        "as_of": pd.to_datetime(["2022-06-30", "2025-12-31", "2023-01-01"]), "value": [59.2, 70, 1]})
    followed = follow(shipped, obs, "quang-binh")
    assert followed["segment"].tolist() == ["quang-binh", "quang-tri-2025"]
    assert set(followed["lineage"]) == {"quang-binh"}


def test_the_comparison_set_is_the_four_provinces_or_what_they_became(shipped):
    from dtlib.analysis.lineage import comparison_set
    assert comparison_set(shipped, pd.Timestamp("2025-06-30")) == ["lao-cai", "quang-binh", "lai-chau", "thai-nguyen"]
    assert comparison_set(shipped, pd.Timestamp("2025-07-01")) == ["lao-cai-2025", "quang-tri-2025", "lai-chau",
                                                                   "thai-nguyen-2025"]


def test_targets_of_a_former_province_are_named_and_do_not_carry_over(shipped):
    from dtlib.analysis.lineage import inherited_targets
    from dtlib.analysis.targets import applicable_target
    former = inherited_targets(shipped, "quang-tri-2025")
    assert set(former["unit"]) == {"quang-binh"} and len(former) >= 5
    target = applicable_target(shipped, "quang-tri-2025", "dossiers_online_province_pct", "2026-03-31")
    assert target is None or target["target_unit"] == "vietnam"


def test_a_former_province_s_figure_on_an_object_that_ended_is_not_followed_forward(tmp_path):
    from dtlib.analysis.lineage import follow_latest
    from dtlib.analysis.observations import latest_as_of

    from .reorg_fixture import AS_OF, write_reorg_dataset

    data = dtlib.load(write_reorg_dataset(tmp_path / "data"))
    latest = latest_as_of(data, AS_OF, units=["lao-cai", "lao-cai-2025"])
    assert "dossiers_online_district_pct" in set(latest["indicator"])      # Lào Cai's districts, 30 June 2025
    merged = follow_latest(data, latest, ["lao-cai-2025"])
    assert "dossiers_online_district_pct" not in set(merged["indicator"])  # the merged province never had districts
    assert set(merged.loc[merged["indicator"] == "dossiers_online_province_pct", "reported_by"]) == {"lao-cai-2025"}
    former = follow_latest(data, latest, ["lao-cai"])
    assert "dossiers_online_district_pct" in set(former["indicator"])      # the former province's own, still shown
