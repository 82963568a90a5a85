"""The four provinces at the 2025 reorganisation, beside what they became now.

On 30 June 2025 Lào Cai, Quảng Bình and Thái Nguyên ended; from 1 July 2025 they are parts of
larger provinces. A briefing after that date owes its reader both pictures: where each of the
four original provinces stood against its targets on its last day (its own figures up to 30
June 2025, as published by the report date, labelled as the former province), and where the
province it became stands on the report date. :func:`reorganisation_table` puts the two side by
side; the verdicts of a former province are its own, judged on its last day
(:mod:`dtlib.analysis.verdicts`), never its successor's.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..data.dataset import Dataset
from ..data.periods import as_date
from .lineage import STUDY_UNITS, unit_on
from .observations import report_date
from .targets import attainment_table

__all__ = ["reorganisation_day", "reorganisation_table", "REORGANISATION_COLUMNS"]

REORGANISATION_COLUMNS = ["province", "side", "column", "unit", "on", "indicator", "value", "as_of", "rank_of",
                          "target_unit", "target", "comparator", "deadline", "target_rank_of", "gap", "status",
                          "verdict", "source", "target_source", "instrument"]


def reorganisation_day(data: Dataset, units: Sequence[str] | None = None) -> pd.Timestamp | None:
    """The last day of the provinces of ``units`` that ended (30 June 2025), or ``None`` if none did."""

    units = list(units or STUDY_UNITS)
    ends = data.units.loc[data.units["id"].isin(units) & data.units["successor"].fillna("").ne(""), "valid_to"]
    ends = ends.dropna()
    return None if ends.empty else pd.Timestamp(ends.max())


def reorganisation_table(data: Dataset, as_of=None, units: Sequence[str] | None = None) -> pd.DataFrame:
    """Each original province against its targets on its last day, beside its successor's standing on ``as_of``.

    Parameters
    ----------
    data
        The data set.
    as_of
        The report date (default: the data's). Figures and targets published by then count.
    units
        The original provinces (default :data:`dtlib.analysis.lineage.STUDY_UNITS`).

    Returns
    -------
    DataFrame
        :data:`REORGANISATION_COLUMNS`: for each ``province`` and ``side`` (``former``: the
        province on the day before the reorganisation, judged with its figures up to that day;
        ``now``: the unit it became, on ``as_of``), the rows of
        :func:`dtlib.analysis.targets.attainment_table`. ``column`` is ``<unit>@<date>`` (one column of
        the figure each), ``on`` the date judged. Empty when no province of ``units`` had ended
        by ``as_of``.
    """

    units = list(units or STUDY_UNITS)
    when = as_date(as_of) or report_date(data)
    day = reorganisation_day(data, units)
    if day is None or when <= day:
        return pd.DataFrame(columns=REORGANISATION_COLUMNS)
    known = [u for u in units if u in set(data.units["id"])]
    former = attainment_table(data, day, units=known, known_by=when)
    successors = {u: unit_on(data, u, when) for u in known}
    now = attainment_table(data, when, units=[s for s in dict.fromkeys(successors.values()) if s])
    parts = []
    for province in known:
        parts.append(former[former["unit"] == province].assign(province=province, side="former", on=day))
        after = successors[province]
        if after:
            parts.append(now[now["unit"] == after].assign(province=province, side="now", on=when))
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=REORGANISATION_COLUMNS)
    table["column"] = table["unit"] + "@" + pd.to_datetime(table["on"]).dt.strftime("%Y-%m-%d")
    return table[REORGANISATION_COLUMNS].reset_index(drop=True)
