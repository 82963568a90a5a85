"""Which target applies, the gap to it, and the progress status by the Statistics Canada method.

Attainment follows the progress measure that Statistics Canada developed and Open SDG
national reporting platforms use (Open SDG, ``docs/progress-methodology.md``; the reference
implementation is ``ProgressMeasure.py`` of Statistics Canada's SDG data repository):

* observed growth: ``CAGR_o = (y_t / y_0) ** (1 / (t - t_0)) - 1``, from the unit's first
  value ``y_0`` (at ``t_0``) to its latest ``y_t`` (at ``t``), time in years;
* required growth: ``CAGR_r = (y_T / y_0) ** (1 / (T - t_0)) - 1`` to reach the target
  ``y_T`` by the deadline ``T``;
* ratio ``R = d * CAGR_o / |CAGR_r|`` with ``d = +1`` when higher is better, ``-1`` when lower
  is better (a rank). Where the target lies beyond the base value in the desired direction
  (the normal case) this is the reference code's ``CAGR_o / CAGR_r``; the sign convention
  keeps the status meaningful in the edge case the method notes (a base value that already
  met the target);
* status: ``met`` if the latest value meets the target; else ``on_track`` (R ≥ 0.95),
  ``acceleration_needed`` (0.60 ≤ R < 0.95), ``limited_progress`` (0 ≤ R < 0.60),
  ``deterioration`` (R < 0); ``insufficient_data`` with fewer than two dated values.
  Zero base or target values are replaced by 0.001, as the method prescribes.

Two statuses are ours, for cells the method cannot assess: ``no_data`` (no figure at all)
and ``not_comparable`` (a rank out of a different number of units than the target's, e.g.
a rank of 34 provinces against a target set among 63).

The method's scaling factor C (which shrinks growth *thresholds* for values near a natural
limit such as 100 %) belongs to its no-target variant; with a target, the required growth
``CAGR_r`` already shrinks as the base nears the limit, so no scaling is applied here. A
share at 100 % meets any ``>=`` target up to 100 and is ``met``.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..data.dataset import Dataset, ended_indicators, valid_on
from .observations import known_observations, report_date
from ..data.periods import as_date, years_between
from .verdict_rules import judged_on, verdict_rows
from ..data.vocab import MEASURES

__all__ = [
    "STATUSES", "ancestors", "known_targets", "applicable_target", "gap", "meets", "one_window", "growth_rate",
    "progress_ratio", "status_from_ratio", "attainment", "attainment_table", "trajectory", "measured_for",
]

#: Statuses in order from best to worst, then the ones that cannot be assessed.
STATUSES = ("met", "on_track", "acceleration_needed", "limited_progress", "deterioration",
            "insufficient_data", "not_comparable", "no_data")

ON_TRACK, ACCELERATION = 0.95, 0.60
ZERO_REPLACEMENT = 0.001


def ancestors(data: Dataset, unit: str) -> list[str]:
    """``unit``, its parent, grandparent ... up to the nation."""
    parents = dict(zip(data.units["id"], data.units["parent"]))
    chain = [unit]
    while parents.get(chain[-1]) and parents[chain[-1]] not in chain:
        chain.append(parents[chain[-1]])
    return chain


def known_targets(data: Dataset, on: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """The targets set by ``on``: those whose source was known by then.

    A pack built ``--as-of 2022-12-31`` does not judge a 2022 figure against a plan adopted
    in April 2023. A source is known from its ``published`` date; a source without one is
    known from the latest ``as_of`` among the figures it reports (an article of January 2025
    on the results of 2024 did not exist in 2023), and always when it reports none.
    """
    when = as_date(on)
    if when is None:
        return data.targets
    # reindex, not map: mapping no targets through no sources casts the dates to floats (pandas 3), and fails
    known_from = sources_known_from(data).reindex(data.targets["source"].to_numpy())
    return data.targets[~(known_from > when).fillna(False).to_numpy(dtype=bool)]


def sources_known_from(data: Dataset) -> pd.Series:
    """The earliest date each source can have been read, indexed by source id (``NaT`` if unknown).

    Its ``published`` date; without one, the later of its ``not_before`` (the latest day its text
    names: the meeting, the decision it reports) and the latest ``as_of`` of the observations
    citing it. A target from an undated source that names no date and reports no figure is
    known whenever asked (``NaT``).
    """
    index = data.sources["id"].to_numpy()
    published = pd.Series(pd.to_datetime(data.sources["published"].to_numpy(), errors="coerce"), index=index)
    not_before = pd.Series(pd.to_datetime(data.sources["not_before"].to_numpy(), errors="coerce"), index=index) \
        if "not_before" in data.sources else pd.Series(pd.NaT, index=index)
    reported = data.observations.groupby("source")["as_of"].max().reindex(index)
    floor = pd.concat([not_before, reported], axis=1).max(axis=1)
    return published.fillna(floor)


def applicable_target(data: Dataset, unit: str, indicator: str, on: str | pd.Timestamp | None = None,
                      *, deadline: str | pd.Timestamp | None = None) -> pd.Series | None:
    """The target that applies to ``unit`` and ``indicator`` on the date ``on``.

    The unit's own target if it has one, else its parent's (a province's for a district),
    else the national one. Among a unit's targets for the indicator the one with the
    nearest deadline on or after ``on`` applies; when every deadline has passed, the last.
    With ``deadline`` only targets due on that date are considered.

    Returns
    -------
    Series or None
        A row of ``data.targets`` (with ``target_unit`` = whose target it is), or ``None``.
    """
    when = as_date(on) or report_date(data)
    t = known_targets(data, when)
    t = t[t["indicator"] == indicator]
    if deadline is not None:
        t = t[t["deadline"] == as_date(deadline)]
    for owner in ancestors(data, unit):
        mine = t[t["unit"] == owner].sort_values(["deadline", "_line"])
        if mine.empty:
            continue
        ahead = mine[mine["deadline"] >= when]
        row = (ahead if not ahead.empty else mine.tail(1)).iloc[0]
        if row["deadline"] < _unit_starts(data).get(unit, pd.NaT):   # due before the unit began
            return None
        return row.rename({"unit": "target_unit"})
    return None


def _unit_starts(data: Dataset) -> pd.Series:
    """The day each unit began (``valid_from``), by id; ``NaT`` for a unit that has always existed.

    A target due before that day never bound the unit: one due on 31 Dec 2022 (or on 30 June
    2025) did not bind a province created on 1 July 2025. Its verdict is its predecessors', in
    the table at the reorganisation (:mod:`dtlib.analysis.reorganisation`).
    """
    return pd.to_datetime(data.units.set_index("id")["valid_from"], errors="coerce")


def one_window(values: pd.DataFrame) -> pd.DataFrame:
    """The figures of one kind of window, to judge against a target: never a month beside a year.

    A target is a level to reach by a date; the figures judged against it, and the growth
    between them, must describe windows of one kind. The kind is that of the latest figure
    that is not a single month's (a month's share swings with the month: it is used only when
    the unit reports nothing else). Frames without ``window`` are returned as they are.
    """
    if "window" not in values or values.empty:
        return values
    kinds = values["window"].fillna("")
    longer = values[kinds != "month"]
    kind = (longer if not longer.empty else values)["window"].fillna("").iloc[-1]
    return values[kinds == kind]


def meets(value: float, target: float, comparator: str) -> bool:
    """Whether ``value`` meets ``target`` under ``comparator`` (``>=`` or ``<=``)."""
    return value >= target if comparator == ">=" else value <= target


def gap(value: float, target: float, comparator: str) -> float:
    """How far ``value`` still is from ``target``: positive = short of it, zero or less = met.

    >>> gap(87, 90, ">=")      # 87 % against a 90 % target: 3 points to go
    3
    >>> gap(53, 45, "<=")      # rank 53 against a top-45 target: 8 places to climb
    8
    """
    return target - value if comparator == ">=" else value - target


def growth_rate(first: float, last: float, years: float) -> float:
    """Compound annual growth rate from ``first`` to ``last`` over ``years`` (zeros → 0.001)."""
    first = first or ZERO_REPLACEMENT
    last = last or ZERO_REPLACEMENT
    return (last / first) ** (1 / years) - 1


def progress_ratio(first: float, t0: pd.Timestamp, latest: float, t: pd.Timestamp,
                   target: float, deadline: pd.Timestamp, higher_is_better: bool) -> float:
    """The method's ratio R of observed to required growth (see the module docstring).

    Returns NaN when it cannot be computed (the two values share a date, or the deadline
    is not after the first value).
    """
    observed_years, required_years = years_between(t0, t), years_between(t0, deadline)
    if observed_years <= 0 or required_years <= 0:
        return float("nan")
    observed = growth_rate(first, latest, observed_years)
    required = growth_rate(first, target, required_years)
    direction = 1 if higher_is_better else -1
    if required == 0:
        return math.copysign(float("inf"), direction * observed) if observed else 0.0
    return direction * observed / abs(required)


def status_from_ratio(ratio: float) -> str:
    """Status for a ratio R: on_track, acceleration_needed, limited_progress or deterioration."""
    if np.isnan(ratio):
        return "insufficient_data"
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= ACCELERATION:
        return "acceleration_needed"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


def attainment(values: pd.DataFrame, target: pd.Series | None, higher_is_better: bool) -> dict:
    """Assess one unit's figures for one indicator against one target.

    Parameters
    ----------
    values
        The unit's figures for the indicator, with ``as_of``, ``value`` and (for ranks)
        ``rank_of`` (and ``window``: figures of one kind are judged, see :func:`one_window`);
        any order.
    target
        A row of the targets table (``value``, ``comparator``, ``deadline``, ``rank_of``).
    higher_is_better
        The indicator's direction.

    Returns
    -------
    dict
        ``value``, ``as_of`` (latest figure), ``base_value``, ``base_as_of``, ``gap``,
        ``ratio`` (R) and ``status`` (one of :data:`STATUSES`).
    """
    out = {"value": np.nan, "as_of": pd.NaT, "base_value": np.nan, "base_as_of": pd.NaT,
           "gap": np.nan, "ratio": np.nan, "status": "no_data"}
    if values.empty or target is None:
        return out
    values = one_window(values.sort_values("as_of"))
    rank_of = target.get("rank_of") if "rank_of" in target else None
    if rank_of is not None and not pd.isna(rank_of) and "rank_of" in values:
        same = values[values["rank_of"] == rank_of]
        if same.empty:
            last = values.iloc[-1]
            return {**out, "value": last["value"], "as_of": last["as_of"], "status": "not_comparable"}
        values = same
    first, last = values.iloc[0], values.iloc[-1]
    out.update(value=last["value"], as_of=last["as_of"], base_value=first["value"], base_as_of=first["as_of"],
               gap=gap(last["value"], target["value"], target["comparator"]))
    if meets(last["value"], target["value"], target["comparator"]):
        return {**out, "status": "met"}
    if values["as_of"].nunique() < 2:
        return {**out, "status": "insufficient_data"}
    ratio = progress_ratio(first["value"], first["as_of"], last["value"], last["as_of"],
                           target["value"], target["deadline"], higher_is_better)
    return {**out, "ratio": ratio, "status": status_from_ratio(ratio)}


ATTAINMENT_COLUMNS = ["unit", "indicator", "as_of", "value", "target_unit", "target", "comparator",
                      "deadline", "gap", "status", "verdict"]
#: The columns after :data:`ATTAINMENT_COLUMNS` (less ``verdict``, which comes last) of :func:`attainment_table`.
_DETAIL_COLUMNS = ["rank_of", "target_rank_of", "base_value", "base_as_of", "ratio", "source", "target_source",
                   "instrument", "pillar", "indicator_en"]


def attainment_table(data: Dataset, as_of: str | pd.Timestamp | None = None, *,
                     units: list[str] | None = None, deadline: str | pd.Timestamp | None = None,
                     indicators: list[str] | None = None, known_by: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Attainment of every unit against every target that applies to it, on ``as_of``.

    Parameters
    ----------
    data
        The data set.
    as_of
        Report date (default: latest date in the data). Only figures known then count.
    units
        Units to assess (default: every unit valid on ``as_of`` that has a figure or a
        target of its own, and the nation).
    deadline
        Only targets due on this date (e.g. ``"2025-12-31"``).
    indicators
        Restrict to these indicators.
    known_by
        Judge on ``as_of`` with what was published by this later date (default ``as_of``): the
        standing of a province on its last day, 30 June 2025, from figures of that half-year
        published in July. Only figures describing a date up to ``as_of`` count.

    Returns
    -------
    DataFrame
        Columns ``unit, indicator, as_of, value, target_unit, target, comparator, deadline,
        gap, status, verdict`` (the contract of ``tables/attainment.csv``) then ``rank_of``,
        ``target_rank_of``, ``base_value``, ``base_as_of``, ``ratio``, ``source``,
        ``target_source``, ``instrument``, ``pillar``, ``indicator_en``. ``verdict`` is
        :func:`dtlib.analysis.verdicts.verdict` on the target's deadline (or the unit's last day) where
        the deadline is on or before ``as_of``, empty while it is ahead. A target on an object
        that had ended by ``as_of`` (district-level work records after 30 June 2025) applies to
        no unit and has no row (:func:`dtlib.analysis.verdicts.ended_targets` lists them).
    """
    when = as_date(as_of) or report_date(data)
    known = max(as_date(known_by), when) if known_by is not None else when
    obs = known_observations(data, known)
    obs = obs[obs["as_of"] <= when]
    if units is None:
        units = _default_units(data, obs, when)
    inds = data.indicators.drop_duplicates("id").set_index("id")
    wanted = data.targets["indicator"].unique() if indicators is None else indicators
    ended = set(ended_indicators(data, when)["id"])
    wanted = [i for i in sorted(wanted) if i in inds.index and i not in ended]
    pairs = pd.DataFrame({"unit": np.repeat(np.asarray(list(units), dtype=object), len(wanted)),
                          "indicator": np.tile(np.asarray(wanted, dtype=object), len(units))})
    pairs = pairs[measured_for(data, pairs["unit"], pairs["indicator"]).to_numpy(bool)]
    pairs = _with_targets(data, pairs, when, deadline, known)
    if pairs.empty:     # the columns of a table with rows, in their order: callers pick any of them
        return pd.DataFrame(columns=[*[c for c in ATTAINMENT_COLUMNS if c != "verdict"], *_DETAIL_COLUMNS, "verdict"])
    table = _assessed(pairs, obs, inds)
    table["verdict"] = _verdicts(data, table, obs, when)
    return table.sort_values(["unit", "pillar", "indicator"]).reset_index(drop=True)


