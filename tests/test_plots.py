"""The house style and the chart functions: what each draws, the source line, and the files it writes."""
import json
import warnings

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

import dtlib
from dtlib.figures import plots
from dtlib.analysis.compare import with_indicators

D = pd.Timestamp


# the house theme for each test only, in English (the words these tests check); see test_style for Vietnamese
pytestmark = pytest.mark.usefixtures("english_theme")


def gids(ax, gid):
    return [p for p in ax.patches if p.get_gid() == gid]


def cells(ax):
    """How many cells a seaborn heat-map coloured (the unmasked entries of its mesh)."""
    mesh = next(c for c in ax.collections if c.get_gid() == "cells")
    return int((~np.ma.getmaskarray(mesh.get_array())).sum())


def texts(ax):
    return [t.get_text() for t in ax.texts]


def attainment_rows():
    """Three rows of an attainment table: met, one figure only, no figure."""
    base = dict(unit="lao-cai", target_unit="vietnam", comparator=">=", deadline=D("2025-12-31"), measure="percent",
                rank_of=pd.NA)
    return pd.DataFrame([
        dict(base, indicator="a_pct", indicator_en="A", value=84.0, as_of=D("2022-09-30"), target=60.0, status="met"),
        dict(base, indicator="b_pct", indicator_en="B", value=87.0, as_of=D("2022-09-30"), target=90.0,
             status="insufficient_data"),
        dict(base, indicator="c_pct", indicator_en="C", value=float("nan"), as_of=pd.NaT, target=80.0,
             status="no_data"),
    ])


def latest_rows():
    """Latest figures of three units on two percent indicators; Lai Châu reports only one, Lào Cai's is stale."""
    row = lambda unit, ind, value, when, stale: dict(unit=unit, unit_name=unit.title(), indicator=ind,  # noqa: E731
                                                     indicator_en=ind.upper(), value=value, as_of=D(when),
                                                     measure="percent", rank_of=pd.NA, stale=stale, source="s")
    return pd.DataFrame([
        row("lao-cai", "x_pct", 87.0, "2022-06-30", True), row("lai-chau", "x_pct", 40.0, "2023-09-30", False),
        row("thai-nguyen", "x_pct", 60.0, "2023-09-30", False),
        row("lao-cai", "y_pct", 10.0, "2023-09-30", False), row("thai-nguyen", "y_pct", 20.0, "2023-09-30", False),
    ])


def test_set_theme_sets_font_palette_and_resolution():
    with matplotlib.rc_context():
        plots.set_theme()
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == list(plots.PALETTE)
        assert plots.PALETTE[0] == "#0072B2" and len(set(plots.PALETTE)) == 8          # Okabe–Ito
        assert matplotlib.rcParams["savefig.dpi"] == 200                               # 2000 px at 10 in
        assert matplotlib.rcParams["svg.fonttype"] == "none" and matplotlib.rcParams["pdf.fonttype"] == 42


def test_every_status_has_its_own_colour_and_words():
    assert set(plots.STATUS_COLOURS) == set(dtlib.STATUSES) == set(plots.STATUS_SHORT)
    assert len(set(plots.STATUS_COLOURS.values())) == len(dtlib.STATUSES)


def test_values_are_formatted_as_a_reader_expects():
    assert plots.format_value(98.7, "percent") == "98.7%"
    assert plots.format_value(1545, "count") == "1,545"
    assert plots.format_value(1540, "count") == "1,540"
    assert plots.format_value(53, "rank", rank_of=63) == "53rd of 63"
    assert plots.format_value(0.3081, "score_0_1") == "0.3081"
    assert plots.format_value(-0.0052, "score_change") == "\u22120.0052"
    assert plots.format_value(300, "count", qualifier=">") == "over 300"
    assert plots.format_value(float("nan"), "percent") == "not reported"
    assert plots.format_month(D("2022-09-30")) == "09/2022" and plots.format_date(D("2023-09-30")) == "30 Sep 2023"


