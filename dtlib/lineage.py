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
    return rows.sort_values(["indicator", "as_of"]).reset_index(drop=True)


def follow_latest(data: Dataset, latest: pd.DataFrame, units: list[str]) -> pd.DataFrame:
    """For each unit asked for, its newest figure per indicator from it or any of its successors.

    Parameters
    ----------
    latest
        :func:`dtlib.latest_as_of` over the units *and* their successors.
    units
        The units asked for (``quang-binh``).

    Returns
    -------
    DataFrame
        ``latest``'s columns with ``unit`` = the unit asked for and ``reported_by`` = the unit
        whose figure it is (``quang-tri-2025`` for a figure after the merger).
    """
    parts = []
    for unit in units:
        chain = successor_chain(data, unit)
        rows = latest[latest["unit"].isin(chain)].sort_values("as_of")
        rows = rows.groupby("indicator", as_index=False).tail(1)
        parts.append(rows.assign(reported_by=rows["unit"], unit=unit))
    if not parts:
        return latest.assign(reported_by=latest["unit"])
    return pd.concat(parts, ignore_index=True).sort_values(["unit", "indicator"]).reset_index(drop=True)


def followed_names(data: Dataset, followed: pd.DataFrame) -> dict[str, str]:
    """Display names for followed units: ``"Quảng Bình → Quảng Trị (2025)"`` where a successor reported."""
    units = _units(data)
    out = {}
    for unit, group in followed.groupby("unit"):
        later = [u for u in successor_chain(data, unit)[1:] if u in set(group["reported_by"])]
        if later:
            out[unit] = " → ".join([units.loc[unit, "name_vi"], *[units.loc[u, "name_en"] for u in later]])
    return out
