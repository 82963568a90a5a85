"""The pack's two languages: which one is in use, its words, and its numbers and dates.

The people briefed read Vietnamese; international partners read English. Every word a reader
sees in a figure, table, caption or sentence comes from :data:`dtlib.words.messages.MESSAGES`
through :func:`t`, or from a ``name_vi``/``name_en`` column through :func:`name`; numbers and
dates go through :func:`number`, :func:`percent`, :func:`date` and :func:`month`, which write
them as the language does (``98,7%`` and ``30/09/2022`` in Vietnamese, ``98.7%`` and
``30 Sep 2022`` in English).

The language in use is a setting of the process (a notebook run sets it once from its
``lang`` parameter); every function also takes ``lang=`` to override it, and
:func:`use_language` sets it for a ``with`` block only.

Examples
--------
>>> from dtlib import i18n
>>> i18n.number(1545.5, 1, lang="vi"), i18n.number(1545.5, 1, lang="en")
('1.545,5', '1,545.5')
>>> i18n.date("2022-09-30", lang="vi"), i18n.date("2022-09-30", lang="en")
('30/09/2022', '30 Sep 2022')
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import pandas as pd
from .messages import MESSAGES

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "language", "set_language", "use_language", "t", "number", "percent",
           "publisher", "definition",
           "date", "month", "name", "names", "listing"]

#: The languages a pack is built in; the first is the default (the language of the people briefed).
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]
_current = DEFAULT_LANGUAGE
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one the pack is written in (use one of: {', '.join(LANGUAGES)})")
    return lang


def language(lang: str | None = None) -> str:
    """``lang`` if given (checked), else the language in use."""
    return _check(lang) if lang is not None else _current


def set_language(lang: str) -> str:
    """Use ``lang`` from now on in this process; returns the language that was in use."""
    global _current
    previous, _current = _current, _check(lang)
    return previous


@contextmanager
def use_language(lang: str) -> Iterator[str]:
    """Use ``lang`` inside the ``with`` block only."""
    previous = set_language(lang)
    try:
        yield lang
    finally:
        set_language(previous)


def t(key: str, lang: str | None = None, /, **fields) -> str:
    """The message ``key`` of the catalogue in ``lang``, with ``fields`` filled in (``str.format``).

    Raises ``KeyError`` naming the key when the catalogue lacks it or lacks it in ``lang``.
    """

    lang = language(lang)
    try:
        text = MESSAGES[key][lang]
    except KeyError:
        raise KeyError(f"message {key!r} has no {lang!r} text in dtlib/words/messages.py") from None
    return text.format(**fields) if fields else text


def number(value: float, decimals: int = 2, lang: str | None = None, *, trim: bool = True) -> str:
    """``value`` with thousands grouped and at most ``decimals`` decimals, as ``lang`` writes numbers.

    Trailing zeros of the decimals are dropped unless ``trim`` is false. Missing values give ``""``.
    """
    if value is None or pd.isna(value):
        return ""
    text = f"{float(value):,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "−0"):
        text = "0"
    if language(lang) == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.replace("-", "\u2212")


def percent(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """``98,7%`` (vi) or ``98.7%`` (en); ``""`` for a missing value."""
    text = number(value, decimals, lang)
    return f"{text}%" if text else ""


def _timestamp(when) -> pd.Timestamp | None:
    if when is None or (not isinstance(when, str) and pd.isna(when)) or when == "":
        return None
    return pd.Timestamp(when)


def date(when, lang: str | None = None) -> str:
    """``30/09/2022`` (vi) or ``30 Sep 2022`` (en); ``""`` for a missing date (never ``NaT``)."""
    when = _timestamp(when)
    if when is None:
        return ""
    if language(lang) == "vi":
        return f"{when:%d/%m/%Y}"
    return f"{when.day} {_MONTHS_EN[when.month - 1]} {when.year}"


def month(when, lang: str | None = None) -> str:
    """The month a figure describes: ``09/2022`` (vi) or ``Sep 2022`` (en); ``""`` when missing."""
    when = _timestamp(when)
    if when is None:
        return ""
    if language(lang) == "vi":
        return f"{when:%m/%Y}"
    return f"{_MONTHS_EN[when.month - 1]} {when.year}"


def name(row: Mapping, lang: str | None = None) -> str:
    """A unit's or an indicator's name in ``lang`` (``name_vi``/``name_en``), the other one if empty."""
    lang = language(lang)
    other = "en" if lang == "vi" else "vi"
    for key in (f"name_{lang}", f"name_{other}", "id"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


#: How sources.csv writes a publisher the text does not name.
UNKNOWN_PUBLISHER = "không rõ"


def publisher(name: object, lang: str | None = None) -> str:
    """A source's publisher as a reader sees it: the outlet as written, or "not named" in the language.

    >>> publisher("Báo Lào Cai (LCĐT)", "en"), publisher("không rõ", "en"), publisher("không rõ", "vi")
    ('Báo Lào Cai (LCĐT)', 'publisher not named', 'không rõ đơn vị đăng')
    """
    text = "" if name is None or (not isinstance(name, str) and pd.isna(name)) else str(name)
    return t("source.publisher_unknown", lang) if not text or text.startswith(UNKNOWN_PUBLISHER) else text


def definition(row: Mapping, lang: str | None = None) -> tuple[str, str]:
    """An indicator's definition for a reader of ``lang`` and the language it is written in.

    ``indicators.csv`` gives ``definition`` in English and, optionally, ``definition_vi``: the
    Vietnamese pack shows the Vietnamese one where there is one, else the English one (whose
    language the caller marks, ``lang="en"`` in HTML).

    >>> definition({"definition": "Share of X", "definition_vi": "Tỷ lệ X"}, "vi")
    ('Tỷ lệ X', 'vi')
    >>> definition({"definition": "Share of X", "definition_vi": ""}, "vi")
    ('Share of X', 'en')
    """
    lang = language(lang)
    if lang != "en":
        own = row.get(f"definition_{lang}")
        if isinstance(own, str) and own.strip():
            return own.strip(), lang
    text = row.get("definition")
    return (text.strip() if isinstance(text, str) else ""), "en"


def listing(items, lang: str | None = None) -> str:
    """Items joined by commas, the last by "and" ("A, B and C"; "A, B và C")."""
    items = [str(i) for i in items]
    if len(items) <= 2:
        return f" {t('and', lang)} ".join(items)
    return f"{', '.join(items[:-1])} {t('and', lang)} {items[-1]}"


def names(frame: pd.DataFrame, lang: str | None = None) -> dict[str, str]:
    """``{id: name}`` in ``lang`` for a table with ``id``, ``name_vi`` and ``name_en`` columns."""
    return {row["id"]: name(row, lang) for _, row in frame.iterrows()}
