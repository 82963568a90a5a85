"""Reading a file given to ``add``: CSV or workbook, its columns checked, the rows marked to take.

Checks here are those any input needs before it is compared with anything: the contract's
columns and no others, no control characters, no overlong or runaway cells, clear marks in
the ``keep`` column. A candidate file written by ``python -m dtlib extract`` has a ``kind``
column: its kept rows are split into observations and targets, and columns that neither table
has are ignored (:func:`split_candidates`). :mod:`dtlib.intake.ingest` then checks the rows against the
schemas and the store.

A workbook is read as text, like a CSV file: a formula is kept as its text (``=...``) and never
computed, a date cell becomes ``YYYY-MM-DD``. What a person would see differently from what the
file stores is said in ``attrs['notes']``, which ``add`` prints: a cell formatted as a percentage
(typed ``85%``, stored ``0.85``) is read as ``85``, and a sheet that is not read is named. A
hidden sheet and a hidden row (or one an AutoFilter filters out) are not read, and the notes
name them: a person reviewing the workbook in Excel never saw them. A hidden column is read
(hiding a column is how a spreadsheet is tidied for display), and the notes name it too.

An input is read only from a regular file (or an inherited pipe such as ``/dev/stdin``) and
within the caps of :mod:`dtlib.data.io`: 64 MB, 100,000 rows, 5,000,000 cells; beyond them it is
refused at once.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..data.errors import Problem, UsageError, ValidationError
from ..data.io import (LINE, MANY_COLUMNS, MAX_INPUT_BYTES, SPLIT_HINT, cell_problems, check_input_size,
                       display_path, header_controls, listed, read_table, records_frame, restore_formulas, visible)
from ..data.text import nfc
from ..data.vocab import COLUMNS, all_columns

__all__ = ["read_input", "not_a_regular_file", "table_of", "prepare", "split_candidates", "missing_columns",
           "read_xlsx", "relabel_sheets", "KEEP", "KEEP_YES", "KEEP_NO", "KIND", "KINDS", "SHEET_STRIDE"]

#: A column of a reviewed candidate file: only rows marked in it are taken; it is not stored.
KEEP = "keep"
KEEP_YES = frozenset({"x", "yes", "y", "1", "true", "có"})
KEEP_NO = frozenset({"", "no", "n", "0", "false", "không"})

#: The column of a candidate file (``python -m dtlib extract``) that says which table a row goes to.
#: A file with this column may hold both figures and targets; its other columns are ignored.
KIND = "kind"
KINDS = {"observation": "observations", "target": "targets"}


def read_input(path: str | Path, *, encoding: str | None = None) -> pd.DataFrame:
    """Read a CSV or ``.xlsx`` file into a text frame with line (row) numbers.

    CSV: encoding detected (UTF-8 with or without BOM, UTF-16, Windows-1258) unless given;
    comma, semicolon or tab separated (or the delimiter Excel's ``sep=;`` first line names).
    ``.xlsx``: every visible sheet whose row 1 names the table's columns (see :func:`read_xlsx`);
    a formula is read as its text, never computed.

    Raises
    ------
    UsageError
        If ``path`` is not a regular file (a folder, a device such as ``/dev/zero``, a named
        pipe): refused before anything is read (see :func:`not_a_regular_file`).
    ValidationError
        Beyond 64 MB, 100,000 rows or 5,000,000 cells (:data:`dtlib.data.io.MAX_INPUT_BYTES`,
        :data:`~dtlib.data.io.MAX_INPUT_ROWS`, :data:`~dtlib.data.io.MAX_INPUT_CELLS`), or a bad header or cell.
    """
    path = Path(path)
    reason = not_a_regular_file(path)
    if reason:
        raise UsageError(f"{display_path(path)}: {reason}")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return restore_formulas(read_xlsx(path))
    # a cell extract protected from spreadsheets ('=...) is read back to the text it stands for
    return restore_formulas(read_table(path, encoding=encoding, delimiter=None, limit=True))


#: A path naming a descriptor this process already holds: ``/dev/stdin``, ``/dev/fd/63`` (a shell's
#: ``<(...)``). A pipe there has a writer (the shell started it), so it is read; a named pipe is not.
_INHERITED = re.compile(r"/dev/(?:stdin|fd/\d+)|/proc/(?:self|\d+)/fd/\d+")


def not_a_regular_file(path: str | Path) -> str | None:
    """Why ``path`` cannot be read as an input, or ``None`` when it can (or does not exist).

    A folder, a device (``/dev/zero`` would be read until the memory runs out), a socket or a
    named pipe (reading it waits for a writer that may never come) is refused. A pipe given as
    ``/dev/stdin`` or ``/dev/fd/N`` is read: ``cat f.csv | python -m dtlib add /dev/stdin``.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file (name a CSV or .xlsx file)"
    if stat.S_ISFIFO(mode) and _INHERITED.fullmatch(os.path.abspath(path)):
        return None
    kind = ("a named pipe (FIFO): reading it would wait for a writer" if stat.S_ISFIFO(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "not a file")
    return f"is not a regular file ({kind}); name a CSV or .xlsx file saved on disk"


def table_of(frame: pd.DataFrame) -> str:
    """``targets`` when the header names target columns, ``observations`` otherwise; refuse a mix."""
    columns = set(frame.columns)
    observation, target = sorted({"as_of", "period"} & columns), sorted({"deadline", "comparator"} & columns)
    if observation and target:
        raise ValidationError([Problem(frame.attrs["path"], frame.attrs.get("header_line", 1), None,
            f"names observation columns ({', '.join(observation)}) and target columns ({', '.join(target)}), "
            "so it is not clear which table its rows belong to",
            "put figures (as_of, period) and targets (deadline, comparator) in separate files")])
    return "targets" if target else "observations"


def prepare(frame: pd.DataFrame, table: str) -> tuple[pd.DataFrame, int]:
    """Check an input frame's columns and cells for ``table``; take the rows marked in ``keep``.

    Columns outside the table's contract are refused one line each, or in one line naming the
    first few and counting the rest when there are more than :data:`~dtlib.data.io.MANY_COLUMNS`.
    Returns the rows taken and how many were left out.
    """
    problems = _header_problems(frame) + missing_columns(frame, table) + _unknown_columns(frame, table)
    kept, more = _kept(frame)
    problems += more
    problems += cell_problems(kept)
    if problems:
        raise ValidationError(problems)
    return kept, len(frame) - len(kept)


def _unknown_columns(frame: pd.DataFrame, table: str) -> list[Problem]:
    """The header's columns that ``table`` does not have (5,000 of them are one line, not 5,000)."""
    path, line, contract = frame.attrs["path"], frame.attrs.get("header_line", 1), all_columns(table)
    unknown = [column for column in frame.columns if column not in (*contract, LINE, KEEP)]
    hint = (f"the columns are {', '.join(contract)}; delete it, move its text into a note, "
            f"or name it {KEEP!r} to mark the rows to take")
    if len(unknown) > MANY_COLUMNS:
        return [Problem(path, line, None, f"names {len(unknown):,} columns that are not columns of {table}.csv: "
                                          f"{listed([repr(visible(c, 40)) for c in unknown])}",
                        hint.replace("delete it", "delete them").replace("its text", "their text")
                        .replace("or name it", "or name one"))]
    return [Problem(path, line, visible(column, 60), f"is not a column of {table}.csv", hint) for column in unknown]


def _header_problems(frame: pd.DataFrame) -> list[Problem]:
    """Column names holding control characters (see :func:`dtlib.data.io.header_controls`)."""
    return header_controls([c for c in frame.columns if c != LINE], frame.attrs["path"],
                           frame.attrs.get("header_line", 1))


def _kept(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """The rows marked in ``keep`` (all rows without that column), and the unclear marks."""
    if KEEP not in frame.columns:
        return frame, []
    marks = frame[KEEP].map(lambda cell: nfc(cell).strip().casefold())
    problems = [Problem(frame.attrs["path"], int(line), KEEP, f"{visible(cell, 60)!r} is neither yes nor no",
                        "mark a row to take with x, yes, y, 1, true or có; leave the cell empty "
                        "(or no, n, 0, false, không) to leave it out")
                for cell, line, mark in zip(frame[KEEP], frame[LINE], marks) if mark not in KEEP_YES | KEEP_NO]
    kept = frame[marks.isin(KEEP_YES)].drop(columns=[KEEP]).reset_index(drop=True)
    kept.attrs = dict(frame.attrs)
    return kept, problems


def split_candidates(frame: pd.DataFrame) -> tuple[list[tuple[str, pd.DataFrame]], int, list[str]]:
    """Split a reviewed candidate file (one with a ``kind`` column) into its observations and targets.

    Only the rows marked in ``keep`` are taken (all rows if there is no such column); each row goes
    to the table its ``kind`` names (``observation`` or ``target``) with that table's columns, and
    every other column (``confidence``, the other table's columns, a reviewer's own) is ignored
    and named in the notes. Each half is then checked like a file of its table.

    Returns
    -------
    tuple
        ``([(table, rows), ...], rows left out, notes)``, the tables in the order observations,
        targets (only those with rows).

    Raises
    ------
    ValidationError
        An unclear ``keep`` mark, a kept row whose ``kind`` is neither, or a problem of a half.
    """
    path = frame.attrs["path"]
    kept, problems = _kept(frame)
    problems += _header_problems(frame)
    kinds = kept[KIND].map(lambda cell: nfc(cell).strip().casefold())
    problems += [Problem(path, int(line), KIND, f"{visible(cell, 60)!r} is neither observation nor target",
                         "write observation for a figure reached, target for a value set for a deadline")
                 for cell, line, kind in zip(kept[KIND], kept[LINE], kinds) if kind not in KINDS]
    if problems:
        raise ValidationError(problems)
    parts = []
    for kind, table in KINDS.items():
        rows = kept[kinds == kind]
        if rows.empty:
            continue
        columns = [c for c in all_columns(table) if c in rows.columns]
        half = rows[[*columns, LINE]].reset_index(drop=True)
        half.attrs = dict(frame.attrs)
        problems += missing_columns(half, table) + cell_problems(half)
        parts.append((table, half))
    if problems:
        raise ValidationError(problems)
    known = {*all_columns("observations"), *all_columns("targets"), LINE, KEEP, KIND}
    ignored = [c for c in frame.columns if c not in known]
    notes = [f"{path}: column(s) ignored (not columns of observations.csv or targets.csv): "
             f"{listed([visible(c, 40) for c in ignored], 20)}"] if ignored else []
    return parts, len(frame) - len(kept), notes


def missing_columns(frame: pd.DataFrame, table: str) -> list[Problem]:
    required = COLUMNS[table][0]
    return [Problem(frame.attrs["path"], frame.attrs.get("header_line", 1), c, "column is missing from the header",
                    f"the header must name: {', '.join(required)}") for c in required if c not in frame.columns]


# ------------------------------------------------------------------ workbooks

#: With several sheets read, the rows of the n-th are numbered from n × this (Excel has at most
#: 1,048,576 rows), so a problem's line still tells its sheet; see :func:`relabel_sheets`.
SHEET_STRIDE = 10_000_000

#: A sheet whose first row names at least this many columns of a table is read as that table.
MIN_COLUMNS = 3

_OLE = b"\xd0\xcf\x11\xe0"   # the first bytes of an Excel 97-2003 .xls


def read_xlsx(path: str | Path) -> pd.DataFrame:
    """Read the sheets of an ``.xlsx`` that hold a table into one text frame with row numbers.

    A visible sheet is read when its row 1 names at least :data:`MIN_COLUMNS` columns of a table
    (observations, targets or sources); other sheets that hold anything are named in
    ``attrs['notes']``. With no such sheet, the first sheet that holds anything is read, so
    that its missing columns are reported. A hidden (or very hidden) sheet is never read, nor a
    hidden row (rows an AutoFilter filters out are hidden rows): the notes name them
    ("skipped hidden sheet 'old' (1 row)", "skipped 2 hidden rows: 3, 4"). Only the cells the
    file holds are read (a stray cell in ``XFD1048576`` is not 17 billion empty ones), and a
    value beyond 100,000 rows or 5,000,000 cells is refused as soon as it is met.

    Raises
    ------
    ValidationError
        If the file is not a workbook (a CSV renamed ``.xlsx``, an old ``.xls``), cannot be
        opened, is beyond the caps of :mod:`dtlib.data.io`, holds nothing, or holds rows only on
        hidden sheets.
    """
    path = Path(path)
    shown = display_path(path)
    _check_is_workbook(path, shown)
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise ValidationError([Problem(shown, None, None, f"holds more than {MAX_INPUT_BYTES / (1024 * 1024):g} MB",
                                       SPLIT_HINT)])
    sheets = _read_sheets(path, shown)
    filled = [sheet for sheet in sheets if sheet.filled]
    shown_sheets = [sheet for sheet in filled if sheet.state == "visible"]
    notes = [f"{shown}: skipped {'very hidden' if sheet.state == 'veryHidden' else 'hidden'} sheet {sheet.title!r} "
             f"({_count(len(sheet.rows) + len(sheet.hidden), 'row')})" for sheet in filled if sheet not in shown_sheets]
    if not shown_sheets:
        raise _nothing_shown(shown, [sheet.title for sheet in filled])
    tables = [sheet for sheet in shown_sheets if _names_a_table(sheet.header)] or shown_sheets[:1]
    notes = [f"{shown}: sheet {sheet.title!r} was not read: its row 1 does not name the columns of a table"
             for sheet in shown_sheets if sheet not in tables] + notes
    frames = []
    for number, sheet in enumerate(tables, start=1):
        offset = number * SHEET_STRIDE if len(tables) > 1 else 0
        frames.append(_sheet_frame(sheet, shown, offset))
        notes += _sheet_notes(sheet, shown)
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True).fillna("")
    frame.attrs = {"path": shown, "notes": notes,
                   "sheets": [sheet.title for sheet in tables] if len(tables) > 1 else []}
    return frame


@dataclass
class _Sheet:
    """One worksheet as read: its row 1, the rows below that hold something, and what was left out."""

    title: str
    state: str = "visible"                                            # or hidden, veryHidden
    header: dict[int, str] = field(default_factory=dict)              # column number -> text of row 1
    rows: list[tuple[int, dict[int, str]]] = field(default_factory=list)   # (row number, column -> text)
    hidden: list[int] = field(default_factory=list)                   # hidden rows that hold something
    hidden_columns: list[int] = field(default_factory=list)           # hidden columns of row 1, read all the same
    percent: list[str] = field(default_factory=list)                  # cells read as percentages

    @property
    def filled(self) -> bool:
        return bool(self.header or self.rows or self.hidden)


def _read_sheets(path: Path, shown: str) -> list[_Sheet]:
    """Every worksheet of the workbook at ``path`` (formulas as their text, never computed)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=False)
        try:
            several = len(book.worksheets) > 1
            return [_read_sheet(ws, f"{shown} sheet {ws.title!r}" if several else shown) for ws in book.worksheets]
        finally:
            book.close()
    except ValidationError:
        raise
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as err:
        raise ValidationError([Problem(shown, None, None, f"cannot be opened as an Excel workbook ({err})",
                                       "open it in Excel and save it again as .xlsx, or as CSV UTF-8")]) from None


def _read_sheet(ws, where: str) -> _Sheet:
    """The cells of one read-only worksheet that hold something; refused at once beyond the caps."""
    from openpyxl.cell.read_only import ReadOnlyCell

    sheet, width, columns = _Sheet(ws.title, ws.sheet_state or "visible"), 0, {}
    for number, cells, attributes in _parsed_rows(ws, columns):
        texts, percent = {}, []
        for cell in cells:
            if cell["value"] is None:
                continue
            read = ReadOnlyCell(ws, **cell)
            text, is_percent = _cell(read)
            if text:
                texts[cell["column"]] = text
                percent += [read.coordinate] if is_percent else []
        if not texts:
            continue
        width = max(width, *texts)
        check_input_size(where, number, number - 1, width)
        if number == 1:
            sheet.header = texts
        elif str(attributes.get("hidden", "")).lower() in ("1", "true"):
            sheet.hidden.append(number)
        else:
            sheet.rows.append((number, texts))
            sheet.percent += percent
    hidden = {n for dims in columns.values() if str(dims.get("hidden", "")).lower() in ("1", "true")
              for n in range(int(dims.get("min", 0)), int(dims.get("max", dims.get("min", 0))) + 1)}
    sheet.hidden_columns = sorted(hidden & set(sheet.header))
    return sheet


def _parsed_rows(ws, columns: dict | None = None):
    """``(row number, cells, the row's attributes)`` of each row a read-only sheet's XML holds.

    The parser openpyxl's read-only sheet runs, without the padding it adds up to the sheet's
    stated dimension (a stray cell in ``XFD1048576`` makes that 1,048,576 rows of 16,384 cells)
    and keeping each row's attributes (``hidden``), which the read-only sheet drops. ``columns``,
    when given, receives the sheet's column attributes (``min``, ``max``, ``hidden``), keyed by letter.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    book = ws.parent
    with ws._get_source() as source:
        parser = WorkSheetParser(source, ws._shared_strings, data_only=book.data_only, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for number, cells in parser.parse():
            yield number, cells, parser.row_dimensions.get(str(number), {})
        if columns is not None:
            columns.update(parser.column_dimensions)


def _sheet_notes(sheet: _Sheet, shown: str) -> list[str]:
    """What a person should know about how a sheet that was read was read: percentages, hidden rows."""
    notes = []
    if sheet.percent:
        notes.append(f"{shown}: sheet {sheet.title!r}: {len(sheet.percent)} cell(s) formatted as percentages in "
                     f"Excel were read as percent numbers (0.85 shown as 85% is read as 85): "
                     f"{listed(sheet.percent)}")
    if sheet.hidden:
        notes.append(f"{shown}: sheet {sheet.title!r}: skipped {_count(len(sheet.hidden), 'hidden row')}: "
                     f"{listed(sheet.hidden, 10)} (a row hidden in Excel, or filtered out by an AutoFilter, "
                     "is not read)")
    if sheet.hidden_columns:
        from openpyxl.utils import get_column_letter

        named = [f"{sheet.header[n]!r} ({get_column_letter(n)})" for n in sheet.hidden_columns]
        notes.append(f"{shown}: sheet {sheet.title!r}: read {_count(len(named), 'column')} hidden in Excel: "
                     f"{', '.join(named)} (a hidden column is read like the others: check that it holds what "
                     "you mean to add)")
    return notes


def _nothing_shown(shown: str, hidden: list[str]) -> ValidationError:
    """The error for a workbook whose visible sheets hold nothing."""
    if not hidden:
        return ValidationError([Problem(shown, 1, None, "is empty", "row 1 must name the columns")])
    return ValidationError([Problem(shown, None, None,
        f"holds rows only on hidden sheets ({', '.join(repr(title) for title in hidden)}), which are not read",
        "unhide the sheet in Excel (right-click a sheet tab, Unhide) if its rows are meant to be added")])


def _count(n: int, what: str) -> str:
    """``1 row``, ``2 rows``."""
    return f"{n:,} {what}{'' if n == 1 else 's'}"


def relabel_sheets(problems: list[Problem], frame: pd.DataFrame) -> list[Problem]:
    """Name the sheet and its row in problems about a frame read from several sheets."""
    sheets, shown = frame.attrs.get("sheets") or [], frame.attrs.get("path")
    out = []
    for problem in problems:
        if sheets and problem.file == shown and problem.line and problem.line >= SHEET_STRIDE:
            number, line = divmod(problem.line, SHEET_STRIDE)
            problem = Problem(f"{shown} sheet {sheets[number - 1]!r}", line, problem.field, problem.message,
                              problem.hint)
        out.append(problem)
    return out


def _check_is_workbook(path: Path, shown: str) -> None:
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head == b"PK\x03\x04":
        return
    if head == _OLE:
        message, hint = "is an old Excel workbook (.xls)", "save it from Excel as .xlsx, or as CSV UTF-8"
    else:
        message, hint = ("is not an Excel workbook (it is not a zip file; it may be CSV text)",
                         "name a CSV file .csv, or save the sheet from Excel as .xlsx")
    raise ValidationError([Problem(shown, None, None, message, hint)])


def _names_a_table(header: dict[int, str]) -> bool:
    names = set(header.values())
    return any(len(names & set(all_columns(table))) >= MIN_COLUMNS
               for table in ("observations", "targets", "sources"))


def _sheet_frame(sheet: _Sheet, shown: str, offset: int) -> pd.DataFrame:
    """One sheet as a text frame, its rows numbered as in Excel plus ``offset``."""
    width = max([*sheet.header, *(column for _, cells in sheet.rows for column in cells)], default=0)
    header = [sheet.header.get(column, "") for column in range(1, width + 1)]
    body = [[cells.get(column, "") for column in range(1, width + 1)] for _, cells in sheet.rows]
    return records_frame(header, body, [number + offset for number, _ in sheet.rows], shown)


def _cell(cell) -> tuple[str, bool]:
    """A cell's text, and whether it was a number shown as a percentage (``0.85`` shown ``85%``)."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) \
            and "%" in (getattr(cell, "number_format", None) or ""):
        return _text(round(value * 100, 10)), True   # round: 0.85 * 100 is 85.00000000000001
    return _text(value), False


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value)).strip()
