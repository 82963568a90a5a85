"""Verdicts at a deadline: was the target met when it fell due, and targets whose object ended.

A target whose deadline has passed is judged once, separately from the progress status of
:mod:`dtlib.analysis.targets` (which says how a unit is moving): ``met``, ``not_met`` or ``no_figure``.
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
  share before the share of its last month, as :func:`dtlib.analysis.targets.one_window` does);
* a rank target is judged only on a rank out of the same number of units;
* no such figure: ``no_figure``.

A target on something that no longer exists does not apply after the day it ended: districts
were abolished on 1 July 2025, so a target on district-level work records applies to no unit
after 30 June 2025. The indicator says so (``applies_until`` and ``applies_until_note`` in
``indicators.csv``) and :func:`ended_targets` lists the pairs left out, with the reason.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..data.dataset import Dataset, ended_indicators
from .lineage import comparison_set, predecessors
from .observations import known_observations, report_date
from ..data.periods import as_date
from .targets import ancestors, known_targets, measured_for
from .verdict_rules import VERDICT_COLUMNS, VERDICTS, WINDOW_MONTHS, judged_on, verdict, verdict_rows

__all__ = ["VERDICTS", "WINDOW_MONTHS", "judged_on", "verdict", "verdict_rows", "verdict_table", "ended_indicators",
           "ended_targets", "VERDICT_COLUMNS"]


def ended_targets(data: Dataset, as_of, units: Sequence[str]) -> pd.DataFrame:
    """Targets that would apply to ``units`` on ``as_of`` but whose object had ended: not applicable.

    Returns
    -------
    DataFrame
        ``unit, indicator, target_unit, target, comparator, deadline, instrument, target_source,
        applies_until, reason``: one row per unit and target (of any deadline) left out.
    """
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
