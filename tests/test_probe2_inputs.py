"""The second reliability probe's cases for what ``add`` reads (shared/reference/reliability-probe-2.md).

Workbooks (X01, X02, X12), the size and kind of an input file (B01, B13, B14, B15) and its
text (B08, B09, B10, B11). Each test reproduces its case on a copy of data/ with the probe's
invented source text and asserts what a person now sees: the file, line, field and hint, and
that a refused input leaves the store byte-identical. data/ itself is never written.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from dtlib.data.errors import UsageError
from dtlib.intake.ingest import add
from dtlib.data.io import MAX_INPUT_ROWS

from .test_ingest import cp1258
from .test_probe import refused
from .test_probe_ingest import (HEADER, R1, R2, R3, R4, ROOT, cli, snapshot, src, store,  # noqa: F401 (fixtures)
                                workbook, write_csv)


def added_indicators(change) -> set[str]:
    return {row["indicator"] for row in change.added}


@contextmanager
def opened(path: Path):
    """The workbook at ``path`` in openpyxl, saved when the block ends (to hide its sheets, rows, columns)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    yield book
    book.save(path)


# ------------------------------------------------------------------------ workbooks: X01, X02, X12

@pytest.mark.heavy
def test_X01_hidden_and_very_hidden_sheets_are_skipped_and_named_in_the_notes(store, src, tmp_path, capsys):
    """X01: rows on a hidden or very hidden sheet are not added; the notes name each sheet and its rows."""
    path = workbook(tmp_path / "hidden_sheet.xlsx", {"Sheet1": [R1], "old": [R2], "older": [R3, R4]})
    with opened(path) as book:
        book["old"].sheet_state = "hidden"
        book["older"].sheet_state = "veryHidden"
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 0, err
    assert f"{path}: added 1 observations row(s)" in out.splitlines()[0]
    assert f"{path}: skipped hidden sheet 'old' (1 row)" in out.splitlines()
    assert f"{path}: skipped very hidden sheet 'older' (2 rows)" in out.splitlines()
    assert "households_fibre_pct" in (store / "observations.csv").read_text(encoding="utf-8")
    assert "Toàn tỉnh có 1.761 Tổ" not in (store / "observations.csv").read_text(encoding="utf-8")


def test_X01_a_workbook_with_rows_only_on_a_hidden_sheet_is_refused_naming_it(store, src, tmp_path):
    """X01: when only a hidden sheet holds rows, nothing is added and the message says how to unhide it."""
    path = workbook(tmp_path / "only_hidden.xlsx", {"Sheet1": [], "old": [R2]})
    with opened(path) as book:
        book["old"].sheet_state = "hidden"
    [problem] = refused(path, store, sources_file=src)
    assert (problem.file, problem.line) == (str(path), None)
    assert problem.message == "holds rows only on hidden sheets ('old'), which are not read"
    assert "Unhide" in problem.hint


@pytest.mark.heavy
def test_X02_hidden_rows_and_rows_an_autofilter_filters_out_are_skipped_and_listed(store, src, tmp_path, capsys):
    """X02: rows 3 and 4 hidden (row 4 as an AutoFilter leaves it) are not added; the notes list them."""
    path = workbook(tmp_path / "hidden_rows.xlsx", {"Sheet": [R1, R2, R3, R4]})
    with opened(path) as book:
        sheet = book["Sheet"]
        sheet.auto_filter.ref = "A1:J5"
        sheet.auto_filter.add_filter_column(1, ["households_fibre_pct", "dossiers_online_province_pct"])
        sheet.row_dimensions[3].hidden = True
        sheet.row_dimensions[4].hidden = True
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store, "--dry-run")
    assert code == 0, err
    assert out.splitlines()[0].startswith(f"{path}: would add 2 observations row(s)")
    assert (f"{path}: sheet 'Sheet': skipped 2 hidden rows: 3, 4 (a row hidden in Excel, or filtered out by an "
            "AutoFilter, is not read)") in out.splitlines()
    change = add(path, store, sources_file=src)
    assert added_indicators(change) == {"households_fibre_pct", "dossiers_online_province_pct"}


