"""Dates and reporting windows: what date a Vietnamese period phrase ends on, and how old a figure is."""
from __future__ import annotations

import re

import pandas as pd

from .text import fold

__all__ = ["period_end", "as_date", "age_label", "years_between"]


def as_date(value: str | pd.Timestamp | None) -> pd.Timestamp | None:
    """Return ``value`` as a Timestamp (``None`` and ``""`` stay ``None``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return pd.Timestamp(value).normalize()


_MONTHS = re.compile(r"^(\d{1,2}) thang (?:dau )?(?:nam )?(\d{4})$")
_QUARTER = re.compile(r"^quy (i{1,3}|iv|[1-4])[ /]*(?:nam )?(\d{4})$")
_YEAR = re.compile(r"^(?:nam |ca nam )?(\d{4})$")
_NOW_DATED = re.compile(r"^den nay \((\d{1,2})/(\d{1,2})/(\d{4})\)$")
_DTI = re.compile(r"^dti (\d{4})$")
_HALF = re.compile(r"^(?:6 thang dau nam|nua dau nam) (\d{4})$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def period_end(period: str, report_date: str | pd.Timestamp | None = None) -> pd.Timestamp:
    """Return the last day of a reporting window named the Vietnamese way.

    Parameters
    ----------
    period
        ``"9 tháng năm 2022"`` → 2022-09-30; ``"6 tháng đầu năm 2022"`` → 2022-06-30;
        ``"quý III/2023"`` → 2023-09-30; ``"năm 2021"`` → 2021-12-31;
        ``"đến nay"`` / ``"hiện nay"`` → ``report_date``; ``"đến nay (23/10/2022)"`` → that
        date; ``"DTI 2021"`` (an index edition) → 2021-12-31.
    report_date
        The date of the report, for "up to now" windows.

    Raises
    ------
    ValueError
        If the phrase is not one of the forms above (name the date by hand then).
    """
    key = fold(period).replace(",", " ").strip()
    key = " ".join(key.split())
    if key in {"den nay", "hien nay", "hien co", "tinh den nay"}:
        if report_date is None:
            raise ValueError(f"{period!r} means the report's date: give report_date")
        return as_date(report_date)
    for pattern, end in (
        (_NOW_DATED, lambda m: pd.Timestamp(int(m[3]), int(m[2]), int(m[1]))),
        (_DTI, lambda m: pd.Timestamp(int(m[1]), 12, 31)),
        (_HALF, lambda m: pd.Timestamp(int(m[1]), 6, 30)),
        (_MONTHS, lambda m: pd.Timestamp(int(m[2]), int(m[1]), 1) + pd.offsets.MonthEnd(0)),
        (_QUARTER, lambda m: pd.Timestamp(int(m[2]), 3 * (_ROMAN.get(m[1]) or int(m[1])), 1)
         + pd.offsets.MonthEnd(0)),
        (_YEAR, lambda m: pd.Timestamp(int(m[1]), 12, 31)),
    ):
        match = pattern.match(key)
        if match:
            return end(match)
    raise ValueError(f"{period!r} is not a reporting window this function knows "
                     "(e.g. '9 tháng năm 2022', 'quý III/2023', 'năm 2021', 'đến nay')")


def years_between(start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Length of ``start``→``end`` in years (365.25 days), for growth rates."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / 365.25


def age_label(as_of: pd.Timestamp, on: pd.Timestamp) -> str:
    """Say how old a figure dated ``as_of`` is on ``on``: ``"3 months old"``, ``"1.2 years old"``."""
    days = (pd.Timestamp(on) - pd.Timestamp(as_of)).days
    if days < 45:
        return "current" if days <= 0 else f"{days} days old"
    if days < 548:
        return f"{round(days / 30.44)} months old"
    return f"{days / 365.25:.1f} years old"
