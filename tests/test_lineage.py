import pandas as pd

from dtlib.lineage import breaks, follow, predecessors, successor_chain


def test_successor_chains_follow_the_2025_mergers(shipped):
    assert successor_chain(shipped, "quang-binh") == ["quang-binh", "quang-tri-2025"]
    assert successor_chain(shipped, "lao-cai") == ["lao-cai", "lao-cai-2025"]
    assert successor_chain(shipped, "lai-chau") == ["lai-chau"]
    assert predecessors(shipped, "thai-nguyen-2025") == ["bac-kan", "thai-nguyen"]


def test_breaks_state_what_changed(shipped):
    (brk,) = breaks(shipped, "quang-binh")
    assert brk["date"] == pd.Timestamp("2025-07-01") and brk["after"] == "quang-tri-2025"
    assert "Quảng Bình and Quảng Trị merged into" in brk["label"] and "larger unit" in brk["label"]
    assert breaks(shipped, "lai-chau") == []


def test_follow_marks_each_segment(shipped):
    obs = pd.DataFrame({"unit": ["quang-binh", "quang-tri-2025", "lai-chau"], "indicator": ["x", "x", "x"],
                        "as_of": pd.to_datetime(["2022-06-30", "2025-12-31", "2023-01-01"]), "value": [59.2, 70, 1]})
    followed = follow(shipped, obs, "quang-binh")
    assert followed["segment"].tolist() == ["quang-binh", "quang-tri-2025"]
    assert set(followed["lineage"]) == {"quang-binh"}


def test_follow_latest_takes_the_successors_newer_figure_and_names_it(shipped):
    from dtlib.lineage import follow_latest, followed_names
    latest = pd.DataFrame({"unit": ["quang-binh", "quang-tri-2025", "lai-chau"], "indicator": ["x", "x", "x"],
                           "as_of": pd.to_datetime(["2022-06-30", "2025-12-31", "2023-01-01"]),
                           "value": [59.2, 70.0, 1.0]})
    followed = follow_latest(shipped, latest, ["quang-binh", "lai-chau"]).set_index("unit")
    assert followed.loc["quang-binh", "value"] == 70 and followed.loc["quang-binh", "reported_by"] == "quang-tri-2025"
    assert followed.loc["lai-chau", "reported_by"] == "lai-chau"
    names = followed_names(shipped, followed.reset_index())
    successor = shipped.units.set_index("id").loc["quang-tri-2025", "name_en"]
    assert names == {"quang-binh": f"Quảng Bình → {successor}"}
