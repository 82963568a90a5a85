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
    "mbps": (0, None),
    "usd_billion": (0, None),
    "percent_change": (None, None),
    "score_change": (None, None),
}

#: How a source qualifies a figure: "trên" → ``>``, "khoảng" → ``~``, "tối thiểu" → ``>=``.
QUALIFIERS = ("", ">", ">=", "<", "<=", "~")

#: How a target is met: at least (``>=``) or at most (``<=``, e.g. a rank).
COMPARATORS = (">=", "<=")

#: The columns of each table: (required, optional). The names are a public contract.
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sources": (("id", "title", "publisher", "published", "url", "file", "language"), ("note",)),
    "units": (("id", "name_vi", "name_en", "level", "parent", "aliases", "valid_from", "valid_to",
               "successor"), ("gso_code",)),
    "indicators": (("id", "pillar", "name_vi", "name_en", "unit", "higher_is_better", "definition"), ()),
    "observations": (("unit", "indicator", "as_of", "period", "value", "qualifier", "source", "quote",
                      "note"), ("rank_of",)),
    "targets": (("unit", "indicator", "deadline", "value", "comparator", "source", "instrument", "quote",
                 "note"), ("rank_of",)),
}

TABLES = tuple(COLUMNS)


def all_columns(table: str) -> list[str]:
    """Required then optional columns of ``table``, in contract order."""
    required, optional = COLUMNS[table]
    return [*required, *optional]