@pytest.mark.heavy
def test_a_hidden_column_is_read_and_named_in_the_notes(store, src, tmp_path, capsys):
    """The re-run of probe 2 (7 Dec 2026): a hidden column ('note') was read with no word of it."""
    path = workbook(tmp_path / "hidden_column.xlsx", {"Sheet": [R1, R2]})
    with opened(path) as book:
        sheet = book["Sheet"]
        column = [c.column_letter for c in sheet[1] if c.value == "note"][0]
        sheet.column_dimensions[column].hidden = True
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store, "--dry-run")
    assert code == 0, err
    assert out.splitlines()[0].startswith(f"{path}: would add 2 observations row(s)")
    assert (f"{path}: sheet 'Sheet': read 1 column hidden in Excel: 'note' ({column}) (a hidden column is read "
            "like the others: check that it holds what you mean to add)") in out.splitlines()
    plain = workbook(tmp_path / "plain.xlsx", {"Sheet": [R1, R2]})
    code, out, err = cli(capsys, "add", plain, "--sources", src, "--data", store, "--dry-run")
    assert code == 0 and "hidden in Excel" not in out


def test_X02_a_problem_in_a_visible_row_still_names_its_excel_row(store, src, tmp_path):
    """X02: skipping hidden rows does not renumber the rest: a problem names the row Excel shows."""
    path = workbook(tmp_path / "hidden_rows.xlsx", {"Sheet": [R1, R2, dict(R4, unit="lao-kai")]})
    with opened(path) as book:
        book["Sheet"].row_dimensions[3].hidden = True
    problems = refused(path, store, sources_file=src)
    assert [(p.line, p.field) for p in problems] == [(4, "unit")]


def far_workbook(path: Path, cell: str, rows: list[dict] = ()) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row.get(h, "") for h in HEADER])
    sheet[cell] = "."
    book.save(path)
    return path


def test_X12_X13_a_stray_cell_far_away_is_refused_at_once_without_padding(store, src, tmp_path):
    """X12: one value in XFD1048576 (a 5 KB file) is refused in a moment, naming its row and the cap.

    X13 stays fine: a stray value in A1048576 is refused the same way, one in XFD2 as a column
    without a name; a value in XFD400 is refused as too many cells (399 rows of 16,384 columns).
    """
    path = far_workbook(tmp_path / "far.xlsx", "XFD1048576")
    assert path.stat().st_size < 10_000
    started = time.monotonic()
    [problem] = refused(path, store, sources_file=src)
    assert time.monotonic() - started < 10
    assert (problem.file, problem.line, problem.field) == (str(path), 1_048_576, None)
    assert f"beyond the {MAX_INPUT_ROWS:,} rows a file given to add may hold" in problem.message
    assert "split it into smaller files" in problem.hint and "100,000 rows" in problem.hint

    [problem] = refused(far_workbook(tmp_path / "a.xlsx", "A1048576"), store, sources_file=src)
    assert problem.line == 1_048_576 and "100,000 rows" in problem.message
    [problem] = refused(far_workbook(tmp_path / "xfd2.xlsx", "XFD2"), store, sources_file=src)
    assert (problem.line, problem.message) == (2, "has a value in column 16384, which has no name")
    [problem] = refused(far_workbook(tmp_path / "wide.xlsx", "XFD400", [R1]), store, sources_file=src)
    assert problem.line == 400 and "399 rows of 16,384 columns, more than the 5,000,000 cells" in problem.message


# ------------------------------------------------------------------------------- file size: B01

@pytest.mark.heavy
def test_B01_a_file_beyond_100000_rows_is_refused_at_the_first_row_too_many(store, src, tmp_path):
    """B01: the row cap is stated in the error, which names the line of the first row beyond it."""
    line = ",".join(R1[h] for h in HEADER)
    path = tmp_path / "big.csv"
    path.write_text(",".join(HEADER) + "\n" + (line + "\n") * (MAX_INPUT_ROWS + 5), encoding="utf-8")
    started = time.monotonic()
    [problem] = refused(path, store, sources_file=src, dry_run=True)
    assert time.monotonic() - started < 30
    assert (problem.line, problem.field) == (MAX_INPUT_ROWS + 2, None)
    assert problem.message == ("holds a value beyond the 100,000 rows a file given to add may hold "
                               "(row 100,001 below the header)")
    assert problem.hint == ("add takes at most 64 MB, 100,000 rows and 5,000,000 cells from one file: split it "
                            "into smaller files and add them one by one")


