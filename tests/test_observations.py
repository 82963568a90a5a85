import pandas as pd

from dtlib.observations import known_observations, latest_as_of, report_date, series


def test_latest_as_of_takes_the_newest_known_figure_with_its_age(mini):
    latest = latest_as_of(mini, "2023-12-31", units=["lao-cai"]).set_index("indicator")
    row = latest.loc["dossiers_online_province_pct"]
    assert row["value"] == 93 and row["as_of"] == pd.Timestamp("2023-10-20")
    assert row["age_days"] == 72 and row["age"] == "2 months old" and not row["stale"]
    dti = latest.loc["dti_score"]
    assert dti["age_days"] == 730 and dti["stale"]


def test_latest_as_of_ignores_figures_not_yet_published(mini):
    assert latest_as_of(mini, "2023-10-19", units=["lao-cai"]).empty


def test_default_report_date_is_the_newest_known_date(mini):
    assert report_date(mini) == pd.Timestamp("2023-10-20")
    assert len(latest_as_of(mini)) == 5


def test_district_figures_stay_with_the_district(mini):
    latest = latest_as_of(mini)
    assert set(latest.loc[latest["indicator"] == "adults_smart_device_pct", "unit"]) == {"bao-thang"}


def test_series_is_oldest_first_with_metadata(mini):
    s = series(mini, "lao-cai", "dossiers_online_province_pct")
    assert list(s["value"]) == [87, 93]
    assert set(s["measure"]) == {"percent"} and set(s["publisher"]) == {"Báo A"}


def test_known_on_is_the_later_of_as_of_and_publication(mini):
    obs = known_observations(mini)
    assert (obs["known_on"] >= obs["as_of"]).all()
    assert (obs.loc[obs["source"] == "bao-a", "known_on"] == pd.Timestamp("2023-10-20")).all()
