"""Ingestion: everything is checked before anything is written; the store never half-changes."""
import csv
import hashlib
import io
import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import dtlib
from dtlib import ValidationError
from dtlib.cli import main
from dtlib.intake.ingest import add, read_input

DATA = Path(__file__).resolve().parent.parent / "data"
EXAMPLE = DATA / "examples" / "2024-q1.csv"
EXAMPLE_SOURCES = DATA / "examples" / "2024-q1-sources.csv"
HEADER = ["unit", "indicator", "as_of", "period", "value", "qualifier", "source", "quote", "note", "rank_of"]


@pytest.fixture
def store(tmp_path) -> Path:
    """A temporary copy of the shipped data/ (the real one is never written by tests)."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def snapshot(folder: Path) -> dict:
    """The hash of every file of a data folder but its lock file (empty, and never part of the data)."""
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".dtlib.lock"}


def write_rows(path: Path, rows: list[dict], encoding="utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows([{k: r.get(k, "") for k in HEADER} for r in rows])
    text = buffer.getvalue()
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def good_row(**changes) -> dict:
    row = dict(unit="lao-cai", indicator="dossiers_online_province_pct", as_of="2023-12-31", period="năm 2023",
               value="92", qualifier="", source="example-2024-q1",
               quote="Đến hết năm 2023, tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng của tỉnh "
                     "Lào Cai đạt 92%.", note="", rank_of="")
    row.update(changes)
    return row


def add_example_source(store: Path) -> None:
    """Register the example source (its text ships in data/examples/) by hand, no observations.

    ``add`` itself refuses to add a sources file on its own: a file without rows adds nothing.
    """
    row = EXAMPLE_SOURCES.read_text(encoding="utf-8").splitlines()[1]
    with open(store / "sources.csv", "a", encoding="utf-8") as handle:
        handle.write(row + "\n")


def cp1258(text: str) -> bytes:
    """Encode as Excel does on a Vietnamese Windows: base letters precomposed, tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        # circumflex, breve and horn belong to the letter (â ă ơ ư); the tone mark stays combining
        for mark in sorted(marks, key=lambda m: m not in "\u0302\u0306\u031b"):
            composed = unicodedata.normalize("NFC", base + mark)
            try:
                composed.encode("cp1258")
                base = composed
            except UnicodeEncodeError:
                out.append(base.encode("cp1258"))
                base = mark
        out.append(base.encode("cp1258"))
    return b"".join(out)


@pytest.mark.heavy
def test_the_example_quarter_is_added_and_logged(store):
    change = add(EXAMPLE, store, sources_file=EXAMPLE_SOURCES)
    assert change.written and len(change.added) == 5 and change.skipped == 1
    ds = dtlib.load(store)
    new = ds.observations[ds.observations["source"] == "example-2024-q1"]
    assert set(new["unit"]) == {"lao-cai", "lai-chau", "quang-binh", "thai-nguyen"}   # "Lai Châu" → lai-chau
    log = pd.read_csv(store / "changes.csv")
    assert log.iloc[-1][["added", "replaced", "skipped", "sources_added"]].tolist() == [5, 0, 1, 1]


@pytest.mark.heavy
def test_adding_the_same_file_twice_changes_no_table(store):
    add(EXAMPLE, store, sources_file=EXAMPLE_SOURCES)
    before = snapshot(store)
    change = add(EXAMPLE, store, sources_file=EXAMPLE_SOURCES)
    assert change.added == [] and change.skipped == 6 and change.sources_skipped == 1
    after = snapshot(store)
    assert {k: v for k, v in after.items() if k.name != "changes.csv"} == \
           {k: v for k, v in before.items() if k.name != "changes.csv"}


