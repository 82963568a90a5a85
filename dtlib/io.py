"""Reading and writing the tables: UTF-8 CSV, NFC text, physical line numbers, atomic writes."""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from .errors import Problem, ValidationError
from .text import nfc

__all__ = ["read_table", "parse_csv", "decode", "write_table", "write_text", "display_path", "LINE",
           "export_csv", "write_export", "neutralise_formula"]

#: Name of the column :func:`read_table` adds with each row's physical line number.
LINE = "_line"


def display_path(path: Path) -> str:
    """Path as shown in messages: relative to the working directory when it is below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


ENCODINGS = ("utf-8-sig", "utf-16", "cp1258")


def decode(raw: bytes, shown: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding used)``.

    With ``encoding`` given, only that is tried. Otherwise: a UTF-16 byte-order mark means
    UTF-16 (Excel's "Unicode text"), then UTF-8 (with or without BOM), then Windows-1258
    (Excel's "CSV" on a Vietnamese Windows). Windows-1258 spells some tones as combining
    marks, so the text is NFC-normalised afterwards.
    """
    if encoding:
        candidates = (encoding,)
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1258")
    for candidate in candidates:
        try:
            return raw.decode(candidate), candidate
        except (UnicodeDecodeError, LookupError) as err:
            last = err
    start = getattr(last, "start", 0)
    line = raw[:start].count(b"\n") + 1
    raise ValidationError([Problem(shown, line, None,
        f"is not valid {' or '.join(candidates)} text (byte {start})",
        "save the file as UTF-8 CSV, or name its encoding with --encoding")])


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
    """Parse CSV ``text`` into a text frame with ``_line`` (see :func:`read_table`)."""
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ValidationError([Problem(shown, 1, None, "is empty", "the first line must name the columns")]) from None
    rows, lines, problems = [], [], []
    start = reader.line_num + 1
    for record in reader:
        if any(cell.strip() for cell in record):
            cells = [c.strip() for c in record]
            if len(cells) > len(header) and any(cells[len(header):]):
                problems.append(Problem(shown, start, None,
                    f"has {len(cells)} cells but the header names {len(header)} columns",
                    "quote cells that contain commas with double quotes"))
            cells = (cells + [""] * len(header))[: len(header)]
            rows.append(cells)
            lines.append(start)
        start = reader.line_num + 1
    if problems:
        raise ValidationError(problems)
    return text_frame(rows, header, lines, shown)


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
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(frame: pd.DataFrame, path: str | os.PathLike, columns: list[str] | None = None) -> None:
    """Write ``frame`` as UTF-8 CSV atomically (see :func:`write_text`), without the ``_line`` column."""
    frame = frame.drop(columns=[LINE], errors="ignore")
    if columns is not None:
        frame = frame[columns]
    write_text(path, frame.to_csv(index=False, lineterminator="\n"))


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
