"""Reading and writing the tables: UTF-8 CSV, NFC text, physical line numbers, atomic writes."""
from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .errors import Problem, ValidationError
from .text import nfc

__all__ = ["read_table", "parse_csv", "decode", "write_table", "write_text", "display_path", "LINE",
           "export_csv", "write_export", "neutralise_formula", "csv_text", "records_frame", "umask",
           "cell_problems", "MAX_CELL", "visible", "MAX_INPUT_BYTES", "MAX_INPUT_ROWS", "MAX_INPUT_CELLS",
           "read_bounded", "check_input_size", "listed", "describe_control", "MANY_COLUMNS", "header_controls",
           "restore_formulas"]

#: Name of the column :func:`read_table` adds with each row's physical line number.
LINE = "_line"

#: The longest cell an input file may hold: a quote is one sentence, a note a remark.
MAX_CELL = 10_000

#: Control characters a cell may not hold (tab and line feed may; CR is read as a line end).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

CONTROL_NAMES = {"\x00": "NUL", "\x1a": "SUB, an old end-of-file mark", "\x1b": "ESC", "\x7f": "DEL"}

#: What no message may echo raw: control characters (a terminal runs ``ESC ...`` as a command) and the
#: bidirectional controls U+202A-U+202E, U+2066-U+2069 (they reorder the text shown after them).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: The most ``add`` reads from one input file: 64 MB, 100,000 rows, 5,000,000 cells (rows x columns).
#: A quarter's figures are a few hundred rows; a file beyond these is refused at once, before it fills
#: the memory (a million rows needed 4.4 GB).
MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_INPUT_ROWS = 100_000
MAX_INPUT_CELLS = 5_000_000
SPLIT_HINT = (f"add takes at most {MAX_INPUT_BYTES // (1024 * 1024)} MB, {MAX_INPUT_ROWS:,} rows and "
              f"{MAX_INPUT_CELLS:,} cells from one file: split it into smaller files and add them one by one")

#: The csv module's limit on one cell (its default, 131,072 characters, ends in a traceback).
FIELD_SIZE_LIMIT = 64 * 1024 * 1024


def display_path(path: Path) -> str:
    """Path as shown in messages: relative to the working directory when it is below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def visible(text: str, width: int | None = None) -> str:
    r"""``text`` safe to print: each control or bidirectional control character written as ``U+001B``.

    Parameters
    ----------
    width
        Shorten to this many characters (with ``…``): a message quotes a cell, it does not copy it.

    >>> visible("\x1b]0;PWNED\x07 \u202e")
    'U+001B]0;PWNEDU+0007 U+202E'
    """
    text = UNSAFE.sub(lambda match: f"U+{ord(match.group()):04X}", str(text))
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def say(message: object, file=None, flush: bool = False) -> None:
    r"""Print ``message`` for a person at a terminal, each control character shown as ``U+001B``.

    A file name, a cell or an argument quoted in a message can hold an escape sequence that would
    retitle or recolour the terminal; :func:`visible` writes it out instead. Newlines and tabs stay.

    >>> say("error: a\x1b]0;PWNED\x07.csv: no such file", file=sys.stdout)
    error: aU+001B]0;PWNEDU+0007.csv: no such file
    """
    print(visible(message), file=sys.stdout if file is None else file, flush=flush)


def say_on_stderr(message: object) -> None:
    """:func:`say` on standard error, at once: how a lock wait or a recovery tells the person running it."""
    say(message, file=sys.stderr, flush=True)


def describe_control(char: str) -> str:
    """``U+001B (ESC)``: how a message names a control character it refuses."""
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        name = f"{unicodedata.name(char)}, a bidirectional control that reorders the text shown after it"
    else:
        name = CONTROL_NAMES.get(char, "control")
    return f"U+{ord(char):04X} ({name})"


def read_bounded(path: str | os.PathLike, shown: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path``, refused once there are more than ``limit`` (a pipe is never read to its end).

    Raises
    ------
    ValidationError
        Beyond ``limit`` bytes (:data:`MAX_INPUT_BYTES` by default).
    """
    with open(path, "rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise ValidationError([Problem(shown, None, None, f"holds more than {limit / (1024 * 1024):g} MB",
                                       SPLIT_HINT)])
    return raw


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


