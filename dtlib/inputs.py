"""Reading a file given to ``add``: CSV or workbook, its columns checked, the rows marked to take.

Checks here are those any input needs before it is compared with anything: the contract's
columns and no others, no control characters, no overlong or runaway cells, clear marks in
the ``keep`` column. A candidate file written by ``python -m dtlib extract`` has a ``kind``
column: its kept rows are split into observations and targets, and columns that neither table
has are ignored (:func:`split_candidates`). :mod:`dtlib.ingest` then checks the rows against the
schemas and the store.

A workbook is read as text, like a CSV file: a formula is kept as its text (``=...``) and never
computed, a date cell becomes ``YYYY-MM-DD``. What a person would see differently from what the
file stores is said in ``attrs['notes']``, which ``add`` prints: a cell formatted as a percentage
(typed ``85%``, stored ``0.85``) is read as ``85``, and a sheet that is not read is named.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pandas as pd

from .errors import Problem, ValidationError
from .io import LINE, cell_problems, display_path, read_table, records_frame
from .text import nfc
from .vocab import COLUMNS, all_columns

__all__ = ["read_input", "table_of", "prepare", "split_candidates", "missing_columns", "read_xlsx", "relabel_sheets",
           "KEEP", "KEEP_YES", "KEEP_NO", "KIND", "KINDS", "SHEET_STRIDE"]

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
    comma, semicolon or tab separated. ``.xlsx``: every sheet whose row 1 names the table's
    columns (see :func:`read_xlsx`); a formula is read as its text, never computed.
    """
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return read_xlsx(path)
    return read_table(path, encoding=encoding, delimiter=None)


def table_of(frame: pd.DataFrame) -> str:
    """``targets`` when the header names target columns, ``observations`` otherwise; refuse a mix."""
    columns = set(frame.columns)
    observation, target = sorted({"as_of", "period"} & columns), sorted({"deadline", "comparator"} & columns)
    if observation and target:
        raise ValidationError([Problem(frame.attrs["path"], 1, None,
            f"names observation columns ({', '.join(observation)}) and target columns ({', '.join(target)}), "
            "so it is not clear which table its rows belong to",
            "put figures (as_of, period) and targets (deadline, comparator) in separate files")])
    return "targets" if target else "observations"


def prepare(frame: pd.DataFrame, table: str) -> tuple[pd.DataFrame, int]:
    """Check an input frame's columns and cells for ``table``; take the rows marked in ``keep``.

    Returns the rows taken and how many were left out.
    """
    path = frame.attrs["path"]
    problems = missing_columns(frame, table)
    contract = all_columns(table)
    problems += [Problem(path, 1, column, f"is not a column of {table}.csv",
                         f"the columns are {', '.join(contract)}; delete it, move its text into a note, "
                         f"or name it {KEEP!r} to mark the rows to take")
                 for column in frame.columns if column not in (*contract, LINE, KEEP)]
    kept, more = _kept(frame)
    problems += more
    problems += cell_problems(kept)
    if problems:
        raise ValidationError(problems)
    return kept, len(frame) - len(kept)


def _kept(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """The rows marked in ``keep`` (all rows without that column), and the unclear marks."""
    if KEEP not in frame.columns:
        return frame, []
    marks = frame[KEEP].map(lambda cell: nfc(cell).strip().casefold())
    problems = [Problem(frame.attrs["path"], int(line), KEEP, f"{cell!r} is neither yes nor no",
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
    kinds = kept[KIND].map(lambda cell: nfc(cell).strip().casefold())
    problems += [Problem(path, int(line), KIND, f"{cell!r} is neither observation nor target",
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
             f"{', '.join(ignored)}"] if ignored else []
    return parts, len(frame) - len(kept), notes


def missing_columns(frame: pd.DataFrame, table: str) -> list[Problem]:
    required = COLUMNS[table][0]
    return [Problem(frame.attrs["path"], 1, c, "column is missing from the header",
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

    A sheet is read when its row 1 names at least :data:`MIN_COLUMNS` columns of a table
    (observations, targets or sources); other sheets that hold anything are named in
    ``attrs['notes']``. With no such sheet, the first sheet that holds anything is read, so
    that its missing columns are reported.

    Raises
    ------
    ValidationError
        If the file is not a workbook (a CSV renamed ``.xlsx``, an old ``.xls``), cannot be
        opened, or holds nothing.
    """
    path = Path(path)
    shown = display_path(path)
    _check_is_workbook(path, shown)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=False)
        try:
            sheets = [(ws.title, list(ws.iter_rows())) for ws in book.worksheets]
        finally:
            book.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as err:
        raise ValidationError([Problem(shown, None, None, f"cannot be opened as an Excel workbook ({err})",
                                       "open it in Excel and save it again as .xlsx, or as CSV UTF-8")]) from None
    filled = [(title, rows) for title, rows in sheets if any(_text(c.value) for row in rows for c in row)]
    if not filled:
        raise ValidationError([Problem(shown, 1, None, "is empty", "row 1 must name the columns")])
    tables = [(title, rows) for title, rows in filled if _names_a_table(rows[0])] or filled[:1]
    notes = [f"{shown}: sheet {title!r} was not read: its row 1 does not name the columns of a table"
             for title, _ in filled if title not in {t for t, _ in tables}]
    frames = []
    for number, (title, rows) in enumerate(tables, start=1):
        offset = number * SHEET_STRIDE if len(tables) > 1 else 0
        frame, percent = _sheet_frame(rows, shown, offset)
        frames.append(frame)
        if percent:
            shown_cells = ", ".join(percent[:5]) + (f" and {len(percent) - 5} more" if len(percent) > 5 else "")
            notes.append(f"{shown}: sheet {title!r}: {len(percent)} cell(s) formatted as percentages in Excel "
                         f"were read as percent numbers (0.85 shown as 85% is read as 85): {shown_cells}")
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True).fillna("")
    frame.attrs = {"path": shown, "notes": notes,
                   "sheets": [title for title, _ in tables] if len(tables) > 1 else []}
    return frame


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


def _names_a_table(header_cells) -> bool:
    names = {_text(c.value) for c in header_cells}
    return any(len(names & set(all_columns(table))) >= MIN_COLUMNS
               for table in ("observations", "targets", "sources"))


def _sheet_frame(rows: list, shown: str, offset: int) -> tuple[pd.DataFrame, list[str]]:
    """One sheet as a text frame (row numbers plus ``offset``) and the cells read as percentages."""
    width = max(len(row) for row in rows)
    header = [_text(c.value) for c in rows[0]] + [""] * (width - len(rows[0]))
    body, lines, percent = [], [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = []
        for cell in row:
            text, is_percent = _cell(cell)
            cells.append(text)
            if is_percent:
                percent.append(cell.coordinate)
        if any(cells):
            body.append(cells + [""] * (width - len(cells)))
            lines.append(number + offset)
    return records_frame(header, body, lines, shown), percent


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
