"""dtlib.figures.colours: one colour per unit across the pack, whatever a figure's order."""
import matplotlib
import pandas as pd
import pytest

from dtlib.figures import colours, plots

D = pd.Timestamp


pytestmark = pytest.mark.usefixtures("english_theme")


def test_a_province_and_the_province_it_became_share_a_colour_and_the_nation_is_grey():
    assert colours.unit_colour("lao-cai") == colours.unit_colour("lao-cai-2025")
    assert colours.unit_colour("quang-binh") == colours.unit_colour("quang-tri-2025")
    assert colours.unit_colour("thai-nguyen") == colours.unit_colour("thai-nguyen-2025")
    study = ["lao-cai", "quang-binh", "lai-chau", "thai-nguyen"]
    assert len({colours.unit_colour(u) for u in study}) == 4
    assert set(map(colours.unit_colour, study)) <= set(colours.OKABE_ITO.values())
    r, g, b = matplotlib.colors.to_rgb(colours.unit_colour("vietnam"))
    assert r == g == b and r < 0.3                                     # neutral and dark


def test_other_units_get_a_remaining_colour_from_their_id_and_differ_within_a_figure():
    study = {colours.unit_colour(u) for u in ("lao-cai", "quang-binh", "lai-chau", "thai-nguyen", "vietnam")}
    assert colours.unit_colour("bao-thang") not in study
    assert colours.unit_colour("bao-thang") == colours.unit_colour("bao-thang")
    others = ["bao-thang", "gia-phu", "yen-bai"]
    one, other = colours.unit_colours(others), colours.unit_colours(others[::-1])
    assert one == other and len(set(one.values())) == 3


def _bar_colours(ax):
    """Unit name → colour of its bar, matched through the label written beside the bar."""
    labels = {round(t.get_position()[1]): t.get_text().split(":")[0] for t in ax.texts}
    return {labels[round(b.get_y() + b.get_height() / 2)]: matplotlib.colors.to_hex(b.get_facecolor())
            for b in ax.patches if b.get_gid() == "value"}


def test_each_unit_has_the_same_colour_in_two_figures_drawn_in_different_orders():
    latest = pd.DataFrame([dict(unit=u, indicator="x_pct", value=v, as_of=D("2023-09-30"), measure="percent",
                                rank_of=pd.NA, stale=False, source="s")
                           for u, v in (("lao-cai", 87.0), ("lai-chau", 40.0), ("thai-nguyen", 60.0))])
    bars = _bar_colours(plots.compare_units(latest, units=["lao-cai", "lai-chau", "thai-nguyen"]))
    again = _bar_colours(plots.compare_units(latest, units=["thai-nguyen", "lao-cai", "lai-chau"]))
    assert bars == again and len(set(bars.values())) == 3
    # the DTI history, its units in yet another order: each line in its unit's bar colour
    frame = pd.DataFrame([dict(lineage=u, segment=u, indicator="dti_rank", edition=year, as_of=D(f"{year}-12-31"),
                               value=rank, qualifier="", rank_of=63, basis=pd.NaT)
                          for u, rank in (("lai-chau", 53.0), ("lao-cai", 38.0), ("thai-nguyen", 8.0))
                          for year in (2021, 2022)])
    fig = plots.dti_history(frame, units=["lai-chau", "thai-nguyen", "lao-cai"])
    lines = [line for line in fig.axes[1].lines if line.get_gid() == "series"]
    by_rank = {float(line.get_ydata()[0]): matplotlib.colors.to_hex(line.get_color()) for line in lines}
    assert by_rank == {53.0: bars["lai-chau"], 38.0: bars["lao-cai"], 8.0: bars["thai-nguyen"]}


def test_a_units_words_keep_its_hue_and_read_on_white():
    from matplotlib.colors import rgb_to_hsv, to_rgb

    from dtlib.figures.colours import OKABE_ITO, TEXT_CONTRAST, contrast, text_colour

    for name, colour in OKABE_ITO.items():
        words = text_colour(colour)
        assert contrast(words) >= TEXT_CONTRAST, name
        if contrast(colour) >= TEXT_CONTRAST:
            assert words == colour                   # dark enough already: unchanged
        else:
            h0, s0, _ = rgb_to_hsv(to_rgb(colour))
            h1, s1, _ = rgb_to_hsv(to_rgb(words))
            assert abs(h0 - h1) < 0.01 and abs(s0 - s1) < 0.01, name     # the same hue, only darker
    assert contrast("#FFFFFF") == 1.0 and round(contrast("#000000"), 1) == 21.0