def measured_for(data: Dataset, units: pd.Series, indicators: pd.Series) -> pd.Series:
    """Whether each indicator can describe each unit: its ``levels`` (``indicators.csv``) name the
    unit's level, or it names none. A share of the ministries' dossiers is the nation's alone, so
    no province is held to its target."""
    ind = data.indicators
    if "levels" not in ind:
        return pd.Series(True, index=units.index)
    allowed = dict(zip(ind["id"], ind["levels"].fillna("")))
    level = dict(zip(data.units["id"], data.units["level"]))
    return pd.Series([not allowed.get(i) or level.get(u) in allowed[i].split("|")
                      for u, i in zip(units, indicators)], index=units.index)


def _with_targets(data: Dataset, pairs: pd.DataFrame, when: pd.Timestamp,
                  deadline: str | pd.Timestamp | None, known: pd.Timestamp | None = None) -> pd.DataFrame:
    """``pairs`` (``unit, indicator``) joined to the target that applies to each on ``when``, as
    :func:`applicable_target` picks it, among those known by ``known`` (default ``when``);
    pairs without one are dropped."""
    t = known_targets(data, known if known is not None else when)
    if deadline is not None:
        t = t[t["deadline"] == as_date(deadline)]
    t = t.sort_values(["unit", "indicator", "deadline", "_line"], kind="stable")
    # each owner's target per indicator: the nearest deadline on or after ``when``, else the last
    ahead = t[t["deadline"] >= when].drop_duplicates(["unit", "indicator"], keep="first")
    passed = t.drop_duplicates(["unit", "indicator"], keep="last")
    chosen = pd.concat([ahead, passed]).drop_duplicates(["unit", "indicator"], keep="first")
    chosen = chosen.rename(columns={"unit": "target_unit"})
    # the unit's own target first, then its parent's ... then the nation's
    chains = pd.DataFrame([(unit, depth, owner) for unit in pairs["unit"].unique()
                           for depth, owner in enumerate(ancestors(data, unit))],
                          columns=["unit", "_depth", "target_unit"])
    found = (pairs[["unit", "indicator"]].drop_duplicates()
             .merge(chains, on="unit").merge(chosen, on=["target_unit", "indicator"])
             .sort_values("_depth", kind="stable").drop_duplicates(["unit", "indicator"], keep="first"))
    began = pd.to_datetime(found["unit"].map(_unit_starts(data)))
    found = found[~(pd.to_datetime(found["deadline"]) < began).to_numpy(bool)]   # due before the unit began
    found = found.drop(columns="_depth").rename(columns={"value": "target", "rank_of": "target_rank_of",
                                                        "source": "target_source"})
    return pairs.merge(found[["unit", "indicator", "target_unit", "target", "comparator", "deadline",
                              "target_rank_of", "target_source", "instrument"]], on=["unit", "indicator"])