def test_against_targets_draws_a_bar_per_value_and_says_not_reported():
    ax = plots.against_targets(attainment_rows())
    assert isinstance(ax, matplotlib.axes.Axes)
    assert len(gids(ax, "value")) == 2 and len(gids(ax, "track")) == 3
    labels = texts(ax)
    assert "84% (09/2022)" in labels and "not reported" in labels
    assert "Target met" in labels and "No figure reported" in labels      # status in words, not colour alone
    assert "target ≥ 90% by 12/2025 (vietnam)" in labels


def test_against_targets_hatches_a_stale_value():
    ax = plots.against_targets(attainment_rows(), as_of="2023-12-31")
    assert all(bar.get_hatch() for bar in gids(ax, "value"))
    assert "87% (09/2022, stale)" in texts(ax)


def test_compare_units_labels_each_value_with_its_date_and_never_draws_missing_as_zero():
    ax = plots.compare_units(latest_rows(), units=["lao-cai", "lai-chau", "thai-nguyen"])
    assert isinstance(ax, matplotlib.axes.Axes)
    bars = gids(ax, "value")
    assert len(bars) == 5
    assert [bar.get_hatch() for bar in bars].count(plots.STALE_HATCH) == 1
    labels = texts(ax)
    assert "Lao-Cai: 87% (06/2022, stale)" in labels and "Lai-Chau: 40% (09/2023)" in labels
    assert "Lai-Chau: not reported" in labels
    assert "different dates (06/2022 to 09/2023)" in ax.get_title(loc="left")


def test_compare_units_names_each_bar_for_its_own_figure_and_a_province_without_one_for_the_province():
    names = {"lao-cai": "Lào Cai", "lai-chau": "Lai Châu", "thai-nguyen": "Thái Nguyên"}
    rows = latest_rows().assign(unit_name=lambda f: f["unit"].map(names))
    rows.loc[(rows["unit"] == "lao-cai") & (rows["indicator"] == "x_pct"), "unit_name"] = "Lào Cai; before: Old"
    ax = plots.compare_units(rows, units=["lao-cai", "lai-chau", "thai-nguyen"], unit_names=names)
    labels = texts(ax)
    # the row's own name wins over the province's: one figure of Lào Cai came from a former unit, one did not
    assert "Lào Cai; before: Old: 87% (06/2022, stale)" in labels and "Lào Cai: 10% (09/2023)" in labels
    assert "Lai Châu: not reported" in labels           # no row: the province's name
    plt.close(ax.figure)


def test_compare_units_never_puts_ranks_out_of_63_and_out_of_34_on_one_axis():
    # issue 19: the profile's bars drew 53/63 beside 14/34
    rows = pd.DataFrame([dict(unit=u, unit_name=u.title(), indicator="dti_rank", indicator_en="DTI rank", value=v,
                              as_of=D(w), measure="rank", rank_of=n, stale=False, source="s")
                         for u, v, w, n in [("lao-cai", 14, "2024-12-31", 34), ("quang-tri", 32, "2024-12-31", 34),
                                            ("lai-chau", 53, "2022-12-31", 63)]])
    ax = plots.compare_units(rows, units=["lao-cai", "quang-tri", "lai-chau"])
    assert len(gids(ax, "value")) == 2                         # the two ranks out of 34
    apart = [t.get_text() for t in ax.texts if t.get_gid() == "apart"]
    assert apart == ["Lai-Chau: 53rd of 63 (12/2022), not drawn beside ranks out of 34"]
    plt.close(ax.figure)


def test_compare_units_refuses_to_mix_measures():
    rows = latest_rows()
    rows.loc[rows["indicator"] == "y_pct", "measure"] = "rank"
    with pytest.raises(ValueError, match=r"one measure at a time; got percent \(x_pct\); rank \(y_pct\)"):
        plots.compare_units(rows)


