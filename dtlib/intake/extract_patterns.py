"""The patterns of a Vietnamese figure: numbers and what they count, qualifiers, reporting windows.

Every function here reads one sentence (or a line) and returns what it finds with its position,
so that :mod:`dtlib.intake.extract` can tie a number to the words around it. Matching runs on
:func:`fold_keep_length` of the text: lower case, no diacritics, and the same length as the
original, so a position found in the folded text slices the original one verbatim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..data.periods import Period, find_periods  # noqa: F401 - the one period grammar (dtlib.data.periods), re-exported
from ..data.text import fold_keep_length, read_vietnamese_number

__all__ = ["Quantity", "Period", "fold_keep_length", "find_quantities", "find_periods", "find_dates",
           "qualifier_before", "is_target_clause", "opens_with_target", "target_list_start", "observed_clause",
           "deadline_in", "split_sentences"]


# ------------------------------------------------------------------------------------ sentences

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“'(]?[A-ZĐÀ-Ỹ0-9])|(?<=[a-zà-ỹ)])\.(?=[A-ZĐÀ-Ỹ][a-zà-ỹ])")


def split_sentences(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of a line; ``line[start:end]`` is the sentence, verbatim."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(line):
        end = match.start() + (1 if line[match.start()] == "." and not line[match.start()].isspace() else 0)
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(line)))
    out = []
    for a, b in spans:
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


# ------------------------------------------------------------------------------------ numbers

@dataclass
class Quantity:
    """A number a sentence states, with what it is.

    ``kind`` is ``percent``, ``permille`` (``85‰``), ``count``, ``rank``, ``score``, ``usd_billion``,
    ``mbps``, ``money`` or ``number`` (a bare number); ``change`` marks "tăng/giảm X" (a change, negative for giảm);
    ``role`` is ``numerator``/``denominator`` for the two counts of "X/Y" or "X trong số Y".
    """

    start: int
    end: int
    value: float
    kind: str
    text: str
    qualifier: str = ""
    change: bool = False
    rank_of: int | None = None
    role: str = ""
    note: str = ""
    upper: float | None = None     # the upper bound of a range ("15–20%": 20)


NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_TOKEN = re.compile(
    rf"(?<![\w.,/:-])(?P<a>{NUM})(?:\s*/\s*(?P<b>{NUM})(?:\s*/\s*(?P<c>\d{{2,4}}))?)?"
    r"(?![\w]|[.,]\d|/\d|/[a-z]|:\d|-\w)")
_DATE_BEFORE = re.compile(r"(?:ngay|den|sang|chieu|toi|trua|hom|tu|toi|het|luc|dem|truoc|sau|hom nay|thoi han)\s*$")
_RANK_BEFORE = re.compile(r"(?:\b(?:dung|xep|hang|vi tri)\s+(?:thu\s+)?|\bthu\s+)$")   # not "tháng 2"
_CHANGE_BEFORE = re.compile(r"(?:^|\W)(tang|giam|tang truong|tang them|giam di)\s+(?:khoang\s+|gan\s+|hon\s+)?$")
_SKIP_AFTER = re.compile(r"\s*(?:thang|nam|quy|ngay|tuan|gio|phut|lan|bac|tuoi|nguoi dan toc|dan toc)\b")
_SKIP_BEFORE = re.compile(r"(?:^|\W)(?:thang|quy|ngay|muc do|cap do|anh|bai|de an|phien|lan thu|khoa|dieu|"
                          r"(?:quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi|cong van|ke hoach)(?: so)?|"
                          r"khoan|phu luc|top|nhom|giai doan|nam|truy cap:)\s*$")
#: "Số 18, đường ...": a number, not a figure; but not "ký số 24%", nor a label ending in "số" whose
#: value follows ("Chính quyền số 0,7582", "Kinh tế số 0,43": a DTI pillar and its score).
_NUMBERED = re.compile(r"(?:^|\W)(?<!tong )(?<!trong )(?<!quyen )(?<!phu )(?<!te )(?<!hoi )(?<!tang )(?<!luc )"
                       r"(?<!che )(?<!thuc )(?<!doi )(?<!ky )so\s*$")
#: A range of percentages, "15–20%", "15 - 20%": one figure, its lower bound (a target "from 15 to 20%").
_RANGE = re.compile(rf"\s*[-–]\s*({NUM})\s*%")
#: A line that is only a number, or a list's number: "1.", "2)", "III.", "96".
_LONE_NUMBER = re.compile(r"^\W*\d{1,3}\W*$")
#: "thuộc nhóm 20 địa phương dẫn đầu", "top 10 tỉnh": a rank of at most 20 (a target's "top N").
_TOP_GROUP_BEFORE = re.compile(r"(?:^|\W)(?:nhom|top)\s+$")
_TOP_GROUP_AFTER = re.compile(r"\s+(?:tinh|dia phuong|nuoc|quoc gia|tinh, thanh)\b[^.;]{0,30}\b(?:dan dau|dau|cao nhat|"
                              r"tot nhat|hang dau)\b")
#: A telephone number ("0214 3840 123", "02083 854 412") is not a figure.
_PHONE = re.compile(r"\(?\b0\d{2,4}\)?[\s.]\d{3,4}[\s.]\d{3,4}\b")
_LEVEL_BEFORE = re.compile(r"(?:^|\W)cap\s*$")   # "gió cấp 2", "cấp 3": a level, unlike "cấp 1.200 chữ ký số"
_MULTIPLIER = {"nghin ty": 1e12, "ty": 1e9, "trieu": 1e6, "nghin": 1e3, "ngan": 1e3}
_MONEY_AFTER = re.compile(r"\s*(nghin ty|ty|trieu)\s+(usd|do la|dong|vnd)\b")
_SCALE_AFTER = re.compile(r"\s*(trieu|nghin|ngan)\s+(?=[a-z])")
_QUALIFIERS = [
    (re.compile(r"(?:^|\W)(?:toi thieu(?: tren| la)?|it nhat)\s+$"), ">="),
    (re.compile(r"(?:^|\W)(?:toi da|khong qua)\s+$"), "<="),
    (re.compile(r"(?:^|\W)(?<!cao )(?<!thap )(?<!nhieu )(?<!it )(?:tren|hon|vuot|vuot muc)\s+$"), ">"),
    (re.compile(r"(?:^|\W)(?:khoang|uoc dat|uoc tinh|uoc|xap xi|gan|chung|tuong duong khoang)\s+$"), "~"),
    (re.compile(r"(?:^|\W)(?:duoi|chua den)\s+$"), "<"),
]


def qualifier_before(left: str) -> str:
    """The qualifier the folded words just before a number give it: trên/hơn/vượt ``>``, khoảng/gần ``~``.

    >>> qualifier_before("toan tinh co hon ")
    '>'
    """
    for pattern, symbol in _QUALIFIERS:
        if pattern.search(left):
            return symbol
    return ""


def _is_year(token: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", token))


def find_quantities(sentence: str, lang: str = "vi") -> list[Quantity]:
    """Every quantity a sentence states, in order, with its kind, qualifier and rank size.

    Dates (``23/10``, ``13/7/2022``), years, document numbers (``01-NQ/TU``), durations
    (``9 tháng``), ordinals of texts (``mức độ 4``) and versions (``4.0``) are not quantities.
    Numbers are read the Vietnamese way; with ``lang="en"`` (a source in English, as
    ``sources.csv`` says) the English way: ``2,028`` is 2028 and ``72.63%`` is 72.63.

    >>> [(q.kind, q.value) for q in find_quantities("Tỉnh đứng thứ 10/63, có 1.761 trong số 1.966 thủ tục")]
    [('rank', 10.0), ('count', 1761.0), ('count', 1966.0)]
    >>> [q.value for q in find_quantities("2,028 online public services, 72.63% of dossiers", "en")]
    [2028.0, 72.63]
    """
    low = _PHONE.sub(lambda m: "#" * len(m.group(0)), fold_keep_length(sentence))
    if lang == "en":
        low = _ENGLISH_MARKS.sub(lambda m: _SWAP[m.group(0)], low)
    found = _quantities(sentence, low)
    if lang == "en":    # each quantity's words as the source writes them
        for q in found:
            q.text = sentence[q.start:q.start + len(q.text)]
    return found


#: A decimal point or a thousands comma between two digits: swapped (one character for one, so
#: positions stay valid) to read an English number with the Vietnamese rules.
_ENGLISH_MARKS = re.compile(r"(?<=\d)[.,](?=\d)")
_SWAP = {".": ",", ",": "."}


def _quantities(sentence: str, low: str) -> list[Quantity]:
    """:func:`find_quantities` on ``low``, the sentence folded (and its numbers in Vietnamese marks)."""
    found: list[Quantity] = []
    consumed_until = -1
    if _LONE_NUMBER.match(low):
        return []           # "1." (a heading's number), "96" (a page cut off after a number)
    for match in _TOKEN.finditer(low):
        if match.start() < consumed_until:
            continue
        a, b, c = match["a"], match["b"], match["c"]
        left, right = low[max(0, match.start() - 40):match.start()], low[match.end():match.end() + 40]
        qualifier = qualifier_before(low[max(0, match.start() - 25):match.start()])
        if c:
            continue                                               # d/m/yyyy
        if b:
            quantities = _pair(match, a, b, left, right, qualifier)
            if quantities is None:
                continue
            found += quantities
            continue
        value = read_vietnamese_number(a)
        if _is_year(a) and not right.lstrip().startswith("%"):
            continue
        if _TOP_GROUP_BEFORE.search(left) and _TOP_GROUP_AFTER.match(right):
            found.append(Quantity(match.start(), match.end(), value, "rank", a, "<=",
                                  note=f"in the group of the first {a}: a rank of {a} or better"))
            continue
        if _SKIP_AFTER.match(right) and not right.lstrip().startswith("%") or _SKIP_BEFORE.search(left):
            continue
        if _LEVEL_BEFORE.search(left) and value <= 5 and value.is_integer():
            continue
        if _NUMBERED.search(left) and not re.match(r"\s*%", right):
            continue
        pair = re.match(rf"\s+(?:trong (?:tong )?so|tren tong so|tren)\s+({NUM})(?![\w]|[.,]\d)", right)
        if pair and re.match(r"\s+trong", right) or (pair and re.match(r"\s+tren tong", right)):
            second = read_vietnamese_number(pair[1])
            end = match.end() + pair.end()
            consumed_until = end
            if _RANK_BEFORE.search(left):
                found.append(Quantity(match.start(), end, value, "rank", sentence[match.start():end],
                                      rank_of=int(second)))
            else:
                found.append(Quantity(match.start(), match.end(), value, "count", a, qualifier, role="numerator"))
                numerator_end = match.end() + pair.start(1)
                found.append(Quantity(numerator_end, end, second, "count", pair[1], role="denominator"))
            continue
        span = _RANGE.match(right)
        if span and not _RANK_BEFORE.search(left):
            end = match.end() + span.end()
            consumed_until = end
            upper = read_vietnamese_number(span[1])
            found.append(Quantity(match.start(), end, value, "percent", sentence[match.start():end],
                                  qualifier or ">=", upper=upper,
                                  note=f"a range, {sentence[match.start():end]}: from {a}% to {span[1]}%"))
            continue
        found.append(_single(match, a, value, left, right, qualifier, sentence))
    return [_share_kind(q, low) for q in found]


def _share_kind(q: Quantity, low: str) -> Quantity:
    """A count or a bare number written just before ``%`` or ``‰`` is a share (``5/14%`` is not two counts)."""
    sign = re.match(r"\s*([%‰])", low[q.end:])
    if sign and q.kind in ("count", "number"):
        q.kind, q.role = ("percent" if sign[1] == "%" else "permille"), ""
    return q


def _pair(match, a: str, b: str, left: str, right: str, qualifier: str) -> list[Quantity] | None:
    """``X/Y``: a date, a rank out of Y, a score out of Y, or two counts."""
    x, y = read_vietnamese_number(a), read_vietnamese_number(b)
    start, end = match.start(), match.end()
    if _is_year(b) and x.is_integer() and 1 <= x <= 12 and re.search(r"\b(?:thang|quy)\s*$", left):
        return None                                                # tháng 2/2025, quý 1/2026
    date_like = x.is_integer() and y.is_integer() and 1 <= x <= 31 and 1 <= y <= 12 and "," not in a + b
    if date_like and (_DATE_BEFORE.search(left) or not re.match(r"\s*[a-z]", right)):
        return None
    text = match.group(0)
    if _RANK_BEFORE.search(left):
        return [Quantity(start, end, x, "rank", text, qualifier, rank_of=int(y))]
    if re.match(r"\s*diem\b", right):
        return [Quantity(start, end, x, "score", text, qualifier, note=f"out of {b}")]
    b_start = start + match.group(0).rindex(b)
    return [Quantity(start, start + len(a), x, "count", a, qualifier, role="numerator"),
            Quantity(b_start, end, y, "count", b, role="denominator")]


def _single(match, a: str, value: float, left: str, right: str, qualifier: str, sentence: str) -> Quantity:
    start, end = match.start(), match.end()
    change = _CHANGE_BEFORE.search(left)
    signed = -value if change and change[1].startswith("giam") else value
    if re.match(r"\s*%", right):
        end += re.match(r"\s*%", right).end()
        return Quantity(start, end, signed, "percent", sentence[start:end], qualifier, bool(change))
    if re.match(r"\s*‰", right):   # a share per thousand: neither a percentage nor a count
        end += re.match(r"\s*‰", right).end()
        return Quantity(start, end, signed, "permille", sentence[start:end], qualifier, bool(change))
    money = _MONEY_AFTER.match(right)
    if money:
        end += money.end()
        if money[1] == "ty" and money[2] in ("usd", "do la"):
            return Quantity(start, end, value, "usd_billion", sentence[start:end], qualifier)
        return Quantity(start, end, value, "money", sentence[start:end], qualifier)
    scaled = _SCALE_AFTER.match(right)
    if scaled:
        factor = _MULTIPLIER[scaled[1]]
        total = round(value * factor)
        return Quantity(start, end + scaled.end(), float(total), "count", sentence[start:end + scaled.end()],
                        qualifier, note=f"computed: {a} {sentence[end:end + scaled.end()].strip()} = {total}")
    if re.match(r"\s*mbps\b", right):
        end += re.match(r"\s*mbps", right).end()
        return Quantity(start, end, value, "mbps", sentence[start:end], qualifier, bool(change))
    if re.match(r"\s*diem\b", right):
        return Quantity(start, end, signed, "score", a, qualifier, bool(change))
    if _RANK_BEFORE.search(left):
        return Quantity(start, end, value, "rank", a, qualifier)
    if re.match(r"\s+[a-z]", right) and not re.match(r"\s+(?:va|hoac|den|toi|la|so voi)\b", right):
        return Quantity(start, end, value, "count", a, qualifier, bool(change))
    if "," in a and (abs(value) <= 1 or re.search(r"\bdiem\b[^.;]{0,30}$", left)):
        return Quantity(start, end, signed, "score", a, qualifier, bool(change))
    return Quantity(start, end, signed, "number", a, qualifier, bool(change))


_HEADER_DATES = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), lambda m: (int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
]
_MEETING = re.compile(r"\b(?:sang|chieu|toi|trua)\s+(?:ngay\s+)?(?:hom nay\s+)?(?:\(?\w+\)?,?\s+)?"
                      r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b")


def find_dates(lead: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The meeting date ("Sáng 23/10", "Sáng ngày 13/7/2022") and the stamped date of an article's lead.

    A meeting date without a year takes the stamped date's year, else the year of the first
    "năm YYYY" in the lead.
    """
    low = fold_keep_length(lead)
    stamped = None
    for pattern, parts in _HEADER_DATES:
        m = pattern.search(low)
        if m:
            try:
                stamped = pd.Timestamp(*reversed(parts(m)))
                break
            except ValueError:
                continue
    meeting = None
    m = _MEETING.search(low)
    if m:
        year = int(m[3]) if m[3] else (stamped.year if stamped is not None else None)
        if year is None:
            y = re.search(r"\bnam (\d{4})\b", low)
            year = int(y[1]) if y else None
        if year is not None:
            try:
                meeting = pd.Timestamp(year, int(m[2]), int(m[1]))
            except ValueError:
                meeting = None
    return meeting, stamped


