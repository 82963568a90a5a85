"""``tables.xlsx``: every table of the pack in one workbook, for readers who work in a spreadsheet.

One sheet per ``tables/*.csv`` of the pack, after an "About" sheet (report date, build date,
language, what each sheet holds) and before a sheet of the sources the tables cite. Headers are
in the pack's language (catalogue keys ``workbook.col.<column>``; the CSVs keep the raw column
names); a table that names a ``source`` gets its publisher, title and address, one that names an
``indicator`` its unit of measure, and one that gives a figure (``unit, indicator, as_of,
source``) the sentence of the source that states it (``data/observations.csv``'s ``quote``).

A cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) is prefixed with ``'`` as in every CSV the pack exports
(:func:`dtlib.io.neutralise_formula`) and stored as a text cell, never a formula. Dates are
date cells, written as the language writes them; columns are sized to their content and the
header row is frozen.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from . import i18n
from .i18n import t
from .io import neutralise_formula

__all__ = ["pack_tables", "with_provenance", "header", "sheet_names", "build_workbook", "DATE_COLUMNS",
           "MAX_WIDTH"]

#: Columns that hold dates (written as date cells).
DATE_COLUMNS = ("as_of", "deadline", "base_as_of", "first_as_of", "latest_as_of", "published", "known_on",
                "old_known_on", "previous_as_of", "basis")
#: The widest a column is made (characters); longer text wraps.
MAX_WIDTH = 60
DATE_FORMATS = {"vi": "dd/mm/yyyy", "en": "d mmm yyyy"}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def pack_tables(out: str | Path) -> dict[str, pd.DataFrame]:
    """The pack's tables (``tables/*.csv``) by file stem, in name order, as written (dates parsed)."""
    tables = {}
    for path in sorted((Path(out) / "tables").glob("*.csv")):
        try:
            frame = pd.read_csv(path, dtype={"unit": str, "indicator": str, "source": str})
        except pd.errors.EmptyDataError:
            frame = pd.DataFrame()
        for column in DATE_COLUMNS:
            if column in frame and not (pd.api.types.is_numeric_dtype(frame[column])
                                        or pd.api.types.is_datetime64_any_dtype(frame[column])):
                parsed = pd.to_datetime(frame[column], errors="coerce", format="%Y-%m-%d")
                if parsed.notna().sum() == frame[column].notna().sum():
                    frame[column] = parsed
        tables[path.stem] = frame
    return tables


def _join_ids(cell, lookup: Mapping[str, str]) -> str:
    if not isinstance(cell, str):
        return ""
    found = [lookup.get(s.strip(), "") for s in cell.split("|") if s.strip()]
    return "; ".join(dict.fromkeys(v for v in found if v))


def with_provenance(frame: pd.DataFrame, data) -> pd.DataFrame:
    """``frame`` with the unit of measure, the source's publisher, title and address, and the quote.

    ``measure`` is added after ``indicator`` (from ``indicators.csv``'s ``unit``) when missing;
    ``source_publisher``, ``source_title``, ``source_url`` after ``source`` (``|``-joined ids
    give each value once, ``;``-separated); ``quote`` last, when the table identifies figures by
    ``unit, indicator, as_of, source`` and has none.
    """
    frame = frame.copy()
    columns = list(frame.columns)
    if "indicator" in frame and "measure" not in frame:
        frame.insert(columns.index("indicator") + 1, "measure",
                     frame["indicator"].map(dict(zip(data.indicators["id"], data.indicators["unit"]))))
    if "source" in frame:
        src = data.sources.set_index("id")
        at = list(frame.columns).index("source") + 1
        for i, (column, field) in enumerate((("source_publisher", "publisher"), ("source_title", "title"),
                                             ("source_url", "url"))):
            lookup = {k: v for k, v in src[field].items() if isinstance(v, str)}
            frame.insert(at + i, column, [_join_ids(c, lookup) for c in frame["source"]])
    if "quote" not in frame and {"unit", "indicator", "as_of", "source"} <= set(frame.columns):
        obs = data.observations
        quotes = {(u, ind, _day(a), s): q for u, ind, a, s, q in
                  zip(obs["unit"], obs["indicator"], obs["as_of"], obs["source"], obs["quote"])}
        frame["quote"] = [quotes.get((u, ind, _day(a), s), "") for u, ind, a, s in
                          zip(frame["unit"], frame["indicator"], frame["as_of"], frame["source"])]
    return frame