def test_attainment_heatmap_draws_a_cell_per_row_with_status_words():
    table = pd.concat([attainment_rows(), attainment_rows().iloc[:2].assign(unit="lai-chau")])
    ax = plots.attainment_heatmap(table, units=["lao-cai", "lai-chau"])
    assert cells(ax) == 5 and len(gids(ax, "no-target")) == 1
    assert "84%\n09/2022\nmet" in texts(ax) and "no data" in texts(ax)
    assert "met: Target met" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_coverage_matrix_draws_a_cell_per_unit_and_indicator(mini):
    ax = plots.coverage_matrix(dtlib.known_observations(mini))
    assert cells(ax) == 5
    assert "2 · 10/2023" in texts(ax)


def test_a_vietnamese_title_renders_without_missing_glyphs(mini):
    ax = plots.against_targets(with_indicators(dtlib.attainment_table(mini, units=["lao-cai"]), mini))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plots.finish(ax.figure, "Lào Cai, Quảng Bình, Lai Châu, Thái Nguyên: ệ ở ữ ậ Đ ≥ ≤ −",
                     "Tỷ lệ hồ sơ công việc", plots.source_line(mini, ["bao-a", "qd-749-2020"]))
        ax.figure.canvas.draw()
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_the_glyph_check_would_catch_a_missing_glyph():
    fig, _ = plt.subplots()
    fig.suptitle("数字化")                                       # no CJK in DejaVu Sans
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert [w for w in caught if "missing from font" in str(w.message)]


def test_source_line_names_publisher_date_and_title_from_the_sources_table(mini):
    line = plots.source_line(mini, ["bao-a", "qd-749-2020|bao-a", None], as_of="2023-12-31")
    assert line == ("Source: Báo A (2023-10-20), Bài A; Thủ tướng Chính phủ (2020-06-03), Quyết định 749/QĐ-TTg. "
                    "Data: dtlib, as of 2023-12-31")


@pytest.mark.heavy
def test_save_figure_writes_png_svg_pdf_csv_and_json(tmp_path, mini):
    ax = plots.against_targets(attainment_rows())
    data = attainment_rows().assign(source="bao-a")
    meta = plots.save_figure(ax.figure, tmp_path / "out", "profile_lao-cai_pillars", data, "Lào Cai against targets",
                             "Source: Báo A", "01_profile.ipynb")
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [f"profile_lao-cai_pillars.{e}" for e in ("csv", "json", "pdf",
                                                                                               "png", "svg")]
    on_disk = json.loads((out / "profile_lao-cai_pillars.json").read_text(encoding="utf-8"))
    assert on_disk == meta
    assert {k: meta[k] for k in ("name", "caption", "source", "notebook", "png", "svg", "pdf", "csv")} == {
        "name": "profile_lao-cai_pillars", "caption": "Lào Cai against targets", "source": "Source: Báo A",
        "notebook": "01_profile.ipynb", "png": "profile_lao-cai_pillars.png", "svg": "profile_lao-cai_pillars.svg",
        "pdf": "profile_lao-cai_pillars.pdf", "csv": "profile_lao-cai_pillars.csv"}
    assert "not reported" in meta["texts"] and "Target met" in meta["texts"]       # what the figure says
    assert meta["size"][0] <= 10.05 and "page" in meta["fits"]
    png = Image.open(out / "profile_lao-cai_pillars.png")
    assert png.info["dpi"][0] == pytest.approx(200, abs=0.5)
    assert png.size[0] == pytest.approx(meta["size"][0] * 200, abs=2)
    assert (out / "profile_lao-cai_pillars.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (out / "profile_lao-cai_pillars.pdf").read_bytes().startswith(b"%PDF")
    csv = pd.read_csv(out / "profile_lao-cai_pillars.csv", dtype=str, keep_default_na=False)
    assert csv["as_of"].tolist() == ["2022-09-30", "2022-09-30", ""] and csv["source"].iloc[0] == "bao-a"


def test_save_figure_refuses_a_name_that_is_not_lower_case_ascii(tmp_path):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="'Lào Cai' must be lower-case ASCII"):
        plots.save_figure(fig, tmp_path, "Lào Cai", pd.DataFrame(), "", "", "")
    assert not list(tmp_path.iterdir())


