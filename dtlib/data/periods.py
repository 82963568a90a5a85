"""Dates and reporting windows: what date a Vietnamese period phrase ends on, and how old a figure is."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .text import fold, fold_keep_length

__all__ = ["period_end", "window_of", "as_date", "age_label", "years_between", "Period", "find_periods"]


def as_date(value: str | pd.Timestamp | None) -> pd.Timestamp | None:
    """Return ``value`` as a Timestamp (``None`` and ``""`` stay ``None``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return pd.Timestamp(value).normalize()


_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_QUARTER_WORD = r"quy (i{1,3}|iv|[1-4])[ /]*(?:nam )?(\d{4})"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _day(m, at: int = 1) -> pd.Timestamp:
    return pd.Timestamp(int(m[at + 2]), int(m[at + 1]), int(m[at]))


def _month_end(year, month) -> pd.Timestamp:
    return pd.Timestamp(int(year), int(month), 1) + pd.offsets.MonthEnd(0)


def _quarter_end(m) -> pd.Timestamp:
    return _month_end(m[2], 3 * (_ROMAN.get(m[1]) or int(m[1])))


def _months_window(n: int) -> str:
    return {3: "quarter", 6: "half", 9: "nine_months", 12: "year"}.get(n, "to_date")


#: (pattern over the folded phrase, its window kind, the last day it describes). Each form is
#: listed in data/README.md; a phrase none of them reads must be dated by hand.
_FORMS: list[tuple[re.Pattern, str | None, object]] = [
    (re.compile(rf"^(?:den nay|hien nay|hien co|tinh den nay) \({_DATE}\)$"), "to_date", _day),
    (re.compile(rf"^(?:tinh )?den (?:het )?(?:ngay )?{_DATE}$"), "to_date", _day),
    (re.compile(rf"^(?:tinh )?den (?:het )?{_QUARTER_WORD}$"), "to_date", _quarter_end),
    (re.compile(r"^(?:tinh )?den (?:het )?thang (\d{1,2})/(\d{4})$"), "to_date",
     lambda m: _month_end(m[2], m[1])),
    (re.compile(r"^dti (\d{4})$"), "year", lambda m: pd.Timestamp(int(m[1]), 12, 31)),
    # VECOM names an edition of its e-business index by the year it appears; it describes the year before
    (re.compile(r"^ebi (\d{4})$"), "year", lambda m: pd.Timestamp(int(m[1]) - 1, 12, 31)),
    (re.compile(r"^(?:6 thang dau nam|nua dau nam) (\d{4})$"), "half", lambda m: pd.Timestamp(int(m[1]), 6, 30)),
    (re.compile(r"^(\d{1,2}) thang (?:dau )?(?:nam )?(\d{4})$"), None, lambda m: _month_end(m[2], m[1])),
    (re.compile(rf"^{_QUARTER_WORD}$"), "quarter", _quarter_end),
    (re.compile(rf"^thang (\d{{1,2}})/(\d{{4}}) \(den {_DATE}\)$"), "month", lambda m: _day(m, 3)),
    (re.compile(r"^thang (\d{1,2})/(\d{4})$"), "month", lambda m: _month_end(m[2], m[1])),
    (re.compile(r"^(?:nam |ca nam |cuoi nam )?(\d{4})$"), "year", lambda m: pd.Timestamp(int(m[1]), 12, 31)),
]
_NOW = {"den nay", "hien nay", "hien co", "tinh den nay"}


def _key(period: str) -> str:
    return " ".join(fold(period).replace(",", " ").split())


def window_of(period: str, report_date: str | pd.Timestamp | None = None) -> tuple[pd.Timestamp | None, str]:
    """Read a reporting window named the Vietnamese way: the last day it describes and its kind.

    Parameters
    ----------
    period
        The phrase, e.g. ``"9 tháng năm 2022"``, ``"tháng 10/2025 (đến 26/10/2025)"``.
    report_date
        The date of the report, for an undated "up to now" (``"đến nay"``); without it such a
        phrase has no end date (``None``).

    Returns
    -------
    tuple
        ``(end, window)``; ``window`` is one of :data:`dtlib.data.vocab.WINDOWS`: ``year``,
        ``nine_months``, ``half``, ``quarter``, ``month`` or ``to_date`` (a level or a count
        reached by a date).

    Raises
    ------
    ValueError
        If the phrase is not one of the forms of ``data/README.md``.

    Examples
    --------
    >>> window_of("6 tháng đầu năm 2024")
    (Timestamp('2024-06-30 00:00:00'), 'half')
    >>> window_of("tháng 11/2025 (đến 26/11/2025)")
    (Timestamp('2025-11-26 00:00:00'), 'month')
    """
    key = _key(period)
    if key in _NOW:
        return as_date(report_date), "to_date"
    for pattern, window, end in _FORMS:
        match = pattern.match(key)
        if match:
            return end(match), window or _months_window(int(match[1]))
    raise ValueError(f"{period!r} is not a reporting window this function knows "
                     "(e.g. '9 tháng năm 2022', 'quý III/2023', 'năm 2021', 'tháng 11/2025', "
                     "'đến nay (23/10/2022)', 'DTI 2024'; see data/README.md)")


def period_end(period: str, report_date: str | pd.Timestamp | None = None) -> pd.Timestamp:
    """Return the last day of a reporting window named the Vietnamese way.

    Parameters
    ----------
    period
        ``"9 tháng năm 2022"`` → 2022-09-30; ``"6 tháng đầu năm 2022"`` → 2022-06-30;
        ``"quý III/2023"`` → 2023-09-30; ``"năm 2021"`` → 2021-12-31;
        ``"đến nay"`` / ``"hiện nay"`` → ``report_date``; ``"đến nay (23/10/2022)"`` → that
        date; ``"DTI 2021"`` (an index edition) → 2021-12-31. See :func:`window_of`.
    report_date
        The date of the report, for "up to now" windows.

    Raises
    ------
    ValueError
        If the phrase is not one of the forms above (name the date by hand then).
    """
    end, _ = window_of(period, report_date)
    if end is None:
        raise ValueError(f"{period!r} means the report's date: give report_date")
    return end


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

# ------------------------------------------------------------------- windows named in running text
# The forms above read a period as the data set stores it; find_periods finds the same forms in an
# article's sentences (for dtlib.intake.extract) and writes each as the data set stores it, so that what
# the extractor proposes is what window_of reads (tests/test_periods.py checks the two agree).

@dataclass
class Period:
    """A reporting window named in a text: its phrase as the data set writes it, its last day."""

    start: int
    end: int
    period: str
    as_of: pd.Timestamp | None
    kind: str            # "window", "now" (đến nay: the article's date), "year", "edition"
    year: int | None = None


#: A quarter as found in a text (roman or arabic) → as the data set writes it, and its last month.
_QUARTER_NAME = {"i": "I", "ii": "II", "iii": "III", "iv": "IV", "1": "I", "2": "II", "3": "III", "4": "IV"}
_QUARTER_MONTH = {"I": 3, "II": 6, "III": 9, "IV": 12}


def find_periods(sentence: str, article_date: pd.Timestamp | None = None) -> list[Period]:
    """The reporting windows a sentence names, in the forms ``data/README.md`` lists.

    ``article_date`` supplies the year of "6 tháng đầu năm" or "tính đến hết tháng 9" and the
    date of "đến nay".

    >>> [p.period for p in find_periods("Trong 9 tháng năm 2023, quý III/2023 và năm 2024")]
    ['9 tháng năm 2023', 'quý III/2023', 'năm 2024']
    """
    low = fold_keep_length(sentence)
    # undated, a day or half-year without its year takes the year the sentence names; "đến nay" stays undated
    stated = re.search(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,]\d)", low)
    now = article_date
    year = article_date.year if article_date is not None else int(stated[1]) if stated else None
    if article_date is None and year is not None:
        article_date = pd.Timestamp(year, 12, 31)
    found: list[Period] = []
    taken: list[tuple[int, int]] = []

    def add(m, period: str, as_of, kind: str, y=None) -> None:
        if any(a < m.end() and m.start() < b for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        found.append(Period(m.start(), m.end(), period, as_of, kind, y))

    for m in re.finditer(r"\b0?(\d{1,2}) thang (dau )?(?:nam )?(\d{4})\b", low):
        n, y = int(m[1]), int(m[3])
        if 1 <= n <= 12:
            add(m, f"{n} tháng {'đầu ' if m[2] else ''}năm {y}", _month_end(y, n), "window", y)
    for m in re.finditer(r"\b0?(\d{1,2}) thang dau nam\b(?! \d)", low):
        if year is not None and 1 <= int(m[1]) <= 12:
            add(m, f"{int(m[1])} tháng đầu năm {year}", _month_end(year, int(m[1])), "window", year)
    for m in re.finditer(r"\b(den (?:het )?)?quy (iv|i{1,3}|[1-4])(?:\s*/\s*|\s+(?:nam\s+)?)(\d{4})\b", low):
        q, y = _QUARTER_NAME[m[2]], int(m[3])
        prefix = "đến hết " if m[1] else ""
        add(m, f"{prefix}quý {q}/{y}", _month_end(y, _QUARTER_MONTH[q]), "window", y)
    for m in re.finditer(r"\b(?:tinh )?den (?:het )?thang (\d{1,2})(?:\s*/\s*(\d{4})|\s+nam\s+(\d{4}))?\b(?!/)", low):
        y = int(m[2] or m[3] or 0) or year
        if y and 1 <= int(m[1]) <= 12:
            add(m, f"{int(m[1])} tháng năm {y}", _month_end(y, int(m[1])), "window", y)
    for m in re.finditer(r"\b(?:tinh )?den (?:het )?(?:ngay )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b", low):
        day = _date(int(m[1]), int(m[2]), int(m[3]) if m[3] else None, article_date)
        if day is not None:
            add(m, f"đến {day:%d/%m/%Y}", day, "to_date", day.year)
    for m in re.finditer(r"\bthang (\d{1,2})\s*/\s*(\d{4})\b", low):
        y, month = int(m[2]), int(m[1])
        if 1 <= month <= 12:
            add(m, f"tháng {month}/{y}", _month_end(y, month), "month", y)
    for m in re.finditer(r"\bcuoi nam (\d{4})\b", low):
        add(m, f"cuối năm {m[1]}", pd.Timestamp(int(m[1]), 12, 31), "window", int(m[1]))
    for m in re.finditer(r"\bdti (\d{4})\b", low):
        add(m, f"DTI {m[1]}", pd.Timestamp(int(m[1]), 12, 31), "edition", int(m[1]))
    for m in re.finditer(r"(?<!so voi )(?<!so cung ky )(?<!den )(?<!vao )(?<!tu )(?<!truoc )(?<!sau )"
                         r"(?<!giai doan )\bnam (\d{4})\b(?!\s*[-–])", low):
        add(m, f"năm {m[1]}", pd.Timestamp(int(m[1]), 12, 31), "year", int(m[1]))
    for m in re.finditer(r"(?:^|[\s,;:(])((?:19|20)\d\d) la\b", low):
        add(m, f"năm {m[1]}", pd.Timestamp(int(m[1]), 12, 31), "year", int(m[1]))
    for m in re.finditer(r"\b(?:tinh den nay|den nay|hien nay|hien co)\b", low):
        add(m, "đến nay", now, "now", now.year if now is not None else None)
    found.sort(key=lambda p: p.start)
    return found


def _date(day: int, month: int, year: int | None, article_date: pd.Timestamp | None) -> pd.Timestamp | None:
    """A day of a month; without a year, the article's (or the year before, if that would be later)."""
    if year is None:
        if article_date is None:
            return None
        year = article_date.year
        try:
            if pd.Timestamp(year, month, day) > article_date:
                year -= 1
        except ValueError:
            return None
    try:
        return pd.Timestamp(year, month, day)
    except ValueError:
        return None
