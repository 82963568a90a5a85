"""``tables.xlsx``: every table of the pack in one workbook, for readers who work in a spreadsheet.

One sheet per ``tables/*.csv`` of the pack, after an "About" sheet (report date, build date,
language, and an index of the sheets, each with the CSV file it shows) and before a sheet of
definitions (each indicator of the pack's tables: name, definition, unit of measure, which way
is better, pillar, the sources that report it) and a sheet of the sources the tables cite.

Sheet names are readable, in the pack's language (``workbook.sheet.<stem>``: "Hồ sơ Thái
Nguyên – thay đổi", "Profile Thái Nguyên – changes"), unique, at most 31 characters and free
of the characters Excel forbids; a name that would collide gets a suffix (`` (2)``).

Headers are in the pack's language (:func:`header`: ``nb.column.<column>`` as the notebook
tables write them, else ``workbook.col.<column>``; the CSVs keep the raw column names). Each
id column (units, indicators, sources, see :func:`with_names`) keeps its codes, so a
researcher can join on them, under a header marked "(id)"/"(mã)", and the column beside it
gives the names in the language; statuses, verdicts, pillars, directions, windows and units of
measure are written as words. A table that names a ``source`` gets its publisher, title and
address, one that names an ``indicator`` its unit of measure, and one that gives a figure
(``unit, indicator, as_of, source``) the sentence of the source that states it
(``data/observations.csv``'s ``quote``).

A cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) is prefixed with ``'`` as in every CSV the pack exports
(:func:`dtlib.data.io.neutralise_formula`) and stored as a text cell, never a formula. Dates are
date cells, written as the language writes them; columns are sized to their content and the
header row is frozen.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from ..words import i18n
from ..words import tables as shown_tables
from ..words.i18n import t
from ..data.io import neutralise_formula
from ..words.names import unit_labels
from ..words.messages import MESSAGES

__all__ = ["pack_tables", "with_provenance", "with_names", "column_headers", "header", "sheet_title",
           "sheet_names", "definitions", "build_workbook", "DATE_COLUMNS", "MAX_WIDTH", "UNIT_ID_COLUMNS",
           "SOURCE_ID_COLUMNS", "WORD_COLUMNS"]

#: Columns that hold dates (written as date cells).
DATE_COLUMNS = ("as_of", "deadline", "base_as_of", "first_as_of", "latest_as_of", "published", "known_on",
                "old_known_on", "previous_as_of", "basis")
#: The widest a column is made (characters); longer text wraps.
MAX_WIDTH = 60
DATE_FORMATS = {"vi": "dd/mm/yyyy", "en": "d mmm yyyy"}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
#: The longest sheet name Excel accepts.
MAX_SHEET = 31
#: Columns holding unit ids (a yardstick's indicator id in ``lineage``): a name column goes beside each.
UNIT_ID_COLUMNS = tuple(sorted(shown_tables.UNIT_COLUMNS | {"province", "successor"}))
#: Columns holding source ids (``|``-joined) that get "publisher, date" beside them; ``source``
#: itself gets its publisher, title and address (:func:`with_provenance`).
SOURCE_ID_COLUMNS = ("target_source", "previous_source", "old_source", "new_source")
#: Columns of codes written as words: column → catalogue key prefix (a code without a key stays as it is).
WORD_COLUMNS = {**shown_tables.WORD_COLUMNS, "old_status": "status.", "new_status": "status.",
                "window": "fig.window.", "side": "workbook.side.", "measure": "fig.measure.", "kind": "front.kind."}
PILLAR_ORDER = ("government", "economy", "society", "infrastructure")


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


def with_provenance(frame: pd.DataFrame, data, lang: str | None = None) -> pd.DataFrame:
    """``frame`` with the unit of measure, the source's publisher, title and address, and the quote.

    ``measure`` is added after ``indicator`` (from ``indicators.csv``'s ``unit``) when missing;
    ``source_publisher``, ``source_title``, ``source_url`` after ``source`` (``|``-joined ids
    give each value once, ``;``-separated; a publisher the source does not name is said so in
    ``lang``); ``quote`` last, when the table identifies figures by ``unit, indicator, as_of,
    source`` and has none.
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
            if field == "publisher":
                lookup = {k: _publisher(v, i18n.language(lang)) for k, v in lookup.items()}
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
    """The header of ``column`` in ``lang``: :func:`dtlib.words.tables.header` (``nb.column.<column>``, as the
    notebook tables write it), else ``workbook.col.<column>``, else the column name."""

    if f"nb.column.{column}" in MESSAGES or f"status.{column}" in MESSAGES:
        return shown_tables.header(column, lang)
    key = f"workbook.col.{column}"
    return t(key, lang) if key in MESSAGES else str(column)


def _short_name(name: str) -> str:
    """``"Lào Cai"`` from ``"Lào Cai (2025, merged with Yên Bái)"``: a name without its parentheses."""
    return re.sub(r"\s*\([^)]*\)", "", str(name)).strip() or str(name)


def sheet_title(stem: str, lang: str | None = None, units: Mapping[str, str] | None = None) -> str:
    """The readable name of the table ``stem`` in ``lang`` (``workbook.sheet.<stem>``; a province
    profile's tables ``workbook.sheet.profile_<part>`` with the province's name from ``units``);
    the stem itself for a table the catalogue does not know. Not yet checked for Excel: see
    :func:`sheet_names`."""

    key = f"workbook.sheet.{stem}"
    if key in MESSAGES:
        return t(key, lang)
    found = re.fullmatch(r"profile_(.+)_([^_]+)", stem)
    if found:
        unit, part = found.groups()
        name = (units or {}).get(unit, unit)
        key = f"workbook.sheet.profile_{part}"
        return t(key, lang, name=name) if key in MESSAGES else t("workbook.sheet.profile_other", lang, name=name,
                                                                 part=part)
    return stem


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _valid_sheet(title: str) -> str:
    text = unicodedata.normalize("NFC", str(title))
    text = re.sub(r"\s+", " ", _SHEET_BAD.sub("_", text)).strip().strip("'").strip()
    return _fit(text, MAX_SHEET) or "table"


def sheet_names(stems: Iterable[str], reserved: Iterable[str] = (),
                titles: Mapping[str, str] | None = None) -> dict[str, str]:
    """A valid, unique sheet name for each table stem: its title (``titles``, default the stem) with
    none of ``[]:*?/\\``, at most 31 characters (a longer one is cut, ending in "…"), and, when it
    would equal (ignoring case, as Excel does) a ``reserved`` name or an earlier one, a suffix `` (2)``,
    `` (3)``..."""
    used = {_valid_sheet(r).casefold() for r in reserved}
    titles = titles or {}
    out = {}
    for stem in stems:
        base = _valid_sheet(titles.get(stem, stem))
        name, n = base, 1
        while name.casefold() in used:
            n += 1
            suffix = f" ({n})"
            name = _fit(base, MAX_SHEET - len(suffix)) + suffix
        used.add(name.casefold())
        out[stem] = name
    return out


def _present(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value)) and str(value).strip() != ""


