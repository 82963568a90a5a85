"""Questions asked of the observations: the latest figure known at a date, a unit's series."""
from __future__ import annotations

import pandas as pd

from ..data.dataset import Dataset
from ..data.periods import age_label, as_date

__all__ = ["known_observations", "latest_as_of", "report_date", "report_date_reason", "revisions", "series",
           "edition_releases",
           "STALE_AFTER_DAYS"]

#: A figure older than this (days) on the report date is flagged as stale.
STALE_AFTER_DAYS = 365


def _with_metadata(data: Dataset, obs: pd.DataFrame) -> pd.DataFrame:
    obs = obs.merge(
        data.sources[["id", "publisher", "title", "published",
                      *(["not_before"] if "not_before" in data.sources else [])]].rename(columns={"id": "source"}),
        on="source", how="left", validate="many_to_one")
    ind = data.indicators[["id", "pillar", "unit", "higher_is_better", "name_en", "name_vi"]].rename(
        columns={"id": "indicator", "unit": "measure", "name_en": "indicator_en", "name_vi": "indicator_vi"})
    obs = obs.merge(ind, on="indicator", how="left", validate="many_to_one")
    # a figure computed on boundaries that came later (basis) cannot have been known before them, nor a figure
    # of an index edition before the edition was released (DTI 2024: 21 Oct 2025), whatever its source's date
    obs["released"] = obs["period"].map(edition_releases(data)) if "period" in obs else pd.NaT
    obs["released"] = pd.to_datetime(obs["released"])
    # an undated source is known from the figure's own date, and no earlier than the latest day its text names
    dates = ["as_of", "published", "released", *(["basis"] if "basis" in obs else []),
             *(["not_before"] if "not_before" in obs else [])]
    obs["known_on"] = obs[dates].max(axis=1)
    return obs.drop(columns=["released", *(["not_before"] if "not_before" in obs else [])])


def edition_releases(data: Dataset) -> dict[str, pd.Timestamp]:
    """The day each index edition was released: the earliest publication date of the sources that
    release it (``releases`` in ``sources.csv``), by period (``{"DTI 2024": 2025-10-21}``)."""
    sources = data.sources
    if "releases" not in sources:
        return {}
    rel = sources[sources["releases"].fillna("") != ""]
    return rel.groupby("releases")["published"].min().dropna().to_dict()


def known_observations(data: Dataset, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Observations known on ``as_of``: describing a date up to ``as_of`` and published by then.

    A figure for the nine months to 30 September that a paper printed on 23 October is not
    known on 30 September; it is on 31 October. Sources without a publication date count as
    published on the date their figure describes, a figure recomputed on later boundaries
    no earlier than their first day (``basis``), and a figure of an index edition no earlier
    than the edition's release (:func:`edition_releases`): DTI 2024, released on 21 Oct 2025,
    is not known in a pack as of 31 July 2025 even from a source that gives no date. Adds ``known_on`` (that date), and joins
    each observation's indicator metadata (``pillar``, ``measure``, ``higher_is_better``,
    ``name_en``, ``name_vi``) and its source's ``publisher``, ``title`` and ``published``.

    Point in time: a figure that was later revised (``dtlib add --replace``; the old row is
    in ``history.csv``) is shown as it was known on ``as_of``. Of the vintages of one unit,
    indicator and date, the one published last by ``as_of`` counts (``vintage`` says
    ``current`` or ``replaced``). Without ``as_of``, the current figures.
    """
    when = as_date(as_of)
    obs = data.observations.assign(vintage="current")
    history = data.history if isinstance(data.history, pd.DataFrame) else pd.DataFrame()
    if when is not None and not history.empty:
        old = history[history["source"].isin(data.sources["id"])].drop(columns=["replaced_on"], errors="ignore")
        obs = pd.concat([obs, old.assign(vintage="replaced")], ignore_index=True)
    obs = _with_metadata(data, obs)
    if when is not None:
        obs = obs[(obs["as_of"] <= when) & (obs["known_on"] <= when)]
        # the newest vintage known by then; on a tie the current row (a correction, not a revision)
        obs = (obs.assign(_current=obs["vintage"] == "current")
                  .sort_values(["known_on", "_current"])
                  .drop_duplicates(["unit", "indicator", "as_of"], keep="last")
                  .drop(columns="_current")
                  .sort_values(["unit", "indicator", "as_of", "_line"]))
    return obs.reset_index(drop=True)


def revisions(data: Dataset, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Figures that a later publication revised, as known on ``as_of`` (default: all).

    Returns
    -------
    DataFrame
        ``unit, indicator, indicator_en, as_of, period, old_value, old_source, old_known_on,
        value, source, known_on, change`` — one row per revision published by ``as_of``
        (a replacement by a source of the same date is a correction, not a revision, and is
        not listed).
    """
    cols = ["unit", "indicator", "indicator_en", "as_of", "period", "old_value", "old_source", "old_known_on",
            "value", "source", "known_on", "change"]
    history = data.history if isinstance(data.history, pd.DataFrame) else pd.DataFrame()
    if history.empty:
        return pd.DataFrame(columns=cols)
    when = as_date(as_of)
    key = ["unit", "indicator", "as_of"]
    old = _with_metadata(data, history[history["source"].isin(data.sources["id"])])
    new = _with_metadata(data, data.observations)
    pairs = old.merge(new[[*key, "value", "source", "known_on", "period"]], on=key, suffixes=("_old", ""))
    pairs = pairs[pairs["known_on_old"] < pairs["known_on"]]
    if when is not None:
        pairs = pairs[pairs["known_on"] <= when]
    pairs = pairs.rename(columns={"value_old": "old_value", "source_old": "old_source",
                                  "known_on_old": "old_known_on"})
    pairs["change"] = pairs["value"] - pairs["old_value"]
    return pairs.sort_values(["unit", "indicator", "as_of"]).reset_index(drop=True)[cols]


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
    """The default report date: the latest date a figure in the data describes or was published.

    See :func:`report_date_reason` for which of the two it is.
    """
    return report_date_reason(data)["date"]


def report_date_reason(data: Dataset) -> dict:
    """The default report date and why: the figure that sets it.

    Returns
    -------
    dict
        ``date``; ``by`` = ``"describes"`` (the newest date a figure describes) or
        ``"published"`` (the newest publication date of a source with a figure); ``unit``,
        ``indicator``, ``source`` of that figure; and ``sentence``, e.g. "the latest date a
        figure describes (quang-tri-2025, eid_accounts_14plus_pct, 31 Mar 2026)".
    """
    obs = known_observations(data)
    if obs.empty:
        today = pd.Timestamp.today().normalize()
        return {"date": today, "by": "today", "unit": "", "indicator": "", "source": "",
                "sentence": "today's date (the data hold no figures)"}
    row = obs.sort_values(["known_on", "_line"]).iloc[-1]
    by = "published" if pd.notna(row["published"]) and row["published"] > row["as_of"] else "describes"
    what = ("the latest date a figure describes" if by == "describes"
            else "the latest publication date of a figure's source")
    return {"date": row["known_on"], "by": by, "unit": row["unit"], "indicator": row["indicator"],
            "source": row["source"],
            "sentence": f"{what} ({row['unit']}, {row['indicator']}, {row['known_on']:%-d %b %Y}, "
                        f"source {row['source']})"}


def series(data: Dataset, unit: str, indicator: str, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Every figure for one unit and indicator known on ``as_of``, oldest first."""
    obs = known_observations(data, as_of)
    picked = obs[(obs["unit"] == unit) & (obs["indicator"] == indicator)]
    return picked.sort_values(["as_of", "_line"]).reset_index(drop=True)
