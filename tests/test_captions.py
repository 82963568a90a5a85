"""dtlib.words.captions: the notebooks' sentences, titles and captions, in both languages."""
import re

import pandas as pd
import pytest

from dtlib.analysis import compare, lineage

from dtlib.words import captions, i18n
from dtlib.analysis.targets import STATUSES

#: Words of English prose that a Vietnamese sentence must not hold (names and quotes aside).
ENGLISH = re.compile(r"\b(the|of|and|figures?|indicators?|targets?|reported|as of|units?|to|with|no)\b")
T = pd.Timestamp


@pytest.fixture(params=["vi", "en"])
def lang(request):
    with i18n.use_language(request.param):
        yield request.param


def test_a_merged_province_is_named_for_what_it_absorbed_in_each_language(shipped):
    vi, en = captions.unit_names(shipped, "vi"), captions.unit_names(shipped, "en")
    assert vi["lao-cai"] == en["lao-cai"] == "Lào Cai"
    assert vi["lao-cai-2025"] == "Lào Cai (gồm cả Yên Bái cũ)"
    assert en["quang-tri-2025"] == "Quảng Trị (with former Quảng Bình)"   # not "(2025, merged with ...)" twice
    assert vi["vietnam"] == "Việt Nam" and en["vietnam"] == "Vietnam"
    assert captions.indicator_names(shipped, "en")["dti_rank"] == "Provincial DTI rank"


def test_counts_agree_with_their_noun_and_numbers_follow_the_language():
    assert captions.count(1, "indicator", "en") == "1 indicator"
    assert captions.count(1545, "figure", "en") == "1,545 figures"
    assert captions.count(1545, "figure", "vi") == "1.545 số liệu"
    assert captions.listing(["A", "B", "C"], "vi") == "A, B và C"
    assert captions.span("2022-09-30", "2022-09-30", "en") == "30 Sep 2022"
    assert captions.span("2021-12-31", "2024-12-31", "vi") == "từ 31/12/2021 đến 31/12/2024"


def test_the_report_date_line_writes_the_date_as_the_language_does(lang):
    line = captions.report_date_line("2026-03-31")
    assert ("**31/03/2026**" if lang == "vi" else "**31 Mar 2026**") in line


def test_the_profile_summary_counts_from_the_data(lang):
    latest = pd.DataFrame({"as_of": [T("2021-12-31"), T("2024-12-31"), T("2023-06-30")]})
    table = pd.DataFrame({"value": [1.0, None, 3.0, None]})
    text = captions.profile_summary("Lào Cai", latest, table, "2026-03-31")
    # three indicators with a figure, two of the four with a target have one
    expected = {"vi": "có số liệu về 3 chỉ tiêu, thời điểm từ 31/12/2021 đến 31/12/2024; "
                      "có số liệu về 2 trong 4",
                "en": "figures on 3 indicators, dated 31 Dec 2021 to 31 Dec 2024; figures on 2 of the 4"}[lang]
    assert expected in text
    silent = captions.profile_summary("Lai Châu", latest.iloc[0:0], table, "2026-03-31")
    assert silent.startswith("Lai Châu") and ("31/03/2026" if lang == "vi" else "31 Mar 2026") in silent


def test_the_changes_summary_names_each_direction_in_the_language(lang):
    changes = pd.DataFrame({"direction": ["better", "better", "worse", "first figure", "not comparable"]})
    text = captions.changes_summary("X", changes)
    words = {"vi": ("2 tốt hơn", "1 kém hơn", "1 không so sánh được", "1 mới báo cáo"),
             "en": ("2 better", "1 worse", "1 not comparable", "1 reported once")}[lang]
    assert all(w in text for w in words), text


