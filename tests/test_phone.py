"""Phone renderings (dtlib.figures.phone): each chart drawn again 4.2 in wide and laid out for a phone, so that
shown 366 px wide on a 390-px phone its words read (the 10-in figure's 8.5-pt labels are 4 px there).

The renderings on the built pack's front page, in a real browser, are tested in ``tests/test_browser.py``.
"""
from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.text import Text
from PIL import Image

import dtlib
from dtlib.briefing import notebook
from dtlib.figures import plots
from dtlib.figures.figure_files import FIGURE_WIDTH, PNG_DPI, saved_box
from dtlib.figures.heatmaps import PHONE_COLUMN
from dtlib.figures.phone import (MIN_PHONE_POINTS, PHONE_WIDTH, PX_PER_INCH, drawn_at, figure_width, narrow,
                         phone_rendering)

from .test_plots import _panels, attainment_rows, latest_rows

pytestmark = pytest.mark.usefixtures("english_theme")

#: The widest a phone rendering of a chart of few columns is saved (its width and savefig's white margin).
SAVED = PHONE_WIDTH + 0.35


def finished(fig):
    """``fig`` with a long title, a subtitle and a source line, as :meth:`dtlib.briefing.notebook.Run.figure` puts them."""
    return plots.finish(fig, "A title long enough that a phone wraps it onto a second line, as of 31 Mar 2026",
                        "A subtitle that says what the bars are", "Source: Báo A (2023-10-20), Bài A. Data: dtlib")


def words(fig) -> list[Text]:
    """Every text the figure draws (tick labels, legend entries, labels, titles)."""
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
            and (t.axes is None or t.axes.axison or t.axes.get_legend() is not None or t in t.axes.texts)]


def headings(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_gid() == "heading"]


CHARTS = {
    "against_targets": lambda data: plots.against_targets(attainment_rows()).figure,
    "compare_units": lambda data: plots.compare_units(latest_rows(), units=["lao-cai", "lai-chau",
                                                                             "thai-nguyen"]).figure,
    "attainment_heatmap": lambda data: plots.attainment_heatmap(
        pd.concat([attainment_rows(), attainment_rows().iloc[:2].assign(unit="lai-chau")]),
        units=["lao-cai", "lai-chau"]).figure,
    "coverage_matrix": lambda data: plots.coverage_matrix(dtlib.known_observations(data)).figure,
    "trend_panels": lambda data: _panels(),
}


def test_charts_draw_at_the_figure_width_and_for_a_phone_only_inside_drawn_at():
    assert figure_width() == FIGURE_WIDTH and not narrow()
    with drawn_at(PHONE_WIDTH):
        assert figure_width() == PHONE_WIDTH and narrow()
        assert plots.compare_units(latest_rows()).figure.get_size_inches()[0] == PHONE_WIDTH
    assert figure_width() == FIGURE_WIDTH and not narrow()
    plt.close("all")


def test_only_a_figure_a_chart_function_made_is_drawn_again():
    fig, ax = plt.subplots()
    assert phone_rendering(fig) is None                                  # drawn by hand: nothing to call again
    plots.compare_units(latest_rows(), ax=ax)                            # into an axes it was given: its owner's
    assert phone_rendering(fig) is None
    with drawn_at(PHONE_WIDTH):
        small = plots.compare_units(latest_rows()).figure
    assert phone_rendering(small) is None                                # a phone rendering is not drawn again
    plt.close("all")


@pytest.mark.heavy
@pytest.mark.parametrize("chart", list(CHARTS))
def test_a_phone_rendering_is_the_chart_drawn_again_narrow_with_every_word_legible(chart, mini):
    fig = CHARTS[chart](mini)
    size = tuple(fig.get_size_inches())
    phone = phone_rendering(fig)
    assert phone is not None and phone is not fig and tuple(fig.get_size_inches()) == size   # fig unchanged
    finished(phone)
    width = float(saved_box(phone).width)
    assert width <= SAVED, f"{chart}: saved {width:.2f} in wide, wider than a phone"
    # every word at least 7 pt: 8.3 px at the 85 px an inch the front page shows it at (the 10-in figure: 4 px)
    sizes = {t.get_text(): t.get_fontsize() for t in words(phone)}
    assert min(sizes.values()) >= MIN_PHONE_POINTS, {k: v for k, v in sizes.items() if v < MIN_PHONE_POINTS}
    assert MIN_PHONE_POINTS * PX_PER_INCH / 72 >= 8
    # the title wraps to the phone's width, and nothing is drawn past the figure's edge
    assert len(phone.texts[0].get_text().splitlines()) >= 2
    drawn = phone.get_tightbbox(phone.canvas.get_renderer())
    assert drawn.x1 - drawn.x0 <= SAVED
    plt.close("all")