@pytest.mark.heavy
def test_twenty_bad_rows_are_all_reported_and_the_store_is_unchanged(store, tmp_path):
    add_example_source(store)
    before = snapshot(store)
    bad = [
        good_row(unit="lao-kai"),                                   # 2 unknown unit
        good_row(indicator="dossiers_online_provinc_pct"),          # 3 unknown indicator
        good_row(as_of="31/12/2023"),                               # 4 not a date
        good_row(as_of="2023-02-30"),                               # 5 impossible date
        good_row(value="92,5"),                                     # 6 Vietnamese decimal without --decimal
        good_row(value="192"),                                      # 7 share above 100
        good_row(value="abc"),                                      # 8 not a number
        good_row(qualifier="trên"),                                 # 9 qualifier word
        good_row(source="example-2024-q2"),                         # 10 unknown source
        good_row(quote="Lào Cai đạt 93%."),                         # 11 quote not in source
        good_row(quote=""),                                         # 12 empty quote
        good_row(period=""),                                        # 13 empty period
        good_row(indicator="dti_rank", value="50", rank_of=""),     # 14 rank without denominator
        good_row(indicator="dti_rank", value="70", rank_of="63"),   # 15 rank beyond denominator
        good_row(indicator="community_digital_teams", value="-3"),  # 16 negative count
        good_row(unit="lao-cai", as_of="2025-09-30"),               # 17 after the merger
        good_row(unit="lao-cai-2025", as_of="2023-12-31"),          # 18 before the merged unit existed
        good_row(unit="lao-cai", indicator="dossiers_online_district_pct", as_of="2022-09-30", value="85",
                 source="lcdt-2022-10-23",
                 quote="cấp huyện đạt 86%"),                         # 19 conflicts with stored 86
        good_row(indicator="ehealth_records_pct", value="x1"),      # 20 not a number
        good_row(unit="Atlantis"),                                  # 21 unknown unit name
    ]
    path = write_rows(tmp_path / "bad.csv", bad)
    with pytest.raises(ValidationError) as err:
        add(path, store)
    lines = {p.line for p in err.value.problems if p.file.endswith("bad.csv")}
    assert lines == set(range(2, 22)), sorted(lines)
    assert all(p.field for p in err.value.problems)
    text = str(err.value)
    assert "bad.csv line 2, field 'unit': 'lao-kai' is not a known unit" in text
    assert "bad.csv line 17, field 'unit'" in text and "successor 'lao-cai-2025'" in text
    assert "bad.csv line 19, field 'value'" in text and "--replace" in text
    assert snapshot(store) == before


@pytest.mark.heavy
def test_a_conflict_is_replaced_only_on_request_and_kept_in_history(store, tmp_path):
    # a value the quote states (the schema checks that), read by mistake from the commune figure
    row = good_row(unit="lao-cai", indicator="dossiers_online_district_pct", as_of="2022-09-30", value="84",
                   source="lcdt-2022-10-23", quote="với cấp xã đạt 84%", period="9 tháng năm 2022",
                   note="revised")
    path = write_rows(tmp_path / "revision.csv", [row])
    with pytest.raises(ValidationError, match="conflicts with the stored 86"):
        add(path, store)
    change = add(path, store, replace=True)
    assert len(change.replaced) == 1
    ds = dtlib.load(store)
    cell = ds.observations[(ds.observations["unit"] == "lao-cai")
                           & (ds.observations["indicator"] == "dossiers_online_district_pct")]
    assert cell["value"].tolist() == [84.0]
    history = pd.read_csv(store / "history.csv", dtype=str)
    assert history.iloc[-1]["value"] == "86" and history.iloc[-1]["replaced_by"].endswith("revision.csv")
    assert pd.Timestamp(history.iloc[-1]["replaced_on"]).date() == pd.Timestamp.now().date()


