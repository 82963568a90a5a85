import pandas as pd

from dtlib.analysis.observations import known_observations, latest_as_of, report_date, series


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


def test_a_revised_figure_shows_the_value_known_on_the_report_date(shipped):
    """The statistics office first put the 2023 share at 12.33 % and revised it to 12.87 % on 6 Jan 2025."""
    def share(on):
        known = known_observations(shipped, on).set_index(["unit", "indicator", "as_of"])
        return known.loc[("vietnam", "digital_economy_grdp_pct", pd.Timestamp("2023-12-31"))]
    before, after = share("2024-12-31"), share("2025-01-31")
    assert before["value"] == 12.33 and before["vintage"] == "replaced"
    assert after["value"] == 12.87 and after["vintage"] == "current"
    assert known_observations(shipped).set_index(["unit", "indicator", "as_of"]).loc[
        ("vietnam", "digital_economy_grdp_pct", pd.Timestamp("2023-12-31")), "value"] == 12.87


def test_revisions_lists_what_a_later_publication_revised_by_the_report_date(shipped):
    from dtlib.analysis.observations import revisions
    assert revisions(shipped, "2024-12-31").empty
    revised = revisions(shipped, "2025-01-31").set_index("as_of")
    assert revised.loc[pd.Timestamp("2023-12-31"), ["old_value", "value"]].tolist() == [12.33, 12.87]
    assert revised.loc[pd.Timestamp("2022-12-31"), "known_on"] == pd.Timestamp("2025-01-06")


def test_the_default_report_date_says_why(shipped):
    from dtlib.analysis.observations import report_date_reason
    reason = report_date_reason(shipped)
    assert reason["date"] == report_date(shipped) == known_observations(shipped)["known_on"].max()
    assert reason["by"] in {"describes", "published"} and reason["sentence"].startswith("the latest")


def test_a_figure_on_later_boundaries_is_not_known_before_they_existed(shipped):
    """Lào Cai (2025)'s DTI 2024 describes 2024 but the merged province: unknown on 31 Dec 2024."""
    early = known_observations(shipped, "2024-12-31")
    assert not ((early["unit"] == "lao-cai-2025") & (early["indicator"] == "dti_rank")).any()
    later = known_observations(shipped, "2026-03-31")
    row = later[(later["unit"] == "lao-cai-2025") & (later["indicator"] == "dti_rank")].iloc[0]
    assert row["known_on"] >= pd.Timestamp("2025-07-01")


def test_an_index_edition_is_known_from_its_release_never_from_the_period_it_describes(shipped):
    # issue 19: a pack as of 31 Jul 2025 showed Lào Cai's DTI 2024 (14/34), released on 21 Oct 2025, because its
    # source gives no date; the edition's release (sources.csv `releases`) now bounds when its figures are known
    from dtlib.analysis.observations import edition_releases, known_observations

    assert edition_releases(shipped)["DTI 2024"] == pd.Timestamp("2025-10-21")
    before = known_observations(shipped, "2025-07-31")
    assert not (before["period"] == "DTI 2024").any()
    assert (before["known_on"] <= pd.Timestamp("2025-07-31")).all()
    after = known_observations(shipped, "2025-10-21")
    laocai = after[(after["unit"] == "lao-cai-2025") & (after["indicator"] == "dti_rank")]
    assert laocai["value"].tolist() == [14.0]
