"""dtlib.words.tables: tables shown to readers are labelled, formatted, translated and escaped; CSVs stay raw."""
import re

import numpy as np
import pandas as pd
import pytest

from dtlib.analysis import compare

from dtlib.words import i18n, tables
from dtlib.words.captions import unit_names

T = pd.Timestamp
EVIL = '<script>alert(1)</script>'
ARTEFACTS = re.compile(r"NaT|&lt;NA&gt;|<NA>|\bnan\b|\bNone\b|\d\.\d{4,}0\b|98\.0000")


def raw_changes() -> pd.DataFrame:
    """A frame as the library returns it: ids, timestamps, floats, missing values, snake_case columns."""
    return pd.DataFrame({
        "indicator": ["dossiers_online_province_pct", "dti_rank", "community_digital_teams"],
        "measure": ["percent", "rank", "count"], "rank_of": [np.nan, 63, np.nan],
        "previous_as_of": [T("2022-09-30"), pd.NaT, pd.NaT], "previous_value": [87.0, np.nan, np.nan],
        "as_of": [T("2023-10-20"), T("2021-12-31"), T("2023-10-20")], "value": [98.0, 52.0, 1545.0],
        "direction": ["better", "first figure", "first figure"], "stale": [False, pd.NA, True],
        "source": ["bao-a", "bao-a|qd-749-2020", "bao-a"], "unit": ["lao-cai", "lao-cai", "lao-cai-2025"],
    })


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_shown_table_has_names_formatted_values_months_and_headers_in_the_language(mini, lang):
    names = unit_names(mini, lang)
    shown = tables.display_frame(raw_changes(), ["unit", "indicator", "previous_as_of", "previous_value", "as_of",
                                                 "value", "direction", "stale", "source"],
                                 names=names, data=mini, lang=lang)
    assert list(shown.index) == [0, 1, 2]
    assert list(shown.columns)[:2] == [i18n.t("nb.column.unit", lang), i18n.t("nb.column.indicator", lang)]
    assert not any("_" in c for c in shown.columns)
    first, rank, count = shown.iloc[0].tolist(), shown.iloc[1].tolist(), shown.iloc[2].tolist()
    assert first[1] == i18n.name(mini.indicators.set_index("id").loc["dossiers_online_province_pct"], lang)
    assert first[2:6] == (["09/2022", "87%", "10/2023", "98%"] if lang == "vi" else
                          ["Sep 2022", "87%", "Oct 2023", "98%"])
    assert rank[5] == ("52/63" if lang == "vi" else "52nd of 63") and rank[2] == rank[3] == ""
    assert count[5] == ("1.545" if lang == "vi" else "1,545") and count[7] == i18n.t("nb.yes", lang)
    assert first[6] == i18n.t("nb.direction.better", lang) and first[7] == ""
    changed = tables.display_frame(raw_changes().assign(change=[6.0, -1.0, np.nan]), ["change"], lang="en")
    assert changed.iloc[:, 0].tolist() == ["+6%", "\u22121", ""]
    assert rank[8].startswith("Báo A, ") and "; Thủ tướng Chính phủ, " in rank[8]   # publishers, not ids


def test_styled_renders_html_without_artefacts_or_index_and_escapes_data_text(mini):
    frame = raw_changes().assign(note=["fine", EVIL, "x"])
    html = tables.styled(frame, ["unit", "indicator", "value", "previous_as_of", "stale", "note"],
                         names={"lao-cai": "Lào Cai " + EVIL}, data=mini, caption="By " + EVIL, lang="en").to_html()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not ARTEFACTS.search(re.sub(r"<style.*?</style>", "", html, flags=re.S)), html
    assert 'class="row_heading' not in html and "blank level0" not in html      # no numeric index
    assert "98%" in html and "52nd of 63" in html


def test_a_target_is_written_with_its_comparator_and_dates_in_full(mini):
    frame = pd.DataFrame({"indicator": ["dti_rank"], "target_unit": ["lai-chau"], "comparator": ["<="],
                          "target": [45.0], "rank_of": [63.0], "deadline": [T("2025-12-31")],
                          "applies_now": [True], "published": [pd.NaT]})
    shown = tables.display_frame(frame, None, names=unit_names(mini, "vi"), data=mini, lang="vi")
    row = dict(zip(shown.columns, shown.iloc[0]))
    assert row["Mục tiêu"] == "≤\u00a045/63" and row["Hạn"] == "31/12/2025" and row["Đang áp dụng"] == "có"
    assert row["Mục tiêu của"] == "Lai Châu" and row["Ngày công bố"] == i18n.t("date_not_stated", "vi")


def test_status_counts_have_a_unit_column_and_status_headers():
    table = pd.DataFrame({"unit": ["a", "a", "b"], "status": ["no_data", "met", "no_data"]})
    counts = tables.status_counts(table, {"a": "Zeta", "b": "Alpha"})
    assert counts["unit"].tolist() == ["b", "a"] and list(counts.columns) == ["unit", "met", "no_data"]
    shown = tables.display_frame(counts, names={"a": "Zeta", "b": "Alpha"}, lang="en")
    assert list(shown.columns) == ["Unit", "Target met", "No figure reported"]
    assert shown.iloc[0].tolist() == ["Alpha", "0", "1"]


def test_a_list_of_units_is_headed_as_such_and_a_count_of_units_as_a_count(shipped):
    shared = compare.shared_indicators(pd.DataFrame({"unit": ["lao-cai", "lai-chau"], "indicator": ["x", "x"]}),
                                       ["lao-cai", "lai-chau"])
    listed = tables.display_frame(shared, ["units"], names=unit_names(shipped, "en"), lang="en")
    assert listed.columns.tolist() == [i18n.t("nb.column.reported_by", "en")]
    assert listed.iloc[0, 0] == "Lào Cai, Lai Châu"
    counted = tables.display_frame(pd.DataFrame({"units": [3]}), lang="en")
    assert counted.columns.tolist() == [i18n.t("nb.column.units", "en")] and counted.iloc[0, 0] == "3"