@pytest.mark.heavy
def test_the_log_names_a_file_by_its_path_in_the_repository_or_by_its_name_alone(tmp_path):
    """changes.csv and history.csv are committed: a path outside the repository (someone's Downloads)
    is recorded as the file's name, one inside it as its path from the repository's top."""
    repo = tmp_path / "repo"
    store = Path(shutil.copytree(DATA, repo / "data"))
    row = good_row(unit="lao-cai", indicator="dossiers_online_district_pct", as_of="2022-09-30", value="84",
                   source="lcdt-2022-10-23", quote="với cấp xã đạt 84%", period="9 tháng năm 2022", note="revised")
    (tmp_path / "Downloads").mkdir()
    add(write_rows(tmp_path / "Downloads" / "revision.csv", [row]), store, replace=True)
    add(write_rows(repo / "data" / "imports" / "q.csv", [good_row()]), store, sources_file=EXAMPLE_SOURCES)
    log = pd.read_csv(store / "changes.csv", dtype=str).tail(2)
    assert log["file"].tolist() == ["revision.csv", "data/imports/q.csv"]     # not /tmp/.../Downloads/revision.csv
    history = pd.read_csv(store / "history.csv", dtype=str)
    assert history.iloc[-1]["replaced_by"] == "revision.csv"
    assert str(tmp_path) not in (store / "changes.csv").read_text(encoding="utf-8")


@pytest.mark.heavy
def test_dry_run_writes_nothing(store):
    before = snapshot(store)
    change = add(EXAMPLE, store, sources_file=EXAMPLE_SOURCES, dry_run=True)
    assert len(change.added) == 5 and not change.written
    assert snapshot(store) == before


@pytest.mark.heavy
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_excel_encodings_are_detected(store, tmp_path, encoding):
    add_example_source(store)
    rows = [good_row(value="92"), good_row(unit="Lai Châu", value="85",
                                            quote="Tỉnh Lai Châu có 85% hồ sơ công việc tại cấp tỉnh được xử lý trên "
                                                  "môi trường mạng.")]
    path = write_rows(tmp_path / f"q-{encoding}.csv", rows, encoding=encoding)
    frame = read_input(path)
    assert frame.loc[1, "unit"] == "Lai Châu" and unicodedata.is_normalized("NFC", frame.loc[1, "quote"])
    change = add(path, store)
    assert {r["unit"] for r in change.added} == {"lao-cai", "lai-chau"}


@pytest.mark.heavy
def test_tab_separated_utf16_as_excel_saves_unicode_text(store, tmp_path):
    add_example_source(store)
    row = good_row()
    text = "\t".join(HEADER) + "\r\n" + "\t".join(row[k] for k in HEADER) + "\r\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-16"))
    assert len(add(path, store).added) == 1


@pytest.mark.heavy
def test_vietnamese_decimals_are_read_when_the_file_says_so(store, tmp_path):
    add_example_source(store)
    row = good_row(unit="quang-binh", indicator="households_fibre_pct", value="66,4",
                   quote="Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang của Quảng Bình là 66,4%.")
    path = write_rows(tmp_path / "vn.csv", [row])
    with pytest.raises(ValidationError, match="write 66.4"):
        add(path, store)
    change = add(path, store, decimal=",")
    assert change.added[0]["value"] == "66.4"


@pytest.mark.heavy
def test_nfd_names_and_quotes_are_accepted(store, tmp_path):
    add_example_source(store)
    row = good_row(unit=unicodedata.normalize("NFD", "tỉnh Lào Cai"))
    row["quote"] = unicodedata.normalize("NFD", row["quote"])
    path = write_rows(tmp_path / "nfd.csv", [row])
    assert add(path, store).added[0]["unit"] == "lao-cai"


@pytest.mark.heavy
def test_xlsx_formula_cells_are_stored_as_text(store, tmp_path):
    from openpyxl import Workbook

    add_example_source(store)
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    row = good_row(note="=HYPERLINK(\"http://x\")")
    ws.append([row[k] for k in HEADER])
    ws["E2"] = 92                       # a number cell
    path = tmp_path / "quarter.xlsx"
    wb.save(path)
    change = add(path, store)
    assert change.added[0]["note"] == "=HYPERLINK(\"http://x\")" and change.added[0]["value"] == "92"
    stored = dtlib.load(store).observations
    assert "=HYPERLINK" in stored.loc[stored["source"] == "example-2024-q1", "note"].iloc[0]