def _assessed(pairs: pd.DataFrame, obs: pd.DataFrame, inds: pd.DataFrame) -> pd.DataFrame:
    """:func:`attainment` of every pair at once: the same figures, windows, ranks and statuses."""
    key = ["unit", "indicator"]
    vals = (obs[obs["unit"].isin(pairs["unit"]) & obs["indicator"].isin(pairs["indicator"])]
            [[*key, "as_of", "_line", "value", "window", "rank_of", "source"]]
            .merge(pairs[[*key, "target_rank_of"]].drop_duplicates(key), on=key)
            .sort_values([*key, "as_of", "_line"], kind="stable"))
    # one kind of window per pair (one_window): the latest figure's that is not a single month's
    window = vals["window"].fillna("")
    kind = vals.assign(_w=window).groupby(key)["_w"].last()
    longer = vals[window != "month"].assign(_w=window).groupby(key)["_w"].last()
    kind = longer.reindex(kind.index).fillna(kind).rename("_kind")
    vals = vals.merge(kind.reset_index(), on=key)
    vals = vals[vals["window"].fillna("") == vals["_kind"]]
    latest = vals.groupby(key).tail(1).set_index(key)
    # a rank is judged only against a target out of the same number of units
    ranked = vals["target_rank_of"].notna()
    same = ~ranked | (vals["rank_of"] == vals["target_rank_of"]).fillna(False).astype(bool)
    judged = vals[same.to_numpy()]
    g = judged.groupby(key)
    span = pd.DataFrame({"base_value": g["value"].first(), "base_as_of": g["as_of"].first(),
                         "value": g["value"].last(), "as_of": g["as_of"].last(), "_dates": g["as_of"].nunique()})
    out = pairs.join(latest[["rank_of", "source", "value", "as_of"]].rename(
        columns={"value": "_latest_value", "as_of": "_latest_as_of"}), on=key).join(span, on=key)
    out["higher_is_better"] = out["indicator"].map(inds["higher_is_better"]).astype(bool)
    out["pillar"] = out["indicator"].map(inds["pillar"])
    out["indicator_en"] = out["indicator"].map(inds["name_en"])

    at_least = (out["comparator"] == ">=").to_numpy()
    value, target = out["value"].to_numpy(dtype=float), out["target"].to_numpy(dtype=float)
    out["gap"] = np.where(at_least, target - value, value - target)
    met = np.where(at_least, value >= target, value <= target)
    ratio = _ratios(out)
    unjudged = [out["_latest_as_of"].isna().to_numpy(), out["as_of"].isna().to_numpy(), met,
                (out["_dates"] < 2).to_numpy()]
    by_ratio = np.select([np.isnan(ratio), ratio >= ON_TRACK, ratio >= ACCELERATION, ratio >= 0],
                         ["insufficient_data", "on_track", "acceleration_needed", "limited_progress"],
                         "deterioration")   # status_from_ratio, for every row at once
    out["status"] = np.select(unjudged, ["no_data", "not_comparable", "met", "insufficient_data"], by_ratio)
    out["ratio"] = np.where(np.logical_or.reduce(unjudged), np.nan, ratio)
    comparable = out["status"] == "not_comparable"
    out.loc[comparable, "value"] = out.loc[comparable, "_latest_value"]
    out.loc[comparable, "as_of"] = out.loc[comparable, "_latest_as_of"]
    out["source"] = out["source"].fillna("")
    # ranks typed as a table built row by row types them: int64 if every row has one, else objects
    for column in ("rank_of", "target_rank_of"):
        out[column] = out[column].astype(object).infer_objects()
    return out[[*[c for c in ATTAINMENT_COLUMNS if c != "verdict"], *_DETAIL_COLUMNS]]


