"""dtlib.words.formats: one way to write a value, so a figure, a table, a finding and a slide agree."""
import matplotlib
import pandas as pd
import pytest

from dtlib.analysis import compare

from dtlib.figures import heatmaps, plots

from dtlib.words import formats, i18n, names, tables
from dtlib.figures.figure_files import drawn_texts
from dtlib.words.findings import Labels, attainment_findings
from dtlib.words.formats import format_value

matplotlib.use("Agg")
D = pd.Timestamp


@pytest.mark.parametrize("value, measure, kwargs, vi, en", [
    (98.7, "percent", {}, "98,7%", "98.7%"),
    (12, "rank", {"rank_of": 63}, "12/63", "12th of 63"),
    (53, "rank", {"rank_of": 63, "label": True}, "hạng 53/63", "53rd of 63"),
    (53, "rank", {"label": True}, "hạng 53", "53rd"),
    (32, "rank", {"rank_of": 34, "qualifier": ">="}, "32/34 trở xuống", "32nd of 34 or lower"),
    (0.30812, "score_0_1", {}, "0,3081", "0.3081"),
    (-0.0052, "score_change", {}, "\u22120,0052", "\u22120.0052"),
    (2.5, "percent_change", {}, "+2,5%", "+2.5%"),
    (1545, "count", {}, "1.545", "1,545"),
    (300, "count", {"qualifier": ">"}, "trên 300", "over 300"),
    (80, "percent", {"qualifier": "~"}, "khoảng 80%", "about 80%"),
    (10, "usd_billion", {}, "10 tỷ USD", "US$10 bn"),
    (95.5, "mbps", {}, "95,5 Mbps", "95.5 Mbps"),
    (None, "percent", {}, "chưa báo cáo", "not reported"),
    (float("nan"), "percent", {"missing": ""}, "", ""),
])
def test_a_value_is_written_for_its_measure_in_each_language(value, measure, kwargs, vi, en):
    assert format_value(value, measure, lang="vi", **kwargs) == vi
    assert format_value(value, measure, lang="en", **kwargs) == en


def test_the_modules_that_wrote_values_their_own_way_now_share_the_one_rule():
    # issue 22: style, tables and findings each had a format_value ("53rd of 63" in one, "53 of 63" in two)
    from dtlib.figures import style
    from dtlib.words import findings

    assert style.format_value is tables.format_value is findings.format_value is formats.format_value


def _rank_row(lang: str) -> dict:
    return dict(unit="lai-chau", target_unit="vietnam", indicator="dti_rank", indicator_en="DTI rank",
                indicator_vi="Xếp hạng DTI", measure="rank", value=53.0, rank_of=63, qualifier="",
                as_of=D("2024-12-31"), target=45.0, target_rank_of=63, comparator="<=", deadline=D("2025-12-31"),
                status="insufficient_data", gap=8.0)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_rank_reads_the_same_in_figure_heat_map_table_finding_and_slide(lang):
    # issue 22: an English rank read "53rd of 63" on a figure, "53 of 63" in a table and a finding, "53rd" in the
    # heat-map (and the deck's table of it, the slide); one rule now: Vietnamese "53/63" ("hạng 53/63" as a label)
    said = "53rd of 63" if lang == "en" else "53/63"
    row = _rank_row(lang)
    with i18n.use_language(lang):
        ax = plots.against_targets(pd.DataFrame([row]))
        drawn = " ".join(drawn_texts(ax.figure))
        matplotlib.pyplot.close(ax.figure)
    assert said in drawn
    cell = heatmaps.attainment_cell(row, lang=lang)          # the heat-map's cell and the deck's table cell
    assert cell.split("\n")[0].endswith(said)
    shown = tables.display_frame(pd.DataFrame([row]), ["value"], lang=lang)
    assert shown.iloc[0, 0] == said
    labels = Labels(units={"lai-chau": "Lai Châu"}, indicators={"dti_rank": "DTI"}, measures={"dti_rank": "rank"})
    ranks = pd.DataFrame([{k: row[k] for k in ("unit", "indicator", "value", "rank_of", "qualifier", "as_of")}])
    (finding,) = attainment_findings(pd.DataFrame([row]).assign(status="no_data", value=float("nan")), ["lai-chau"],
                                     labels, "2026-03-31", lang=lang, ranks=ranks)
    assert said in finding.text                               # the sentence of the key-findings slide
    if lang == "en":
        assert "53 of 63" not in drawn + cell + finding.text and "53rd of 63" in drawn


def test_a_change_of_places_in_a_table_is_a_number_not_a_place():
    frame = pd.DataFrame({"indicator": ["dti_rank"], "measure": ["rank"], "change": [-1.0], "rank_of": [63]})
    assert tables.display_frame(frame, ["change"], lang="en").iloc[0, 0] == "\u22121"


def test_status_words_have_one_home_the_catalogue():
    # issue 22: the status words lived in the catalogue, in targets.STATUS_LABELS and in style.STATUS_SHORT
    import dtlib
    from dtlib.analysis import targets
    from dtlib.figures import style
    from dtlib.words.messages import MESSAGES

    assert not hasattr(targets, "STATUS_LABELS")
    for status in dtlib.STATUSES:
        for lang in ("vi", "en"):
            assert formats.status_label(status, lang) == MESSAGES[f"status.{status}"][lang]
            assert formats.status_short(status, lang) == MESSAGES[f"status_short.{status}"][lang]
        assert dtlib.STATUS_LABELS[status] == formats.status_label(status, "en")
        assert plots.STATUS_SHORT[status] == formats.status_short(status, "en")
    assert style.status_label is formats.status_label and style.status_short is formats.status_short


def test_a_unit_is_named_by_one_function_everywhere(shipped):
    # issue 22: five functions printed a unit's name (compare's differed: "Lào Cai" in English too)
    from dtlib.analysis import lineage
    from dtlib.pack import front_page, workbook
    from dtlib.words import captions, findings

    assert captions.unit_names is findings.unit_labels is front_page.unit_labels is workbook.unit_labels \
        is names.unit_labels
    assert not hasattr(front_page, "_unit_names") and not hasattr(compare, "unit_names")
    for lang in ("vi", "en"):
        assert names.unit_labels(shipped, lang) == names.unit_labels(shipped.units, lang)
    assert names.unit_labels(shipped, "en")["lao-cai-2025"] == "Lào Cai (with former Yên Bái)"
