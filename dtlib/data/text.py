"""Vietnamese text: Unicode normalisation, names and aliases, numbers written the Vietnamese way."""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

__all__ = ["nfc", "fold", "read_vietnamese_number", "numbers_in", "number_tokens", "states_value", "nearest", "unit_lookup", "resolve_unit", "did_you_mean"]


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normal form C (text typed on a Mac often arrives as NFD)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold a name for matching: NFC, lower case, no diacritics, đ→d, single spaces.

    >>> fold("  Tỉnh  LÀO Cai ")
    'tinh lao cai'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.lower().split())


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")


def fold_keep_length(text: str) -> str:
    """Lower case without diacritics (đ → d), one character for one: positions stay valid.

    >>> fold_keep_length("Tỷ lệ đạt 98,7%")
    'ty le dat 98,7%'
    """
    return "".join(map(_fold_char, text))


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character of :func:`fold_keep_length` (cached: an article uses a few hundred distinct ones)."""
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else ch.lower()[:1] or " "


def read_vietnamese_number(text: str | float | int, *, strict: bool = True) -> float:
    """Read a number written the Vietnamese way: ``.`` groups thousands, ``,`` marks decimals.

    Parameters
    ----------
    text
        The number as written, e.g. ``"98,7"``, ``"1.761"``, ``"0,3081"``, ``"460.643"``.
        A trailing ``%`` and surrounding spaces are ignored. Numbers already given as
        ``int``/``float`` are returned as float.
    strict
        If true (the default), a string that is ambiguous or not Vietnamese-formatted raises.
        ``"1.5"`` is refused: in Vietnamese it cannot be a thousands group (three digits
        follow a group dot) and a decimal point would be a comma.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        With the text that could not be read and what was expected.

    Examples
    --------
    >>> read_vietnamese_number("98,7")
    98.7
    >>> read_vietnamese_number("1.761")
    1761.0
    >>> read_vietnamese_number("0,3081")
    0.3081
    """
    if isinstance(text, (int, float)):
        return float(text)
    s = nfc(str(text)).strip().rstrip("%").strip().replace("\u00a0", "").replace(" ", "")
    if _NUMBER.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if not strict and _PLAIN.match(s):
        return float(s)
    raise ValueError(
        f"{text!r} is not a number written the Vietnamese way "
        "(expected e.g. '98,7' for 98.7, '1.761' for 1761, '0,3081' for 0.3081)"
    )


_TOKEN = re.compile(r"\d[\d.,]*\d|\d")
_ENGLISH = re.compile(r"\d{1,3}(,\d{3})*(\.\d+)?|\d+(\.\d+)?")

#: Text in a quote that states no figure: a web address, a spreadsheet formula call
#: (``=HYPERLINK("http://…?leak=1", …)``, ``@SUM(1+1)``).
_NOT_PROSE = re.compile(r"(?:https?|ftp)://\S+|\bwww\.\S+"
                        r"|[=@+]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\((?:[^()]|\([^()]*\))*\)?", re.IGNORECASE)
#: A quote that begins as a spreadsheet formula does (``=…``, ``@…``, ``+cmd|…``) is formula text.
_FORMULA_CELL = re.compile(r"^\s*(?:[=@]|[+-][A-Za-z_][\w.]*\s*[(|!])")
#: What follows a number that is a share: ``85%``, ``85 %``, ``85 phần trăm``, ``85 percent``.
_PERCENT_AFTER = re.compile(r"\s?(?:%|％|phần trăm|per ?cent)", re.IGNORECASE)
#: What follows a number that is a share of a thousand or of a hundred (never a count).
_SHARE_AFTER = re.compile(r"\s?(?:%|％|‰|phần trăm|phần nghìn|phần ngàn|per ?cent|per ?mille)", re.IGNORECASE)
#: Where a place in a ranking is written: ``12/63``, ``12 trong số 63``, ``12 out of 63``, ``14th``.
_PLACE_AFTER = re.compile(r"\s?(?:/\s?\d|trong số\s?\d|out of\s?\d|(?:st|nd|rd|th)\b)", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"(?:\bthứ|\bhạng|\bNo\.?|\bnumber|\brank(?:ed|s)?|\btop|#)\s?$", re.IGNORECASE)


def _prose(text: str) -> str:
    """``text`` without what states no figure: web addresses and spreadsheet formula text."""
    text = nfc(text)
    return "" if _FORMULA_CELL.match(text) else _NOT_PROSE.sub(" ", text)


def _fits(text: str, match: re.Match, measure: str | None) -> bool:
    """Whether the number ``match`` of ``text`` can be a value in ``measure`` (``None``: any).

    A rank is a place: the number before ``/`` (``12/63``, never the 63) or after "thứ",
    "hạng" (``đứng thứ 12``, ``xếp hạng 1 trong số 34``), or an English ordinal (``No. 1``,
    ``14th``). A percent is followed by ``%`` or "phần trăm". A count is never a share (``85‰``,
    ``85%``).
    """
    after, before = text[match.end():match.end() + 16], text[max(0, match.start() - 12):match.start()]
    if measure == "rank":
        return bool(_PLACE_AFTER.match(after) or _PLACE_BEFORE.search(before)) and not before.endswith("/")
    if measure == "percent":
        return bool(_PERCENT_AFTER.match(after))
    if measure == "count":
        return not _SHARE_AFTER.match(after)
    return True


def number_tokens(text: str, measure: str | None = None) -> list[str]:
    """The number tokens of ``text`` that may state a value in ``measure``, as written.

    Numbers in web addresses and formula text are left out; see :func:`_fits` for what a
    rank, a percent and a count may be.

    >>> number_tokens("đứng thứ 12/63, đạt 85%", "rank")
    ['12']
    """
    prose = _prose(text)
    return [m.group() for m in _TOKEN.finditer(prose) if _fits(prose, m, measure)]


def numbers_in(text: str, lang: str = "vi", measure: str | None = None) -> list[float]:
    """Every number a sentence states, read the Vietnamese way (``lang="en"``: the English way,
    for a source in English: ``1,086`` is 1086, ``72.63%`` is 72.63).

    ``"1.761 trong số 1.966"`` → ``[1761.0, 1966.0]``; ``"đạt 98,7%"`` → ``[98.7]``; a
    zero-padded count (``"08/08 huyện"``) is read as 8. A token that is not a Vietnamese
    number (``"1.5"``) is skipped, and so are numbers in web addresses and formula text.
    With ``measure`` (a unit of measure of indicators.csv), only the numbers that can be a
    value in it: a rank's place, not its denominator; a percent followed by ``%``.

    >>> numbers_in("đứng thứ 14/34, đạt 0,7167 điểm")
    [14.0, 34.0, 0.7167]
    >>> numbers_in("đứng thứ 14/34, đạt 0,7167 điểm", measure="rank")
    [14.0]
    >>> numbers_in("1,086 community digital teams; 72.63% online", "en")
    [1086.0, 72.63]
    """
    tokens = number_tokens(text, measure)
    if lang == "en":
        return list(dict.fromkeys(float(t.rstrip(".,").replace(",", "")) for t in tokens
                                  if _ENGLISH.fullmatch(t.rstrip(".,"))))
    found: list[float] = []
    for token in tokens:
        for candidate in dict.fromkeys((token, token.rstrip(".,"))):
            try:
                found.append(read_vietnamese_number(candidate))
            except ValueError:
                if re.fullmatch(r"0\d+", candidate):
                    found.append(float(candidate))
    return list(dict.fromkeys(found))


def states_value(quote: str, value: float, lang: str = "vi", measure: str | None = None) -> bool:
    """Whether ``quote`` states ``value`` (a fall, "giảm 0,0052", is stored as a negative change),
    its numbers read as ``lang`` writes them; with ``measure``, as a value in that unit of
    measure (see :func:`numbers_in`).

    >>> states_value("Tỉnh đứng thứ 12/63.", 63, measure="rank")
    False
    """
    return any(abs(n - abs(value)) < 1e-9 for n in numbers_in(quote, lang, measure))


def source_ids(cells: Iterable) -> list[str]:
    """The source ids in ``cells`` (texts of ids joined by ``|``; other values skipped), each once, in order.

    >>> source_ids(["a|b", None, "b | c", ""])
    ['a', 'b', 'c']
    """
    ids = (part.strip() for cell in cells if isinstance(cell, str) for part in cell.split("|"))
    return list(dict.fromkeys(i for i in ids if i))


def nearest(value: str, choices: Iterable[str], n: int = 1) -> list[str]:
    """Return up to ``n`` of ``choices`` closest to ``value`` (diacritics and case ignored)."""
    choices = list(dict.fromkeys(str(c) for c in choices))
    folded = {fold(c): c for c in choices}
    hits = difflib.get_close_matches(fold(str(value)), list(folded), n=n, cutoff=0.5)
    return [folded[h] for h in hits]


def unit_lookup(units: pd.DataFrame) -> dict[str, list[str]]:
    """Map every folded id, name and alias of ``units`` to the unit ids it may mean.

    ``units`` needs columns ``id``, ``name_vi``, ``name_en`` and ``aliases`` (``|``-separated).
    A name can mean several units (``Lào Cai`` before and after the 2025 merger).
    """
    table: dict[str, list[str]] = {}
    for row in units.itertuples(index=False):
        names = [row.id, row.name_vi, row.name_en, *str(row.aliases or "").split("|")]
        for name in names:
            key = fold(str(name))
            if key and row.id not in table.setdefault(key, []):
                table[key].append(row.id)
    return table


def resolve_unit(
    name: str, units: pd.DataFrame, on: pd.Timestamp | str | None = None
) -> str:
    """Return the unit id that ``name`` (an id, a name or an alias, any case, NFC or NFD) means.

    Parameters
    ----------
    name
        ``"lao-cai"``, ``"Lào Cai"``, ``"Lao Cai"``, ``"tỉnh Lào Cai"`` ...
    units
        The units table (see :func:`unit_lookup`). If it has ``valid_from``/``valid_to``,
        a name shared by several units is settled by the date ``on``.
    on
        The date the name is used for (an observation's ``as_of``).

    Raises
    ------
    KeyError
        If the name is unknown (the message suggests the nearest id) or stays ambiguous.
    """
    ids = set(units["id"])
    if name in ids:
        return name
    matches = unit_lookup(units).get(fold(nfc(str(name))), [])
    if len(matches) > 1 and on is not None and "valid_from" in units:
        when = pd.Timestamp(on)
        rows = units.set_index("id").loc[matches]
        start = pd.to_datetime(rows["valid_from"].replace("", None), errors="coerce")
        end = pd.to_datetime(rows["valid_to"].replace("", None), errors="coerce")
        valid = (start.isna() | (start <= when)) & (end.isna() | (end >= when))
        matches = list(rows.index[valid.to_numpy()])
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise KeyError(f"{name!r} may mean any of {', '.join(matches)}: give the id")
    raise KeyError(f"{name!r} is not a known unit{did_you_mean(name, units)}")


def did_you_mean(name: str, units: pd.DataFrame) -> str:
    """Return ``" (did you mean 'lao-cai'?)"`` for the unit id nearest to ``name``, or ``""``."""
    by_name = {str(n): uid for uid, n in zip(units["id"], units["name_vi"])}
    by_name.update({uid: uid for uid in units["id"]})
    near = nearest(name, by_name)
    return f" (did you mean {by_name[near[0]]!r}?)" if near else ""
