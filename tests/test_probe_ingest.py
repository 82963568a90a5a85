"""The reliability probe's cases for ``add`` and ``validate`` (shared/reference/reliability-probe.md).

Each test names its probe case. Every test works on a copy of data/ with the probe's invented
source text; data/ itself is never written.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import dtlib
from dtlib import ValidationError
from dtlib.data import store as txn_store
from dtlib.cli import main
from dtlib.data.dataset import source_context
from dtlib.data.errors import StoreBusy
from dtlib.intake.ingest import SUMMARY_HEAD, Change, add
from dtlib.data.io import write_text

from .test_ingest import cp1258

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
HEADER = ["unit", "indicator", "as_of", "period", "value", "qualifier", "source", "quote", "note", "rank_of"]
SOURCE_HEADER = ["id", "title", "publisher", "published", "url", "file", "language", "note"]
TEXT = ("TÀI LIỆU THỬ NGHIỆM (invented test text, not real data).\n"
        "Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85%.\n"
        "Toàn tỉnh có 1.761 Tổ công nghệ số cộng đồng.\n"
        "Tỉnh đứng thứ 12/63 về chỉ số chuyển đổi số.\n"
        "Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng đạt 98,7%.\n"
        "Tỷ lệ dịch vụ công trực tuyến toàn trình\nđạt 55%.\n")
SOURCE = dict(id="rel-test", title="Báo cáo chuyển đổi số (invented)", publisher="dtlib reliability test",
              published="2023-09-15", url="", file="sources/900_reltest.txt", language="vi", note="invented")
PERIOD = "6 tháng đầu năm 2023"
R1 = dict(unit="lai-chau", indicator="households_fibre_pct", as_of="2023-06-30", period=PERIOD, value="85",
          qualifier="", source="rel-test", quote="Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85%.",
          note="reltest", rank_of="")
R2 = dict(R1, indicator="community_digital_teams", value="1761", quote="Toàn tỉnh có 1.761 Tổ công nghệ số cộng đồng.")
R3 = dict(R1, indicator="dti_rank", value="12", quote="Tỉnh đứng thứ 12/63 về chỉ số chuyển đổi số.", rank_of="63")
R4 = dict(R1, indicator="dossiers_online_province_pct", value="98.7",
          quote="Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng đạt 98,7%.")
LOCK = txn_store.LOCK_NAME


# ------------------------------------------------------------------------------------------ helpers

def copy_data(target: Path) -> Path:
    """A copy of data/ (without a lock or a transaction someone else's run may hold there)."""
    return Path(shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(LOCK, ".txn-*", ".*.tmp")))


@pytest.fixture
def store(tmp_path) -> Path:
    """A copy of data/ with the probe's invented source text in sources/."""
    folder = copy_data(tmp_path / "data")
    (folder / "sources" / "900_reltest.txt").write_text(TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def src(tmp_path) -> Path:
    """The probe's --sources file: one invented source."""
    return write_csv(tmp_path / "src.csv", [SOURCE], SOURCE_HEADER)


def write_csv(path: Path, rows: list[dict], header: list[str] = HEADER, *, newline: str = "\n",
              encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator=newline)
    writer.writeheader()
    writer.writerows([{k: r.get(k, "") for k in header} for r in rows])
    text = buffer.getvalue()
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def snapshot(folder: Path) -> dict:
    """The hash of every file under a data folder but its (empty) lock file."""
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK}


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def dtlib_process(*args) -> list[str]:
    return [sys.executable, "-m", "dtlib", *[str(a) for a in args]]