def _ids(cell) -> list[str]:
    """The ids of a cell: ``"a|b"`` → ``["a", "b"]``; nothing for a missing cell."""
    if not _present(cell):
        return []
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return [s.strip() for s in str(cell).split("|") if s.strip()]


def _source_labels(data, lang: str) -> dict[str, str]:
    """Source id → "publisher, date" in the language, as the notebook tables cite a source."""
    return {sid: f"{_publisher(publisher, lang)}, {i18n.date(published, lang) or t('date_not_stated', lang)}"
            for sid, publisher, published in zip(data.sources["id"], data.sources["publisher"],
                                                 data.sources["published"])}


def _publisher(name, lang: str) -> str:
    write = getattr(i18n, "publisher", None)          # "không rõ" → "publisher not named"
    return write(name, lang) if write else ("" if not _present(name) else str(name))


def _is_id_list(series: pd.Series) -> bool:
    """Whether ``units`` holds ``|``-joined unit ids (a list) rather than a count."""
    return series.map(lambda v: isinstance(v, str) and bool(re.search(r"[a-z]", v))).any()


def with_names(frame: pd.DataFrame, data, lang: str | None = None) -> pd.DataFrame:
    """``frame`` with a name column beside each id column, and codes written as words, in ``lang``.

    Beside each of :data:`UNIT_ID_COLUMNS` (a unit's name, :func:`dtlib.words.names.unit_labels`; a
    yardstick in ``lineage`` is named as its indicator), ``indicator`` (the indicator's name),
    :data:`SOURCE_ID_COLUMNS` ("publisher, date"), ``units`` when it lists unit ids, and a side-by-side
    table's ``column`` (``unit@date``): a column ``<column>_name``, placed right after the id column
    (a ``<column>_name`` the table already has is moved there and rewritten in ``lang``). The id
    columns are kept as they are. The cells of :data:`WORD_COLUMNS` become the catalogue's words
    (``status.<code>``, ``verdict.<code>``, ``pillar.<code>``, ``nb.direction.<code>``...).
    """

    lang = i18n.language(lang)
    frame = frame.copy()
    units = unit_labels(data.units, lang)
    indicators = i18n.names(data.indicators, lang)
    sources = _source_labels(data, lang)

    def one(cell, *lookups):
        ids = _ids(cell)
        if not ids:
            return None
        return "; ".join(dict.fromkeys(next((lk[i] for lk in lookups if i in lk), i) for i in ids))

    def reorg_column(cell, side):
        if not isinstance(cell, str) or "@" not in cell:
            return None if not _present(cell) else str(cell)
        unit, _, when = cell.partition("@")
        key = "reorg.column_former" if side == "former" else "reorg.column_now"
        return t(key, lang, name=units.get(unit, unit), date=i18n.date(when, lang))

    for column in list(frame.columns):
        if column in UNIT_ID_COLUMNS:
            names = [one(c, units, indicators) for c in frame[column]]
        elif column == "indicator":
            names = [one(c, indicators) for c in frame[column]]
        elif column in SOURCE_ID_COLUMNS:
            names = [one(c, sources) for c in frame[column]]
        elif column == "units" and _is_id_list(frame[column]):
            names = [one(c, units) for c in frame[column]]
        elif column == "column" and frame[column].map(lambda v: isinstance(v, str) and "@" in v).any():
            sides = frame["side"] if "side" in frame else pd.Series([None] * len(frame), index=frame.index)
            names = [reorg_column(c, s) for c, s in zip(frame[column], sides)]
        else:
            continue
        target = f"{column}_name"
        if target in frame:
            given = frame.pop(target).tolist()
            names = [n if n is not None else (g if _present(g) else None) for n, g in zip(names, given)]
        frame.insert(list(frame.columns).index(column) + 1, target, names)
    for column, prefix in WORD_COLUMNS.items():
        if column not in frame:
            continue

        def word(cell, prefix=prefix):
            if not isinstance(cell, str):
                return cell
            key = prefix + cell.strip().replace(" ", "_")
            return t(key, lang) if key in MESSAGES else cell
        frame[column] = frame[column].map(word).astype(object)
    return frame