def test_B01_a_file_over_64_mb_is_refused_before_it_is_decoded(store, src, tmp_path):
    """B01: the size cap (64 MB) is checked on the bytes read, so memory stays bounded."""
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.write((",".join(HEADER) + "\n").encode())
        handle.truncate(65 * 1024 * 1024)
    [problem] = refused(path, store, sources_file=src, dry_run=True)
    assert (problem.file, problem.line, problem.message) == (str(path), None, "holds more than 64 MB")
    assert "64 MB" in problem.hint


# ------------------------------------------------------------------------------ CSV text: B08-B11

@pytest.mark.heavy
def test_B08_an_excel_sep_line_names_the_delimiter_and_is_skipped(store, src, tmp_path):
    """B08: Excel's ``sep=;`` first line sets the delimiter; lines keep their physical numbers."""
    rows = [";".join(f'"{r[h]}"' if ";" in r[h] else r[h] for h in HEADER) for r in (R1, R2)]
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\n" + ";".join(HEADER) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert added_indicators(add(path, store, sources_file=src, dry_run=True)) == \
        {"households_fibre_pct", "community_digital_teams"}
    bad = tmp_path / "sep_bad.csv"
    bad.write_text('"sep=;"\r\n' + ";".join(HEADER) + "\r\n" + rows[0].replace("lai-chau", "lao-kai") + "\r\n",
                   encoding="utf-8-sig")
    problems = refused(bad, store, sources_file=src)
    assert [(p.line, p.field) for p in problems] == [(3, "unit")]


def test_B08_a_header_problem_after_a_sep_line_names_line_2(store, src, tmp_path):
    """B08: with the sep line skipped, the header is line 2, and a missing column is named there."""
    path = tmp_path / "sep.csv"
    path.write_text("sep=,\n" + ",".join(h for h in HEADER if h != "quote") + "\n", encoding="utf-8")
    [problem] = refused(path, store, sources_file=src)
    assert (problem.line, problem.field, problem.message) == (2, "quote", "column is missing from the header")


ESCAPES = "\x1b]0;PWNED\x07\x1b[31mRED\x1b[0m"


@pytest.mark.parametrize("name, shown", [(ESCAPES, "U+001B (ESC)"), ("a\x00b", "U+0000 (NUL)"),
                                         ("note\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE"),
                                         ("\u2066x", "U+2066 (LEFT-TO-RIGHT ISOLATE"), ("x\x85y", "U+0085 (control)")])
def test_B09_control_characters_in_a_header_cell_are_refused_and_never_echoed_raw(store, src, tmp_path, capsys,
                                                                                  name, shown):
    """B09: a header cell holding ESC/OSC sequences, NUL, C1 or bidi controls: refused at line 1, shown as U+XXXX."""
    path = tmp_path / "esc.csv"
    path.write_text(",".join([*HEADER, name]) + "\n" + ",".join(R1[h] for h in HEADER) + ",x\n", encoding="utf-8")
    before = snapshot(store)
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store, "--dry-run")
    assert code == 2 and out == ""
    assert not any(char in err for char in "\x1b\x07\x00\x85\u202e\u2066")
    [problem] = [line for line in err.splitlines() if "the name of column 11" in line]
    assert problem.startswith(f"{path} line 1: the name of column 11, '")
    assert f"holds the control character {shown}" in problem
    assert "U+001B]0;PWNEDU+0007U+001B[31mRED" in err or name != ESCAPES
    assert snapshot(store) == before


