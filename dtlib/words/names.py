"""The names of units in the language in use: a merged province named for what it absorbed, a followed series for who reported it.

The one naming of units that figures, tables, sentences, slides and pages share
(:func:`unit_labels`); :mod:`dtlib.analysis.lineage` holds who became whom, this module how to say it.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..data.dataset import Dataset
from .i18n import date as i18n_date, listing, names as names_in, t
from ..analysis.lineage import lineage_chain

__all__ = ["merged_label", "unit_labels", "followed_names", "reporter_names"]


def _absorbed_label(units: pd.DataFrame, unit: str, lang: str | None) -> str | None:
    """``"Quảng Trị (with former Quảng Bình)"`` from a units table indexed by id; ``None`` if
    ``unit`` absorbed no unit of another name. Proper names stay as written in Vietnamese."""
    name = units.loc[unit, "name_vi"]
    before = sorted(units.index[units["successor"] == unit])
    absorbed = [units.loc[p, "name_vi"] for p in before if units.loc[p, "name_vi"] != name]
    return t("merged_label", lang, name=name, absorbed=listing(absorbed, lang)) if absorbed else None


def merged_label(data: Dataset, unit: str, lang: str | None = None) -> str | None:
    """``"Quảng Trị (with former Quảng Bình)"`` for a unit formed by a merger; ``None`` otherwise.

    Names what the unit absorbed: its predecessors whose name it did not keep. In the
    language in use (``lang``): ``"Quảng Trị (gồm cả Quảng Bình cũ)"`` in Vietnamese.
    """
    return _absorbed_label(data.units.set_index("id", drop=False), unit, lang)


def unit_labels(units: pd.DataFrame | Dataset, lang: str | None = None) -> dict[str, str]:
    """Unit id → its name in ``lang`` (``name_vi``/``name_en``), a unit formed by a merger named
    for what it absorbed (:func:`merged_label`), so ``lao-cai-2025`` is never confused with
    ``lao-cai``. The one naming of units that figures, tables, sentences, slides and pages share
    (``captions.unit_names`` and ``findings.unit_labels`` are this function); ``units`` is the
    data set or its units table."""
    units = units.units if isinstance(units, Dataset) else units
    indexed = units.set_index("id", drop=False)
    names = names_in(units, lang)
    for uid in indexed.index:
        names[uid] = _absorbed_label(indexed, uid, lang) or names[uid]
    return names


def followed_names(data: Dataset, followed: pd.DataFrame, names: Mapping[str, str] | None = None) -> dict[str, str]:
    """Display names for followed units whose figures include another unit's of their line.

    Following an old province forward: ``{"quang-binh": "Quảng Bình → Quảng Trị (with former
    Quảng Bình)"}``. Following a merged province back: ``{"quang-tri-2025": "Quảng Trị (with
    former Quảng Bình); before 1 Jul 2025: Quảng Bình"}``: which former province reported the
    older figures. ``names`` are the units' names (default :func:`unit_labels` in the language
    in use).
    """
    units = data.units.set_index("id", drop=False)
    names = names if names is not None else unit_labels(data.units)
    out = {}
    for unit, group in followed.groupby("unit"):
        chain = lineage_chain(data, unit)
        here = chain.index(unit)
        reporting = set(group["reported_by"])
        earlier = [u for u in chain[:here] if u in reporting]
        later = [u for u in chain[here + 1:] if u in reporting]
        if later:
            out[unit] = " → ".join([names.get(unit, unit), *[names.get(u, u) for u in later]])
        elif earlier:
            former = ", ".join(names.get(u, u) for u in earlier)
            out[unit] = f"{names.get(unit, unit)}; {_before(units, unit)}: {former}"
    return out


def _before(units: pd.DataFrame, unit: str) -> str:
    """The words "before 1 Jul 2025" (the day ``unit`` began), or "earlier" when it has no start date."""
    start = units.loc[unit, "valid_from"]
    return t("lineage.before", date=i18n_date(start)) if pd.notna(start) else t("lineage.earlier")


def reporter_names(data: Dataset, followed: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.Series:
    """The name of each row of ``followed`` (:func:`follow_latest`): its unit's, and who reported it when another.

    A figure the unit reported itself is named for the unit (``Quảng Trị (with former Quảng
    Bình)``); one an earlier unit of its line reported says which (``Quảng Trị (with former
    Quảng Bình); before 1 Jul 2025: Quảng Bình``); one a later unit reported, which
    (``Quảng Bình → Quảng Trị (with former Quảng Bình)``). :func:`followed_names` names a
    unit for all its rows at once; this names each figure.
    """
    units = data.units.set_index("id", drop=False)
    names = names if names is not None else unit_labels(data.units)
    reporter = followed["reported_by"] if "reported_by" in followed else followed["unit"]
    out = {}
    for unit, by in set(zip(followed["unit"], reporter)):
        chain = lineage_chain(data, unit)
        own = names.get(unit, unit)
        if by == unit or by not in chain:
            out[unit, by] = own
        elif chain.index(by) > chain.index(unit):
            out[unit, by] = f"{own} → {names.get(by, by)}"
        else:
            out[unit, by] = f"{own}; {_before(units, unit)}: {names.get(by, by)}"
    return pd.Series([out[pair] for pair in zip(followed["unit"], reporter)], index=followed.index, dtype=object)