def _day(when) -> str:
    try:
        return "" if pd.isna(when) else f"{pd.Timestamp(when):%Y-%m-%d}"
    except (ValueError, TypeError):
        return str(when)


def header(column: str, lang: str | None = None) -> str:
    """The header of ``column`` in ``lang`` (catalogue key ``workbook.col.<column>``); else the column name."""
    from .messages import MESSAGES

    key = f"workbook.col.{column}"
    return t(key, lang) if key in MESSAGES else column


def sheet_names(stems, reserved=()) -> dict[str, str]:
    """A valid, unique sheet name (at most 31 characters, none of ``[]:*?/\\``) for each table stem."""
    used = {r.lower() for r in reserved}
    out = {}
    for stem in stems:
        base = _SHEET_BAD.sub("_", stem)[:31] or "table"
        name, n = base, 1
        while name.lower() in used:
            n += 1
            name = f"{base[:31 - len(str(n)) - 1]}~{n}"
        used.add(name.lower())
        out[stem] = name
    return out


def _cell_value(value):
    """What a cell holds: ``None`` for missing, plain Python numbers, text neutralised (see the module)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    if isinstance(value, str):
        return neutralise_formula(value)
    return value


def _write_sheet(ws, frame: pd.DataFrame, lang: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    date_format = DATE_FORMATS[lang]
    widths = []
    for j, column in enumerate(frame.columns, start=1):
        cell = ws.cell(row=1, column=j, value=_cell_value(header(str(column), lang)))
        cell.data_type, cell.font = "s", bold
        widths.append(len(str(cell.value)))
    for i, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for j, value in enumerate(row, start=1):
            value = _cell_value(value)
            cell = ws.cell(row=i, column=j, value=value)
            if isinstance(value, str):
                cell.data_type = "s"            # text, never a formula
                widths[j - 1] = max(widths[j - 1], min(len(value), MAX_WIDTH + 1))
            elif hasattr(value, "year"):
                cell.number_format = date_format
                widths[j - 1] = max(widths[j - 1], 11)
            elif value is not None:
                widths[j - 1] = max(widths[j - 1], len(str(value)))
    for j, width in enumerate(widths, start=1):
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(8, min(width, MAX_WIDTH) + 2)
        if width > MAX_WIDTH:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = wrap
    ws.freeze_panes = "A2"
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{max(len(frame) + 1, 1)}"


def build_workbook(out: str | Path, manifest: dict, data, lang: str | None = None):
    """The workbook (``openpyxl.Workbook``) of the pack in ``out``: see the module.

    ``manifest`` gives the report date (``as_of``) and the build date (``built``); ``data`` the
    sources, indicators and quotes.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    lang = i18n.language(lang)
    tables = pack_tables(out)
    about, sources_name = t("workbook.about", lang), t("workbook.sources_sheet", lang)
    names = sheet_names(tables, reserved=(about, sources_name))
    wb = Workbook()
    ws = wb.active
    ws.title = about
    rows = [(t("workbook.title", lang),), (),
            (t("workbook.report_date", lang), i18n.date(manifest.get("as_of"), lang)),
            (t("workbook.built", lang), i18n.date(manifest.get("built"), lang)),
            (t("workbook.language", lang), t("deck.language", lang)), (),
            (t("workbook.note", lang),), (),
            (t("workbook.sheet", lang), t("workbook.file", lang), t("workbook.rows", lang))]
    rows += [(names[stem], f"tables/{stem}.csv", len(frame)) for stem, frame in tables.items()]
    rows.append((sources_name, "data/sources.csv", None))
    for row in rows:
        ws.append([_cell_value(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 34, 44
    cited = set()
    for stem, frame in tables.items():
        frame = with_provenance(frame, data)
        for column in ("source", "target_source", "old_source", "new_source", "previous_source"):
            if column in frame:
                cited |= {s for c in frame[column] if isinstance(c, str) for s in c.split("|") if s}
        _write_sheet(wb.create_sheet(names[stem]), frame, lang)
    src = data.sources[data.sources["id"].isin(cited)] if cited else data.sources
    _write_sheet(wb.create_sheet(sources_name),
                 src[["id", "publisher", "published", "title", "url"]].reset_index(drop=True), lang)
    return wb
