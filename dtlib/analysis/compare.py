"""Selection for the notebooks: what several units share, what each reports and when, what changed.

Pure functions, DataFrame in and DataFrame out, so that nothing worth testing lives only in a
notebook. The frames they take are those of :mod:`dtlib.analysis.observations` and
:mod:`dtlib.analysis.targets` (``latest_as_of``, ``known_observations``, ``attainment_table``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.dataset import Dataset, valid_on
from .lineage import lineage_chain
from .observations import known_observations, report_date
from ..data.periods import as_date, years_between
from .targets import ancestors, growth_rate, known_targets, meets, progress_ratio, status_from_ratio
from ..data.vocab import LEVELS

__all__ = [
    "VALUE_COLUMNS", "drawn_values", "units_in_order", "peer_units", "with_indicators",
    "shared_indicators", "chart_groups", "rank_units", "coverage", "coverage_grid", "coverage_summary",
    "changes_since_previous", "unit_targets", "peer_values", "trend_pairs", "worked_example",
    "dti_history", "DTI_REFERENCES",
]

#: The national yardsticks drawn beside the provinces' DTI: the mean of the provinces' scores
#: and the national index (both published by the ministry with each edition).
DTI_REFERENCES = {"dti_province_mean_score": "provincial mean", "dti_national_score": "national DTI"}

INDICATOR_COLUMNS = ["pillar", "measure", "higher_is_better", "indicator_en", "indicator_vi"]
#: What the CSV beside a figure of figures holds: each value with its unit, indicator, date and provenance.
VALUE_COLUMNS = ["unit", "unit_name", "reported_by", "indicator", "indicator_en", "as_of", "period", "value",
                 "qualifier", "rank_of", "age", "stale", "source", "publisher", "quote"]


def drawn_values(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns of :data:`VALUE_COLUMNS` that ``frame`` has, in that order: the data beside a figure."""
    return frame[[c for c in VALUE_COLUMNS if c in frame.columns]].reset_index(drop=True)


def units_in_order(data: Dataset, units) -> list[str]:
    """``units`` ordered nation, provinces, districts, communes, then by name (unknown ids last)."""
    u = data.units.set_index("id")
    level = {lv: i for i, lv in enumerate(LEVELS)}

    def key(uid: str) -> tuple:     # a province of 1 July 2025 after the one of its name it absorbed
        if uid not in u.index:
            return (99, uid, "")
        start = u.loc[uid, "valid_from"]
        return (level.get(u.loc[uid, "level"], 9), u.loc[uid, "name_vi"], "" if pd.isna(start) else str(start))

    return sorted(dict.fromkeys(units), key=key)


def peer_units(data: Dataset, unit: str, as_of: str | pd.Timestamp | None = None, follow: bool = False) -> list[str]:
    """The other units of ``unit``'s level that exist on ``as_of`` and have a figure known by then.

    With ``follow``, a unit counts when any unit of its line reported one
    (:func:`dtlib.analysis.lineage.lineage_chain`): Thái Nguyên (with former Bắc Kạn) by the figures of
    the Thái Nguyên before it.
    """
    when = as_date(as_of) or report_date(data)
    u = data.units
    valid = valid_on(u, when)
    level = u.loc[u["id"] == unit, "level"]
    reporting = set(known_observations(data, when)["unit"])
    same = u[valid & u["level"].isin(level) & (u["id"] != unit)]
    if follow:
        ids = [p for p in same["id"] if reporting.intersection(lineage_chain(data, p))]
    else:
        ids = [p for p in same["id"] if p in reporting]
    return units_in_order(data, ids)


