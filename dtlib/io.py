"""Reading and writing the tables: UTF-8 CSV, NFC text, physical line numbers, atomic writes."""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .errors import Problem, ValidationError
from .text import nfc

__all__ = ["read_table", "parse_csv", "decode", "write_table", "write_text", "display_path", "LINE",
           "export_csv", "write_export", "neutralise_formula", "csv_text", "records_frame", "umask",
           "cell_problems", "MAX_CELL"]

#: Name of the column :func:`read_table` adds with each row's physical line number.
LINE = "_line"

#: The longest cell an input file may hold: a quote is one sentence, a note a remark.
MAX_CELL = 10_000

#: Control characters a cell may not hold (tab and line feed may; CR is read as a line end).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

CONTROL_NAMES = {"\x00": "NUL", "\x1a": "SUB, an old end-of-file mark", "\x1b": "ESC", "\x7f": "DEL"}

#: The csv module's limit on one cell (its default, 131,072 characters, ends in a traceback).
FIELD_SIZE_LIMIT = 64 * 1024 * 1024


def display_path(path: Path) -> str:
    """Path as shown in messages: relative to the working directory when it is below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


ENCODINGS = ("utf-8-sig", "utf-16", "cp1258")

#: The first bytes of files that are not text at all, and what to tell a person about them.
WORKBOOKS = {b"PK\x03\x04": ("looks like an Excel workbook (.xlsx), not CSV text",
                              "name it .xlsx, or save it from Excel as CSV UTF-8"),
             b"\xd0\xcf\x11\xe0": ("looks like an old Excel workbook (.xls), not CSV text",
                                    "save it from Excel as .xlsx or as CSV UTF-8")}


def decode(raw: bytes, shown: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding used)``.

    With ``encoding`` given, only that is tried. Otherwise: a UTF-16 byte-order mark means
    UTF-16 (Excel's "Unicode text"), then UTF-8 (with or without BOM), then Windows-1258
    (Excel's "CSV" on a Vietnamese Windows). Windows-1258 spells some tones as combining
    marks, so the text is NFC-normalised afterwards. A UTF-8 file with one stray byte is
    refused at the line of that byte, not read as Windows-1258 (which would garble every
    accented letter).
    """
    for magic, (message, hint) in WORKBOOKS.items():
        if raw.startswith(magic):
            raise ValidationError([Problem(shown, None, None, message, hint)])
    if encoding:
        candidates = (encoding,)
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1258")
    first = None   # (offset in raw, error) of the first failure: where a person should look
    for candidate in candidates:
        try:
            return raw.decode(candidate), candidate
        except LookupError:
            raise ValidationError([Problem(shown, None, None, f"{candidate!r} is not an encoding Python knows",
                "name one such as utf-8, utf-16 or cp1258, or leave --encoding out")]) from None
        except UnicodeDecodeError as err:
            # utf-8-sig counts from after the byte-order mark
            offset = err.start + (3 if candidate == "utf-8-sig" and raw.startswith(codecs.BOM_UTF8) else 0)
            first = first or (offset, err)
            if candidate == "utf-8-sig" and _mostly_utf8(raw):
                raise ValidationError([Problem(shown, raw[:offset].count(b"\n") + 1, None,
                    f"is UTF-8 text except for byte 0x{raw[offset]:02X} (byte {offset}), which is not valid UTF-8",
                    "a character typed in another encoding (Latin-1, Windows-1252): retype it and save as UTF-8")]) \
                    from None
    offset, err = first
    raise ValidationError([Problem(shown, raw[:offset].count(b"\n") + 1, None,
        f"is not valid {' or '.join(candidates)} text (byte {offset} is not valid {err.encoding})",
        "save the file as UTF-8 CSV, or name its encoding with --encoding")])