def test_save_table_neutralises_formulas_but_not_negative_numbers(tmp_path):
    frame = pd.DataFrame({"note": ["=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1)", "-5", "plain"],
                          "change": [-5, 1, 2, 3, 4, 5], "as_of": [D("2023-09-30")] * 6})
    path = plots.save_table(frame, tmp_path, "compare_ranked")
    assert path == tmp_path / "tables" / "compare_ranked.csv"
    out = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert out["note"].tolist() == ["'=cmd|' /C calc'!A0", "'+1+2", "'-2+3", "'@SUM(A1)", "-5", "plain"]
    assert out["change"].iloc[0] == "-5" and out["as_of"].iloc[0] == "2023-09-30"


def test_finish_adds_title_and_source_and_grows_the_figure(mini):
    fig, _ = plt.subplots(figsize=(6, 3))
    plots.finish(fig, "Lào Cai: a title that says what and when, as of 30 Sep 2023", "A subtitle",
                 "Source: Báo A (2023-10-20), Bài A. Data: dtlib, as of 2023-12-31")
    assert fig.get_size_inches()[1] > 3
    shown = [t.get_text() for t in fig.texts]
    assert shown[0].startswith("Lào Cai") and shown[-1].startswith("Source: Báo A")
    assert fig.texts[-1].get_position()[1] < 0.1                  # at the bottom


def test_count_of_says_one_or_many():
    assert plots.count_of(1, "indicator") == "1 indicator" and plots.count_of(3, "source") == "3 sources"


def test_attainment_heatmap_says_stale_when_given_the_report_date():
    ax = plots.attainment_heatmap(attainment_rows(), as_of="2023-12-31")
    assert "84%\n09/2022 · stale\nmet" in texts(ax)


def test_dti_history_labels_each_rank_with_its_denominator_and_draws_the_yardsticks(shipped):
    from dtlib.analysis.compare import dti_history
    from dtlib.words.names import unit_labels as unit_names

    units = ["lao-cai-2025", "quang-tri-2025", "lai-chau", "thai-nguyen-2025"]
    frame = dti_history(shipped, units, "2026-03-31")
    fig = plots.dti_history(frame, units=units, unit_names=unit_names(shipped))
    left, right = fig.axes[:2]
    rank_labels = {t.get_text() for t in right.texts}
    assert {"52/63", "38/63", "14/34*", "≥32/34*", "53/63", "12/63", "8/63"} <= rank_labels
    references = [line for line in left.lines if line.get_gid() == "reference"]
    assert len(references) == 2                               # provincial mean and national DTI
    assert {"0.6783", "0.6961"} <= {t.get_text() for t in left.texts}
    # Lào Cai's line: the old province's 63-ranking joined, the 34-ranking of the merged province apart
    blue = [line for line in right.lines if line.get_gid() == "series" and 14 in list(line.get_ydata())]
    assert len(blue) == 1 and len(blue[0].get_xdata()) == 1
    # a rank whose line rises to the next edition (52nd to 38th) is written below its point, clear of the line;
    # the line's last point, and a point alone, above
    offset = {t.get_text(): t.xyann[1] for t in right.texts}
    assert offset["52/63"] < 0 and offset["12/63"] < 0
    assert offset["38/63"] > 0 and offset["53/63"] > 0 and offset["14/34*"] > 0
    plt.close(fig)


# ------------------------------------------------------------------ small-multiple trends (dtlib.figures.trend_panels)