def _named(column: str, columns: list[str]) -> bool:
    """Whether ``column`` is an id column with its names beside it (``<column>_name``, or a source's publisher)."""
    if column == "source":
        return "source_publisher" in columns
    return f"{column}_name" in columns and (column in UNIT_ID_COLUMNS or column in SOURCE_ID_COLUMNS
                                            or column in ("indicator", "units", "column"))


def column_headers(frame: pd.DataFrame, lang: str | None = None) -> list[str]:
    """The headers of ``frame``'s columns in ``lang``, unique: an id column with names beside it is
    "<header> (id)" ("(mã)"), its name column "<header>"; any other column :func:`header`."""
    lang = i18n.language(lang)
    columns = [str(c) for c in frame.columns]
    out, seen = [], set()
    for column in columns:
        if column.endswith("_name") and _named(column[:-5], columns):
            base = column[:-5]
            text = header("reported_by" if base == "units" else base, lang)
        elif _named(column, columns):
            text = t("workbook.id_of", lang, column=header("reported_by" if column == "units" else column, lang))
        elif column == "definition":
            text = t("workbook.definition_header", lang)
        else:
            text = header(column, lang)
        unique, n = text, 1
        while unique.casefold() in seen:
            n += 1
            unique = f"{text} ({n})"
        seen.add(unique.casefold())
        out.append(unique)
    return out


