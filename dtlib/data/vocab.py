"""The controlled vocabularies of the data set: what a pillar, a level, a unit of measure may be."""
from __future__ import annotations

#: The three pillars of Vietnam's programme (Decision 749/QĐ-TTg) plus digital infrastructure.
PILLARS = ("government", "economy", "society", "infrastructure")

#: Administrative levels of a unit.
LEVELS = ("nation", "province", "district", "commune")

#: Units of measure and the range a value in them may take (``None``: unbounded).
MEASURES: dict[str, tuple[float | None, float | None]] = {
    "percent": (0, 100),
    "count": (0, None),
    "rank": (1, None),
    "score_0_1": (0, 1),
    "score_0_1000": (0, 1000),
    "score_0_100": (0, 100),
    "mbps": (0, None),
    "usd_billion": (0, None),
    "percent_change": (None, None),
    "score_change": (None, None),
}

#: How a source qualifies a figure: "trên" → ``>``, "khoảng" → ``~``, "tối thiểu" → ``>=``.
QUALIFIERS = ("", ">", ">=", "<", "<=", "~")

#: The kind of reporting window a figure describes (derived from its ``period``; see
#: :func:`dtlib.data.periods.window_of`). Figures of different kinds are never joined into one line.
WINDOWS = ("year", "nine_months", "half", "quarter", "month", "to_date")

#: Words for the windows, for captions and tables.
WINDOW_LABELS = {"year": "year", "nine_months": "nine months", "half": "half-year", "quarter": "quarter",
                 "month": "month", "to_date": "level at a date"}

#: How many provinces there were: 63 until 30 June 2025, 34 from 1 July 2025 (Resolution
#: 202/2025/QH15). A provincial rank out of one of these totals must match the boundaries it
#: was computed on.
PROVINCE_COUNTS = (("2025-07-01", 34), ("", 63))

#: How a target is met: at least (``>=``) or at most (``<=``, e.g. a rank).
COMPARATORS = (">=", "<=")

#: The columns of each table: (required, optional). The names are a public contract.
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sources": (("id", "title", "publisher", "published", "url", "file", "language"), ("note", "releases", "not_before")),
    "units": (("id", "name_vi", "name_en", "level", "parent", "aliases", "valid_from", "valid_to",
               "successor"), ("gso_code", "note")),
    "indicators": (("id", "pillar", "name_vi", "name_en", "unit", "higher_is_better", "definition"),
                   ("definition_vi", "concept", "method", "aliases", "headline", "levels", "applies_until", "applies_until_source",
                    "applies_until_note")),
    "observations": (("unit", "indicator", "as_of", "period", "value", "qualifier", "source", "quote",
                      "note"), ("rank_of", "basis", "window")),
    "targets": (("unit", "indicator", "deadline", "value", "comparator", "source", "instrument", "quote",
                 "note"), ("rank_of",)),
}

TABLES = tuple(COLUMNS)


def provinces_on(when) -> int:
    """How many provinces Vietnam had on ``when`` (a date or ISO string): 63, or 34 from 1 July 2025."""
    import pandas as pd

    when = pd.Timestamp(when)
    for start, n in PROVINCE_COUNTS:
        if not start or when >= pd.Timestamp(start):
            return n
    return PROVINCE_COUNTS[-1][1]


def all_columns(table: str) -> list[str]:
    """Required then optional columns of ``table``, in contract order."""
    required, optional = COLUMNS[table]
    return [*required, *optional]