# ------------------------------------------------------------------------------------ targets

_TARGET_CUE = re.compile(r"(?<!vuot )(?<![\d/] )(?<!mot so )(?<!cac )(?<!nhieu )\b(muc tieu(?! khac)|phan dau|"
                         r"ke hoach(?! so)|chi tieu|yeu cau(?= cap| cua| la| dat| toi)|"
                         r"dat ra|de ra|huong toi|nang thu hang|du kien|phai (?:dat|duoc|tiep nhan|hoan thanh|"
                         r"bao dam|dam bao))\b")
_TARGET_OPENING = re.compile(r"^\W*(?:(?:theo do|dong thoi|trong do|cu the|ngoai ra|tinh),?\s+)?"
                             r"(?:muc tieu|phan dau|chi tieu|den nam \d{4}|dinh huong den nam \d{4}|ke hoach)\b")
_TARGET_LIST = re.compile(r"\b(?:muc tieu|chi tieu|ke hoach|nhiem vu)[^:;.]{0,40}:")
_OBSERVED_CUE = re.compile(r"\b(da|dang|hien|den nay|dat duoc)\b")


def is_target_clause(clause: str, start: int = 0) -> bool:
    """Whether the folded words before a number set a target ("mục tiêu ... là", "phấn đấu", "kế hoạch").

    A counted noun ("11 trong số 20 mục tiêu") and "vượt kế hoạch" are not cues. With ``start``,
    only a cue from that position on counts (the words before it still tell a counted noun).

    >>> is_target_clause("tang 10% (ke hoach la ")
    True
    >>> is_target_clause("co 11 trong so 20 muc tieu da dat va vuot ke hoach, co ")
    False
    """
    return any(m.start() >= start for m in _TARGET_CUE.finditer(clause))


