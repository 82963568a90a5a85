"""dtlib.workbook: tables.xlsx reads back with pandas; formula-like cells are text; headers translated."""
from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from dtlib import i18n
from dtlib.io import neutralise_formula
from dtlib.outputs import save_atomic
from dtlib.workbook import build_workbook, header, sheet_names, with_provenance

from .mini_pack import AS_OF, PLANTED, write_mini_pack


@pytest.fixture
def workbook_path(tmp_path, mini):
    def build(lang: str):
        out = tmp_path / f"pack-{lang}"
        manifest = write_mini_pack(out, mini, lang)
        return save_atomic(build_workbook(out, manifest, mini, lang), out / "tables.xlsx"), out
    return build


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_workbook_has_an_about_sheet_then_one_sheet_per_table_then_the_sources(workbook_path, lang):
    path, out = workbook_path(lang)
    sheets = pd.read_excel(path, sheet_name=None)
    stems = sorted(p.stem for p in (out / "tables").glob("*.csv"))
    assert list(sheets) == [i18n.t("workbook.about", lang), *stems, i18n.t("workbook.sources_sheet", lang)]
    for stem in stems:
        raw = pd.read_csv(out / "tables" / f"{stem}.csv")
        assert len(sheets[stem]) == len(raw)
        assert header("unit", lang) in sheets[stem].columns or "unit" not in raw
    about = sheets[i18n.t("workbook.about", lang)].to_string()
    assert i18n.date(AS_OF, lang) in about and i18n.t("deck.language", lang) in about


def test_headers_are_translated_while_the_csv_keeps_raw_names(workbook_path):
    (vi, out), (en, _) = workbook_path("vi"), workbook_path("en")
    att_vi = pd.read_excel(vi, sheet_name="attainment")
    att_en = pd.read_excel(en, sheet_name="attainment")
    assert "Tình trạng" in att_vi.columns and "Status" in att_en.columns
    assert "status" in pd.read_csv(out / "tables" / "attainment.csv").columns


def test_formula_like_cells_are_stored_as_text(workbook_path):
    path, _ = workbook_path("en")
    ws = openpyxl.load_workbook(path)["planted"]
    notes = {ws.cell(row=r, column=2).value: ws.cell(row=r, column=2) for r in range(2, ws.max_row + 1)}
    for planted in PLANTED:
        shown = neutralise_formula(planted)
        assert shown in notes, planted
        cell = notes[shown]
        assert cell.data_type == "s"
        if planted != "-5":
            assert str(cell.value).startswith("'")         # as the pack's CSVs neutralise it
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_header_row_is_frozen_and_columns_are_sized(workbook_path):
    path, _ = workbook_path("vi")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2"
        widths = [ws.column_dimensions[c[0].column_letter].width for c in ws.iter_cols(max_row=1)]
        assert all(w and w >= 8 for w in widths)
    quote = [c for c in wb["pack_observations"][1] if c.value == header("quote", "vi")][0]
    assert wb["pack_observations"].column_dimensions[quote.column_letter].width > 20


def test_tables_get_units_sources_and_quotes_from_the_data(mini):
    frame = pd.DataFrame({"unit": ["lao-cai"] * 3,
                          "indicator": ["dossiers_online_province_pct", "dti_rank", "dti_rank"],
                          "as_of": pd.to_datetime(["2023-10-20", "2021-12-31", "2021-12-31"]),
                          "source": ["bao-a", "bao-a", "bao-a|qd-749-2020"]})
    out = with_provenance(frame, mini)
    assert list(out.columns) == ["unit", "indicator", "measure", "as_of", "source", "source_publisher",
                                 "source_title", "source_url", "quote"]
    assert out["measure"].tolist() == ["percent", "rank", "rank"]
    assert out.loc[2, "source_publisher"] == "Báo A; Thủ tướng Chính phủ"
    assert out.loc[2, "source_url"] == "https://example.org/749"
    assert out.loc[2, "quote"] == ""                   # no figure has that pair of sources
    assert out.loc[0, "quote"] == "tỷ lệ hồ sơ công việc tại cấp tỉnh đạt 93%"
    assert out.loc[1, "quote"] == "đứng thứ 52 trong số 63 tỉnh, thành"


def test_sheet_names_fit_excel_and_stay_unique():
    names = sheet_names(["profile_thai-nguyen-2025_changes", "profile_thai-nguyen-2025_changes_x", "a/b"],
                        reserved=["About"])
    assert all(len(n) <= 31 for n in names.values()) and len(set(names.values())) == 3
    assert names["a/b"] == "a_b"