def _mostly_utf8(raw: bytes) -> bool:
    """More well-formed UTF-8 letters beyond ASCII than malformed bytes: UTF-8 with a stray byte."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return len(re.findall(r"[^\x00-\x7f\ufffd]", text)) > bad


def read_table(path: str | os.PathLike, *, encoding: str | None = "utf-8-sig",
               delimiter: str | None = ",") -> pd.DataFrame:
    """Read a CSV table as text: every cell a NFC-normalised, stripped ``str``.

    The frame gets a ``_line`` column with the physical line on which each record starts
    (the header is line 1; a quoted cell may span lines), so errors can name the line.
    Empty cells are ``""``, never NaN: what a researcher typed is what is kept.

    Parameters
    ----------
    encoding
        ``None`` detects it (see :func:`decode`).
    delimiter
        ``None`` detects comma, semicolon or tab from the header line.

    Raises
    ------
    ValidationError
        If the file is not valid text (naming the line), has no header or a row too long.
    """
    path = Path(path)
    shown = display_path(path)
    text, _ = decode(path.read_bytes(), shown, encoding)
    return parse_csv(nfc(text), shown, delimiter)


def parse_csv(text: str, shown: str, delimiter: str | None = ",") -> pd.DataFrame:
    """Parse CSV ``text`` into a text frame with ``_line`` (see :func:`read_table`).

    Line ends are normalised to ``\\n`` everywhere, inside quoted cells too (a CRLF file keeps
    its multi-line quotes comparable with the source texts, which are read the same way).
    Parsing is strict: a quote that is never closed is refused at the line where it opens,
    rather than swallowing every later row into one cell. Header cells that are empty and
    whose column is empty are dropped (Excel's trailing ``,,,``); a column named twice is refused.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count)
    # a long cell is refused by check_cells with its line and field, not by the csv module's limit
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, lines, problems, header = [], [], [], []
    start = 1
    try:
        header = [h.strip() for h in next(reader)]
        start = reader.line_num + 1
        for record in reader:
            if any(cell.strip() for cell in record):
                cells = [c.strip() for c in record]
                if len(cells) > len(header) and any(cells[len(header):]):
                    problems.append(Problem(shown, start, None,
                        f"has {len(cells)} cells but the header names {len(header)} columns",
                        "quote cells that contain commas with double quotes"))
                rows.append((cells + [""] * len(header))[: len(header)])
                lines.append(start)
            start = reader.line_num + 1
    except StopIteration:
        raise ValidationError([Problem(shown, 1, None, "is empty", "the first line must name the columns")]) from None
    except csv.Error as err:
        raise ValidationError([_csv_problem(err, text, shown, delimiter, header, start, reader.line_num)]) from None
    if problems:
        raise ValidationError(problems)
    frame = records_frame(header, rows, lines, shown)
    frame.attrs["delimiter"] = delimiter
    return frame


def _csv_problem(err: csv.Error, text: str, shown: str, delimiter: str, header: list[str], start: int,
                 line: int) -> Problem:
    if "unexpected end of data" in str(err):
        opened, column = _unclosed_quote(text.split("\n"), start, delimiter)
        name = header[column] if column < len(header) and header[column] else None
        return Problem(shown, opened, name,
                       "a double quote opens here and is never closed, so every later line would join one cell",
                       'close the quote, or write a quote that belongs to the text as two ("")')
    where = f"; the quoted cell that opens on this line runs to line {line}" if line > start else ""
    return Problem(shown, start, None, f"is not valid CSV ({err}{where})",
                   'a quoted cell must end right after its closing quote; write a quote inside the text as two ("")')


def _unclosed_quote(lines: list[str], start: int, delimiter: str) -> tuple[int, int]:
    """Where the quote left open at the end of the text was opened: its line (1-based) and column (0-based).

    A small CSV scanner from the record starting at line ``start``: only a quote at the start
    of a cell opens a quoted cell, and a doubled quote inside one is text, as the csv module reads them.
    """
    state, opened, cell = "start", (start, 0), 0
    for number, line in enumerate(lines[start - 1:], start=start):
        for char in line + "\n":
            if state == "quoted":
                state = "closing" if char == '"' else "quoted"
            elif state == "closing" and char == '"':
                state = "quoted"
            elif char in (delimiter, "\n"):
                state, cell = "start", (cell + 1 if char == delimiter else 0)
            elif state == "start" and char == '"':
                state, opened = "quoted", (number, cell)
            else:
                state = "plain"
    return opened


def records_frame(header: list[str], rows: list[list[str]], lines: list[int], shown: str,
                  header_line: int = 1) -> pd.DataFrame:
    """A text frame from a header and equally long rows, after the header checks every reader needs.

    Unnamed columns are dropped when every cell under them is empty, and refused (at the first
    row holding something) otherwise; a column named twice is refused.
    """
    problems = []
    for i, name in enumerate(header):
        if not name:
            used = next((line for row, line in zip(rows, lines) if row[i]), None)
            if used is not None:
                problems.append(Problem(shown, used, None, f"has a value in column {i + 1}, which has no name",
                                        f"name the column in line {header_line}, or delete the value"))
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if name and name in seen:
            problems.append(Problem(shown, header_line, name,
                f"names the column {name!r} twice (columns {seen[name] + 1} and {i + 1})",
                "keep one of the two columns: delete or rename the other"))
        seen.setdefault(name, i)
    if problems:
        raise ValidationError(problems)
    keep = [i for i, name in enumerate(header) if name]
    return text_frame([[row[i] for i in keep] for row in rows], [header[i] for i in keep], lines, shown)


def cell_problems(frame: pd.DataFrame) -> list[Problem]:
    """Cells that no table should take from an input file, each with its line and field.

    A cell over :data:`MAX_CELL` characters; a control character (a NUL byte would make the
    stored CSV a "binary file" to every tool); and, in a CSV file, a multi-line cell one of
    whose lines reads as a whole row: the sign of a quote never closed, which would otherwise
    swallow the rows after it into one cell.
    """
    shown, delimiter = frame.attrs.get("path", ""), frame.attrs.get("delimiter")
    columns = [c for c in frame.columns if c != LINE]
    problems = []
    for column in columns:
        cells = frame[column].astype(str)
        suspect = (cells.str.len() > MAX_CELL) | cells.str.contains(CONTROL)
        if delimiter:
            suspect |= cells.str.contains("\n", regex=False)
        for index in frame.index[suspect]:
            cell, line = cells[index], _cell_line(frame.loc[index], column, columns)
            control = CONTROL.search(cell)
            if len(cell) > MAX_CELL:
                problems.append(Problem(shown, line, column, f"holds {len(cell):,} characters, more than the "
                    f"{MAX_CELL:,} a cell may hold", "a quote is one sentence and a note a remark; "
                    "keep longer text in the source file"))
            elif control:
                char = control.group()
                problems.append(Problem(shown, line + cell[:control.start()].count("\n"), column,
                    f"holds the control character U+{ord(char):04X} ({CONTROL_NAMES.get(char, 'control')})",
                    "delete it; it often comes from a file saved in another encoding or a broken export"))
            elif delimiter and (inner := _row_inside(cell, delimiter, len(columns))) is not None:
                problems.append(Problem(shown, line, column,
                    f"a quoted cell starts here and runs on for {cell.count(chr(10))} more line(s); "
                    f"line {line + inner} inside it reads as a row of its own",
                    'a double quote is probably not closed: close it, or write a quote that belongs to '
                    'the text as two ("")'))
    return problems


def _cell_line(row: pd.Series, column: str, columns: list[str]) -> int:
    """The physical line on which ``row[column]`` starts (earlier cells of the record may span lines)."""
    before = columns[: columns.index(column)]
    return int(row[LINE]) + sum(str(row[c]).count("\n") for c in before)


def _row_inside(cell: str, delimiter: str, width: int) -> int | None:
    """The offset (1-based) of the first line after the first of ``cell`` that parses as ``width`` cells or more."""
    for offset, line in enumerate(cell.split("\n")[1:], start=1):
        if width > 2 and len(next(csv.reader([line], delimiter=delimiter), [])) >= width:
            return offset
    return None


def text_frame(rows: list[list[str]], header: list[str], lines: list[int], shown: str) -> pd.DataFrame:
    """A frame of ``str`` cells with its ``_line`` column and ``attrs['path']``."""
    frame = pd.DataFrame(rows, columns=header, dtype=object).astype(str) if rows else \
        pd.DataFrame({h: pd.Series(dtype=str) for h in header})
    frame[LINE] = pd.Series(lines, dtype="int64")
    frame.attrs["path"] = shown
    return frame


def write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically: a temporary file beside it, then a rename.

    A crash or a full disk leaves either the old file or the new one, never half of one.
    The file gets the permissions a new file gets (``0o666`` less the umask), not the
    private ``0o600`` of a temporary file, so a shared folder can read what is written.
    """
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding=encoding, newline="") as handle:
            handle.write(text)


@contextmanager
def atomic_path(path: str | os.PathLike, *, fsync: bool = True) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` when the block ends.

    The one way the package writes a file whole (:func:`write_text`, the figures, the deck and
    the workbook): a crash or a full disk leaves the old file or the new one, never half of one,
    and an exception leaves no temporary file. The new file gets a new file's permissions
    (``0o666`` less the umask), not the private ``0o600`` of a temporary file; with ``fsync``
    its bytes reach the disk before the rename.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if fsync:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (a power cut could otherwise undo them)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def umask() -> int:
    """The process's umask.

    Read from ``/proc`` where there is one: setting and restoring it (the only portable way)
    would briefly give files that other threads create at that moment the wrong mode.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def csv_text(frame: pd.DataFrame, columns: list[str] | None = None) -> str:
    """The UTF-8 CSV text of a table as the store keeps it: LF line ends, no ``_line`` column."""
    frame = frame.drop(columns=[LINE], errors="ignore")
    if columns is not None:
        frame = frame[columns]
    return frame.to_csv(index=False, lineterminator="\n")


def write_table(frame: pd.DataFrame, path: str | os.PathLike, columns: list[str] | None = None) -> None:
    """Write ``frame`` as UTF-8 CSV atomically (see :func:`write_text`), without the ``_line`` column."""
    write_text(path, csv_text(frame, columns))


def neutralise_formula(cell):
    """Prefix text a spreadsheet would run as a formula with ``'``; plain numbers in text stay as they are."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r") \
            and not re.fullmatch(r"[+-]?\d+(\.\d+)?", cell):
        return "'" + cell
    return cell


def export_csv(frame: pd.DataFrame) -> str:
    """The CSV text of ``frame`` as the pack exports it: dates ``YYYY-MM-DD``, formulas neutralised.

    The store keeps what a source or a researcher wrote; everything the project *exports*
    (figure data, tables) prefixes a cell that a spreadsheet would execute with ``'``.
    """
    out = frame.drop(columns=[LINE], errors="ignore").copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[col] = series.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            out[col] = series.map(lambda c: f"{c:%Y-%m-%d}" if isinstance(c, pd.Timestamp) else neutralise_formula(c),
                                  na_action="ignore").astype(object)
    return out.to_csv(index=False, lineterminator="\n")


def write_export(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write ``frame`` as an exported CSV (see :func:`export_csv`), atomically."""
    write_text(path, export_csv(frame))
