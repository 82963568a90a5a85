"""Vietnamese text: Unicode normalisation, names and aliases, numbers written the Vietnamese way."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

__all__ = ["nfc", "fold", "read_vietnamese_number", "numbers_in", "states_value", "nearest", "unit_lookup", "resolve_unit", "did_you_mean"]


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


def numbers_in(text: str) -> list[float]:
    """Every number a Vietnamese sentence states, read the Vietnamese way.

    ``"1.761 trong số 1.966"`` → ``[1761.0, 1966.0]``; ``"đạt 98,7%"`` → ``[98.7]``; a
    zero-padded count (``"08/08 huyện"``) is read as 8. A token that is not a Vietnamese
    number (``"1.5"``) is skipped.

    >>> numbers_in("đứng thứ 14/34, đạt 0,7167 điểm")
    [14.0, 34.0, 0.7167]
    """
    found: list[float] = []
    for token in _TOKEN.findall(nfc(text)):
        for candidate in dict.fromkeys((token, token.rstrip(".,"))):
            try:
                found.append(read_vietnamese_number(candidate))
            except ValueError:
                if re.fullmatch(r"0\d+", candidate):
                    found.append(float(candidate))
    return list(dict.fromkeys(found))


def states_value(quote: str, value: float) -> bool:
    """Whether ``quote`` states ``value`` (a fall, "giảm 0,0052", is stored as a negative change)."""
    return any(abs(n - abs(value)) < 1e-9 for n in numbers_in(quote))


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