def _verdicts(data: Dataset, table: pd.DataFrame, obs: pd.DataFrame, when: pd.Timestamp) -> pd.Series:
    """The verdict of each row judged on or before ``when``: its deadline, or the unit's last day
    if the unit ended first, has come (empty for the others)."""
    ends = data.units.set_index("id")["valid_to"]
    on = pd.Series([judged_on(d, ends.get(u)) for u, d in zip(table["unit"], table["deadline"])],
                   index=table.index, dtype="datetime64[ns]")
    due = table[(on <= when).to_numpy(bool)]
    if due.empty:
        return pd.Series("", index=table.index, dtype=object)
    due = due[["unit", "indicator", "target", "comparator", "deadline", "target_rank_of"]].assign(
        _row=due.index, judged_on=on[due.index])
    values = obs.merge(due[["_row", "unit", "indicator"]], on=["unit", "indicator"])
    judged = verdict_rows(values, due).set_index("_row")["verdict"]
    return judged.reindex(table.index).fillna("").astype(object)


def _ratios(out: pd.DataFrame) -> np.ndarray:
    """:func:`progress_ratio` of every row of ``out`` (NaN where it cannot be computed)."""
    observed_years = (out["as_of"] - out["base_as_of"]).dt.days.to_numpy(dtype=float) / 365.25
    required_years = (out["deadline"] - out["base_as_of"]).dt.days.to_numpy(dtype=float) / 365.25
    first = out["base_value"].to_numpy(dtype=float)
    with np.errstate(all="ignore"):
        base = np.where(first == 0, ZERO_REPLACEMENT, first)
        latest = out["value"].to_numpy(dtype=float)
        target = out["target"].to_numpy(dtype=float)
        observed = (np.where(latest == 0, ZERO_REPLACEMENT, latest) / base) ** (1 / observed_years) - 1
        required = (np.where(target == 0, ZERO_REPLACEMENT, target) / base) ** (1 / required_years) - 1
        direction = np.where(out["higher_is_better"].to_numpy(dtype=bool), 1.0, -1.0)
        ratio = np.where(required == 0, np.where(observed != 0, np.copysign(np.inf, direction * observed), 0.0),
                         direction * observed / np.abs(required))
    return np.where((observed_years > 0) & (required_years > 0), ratio, np.nan)


