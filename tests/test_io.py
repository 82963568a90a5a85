
import pandas as pd
import pytest

from dtlib import ValidationError
from dtlib.data.io import export_csv, read_table, write_text


def test_line_numbers_are_physical_lines_even_with_a_multiline_cell(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,"two\nlines"\n\n3,x\n', encoding="utf-8")
    frame = read_table(path)
    assert frame["_line"].tolist() == [2, 5] and frame.loc[0, "b"] == "two\nlines"


def test_cells_are_nfc_and_stripped_and_never_nan(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n  La\u0300o Cai ,\n", encoding="utf-8")
    frame = read_table(path)
    assert frame.loc[0, "a"] == "Lào Cai" and frame.loc[0, "b"] == ""


def test_a_row_longer_than_the_header_is_reported_with_its_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="t.csv line 3: has 3 cells but the header names 2 columns"):
        read_table(path)


def test_write_text_is_atomic_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    write_text(path, "old\n")

    def broken(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError):
        write_text(path, "new\n")
    assert path.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_exports_neutralise_formulas_and_format_dates():
    frame = pd.DataFrame({"quote": ["=HYPERLINK(1)", "+cmd", "@SUM(A1)", "-2", "plain"], "value": [-5, 1, 2, 3, 4],
                          "as_of": pd.to_datetime(["2023-09-30"] * 5)})
    text = export_csv(frame)
    assert "'=HYPERLINK(1)" in text and "'+cmd" in text and "'@SUM(A1)" in text
    assert "\n-2," in text and ",-5," in text and "2023-09-30" in text and "00:00" not in text


def test_crlf_inside_a_quoted_cell_is_read_as_lf_and_lines_still_count(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b'a,b\r\n1,"two\r\nlines"\r\n3,x\r\n')
    frame = read_table(path)
    assert frame.loc[0, "b"] == "two\nlines" and frame["_line"].tolist() == [2, 4]


def test_an_unclosed_quote_is_refused_at_the_line_and_column_where_it_opens(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('a,b,c\n1,2,3\n4,"x,y\n5,6,7\n', encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_table(path)
    [problem] = err.value.problems
    assert (problem.line, problem.field) == (3, "b") and "never closed" in problem.message


def test_unnamed_empty_columns_are_dropped_and_a_repeated_name_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b,,\n1,2,,\n", encoding="utf-8")
    assert list(read_table(path).columns) == ["a", "b", "_line"]
    path.write_text("a,b,a\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"line 1, field 'a': names the column 'a' twice \(columns 1 and 3\)"):
        read_table(path)


def test_a_stray_byte_after_a_bom_is_located_in_the_file_not_after_the_bom():
    from dtlib.data.io import decode

    raw = "\ufeffa,b\ncafé,tỷ\n".encode().replace("é".encode(), b"\xe9")
    with pytest.raises(ValidationError) as err:
        decode(raw, "t.csv")
    [problem] = err.value.problems
    position = raw.index(b"\xe9")
    assert problem.line == 2 and f"byte 0xE9 (byte {position})" in problem.message