def test_on_a_phone_a_bar_chart_names_each_row_above_its_bars_and_labels_each_bar_above_it():
    rows = latest_rows()
    fig = plots.compare_units(rows, units=["lao-cai", "lai-chau", "thai-nguyen"]).figure
    wide = fig.axes[0]
    assert [t.get_text() for t in wide.get_yticklabels()] == ["X_PCT", "Y_PCT"] and not headings(fig)
    phone = phone_rendering(fig).axes[0]
    assert not [t.get_text() for t in phone.get_yticklabels() if t.get_text()]       # no names beside the bars
    assert headings(phone.figure) == ["X_PCT", "Y_PCT"]
    # each bar's label in the row above it, at the left: the bars take the whole width
    labels = {t.get_text(): t.get_position() for t in phone.texts if t.get_gid() != "heading"}
    assert labels["Lao-Cai: 87% (06/2022, stale)"][0] == 0 and phone.get_xlim()[1] == pytest.approx(105)
    bars = {round(b.get_y() + b.get_height() / 2): b.get_width() for b in phone.patches if b.get_gid() == "value"}
    label_row = labels["Lao-Cai: 87% (06/2022, stale)"][1]
    assert bars[label_row + 1] == 87                                     # the bar is in the row under its label
    assert "Lai-Chau: not reported" in labels                            # a unit without a figure: written once
    assert notebook.draw_peers is not None and plots.compare_rows(rows, "x_pct", ["lao-cai", "lai-chau"]) == 2
    with drawn_at(PHONE_WIDTH):                                          # the name, and a label above each bar
        assert plots.compare_rows(rows, "x_pct", ["lao-cai", "lai-chau"]) == 1 + 2 + 2
        assert plots.compare_rows(rows, "y_pct", ["lao-cai", "lai-chau"]) == 1 + 2 + 1
    plt.close("all")


def test_on_a_phone_the_targets_chart_writes_name_bar_target_and_status_one_under_the_other():
    fig = plots.against_targets(attainment_rows()).figure
    phone = phone_rendering(fig).axes[0]
    assert headings(phone.figure) == ["A", "B", "C"]
    texts = [t.get_text() for t in phone.texts]
    assert "Target met" in texts and "target ≥ 60% by 12/2025 (vietnam)" in texts
    assert phone.get_xlim() == (0, 1.0)                                  # the bar spans the width, words under it
    plt.close("all")


def test_a_grid_of_many_columns_is_drawn_wider_than_a_phone_at_a_legible_size(shipped):
    obs = dtlib.known_observations(shipped, "2026-03-31")
    units = list(dict.fromkeys(obs["unit"]))[:11]
    picked = obs[obs["unit"].isin(units) & obs["indicator"].isin(list(dict.fromkeys(obs["indicator"]))[:6])]
    fig = plots.coverage_matrix(picked, units=units).figure
    phone = finished(phone_rendering(fig))
    width = float(saved_box(phone).width)
    assert width >= len(units) * PHONE_COLUMN["coverage"]                # each column keeps its room
    assert min(t.get_fontsize() for t in words(phone)) >= MIN_PHONE_POINTS
    names = headings(phone)
    assert len(names) == picked["indicator"].nunique() + picked.assign(
        pillar=picked["indicator"].map(shipped.indicators.set_index("id")["pillar"]))["pillar"].nunique()
    plt.close("all")


@pytest.mark.heavy
def test_a_run_saves_the_phone_rendering_beside_the_figure_and_records_it(mini_dir, tmp_path, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda obj, *a, **k: None)
    run = notebook.setup("02_compare", data_dir=mini_dir, lang="en", out_dir=tmp_path)
    before = len(plt.get_fignums())
    fig = plots.compare_units(latest_rows(), units=["lao-cai", "lai-chau"]).figure
    run.figure(fig, "phone_check", latest_rows(), "A title", None, ["bao-a"])
    assert len(plt.get_fignums()) == before                              # the figure and its phone rendering closed
    meta = json.loads((tmp_path / "phone_check.json").read_text(encoding="utf-8"))
    assert meta["phone"] == "phone/phone_check.png" and meta["phone_size"][0] <= SAVED
    png = Image.open(tmp_path / meta["phone"])
    assert png.size[0] == pytest.approx(meta["phone_size"][0] * PNG_DPI, abs=2)
    # at 85 CSS px an inch the rendering fills a 390-px phone's 366 px, where a device pixel ratio of 2 wants
    # 732 px: the PNG has them (the 2000-px PNG has 2.7 times too many, and words 4 px tall)
    assert 0.9 <= png.size[0] / (366 * 2) <= 1.3
    assert meta["size"][0] > 9.9                                         # the figure itself is as it was
    # a figure not made by a chart function gets none
    bare, _ = plt.subplots()
    run.figure(bare, "bare_check", pd.DataFrame({"x": [1]}), "Title", None, [])
    assert "phone" not in json.loads((tmp_path / "bare_check.json").read_text(encoding="utf-8"))
    assert not (tmp_path / "phone" / "bare_check.png").exists()
