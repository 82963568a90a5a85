import pandas as pd

from dtlib.analysis.changes import since_last_pack


def obs(*rows):
    return pd.DataFrame(rows, columns=["unit", "indicator", "as_of", "value", "source", "measure", "rank_of"])


OLD = obs(("lao-cai", "x_pct", "2022-09-30", 87.0, "a", "percent", None),
          ("lao-cai", "y_pct", "2022-09-30", 50.0, "a", "percent", None),
          ("lao-cai", "dti_rank", "2021-12-31", 52.0, "a", "rank", 63),
          ("quang-binh", "dti_rank", "2021-12-31", 46.0, "a", "rank", 63),
          ("thai-nguyen", "dti_rank", "2023-12-31", 8.0, "a", "rank", 63))


def test_new_and_revised_values_are_listed_with_both_numbers_and_sources():
    new = pd.concat([OLD.iloc[:1].assign(value=88.0, source="b"), OLD.iloc[1:],
                     obs(("lao-cai", "x_pct", "2023-12-31", 92.0, "c", "percent", None))])
    changes = since_last_pack(OLD, new).set_index("kind")
    revised = changes.loc["revised_value"]
    assert (revised["old_value"], revised["new_value"], revised["old_source"], revised["new_source"]) == (87, 88, "a", "b")
    assert changes.loc["new_value", "new_value"] == 92


def test_rank_moves_note_noise_and_refuse_other_denominators():
    new = pd.concat([OLD, obs(("lao-cai", "dti_rank", "2022-12-31", 38.0, "d", "rank", 63),
                              ("quang-binh", "dti_rank", "2022-12-31", 44.0, "d", "rank", 63),
                              ("thai-nguyen", "dti_rank", "2025-12-31", 5.0, "d", "rank", 34))])
    moves = since_last_pack(OLD, new)
    moves = moves[moves["kind"] == "rank_move"].set_index("unit")["note"]
    assert moves["lao-cai"] == "up 14 place(s)"
    assert moves["quang-binh"] == "up 2 place(s); within noise (a move of 3 places or fewer)"
    assert "63 and 34 units are not comparable" in moves["thai-nguyen"]


def test_status_changes_are_listed():
    old_att = pd.DataFrame({"unit": ["lao-cai"], "indicator": ["x_pct"], "as_of": ["2022-09-30"], "value": [87.0],
                            "status": ["insufficient_data"]})
    new_att = old_att.assign(status="on_track", value=92.0, as_of="2023-12-31")
    changes = since_last_pack(OLD, OLD, old_att, new_att)
    row = changes.iloc[0]
    assert (row["kind"], row["old_status"], row["new_status"]) == ("status_change", "insufficient_data", "on_track")


def test_no_change_is_an_empty_table():
    assert since_last_pack(OLD, OLD).empty


def test_values_missing_from_the_new_pack_are_listed_as_dropped():
    changes = since_last_pack(OLD, OLD.iloc[1:])
    assert changes["kind"].tolist() == ["dropped_value"]
    assert (changes.loc[0, "unit"], changes.loc[0, "old_value"]) == ("lao-cai", 87.0)