def definitions(tables: Mapping[str, pd.DataFrame], data, lang: str | None = None) -> pd.DataFrame:
    """Each indicator named in an ``indicator`` column of ``tables``, for the Definitions sheet.

    Columns ``indicator`` (the id), ``definition`` (``indicators.csv``'s in ``lang``: ``definition_vi`` for Vietnamese where given), ``measure``
    (unit of measure), ``good_direction`` ("higher is better" or "lower is better" in ``lang``),
    ``pillar`` and ``reporting_sources``: "publisher, date" of each source that gives a figure of the
    indicator in the pack, i.e. named beside it in a table (``source``, ``previous_source``,
    ``old_source``, ``new_source``) and holding an observation of it in ``data/observations.csv`` (so a
    target's source is not counted as reporting the figure), oldest first. Rows by pillar, then id.
    Pass the result through :func:`with_names` for names and words.
    """
    lang = i18n.language(lang)
    observed = set(zip(data.observations["indicator"], data.observations["source"]))
    used: set[str] = set()
    reported: dict[str, set[str]] = {}
    for frame in tables.values():
        if "indicator" not in frame:
            continue
        ids = [i for c in frame["indicator"] for i in _ids(c)]
        used.update(ids)
        for column in ("source", "previous_source", "old_source", "new_source"):
            if column not in frame:
                continue
            for ind, cell in zip(frame["indicator"], frame[column]):
                for sid in _ids(cell):
                    if (ind, sid) in observed:
                        reported.setdefault(ind, set()).add(sid)
    info = data.indicators.set_index("id")
    src = data.sources.set_index("id")
    rows = []
    for ind in used:
        row = info.loc[ind] if ind in info.index else {}
        better = row.get("higher_is_better") if len(row) else None
        if isinstance(better, str):
            better = {"true": True, "false": False}.get(better.strip().lower())
        good = "" if better is None or pd.isna(better) else t(
            "workbook.higher_better" if bool(better) else "workbook.lower_better", lang)
        cited = sorted(reported.get(ind, ()), key=lambda s: (_day(src["published"].get(s)) or "9999", s))
        labels = [f"{_publisher(src['publisher'].get(s), lang)}, "
                  f"{i18n.date(src['published'].get(s), lang) or t('date_not_stated', lang)}" for s in cited]
        rows.append({"indicator": ind,
                     "definition": _definition(row, lang) if len(row) else None,
                     "measure": row.get("unit") if len(row) else None,
                     "good_direction": good,
                     "pillar": row.get("pillar") if len(row) else None,
                     "reporting_sources": "; ".join(dict.fromkeys(labels))})
    order = {p: i for i, p in enumerate(PILLAR_ORDER)}
    rows.sort(key=lambda r: (order.get(r["pillar"], len(order)), str(r["pillar"] or ""), r["indicator"]))
    return pd.DataFrame(rows, columns=["indicator", "definition", "measure", "good_direction", "pillar",
                                       "reporting_sources"])


def _definition(row, lang: str) -> str:
    """The indicator's definition in ``lang`` (:func:`dtlib.words.i18n.definition`); an English one in the
    Vietnamese workbook says so."""
    text, written = i18n.definition(dict(row), lang)
    return text if written == lang or not text else f"{text} {t('workbook.in_english', lang)}"


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


def _write_sheet(ws, frame: pd.DataFrame, lang: str, headers: list[str] | None = None) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    date_format = DATE_FORMATS[lang]
    widths = []
    headers = headers or column_headers(frame, lang)
    for j, column in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=j, value=_cell_value(column))
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
    sources, indicators, units and quotes.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    lang = i18n.language(lang)
    tables = pack_tables(out)
    about, defs_name, sources_name = (t("workbook.about", lang), t("workbook.definitions_sheet", lang),
                                      t("workbook.sources_sheet", lang))
    # proper names stay as written in Vietnamese, without "(2025, merged with ...)"
    short = {uid: _short_name(name) for uid, name in zip(data.units["id"], data.units["name_vi"])}
    names = sheet_names(tables, reserved=(about, defs_name, sources_name),
                        titles={stem: sheet_title(stem, lang, short) for stem in tables})
    defs = with_names(definitions(tables, data, lang), data, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = about
    rows = [(t("workbook.title", lang),), (),
            (t("workbook.report_date", lang), i18n.date(manifest.get("as_of"), lang)),
            (t("workbook.built", lang), i18n.date(manifest.get("built"), lang)),
            (t("workbook.language", lang), t("deck.language", lang)), (),
            (t("workbook.note", lang),), (t("workbook.note_names", lang),), (),
            (t("workbook.sheet", lang), t("workbook.file", lang), t("workbook.rows", lang))]
    rows += [(names[stem], f"tables/{stem}.csv", len(frame)) for stem, frame in tables.items()]
    rows.append((defs_name, "data/indicators.csv", len(defs)))
    rows.append((sources_name, "data/sources.csv", None))
    for row in rows:
        ws.append([_cell_value(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 34, 44
    cited = set()
    for stem, frame in tables.items():
        frame = with_names(with_provenance(frame, data, lang), data, lang)
        for column in ("source", "target_source", "old_source", "new_source", "previous_source"):
            if column in frame:
                cited |= {s for c in frame[column] for s in _ids(c)}
        _write_sheet(wb.create_sheet(names[stem]), frame, lang)
    _write_sheet(wb.create_sheet(defs_name), defs, lang)
    src = data.sources[data.sources["id"].isin(cited)] if cited else data.sources
    src = src[["id", "publisher", "published", "title", "url"]].reset_index(drop=True)
    src["publisher"] = [_publisher(p, lang) for p in src["publisher"]]
    _write_sheet(wb.create_sheet(sources_name), src, lang)
    return wb
