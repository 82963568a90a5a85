"""dtlib.briefing.trends: the trend figures of a run grow with units and pillars; the headline indicators lead."""
import pandas as pd
import pytest

from dtlib.briefing import notebook

from dtlib.words import i18n


@pytest.fixture(autouse=True)
def keep_language():
    """notebook.setup sets the language for the process: put it back after each test."""
    before = i18n.language()
    yield
    i18n.set_language(before)


def _synthetic_run(tmp_path, provinces: int, indicators: int):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from synthetic import write_synthetic

    folder = write_synthetic(tmp_path / f"syn_{provinces}_{indicators}", provinces=provinces, indicators=indicators,
                             quarters=4)
    data = dtlib_load(folder)
    units = list(data.units.loc[data.units["level"] == "province", "id"])
    run = notebook.setup("04_trends", data_dir=folder, lang="en", out_dir=tmp_path, units=units)
    obs = notebook.followed_observations(run)
    from dtlib.analysis.compare import trend_pairs

    pairs = trend_pairs(obs, run.units)
    return run, pairs, notebook.trend_figures(run, obs, pairs)


def dtlib_load(folder):
    import dtlib

    return dtlib.load(folder)


@pytest.mark.heavy
def test_the_number_of_trend_figures_grows_with_units_and_pillars_not_with_indicators(tmp_path):
    import math

    from dtlib.figures.trend_panels import MAX_LINES, MAX_PANELS

    counts = {}
    for provinces, indicators in ((4, 8), (4, 16), (13, 8)):
        run, pairs, figures = _synthetic_run(tmp_path, provinces, indicators)
        pillars = run.data.indicators.set_index("id").loc[pairs["indicator"].unique(), "pillar"].value_counts()
        assert all(n <= MAX_PANELS for n in pillars)     # so one figure per pillar and group of units
        groups = math.ceil(pairs["unit"].nunique() / MAX_LINES)
        assert len(figures) == groups * len(pillars)
        assert all(len(f.indicators) <= MAX_PANELS and len(f.units) <= MAX_LINES for f in figures)
        assert len({f.name for f in figures}) == len(figures)
        counts[provinces, indicators] = len(figures)
    assert counts[4, 16] == counts[4, 8]            # twice the indicators, no more figures
    assert counts[13, 8] == 3 * counts[4, 8]        # three groups of units: three times the figures


def test_trend_figures_lead_with_the_headline_indicators_and_draw_the_rest_by_pillar(mini_dir, tmp_path):
    table = pd.read_csv(mini_dir / "indicators.csv", dtype=str, keep_default_na=False)
    table["headline"] = (table["id"] == "dossiers_online_province_pct").map({True: "true", False: ""})
    table.to_csv(mini_dir / "indicators.csv", index=False)
    run = notebook.setup("04_trends", data_dir=mini_dir, as_of="2025-12-31", lang="en", out_dir=tmp_path,
                         units=["lao-cai", "lai-chau", "vietnam"])
    obs = notebook.followed_observations(run)
    from dtlib.analysis.compare import trend_pairs

    pairs = trend_pairs(obs, run.units)
    headline = notebook.headline_indicators(run.data)
    figures = notebook.trend_figures(run, obs, pairs)
    drawn = [i for f in figures for i in f.indicators]
    assert sorted(drawn) == sorted(pairs["indicator"].unique())      # every indicator once
    assert headline == ["dossiers_online_province_pct"]
    assert figures[0].name == "trend_headline" and figures[0].indicators == headline
    latest = notebook.headline_latest(run, obs)
    assert latest["indicator"].unique().tolist() == headline
    assert latest.groupby("unit").size().max() == 1          # the latest figure of each unit only
    mine = obs[(obs["indicator"] == headline[0]) & (obs["unit"] == "lao-cai-2025")]
    assert latest.loc[latest["unit"] == "lao-cai-2025", "value"].item() == mine.sort_values("as_of")["value"].iloc[-1]
    for f in figures:
        assert set(f.drawn["kind"]) <= {"reported", "target >=", "target <="}
        assert f.title and f.subtitle



def test_the_headline_trends_draw_a_single_figure_and_name_the_units_without_any(mini_dir, tmp_path):
    # issue 19: Lai Châu was missing from trend_headline, unsaid; a unit with one figure is a dot, not absent
    table = pd.read_csv(mini_dir / "indicators.csv", dtype=str, keep_default_na=False)
    table["headline"] = table["id"].isin(["dti_score", "community_digital_teams"]).map({True: "true", False: ""})
    table.to_csv(mini_dir / "indicators.csv", index=False)
    run = notebook.setup("04_trends", data_dir=mini_dir, as_of="2023-12-31", lang="en", out_dir=tmp_path,
                         units=["lao-cai", "lai-chau"])
    obs = notebook.followed_observations(run)
    from dtlib.analysis.compare import trend_pairs

    pairs = trend_pairs(obs, run.units)
    assert not set(pairs["indicator"]) & {"dti_score", "community_digital_teams"}    # one figure each: no series
    head = notebook.trend_figures(run, obs, pairs)[0]
    assert head.name == "trend_headline" and set(head.indicators) == {"dti_score", "community_digital_teams"}
    assert head.units == ["lao-cai"] and head.targets.empty                   # no target on these: no crash
    assert "Lai Chau" in head.subtitle or "Lai Châu" in head.subtitle         # said, not silently missing
    assert "2021–2023" in head.title
