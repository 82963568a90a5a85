"""A value written for a reader: the one rule for figures, tables, findings and slides.

Every place that shows a stored value (a figure's label, a table's cell, a finding's sentence, a
slide) calls :func:`format_value`, so a rank, a percent or a qualifier reads the same everywhere:
``53rd of 63`` in English and ``53/63`` in Vietnamese, ``98.7%``/``98,7%``, ``over 300``/``trên
300``. What differs by place is said by the caller: the words for a missing value (a table's cell
is left empty) and whether a rank stands alone as a label (Vietnamese then names it ``hạng 53/63``).
"""
from __future__ import annotations

import pandas as pd

from . import i18n
from .messages import MESSAGES
from ..analysis.targets import STATUSES

__all__ = ["format_value", "ordinal", "QUALIFIER_WORDS", "status_label", "status_short", "STATUS_LABELS", "STATUS_SHORT"]

#: A stored qualifier and the catalogue key (``value.<word>``) of its words.
QUALIFIER_WORDS = {">": "over", ">=": "at_least", "<": "under", "<=": "at_most", "~": "about"}


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``53rd``, ``11th``: an English rank.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 53, 112)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '53rd', '112th']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _rank(value: float, rank_of, lang: str, label: bool) -> str:
    place = ordinal(int(round(value))) if lang == "en" else str(int(round(value)))
    if _missing(rank_of):
        return i18n.t("value.rank_label", lang, rank=place) if label else place
    return i18n.t("value.rank_of_label" if label else "value.rank_of", lang, rank=place, of=int(rank_of))


def format_value(value, measure: str = "", *, rank_of=None, qualifier: str = "", lang: str | None = None,
                 missing: str | None = None, label: bool = False) -> str:
    """``value`` as a reader expects it for its unit of measure, in ``lang``.

    Parameters
    ----------
    value
        The stored value (a number; ``None``/NaN when not reported).
    measure
        The indicator's unit of measure (``percent``, ``rank``, ``score_0_1``, ``count``, ...).
    rank_of
        For a rank, the number of units ranked.
    qualifier
        The stored qualifier (``>``, ``>=``, ``<``, ``<=``, ``~``); a rank ``>=`` a place (the
        bottom three of 34 stored as ``>= 32``) reads "32nd of 34 or lower".
    lang
        ``vi`` or ``en`` (default: the language in use).
    missing
        The words for a missing value; default "not reported" (a table passes ``""``).
    label
        The value stands alone as a figure's label: a Vietnamese rank is named ``hạng 53/63``.

    Returns
    -------
    str
        ``98.7%``, ``1,545``, ``53rd of 63``, ``0.3081``, ``+4.5%``, ``US$10 bn`` in English;
        ``98,7%``, ``1.545``, ``53/63``, ``0,3081``, ``10 tỷ USD`` in Vietnamese. A minus is U+2212.

    >>> format_value(98.7, "percent", lang="en"), format_value(53, "rank", rank_of=63, lang="en")
    ('98.7%', '53rd of 63')
    >>> format_value(53, "rank", rank_of=63, lang="vi"), format_value(53, "rank", rank_of=63, lang="vi", label=True)
    ('53/63', 'hạng 53/63')
    >>> format_value(300, "count", qualifier=">", lang="vi"), format_value(None, "percent", lang="en", missing="")
    ('trên 300', '')
    """
    lang = i18n.language(lang)
    if _missing(value):
        return i18n.t("value.not_reported", lang) if missing is None else missing
    value = float(value)
    if measure == "rank":
        text = _rank(value, rank_of, lang, label)
    elif measure in ("percent", "percent_change"):
        text = i18n.number(value, 2, lang) + "%"
    elif measure in ("score_0_1", "score_change"):
        text = i18n.number(value, 4, lang)
    elif measure == "mbps":
        text = i18n.number(value, 2, lang) + " Mbps"          # as Vietnamese sources write it too
    elif measure == "usd_billion":
        text = i18n.t("value.usd_billion", lang, value=i18n.number(value, 2, lang))
    else:
        text = i18n.number(value, 2, lang)
    if measure.endswith("_change") and value > 0:
        text = "+" + text
    if measure == "rank" and qualifier == ">=":
        return i18n.t("value.rank_or_lower", lang, rank=text)
    if isinstance(qualifier, str) and qualifier in QUALIFIER_WORDS:
        return i18n.t(f"value.{QUALIFIER_WORDS[qualifier]}", lang, value=text)
    return text


# ------------------------------------------------------------------------------ statuses
# The statuses are the analysis' vocabulary (dtlib.analysis.targets.STATUSES); their words, long and short,
# live in the catalogue alone (status.<id>, status_short.<id>) and are read through these.

def status_label(status: str, lang: str | None = None) -> str:
    """A status in words (``Target met``/``Đã đạt mục tiêu``), in ``lang`` (default: the language in use)."""
    return i18n.t(f"status.{status}", lang)


def status_short(status: str, lang: str | None = None) -> str:
    """A status's short word for a heat-map cell or a table (``met``/``đạt``)."""
    return i18n.t(f"status_short.{status}", lang)


#: Each status in English words, read from the catalogue (``dtlib.STATUS_LABELS``, kept for one release).
STATUS_LABELS = {s: MESSAGES[f"status.{s}"]["en"] for s in STATUSES}
#: Each status's short English word, read from the catalogue (``plots.STATUS_SHORT``, kept for one release).
STATUS_SHORT = {s: MESSAGES[f"status_short.{s}"]["en"] for s in STATUSES}