def _panel_series():
    """Two provinces on a percent and a rank: Quảng Trị's percent crosses the merger, one rank is recomputed."""
    rows = [
        ("lao-cai-2025", "lao-cai", "share_pct", "2022-12-31", 40.0, None, "year", None),
        ("lao-cai-2025", "lao-cai", "share_pct", "2023-12-31", 50.0, None, "year", None),
        ("lao-cai-2025", "lao-cai", "share_pct", "2024-06-30", 30.0, None, "month", None),   # another window
        ("quang-tri-2025", "quang-binh", "share_pct", "2023-12-31", 59.2, None, "year", None),
        ("quang-tri-2025", "quang-binh", "share_pct", "2024-12-31", 62.0, None, "year", None),
        ("quang-tri-2025", "quang-tri-2025", "share_pct", "2025-12-31", 70.0, None, "year", None),
        ("quang-tri-2025", "quang-tri-2025", "share_pct", "2026-03-31", 72.0, None, "year", None),
        ("lao-cai-2025", "lao-cai", "dti_rank", "2021-12-31", 52.0, 63, "year", None),
        ("lao-cai-2025", "lao-cai", "dti_rank", "2022-12-31", 38.0, 63, "year", None),
        ("lao-cai-2025", "lao-cai-2025", "dti_rank", "2024-12-31", 14.0, 34, "year", "2025-07-01"),
    ]
    frame = pd.DataFrame(rows, columns=["unit", "segment", "indicator", "as_of", "value", "rank_of", "window", "basis"])
    return frame.assign(as_of=pd.to_datetime(frame["as_of"]), basis=pd.to_datetime(frame["basis"]),
                        rank_of=frame["rank_of"].astype("Float64"),
                        measure=frame["indicator"].map({"share_pct": "percent", "dti_rank": "rank"}))


def _panels():
    targets = pd.DataFrame({"unit": ["lao-cai-2025", "lai-chau"], "indicator": ["share_pct", "share_pct"],
                            "target": [80.0, 90.0], "deadline": pd.to_datetime(["2025-12-31", "2025-12-31"])})
    breaks = pd.DataFrame({"unit": ["quang-tri-2025"], "indicator": ["share_pct"], "date": [D("2025-07-01")]})
    return plots.trend_panels(_panel_series(), indicators=["share_pct", "dti_rank"],
                              units=["lao-cai-2025", "quang-tri-2025", "lai-chau"], targets=targets, breaks=breaks,
                              indicator_names={"share_pct": "A share", "dti_rank": "DTI rank"},
                              unit_names={"lao-cai-2025": "Lào Cai", "quang-tri-2025": "Quảng Trị"})


def test_trend_panels_draw_a_panel_per_indicator_and_one_legend_for_the_figure():
    fig = _panels()
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    # the ranks out of 63 and the recomputed ranks out of 34 get a panel each (issue 19: never one axis)
    assert [ax.get_title(loc="left") for ax in panels] == ["A share", "DTI rank (ranked among 63 provinces)",
                                                           "DTI rank (ranked among 34 provinces)"]
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] + list(fig.legends)
    assert len(legends) == 1
    labels = [t.get_text() for t in legends[0].get_texts()]
    assert labels[:2] == ["Lào Cai", "Quảng Trị"]                 # a unit without figures is not in the key
    assert "Lai Châu" not in labels and "lai-chau" not in labels
    rank = panels[1]
    assert rank.get_ylim()[0] > rank.get_ylim()[1]                 # best rank on top


def test_trend_panels_give_each_unit_its_colour_of_the_pack_and_never_join_what_is_not_comparable():
    from matplotlib.colors import to_hex

    fig = _panels()
    share, of_63, of_34 = [ax for ax in fig.axes if ax.get_title(loc="left")]
    lines = [line for line in share.lines if line.get_gid() == "series"]
    colours = {to_hex(line.get_color()).upper() for line in lines}
    assert colours == {plots.unit_colour("lao-cai-2025").upper(), plots.unit_colour("quang-tri-2025").upper()}
    # Lào Cai: a year's line of two and a month's point apart; Quảng Trị: two segments, not joined across 2025
    assert sorted(len(line.get_xdata()) for line in lines) == [1, 2, 2, 2]
    assert len([line for line in share.lines if line.get_gid() == "break"]) == 1
    # ranks out of 63 and a recomputed rank out of 34: never one line, never one axis
    assert [len(line.get_xdata()) for line in of_63.lines if line.get_gid() == "series"] == [2]
    assert [len(line.get_xdata()) for line in of_34.lines if line.get_gid() == "series"] == [1]
    assert [t.get_text() for t in of_34.texts if t.get_gid() == "last_value"] == ["14th of 34 (12/2024)"]
    # a target only for a unit the panel draws, in its colour, ending at the deadline
    targets = [line for line in share.lines if line.get_gid() == "target"]
    assert len(targets) == 1 and to_hex(targets[0].get_color()).upper() == plots.unit_colour("lao-cai").upper()
    # the latest value of each line is written, once per line
    written = [t.get_text() for t in share.texts if t.get_gid() == "last_value"]
    assert len(written) == 4 and "72% (03/2026)" in written