def _cp1258_bytes() -> dict[str, int]:
    table = {}
    for byte in range(256):
        try:
            table[bytes([byte]).decode("cp1258")] = byte
        except UnicodeDecodeError:
            pass
    return table


_CP1258 = _cp1258_bytes()


def _chars(first: int, last: int) -> str:
    return "".join(re.escape(ch) for ch, byte in _CP1258.items() if first <= byte <= last)


#: The UTF-8 bytes of a letter beyond ASCII as Windows-1258 reads them: a lead byte, then 1-3
#: continuation bytes (``ú`` is ``C3 BA``, read ``Ăº``; ``ế`` is ``E1 BA BF``, read ``áº¿``).
_UTF8_IN_CP1258 = re.compile("(?:[{l2}][{c}]|[{l3}][{c}]{{2}}|[{l4}][{c}]{{3}})+".format(
    c=_chars(0x80, 0xBF), l2=_chars(0xC2, 0xDF), l3=_chars(0xE0, 0xEF), l4=_chars(0xF0, 0xF4)))

#: The letters beyond ASCII of Vietnamese text (precomposed, as text on the web is): only a run
#: that reads as these is taken for UTF-8, so ``È”`` (``C8 94``) in a Windows-1258 heading is not.
_VIETNAMESE_LETTERS = re.compile("[ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]+")


def utf8_as_cp1258(text: str, frame: pd.DataFrame) -> list[Problem]:
    """Cells of a file read as Windows-1258 that hold UTF-8 text (pasted from a web page, say).

    ``text`` is the decoded file before NFC, with ``\\n`` line ends; ``frame`` what was parsed
    from it. A run of characters whose Windows-1258 bytes are well-formed UTF-8 for Vietnamese letters
    (``chĂº`` is the UTF-8 of ``chú``) would be stored as that garble; each cell holding one is
    a problem at its line and field.
    """
    problems, seen = [], set()
    for match in _UTF8_IN_CP1258.finditer(text):
        try:
            meant = bytes(_CP1258[ch] for ch in match.group()).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not _VIETNAMESE_LETTERS.fullmatch(meant):
            continue
        line = text.count("\n", 0, match.start()) + 1
        field = _field_holding(frame, line, nfc(match.group()))
        if (line, field) in seen:
            continue
        seen.add((line, field))
        problems.append(Problem(frame.attrs.get("path", ""), line, field,
            f"holds UTF-8 text in a file read as Windows-1258: {visible(match.group(), 40)!r} is how "
            f"Windows-1258 reads the UTF-8 of {meant!r}, and would be stored so",
            "the cell was pasted from a UTF-8 source (a web page); save the whole file as CSV UTF-8 "
            "(Excel: Save As, CSV UTF-8) and add it again, or retype the cell"))
    return problems


def _field_holding(frame: pd.DataFrame, line: int, snippet: str) -> str | None:
    """The column of the record spanning physical ``line`` whose cell holds ``snippet``, if one does."""
    records = frame[frame[LINE] <= line] if LINE in frame.columns else frame.iloc[0:0]
    if records.empty:
        return None
    row = records.iloc[-1]
    tail = snippet[1:] or snippet   # NFC may join the first character with the letter before it
    return next((c for c in frame.columns if c != LINE and tail in str(row[c])), None)


