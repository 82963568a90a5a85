"""How a target is judged at its deadline: the day it is judged on, the figure that counts, the verdict.

The rules of :mod:`dtlib.analysis.verdicts` for one target and many at once, on figures already chosen:
they read no data set, so :mod:`dtlib.analysis.targets` (the progress status) and :mod:`dtlib.analysis.verdicts`
(the table of every target due) both build on them. See :mod:`dtlib.analysis.verdicts` for the rules in words.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..data.periods import as_date

__all__ = ["VERDICTS", "WINDOW_MONTHS", "VERDICT_COLUMNS", "judged_on", "verdict", "verdict_rows"]

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