def test_trend_panels_draw_no_path_to_a_target_the_latest_figure_already_meets():
    # issue 19: a dashed line ran down from 100% (2023) to the 80% target of 2026
    series = pd.DataFrame({"unit": ["lao-cai-2025"] * 2 + ["lai-chau"] * 2, "indicator": ["s_pct"] * 4,
                           "as_of": pd.to_datetime(["2022-12-31", "2023-12-31"] * 2), "value": [90.0, 100.0, 40.0, 50.0],
                           "measure": "percent"})
    targets = pd.DataFrame({"unit": ["lao-cai-2025", "lai-chau"], "indicator": ["s_pct"] * 2, "target": [80.0, 80.0],
                            "comparator": [">=", ">="], "deadline": pd.to_datetime(["2026-12-31"] * 2)})
    fig = plots.trend_panels(series, indicators=["s_pct"], units=["lao-cai-2025", "lai-chau"], targets=targets)
    ax = next(ax for ax in fig.axes if ax.lines)
    paths = [line for line in ax.lines if line.get_gid() == "target"]
    assert len(paths) == 1 and list(paths[0].get_ydata()) == [50.0, 80.0]     # Lai Châu's path only
    assert len([line for line in ax.lines if line.get_gid() == "deadline"]) == 2   # both squares
    plt.close(fig)


def test_trend_panels_refuse_more_panels_than_a_page_holds_and_chunks_split_evenly():
    from dtlib.figures.trend_panels import MAX_PANELS, chunks, distinct_colours

    with pytest.raises(ValueError, match="at most 12 panels"):
        plots.trend_panels(_panel_series(), indicators=[f"i{k}" for k in range(MAX_PANELS + 1)], units=["lao-cai"])
    assert [len(c) for c in chunks(range(11), 6)] == [6, 5] and chunks([], 6) == []
    # units outside the fixed colours never share one in a figure
    many = distinct_colours([f"syn-{k}" for k in range(6)])
    assert len(set(many.values())) == 6
    assert distinct_colours(["lao-cai", "syn-1"])["lao-cai"] == plots.unit_colour("lao-cai")


def test_a_last_value_label_never_covers_another_lines_point_and_is_joined_to_its_own_when_moved():
    """Two units at 100% a quarter apart (the headline's e-services panel): the earlier one's label, written
    right of its point, would cover the later point; it goes right of the latest point, joined to its own."""
    rows = [("lao-cai-2025", "services_pct", "2022-09-30", 100.0),
            ("lao-cai-2025", "services_pct", "2023-09-30", 100.0),
            ("quang-tri-2025", "services_pct", "2023-12-31", 100.0),
            ("lai-chau", "services_pct", "2021-12-31", 40.0), ("lai-chau", "services_pct", "2023-12-31", 60.0)]
    series = pd.DataFrame(rows, columns=["unit", "indicator", "as_of", "value"]).assign(
        as_of=lambda f: pd.to_datetime(f["as_of"]), measure="percent")
    targets = pd.DataFrame({"unit": ["quang-tri-2025"], "indicator": ["services_pct"], "target": [100.0],
                            "deadline": pd.to_datetime(["2030-12-31"])})
    if True:   # the house theme is on (english_theme)
        fig = plots.trend_panels(series, indicators=["services_pct"],
                                 units=["lao-cai-2025", "quang-tri-2025", "lai-chau"], targets=targets)
        plots.finish(fig, "Title", None, "Source")
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = next(ax for ax in fig.axes if ax.lines)
        labels = {t.get_text(): t for t in ax.texts if t.get_gid() == "last_value"}
        assert set(labels) == {"100% (09/2023)", "100% (12/2023)", "60% (12/2023)"}
        points = {}
        for line in ax.lines:
            if line.get_gid() == "series":
                for xy in line.get_transform().transform(line.get_xydata()):
                    points[tuple(xy)] = line.get_color()
        from matplotlib.text import Text

        for text, label in labels.items():
            box = Text.get_window_extent(label, renderer)       # the words only, not the line joining them
            covered = [xy for xy in points if box.x0 - 2 <= xy[0] <= box.x1 + 2 and box.y0 - 2 <= xy[1] <= box.y1 + 2]
            assert not covered, (text, covered)
        from dtlib.figures.colours import contrast

        assert all(contrast(label.get_color()) >= 4.5 for label in labels.values())   # Quảng Trị's orange, darkened
        moved = labels["100% (09/2023)"]
        assert moved.arrow_patch is not None                        # joined to its own point by a thin line
        assert labels["100% (12/2023)"].arrow_patch is None and labels["60% (12/2023)"].arrow_patch is None
        # the labels pushed down from the top do not push down one that is not in their way
        assert labels["60% (12/2023)"].xyann[1] == 0
        # the moved label starts right of the latest point: right of Quảng Trị's 12/2023
        latest = ax.transData.transform((mdates.date2num(pd.Timestamp("2023-12-31")), 100.0))[0]
        assert Text.get_window_extent(moved, renderer).x0 > latest
        plt.close(fig)


