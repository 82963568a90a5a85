"""Verdicts at a deadline: was the target met when it fell due, and targets whose object ended.

A target whose deadline has passed is judged once, separately from the progress status of
:mod:`dtlib.targets` (which says how a unit is moving): ``met``, ``not_met`` or ``no_figure``.
The verdict rests on one figure, the one closest to the day the target is judged on, within
:data:`WINDOW_MONTHS` months before it:

* the target is judged on its deadline, or on the unit's last day if the unit ended before it
  (the former Quảng Bình is judged on 30 June 2025 against a target due on 31 December 2025,
  and the verdict is Quảng Bình's, never its successor's);
* the figure must describe a date in ``[judged_on - WINDOW_MONTHS months, judged_on]``: a
  year-end target is judged on a figure of 30 June of its year or later, never on the year before, and
  never on a figure dated after the deadline (a level reached later does not say the target
  was met on time);
* of the figures on the latest date, one that is not a single month's is preferred (a year's
  share before the share of its last month, as :func:`dtlib.targets.one_window` does);
* a rank target is judged only on a rank out of the same number of units;
* no such figure: ``no_figure``.

A target on something that no longer exists does not apply after the day it ended: districts
were abolished on 1 July 2025, so a target on district-level work records applies to no unit
after 30 June 2025. The indicator says so (``applies_until`` and ``applies_until_note`` in
``indicators.csv``) and :func:`ended_targets` lists the pairs left out, with the reason.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .dataset import Dataset
from .periods import as_date

__all__ = ["VERDICTS", "WINDOW_MONTHS", "judged_on", "verdict", "verdict_rows", "verdict_table", "ended_indicators",
           "ended_targets", "VERDICT_COLUMNS"]

#: The verdicts, best first.
VERDICTS = ("met", "not_met", "no_figure")

#: A verdict rests on a figure dated at most this many calendar months before the day the target is
#: judged on (six: a year-end target is judged on the first half's figure at the earliest).
WINDOW_MONTHS = 6

VERDICT_COLUMNS = ["unit", "judged_on", "former", "successor", "indicator", "target", "comparator", "deadline",
                   "target_rank_of", "target_unit", "instrument", "target_source", "value", "qualifier", "as_of",
                   "rank_of", "source", "verdict"]


def judged_on(deadline, unit_end=None) -> pd.Timestamp:
    """The day a target is judged on: its deadline, or the unit's last day if that came first.

    >>> judged_on("2025-12-31", "2025-06-30").date()
    datetime.date(2025, 6, 30)
    >>> judged_on("2025-12-31").date()
    datetime.date(2025, 12, 31)
    """
    deadline = pd.Timestamp(deadline)
    end = as_date(unit_end) if unit_end is not None and not pd.isna(unit_end) else None
    return min(deadline, end) if end is not None else deadline


def verdict(values: pd.DataFrame, target: float, comparator: str, on, *, target_rank_of=None) -> dict:
    """The verdict on one unit's figures for one target judged on ``on``.

    Parameters
    ----------
    values
        The unit's figures for the indicator (``as_of``, ``value``; ``window``, ``rank_of``,
        ``qualifier``, ``source`` when known), any order.
    target, comparator
        The level to reach and how (``>=``, or ``<=`` for a rank).
    on
        The day the target is judged on (:func:`judged_on`).
    target_rank_of
        For a rank target, the number of units it ranks among: only ranks out of that number count.

    Returns
    -------
    dict
        ``verdict`` (one of :data:`VERDICTS`) and the figure it rests on (``value``, ``as_of``,
        ``qualifier``, ``rank_of``, ``source``; empty for ``no_figure``).

    >>> figures = pd.DataFrame({"as_of": pd.to_datetime(["2024-12-31", "2025-09-30"]), "value": [70.0, 81.0]})
    >>> verdict(figures, 80, ">=", "2025-12-31")["verdict"]
    'met'
    >>> verdict(figures.head(1), 80, ">=", "2025-12-31")["verdict"]     # a year before: too old
    'no_figure'
    """
    rows = verdict_rows(values.assign(_row=0), pd.DataFrame({"_row": [0], "target": [float(target)],
                                                              "comparator": [comparator], "judged_on": [as_date(on)],
                                                              "target_rank_of": [target_rank_of]}))
    return rows.iloc[0][["verdict", "value", "as_of", "qualifier", "rank_of", "source"]].to_dict()


def verdict_rows(values: pd.DataFrame, targets: pd.DataFrame, key: Sequence[str] = ("_row",)) -> pd.DataFrame:
    """:func:`verdict` for many targets at once.

    ``targets`` has ``key`` columns, ``target``, ``comparator``, ``judged_on`` and
    ``target_rank_of``; ``values`` the figures with the same ``key`` columns. Returns
    ``targets`` with ``verdict``, ``value``, ``as_of``, ``qualifier``, ``rank_of`` and ``source``.
    """
    key = list(key)
    cols = ["as_of", "value", "window", "rank_of", "qualifier", "source"]
    values = values.reindex(columns=[*key, *cols])
    cand = values.merge(targets[[*key, "judged_on", "target_rank_of"]], on=key)
    earliest = pd.to_datetime(cand["judged_on"]) - pd.DateOffset(months=WINDOW_MONTHS)
    cand = cand[(cand["as_of"] <= cand["judged_on"]) & (cand["as_of"] >= earliest)]
    of = pd.to_numeric(cand["rank_of"], errors="coerce").astype(float)
    target_of = pd.to_numeric(cand["target_rank_of"], errors="coerce").astype(float)
    cand = cand[(target_of.isna() | (of == target_of)).to_numpy(bool)]
    cand = (cand.assign(_long=cand["window"].astype(object).fillna("").ne("month"))
                .sort_values([*key, "as_of", "_long"], kind="stable")
                .drop_duplicates(key, keep="last"))
    out = targets.drop(columns=[c for c in cols if c in targets], errors="ignore").merge(
        cand[[*key, *cols]].drop(columns="window"), on=key, how="left")
    value, goal = out["value"].to_numpy(dtype=float), out["target"].to_numpy(dtype=float)
    at_least = (out["comparator"] == ">=").to_numpy()
    with np.errstate(invalid="ignore"):
        met = np.where(at_least, value >= goal, value <= goal)
    out["verdict"] = np.select([np.isnan(value), met], ["no_figure", "met"], "not_met")
    out["qualifier"] = out["qualifier"].astype(object).fillna("")
    out["source"] = out["source"].astype(object).fillna("")
    return out


def ended_indicators(data: Dataset, on) -> pd.DataFrame:
    """Indicators whose object had ended by ``on``: ``id``, ``applies_until``, ``applies_until_note``."""
    ind = data.indicators
    if "applies_until" not in ind:
        return pd.DataFrame(columns=["id", "applies_until", "applies_until_note"])
    until = pd.to_datetime(ind["applies_until"].replace("", None), errors="coerce")
    ended = ind[(until < as_date(on)).to_numpy(bool)]
    return ended.assign(applies_until=until[ended.index])[["id", "applies_until", "applies_until_note"]]


def ended_targets(data: Dataset, as_of, units: Sequence[str]) -> pd.DataFrame:
    """Targets that would apply to ``units`` on ``as_of`` but whose object had ended: not applicable.

    Returns
    -------
    DataFrame
        ``unit, indicator, target_unit, target, comparator, deadline, instrument, target_source,
        applies_until, reason``: one row per unit and target (of any deadline) left out.
    """
    from .targets import ancestors, known_targets

    when = as_date(as_of)
    ended = ended_indicators(data, when)
    cols = ["unit", "indicator", "target_unit", "target", "comparator", "deadline", "instrument", "target_source",
            "applies_until", "reason"]
    if ended.empty:
        return pd.DataFrame(columns=cols)
    t = known_targets(data, when)
    t = t[t["indicator"].isin(ended["id"])]
    rows = []
    for unit in units:
        mine = t[t["unit"].isin(ancestors(data, unit))]
        for _, r in mine.iterrows():
            e = ended.loc[ended["id"] == r["indicator"]].iloc[0]
            rows.append({"unit": unit, "indicator": r["indicator"], "target_unit": r["unit"], "target": r["value"],
                         "comparator": r["comparator"], "deadline": r["deadline"], "instrument": r["instrument"],
                         "target_source": r["source"], "applies_until": e["applies_until"],
                         "reason": e["applies_until_note"]})
    return pd.DataFrame(rows, columns=cols)


def verdict_table(data: Dataset, as_of=None, units: Sequence[str] | None = None, *,
                  formers: bool = True) -> pd.DataFrame:
    """A verdict for every target whose deadline is on or before ``as_of``, for every unit it applies to.

    Parameters
    ----------
    data
        The data set.
    as_of
        The report date (default: the data's). Only targets and figures known then count.
    units
        The units judged (default: the provinces compared and the nation); with ``formers``
        also the provinces each of them absorbed, each judged on its own last day at the latest.
    formers
        Add the predecessors of ``units`` (their verdicts are theirs, marked ``former``).

    Returns
    -------
    DataFrame
        :data:`VERDICT_COLUMNS`: one row per unit and target (the same level, comparator and
        deadline set by several instruments is one row, the instruments joined by "; ").
        A target applies to a unit that existed on some day up to its deadline and whose own,
        parent's or nation's it is; one on an object that ended before the day it is judged on
        is left out (:func:`ended_targets`).
    """
    from .lineage import comparison_set, predecessors
    from .observations import known_observations, report_date
    from .targets import ancestors, known_targets, measured_for

    when = as_date(as_of) or report_date(data)
    if units is None:
        nation = list(data.units.loc[data.units["level"] == "nation", "id"])
        units = [*nation, *comparison_set(data, when)]
    judged = list(dict.fromkeys([*units, *[p for u in units for p in (predecessors(data, u) if formers else [])]]))
    info = data.units.set_index("id")
    t = known_targets(data, when)
    t = t[t["deadline"] <= when]
    if t.empty:
        return pd.DataFrame(columns=VERDICT_COLUMNS)
    grouped = (t.assign(rank_of=t["rank_of"].astype(float))
                .groupby(["unit", "indicator", "deadline", "comparator", "value", "rank_of"], dropna=False, sort=False)
                .agg(instrument=("instrument", lambda s: "; ".join(dict.fromkeys(s))),
                     target_source=("source", lambda s: "|".join(dict.fromkeys(s))))
                .reset_index()
                .rename(columns={"unit": "target_unit", "value": "target", "rank_of": "target_rank_of"}))
    ended = ended_indicators(data, pd.Timestamp.max.normalize())
    until = dict(zip(ended["id"], ended["applies_until"]))
    rows = []
    for unit in judged:
        start, end = info.loc[unit, "valid_from"], info.loc[unit, "valid_to"]
        owners = ancestors(data, unit)
        mine = grouped[grouped["target_unit"].isin(owners)]
        if pd.notna(start):
            mine = mine[mine["deadline"] >= start]
        mine = mine[measured_for(data, pd.Series(unit, index=mine.index), mine["indicator"]).to_numpy(bool)]
        for _, r in mine.iterrows():
            on = judged_on(r["deadline"], end)
            if r["indicator"] in until and on > until[r["indicator"]]:
                continue
            rows.append({**r.to_dict(), "unit": unit, "judged_on": on, "former": unit not in units,
                         "successor": info.loc[unit, "successor"] if unit not in units else ""})
    if not rows:
        return pd.DataFrame(columns=VERDICT_COLUMNS)
    targets = pd.DataFrame(rows)
    targets["_row"] = range(len(targets))
    obs = known_observations(data, when)
    values = obs.merge(targets[["_row", "unit", "indicator"]], on=["unit", "indicator"])
    out = verdict_rows(values, targets)
    order = {u: i for i, u in enumerate(judged)}
    out = out.assign(_o=out["unit"].map(order)).sort_values(["_o", "deadline", "indicator"], kind="stable")
    return out[VERDICT_COLUMNS].reset_index(drop=True)