def read_table(path: str | os.PathLike, *, encoding: str | None = "utf-8-sig",
               delimiter: str | None = ",", limit: bool = False) -> pd.DataFrame:
    """Read a CSV table as text: every cell a NFC-normalised, stripped ``str``.

    The frame gets a ``_line`` column with the physical line on which each record starts
    (the header is line 1; a quoted cell may span lines), so errors can name the line.
    Empty cells are ``""``, never NaN: what a researcher typed is what is kept.

    Parameters
    ----------
    encoding
        ``None`` detects it (see :func:`decode`).
    delimiter
        ``None`` detects comma, semicolon or tab from the header line, or takes the one Excel's
        ``sep=;`` first line names (that line is then skipped; the header is line 2).
    limit
        Refuse a file beyond :data:`MAX_INPUT_BYTES`, :data:`MAX_INPUT_ROWS` or
        :data:`MAX_INPUT_CELLS` as soon as that is seen (a file given to ``add``).

    Raises
    ------
    ValidationError
        If the file is not valid text (naming the line), has no header or a row too long;
        if a file read as Windows-1258 holds a cell of UTF-8 text (see :func:`utf8_as_cp1258`).
    """
    path = Path(path)
    shown = display_path(path)
    raw = read_bounded(path, shown) if limit else path.read_bytes()
    text, used = decode(raw, shown, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    frame = parse_csv(nfc(text), shown, delimiter, max_rows=MAX_INPUT_ROWS if limit else None)
    if codecs.lookup(used).name == "cp1258":
        problems = utf8_as_cp1258(text, frame)
        if problems:
            raise ValidationError(problems)
    return frame


def parse_csv(text: str, shown: str, delimiter: str | None = ",", *, max_rows: int | None = None) -> pd.DataFrame:
    """Parse CSV ``text`` into a text frame with ``_line`` (see :func:`read_table`).

    Line ends are normalised to ``\\n`` everywhere, inside quoted cells too (a CRLF file keeps
    its multi-line quotes comparable with the source texts, which are read the same way).
    Parsing is strict: a quote that is never closed is refused at the line where it opens,
    rather than swallowing every later row into one cell. Header cells that are empty and
    whose column is empty are dropped (Excel's trailing ``,,,``); a column named twice is refused.

    With ``delimiter`` ``None``, a first line ``sep=;`` (Excel writes it to name the delimiter)
    sets the delimiter and is skipped: the header is then line 2 (``attrs['header_line']``).
    With ``max_rows``, a row beyond that many (or beyond :data:`MAX_INPUT_CELLS` cells) is
    refused at once, before the rest of the text is parsed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = text.split("\n", 1)[0]
    named = _SEP_LINE.fullmatch(first.strip()) if delimiter is None else None
    if named:
        delimiter = named.group(1)
    elif delimiter is None:
        delimiter = max((",", ";", "\t"), key=first.count)
    # a long cell is refused by check_cells with its line and field, not by the csv module's limit
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, lines, problems, header = [], [], [], []
    start = header_line = 2 if named else 1
    try:
        if named:
            next(reader)
        header = [h.strip() for h in next(reader)]
        start = reader.line_num + 1
        for record in reader:
            if any(cell.strip() for cell in record):
                if max_rows is not None:
                    check_input_size(shown, start, len(rows) + 1, len(header), max_rows)
                cells = [c.strip() for c in record]
                if len(cells) > len(header) and any(cells[len(header):]):
                    problems.append(Problem(shown, start, None,
                        f"has {len(cells)} cells but the header names {len(header)} columns",
                        "quote cells that contain commas with double quotes"))
                rows.append((cells + [""] * len(header))[: len(header)])
                lines.append(start)
            start = reader.line_num + 1
    except StopIteration:
        raise ValidationError([Problem(shown, header_line, None, "is empty",
                                       f"the {'first' if header_line == 1 else 'second'} line must name the "
                                       "columns")]) from None
    except csv.Error as err:
        raise ValidationError([_csv_problem(err, text, shown, delimiter, header, start, reader.line_num)]) from None
    if problems:
        raise ValidationError(problems)
    frame = records_frame(header, rows, lines, shown, header_line)
    frame.attrs["delimiter"] = delimiter
    frame.attrs["header_line"] = header_line
    return frame


#: Excel's first line naming the delimiter of the lines after it (``sep=;``), quoted or not.
_SEP_LINE = re.compile(r'"?sep=([,;\t|])"?[,;\t]*')


def check_input_size(shown: str, line: int, rows: int, width: int, max_rows: int = MAX_INPUT_ROWS) -> None:
    """Refuse the ``rows``-th row (at ``line``) of an input when it is one too many, or its cells are.

    Raises
    ------
    ValidationError
        Naming the line; the hint states the caps (:data:`MAX_INPUT_ROWS`, :data:`MAX_INPUT_CELLS`).
    """
    if rows > max_rows:
        message = (f"holds a value beyond the {max_rows:,} rows a file given to add may hold "
                   f"(row {rows:,} below the header)")
    elif rows * width > MAX_INPUT_CELLS:
        message = (f"brings the file to {rows:,} rows of {width:,} columns, more than the {MAX_INPUT_CELLS:,} "
                   "cells a file given to add may hold")
    else:
        return
    raise ValidationError([Problem(shown, line, None, message, SPLIT_HINT)])


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

    Unnamed columns are dropped when every cell under them is empty, and
    refused (at the first row holding something) otherwise, in one line when there are more
    than :data:`MANY_COLUMNS` of them; a column named twice is refused.
    """
    problems = _unnamed_used(header, rows, lines, shown, header_line)
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if name and name in seen:
            problems.append(Problem(shown, header_line, visible(name, 60),
                f"names the column {visible(name, 60)!r} twice (columns {seen[name] + 1} and {i + 1})",
                "keep one of the two columns: delete or rename the other"))
        seen.setdefault(name, i)
    if problems:
        raise ValidationError(problems)
    keep = [i for i, name in enumerate(header) if name]
    return text_frame([[row[i] for i in keep] for row in rows], [header[i] for i in keep], lines, shown)


#: Beyond this many columns with the same problem, one line names the first few and counts the rest.
MANY_COLUMNS = 10


def listed(items: list, head: int = 5) -> str:
    """The first ``head`` items and how many more: ``a, b, c and 4,997 more``.

    >>> listed(["a", "b"]), listed(list(range(8)), 3)
    ('a, b', '0, 1, 2 and 5 more')
    """
    shown = ", ".join(str(item) for item in items[:head])
    return shown + (f" and {len(items) - head:,} more" if len(items) > head else "")


def header_controls(header: list[str], shown: str, header_line: int = 1) -> list[Problem]:
    """Header cells holding a control or bidirectional control character, each shown with it as ``U+001B``.

    A name is checked like a cell (:func:`cell_problems`), and never echoed raw: an ``ESC``
    sequence in it would set the title or colours of the terminal that prints the message.
    """
    problems = []
    for i, name in enumerate(header):
        if match := UNSAFE.search(name):
            problems.append(Problem(shown, header_line, None,
                f"the name of column {i + 1}, {visible(name, 60)!r}, holds the control character "
                f"{describe_control(match.group())}",
                "delete it: a column's name is one of the table's columns, typed plainly; control "
                "characters often come from a broken export"))
    return problems


def _unnamed_used(header: list[str], rows: list[list[str]], lines: list[int], shown: str,
                  header_line: int) -> list[Problem]:
    """Columns without a name that hold a value: one problem each, or one for all beyond a few."""
    used = [(i, line) for i, name in enumerate(header) if not name
            for line in [next((line for row, line in zip(rows, lines) if row[i]), None)] if line is not None]
    hint = f"name the column in line {header_line}, or delete the value"
    if len(used) > MANY_COLUMNS:
        first = min(line for _, line in used)
        return [Problem(shown, first, None, f"has values in {len(used):,} columns that have no name: columns "
                                            f"{listed([i + 1 for i, _ in used])}", hint.replace("column", "columns")
                        .replace("the value", "the values"))]
    return [Problem(shown, line, None, f"has a value in column {i + 1}, which has no name", hint)
            for i, line in used]


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
                    f"holds the control character {describe_control(char)}",
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


def restore_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each cell :func:`neutralise_formula` protected read back to its text (``'=x`` → ``=x``).

    A file ``extract`` wrote (and a spreadsheet kept) holds ``'=HYPERLINK(...)`` where the article
    says ``=HYPERLINK(...)``; ``add`` compares the text, so that a quote still matches its source.
    Only a ``'`` before what :func:`neutralise_formula` prefixes is removed (``'-5`` stays).
    """
    out = frame.copy()
    for column in out.columns:
        if column != LINE and out[column].astype(str).str.startswith("'").any():
            out[column] = out[column].map(_restore_formula)
    out.attrs = dict(frame.attrs)
    return out


def _restore_formula(cell):
    if isinstance(cell, str) and cell[:1] == "'" and neutralise_formula(cell[1:]) != cell[1:]:
        return cell[1:]
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