def test_a_segment_crosses_a_box_only_where_it_passes_through_it():
    from dtlib.figures.trend_panels import _crosses

    box = (0.0, 0.0, 10.0, 10.0)
    assert _crosses(np.array([-5.0, 5.0]), np.array([15.0, 5.0]), box)          # straight through
    assert _crosses(np.array([5.0, 5.0]), np.array([6.0, 6.0]), box)            # inside
    assert not _crosses(np.array([-5.0, 12.0]), np.array([15.0, 12.0]), box)    # above it
    assert not _crosses(np.array([11.0, -1.0]), np.array([20.0, 8.0]), box)     # beside it
    assert _crosses(np.array([-2.0, 3.0]), np.array([3.0, -2.0]), box)          # clips the corner
    assert not _crosses(np.array([-3.0, 1.0]), np.array([1.0, -3.0]), box)      # passes the corner by


def test_trend_panels_move_a_latest_value_off_a_target_s_square_and_join_it_to_its_point():
    # issue 19: in the DTI panel, the label of 46/63 (12/2022) hid Lai Châu's square (rank 45, end of 2025)
    series = pd.DataFrame({"unit": ["lao-cai-2025", "lao-cai-2025", "lai-chau"], "indicator": ["r"] * 3,
                           "as_of": pd.to_datetime(["2020-12-31", "2022-12-31", "2022-12-31"]),
                           "value": [30.0, 46.0, 53.0], "measure": "rank", "rank_of": [63, 63, 63]})
    targets = pd.DataFrame({"unit": ["lai-chau"], "indicator": ["r"], "target": [45.0], "comparator": ["<="],
                            "deadline": pd.to_datetime(["2025-12-31"]), "target_rank_of": [63]})
    from dtlib.words import i18n

    # three panels across (two of them empty): the panel as narrow as in the pack; in Vietnamese, the longer label
    with i18n.use_language("vi"):
        fig = plots.trend_panels(series, indicators=["r", "a", "b"], units=["lao-cai-2025", "lai-chau"],
                                 targets=targets)
    ax = next(ax for ax in fig.axes if ax.lines)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    [square] = [line for line in ax.lines if line.get_gid() == "deadline"]
    x, y = ax.transData.transform(np.asarray(square.get_xydata(), dtype=float))[0]
    labels = [t for t in ax.texts if t.get_gid() == "last_value"]
    assert len(labels) == 2
    for label in labels:
        box = label.get_window_extent(renderer)
        assert not (box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1), label.get_text()
    moved = [t for t in labels if t.arrow_patch is not None]
    assert len(moved) == 1 and "46" in moved[0].get_text() and "63" in moved[0].get_text()
    plt.close(fig)
