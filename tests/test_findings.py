"""dtlib.words.findings: key findings and caveats built from the data, in both languages, numbers from the data."""
from __future__ import annotations

import numbers
import re

import pandas as pd
import pytest

from dtlib.words import i18n
from dtlib.analysis.compare import dti_history
from dtlib.words.findings import (Finding, Labels, attainment_findings, caveats, change_findings, format_value,
                            gap_findings, key_findings, rank_findings)
from dtlib.words.messages import MESSAGES
from dtlib.analysis.observations import revisions
from dtlib.pack.outputs import summary_markdown
from dtlib.analysis.targets import attainment_table

AS_OF = "2026-03-31"
LANGS = ("vi", "en")


def _renderings(value, lang: str) -> set[str]:
    """Every way a sentence may write ``value`` (and what it holds) in ``lang``."""
    out: set[str] = set()
    if isinstance(value, dict):
        for v in value.values():
            out |= _renderings(v, lang)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            out |= _renderings(v, lang)
    elif isinstance(value, str):
        out.add(value)                 # a title the data holds, cited as it is
    elif isinstance(value, pd.Timestamp):
        out |= {i18n.date(value, lang), i18n.month(value, lang), str(value.year)}
    elif isinstance(value, numbers.Real) and not isinstance(value, bool) and pd.notna(value):
        out |= {i18n.number(value, d, lang) for d in (0, 2, 4)} | {i18n.percent(value, 2, lang)}
        if float(value).is_integer():
            out.add(str(int(value)))
    return {r for r in out if r}


def assert_numbers_come_from_values(finding: Finding, labels: Labels, lang: str) -> None:
    """Once every name and every rendering of the finding's values is taken out, no digit is left."""
    text = finding.text
    for name in sorted([*labels.units.values(), *labels.indicators.values()], key=len, reverse=True):
        text = text.replace(name, "")
    for shown in sorted(_renderings(finding.values, lang), key=len, reverse=True):
        text = text.replace(shown, "")
    assert not re.search(r"\d", text), f"a number not among the values used: {text!r} ({finding.text!r})"


# ------------------------------------------------------------------------------ small frames

LABELS = Labels(units={"a": "Tỉnh A", "b": "Tỉnh B", "a-2025": "Tỉnh A mới", "vn": "Cả nước"},
                indicators={"share_pct": "Tỷ lệ X", "dti_rank": "Xếp hạng DTI", "count": "Số Y"},
                measures={"share_pct": "percent", "dti_rank": "rank", "count": "count"})


