"""Tables shown to readers: labelled, formatted like the figures, in the language in use.

A notebook keeps its frames raw (machine columns, ids, timestamps) and writes them so to
``tables/*.csv`` (:func:`dtlib.figures.style.save_table`); what it *shows* goes through :func:`styled`,
which picks the columns to show and turns each cell into what a reader expects: names for ids
(units from ``units.csv``, indicators from ``indicators.csv``), values written for their unit of
measure (``98,7%``, a rank ``12/63``), months for the dates figures describe, words for
statuses, pillars and flags, headers in the language, no index, and an empty cell (never
``NaT``, ``<NA>`` or ``nan``) where there is nothing. Data text is escaped for HTML.

>>> from dtlib import tables
>>> frame = pd.DataFrame({"unit": ["lao-cai"], "indicator": ["x_pct"], "value": [98.7],
...                       "as_of": [pd.Timestamp("2022-09-30")], "measure": ["percent"]})
>>> shown = tables.display_frame(frame, ["unit", "value", "as_of"], names={"lao-cai": "Lào Cai"}, lang="en")
>>> list(shown.columns), shown.iloc[0].tolist()
(['Unit', 'Value', 'As of'], ['Lào Cai', '98.7%', 'Sep 2022'])
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import pandas as pd
from pandas.io.formats.style import Styler

from . import i18n
from .i18n import t
from .formats import format_value  # noqa: F401 - re-exported for one release
from ..analysis.targets import STATUSES
from .messages import MESSAGES

__all__ = ["styled", "display_frame", "format_value", "header", "status_counts"]

#: Columns holding unit ids, written as the unit's name.
UNIT_COLUMNS = frozenset({"unit", "target_unit", "lineage", "segment", "reported_by"})
#: Dates a figure describes, written as months (``09/2022``, ``Sep 2022``).
MONTH_COLUMNS = frozenset({"as_of", "previous_as_of", "base_as_of", "first_as_of", "latest_as_of"})
#: Other dates, written in full (``31/12/2025``).
DATE_COLUMNS = frozenset({"deadline", "published", "basis", "judged_on", "on"})
#: Values in the indicator's unit of measure.
VALUE_COLUMNS = frozenset({"value", "previous_value", "base_value", "target", "change", "gap"})
#: Counts and places, written as whole numbers.
COUNT_COLUMNS = frozenset({"n", "figures", "indicators", "sources", "n_units", "n_dates", "place"})
#: True/false flags, written "yes" or left empty.
FLAG_COLUMNS = frozenset({"stale", "applies_now", "dates_differ"})
#: Source ids (``|``-joined), written as "publisher, date" when the table does not show the publisher itself.
SOURCE_COLUMNS = frozenset({"source", "previous_source", "target_source"})
#: Words of the catalogue: column → key prefix.
WORD_COLUMNS = {"pillar": "pillar.", "status": "status.", "direction": "nb.direction.", "verdict": "verdict."}

_SIGNS = {">=": "≥", "<=": "≤"}


def header(column: str, lang: str | None = None) -> str:
    """The header of ``column`` in the language: ``nb.column.<column>``, a status, or the column as given."""

    for key in (f"nb.column.{column}", f"status.{column}"):
        if key in MESSAGES:
            return t(key, lang)
    return str(column)


def _text(value) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    return str(value)


def _cell(column: str, row: pd.Series, names: Mapping[str, str], indicators: Mapping[str, str],
          measures: Mapping[str, str], sources: Mapping[str, str], lang: str) -> str:
    value = row[column]
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return t("date_not_stated", lang) if column == "published" else ""
    if column in UNIT_COLUMNS:
        return names.get(value, str(value))
    if column == "units" and isinstance(value, str):          # ids joined by "|"
        return ", ".join(names.get(u, u) for u in value.split("|") if u)
    if column == "indicator":
        return indicators.get(value, str(value))
    if column in MONTH_COLUMNS:
        return i18n.month(value, lang)
    if column in DATE_COLUMNS:
        return i18n.date(value, lang)
    if column in FLAG_COLUMNS:
        return t("nb.yes", lang) if bool(value) else ""
    if column in WORD_COLUMNS:
        return t(WORD_COLUMNS[column] + str(value).replace(" ", "_"), lang)
    if column in SOURCE_COLUMNS and isinstance(value, str):
        return "; ".join(sources.get(s, s) for s in value.split("|") if s)
    if column in VALUE_COLUMNS:
        measure = row.get("measure") if isinstance(row.get("measure"), str) else measures.get(row.get("indicator"), "")
        if measure == "rank" and column in ("change", "gap"):
            measure = ""               # a difference of places is a number, not a place ("−1", not "−1st")
        rank_of = row.get("target_rank_of", row.get("rank_of")) if column == "target" else row.get("rank_of")
        qualifier = row.get("qualifier") if column == "value" and isinstance(row.get("qualifier"), str) else ""
        text = format_value(value, measure, rank_of=rank_of if column in ("value", "target") else None,
                            qualifier=qualifier, lang=lang, missing="")
        if column == "change" and value > 0 and not text.startswith("+"):
            text = "+" + text          # a change says its direction
        if column == "target" and isinstance(row.get("comparator"), str):
            text = f"{_SIGNS.get(row['comparator'], row['comparator'])}\u00a0{text}"
        return text
    if column in COUNT_COLUMNS or column in ("units", "edition"):
        return str(int(value)) if column == "edition" else i18n.number(value, 0, lang)
    if column == "ratio":
        return i18n.number(value, 3, lang)
    if isinstance(value, bool):
        return t("nb.yes", lang) if value else ""
    if isinstance(value, pd.Timestamp):
        return i18n.date(value, lang)
    if isinstance(value, float):
        return i18n.number(value, 2, lang)
    return _text(value)


def display_frame(frame: pd.DataFrame, columns: Sequence[str] | None = None, *,
                  names: Mapping[str, str] | None = None, data=None, lang: str | None = None) -> pd.DataFrame:
    """``frame``'s ``columns`` as text for a reader: names, formatted values, translated words and headers.

    Parameters
    ----------
    frame
        A raw frame of the library (ids, timestamps, floats).
    columns
        The columns to show, in order (default: all). Columns the frame lacks are skipped.
    names
        Unit id → name in the language (:func:`dtlib.words.captions.unit_names`).
    data
        The data set, for indicator names and units of measure when ``frame`` lacks them.

    Returns
    -------
    DataFrame
        Strings only, headers in the language, a plain 0..n-1 index (hidden by :func:`styled`).
    """
    lang = i18n.language(lang)
    columns = [c for c in (columns or list(frame.columns)) if c in frame.columns]
    indicators: dict[str, str] = {}
    measures: dict[str, str] = {}
    if data is not None:
        indicators = i18n.names(data.indicators, lang)
        measures = dict(zip(data.indicators["id"], data.indicators["unit"]))
    elif "indicator" in frame:
        own = f"indicator_{lang}"
        if own in frame:
            indicators = dict(zip(frame["indicator"], frame[own]))
        if "measure" in frame:
            measures = dict(zip(frame["indicator"], frame["measure"]))
    sources: dict[str, str] = {}
    if data is not None and "publisher" not in columns:
        sources = {sid: f"{i18n.publisher(publisher, lang)}, {i18n.date(published, lang) or t('date_not_stated', lang)}"
                   for sid, publisher, published in zip(data.sources["id"], data.sources["publisher"],
                                                        data.sources["published"])}
    names = dict(names or {})
    rows = [[_cell(c, row, names, indicators, measures, sources, lang) for c in columns]
            for _, row in frame.iterrows()]
    # "units" is a count in a coverage summary and a list of ids in shared_indicators
    listed = {"units"} if "units" in frame and frame["units"].map(lambda v: isinstance(v, str)).any() else set()
    headers = [header("reported_by" if c in listed else c, lang) for c in columns]
    out = pd.DataFrame(rows, columns=headers, dtype=object)
    return out.reset_index(drop=True)


def styled(frame: pd.DataFrame, columns: Sequence[str] | None = None, *, names: Mapping[str, str] | None = None,
           data=None, caption: str | None = None, lang: str | None = None) -> Styler:
    """The table a reader sees: :func:`display_frame` as a pandas ``Styler``, without index, data text escaped.

    Examples
    --------
    >>> html = styled(frame, ["unit", "value"], names=names).to_html()      # doctest: +SKIP
    """
    shown = display_frame(frame, columns, names=names, data=data, lang=lang)
    # an id from the content, not a random one: the same table renders the same HTML in every build
    uid = hashlib.sha1(pd.util.hash_pandas_object(shown, index=False).values.tobytes()
                       + "|".join(shown.columns).encode()).hexdigest()[:10]
    style = shown.style.set_uuid(uid).hide(axis="index").format(escape="html").format_index(escape="html", axis=1)
    style = style.set_table_styles([{"selector": "th", "props": [("text-align", "left")]},
                                    {"selector": "td", "props": [("text-align", "left"), ("vertical-align", "top")]}])
    if caption:
        import html

        style = style.set_caption(html.escape(caption))
    return style


def status_counts(table: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Units (rows) by status (columns): how many of each unit's targets have each status, zeros as counts.

    The first column is ``unit`` (an id, named by :func:`styled`); statuses in the order of
    :data:`dtlib.STATUSES`, only those that occur.
    """
    counts = pd.crosstab(table["unit"], table["status"])
    counts = counts.reindex(columns=[s for s in STATUSES if s in counts.columns])
    order = sorted(counts.index, key=lambda u: names.get(u, u))
    return counts.loc[order].reset_index()