def test_B09_cells_echoed_in_messages_and_notes_show_control_characters_as_code_points(store, src, tmp_path,
                                                                                         capsys):
    """B09: an unclear keep mark holding ESC is quoted safely; so is the column list of a candidate file."""
    path = write_csv(tmp_path / "keep.csv", [dict(R1, keep="x\x1b[31m")], [*HEADER, "keep"])
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 2 and "\x1b" not in err
    assert f"{path} line 2, field 'keep': 'xU+001B[31m' is neither yes nor no" in err
    candidate = write_csv(tmp_path / "cand.csv", [dict(R1, kind="observation", keep="x")],
                          [*HEADER, "kind", "keep", ESCAPES])
    code, out, err = cli(capsys, "add", candidate, "--sources", src, "--data", store)
    assert code == 2 and out == "" and "\x1b" not in err and "\x07" not in err
    assert f"{candidate} line 1: the name of column 13, 'U+001B]0;PWNEDU+0007U+001B[31mRED" in err


@pytest.mark.parametrize("command", ["add", "extract", "report"])
def test_B09_a_file_or_folder_name_holding_escapes_is_named_with_code_points(store, src, tmp_path, capsys, command):
    """B09: the name of a missing file (or of a CSV with a problem) is quoted safely in every command's error."""
    missing = tmp_path / f"nope{ESCAPES}.csv"
    args = {"add": ["add", missing, "--data", store], "extract": ["extract", missing, "--data", store],
            "report": ["report", "--data", missing]}[command]
    code, out, err = cli(capsys, *args)
    assert code == 2 and out == ""
    assert "\x1b" not in err and "\x07" not in err
    assert "nopeU+001B]0;PWNEDU+0007U+001B[31mREDU+001B[0m.csv" in err


def test_B09_a_csv_whose_name_holds_escapes_names_itself_safely_on_every_problem_line(store, src, tmp_path, capsys):
    """B09: every problem line starts with the file's name, its ESC and BEL written as U+001B and U+0007."""
    path = tmp_path / f"a{ESCAPES}.csv"
    path.write_text("unit,indicator\nx,y\n", encoding="utf-8")
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store, "--dry-run")
    assert code == 2 and "\x1b" not in err and "\x07" not in err
    lines = [line for line in err.splitlines() if "column is missing" in line]
    assert lines and all(line.startswith(f"{tmp_path}/aU+001B]0;PWNEDU+0007") for line in lines)


@pytest.mark.heavy
def test_B10_five_thousand_unknown_columns_are_one_line_listing_a_few_and_the_count(store, src, tmp_path, capsys):
    """B10: 5,000 extra columns give one message line (not 5,001); unnamed ones with values too."""
    extra = [f"extra{i}" for i in range(5000)]
    path = tmp_path / "wide.csv"
    path.write_text(",".join([*HEADER, *extra]) + "\n" + ",".join([*(R1[h] for h in HEADER), *["1"] * 5000]) + "\n",
                    encoding="utf-8")
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == "1 problem(s); nothing was written:" and len(lines) == 2 and len(err) < 1000
    assert lines[1].startswith(f"{path} line 1: names 5,000 columns that are not columns of observations.csv: "
                               "'extra0', 'extra1', 'extra2', 'extra3', 'extra4' and 4,995 more (the columns are "
                               "unit, indicator,")
    unnamed = tmp_path / "unnamed.csv"
    unnamed.write_text(",".join(HEADER) + "," * 5000 + "\n" + ",".join([*(R1[h] for h in HEADER), *["1"] * 5000])
                       + "\n", encoding="utf-8")
    [problem] = refused(unnamed, store, sources_file=src)
    assert (problem.line, problem.message) == (2, "has values in 5,000 columns that have no name: columns 11, 12, 13, "
                                                  "14, 15 and 4,995 more")


def test_B10_a_few_unknown_columns_are_still_one_line_each(store, src, tmp_path):
    """B10: up to ten unknown columns are named one per line, each as its own field (A49 stays as it was)."""
    path = write_csv(tmp_path / "two.csv", [R1], [*HEADER, "comment", "remark"])
    problems = refused(path, store, sources_file=src)
    assert [(p.line, p.field, p.message) for p in problems] == [
        (1, "comment", "is not a column of observations.csv"), (1, "remark", "is not a column of observations.csv")]


