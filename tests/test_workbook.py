"""dtlib.pack.workbook: tables.xlsx reads back with pandas; formula-like cells are text; headers translated."""
from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from dtlib.words import i18n
from dtlib.data.io import neutralise_formula
from dtlib.pack.outputs import save_atomic
from dtlib.pack.workbook import build_workbook, header, sheet_names, sheet_title, with_provenance

from .mini_pack import AS_OF, PLANTED, write_mini_pack


@pytest.fixture
def workbook_path(tmp_path, mini):
    def build(lang: str):
        out = tmp_path / f"pack-{lang}"
        manifest = write_mini_pack(out, mini, lang)
        return save_atomic(build_workbook(out, manifest, mini, lang), out / "tables.xlsx"), out
    return build


@pytest.mark.heavy
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_workbook_has_an_about_sheet_then_one_readable_sheet_per_table_then_definitions_and_sources(
        workbook_path, lang):
    path, out = workbook_path(lang)
    sheets = pd.read_excel(path, sheet_name=None)
    stems = sorted(p.stem for p in (out / "tables").glob("*.csv"))
    names = list(sheets)
    assert names[0] == i18n.t("workbook.about", lang)
    assert names[-2:] == [i18n.t("workbook.definitions_sheet", lang), i18n.t("workbook.sources_sheet", lang)]
    assert len(names) == len(stems) + 3 and len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= 31 for n in names)
    # a table the catalogue knows is named in words, not by its file's stem
    assert "attainment" not in names and i18n.t("workbook.sheet.attainment", lang) in names
    about = sheets[names[0]]
    listed = {row[1]: row[0] for row in about.itertuples(index=False) if str(row[1]).startswith("tables/")}
    assert set(listed) == {f"tables/{stem}.csv" for stem in stems}     # each sheet says which CSV it shows
    for stem in stems:
        raw = pd.read_csv(out / "tables" / f"{stem}.csv")
        assert len(sheets[listed[f"tables/{stem}.csv"]]) == len(raw)
    text = about.to_string()
    assert i18n.date(AS_OF, lang) in text and i18n.t("deck.language", lang) in text


def test_readable_sheet_names_of_profiles_fit_excel_and_stay_unique():
    units = {"thai-nguyen-2025": "Thái Nguyên"}
    titles = {stem: sheet_title(stem, "vi", units) for stem in
              ("profile_thai-nguyen-2025_changes", "profile_thai-nguyen-2025_targets", "attainment")}
    assert titles["profile_thai-nguyen-2025_changes"] == "Hồ sơ Thái Nguyên – thay đổi"
    long = {"a": "x" * 40, "b": "x" * 40, "c": "Nguồn"}
    names = sheet_names(long, reserved=["Nguồn"], titles=long)
    assert all(len(n) <= 31 for n in names.values()) and len({n.casefold() for n in names.values()}) == 3
    assert names["a"].endswith("…") and names["b"].endswith("(2)") and names["c"] == "Nguồn (2)"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_header_is_translated_and_ids_have_their_names_and_words_beside_them(workbook_path, lang):
    path, out = workbook_path(lang)
    wb = openpyxl.load_workbook(path)
    raw = pd.read_csv(out / "tables" / "attainment.csv")
    ws = wb[i18n.t("workbook.sheet.attainment", lang)]
    headers = [c.value for c in ws[1]]
    assert not set(headers) & set(raw.columns)            # no raw column name is left as a header
    sheet = pd.read_excel(path, sheet_name=ws.title)
    unit_id, unit_name = i18n.t("workbook.id_of", lang, column=header("unit", lang)), header("unit", lang)
    assert headers.index(unit_name) == headers.index(unit_id) + 1          # the name right beside the id
    row = sheet[sheet[unit_id] == "lai-chau"].iloc[0]
    assert row[unit_name].startswith("Lai Ch") and row[unit_name] != "lai-chau"
    # status words in the language, never the codes
    statuses = set(sheet[header("status", lang)].dropna())
    assert statuses and not statuses & {"met", "on_track", "off_track", "no_data", "insufficient_data"}
    assert i18n.t("status.no_data", lang) in statuses
    assert "status" in raw.columns and set(raw["status"]) & {"met", "no_data"}   # the CSV keeps the codes


def test_the_definitions_sheet_explains_each_indicator_of_the_tables(workbook_path, mini):
    path, out = workbook_path("en")
    defs = pd.read_excel(path, sheet_name="Definitions")
    used = set(pd.read_csv(out / "tables" / "attainment.csv")["indicator"])
    assert set(defs["Indicator (id)"]) == used | {"dossiers_online_province_pct"}
    row = defs.set_index("Indicator (id)").loc["dossiers_online_province_pct"]
    definition = mini.indicators.set_index("id").loc["dossiers_online_province_pct", "definition"]
    assert row["Definition (as in data/indicators.csv)"] == definition
    assert row["Better when"] == "higher is better" and row["Unit of measure"] == "percent"
    assert row["Sources reporting it in the pack"].startswith("Báo A, 20 Oct 2023")


def test_formula_like_cells_are_stored_as_text(workbook_path):
    path, _ = workbook_path("en")
    ws = openpyxl.load_workbook(path)["planted"]
    column = [c.value for c in ws[1]].index(header("note", "en")) + 1
    notes = {ws.cell(row=r, column=column).value: ws.cell(row=r, column=column) for r in range(2, ws.max_row + 1)}
    for planted in PLANTED:
        shown = neutralise_formula(planted)
        assert shown in notes, planted
        cell = notes[shown]
        assert cell.data_type == "s"
        if planted != "-5":
            assert str(cell.value).startswith("'")         # as the pack's CSVs neutralise it
    assert not any(c.data_type == "f" for ws in openpyxl.load_workbook(path).worksheets
                   for row in ws.iter_rows() for c in row)


def test_header_row_is_frozen_and_columns_are_sized(workbook_path):
    path, _ = workbook_path("vi")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2"
        widths = [ws.column_dimensions[c[0].column_letter].width for c in ws.iter_cols(max_row=1)]
        assert all(w and w >= 8 for w in widths)
    ws = wb[i18n.t("workbook.sheet.pack_observations", "vi")]
    quote = [c for c in ws[1] if c.value == header("quote", "vi")][0]
    assert ws.column_dimensions[quote.column_letter].width > 20


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


def test_definitions_are_in_the_language_of_the_workbook_or_say_they_are_english(mini):
    from dtlib.pack.workbook import definitions

    tables = {"t": pd.DataFrame({"indicator": ["dossiers_online_province_pct", "dti_rank"]})}
    vi = mini.indicators.assign(definition_vi=lambda f: f["id"].map(
        {"dossiers_online_province_pct": "Tỷ lệ hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng."}))
    data = type("D", (), {"indicators": vi, "observations": mini.observations, "sources": mini.sources})()
    shown = definitions(tables, data, "vi").set_index("indicator")["definition"]
    assert shown["dossiers_online_province_pct"].startswith("Tỷ lệ hồ sơ công việc")
    assert shown["dti_rank"] == f"Provincial DTI rank. {i18n.t('workbook.in_english', 'vi')}"
    english = definitions(tables, data, "en").set_index("indicator")["definition"]
    assert english["dossiers_online_province_pct"] == "Share of province-level work records processed online."