def table(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


# --------------------------------------------------------------------------- B1: concurrent adds

def b1_rows(folder: Path, n: int) -> tuple[list[dict], str]:
    """``n`` invented rows for Lai Châu with distinct keys, and the source text stating each."""
    indicators = table(folder, "indicators.csv")
    percent = indicators.loc[indicators["unit"] == "percent", "id"].tolist()[:10]
    dates = [("2023-06-30", "6 tháng đầu năm 2023"), ("2023-12-31", "năm 2023"), ("2022-12-31", "năm 2022"),
             ("2022-06-30", "6 tháng đầu năm 2022")]
    stored = table(folder, "observations.csv")
    taken = set(zip(stored["unit"], stored["indicator"], stored["as_of"]))
    rows, lines = [], ["VÍ DỤ THỬ NGHIỆM - SỐ LIỆU HƯ CẤU (invented test figures)."]
    for indicator in percent:
        for as_of, period in dates:
            if ("lai-chau", indicator, as_of) in taken or len(rows) == n:
                continue
            k = len(rows)
            sentence = f"Chỉ tiêu thử nghiệm số {k} của tỉnh đạt {k + 1}%."
            rows.append(dict(unit="lai-chau", indicator=indicator, as_of=as_of, period=period, value=str(k + 1),
                             qualifier="", source="b1-test", quote=sentence, note="invented", rank_of=""))
            lines.append(sentence)
    assert len(rows) == n
    return rows, "\n".join(lines) + "\n"


@pytest.mark.slow
def test_B1_two_adds_at_once_keep_both_files_rows(tmp_path):
    """B1: two `add` processes at once, 20 times over; no row is lost and changes.csv logs what is stored."""
    folder = copy_data(tmp_path / "data")
    rows, text = b1_rows(folder, 40)
    (folder / "sources" / "b1.txt").write_text(text, encoding="utf-8")
    sources = write_csv(tmp_path / "b1-sources.csv", [dict(SOURCE, id="b1-test", file="sources/b1.txt",
                                                          published="2024-01-15")], SOURCE_HEADER)
    waited = 0
    for rep in range(20):
        files = [write_csv(tmp_path / f"x{rep}.csv", [rows[2 * rep]]),
                 write_csv(tmp_path / f"y{rep}.csv", [rows[2 * rep + 1]])]
        procs = [subprocess.Popen(dtlib_process("add", f, "--sources", sources, "--data", folder),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
        results = [p.communicate(timeout=120) for p in procs]
        for proc, (out, err) in zip(procs, results):
            assert proc.returncode == 0, err
            assert "Traceback" not in err
        waited += sum("waiting for another dtlib run" in err for _, err in results)
    obs = table(folder, "observations.csv")
    mine = obs[obs["source"] == "b1-test"]
    assert len(mine) == 40
    assert set(mine["quote"]) == {r["quote"] for r in rows}
    log = table(folder, "changes.csv")
    mine_log = log[log["file"].str.contains(r"(?:^|/)[xy]\d+\.csv$")]
    assert len(mine_log) == 40 and mine_log["added"].astype(int).sum() == len(mine)
    assert mine_log["sources_added"].astype(int).sum() == 1 == (table(folder, "sources.csv")["id"] == "b1-test").sum()
    print(f"runs that waited for the other: {waited} of 40")


@pytest.mark.heavy
def test_B1_a_second_run_waits_says_so_once_and_gives_up_after_the_timeout(store, src, tmp_path, capsys):
    """B1: while another run holds the data folder, `add` waits, says so in one line, then stops clearly."""
    path = write_csv(tmp_path / "t.csv", [R1])
    before = snapshot(store)
    said = []
    held, done = threading.Event(), threading.Event()

    def other_run():                 # another run: the lock is re-entrant only within one thread
        with txn_store.locked(store):
            held.set()
            done.wait(30)
    thread = threading.Thread(target=other_run)
    thread.start()
    held.wait()
    try:
        with pytest.raises(StoreBusy, match=r"another dtlib run still holds \.dtlib\.lock after 0\.3 s"):
            add(path, store, sources_file=src, lock_timeout=0.3, notify=said.append)
        code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store, "--lock-timeout", "0.3")
    finally:
        done.set()
        thread.join()
    assert len(said) == 1 and said[0].startswith("waiting for another dtlib run to finish with")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("waiting for another dtlib run") and "600" not in lines[0]
    assert lines[1].startswith("error: ") and "--lock-timeout" in lines[1]
    assert snapshot(store) == before


@pytest.mark.heavy
def test_B1_a_waiting_run_goes_on_when_the_other_finishes(store, src, tmp_path):
    """B1: the second run is not refused: it waits for the lock, then reads the store as the first left it."""
    path = write_csv(tmp_path / "t.csv", [R1])
    held = threading.Event()

    def first_run():
        with txn_store.locked(store):
            held.set()
            time.sleep(0.5)
    thread = threading.Thread(target=first_run)
    thread.start()
    held.wait()
    said = []
    change = add(path, store, sources_file=src, lock_timeout=30, notify=said.append)
    thread.join()
    assert change.written and len(change.added) == 1 and len(said) == 1


# --------------------------------------------------------------------- B3: killed in the middle

def b3_base(tmp_path: Path) -> tuple[Path, Path, Path, int]:
    """A store holding one seed figure of source b3-seed; an input of 300 figures of a new source
    b3-test, one of which replaces the seed (so that the run writes four files)."""
    base = copy_data(tmp_path / "base")
    rows, text = [], ["VÍ DỤ THỬ NGHIỆM - SỐ LIỆU HƯ CẤU (invented test figures)."]
    for k in range(300):
        sentence = f"Tổ công nghệ số thử nghiệm của xã {k} có {k + 1} thành viên."
        rows.append(dict(unit="lai-chau", indicator="community_digital_teams",
                         as_of=f"{dt.date(2015, 1, 1) + dt.timedelta(days=k):%Y-%m-%d}", period="đến nay",
                         value=str(k + 1),
                         qualifier="", source="b3-test", quote=sentence, note="invented", rank_of=""))
        text.append(sentence)
    seed = dict(R1, source="b3-seed", quote="Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85%.")
    replacement = dict(R1, value="98.7", source="b3-test",
                       quote="Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng đạt 98,7%.")
    (base / "sources" / "b3-seed.txt").write_text(TEXT, encoding="utf-8")
    (base / "sources" / "b3-test.txt").write_text("\n".join(text) + "\n" + TEXT, encoding="utf-8")
    seed_sources = write_csv(tmp_path / "seed-sources.csv", [dict(SOURCE, id="b3-seed", file="sources/b3-seed.txt")],
                             SOURCE_HEADER)
    add(write_csv(tmp_path / "seed.csv", [seed]), base, sources_file=seed_sources)
    sources = write_csv(tmp_path / "b3-sources.csv", [dict(SOURCE, id="b3-test", file="sources/b3-test.txt",
                                                          published="2024-01-15")], SOURCE_HEADER)
    path = write_csv(tmp_path / "b3.csv", [*rows, replacement])
    return base, path, sources, len(rows) + 1


def assert_all_or_none(folder: Path, before: dict, n_rows: int) -> str:
    """The store holds all of the b3 file (figures, history row, log row) or none of it (byte for byte)."""
    assert not list(folder.glob(".txn-*")) and not list(folder.glob(".*.tmp"))
    obs = table(folder, "observations.csv")
    mine = int((obs["source"] == "b3-test").sum())
    if mine == 0:
        assert snapshot(folder) == before
        return "none"
    assert mine == n_rows
    assert (table(folder, "sources.csv")["id"] == "b3-test").sum() == 1
    history = table(folder, "history.csv")
    assert ((history["source"] == "b3-seed") & history["replaced_by"].str.endswith("b3.csv")).sum() == 1
    log = table(folder, "changes.csv")
    last = log[log["file"].str.endswith("b3.csv")]
    assert len(last) == 1 and last.iloc[0][["added", "replaced", "sources_added"]].tolist() == \
        [str(n_rows - 1), "1", "1"]
    return "all"


@pytest.mark.heavy
def test_B3_a_crash_at_any_step_of_the_write_is_finished_or_undone_by_the_next_validate(tmp_path, monkeypatch,
                                                                                            capsys):
    """B3: a crash while staging, after the journal, or between any two renames leaves all or nothing."""
    base, path, sources, n_rows = b3_base(tmp_path)

    class Killed(BaseException):
        """Stands for kill -9: nothing of the run's own clean-up may help."""

    real_roll_forward, real_write = txn_store._roll_forward, txn_store.Transaction.write_text
    crashes = [("staging", j) for j in range(4)] + [("renames", k) for k in range(5)]
    outcomes = []
    for n, (where, k) in enumerate(crashes):
        folder = Path(shutil.copytree(base, tmp_path / f"run{n}"))
        before = snapshot(folder)
        if where == "staging":
            calls = []

            def write_then_crash(self, name, text, k=k, calls=calls):
                if len(calls) == k:
                    (folder / f".{name}.abc123.tmp").write_text("half")   # a write cut short
                    raise Killed
                calls.append(name)
                real_write(self, name, text)
            monkeypatch.setattr(txn_store.Transaction, "write_text", write_then_crash)
            monkeypatch.setattr(txn_store.Transaction, "__exit__", lambda self, *exc: None)  # no clean-up either
        else:
            def renames_then_crash(root, staging, names, k=k):
                for name in names[:k]:
                    os.replace(staging / name, root / name)
                raise Killed
            monkeypatch.setattr(txn_store, "_roll_forward", renames_then_crash)
        with pytest.raises(Killed):
            add(path, folder, sources_file=sources, replace=True)
        monkeypatch.undo()
        assert txn_store._roll_forward is real_roll_forward
        code, out, err = cli(capsys, "validate", "--data", folder)
        assert code == 0, err
        outcomes.append(assert_all_or_none(folder, before, n_rows))
    # before the journal is complete the change is undone; from then on it is finished
    assert outcomes == ["none"] * 4 + ["all"] * 5


def test_B3_an_unfinished_transaction_and_stray_temporary_files_are_removed_by_validate(store, capsys):
    """B3: a staging folder without a complete journal is deleted, `.*.tmp` files too; the tables stay."""
    before = snapshot(store)
    staging = store / ".txn-0123456789ab"
    staging.mkdir()
    (staging / "observations.csv").write_text("unit\nhalf-written\n", encoding="utf-8")
    (staging / "journal.json").write_text('{"renames": ["observations.csv"]', encoding="utf-8")   # cut short
    (store / ".observations.csv.x1y2z3.tmp").write_text("half", encoding="utf-8")
    code, out, err = cli(capsys, "validate", "--data", store)
    assert code == 0 and out.strip().endswith(": valid")
    assert "undid a change" in err and "removed .observations.csv.x1y2z3.tmp" in err
    assert snapshot(store) == before and not staging.exists()


def test_B3_a_journal_may_only_rename_table_files_into_the_data_folder(store, capsys):
    """B3: a tampered journal naming another path is not followed; the staging folder is deleted."""
    before = snapshot(store)
    staging = store / ".txn-aaaaaaaaaaaa"
    staging.mkdir()
    (staging / "evil.csv").write_text("x\n", encoding="utf-8")
    (staging / "journal.json").write_text('{"renames": ["../evil.csv"], "complete": true}', encoding="utf-8")
    assert cli(capsys, "validate", "--data", store)[0] == 0
    assert snapshot(store) == before and not (store.parent / "evil.csv").exists()


@pytest.mark.slow
def test_B3_killed_add_leaves_all_of_the_file_or_none(tmp_path):
    """B3: `kill -9` of `add --replace` with a new source, 20 times from its start to its end."""
    base, path, sources, n_rows = b3_base(tmp_path)
    command = lambda folder: dtlib_process("add", path, "--sources", sources, "--data", folder,  # noqa: E731
                                           "--replace")
    reference = Path(shutil.copytree(base, tmp_path / "reference"))
    start = time.monotonic()
    subprocess.run(command(reference), check=True, capture_output=True)
    typical = time.monotonic() - start
    assert assert_all_or_none(reference, snapshot(base), n_rows) == "all"
    rng = random.Random(3)
    outcomes = []
    for n in range(20):
        folder = Path(shutil.copytree(base, tmp_path / f"kill{n}"))
        before = snapshot(folder)
        proc = subprocess.Popen(command(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # spread over the whole run, from its start to its last rename, with a little jitter
        time.sleep(max(0.0, typical * (n / 19) * 1.05 + rng.uniform(-0.02, 0.02)))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        check = subprocess.run(dtlib_process("validate", "--data", folder), capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        outcomes.append(assert_all_or_none(folder, before, n_rows))
    print("outcomes:", outcomes)


# ------------------------------------------------------------------------------ A62: permissions

@pytest.mark.heavy
@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)],
                         ids=["umask-022", "umask-027", "umask-077"])
def test_A62_written_files_follow_the_umask_not_0600(store, src, tmp_path, mask, mode):
    """A62: files written through write_text (and so by add) get 0o666 less the umask."""
    old = os.umask(mask)
    try:
        write_text(tmp_path / "t.txt", "x\n")
        add(write_csv(tmp_path / "t.csv", [R1]), store, sources_file=src)
    finally:
        os.umask(old)
    assert (tmp_path / "t.txt").stat().st_mode & 0o777 == mode
    for name in ("observations.csv", "sources.csv", "changes.csv"):
        assert (store / name).stat().st_mode & 0o777 == mode, name


# --------------------------------------------------------------------------------- input handling

@pytest.mark.heavy
def test_A07_trailing_empty_columns_are_dropped_and_a_value_under_no_name_is_refused(store, src, tmp_path):
    """A07: Excel's trailing `,,,` is accepted; a value in a column with no name is refused with its line."""
    header, row = ",".join(HEADER), ",".join(R1[h] for h in HEADER)
    path = tmp_path / "t.csv"
    path.write_text(f"{header},,,\n{row},,,\n", encoding="utf-8")
    change = add(path, store, sources_file=src, dry_run=True)
    assert len(change.added) == 1 and list(change.added[0])[:10] == HEADER
    path.write_text(f"{header},,\n{row},,stray\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    assert str(err.value) == (f"{path} line 2: has a value in column 12, which has no name "
                              "(name the column in line 1, or delete the value)")


@pytest.mark.heavy
def test_A10_a_multiline_quote_in_a_crlf_file_is_accepted_with_lf(store, src, tmp_path):
    """A10: CRLF inside a quoted cell is read as LF, as the source text is."""
    row = dict(R1, indicator="online_public_services_full_pct", value="55",
               quote="Tỷ lệ dịch vụ công trực tuyến toàn trình\nđạt 55%.")
    path = write_csv(tmp_path / "crlf.csv", [row, R2], newline="\r\n")
    path.write_bytes(path.read_bytes().replace("trình\nđạt".encode(), "trình\r\nđạt".encode()))
    assert "trình\r\nđạt 55%".encode() in path.read_bytes()   # the CRLF is inside the quote
    change = add(path, store, sources_file=src)
    assert len(change.added) == 2
    stored = table(store, "observations.csv")
    assert "Tỷ lệ dịch vụ công trực tuyến toàn trình\nđạt 55%." in set(stored["quote"])
    assert b"\r" not in (store / "observations.csv").read_bytes()


@pytest.mark.parametrize("size", [200_000, 1_000_000])
def test_A11_a_cell_over_the_limit_is_refused_with_its_line_and_field(store, src, tmp_path, capsys, size):
    """A11: a cell beyond the csv module's 131,072 characters is no traceback; over 10,000 it is refused."""
    path = write_csv(tmp_path / "long.csv", [R2, dict(R1, note="x" * size)])
    before = snapshot(store)
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 2 and "Traceback" not in err
    assert err.splitlines()[1] == (f"{path} line 3, field 'note': holds {size:,} characters, more than the 10,000 "
                                   "a cell may hold (a quote is one sentence and a note a remark; keep longer text "
                                   "in the source file)")
    assert snapshot(store) == before


@pytest.mark.parametrize("char, name", [("\x00", "U+0000 (NUL)"), ("\x1b", "U+001B (ESC)"), ("\x0c", "U+000C")])
def test_A14_control_characters_are_refused_with_line_and_field(store, src, tmp_path, char, name):
    """A14: a NUL (or another control character) in a cell is refused, naming line, field and character."""
    path = write_csv(tmp_path / "nul.csv", [R2, dict(R1, note=f"rel{char}test")])
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    [problem] = err.value.problems
    assert (problem.line, problem.field) == (3, "note") and name in problem.message
    assert "delete it" in problem.hint
    assert snapshot(store) == before


@pytest.mark.heavy
def test_A14_a_tab_inside_a_cell_is_still_accepted(store, src, tmp_path):
    """A14: tab and line feed are not control characters to refuse."""
    assert len(add(write_csv(tmp_path / "tab.csv", [dict(R1, note="a\tb")]), store, sources_file=src).added) == 1


def test_A16_A17_a_csv_named_xlsx_and_a_workbook_named_csv_are_refused_in_one_line(store, src, tmp_path, capsys):
    """A16: a CSV renamed .xlsx; A17: a real .xlsx renamed .csv ("this looks like an Excel workbook")."""
    from openpyxl import Workbook

    fake = write_csv(tmp_path / "t.xlsx", [R1])
    code, out, err = cli(capsys, "add", fake, "--sources", src, "--data", store)
    assert code == 2 and "Traceback" not in err and "BadZipFile" not in err
    assert f"{fake}: is not an Excel workbook (it is not a zip file; it may be CSV text) " \
           "(name a CSV file .csv, or save the sheet from Excel as .xlsx)" in err.splitlines()
    book = Workbook()
    book.active.append(HEADER)
    real = tmp_path / "real.csv"
    book.save(real)
    code, out, err = cli(capsys, "add", real, "--sources", src, "--data", store)
    assert code == 2
    assert f"{real}: looks like an Excel workbook (.xlsx), not CSV text (name it .xlsx, or save it from Excel " \
           "as CSV UTF-8)" in err.splitlines()


def workbook(path: Path, sheets: dict[str, list[dict]], header: list[str] = HEADER) -> Path:
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


@pytest.mark.heavy
def test_A19_every_sheet_with_the_table_is_read_and_other_sheets_are_named(store, src, tmp_path, capsys):
    """A19 (and A20): rows on a second sheet are added; a sheet of instructions is named as not read."""
    path = workbook(tmp_path / "two.xlsx", {"Hướng dẫn": [["Điền số liệu vào các trang sau."]],
                                           "Sheet1": [R1], "Sheet2": [R2, R4]})
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 0, err
    assert "added 3 observations row(s)" in out
    assert f"{path}: sheet 'Hướng dẫn' was not read: its row 1 does not name the columns of a table" in out
    stored = table(store, "observations.csv")
    assert set(stored.loc[stored["source"] == "rel-test", "indicator"]) == \
           {"households_fibre_pct", "community_digital_teams", "dossiers_online_province_pct"}


def test_A19_a_problem_on_the_second_sheet_names_the_sheet_and_its_row(store, src, tmp_path):
    """A19: with several sheets read, each problem names its sheet and the row in that sheet."""
    path = workbook(tmp_path / "two.xlsx", {"Sheet1": [R1], "Sheet2": [R2, dict(R4, unit="lao-kai")]})
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    assert f"{path} sheet 'Sheet2' line 3, field 'unit': 'lao-kai' is not a known unit" in str(err.value)


@pytest.mark.heavy
def test_A26_an_excel_percentage_cell_is_read_as_percent_and_the_summary_says_so(store, src, tmp_path):
    """A26: a cell typed 85% (stored 0.85, format 0%) is read as 85, and the summary names the cell."""
    path = workbook(tmp_path / "pct.xlsx", {"Sheet1": [R1, R4]})
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Sheet1"]
    sheet["E2"], sheet["E3"] = 0.85, 0.987
    sheet["E2"].number_format = sheet["E3"].number_format = "0.0%"
    book.save(path)
    change = add(path, store, sources_file=src)
    assert [r["value"] for r in change.added] == ["85", "98.7"]
    assert (f"{path}: sheet 'Sheet1': 2 cell(s) formatted as percentages in Excel were read as percent numbers "
            "(0.85 shown as 85% is read as 85): E2, E3") in change.summary()


def test_A35_observation_and_target_columns_together_are_refused_as_ambiguous(store, src, tmp_path):
    """A35: a file with as_of/period and deadline/comparator is neither table; nothing is written."""
    header = [*HEADER, "deadline", "comparator", "instrument"]
    path = write_csv(tmp_path / "mixed.csv", [dict(R1, deadline="2025-12-31", comparator=">=", instrument="Plan X")],
                     header)
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    assert str(err.value) == (f"{path} line 1: names observation columns (as_of, period) and target columns "
                              "(comparator, deadline), so it is not clear which table its rows belong to (put "
                              "figures (as_of, period) and targets (deadline, comparator) in separate files)")
    assert snapshot(store) == before


def test_A41_a_header_only_file_changes_nothing_and_says_nothing_to_add(store, src, tmp_path, capsys):
    """A41: no changes.csv row, the sources file not added, and the command says "nothing to add"."""
    path = write_csv(tmp_path / "empty.csv", [])
    before = snapshot(store)
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 0 and err == ""
    assert out.strip() == f"{path}: nothing to add (the file has no rows); the store is unchanged"
    assert snapshot(store) == before


def test_A46_a_quote_never_closed_is_refused_at_the_line_where_it_opens(store, src, tmp_path):
    """A46: an unbalanced quote no longer swallows the later rows into one note."""
    header, rows = ",".join(HEADER), [",".join(r[h] for h in HEADER) for r in (R1, R2, R3)]
    path = tmp_path / "open.csv"
    path.write_text("\n".join([header, rows[0].replace(",reltest,", ',"forgot to close,'), *rows[1:]]) + "\n",
                    encoding="utf-8")
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    assert str(err.value) == (f"{path} line 2, field 'note': a double quote opens here and is never closed, so "
                              'every later line would join one cell (close the quote, or write a quote that '
                              'belongs to the text as two (""))')
    # closed again by a stray quote further down: the swallowed line still reads as a row
    path.write_text("\n".join([header, rows[0].replace(",reltest,", ',"forgot to close,'), rows[1],
                               rows[2].replace(",reltest,", ',reltest",')]) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    [problem] = err.value.problems
    assert (problem.line, problem.field) == (2, "note")
    assert "runs on for 2 more line(s); line 3 inside it reads as a row of its own" in problem.message
    assert "a double quote is probably not closed" in problem.hint
    assert snapshot(store) == before


@pytest.mark.parametrize("case", ["missing file", "folder as file", "missing sources", "missing data",
                                  "validate missing data", "data without tables"])
def test_A48_missing_or_wrong_paths_give_one_line_and_status_2(store, src, tmp_path, capsys, case):
    """A48: a missing FILE, a folder as FILE, a missing --sources or --data: one line each, no traceback."""
    good = write_csv(tmp_path / "t.csv", [R1])
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    args, expected = {
        "missing file": (["add", tmp_path / "nope.csv", "--data", store],
                         f"error: {tmp_path / 'nope.csv'}: no such file"),
        "folder as file": (["add", tmp_path, "--data", store],
                           f"error: {tmp_path}: is a folder, not a file (name a CSV or .xlsx file)"),
        "missing sources": (["add", good, "--sources", tmp_path / "s.csv", "--data", store],
                            f"error: --sources {tmp_path / 's.csv'}: no such file"),
        "missing data": (["add", good, "--data", tmp_path / "nodata"],
                         f"error: --data {tmp_path / 'nodata'}: no such folder"),
        "validate missing data": (["validate", "--data", tmp_path / "nodata"],
                                  f"error: --data {tmp_path / 'nodata'}: no such folder"),
        "data without tables": (["add", good, "--data", empty], f"error: data folder {empty}: sources.csv, "),
    }[case]
    code, out, err = cli(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(expected), err


def test_A49_a_column_outside_the_contract_is_refused_listing_the_contract(store, src, tmp_path):
    """A49: an extra column is not silently dropped; the hint lists the columns and the keep column."""
    path = write_csv(tmp_path / "extra.csv", [dict(R1, comment="important caveat")], [*HEADER, "comment"])
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    [problem] = err.value.problems
    assert (problem.line, problem.field, problem.message) == (1, "comment", "is not a column of observations.csv")
    assert problem.hint.startswith("the columns are unit, indicator, as_of, period, value, qualifier, source, "
                                   "quote, note, rank_of")
    assert "'keep'" in problem.hint


def test_A50_a_column_named_twice_is_refused_at_line_1(store, src, tmp_path):
    """A50: a duplicate column gets one message with line 1 and the column, not four line-less ones."""
    path = tmp_path / "dup.csv"
    path.write_text(",".join([*HEADER, "value"]) + "\n" + ",".join([*(R2[h] for h in HEADER), "1762"]) + "\n",
                    encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    assert str(err.value) == (f"{path} line 1, field 'value': names the column 'value' twice (columns 5 and 11) "
                              "(keep one of the two columns: delete or rename the other)")


def test_A53_a_stray_latin1_byte_is_reported_at_the_line_where_utf8_fails(store, src, tmp_path):
    """A53: one Latin-1 byte in a UTF-8 file is named at its own line, not where Windows-1258 would fail."""
    path = write_csv(tmp_path / "stray.csv", [dict(R1, note="café"), R2, R3, R4])
    path.write_bytes(path.read_bytes().replace("café".encode(), b"caf\xe9"))
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    [problem] = err.value.problems
    assert problem.line == 2 and "is UTF-8 text except for byte 0xE9" in problem.message
    assert "another encoding" in problem.hint


@pytest.mark.heavy
def test_A56_encoding_applies_to_the_file_only_and_the_sources_encoding_is_detected(store, tmp_path):
    """A56: `--encoding cp1258` for FILE no longer turns a UTF-8 sources file into mojibake."""
    sources = write_csv(tmp_path / "src.csv", [SOURCE], SOURCE_HEADER)            # UTF-8
    path = write_csv(tmp_path / "win.csv", [R1, R4], encoding="cp1258")
    change = add(path, store, sources_file=sources, encoding="cp1258")
    assert len(change.added) == 2
    stored = table(store, "sources.csv").set_index("id")
    assert stored.loc["rel-test", "title"] == "Báo cáo chuyển đổi số (invented)"


@pytest.mark.heavy
def test_A57_a_difference_in_the_note_only_is_named_as_such(store, src, tmp_path):
    """A57: same key and value, another note: the message names the note, not "85 conflicts with 85"."""
    add(write_csv(tmp_path / "seed.csv", [R1]), store, sources_file=src)
    path = write_csv(tmp_path / "note.csv", [dict(R1, note="another note")])
    with pytest.raises(ValidationError) as err:
        add(path, store)
    [problem] = err.value.problems
    assert (problem.line, problem.field) == (2, "note")
    assert "has the same value but differs in note: note 'another note' here, 'reltest' stored" in problem.message
    assert "conflicts" not in problem.message and "--replace" in problem.hint


@pytest.mark.heavy
def test_A63_output_into_a_closed_pipe_ends_without_a_traceback(store, src, tmp_path):
    """A63: `add ... | head` with the reader gone: no BrokenPipeError traceback."""
    path = write_csv(tmp_path / "t.csv", [R1, R2, R3, R4])
    proc = subprocess.Popen(dtlib_process("add", path, "--sources", src, "--data", store, "--dry-run"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()                           # the reader has gone before anything is written
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err and "Exception ignored" not in err
    assert proc.returncode == 1


def test_A12_beyond_50_rows_the_summary_lists_the_first_and_counts_the_rest():
    """A12: 100,000 added rows no longer print 100,000 lines."""
    rows = [dict(unit="lai-chau", indicator="x", as_of=f"2023-01-{d:02d}", value=str(d)) for d in range(1, 61)]
    lines = Change("big.csv", "observations", added=rows, written=True).summary().splitlines()
    assert len(lines) == 1 + SUMMARY_HEAD + 1
    assert lines[1] == "  + lai-chau x 2023-01-01: 1" and lines[-1] == "  ... and 50 more added"
    assert len(Change("f.csv", "observations", added=rows[:50]).summary().splitlines()) == 51


@pytest.mark.parametrize("args, expected", [
    (["--as-of", "next tuesday"], "error: --as-of 'next tuesday' is not a date: write it as YYYY-MM-DD"),
    (["--as-of", "01/02/2023"], "error: --as-of '01/02/2023' is not a date: write it as YYYY-MM-DD"),
    (["--as-of", "2023-02-30"], "error: --as-of '2023-02-30' is not a date"),
    (["--as-of", "2023-01-01'); import os; ('"], "error: --as-of \"2023-01-01'); import os; ('\" is not a date"),
    (["--jobs", "0"], "error: --jobs 0: must be 1 or more"),
    (["--jobs", "-1"], "error: --jobs -1: must be 1 or more"),
])
def test_C5_C8_C11_bad_report_arguments_give_one_line_and_status_2(capsys, args, expected):
    """C5, C8, C11: a bad --as-of (ISO only), --jobs below 1: one line on stderr, status 2, nothing built."""
    code, out, err = cli(capsys, "report", *args)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and err.startswith(expected), err


def test_C11_A48_report_out_naming_a_file_or_a_missing_data_folder_is_one_line(tmp_path, capsys):
    """C11: --out naming an existing file; A48: --data naming no folder."""
    afile = tmp_path / "pack.txt"
    afile.write_text("x")
    code, out, err = cli(capsys, "report", "--out", afile)
    assert code == 2 and err == f"error: --out {afile}: is a file, not a folder: name a folder for the pack\n"
    code, out, err = cli(capsys, "report", "--data", tmp_path / "nope", "--out", tmp_path / "pack")
    assert code == 2 and err == f"error: --data {tmp_path / 'nope'}: no such folder\n"
    assert not (tmp_path / "pack").exists()


# ------------------------------------------------------------------------------------ keep column

@pytest.mark.heavy
def test_keep_column_takes_only_marked_rows_and_is_not_stored(store, src, tmp_path, capsys):
    """A reviewed candidate file: rows marked x, yes, có ... are taken; the keep column is not stored."""
    rows = [dict(R1, keep="x"), dict(R2, keep=""), dict(R3, keep="Có"), dict(R4, keep="không")]
    path = write_csv(tmp_path / "candidates.csv", rows, [*HEADER, "keep"])
    code, out, err = cli(capsys, "add", path, "--sources", src, "--data", store)
    assert code == 0, err
    assert "added 2 observations row(s)" in out and "2 row(s) left out: not marked in column 'keep'" in out
    stored = table(store, "observations.csv")
    assert "keep" not in stored.columns
    assert set(stored.loc[stored["source"] == "rel-test", "indicator"]) == {"households_fibre_pct", "dti_rank"}


def test_keep_column_refuses_an_unclear_mark_and_a_file_with_nothing_marked_adds_nothing(store, src, tmp_path):
    """A mark that is neither yes nor no is refused with its line; nothing marked means nothing to add."""
    path = write_csv(tmp_path / "candidates.csv", [dict(R1, keep="x"), dict(R2, keep="maybe")], [*HEADER, "keep"])
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=src)
    [problem] = err.value.problems
    assert (problem.line, problem.field, problem.message) == (3, "keep", "'maybe' is neither yes nor no")
    assert "x, yes, y, 1, true or có" in problem.hint
    before = snapshot(store)
    path = write_csv(tmp_path / "none.csv", [dict(R1, keep="no"), dict(R2, keep="")], [*HEADER, "keep"])
    change = add(path, store, sources_file=src)
    assert change.nothing == "no row is marked in column 'keep'" and snapshot(store) == before


# ------------------------------------------------------------------- A37-A39: a source's file path

@pytest.mark.parametrize("where", ["/etc/passwd", "../../../../../../etc/passwd", "../README.md", "/dev/zero",
                                   "symlink", "sources/../units.csv"])
def test_A37_A39_a_source_file_outside_sources_or_examples_is_never_read(store, tmp_path, where):
    """A37-A39: only a regular file under data/sources/ or data/examples/ is read; the rest is a problem."""
    (store.parent / "README.md").write_text("root:x:0:0:a file beside the data folder\n", encoding="utf-8")
    if where == "symlink":
        (store / "sources" / "link.txt").symlink_to("/etc/passwd")
        where = "sources/link.txt"
    sources = write_csv(tmp_path / "evil.csv", [dict(SOURCE, id="evil", file=where)], SOURCE_HEADER)
    path = write_csv(tmp_path / "t.csv", [dict(R1, source="evil", quote="root:x:0:0:ZZZ")])
    before = snapshot(store)
    start = time.monotonic()
    with pytest.raises(ValidationError) as err:
        add(path, store, sources_file=sources, dry_run=True)
    assert time.monotonic() - start < 30                         # /dev/zero is not read until memory runs out
    text = str(err.value)
    assert f"{sources} line 2, field 'file': {where!r} cannot be read" in text
    assert "characters match" not in text and "root:x" not in text.replace("root:x:0:0:ZZZ", "")
    assert snapshot(store) == before


def test_A38_a_stored_source_pointing_outside_is_reported_by_load_without_reading_it(store):
    """A38/A39: the same row committed to sources.csv is a problem for every load, not a read of /dev/zero."""
    with open(store / "sources.csv", "a", encoding="utf-8") as handle:
        handle.write("evil,Evil,x,2023-09-15,,/dev/zero,en,x\n")
    with pytest.raises(ValidationError, match=r"sources\.csv line \d+, field 'file': '/dev/zero' cannot be read"):
        dtlib.load(store)


def test_A39_a_source_file_over_2_mb_is_not_read(store):
    """A39: a file in sources/ over 2 MB is refused, its text never loaded."""
    (store / "sources" / "big.txt").write_text("x" * (2 * 1024 * 1024 + 1), encoding="utf-8")
    (store / "sources" / "ok.txt").write_text("x" * 1000, encoding="utf-8")
    frame = pd.DataFrame({"id": ["big", "ok", "none"], "file": ["sources/big.txt", "sources/ok.txt", ""]})
    ctx = source_context(frame, store)
    assert ctx.unreadable == {"big"} and ctx.source_texts == {"big": None, "ok": "x" * 1000, "none": None}
