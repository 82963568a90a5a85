"""Where a figure sits in its article: the article's date and province, a figure's window and place.

:func:`period_for` and :func:`unit_for` read, for one number, the sentence around it, then its
paragraph, then what the article as a whole says (:class:`Article`: the date of the meeting it
reports, the province it names most, the window its opening lines name), nearest first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pandas as pd

from .extract_match import Mention
from .extract_patterns import (Period, Quantity, deadline_in, find_periods, find_quantities, fold_keep_length,
                                is_target_clause, opens_with_target, split_sentences)

__all__ = ["Article", "period_for", "unit_for", "respective_years", "respective_units", "closed_parentheses",
           "not_future", "latest_date", "speaks_of_reorganisation", "TargetBlock", "next_block"]

#: Words of the 2025 reorganisation: a text using them is about the merged provinces.
_REORGANISATION = re.compile(r"\bsau (?:khi )?(?:sap nhap|hop nhat)\b|\btinh moi\b|\b34 tinh(?:,| va)? thanh\b"
                             r"|\b34 (?:tinh|dia phuong)\b|\bchinh quyen dia phuong hai cap\b")
#: Words of the 63 provinces before the 2025 mergers: a rank "12/63", "63 tỉnh, thành phố".
_BEFORE_REORGANISATION = re.compile(r"\b\d{1,2}/63\b|\b63 (?:tinh|dia phuong)\b")
#: A full date written out ("ngày 12/8/2025", "12-8-2025").
_FULL_DATE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d\d)\b")


@dataclass
class Article:
    """What the whole text tells about each of its figures: its date, its province, its window."""

    text: str
    date: pd.Timestamp | None = None          # the meeting reported, else the stamped or given date
    published: pd.Timestamp | None = None     # the stamped or given date (for index editions)
    province: str = ""                        # the unit given with --unit, or "vietnam" for a national text
    province_mention: Mention | None = None   # the province the text names most
    lead_period: Period | None = None         # the window the opening paragraphs name
    lead_year: Period | None = None           # the year (or index edition) the opening lines name
    mentions: list[Mention] = field(default_factory=list)
    latest: pd.Timestamp | None = None        # the latest date the text mentions (not a deadline)
    reorganised: bool = False                 # the text speaks of the 2025 mergers ("sau sáp nhập", "34 tỉnh")
    before_mergers: bool = False              # the text speaks of the 63 provinces ("12/63")
    today: pd.Timestamp | None = None         # the day of extraction: an undated publisher's name is read on it
    province_from: str = ""                   # where province_mention came from, when not the text
    lang: str = "vi"                          # how the text writes its numbers and words (vi or en)
    many_places: bool = False                 # names three provinces or more (a ranking): no name is carried on
    subject: str = ""                         # an agency or place below the province its heading names


def not_future(period: Period, sentence: str, article: Article) -> bool:
    """A window the text can report on its date: not one it plans ("dự kiến ... tháng 7")."""
    if re.search(r"\b(?:du kien|se)\b[^.;]{0,40}$", fold_keep_length(sentence[:period.start])):
        return False
    if article.date is None or period.as_of is None:
        return True
    if period.kind in ("year", "edition"):
        return period.as_of.year <= article.date.year
    if period.kind == "month":        # a month under way ("tháng 11 ... tính đến ngày 20/11")
        return period.as_of.replace(day=1) <= article.date
    return period.as_of <= article.date


def latest_date(text: str) -> pd.Timestamp | None:
    """The latest date a text mentions: its windows ("quý I/2026", "năm 2025") and written dates.

    A deadline ("đến năm 2030", "mục tiêu ... năm 2030") is not a date the text reports on.

    >>> latest_date("Năm 2024 đạt 80%; quý I/2026 đạt 85%. Phấn đấu năm 2030 đạt 100%.")
    Timestamp('2026-03-31 00:00:00')
    """
    dates = []
    for line in text.split("\n"):
        for a, b in split_sentences(line):
            sentence = line[a:b]
            low = fold_keep_length(sentence)
            for p in find_periods(sentence):
                if p.as_of is not None and p.kind != "now" and not is_target_clause(low[:p.start]) \
                        and not opens_with_target(low):
                    dates.append(p.as_of)
            for m in _FULL_DATE.finditer(low):
                try:
                    dates.append(pd.Timestamp(int(m[3]), int(m[2]), int(m[1])))
                except ValueError:
                    continue
    return max(dates) if dates else None


def speaks_of_reorganisation(text: str) -> bool:
    """Whether a text uses words of the 2025 mergers ("sau sáp nhập", "tỉnh mới", "34 tỉnh, thành").

    >>> speaks_of_reorganisation("Sau sáp nhập, tỉnh có 99 xã.")
    True
    """
    return bool(_REORGANISATION.search(fold_keep_length(text)))


def speaks_of_63_provinces(text: str) -> bool:
    """Whether a text ranks or counts the 63 provinces of before 1 July 2025 ("thứ 12/63").

    >>> speaks_of_63_provinces("Lào Cai xếp thứ 12/63 tỉnh, thành phố")
    True
    """
    return bool(_BEFORE_REORGANISATION.search(fold_keep_length(text)))


def respective_units(low: str, found: list[Quantity], inside: list[Mention]) -> dict[int, Mention]:
    """"A và B lần lượt đạt x và y": the place of each figure listed after "lần lượt".

    The places are the names listed just before "lần lượt" (joined by "và" or commas), as many
    as the figures after it; otherwise nothing.
    """
    at = low.find("lan luot")
    if at < 0:
        return {}
    named = [m for m in inside if m.end <= at and m.key not in ("national", "province")]
    listed: list[Mention] = []
    for m in reversed(named):
        gap = low[m.end:(listed[0].start if listed else at)]
        if listed and not re.fullmatch(r"\s*(?:,|va|,\s*va)\s*", gap):
            break
        if not listed and not re.fullmatch(r"[\s,]*(?:deu\s+)?", gap):
            return {}
        listed.insert(0, m)
    figures = [i for i, q in enumerate(found) if q.start > at and q.role != "denominator"]
    if len(listed) < 2 or len(figures) != len(listed):
        return {}
    return dict(zip(figures, listed))


def respective_years(low: str, found: list[Quantity]) -> dict[int, int]:
    """"các năm 2020 - 2024 lần lượt là a, b, c, d, e": the year of each of the figures listed."""
    span = re.search(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", low)
    at = low.find("lan luot")
    if not span or at < 0:
        return {}
    listed = [i for i, q in enumerate(found) if q.start > at and q.kind in ("percent", "score", "number")]
    first, last = int(span[1]), int(span[2])
    if len(listed) != last - first + 1:
        return {}
    return {i: first + k for k, i in enumerate(listed)}


def closed_parentheses(low: str, before: int) -> list[tuple[int, int]]:
    """The (open, close) of each parenthesis closed before position ``before``."""
    spans, stack = [], []
    for i, ch in enumerate(low[:before]):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            spans.append((stack.pop(), i))
    return spans


def period_for(q: Quantity, periods: list[Period], paragraph_period: Period | None, article: Article,
                year: int | None, low: str) -> tuple[Period | None, str]:
    """The window of a figure and where it came from: the sentence, its paragraph, the lead, the date."""
    if year is not None:
        return Period(0, 0, f"năm {year}", pd.Timestamp(year, 12, 31), "year", year), "sentence (lần lượt)"
    closed = closed_parentheses(low, q.start)
    before = [p for p in periods if p.start < q.start and not any(a < p.start < b for a, b in closed)]
    after = [p for p in periods if p.start >= q.end and p.start - q.end <= 40
             and not re.search(r"[,;(]", low[q.end:p.start])]
    right_after = [p for p in after if p.start - q.end <= 12]
    chosen = right_after[0] if right_after else before[-1] if before else (after[0] if after else None)
    if chosen is not None:
        months = [p for p in periods if p.kind == "month"]
        days = [p for p in periods if p.kind == "to_date"]
        if chosen.kind in ("month", "to_date") and months and days:
            # "tính đến ngày 26/11, ... tháng 11/2025": the month so far
            month, day = months[0], days[0].as_of
            if day is not None and month.as_of is not None and (day.year, day.month) == (month.as_of.year,
                                                                                          month.as_of.month):
                return Period(0, 0, f"{month.period} (đến {day:%d/%m/%Y})", day, "month", day.year), "sentence"
        return chosen, "sentence"
    if paragraph_period is not None:
        return paragraph_period, "paragraph"
    if article.lead_period is not None:
        return article.lead_period, "article lead"
    if article.lead_year is not None and article.lead_year.kind == "year" and \
            (article.date is None or article.lead_year.as_of.year <= article.date.year):
        return article.lead_year, "article lead (year)"
    if article.date is not None:
        return Period(0, 0, "đến nay", article.date, "now", article.date.year), "article date"
    return None, "none"


def unit_for(q: Quantity, inside: list[Mention], before: list[Mention], carried: Mention | None, low: str,
              article: Article) -> tuple[Mention | None, str]:
    """The place a figure belongs to: named in its clause, in its sentence, its paragraph, or before."""
    clause_start = max([0, *[m.end() for m in re.finditer(r";", low[:q.start])]])
    clause_end = min([len(low), *[m.start() + q.end for m in re.finditer(r";", low[q.end:])]])
    closed = closed_parentheses(low, q.start)
    preceding = [m for m in inside if m.end <= q.start and not any(a < m.start < b for a, b in closed)]
    in_clause = [m for m in preceding if m.start >= clause_start]
    # "100% tại các khu công nghiệp": a place right after the figure is where it was reached
    at = [m for m in inside if m.key == "local" and q.end <= m.start
          and re.fullmatch(r"\s*(?:tai|o|cua)\s+", low[q.end:m.start])]
    if at:
        return at[0], "named after the figure"
    if in_clause:
        return in_clause[-1], "named in the clause"
    # a name after the figure is its own, unless it sits in a parenthesis ("86% (mục tiêu cấp Quốc gia là
    # 80%)") or after the next figure
    following = [m for m in inside if q.end <= m.start < clause_end and m.start - q.end <= 60
                 and "so voi" not in low[q.end:m.start] and "(" not in low[q.end:m.start]
                 and not re.search(r"\d", low[q.end:m.start])]
    if following:
        return following[0], "named after the figure"
    if preceding:
        return preceding[-1], "named in the sentence"
    named = [m for m in before if m.key != "other"]
    if named:
        return named[-1], "named in the paragraph"
    if carried is not None:
        return carried, "named in an earlier paragraph"
    return None, "the article's province"


# ------------------------------------------------------------------------------------ target headings

@dataclass(frozen=True)
class TargetBlock:
    """The lines under a heading or lead-in that sets targets ("Chỉ tiêu đến năm 2030", "Mục tiêu cụ thể:").

    ``deadline`` is the heading's year (or the enclosing heading's), ``None`` if neither names
    one; ``prose`` says whether sentences count too, or only the listed lines ("- 100% ...").
    """

    heading: str
    deadline: pd.Timestamp | None
    prose: bool
    listing: bool = False     # its listed lines have begun: a sentence after them is not in the block


#: Words that make a heading or a lead-in one of targets.
_BLOCK_CUE = re.compile(r"\b(?:chi tieu|muc tieu|phan dau|ke hoach|dinh huong|tam nhin|nhiem vu)\b")
#: A heading of targets whose sentences are targets too, not only its listed lines.
_STRONG_CUE = re.compile(r"^\W*(?:[ivx\d]+[.)]\s*|[a-z]\)\s*)?(?:cac |nhung )?"
                         r"(?:chi tieu|muc tieu|phan dau|dinh huong)\b"
                         r"|:\s*$")
#: A line listed under a heading: "- ...", "+ ...", "• ...", "a) ...", "1. ...", "2) ...".
_LIST_ITEM = re.compile(r"^\s*(?:[-+•*–]|[a-zđ]\)|\d{1,2}[.)](?!\d))\s*")
#: A heading or opening that reports results: it ends a block of targets.
_RESULTS = re.compile(r"^\W*(?:[ivx\d]+[.)]\s*)?(?:ket qua|thuc trang|hien trang|danh gia|tinh hinh)\b")


def next_block(line: str, block: TargetBlock | None, article: Article) -> TargetBlock | None:
    """The block of targets ``line`` is in, given the block of the line before.

    A heading (a short line stating no figure) with a target word ("Chỉ tiêu đến năm 2030",
    "Kế hoạch năm 2026", a lead-in ending in ":") opens a block with its year as the deadline;
    another heading without one, or a line reporting results ("Kết quả ..."), closes it.

    >>> b = next_block("Chỉ tiêu đến năm 2030", None, Article(""))
    >>> (b.deadline.year, b.prose)
    (2030, True)
    >>> next_block("Kết quả thực hiện năm 2025", b, Article("")) is None
    True
    """
    low = fold_keep_length(line).strip()
    if not low:
        return block
    if _RESULTS.match(low):
        return None
    heading = len(low) <= 160 and not find_quantities(line) and (low.endswith(":") or not low.endswith("."))
    if not heading:
        if block is not None and _LIST_ITEM.match(line):
            return replace(block, listing=True)
        return None if block is not None and block.listing else block
    if not _BLOCK_CUE.search(low):
        return None if len(low) <= 120 else block
    deadline = deadline_in(low)
    if deadline is None:
        years = re.findall(r"\b(20\d\d)\b", low)
        deadline = pd.Timestamp(int(years[-1]), 12, 31) if years else block.deadline if block else None
    if article.date is not None and deadline is not None and deadline.year < article.date.year:
        return None      # "Kết quả thực hiện kế hoạch năm 2024": a past plan is reported on, not set
    return TargetBlock(line.strip(), deadline, bool(_STRONG_CUE.search(low)))


def in_block(line: str, block: TargetBlock | None) -> bool:
    """Whether the figures of ``line`` are the targets of ``block`` (its listed lines; all, for a strong heading)."""
    return block is not None and (block.prose or bool(_LIST_ITEM.match(line)))


# ------------------------------------------------------------------------------------ one row
