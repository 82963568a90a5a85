"""Questions asked of the observations: the latest figure known at a date, a unit's series."""
from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .periods import age_label, as_date

__all__ = ["known_observations", "latest_as_of", "report_date", "series", "STALE_AFTER_DAYS"]

#: A figure older than this (days) on the report date is flagged as stale.
STALE_AFTER_DAYS = 365


def known_observations(data: Dataset, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Observations known on ``as_of``: describing a date up to ``as_of`` and published by then.

    A figure for the nine months to 30 September that a paper printed on 23 October is not
    known on 30 September; it is on 31 October. Sources without a publication date count as
    published on the date their figure describes. Adds ``known_on`` (that date), and joins
    each observation's indicator metadata (``pillar``, ``measure``, ``higher_is_better``,
    ``name_en``, ``name_vi``) and its source's ``publisher``, ``title`` and ``published``.
    """
    obs = data.observations.merge(
        data.sources[["id", "publisher", "title", "published"]].rename(columns={"id": "source"}),
        on="source", how="left", validate="many_to_one")
    ind = data.indicators[["id", "pillar", "unit", "higher_is_better", "name_en", "name_vi"]].rename(
        columns={"id": "indicator", "unit": "measure", "name_en": "indicator_en", "name_vi": "indicator_vi"})
    obs = obs.merge(ind, on="indicator", how="left", validate="many_to_one")
    obs["known_on"] = obs[["as_of", "published"]].max(axis=1)
    when = as_date(as_of)
    if when is not None:
        obs = obs[(obs["as_of"] <= when) & (obs["known_on"] <= when)]
    return obs.reset_index(drop=True)


def latest_as_of(data: Dataset, as_of: str | pd.Timestamp | None = None, *,
                 units: list[str] | None = None, indicators: list[str] | None = None) -> pd.DataFrame:
    """The latest figure for each unit and indicator known on ``as_of``, with its age.

    Parameters
    ----------
    data
        The data set (:func:`dtlib.load`).
    as_of
        The report date; default: the latest date in the data (the newest ``known_on``).
    units, indicators
        Restrict to these ids.

    Returns
    -------
    DataFrame
        One row per (unit, indicator) with the observation's columns, the joined metadata of
        :func:`known_observations`, ``age_days`` (``as_of`` minus the figure's own date),
        ``age`` (in words) and ``stale`` (older than :data:`STALE_AFTER_DAYS`).

    Examples
    --------
    >>> import dtlib
    >>> latest = latest_as_of(dtlib.load(), "2023-12-31", units=["lao-cai"])
    >>> bool((latest["as_of"] <= "2023-12-31").all())
    True
    """
    when = as_date(as_of) or report_date(data)
    obs = known_observations(data, when)
    if units is not None:
        obs = obs[obs["unit"].isin(units)]
    if indicators is not None:
        obs = obs[obs["indicator"].isin(indicators)]
    latest = (obs.sort_values(["unit", "indicator", "as_of", "_line"])
                 .groupby(["unit", "indicator"], as_index=False, sort=True).tail(1))
    latest = latest.assign(age_days=(when - latest["as_of"]).dt.days)
    latest["age"] = [age_label(a, when) for a in latest["as_of"]]
    latest["stale"] = latest["age_days"] > STALE_AFTER_DAYS
    return latest.sort_values(["unit", "indicator"]).reset_index(drop=True)


def report_date(data: Dataset) -> pd.Timestamp:
    """The default report date: the newest date on which a figure in the data became known."""
    obs = known_observations(data)
    if obs.empty:
        return pd.Timestamp.today().normalize()
    return obs["known_on"].max()


def series(data: Dataset, unit: str, indicator: str, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Every figure for one unit and indicator known on ``as_of``, oldest first."""
    obs = known_observations(data, as_of)
    picked = obs[(obs["unit"] == unit) & (obs["indicator"] == indicator)]
    return picked.sort_values(["as_of", "_line"]).reset_index(drop=True)