def test_former_targets_say_one_or_several_and_name_the_instrument(lang):
    one = pd.DataFrame({"unit": ["quang-binh"], "indicator": ["x"], "deadline": [T("2023-12-31")], "value": [80.0],
                        "comparator": [">="], "instrument": ["Kế hoạch 2656/KH-UBND"]})
    text = captions.former_targets(one, "Quảng Trị", {"quang-binh": "Quảng Bình"})
    assert "Kế hoạch 2656/KH-UBND" in text and "Quảng Bình" in text
    assert ("31/12/2023" if lang == "vi" else "31 Dec 2023") in text
    if lang == "en":
        assert text.startswith("The 1 target that the former Quảng Bình") and "does not carry over" in text
        two = captions.former_targets(pd.concat([one, one]), "Quảng Trị", {"quang-binh": "Quảng Bình"})
        assert "The 2 targets" in two and "do not carry over" in two
    assert captions.former_targets(one.iloc[0:0], "Quảng Trị", {}) == ""


def test_attainment_summary_counts_each_status_in_order(lang):
    table = pd.DataFrame({"status": ["no_data", "met", "no_data", "on_track"]})
    text = captions.attainment_summary(table)
    labels = [i18n.t(f"status.{s}").lower() for s in ("met", "on_track", "no_data")]
    positions = [text.index(f"{n} {label}") for n, label in zip((1, 1, 2), labels)]
    assert positions == sorted(positions) and text.startswith("4 ")


def test_rank_notes_say_why_a_unit_is_not_placed(lang):
    ranked = pd.DataFrame({"value": [None, 14.0, 38.0, 50.0], "place": [None, None, 1.0, 2.0],
                           "rank_of": [pd.NA, 34, 63, 63], "stale": [pd.NA, False, True, False]})
    notes = captions.rank_notes(ranked).tolist()
    assert notes[0] == i18n.t("nb.rank.not_reported") and "34" in notes[1]
    assert notes[2] == i18n.t("nb.rank.stale") and notes[3] == ""


def test_worked_example_shows_the_ratio_with_the_languages_numbers(lang):
    row = pd.Series({"unit_name": "Việt Nam", "indicator_name": "Kinh tế số", "indicator": "x", "value": 14.02,
                     "as_of": T("2025-12-31"), "base_value": 12.66, "base_as_of": T("2020-12-31"), "target": 30.0,
                     "deadline": T("2030-12-31"), "comparator": ">=", "target_unit_name": "Việt Nam",
                     "instrument": "Quyết định 411/QĐ-TTg", "status": "limited_progress", "gap": 15.98})
    example = {"row": row, "kind": "ratio", "observed_years": 4.999, "required_years": 9.999,
               "cagr_observed": 0.0206, "cagr_required": 0.0901, "ratio": 0.229,
               "status_from_ratio": "limited_progress"}
    text = captions.worked_example(example, {"x": True}, lambda v, r: i18n.percent(v, 2))
    assert ("0,0206" if lang == "vi" else "0.0206") in text and ("4,999" if lang == "vi" else "4.999") in text
    assert f"**{i18n.t('status.limited_progress')}**" in text and "CAGR<sub>o</sub>" in text
    assert ("<sup>1/4,999</sup>" if lang == "vi" else "<sup>1/4.999</sup>") in text
    evil = row.copy()
    evil["unit_name"] = "X <script>"         # shown as Markdown as it is: the data in it comes escaped
    spoiled = captions.worked_example({**example, "row": evil}, {"x": True}, lambda v, r: str(v))
    assert "X &lt;script&gt;" in spoiled and "<script>" not in spoiled
    assert captions.worked_example(None, {}, str) == i18n.t("nb.example.none")


def test_mergers_and_followed_names_are_said_in_the_language(shipped, lang):
    names = captions.unit_names(shipped)
    brk = lineage.breaks(shipped, "quang-binh")[0]
    sentence = captions.merger_sentence(shipped, brk, names)
    assert names["quang-tri-2025"] in sentence and ("01/07/2025" if lang == "vi" else "1 Jul 2025") in sentence
    followed = pd.DataFrame({"unit": ["quang-tri-2025", "quang-tri-2025"],
                             "reported_by": ["quang-binh", "quang-tri-2025"]})
    back = captions.followed_names(shipped, followed, names)["quang-tri-2025"]
    assert back.startswith(names["quang-tri-2025"]) and back.endswith("Quảng Bình")