def opens_with_target(sentence: str) -> bool:
    """Whether a folded sentence opens by setting targets ("Mục tiêu ...", "Phấn đấu ...", "Đến năm 2030, ...").

    >>> opens_with_target("den nam 2030, 100% ho so cong viec")
    True
    """
    return bool(_TARGET_OPENING.match(sentence))


def target_list_start(sentence: str) -> int | None:
    """Where a list of targets begins in a folded sentence ("hoàn thành các chỉ tiêu: ..."), or ``None``."""
    match = _TARGET_LIST.search(sentence)
    return match.end() if match else None


def observed_clause(clause: str) -> bool:
    """Whether the folded words before a number report something done ("đã", "hiện", "đến nay")."""
    return bool(_OBSERVED_CUE.search(clause))


def deadline_in(text: str, after_year: int | None = None) -> pd.Timestamp | None:
    """The deadline a folded target sentence names ("đến năm 2025", "vào năm 2030", "cuối năm 2022").

    With ``after_year``, only a year later than it (a deadline in the past is a baseline).
    """
    for m in re.finditer(r"\b(?:den cuoi nam|den nam|vao nam|cuoi nam|trong nam|nam|giai doan \d{4}\s*[-–]\s*)"
                         r"\s*(\d{4})\b", text):
        y = int(m[1])
        if after_year is None or y >= after_year:
            return pd.Timestamp(y, 12, 31)
    return None