def _attainment() -> pd.DataFrame:
    rows = [("a", "share_pct", "2025-06-30", 87.5, 90.0, ">=", "met"),
            ("a", "count", "2025-06-30", 10.0, 40.0, ">=", "limited_progress"),
            ("a", "dti_rank", "2024-12-31", 14.0, 10.0, "<=", "insufficient_data"),
            ("b", "share_pct", None, None, 90.0, ">=", "no_data"),
            ("b", "count", None, None, 40.0, ">=", "no_data"),
            ("vn", "share_pct", "2025-12-31", 60.0, 80.0, ">=", "acceleration_needed")]
    frame = pd.DataFrame(rows, columns=["unit", "indicator", "as_of", "value", "target", "comparator", "status"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["deadline"] = pd.Timestamp("2030-12-31")
    frame["gap"] = [t - v if c == ">=" else v - t for v, t, c in zip(frame["value"], frame["target"],
                                                                     frame["comparator"])]
    frame.loc[frame["status"] == "met", "gap"] = -2.5
    frame["rank_of"] = [None, None, 34, None, None, None]
    frame["target_rank_of"] = [None, None, 34, None, None, None]
    return frame


def _verdicts() -> pd.DataFrame:
    rows = [("a", False, "", "share_pct", "2025-12-31", "2025-12-31", "met"),
            ("a", False, "", "count", "2025-12-31", "2025-12-31", "not_met"),
            ("a", False, "", "dti_rank", "2025-12-31", "2025-12-31", "no_figure"),
            ("a", False, "", "count", "2023-12-31", "2023-12-31", "met"),        # an earlier year: not told
            ("a-old", True, "a", "share_pct", "2025-12-31", "2025-06-30", "not_met"),
            ("b", False, "", "share_pct", "2025-12-31", "2025-12-31", "no_figure")]
    frame = pd.DataFrame(rows, columns=["unit", "former", "successor", "indicator", "deadline", "judged_on",
                                        "verdict"])
    frame["deadline"] = pd.to_datetime(frame["deadline"])
    frame["judged_on"] = pd.to_datetime(frame["judged_on"])
    return frame


@pytest.mark.parametrize("lang", LANGS)
def test_attainment_sentences_open_with_where_each_unit_stands(lang):
    table = _attainment()
    labels = Labels({**LABELS.units, "a-old": "Tỉnh A cũ"}, LABELS.indicators, LABELS.measures)
    found = attainment_findings(table, ["a", "b", "vn"], labels, "2026-03-31", figures=["targets_heatmap"], lang=lang,
                                verdicts=_verdicts())
    by_unit = {f.values["unit"]: f for f in found}
    a = by_unit["a"]
    assert (a.values["met"], a.values["total"], a.values["assessed"], a.values["behind"],
            a.values["one_figure"]) == (1, 3, 3, 1, 1)
    assert a.text.startswith(i18n.t("findings.standing", lang, unit="Tỉnh A", met="1", assessed="3", total="3",
                                    date=i18n.date("2026-03-31", lang)))
    assert i18n.t("findings.part.met_list", lang, indicators="Tỷ lệ X") in a.text
    # how far behind: the target it is farthest from, relative to the target (count: 30 short of 40)
    assert a.values["farthest"]["indicator"] == "count"
    # the verdicts of the latest year due (2025), the unit's own, then its former province's, named as such
    assert a.values["verdict_year"] == 2025
    assert a.values["verdicts"] == {"met": 1, "not_met": 1, "no_figure": 1}
    assert a.values["former_verdicts"] == {"a-old": {"met": 0, "not_met": 1, "no_figure": 0}}
    assert "Tỉnh A cũ" in a.text and i18n.date("2025-06-30", lang) in a.text
    # a unit with no figure for any target and no verdict opens no finding: an absence is a caveat
    assert "b" not in by_unit
    assert all(f.figure == "targets_heatmap" for f in found)
    for f in found:
        assert_numbers_come_from_values(f, labels, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_a_unit_with_verdicts_but_no_current_status_opens_with_its_verdicts(lang):
    table = _attainment()
    table = table[table["unit"] == "b"]
    verdicts = _verdicts().assign(verdict=lambda f: f["verdict"].where(f["unit"] != "b", "not_met"))
    (b,) = attainment_findings(table, ["b"], LABELS, "2026-03-31", lang=lang, verdicts=verdicts)
    assert b.text.startswith(i18n.t("findings.standing_verdicts", lang, unit="Tỉnh B", year=2025,
                                    verdicts=i18n.t("findings.verdict.not_met", lang, n="1") + " (Tỷ lệ X)"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_unit_with_no_figure_for_a_target_opens_with_where_it_ranks_then_says_so(lang):
    # issue 18: Thái Nguyên (with former Bắc Kạn) had no sentence at all; where it ranks is where it stands
    table = _attainment()
    table = table[table["unit"] == "b"]
    ranks = pd.DataFrame({"unit": ["b", "b", "a"], "indicator": ["dti_rank", "count", "dti_rank"],
                          "value": [8.0, 1.0, 14.0], "rank_of": [34, 34, 34], "qualifier": ["", "", ""],
                          "as_of": pd.to_datetime(["2024-12-31", "2025-08-29", "2024-12-31"])})
    (b,) = attainment_findings(table, ["b"], LABELS, "2026-03-31", lang=lang, ranks=ranks)
    clause = i18n.t("findings.rank_clause", lang, value="8/34" if lang == "vi" else "8th of 34",
                    indicator=LABELS.indicator("dti_rank"), month=i18n.month("2024-12-31", lang))
    assert b.text.startswith(i18n.t("findings.standing_ranks", lang, unit="Tỉnh B", ranks="")[:-1].rstrip())
    assert clause in b.text
    assert i18n.t("findings.part.no_target_figure", lang, total="2", date=i18n.date("2026-03-31", lang)) in b.text
    assert [r["value"] for r in b.values["ranks"]] == [8.0, 1.0]
    assert attainment_findings(table, ["b"], LABELS, "2026-03-31", lang=lang) == []   # no rank: no sentence


def test_a_finding_refers_only_to_a_figure_the_pack_has():
    found = attainment_findings(_attainment(), ["a"], LABELS, "2026-03-31", figures=["trend_a_count"])
    assert found[0].figure is None


@pytest.mark.parametrize("lang", LANGS)
def test_largest_gaps_take_each_units_largest_first_relative_to_the_target(lang):
    table = _attainment()
    (found,) = gap_findings(table, ["a", "b", "vn"], LABELS, lang=lang, top=2)
    gaps = found.values["gaps"]
    # a: count 30 short of 40 (0.75) beats rank 4 places short of 10 (0.4); vn: 20 short of 80 (0.25)
    assert [(g["unit"], g["indicator"]) for g in gaps] == [("a", "count"), ("vn", "share_pct")]
    assert i18n.t("findings.gap_points", lang, gap=i18n.number(20, 2, lang)) in found.text
    assert "Tỷ lệ X" in found.text and "Số Y" in found.text
    assert_numbers_come_from_values(found, LABELS, lang)


def test_no_gap_is_reported_for_a_met_target_or_a_unit_without_figures():
    table = _attainment()
    assert gap_findings(table[table["unit"] == "b"], ["b"], LABELS) == []
    (found,) = gap_findings(table, ["a"], LABELS, top=5)
    assert "share_pct" not in [g["indicator"] for g in found.values["gaps"]]


def _dti() -> pd.DataFrame:
    rows = [("a", "a", 2021, 52.0, 63.0, None, ""), ("a", "a", 2022, 38.0, 63.0, None, ""),
            ("a", "a-2025", 2024, 14.0, 34.0, "2025-07-01", ""), ("b", "b", 2021, 12.0, 63.0, None, ""),
            ("b", "b", 2022, 10.0, 63.0, None, ""), ("vn", "vn", 2022, 30.0, 63.0, None, "")]
    frame = pd.DataFrame(rows, columns=["lineage", "segment", "edition", "value", "rank_of", "basis", "qualifier"])
    frame["indicator"] = "dti_rank"
    frame["as_of"] = pd.to_datetime(frame["edition"].astype(str) + "-12-31")
    frame["basis"] = pd.to_datetime(frame["basis"])
    return frame


@pytest.mark.parametrize("lang", LANGS)
def test_rank_moves_compare_ranks_of_one_total_and_set_a_new_total_beside_them(lang):
    found = {f.values["lineage"]: f for f in rank_findings(_dti(), ["a", "b", "vn"], LABELS,
                                                           figures=["compare_dti_history"], lang=lang)}
    assert set(found) == {"a", "b"}            # vn has one rank: no move to tell
    a, b = found["a"], found["b"]
    assert a.values["places"] == 14 and a.values["rebased"]["rank_of"] == 34
    assert i18n.t("findings.rank_up", lang, n="14") in a.text
    assert i18n.date("2025-07-01", lang) in a.text          # the boundaries the rank out of 34 is on
    assert b.values["places"] == 2 and i18n.t("findings.rank_noise", lang) in b.text
    assert a.figure == b.figure == "compare_dti_history"
    for f in found.values():
        assert_numbers_come_from_values(f, LABELS, lang)


def test_a_rank_out_of_another_total_alone_is_never_called_a_move():
    dti = _dti()
    dti = dti[~((dti["lineage"] == "a") & (dti["edition"] == 2021))]
    (a,) = [f for f in rank_findings(dti, ["a"], LABELS, lang="en")]
    assert "places" not in a.values and "up" not in a.text and "rebased" in a.values


@pytest.mark.parametrize("lang", LANGS)
def test_changes_since_the_last_pack_are_counted_by_kind(lang):
    changes = pd.DataFrame({"kind": ["new_value", "new_value", "rank_move", "status_change"],
                            "unit": ["a", "b", "a", "a"]})
    (found,) = change_findings(changes, LABELS, lang)
    assert found.values["counts"] == {"new_value": 2, "rank_move": 1, "status_change": 1}
    assert found.table == "tables/since_last_pack.csv" and found.figure is None
    assert i18n.t("findings.change.rank_move", lang, n="1") in found.text
    assert change_findings(None, LABELS, lang) == []
    (none,) = change_findings(changes.iloc[0:0], LABELS, lang)
    assert none.text == i18n.t("findings.since_last_pack_none", lang)


def test_values_are_written_as_the_language_writes_them():
    assert format_value(14.02, "percent", lang="vi") == "14,02%"
    assert format_value(14.02, "percent", lang="en") == "14.02%"
    assert format_value(32, "rank", rank_of=34, qualifier=">=", lang="en") == "32nd of 34 or lower"
    assert format_value(1545, "count", lang="vi") == "1.545"
    assert format_value(None, "percent", lang="en") == i18n.t("value.not_reported", "en")


# ------------------------------------------------------------------------------ shipped data

@pytest.fixture(scope="module")
def shipped_facts(shipped):
    units = ["lao-cai-2025", "quang-tri-2025", "lai-chau", "thai-nguyen-2025"]
    return {"units": units, "attainment": attainment_table(shipped, AS_OF, units=["vietnam", *units]),
            "dti": dti_history(shipped, units, AS_OF), "revised": revisions(shipped, AS_OF)}


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_findings_are_five_to_ten_sentences_whose_numbers_are_the_datas(shipped, shipped_facts, lang):
    figures = ["targets_heatmap", "compare_dti_history", "trend_vietnam_digital_economy_grdp_pct"]
    found = key_findings(shipped, AS_OF, shipped_facts["units"], attainment=shipped_facts["attainment"],
                         dti=shipped_facts["dti"], revised=shipped_facts["revised"], figures=figures, lang=lang)
    assert 5 <= len(found) <= 10
    kinds = [f.kind for f in found]
    assert {"attainment", "gaps", "rank_move"} <= set(kinds)
    assert all(f.figure is None or f.figure in figures for f in found)
    labels = Labels.from_data(shipped, lang)
    for f in found:
        assert_numbers_come_from_values(f, labels, lang)
    # the counts are the attainment table's
    table = shipped_facts["attainment"]
    for f in found:
        if f.kind == "attainment" and "unit" in f.values:
            rows = table[table["unit"] == f.values["unit"]]
            assert f.values["total"] == len(rows)
            assert f.values["met"] == int((rows["status"] == "met").sum())
            assert f.values["no_data"] == int((rows["status"] == "no_data").sum())


def test_shipped_findings_differ_by_language_and_use_no_words_of_the_other(shipped, shipped_facts):
    built = {lang: key_findings(shipped, AS_OF, shipped_facts["units"], attainment=shipped_facts["attainment"],
                                dti=shipped_facts["dti"], lang=lang) for lang in LANGS}
    assert [f.values for f in built["vi"]] == [f.values for f in built["en"]]
    english = {w for key, e in MESSAGES.items() if key.startswith("findings.")
               for w in re.findall(r"[A-Za-z]{5,}", e["en"]) if w not in e["vi"]}
    vi_text = " ".join(f.text for f in built["vi"])
    labels = Labels.from_data(shipped, "vi")
    for name in [*labels.units.values(), *labels.indicators.values()]:
        vi_text = vi_text.replace(name, "")
    assert not [w for w in english if re.search(rf"\b{w}\b", vi_text)]


def test_findings_on_an_earlier_date_follow_the_provinces_as_they_were(shipped):
    found = key_findings(shipped, "2023-12-31", lang="en")
    assert 1 <= len(found) <= 10
    assert not any("2025" in f.text for f in found if f.kind == "rank_move")   # no merged province yet
    notes = caveats(shipped, "2023-12-31", lang="en")
    assert not any("became" in c.text for c in notes)


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_caveats_name_stale_values_missing_figures_two_methods_rank_totals_and_mergers(
        shipped, shipped_facts, lang):
    notes = caveats(shipped, AS_OF, shipped_facts["units"], attainment=shipped_facts["attainment"],
                    dti=shipped_facts["dti"], lang=lang)
    labels = Labels.from_data(shipped, lang)
    texts = " ".join(c.text for c in notes)
    assert labels.indicator("digital_economy_grdp_pct") in texts
    assert labels.indicator("digital_economy_grdp_mic_estimate_pct") in texts
    totals = next(c.values["totals"] for c in notes if "totals" in c.values)
    assert sorted(totals) == sorted({int(v) for v in shipped_facts["dti"]["rank_of"].dropna()}) == [34, 63]
    assert any(c.values.get("date") == pd.Timestamp("2025-07-01") for c in notes)
    for c in notes:
        assert_numbers_come_from_values(c, labels, lang)


def test_summary_links_each_finding_to_its_figure_and_escapes_data_text():
    found = [Finding("attainment", "Tỉnh <b>A</b> [x](javascript:alert(1))", "targets_heatmap", {}),
             Finding("since_last_pack", "Nothing new", None, {}, "tables/since_last_pack.csv")]
    text = summary_markdown(found, "2026-03-31", "2026-04-02T10:00:00", lang="en")
    assert text.startswith("# ") and i18n.date("2026-03-31", "en") in text.splitlines()[0]
    assert "(index.html#targets_heatmap)" in text and "(targets_heatmap.png)" in text
    assert "(tables/since_last_pack.csv)" in text
    assert "<b>" not in text and "&lt;b&gt;" in text and "\\[x\\]" in text


def test_a_finding_on_one_series_refers_to_the_small_multiple_that_draws_it():
    from dtlib.words.findings import _trend

    drawn = {"compare_dti_history": {("lai-chau", "dti_rank")}, "trend_headline": {("lao-cai", "dti_rank")},
             "trend_government": {("lao-cai-2025", "dti_rank"), ("lai-chau", "dti_rank")}}
    assert _trend("lai-chau", "dti_rank", drawn) == "trend_government"      # a trend, not the comparison
    assert _trend("lao-cai", "dti_rank", drawn) == "trend_headline"
    assert _trend("quang-tri-2025", "dti_rank", drawn) is None
    assert _trend("lai-chau", "x", ["trend_lai-chau_x"]) == "trend_lai-chau_x"       # names only


def test_figure_contents_reads_the_pairs_each_figure_draws(tmp_path):
    from dtlib.pack.outputs import figure_contents

    (tmp_path / "trend_headline.csv").write_text("unit,segment,indicator\nlao-cai-2025,lao-cai,dti_rank\n",
                                                 encoding="utf-8")
    (tmp_path / "targets_heatmap.csv").write_text("a\n1\n", encoding="utf-8")
    contents = figure_contents(tmp_path, ["trend_headline", "targets_heatmap", "missing"])
    assert contents == {"trend_headline": {("lao-cai-2025", "dti_rank"), ("lao-cai", "dti_rank")},
                        "targets_heatmap": set(), "missing": set()}