def with_indicators(frame: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """Add the indicator metadata the charts need: pillar, measure, direction, English and Vietnamese names.

    Columns already present are kept as they are.
    """
    meta = data.indicators.rename(columns={"id": "indicator", "unit": "measure", "name_en": "indicator_en",
                                           "name_vi": "indicator_vi"})[["indicator", *INDICATOR_COLUMNS]]
    missing = [c for c in INDICATOR_COLUMNS if c not in frame.columns]
    if not missing:
        return frame.copy()
    return frame.merge(meta[["indicator", *missing]], on="indicator", how="left")


def shared_indicators(latest: pd.DataFrame, units: list[str], min_units: int = 2) -> pd.DataFrame:
    """Indicators for which at least ``min_units`` of ``units`` have a figure.

    Parameters
    ----------
    latest
        Latest figures (:func:`dtlib.latest_as_of`): ``unit``, ``indicator`` (and, if present,
        ``pillar`` and ``measure``, which are carried over).
    units
        The units to compare.
    min_units
        How many of them must report the indicator.

    Returns
    -------
    DataFrame
        ``indicator``, ``pillar``, ``measure``, ``n_units``, ``units`` (ids joined by ``|`` in
        the order of ``units``); most widely reported first, then by pillar and indicator.

    Examples
    --------
    >>> latest = pd.DataFrame({"unit": ["a", "b", "a"], "indicator": ["x", "x", "y"]})
    >>> shared_indicators(latest, ["a", "b"])["indicator"].tolist()
    ['x']
    """
    picked = latest[latest["unit"].isin(units)]
    order = {u: i for i, u in enumerate(units)}
    rows = []
    for indicator, group in picked.groupby("indicator", sort=True):
        reporting = sorted(set(group["unit"]), key=order.get)
        if len(reporting) < min_units:
            continue
        rows.append({"indicator": indicator,
                     "pillar": group["pillar"].iloc[0] if "pillar" in group else "",
                     "measure": group["measure"].iloc[0] if "measure" in group else "",
                     "n_units": len(reporting), "units": "|".join(reporting)})
    out = pd.DataFrame(rows, columns=["indicator", "pillar", "measure", "n_units", "units"])
    return out.sort_values(["n_units", "pillar", "indicator"], ascending=[False, True, True]).reset_index(drop=True)


def chart_groups(shared: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Which indicators to draw together: percentages pillar by pillar, every other measure on its own.

    Returns ``(name, indicators)`` pairs; ``name`` is the pillar (``"government"``) for a group
    of percentages, else the indicator id, so figures are named ``compare_<name>``.

    >>> shared = pd.DataFrame({"indicator": ["a_pct", "b_pct", "r"], "pillar": ["society"] * 3,
    ...                        "measure": ["percent", "percent", "rank"]})
    >>> chart_groups(shared)
    [('society', ['a_pct', 'b_pct']), ('r', ['r'])]
    """
    groups: dict[str, list[str]] = {}
    for row in shared.itertuples(index=False):
        key = row.pillar if row.measure == "percent" else row.indicator
        groups.setdefault(key, []).append(row.indicator)
    return list(groups.items())


def rank_units(latest: pd.DataFrame, indicators: list[str], units: list[str]) -> pd.DataFrame:
    """Rank ``units`` on each indicator by their latest figure, keeping every figure's date.

    Units are placed 1, 2, ... from best to worst by the indicator's direction
    (``higher_is_better``); ties share a place. A unit without a figure is listed with an
    empty place and ``note`` "not reported". Ranks out of different numbers of units
    (``rank_of``) are not placed against each other: only figures with the most common
    ``rank_of`` are placed, the others get a note. ``dates_differ`` says when the placed
    figures describe different dates, so a 2022 figure is never silently set beside a 2023 one.

    Parameters
    ----------
    latest
        Latest figures with ``unit``, ``indicator``, ``value``, ``as_of``, ``source``,
        ``higher_is_better`` and optionally ``rank_of``, ``stale``, ``age``.

    Returns
    -------
    DataFrame
        ``indicator, place, unit, reported_by, value, rank_of, as_of, age, stale, source,
        dates_differ, note``, one row per indicator and unit; ``reported_by`` is the unit whose
        figure it is (``latest``'s ``reported_by`` for a province followed across the mergers,
        else the unit itself).
    """
    rows = []
    for indicator in indicators:
        got = latest[(latest["indicator"] == indicator) & latest["unit"].isin(units)].copy()
        higher = bool(got["higher_is_better"].iloc[0]) if len(got) else True
        comparable = got
        if "rank_of" in got and got["rank_of"].notna().any():
            common = got["rank_of"].mode().iloc[0]
            comparable = got[got["rank_of"] == common]
        place = comparable["value"].rank(method="min", ascending=not higher)
        differ = comparable["as_of"].nunique() > 1
        for unit in units:
            mine = got[got["unit"] == unit]
            if mine.empty:
                rows.append({"indicator": indicator, "place": np.nan, "unit": unit, "reported_by": "", "value": np.nan,
                             "rank_of": pd.NA, "as_of": pd.NaT, "age": "", "stale": pd.NA, "source": "",
                             "dates_differ": differ, "note": "not reported"})
                continue
            r = mine.iloc[0]
            placed = r.name in place.index
            note = "" if placed else f"rank out of {r['rank_of']} units: not comparable with the others"
            if placed and _true(r.get("stale")):
                note = f"stale: {r.get('age', '')}"
            rows.append({"indicator": indicator, "place": place.get(r.name, np.nan), "unit": unit,
                         "reported_by": r.get("reported_by", unit), "value": r["value"],
                         "rank_of": r.get("rank_of", pd.NA), "as_of": r["as_of"],
                         "age": r.get("age", ""), "stale": r.get("stale", pd.NA), "source": r["source"],
                         "dates_differ": differ, "note": note})
    out = pd.DataFrame(rows, columns=["indicator", "place", "unit", "reported_by", "value", "rank_of", "as_of", "age",
                                      "stale", "source", "dates_differ", "note"])
    if out.empty:
        return out
    out["_missing"] = out["place"].isna()
    out = out.sort_values(["indicator", "_missing", "place", "unit"], kind="stable").drop(columns="_missing")
    return out.reset_index(drop=True)


def _true(flag) -> bool:
    """A flag that may be missing (``pd.NA``/``None``) read as a plain bool."""
    return False if flag is None or pd.isna(flag) else bool(flag)


def coverage(data: Dataset, as_of: str | pd.Timestamp | None = None, observations: pd.DataFrame | None = None
             ) -> pd.DataFrame:
    """What the data set holds: figures counted by unit, indicator, period and source.

    ``observations`` are the figures to count (default: those known on ``as_of``,
    :func:`dtlib.known_observations`), e.g. followed across the mergers, each under its
    province (:func:`dtlib.briefing.notebook.followed_observations`).

    Returns
    -------
    DataFrame
        ``unit, pillar, indicator, period, as_of, source, publisher, published, n`` (``n`` =
        number of figures), for the figures known on ``as_of`` (default: all).
    """
    obs = known_observations(data, as_of) if observations is None else observations
    keys = ["unit", "pillar", "indicator", "period", "as_of", "source", "publisher", "published"]
    if obs.empty:
        return pd.DataFrame(columns=[*keys, "n"])
    out = obs.groupby(keys, dropna=False, sort=True).size().rename("n").reset_index()
    return out.sort_values(["unit", "pillar", "indicator", "as_of"]).reset_index(drop=True)


def coverage_grid(obs: pd.DataFrame) -> pd.DataFrame:
    """One row per unit and indicator with a figure: how many figures, from when to when, from which sources.

    Parameters
    ----------
    obs
        Observations with ``unit``, ``indicator``, ``as_of``, ``source`` (and ``pillar`` if
        known, which is carried over).

    Returns
    -------
    DataFrame
        ``unit, indicator, pillar, n, first_as_of, latest_as_of, sources`` (``|``-joined).
    """
    cols = ["unit", "indicator", "pillar", "n", "first_as_of", "latest_as_of", "sources"]
    if obs.empty:
        return pd.DataFrame(columns=cols)
    obs = obs.assign(pillar=obs["pillar"] if "pillar" in obs else "")
    grid = obs.groupby(["unit", "indicator"], sort=True).agg(
        pillar=("pillar", "first"), n=("as_of", "size"), first_as_of=("as_of", "min"),
        latest_as_of=("as_of", "max"), sources=("source", lambda s: "|".join(dict.fromkeys(s))))
    return grid.reset_index()[cols]


def coverage_summary(cov: pd.DataFrame, by: str) -> pd.DataFrame:
    """Summarise :func:`coverage` by ``unit``, ``indicator``, ``period``, ``source`` or ``pillar``.

    Returns
    -------
    DataFrame
        ``by`` then ``figures``, ``indicators``, ``units``, ``sources`` (counts),
        ``first_as_of``, ``latest_as_of``; most figures first.
    """
    cols = [by, "figures", "indicators", "units", "sources", "first_as_of", "latest_as_of"]
    if cov.empty:
        return pd.DataFrame(columns=cols)
    out = cov.groupby(by, dropna=False).agg(figures=("n", "sum"), indicators=("indicator", "nunique"),
                                            units=("unit", "nunique"), sources=("source", "nunique"),
                                            first_as_of=("as_of", "min"), latest_as_of=("as_of", "max"))
    return out.reset_index().sort_values(["figures", by], ascending=[False, True]).reset_index(drop=True)[cols]


def changes_since_previous(data: Dataset, unit: str, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """For each indicator the unit reports: its latest figure and the one before, with dates and sources.

    Parameters
    ----------
    data
        The data set.
    unit
        The unit id.
    as_of
        Report date (default: the latest date in the data); later figures are not known yet.

    Returns
    -------
    DataFrame
        ``indicator, indicator_en, pillar, measure, previous_as_of, previous_value,
        previous_source, as_of, value, source, change, direction``. ``direction`` is
        ``first figure`` (no earlier one), ``unchanged``, ``better`` or ``worse`` (by the
        indicator's direction), or ``not comparable`` (ranks out of different numbers of
        units). Indicators whose latest figure is the newest the unit has reported come first.
    """
    when = as_date(as_of) or report_date(data)
    obs = known_observations(data, when)
    obs = obs[obs["unit"] == unit].sort_values(["indicator", "as_of", "_line"])
    rows = []
    for indicator, group in obs.groupby("indicator", sort=True):
        last = group.iloc[-1]
        earlier = group[group["as_of"] < last["as_of"]]
        row = {"indicator": indicator, "indicator_en": last["indicator_en"], "pillar": last["pillar"],
               "measure": last["measure"], "previous_as_of": pd.NaT, "previous_value": np.nan,
               "previous_source": "", "as_of": last["as_of"], "value": last["value"], "source": last["source"],
               "change": np.nan, "direction": "first figure"}
        if not earlier.empty:
            prev = earlier.iloc[-1]
            row.update(previous_as_of=prev["as_of"], previous_value=prev["value"], previous_source=prev["source"])
            if pd.isna(prev["rank_of"]) != pd.isna(last["rank_of"]) or (
                    not pd.isna(prev["rank_of"]) and prev["rank_of"] != last["rank_of"]):
                row["direction"] = "not comparable"
            else:
                change = last["value"] - prev["value"]
                row["change"] = change
                better = change > 0 if last["higher_is_better"] else change < 0
                row["direction"] = "unchanged" if change == 0 else ("better" if better else "worse")
        rows.append(row)
    cols = ["indicator", "indicator_en", "pillar", "measure", "previous_as_of", "previous_value", "previous_source",
            "as_of", "value", "source", "change", "direction"]
    out = pd.DataFrame(rows, columns=cols)
    if out.empty:
        return out
    newest = out["as_of"].max()
    out["_old"] = out["as_of"] < newest
    out = out.sort_values(["_old", "pillar", "indicator"], kind="stable").drop(columns="_old")
    return out.reset_index(drop=True)


def unit_targets(data: Dataset, unit: str, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Every target that applies to ``unit``: its own, else its parent's, else the national one.

    For each indicator the targets come from the nearest owner that set any (the rule of
    :func:`dtlib.applicable_target`); all of that owner's deadlines are listed, and
    ``applies_now`` marks the one assessed on ``as_of``.

    Returns
    -------
    DataFrame
        ``indicator, indicator_en, pillar, target_unit, deadline, comparator, target,
        rank_of, instrument, source, applies_now``, sorted by pillar, indicator, deadline.
    """
    when = as_date(as_of) or report_date(data)
    chain = ancestors(data, unit)
    t = known_targets(data, when)
    t = t[t["unit"].isin(chain)].copy()
    cols = ["indicator", "indicator_en", "pillar", "target_unit", "deadline", "comparator", "target", "rank_of",
            "instrument", "source", "applies_now"]
    if t.empty:
        return pd.DataFrame(columns=cols)
    t["_depth"] = t["unit"].map({u: i for i, u in enumerate(chain)})
    nearest = t.groupby("indicator")["_depth"].transform("min")
    t = t[t["_depth"] == nearest]
    # The same target stated by several sources is listed once, naming every source.
    keys = ["indicator", "unit", "deadline", "comparator", "value"]
    t = t.sort_values([*keys, "_line"]).groupby(keys, as_index=False, dropna=False).agg(
        rank_of=("rank_of", "first"), instrument=("instrument", lambda s: "; ".join(dict.fromkeys(s))),
        source=("source", lambda s: "|".join(dict.fromkeys(s))))
    t = t.rename(columns={"unit": "target_unit", "value": "target"})
    ahead = t[t["deadline"] >= when].groupby("indicator")["deadline"].min()
    last = t.groupby("indicator")["deadline"].max()
    applies = ahead.reindex(last.index).fillna(last)
    t["applies_now"] = t["deadline"] == t["indicator"].map(applies)
    t = with_indicators(t, data)
    return t.sort_values(["pillar", "indicator", "deadline"]).reset_index(drop=True)[cols]


def peer_values(latest: pd.DataFrame, unit: str, peers: list[str]) -> pd.DataFrame:
    """The unit's latest figures beside its peers' figures for the same indicators, each with its date.

    Only indicators that the unit and at least one peer report are kept.

    Returns
    -------
    DataFrame
        ``pillar, indicator, indicator_en, unit, value, rank_of, as_of, stale, source`` with
        the unit's own row first in each indicator; and ``reported_by`` after ``unit`` when
        ``latest`` has it (figures followed across the mergers: :func:`dtlib.analysis.lineage.follow_latest`).
    """
    mine = latest[latest["unit"] == unit]
    others = latest[latest["unit"].isin([p for p in peers if p != unit]) & latest["indicator"].isin(mine["indicator"])]
    both = pd.concat([mine[mine["indicator"].isin(others["indicator"])], others])
    cols = ["pillar", "indicator", "indicator_en", "unit", *(["reported_by"] if "reported_by" in latest else []),
            "value", "rank_of", "as_of", "stale", "source"]
    if both.empty:
        return pd.DataFrame(columns=cols)
    both = both.assign(_own=both["unit"] != unit)
    return both.sort_values(["pillar", "indicator", "_own", "unit"])[cols].reset_index(drop=True)


def trend_pairs(obs: pd.DataFrame, units: list[str], indicators: list[str] | None = None,
                min_dates: int = 2) -> pd.DataFrame:
    """Unit and indicator pairs with at least ``min_dates`` dated figures: the series worth drawing.

    Returns
    -------
    DataFrame
        ``unit, indicator, n_dates``, in the order of ``units``, then by indicator.
    """
    picked = obs[obs["unit"].isin(units)]
    if indicators is not None:
        picked = picked[picked["indicator"].isin(indicators)]
    counts = picked.groupby(["unit", "indicator"])["as_of"].nunique().rename("n_dates").reset_index()
    counts = counts[counts["n_dates"] >= min_dates]
    order = {u: i for i, u in enumerate(units)}
    counts = counts.assign(_o=counts["unit"].map(order)).sort_values(["_o", "indicator"]).drop(columns="_o")
    return counts.reset_index(drop=True)


def worked_example(table: pd.DataFrame, higher_is_better: dict[str, bool]) -> dict | None:
    """The numbers of the progress measure for one row of an attainment table, to show the method.

    Picks the first row (by unit and indicator) of the first kind the table has:

    * ``"ratio"``: the ratio R was computed (two dated figures, target not yet met);
    * ``"illustration"``: two dated figures and a first figure short of the target, but the
      latest meets it, so the status is ``met``; R is computed to show the arithmetic;
    * ``"required"``: one figure, short of the target: the gap and the growth still
      required from it to the deadline (the observed growth needs a second figure);
    * ``"gap"``: a figure that meets its target: the gap only.

    Parameters
    ----------
    table
        An attainment table (:func:`dtlib.attainment_table`).
    higher_is_better
        Indicator id → its direction.

    Returns
    -------
    dict or None
        ``row`` (the table row) and ``kind``; for ``ratio`` and ``illustration`` also
        ``observed_years``, ``required_years``, ``cagr_observed``, ``cagr_required``,
        ``ratio`` and ``status_from_ratio``; for ``required``, ``required_years`` and
        ``cagr_required`` from the latest figure. ``None`` if no row has a figure.
    """
    if table.empty:
        return None
    with_value = table[table["value"].notna()]
    two = with_value[with_value["base_as_of"].notna() & (with_value["base_as_of"] < with_value["as_of"])]
    base_short = [not meets(b, t, c) for b, t, c in zip(two["base_value"], two["target"], two["comparator"])]
    computed = two[two["ratio"].notna() & np.isfinite(two["ratio"].astype(float))]
    short = with_value[with_value["gap"] > 0]
    for kind, pool in (("ratio", computed), ("illustration", two[base_short]), ("required", short),
                       ("gap", with_value)):
        if not pool.empty:
            row = pool.iloc[0]
            break
    else:
        return None
    out = {"row": row, "kind": kind}
    if kind == "required":
        years = years_between(row["as_of"], row["deadline"])
        out.update(required_years=years,
                   cagr_required=growth_rate(row["value"], row["target"], years) if years > 0 else np.nan)
    if kind not in ("ratio", "illustration"):
        return out
    observed_years = years_between(row["base_as_of"], row["as_of"])
    required_years = years_between(row["base_as_of"], row["deadline"])
    higher = bool(higher_is_better.get(row["indicator"], True))
    ratio = progress_ratio(row["base_value"], row["base_as_of"], row["value"], row["as_of"], row["target"],
                           row["deadline"], higher)
    out.update(observed_years=observed_years, required_years=required_years,
               cagr_observed=growth_rate(row["base_value"], row["value"], observed_years),
               cagr_required=growth_rate(row["base_value"], row["target"], required_years) if required_years > 0
               else np.nan,
               ratio=ratio, status_from_ratio=status_from_ratio(ratio))
    return out


def dti_history(data: Dataset, units: list[str], as_of: str | pd.Timestamp | None = None, *,
                follow: bool = True) -> pd.DataFrame:
    """Every DTI score and rank of ``units`` (and the national yardsticks) known on ``as_of``.

    Scores out of 1000 are put on the 0–1 scale. With ``follow``, a province's line runs
    through its predecessor (``lineage`` = the unit asked for, ``segment`` = the unit that was
    ranked), so Lào Cai (with former Yên Bái) carries Lào Cai's earlier editions; a figure
    recomputed on later boundaries keeps its ``basis``.

    Returns
    -------
    DataFrame
        ``lineage, segment, indicator`` (``dti_score``, ``dti_rank`` or a key of
        :data:`DTI_REFERENCES`), ``edition`` (year), ``as_of, value, qualifier, rank_of, basis,
        source, publisher, quote, note``, by lineage, indicator and edition.
    """

    obs = known_observations(data, as_of)
    scores = obs["indicator"].isin(["dti_score", "dti_score_1000", "dti_rank"])
    chains = {u: (lineage_chain(data, u) if follow else [u]) for u in units}
    parts = [obs[scores & obs["unit"].isin(chain)].assign(lineage=u) for u, chain in chains.items()]
    parts.append(obs[obs["indicator"].isin(list(DTI_REFERENCES))].assign(lineage=lambda f: f["indicator"]))
    cols = ["lineage", "segment", "indicator", "edition", "as_of", "value", "qualifier", "rank_of", "basis",
            "source", "publisher", "quote", "note"]
    out = pd.concat(parts, ignore_index=True)
    if out.empty:
        return pd.DataFrame(columns=cols)
    per_mille = out["indicator"] == "dti_score_1000"
    out.loc[per_mille, "value"] = out.loc[per_mille, "value"] / 1000
    out.loc[per_mille, "indicator"] = "dti_score"
    out = out.assign(segment=out["unit"], edition=out["as_of"].dt.year)
    return out.sort_values(["lineage", "indicator", "edition"]).reset_index(drop=True)[cols]


