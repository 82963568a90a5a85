"""Units through administrative change: who became whom on 1 July 2025, and following a series across it."""
from __future__ import annotations

import pandas as pd

from .dataset import Dataset

__all__ = ["successor_chain", "predecessors", "breaks", "follow"]


def _units(data: Dataset) -> pd.DataFrame:
    return data.units.set_index("id", drop=False)


def successor_chain(data: Dataset, unit: str) -> list[str]:
    """``unit`` then its successor, that one's successor ...: ``['quang-binh', 'quang-tri-2025']``."""
    units = _units(data)
    chain = [unit]
    while units.loc[chain[-1], "successor"] and units.loc[chain[-1], "successor"] not in chain:
        chain.append(units.loc[chain[-1], "successor"])
    return chain


def predecessors(data: Dataset, unit: str) -> list[str]:
    """The units whose successor is ``unit`` (the provinces merged into it)."""
    return sorted(data.units.loc[data.units["successor"] == unit, "id"])


def breaks(data: Dataset, unit: str) -> list[dict]:
    """Each administrative break along ``unit``'s successor chain, with a sentence saying what changed.

    Returns
    -------
    list of dict
        ``date`` (the successor's first day), ``before``, ``after`` (unit ids) and ``label``,
        e.g. "1 Jul 2025: Quảng Bình and Quảng Trị merged into Quảng Trị (2025); figures after
        this date describe the larger unit".
    """
    units = _units(data)
    chain = successor_chain(data, unit)
    out = []
    for before, after in zip(chain, chain[1:]):
        date = units.loc[after, "valid_from"]
        merged = [units.loc[p, "name_vi"] for p in predecessors(data, after)]
        names = " and ".join(merged) if merged else units.loc[before, "name_vi"]
        label = (f"{date:%-d %b %Y}: {names} merged into {units.loc[after, 'name_en']}; "
                 "figures after this date describe the larger unit")
        out.append({"date": date, "before": before, "after": after, "label": label})
    return out


def follow(data: Dataset, observations: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Observations of ``unit`` and of its successors, marked so a chart never joins them silently.

    Parameters
    ----------
    data
        The data set (for the units table).
    observations
        Observations (e.g. :func:`dtlib.known_observations`).
    unit
        The unit to follow (``quang-binh``).

    Returns
    -------
    DataFrame
        The rows of every unit in the chain, with ``lineage`` = ``unit`` (what was asked for)
        and ``segment`` = the unit that reported the figure; draw one line per segment.
    """
    chain = successor_chain(data, unit)
    rows = observations[observations["unit"].isin(chain)].copy()
    rows["segment"] = rows["unit"]
    rows["lineage"] = unit
    order = {u: i for i, u in enumerate(chain)}
    return rows.sort_values(["indicator", "as_of"], key=lambda s: s.map(order) if s.name == "unit" else s) \
        .reset_index(drop=True)