def _default_units(data: Dataset, obs: pd.DataFrame, when: pd.Timestamp) -> list[str]:
    u = data.units
    valid = valid_on(u, when)
    active = set(obs["unit"]) | set(data.targets["unit"])
    keep = u[valid & (u["id"].isin(active) | (u["level"] == "nation"))]
    order = {"nation": 0, "province": 1, "district": 2, "commune": 3}
    return list(keep.assign(_o=keep["level"].map(order)).sort_values(["_o", "id"])["id"])


def trajectory(values: pd.DataFrame, until: str | pd.Timestamp, measure: str = "percent",
               points: int = 12) -> pd.DataFrame:
    """Project a series to ``until`` at its observed compound growth rate (first → latest).

    The projection is what the progress measure assumes: the observed rate goes on. It is
    capped at the measure's natural limits (a share stays within 0–100). Fewer than two
    dated values give an empty frame: no projection is drawn from one point.

    Returns
    -------
    DataFrame
        ``as_of``, ``value`` from the latest figure to ``until``.
    """
    values = values.sort_values("as_of")
    end = as_date(until)
    if values["as_of"].nunique() < 2 or end is None or end <= values["as_of"].iloc[-1]:
        return pd.DataFrame({"as_of": pd.Series(dtype="datetime64[ns]"), "value": pd.Series(dtype=float)})
    first, last = values.iloc[0], values.iloc[-1]
    rate = growth_rate(first["value"], last["value"], years_between(first["as_of"], last["as_of"]))
    dates = pd.date_range(last["as_of"], end, periods=points)
    projected = [last["value"] * (1 + rate) ** years_between(last["as_of"], d) for d in dates]
    low, high = MEASURES.get(measure, (None, None))
    projected = np.clip(projected, low if low is not None else -np.inf, high if high is not None else np.inf)
    return pd.DataFrame({"as_of": dates, "value": projected})