def test_a_source_already_stored_with_other_details_is_refused(store, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text((DATA / "sources.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
                    + "lcdt-2022-10-23,Other title,Báo Lào Cai,2022-10-23,,,vi,\n", encoding="utf-8")
    before = snapshot(store)
    with pytest.raises(ValidationError, match="already stored with different details"):
        add(EXAMPLE, store, sources_file=path)
    assert snapshot(store) == before


@pytest.mark.heavy
def test_cli_add_prints_the_change_and_dry_run(store, capsys):
    code = main(["add", str(EXAMPLE), "--sources", str(EXAMPLE_SOURCES), "--data", str(store), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0 and "would add 5 observations" in out and "dry run: nothing written" in out


def test_cli_add_reports_errors_with_exit_2(store, tmp_path, capsys):
    path = write_rows(tmp_path / "bad.csv", [good_row(unit="lao-kai")])
    assert main(["add", str(path), "--data", str(store)]) == 2
    assert "did you mean 'lao-cai'" in capsys.readouterr().err


# ------------------------------------------------------------------------------ reviewed candidate files

CANDIDATE_HEADER = [*HEADER, "basis", "window", "kind", "deadline", "comparator", "instrument", "confidence", "why",
                    "keep"]
CANDIDATE_TEXT = ("Hội nghị sơ kết quý I/2024 của tỉnh Lai Châu.\n"
                  "Đến hết quý I/2024, toàn tỉnh có 812 tổ công nghệ số cộng đồng.\n"
                  "Phấn đấu đến năm 2026, 95% hộ gia đình có kết nối Internet cáp quang.\n")


@pytest.fixture
def candidate_source(store, tmp_path) -> Path:
    """A composed article saved under the store's sources/, and its sources.csv row in a file."""
    (store / "sources" / "950_candidate.txt").write_text(CANDIDATE_TEXT, encoding="utf-8")
    path = tmp_path / "candidate-sources.csv"
    path.write_text("id,title,publisher,published,url,file,language,note\n"
                    "cand-2024-q1,Hội nghị sơ kết quý I/2024,không rõ (not named in the text),,,"
                    "sources/950_candidate.txt,vi,composed for a test; published: not in the text\n",
                    encoding="utf-8")
    return path


def candidate_rows() -> list[dict]:
    observation = dict(unit="lai-chau", indicator="community_digital_teams", as_of="2024-03-31", period="quý I/2024",
                       value="812", source="cand-2024-q1", kind="observation", confidence="0.71", why="named",
                       quote="Đến hết quý I/2024, toàn tỉnh có 812 tổ công nghệ số cộng đồng.", keep="x")
    target = dict(unit="lai-chau", indicator="households_fibre_pct", deadline="2026-12-31", comparator=">=",
                  value="95", source="cand-2024-q1", kind="target", instrument="Kế hoạch của tỉnh (không nêu số)",
                  quote="Phấn đấu đến năm 2026, 95% hộ gia đình có kết nối Internet cáp quang.", keep="có",
                  confidence="0.5")
    dropped = dict(observation, value="2024", indicator="", keep="")
    return [observation, target, dropped]


def write_candidates(path: Path, rows: list[dict]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CANDIDATE_HEADER)
    writer.writeheader()
    writer.writerows([{k: r.get(k, "") for k in CANDIDATE_HEADER} for r in rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.mark.heavy
def test_a_candidate_file_adds_its_kept_figures_and_targets_in_one_change(store, candidate_source, tmp_path):
    path = write_candidates(tmp_path / "candidates.csv", candidate_rows())
    change = add(path, store, sources_file=candidate_source)
    assert change.written and [p.table for p in change.parts] == ["observations", "targets"]
    assert change.left_out == 1 and "1 row(s) left out" in change.summary()
    assert "column(s) ignored (not columns of observations.csv or targets.csv): confidence, why" in change.summary()
    ds = dtlib.load(store)
    assert ds.observations.loc[ds.observations["source"] == "cand-2024-q1", "value"].tolist() == [812]
    assert ds.targets.loc[ds.targets["source"] == "cand-2024-q1", "value"].tolist() == [95]
    assert "kind" not in pd.read_csv(store / "observations.csv").columns
    log = pd.read_csv(store / "changes.csv").tail(2)
    assert log["table"].tolist() == ["observations", "targets"] and log["added"].tolist() == [1, 1]


@pytest.mark.heavy
def test_a_bad_half_of_a_candidate_file_writes_neither_table(store, candidate_source, tmp_path):
    rows = candidate_rows()
    rows[1]["instrument"] = ""                       # a target must name its instrument
    path = write_candidates(tmp_path / "candidates.csv", rows)
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=candidate_source)
    assert [(p.line, p.field) for p in err.value.problems] == [(3, "instrument")]
    assert snapshot(store) == before


def test_a_kept_row_of_no_known_kind_is_refused_naming_its_line(store, candidate_source, tmp_path):
    rows = candidate_rows()
    rows[0]["kind"] = "figure"
    path = write_candidates(tmp_path / "candidates.csv", rows)
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=candidate_source)
    [problem] = err.value.problems
    assert (problem.line, problem.field, problem.message) == (2, "kind", "'figure' is neither observation nor target")


def test_without_a_kind_column_figures_and_targets_in_one_file_are_still_refused(store, tmp_path):
    rows = [dict(good_row(), deadline="2025-12-31", comparator=">=")]
    path = write_candidates(tmp_path / "mixed.csv", rows)
    text = path.read_text(encoding="utf-8").replace(",kind,", ",sort,")   # rename the routing column away
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match="it is not clear which table its rows belong to"):
        add(path, store)


@pytest.mark.heavy
def test_a_target_set_again_by_another_instrument_is_kept_once_per_source_and_a_new_level_conflicts(store, tmp_path):
    import pandas as pd

    from dtlib import ValidationError

    header = "unit,indicator,deadline,value,comparator,source,instrument,quote,note,rank_of\n"
    again = tmp_path / "again.csv"        # 749/QĐ-TTg's 80% for fibre households in 2025, also set by 411/QĐ-TTg
    again.write_text(header + "vietnam,households_fibre_pct,2025-12-31,80,>=,qd-27-2022-ubqgcds,"
                              "Quyết định 27/QĐ-UBQGCĐS,,same level,\n", encoding="utf-8")
    before = pd.read_csv(store / "targets.csv")
    change = add(again, store)
    after = pd.read_csv(store / "targets.csv")
    assert len(change.added) == 1 and len(after) == len(before) + 1
    assert add(again, store).skipped == 1                       # the same row again: identical, skipped
    other = tmp_path / "other.csv"
    other.write_text(header + "vietnam,households_fibre_pct,2025-12-31,85,>=,qd-27-2022-ubqgcds,"
                              "Quyết định 27/QĐ-UBQGCĐS,,another level,\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="conflicts with the stored 80"):
        add(other, store)


@pytest.mark.heavy
def test_an_add_that_changes_nothing_writes_nothing(store):
    add(EXAMPLE, store, sources_file=EXAMPLE_SOURCES)
    before = snapshot(store)
    change = add(EXAMPLE, store, sources_file=EXAMPLE_SOURCES)      # the same file again: every row identical
    assert change.skipped and not change.added and not change.replaced
    assert snapshot(store) == before                                 # not even a row in changes.csv


@pytest.mark.heavy
def test_a_new_source_needs_a_publication_date_or_a_reason(store, tmp_path):
    # issue 19: 21 of 47 sources had no date, and "(date not stated)" filled the source lines
    sources = tmp_path / "s.csv"
    sources.write_text("id,title,publisher,published,url,file,language,note\n"
                       "undated-2026,Bài không ngày,Báo A,,,,vi,\n", encoding="utf-8")
    rows = tmp_path / "o.csv"
    rows.write_text("unit,indicator,as_of,period,value,qualifier,source,quote,note,rank_of\n"
                    "vietnam,households_fibre_pct,2026-06-30,6 tháng đầu năm 2026,86,,undated-2026,"
                    "Tỷ lệ hộ gia đình có cáp quang đạt 86%.,,\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="has no publication date and its note does not say why"):
        add(rows, store, sources_file=sources)
