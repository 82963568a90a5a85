"""The names of units (dtlib.words.names): merged provinces named for what they absorbed, followed series for who reported."""
import pandas as pd
import pytest

from dtlib.words import captions, i18n
from dtlib.analysis.lineage import breaks, follow_latest, lineage_chain
from dtlib.words.names import followed_names, merged_label, reporter_names


@pytest.fixture(autouse=True)
def english():
    """The sentences below are checked in English; test_the_labels_are_in_the_language_in_use checks Vietnamese."""
    with i18n.use_language("en"):
        yield


def test_the_labels_are_in_the_language_in_use(shipped):
    with i18n.use_language("vi"):
        assert merged_label(shipped, "thai-nguyen-2025") == "Thái Nguyên (gồm cả Bắc Kạn cũ)"
        (brk,) = breaks(shipped, "quang-binh")
        assert captions.merger_sentence(shipped, brk).startswith("01/07/2025: Quảng Bình và Quảng Trị hợp nhất thành")
    assert merged_label(shipped, "thai-nguyen-2025", "en") == "Thái Nguyên (with former Bắc Kạn)"


def test_follow_latest_takes_the_successors_newer_figure_and_names_it(shipped):
    latest = pd.DataFrame({"unit": ["quang-binh", "quang-tri-2025", "lai-chau"], "indicator": ["x", "x", "x"],
                           "as_of": pd.to_datetime(["2022-06-30", "2025-12-31", "2023-01-01"]),
                           "value": [59.2, 70.0, 1.0]})
    followed = follow_latest(shipped, latest, ["quang-binh", "lai-chau"]).set_index("unit")
    assert followed.loc["quang-binh", "value"] == 70 and followed.loc["quang-binh", "reported_by"] == "quang-tri-2025"
    assert followed.loc["lai-chau", "reported_by"] == "lai-chau"
    names = followed_names(shipped, followed.reset_index())
    assert names == {"quang-binh": "Quảng Bình → Quảng Trị (with former Quảng Bình)"}


def test_a_merged_province_followed_back_names_the_former_province_that_reported(shipped):
    latest = pd.DataFrame({"unit": ["quang-binh", "lao-cai-2025"], "indicator": ["x", "x"],
                           "as_of": pd.to_datetime(["2022-06-30", "2024-12-31"]), "value": [59.2, 3.0]})
    followed = follow_latest(shipped, latest, ["quang-tri-2025", "lao-cai-2025"]).set_index("unit")
    assert followed.loc["quang-tri-2025", "reported_by"] == "quang-binh"
    assert followed.loc["lao-cai-2025", "reported_by"] == "lao-cai-2025"
    assert followed_names(shipped, followed.reset_index()) == {
        "quang-tri-2025": "Quảng Trị (with former Quảng Bình); before 1 Jul 2025: Quảng Bình"}


def test_each_figure_of_a_followed_province_names_the_unit_that_reported_it(shipped):
    """A province followed back is named, figure by figure, for the former province that reported each: its
    own newer figures carry no "before 1 Jul 2025" (the unit-level name would put it on all of them)."""
    latest = pd.DataFrame({"unit": ["quang-binh", "quang-tri-2025", "quang-binh", "lai-chau"],
                           "indicator": ["x", "y", "z", "x"],
                           "as_of": pd.to_datetime(["2023-12-31", "2026-03-31", "2022-06-30", "2023-01-01"]),
                           "value": [80.0, 1830.0, 4.0, 1.0]})
    followed = follow_latest(shipped, latest, ["quang-tri-2025", "lai-chau"])
    named = dict(zip(followed["unit"] + "|" + followed["indicator"], reporter_names(shipped, followed)))
    assert named == {"quang-tri-2025|x": "Quảng Trị (with former Quảng Bình); before 1 Jul 2025: Quảng Bình",
                     "quang-tri-2025|y": "Quảng Trị (with former Quảng Bình)",
                     "quang-tri-2025|z": "Quảng Trị (with former Quảng Bình); before 1 Jul 2025: Quảng Bình",
                     "lai-chau|x": "Lai Châu"}
    # the unit-level name, for comparison: one name for all of Quảng Trị's figures
    assert followed_names(shipped, followed)["quang-tri-2025"].endswith("before 1 Jul 2025: Quảng Bình")
    # followed forward: a successor's figure says who reported it
    forward = follow_latest(shipped, latest, ["quang-binh"])
    assert set(reporter_names(shipped, forward)) == {"Quảng Bình",
                                                     "Quảng Bình → Quảng Trị (with former Quảng Bình)"}
    assert reporter_names(shipped, forward).index.equals(forward.index)


def test_a_merged_province_is_named_for_what_it_absorbed(shipped):
    assert merged_label(shipped, "quang-tri-2025") == "Quảng Trị (with former Quảng Bình)"
    assert merged_label(shipped, "lao-cai-2025") == "Lào Cai (with former Yên Bái)"
    assert merged_label(shipped, "lai-chau") is None
    # this pack follows Quảng Bình into Quảng Trị, not the old Quảng Trị
    assert lineage_chain(shipped, "quang-tri-2025") == ["quang-binh", "quang-tri-2025"]
