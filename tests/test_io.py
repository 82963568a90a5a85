
import pandas as pd
import pytest

from dtlib import ValidationError
from dtlib.io import export_csv, read_table, write_text


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
