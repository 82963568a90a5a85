"""Units through administrative change: who became whom on 1 July 2025, and following a series across it."""
from __future__ import annotations

import pandas as pd

from ..data.dataset import Dataset, ended_indicators, valid_on

__all__ = ["STUDY_UNITS", "successor_chain", "predecessors", "lineage_chain", "unit_on", "comparison_set",
           "breaks", "follow", "follow_latest", "inherited_targets"]

#: The provinces the briefing pack follows: the four of its brief, as they were before 1 July 2025.
#: On a later date each is replaced by the province it became (:func:`comparison_set`).
STUDY_UNITS = ("lao-cai", "quang-binh", "lai-chau", "thai-nguyen")


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


def lineage_chain(data: Dataset, unit: str, roots: tuple[str, ...] = STUDY_UNITS) -> list[str]:
    """The line of units ``unit`` belongs to, oldest first: ``['quang-binh', 'quang-tri-2025']``.

    From ``unit`` back through its predecessors (preferring one of ``roots``, else the one of
    the same name: Quảng Trị (2025) descends from Quảng Bình for this pack, Lào Cai (2025)
    from Lào Cai), then forward through its successors.
    """
    units = _units(data)
    root = unit
    while True:
        before = predecessors(data, root)
        pick = [p for p in before if p in roots] or [p for p in before
                                                     if units.loc[p, "name_vi"] == units.loc[root, "name_vi"]]
        if not pick or pick[0] == root:
            break
        root = pick[0]
    return successor_chain(data, root)


def unit_on(data: Dataset, unit: str, when: pd.Timestamp) -> str | None:
    """The unit of ``unit``'s line that exists on ``when`` (``lao-cai`` → ``lao-cai-2025`` after 1 July 2025)."""
    chain = lineage_chain(data, unit)
    units = _units(data).loc[chain]
    alive = units[valid_on(units, pd.Timestamp(when)).to_numpy()]
    return None if alive.empty else alive["id"].iloc[0]


def comparison_set(data: Dataset, when: pd.Timestamp, units=STUDY_UNITS) -> list[str]:
    """The provinces to compare on ``when``: each of ``units`` or what it became by then.

    >>> comparison_set(data, "2026-03-31")                              # doctest: +SKIP
    ['lao-cai-2025', 'quang-tri-2025', 'lai-chau', 'thai-nguyen-2025']
    """
    out = [unit_on(data, u, when) for u in units if u in set(data.units["id"])]
    return list(dict.fromkeys(u for u in out if u))


def inherited_targets(data: Dataset, unit: str) -> pd.DataFrame:
    """Targets that the predecessors of ``unit`` set for themselves: they do not carry over.

    A target set for the former Quảng Bình binds the merged Quảng Trị only where an instrument
    says so; none in this data set does, so the national target applies instead. Returns the
    predecessors' own targets (``unit``, ``indicator``, ``deadline``, ``value``, ``instrument``),
    so the profile can say which no longer apply.
    """
    before = [u for u in lineage_chain(data, unit) if u != unit]
    t = data.targets[data.targets["unit"].isin(before)]
    return t[["unit", "indicator", "deadline", "value", "comparator", "instrument"]].reset_index(drop=True)


def breaks(data: Dataset, unit: str) -> list[dict]:
    """Each administrative break along ``unit``'s successor chain.

    Returns
    -------
    list of dict
        ``date`` (the successor's first day), ``before``, ``after`` (unit ids);
        :func:`dtlib.words.captions.merger_sentence` says what a break means.
    """
    units = _units(data)
    chain = lineage_chain(data, unit)
    out = []
    for before, after in zip(chain, chain[1:]):
        out.append({"date": units.loc[after, "valid_from"], "before": before, "after": after})
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
    chain = lineage_chain(data, unit)
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
        whose figure it is (``quang-tri-2025`` for a figure after the merger). A former
        province's figure on an object that had ended before the unit began (its districts,
        which ended on 30 June 2025: ``applies_until`` in ``indicators.csv``) is not followed
        forward: the merged province never had them.
    """
    units_table = _units(data)
    parts = []
    for unit in units:
        chain = lineage_chain(data, unit)
        rows = latest[latest["unit"].isin(chain)]
        start = units_table.loc[unit, "valid_from"] if unit in units_table.index else pd.NaT
        if pd.notna(start):
            ended = set(ended_indicators(data, start)["id"])
            rows = rows[(rows["unit"] == unit) | ~rows["indicator"].isin(ended)]
        rows = rows.sort_values("as_of")
        rows = rows.groupby("indicator", as_index=False).tail(1)
        parts.append(rows.assign(reported_by=rows["unit"], unit=unit))
    if not parts:
        return latest.assign(reported_by=latest["unit"])
    return pd.concat(parts, ignore_index=True).sort_values(["unit", "indicator"]).reset_index(drop=True)