def test_titles_and_subtitles_carry_their_date_and_subject(lang):
    date = "31/03/2026" if lang == "vi" else "31 Mar 2026"
    assert date in captions.pillars_title("Lào Cai", "2026-03-31")
    assert date in captions.heatmap_title("2026-03-31") and date in captions.holdings_title("2026-03-31")
    assert captions.chart_subject("society", ["a", "b"], {}).startswith(i18n.t("pillar.society"))
    assert captions.chart_subject("r", ["r"], {"r": "Rank"}) == "Rank"
    dti = pd.DataFrame({"edition": [2020, 2024]})
    assert "2020–2024" in captions.dti_title(dti, ["Lào Cai"])
    assert "63" in captions.dti_subtitle() and "34" in captions.dti_subtitle()


def test_vietnamese_sentences_hold_no_english_prose(shipped):
    with i18n.use_language("vi"):
        texts = [
            captions.report_date_line("2026-03-31"), captions.peers_subtitle(), captions.peers_subtitle(followed=False),
            captions.compare_subtitle(),
            captions.indicators_to_compare(3, 4), captions.indicators_to_compare(0, 4), captions.no_trend(),
            captions.no_trend_for("X", 0), captions.no_trend_for("X", 2), captions.coverage_subtitle(),
            captions.coverage_subtitle(followed=True),
            captions.heatmap_subtitle(), captions.heatmap_subtitle("2025-12-31"), captions.no_dti(),
            captions.dti_subtitle(), captions.targets_summary("X", pd.DataFrame({"target_unit": ["x", "y"]}), "x"),
            captions.no_target(), captions.nothing_to_draw(),
            captions.trend_panels_subtitle(recomputed=True), captions.trend_figures_line(3, 5, 12),
            captions.attainment_summary(pd.DataFrame({"status": list(STATUSES)})),
            captions.holdings_summary(compare.coverage(shipped, "2026-03-31"), shipped.targets),
            *[captions.coverage_by(by) for by in ("unit", "pillar", "period", "source")],
        ]
    for text in texts:
        assert not ENGLISH.search(text), text


def test_small_multiple_titles_name_the_pillar_the_years_and_the_part(lang):
    series = pd.DataFrame({"as_of": [T("2021-12-31"), T("2024-12-31")]})
    title = captions.trend_panels_title("economy", series, "2026-03-31", 2, 3)
    assert title.startswith(i18n.t("pillar.economy")) and "2021–2024" in title
    # the years of the targets drawn too, when later than the figures (issue 19: "2020–2024" with axes to 2032)
    ahead = captions.trend_panels_title(None, series, "2026-03-31",
                                        targets=pd.DataFrame({"deadline": [T("2025-12-31"), T("2030-12-31")]}))
    assert "2021–2024" in ahead and "2030" in ahead
    assert "2030" not in captions.trend_panels_title(None, series, "2026-03-31")
    one = captions.trend_panels_title(None, pd.DataFrame({"as_of": [T("2025-06-30")]}), "2026-03-31")
    assert "2025" in one and "2025–2025" not in one
    missing = captions.trend_panels_subtitle(missing=["Lai Châu"])
    assert "Lai Châu" in missing and missing.startswith(i18n.t("nb.trends.panels_subtitle"))
    assert ("31/03/2026" if lang == "vi" else "31 Mar 2026") in title
    assert ("(2/3)" if lang == "vi" else "(2 of 3)") in title
    whole = captions.trend_panels_title("economy", series, "2026-03-31")
    assert "(" not in whole.replace(i18n.t("pillar.economy"), "")       # one part: no "(1 of 1)"
    assert captions.trend_panels_title(None, series, "2026-03-31").startswith(i18n.t("nb.headline.title").split()[0])
    assert captions.trend_panels_subtitle(recomputed=True).endswith(i18n.t("nb.trends.recomputed"))
    line = captions.trend_figures_line(3, 5, 12)
    assert i18n.number(12, 0) in line and "trends_series.csv" in line
    assert captions.trend_figures_line(1, 1, 1) != captions.trend_figures_line(2, 1, 1)
    assert captions.trend_figures_line(0, 0, 0) == ""           # nothing drawn: the notebook has said why