def test_B11_a_utf8_cell_in_a_windows_1258_file_is_refused_at_its_line_and_field(store, src, tmp_path):
    """B11: a note pasted as UTF-8 into a Windows-1258 file is refused, not stored as ``ghi chĂº tiáº¿ng``."""
    path = write_csv(tmp_path / "w1258.csv", [R2, dict(R1, note="NOTE")], encoding="cp1258")
    path.write_bytes(path.read_bytes().replace(b"NOTE", "ghi chú tiếng Việt".encode("utf-8")))
    assert cp1258("Tỷ lệ") in path.read_bytes()   # the rest of the file is Windows-1258
    [problem] = refused(path, store, sources_file=src)
    assert (problem.file, problem.line, problem.field) == (str(path), 3, "note")
    assert problem.message.startswith("holds UTF-8 text in a file read as Windows-1258: 'Ăº' is how "
                                      "Windows-1258 reads the UTF-8 of 'ú'")
    assert "save the whole file as CSV UTF-8" in problem.hint


@pytest.mark.heavy
def test_B11_a_plain_windows_1258_file_with_quotes_and_capitals_is_still_added(store, src, tmp_path):
    """B11: genuine Windows-1258 text (tone marks, curly quotes, capitals) is not taken for UTF-8."""
    path = write_csv(tmp_path / "w1258.csv", [R2, dict(R1, note="“BÈ” – ĐỀ ÁN… «Ông» ƯU‰ Quảng Trị")],
                     encoding="cp1258")
    change = add(path, store, sources_file=src)
    assert [row["note"] for row in change.added if row["indicator"] == "households_fibre_pct"] == \
        ["“BÈ” – ĐỀ ÁN… «Ông» ƯU‰ Quảng Trị"]


# ------------------------------------------------------------------------- kind of file: B13-B15

@pytest.mark.parametrize("where", ["FILE", "--sources"])
def test_B13_a_device_is_refused_as_not_a_regular_file_before_reading(store, src, tmp_path, capsys, where):
    """B13: ``add /dev/zero`` (or ``--sources /dev/zero``) is one line, no MemoryError, nothing read."""
    good = write_csv(tmp_path / "t.csv", [R1])
    args = ["add", "/dev/zero", "--data", store] if where == "FILE" else ["add", good, "--sources", "/dev/zero",
                                                                          "--data", store]
    before = snapshot(store)
    code, out, err = cli(capsys, *args)
    label = "" if where == "FILE" else "--sources "
    assert (code, out) == (2, "")
    assert err == f"error: {label}/dev/zero: is not a regular file (a device); name a CSV or .xlsx file saved on disk\n"
    assert snapshot(store) == before
    with pytest.raises(UsageError, match="is not a regular file"):
        from dtlib.intake.inputs import read_input
        read_input("/dev/zero")


@pytest.mark.heavy
def test_B14_a_named_pipe_without_a_writer_is_refused_at_once_and_a_folder_too(store, src, tmp_path, capsys):
    """B14: a FIFO is refused without waiting for a writer (run in a child so a regression cannot hang the suite)."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "dtlib", "add", str(fifo), "--data", str(store)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 60
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"error: {fifo}: is not a regular file (a named pipe (FIFO): reading it would wait for "
                             "a writer); name a CSV or .xlsx file saved on disk\n")
    code, out, err = cli(capsys, "add", tmp_path, "--data", store)
    assert code == 2 and err == f"error: {tmp_path}: is a folder, not a file (name a CSV or .xlsx file)\n"


@pytest.mark.heavy
def test_B15_dev_stdin_a_pipe_from_the_shell_is_still_read(store, src, tmp_path):
    """B15 stays fine: ``cat f.csv | add /dev/stdin`` reads the pipe."""
    path = write_csv(tmp_path / "t.csv", [R1, R2])
    result = subprocess.run([sys.executable, "-m", "dtlib", "add", "/dev/stdin", "--sources", str(src), "--data",
                             str(store), "--dry-run"], cwd=ROOT, input=path.read_text(encoding="utf-8"),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "would add 2 observations row(s)" in result.stdout
