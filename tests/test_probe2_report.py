"""The pack side of the second reliability probe (../shared/reference/reliability-probe-2.md): notebook
pages that load nothing from the network (O01), figure text the font cannot draw (O08), `report`
arguments out of range or naming an ended unit (R03-R05, R08), a store with no figures (R07), and
no folder of the build machine recorded in the pack (R10).

One small pack is built here (the empty store of R07); the others are the session's ``built_pack``
or tiny notebooks.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import warnings
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

from dtlib import cli

from dtlib.briefing import notebook as nb_module
from dtlib.data.errors import UsageError
from dtlib.pack.report import REPO_ROOT, Job, build_pack, plan, recorded_data_dir, recorded_folder
from tests.conftest import mini_tables, write_dataset
from tests.test_report import WRITE_FIGURE, notebook

#: Builds packs or starts kernels: left out of ``make test-fast`` (issue 22).
pytestmark = pytest.mark.heavy

DATA = REPO_ROOT / "data"


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------------------ O01

class _Loads(HTMLParser):
    """What a page would fetch: every ``src`` and the ``href`` of ``<link>``, and the URLs inside scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts = 0
        self.fetched: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
            self._in_script = True
        if attrs.get("src") is not None and not attrs["src"].startswith("data:"):
            self.fetched.append(f"<{tag} src={attrs['src']}>")
        if tag == "link" and attrs.get("href"):
            self.fetched.append(f"<link href={attrs['href']}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.fetched += re.findall(r"(?:https?:)?//[\w.-]+[^\s\"')]*", data)


def remote_loads(html: str) -> list[str]:
    """Everything ``html`` would load from outside the pack (an ``src`` that is not a relative path or
    data, a stylesheet link, a web address inside a script), and ``<script>`` if there is any script."""
    parser = _Loads()
    parser.feed(html)
    far = [f for f in parser.fetched if re.search(r"https?:|//|^<\w+ src=/", f)]
    return far + ["<script>"] * bool(parser.scripts)


def test_O01_a_notebook_page_has_no_script_and_loads_nothing_from_the_network(tmp_path):
    from dtlib.pack.worker import _render_html

    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}   # would load unpkg
    nb.cells = [nbformat.v4.new_markdown_cell("Công thức $x^2$ và $$y$$"),
                nbformat.v4.new_markdown_cell("```mermaid\ngraph TD; A-->B\n```")]
    nbformat.write(nb, tmp_path / "page.ipynb")
    _render_html(tmp_path / "page.ipynb", tmp_path / "page.html")
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "<main>" in html and "Công thức" in html          # still the lab page, with its styles inlined
    assert remote_loads(html) == [], remote_loads(html)
    for cdn in ("cdnjs", "unpkg", "mathjax", "require.js", "mermaid.esm"):
        assert cdn not in html.lower() or cdn == "mermaid.esm" and "import(" not in html, cdn


def test_O01_the_checker_sees_what_nbconverts_own_page_loads(tmp_path):
    from nbconvert import HTMLExporter

    html, _ = HTMLExporter().from_notebook_node(nbformat.v4.new_notebook())
    found = remote_loads(html)
    assert any("require" in f for f in found) and any("mathjax" in f for f in found) and "<script>" in found


@pytest.mark.slow
def test_O01_every_notebook_page_of_the_pack_loads_nothing_from_the_network(built_pack):
    pages = sorted((built_pack("vi") / "notebooks").glob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert remote_loads(html) == [], (page.name, remote_loads(html)[:5])


# ------------------------------------------------------------------------------ O08

def test_O08_emoji_and_cjk_in_a_publisher_are_drawn_as_one_placeholder_without_warnings(tmp_path, monkeypatch):
    from dtlib.figures.glyphs import PLACEHOLDER, drawable

    assert drawable("Báo 🚀🚀中文 𝕏 tạđ") == f"Báo {PLACEHOLDER} 𝕏 tạđ"      # 𝕏 is in DejaVu Sans
    assert drawable("Lào Cai – 12/63 ≥ 85%") == "Lào Cai – 12/63 ≥ 85%"
    tables = mini_tables()
    tables["sources"][0]["publisher"] = "Báo 🚀中文𝕏 tạđ"
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    run = nb_module.setup("02_compare", data_dir=write_dataset(tmp_path / "data", tables), lang="vi",
                          out_dir=tmp_path / "out")
    fig, ax = plt.subplots()
    ax.barh([0, 1], [1, 2])
    ax.set_yticks([0, 1], ["Lào Cai 🚀", "中文"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run.figure(fig, "glyphs", pd.DataFrame({"x": [1]}), "Tiêu đề 🚀", None, ["bao-a"])
    assert not [w for w in caught if "missing from font" in str(w.message)], [str(w.message) for w in caught]
    svg = (tmp_path / "out" / "glyphs.svg").read_text(encoding="utf-8")
    assert PLACEHOLDER in svg and "🚀" not in svg and "中" not in svg and "𝕏" in svg
    meta = json.loads((tmp_path / "out" / "glyphs.json").read_text(encoding="utf-8"))
    assert "Báo 🚀中文𝕏 tạđ" in meta["source"]                      # the record keeps the text as it is


# ------------------------------------------------------------------------------ R03, R04, R05, R08

@pytest.mark.parametrize("day", ["2099-12-31", "1900-01-01", "2019-12-31",
                                 f"{dt.date.today() + dt.timedelta(days=1):%Y-%m-%d}"])
def test_R03_R04_a_report_date_outside_2020_to_today_is_refused_in_one_line(capsys, tmp_path, day):
    code, out, err = run_cli(capsys, "report", "--out", tmp_path / "pack", "--as-of", day, "--quiet")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err
    assert f"--as-of {day}" in err and "2020-01-01" in err and f"{dt.date.today():%Y-%m-%d}" in err
    assert not (tmp_path / "pack").exists()


def test_R03_R04_the_first_and_the_last_report_dates_are_accepted():
    cli._check_report_date("2020-01-01")
    cli._check_report_date(f"{dt.date.today():%Y-%m-%d}")


def test_R05_a_unit_that_ended_with_no_successor_is_refused_in_one_line(capsys, tmp_path, shipped):
    code, out, err = run_cli(capsys, "report", "--out", tmp_path / "pack", "--units", "bao-thang", "--quiet")
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "--units bao-thang: it ended on 2025-06-30 and no unit took its place" in err and "--as-of" in err
    assert not (tmp_path / "pack").exists()
    with pytest.raises(UsageError):
        plan(shipped, as_of="2026-03-31", units=["lai-chau", "bao-thang"])
    # before it ended it has a pack; a province that ended has its successor's, one not yet formed its
    # predecessor's (R06)
    assert [j.name for j in plan(shipped, as_of="2024-06-30", units=["bao-thang"])][0] == "01_profile_bao-thang"
    assert plan(shipped, as_of="2026-03-31", units=["lao-cai"])[0].name == "01_profile_lao-cai-2025"
    assert plan(shipped, as_of="2023-01-01", units=["lao-cai-2025"])[0].name == "01_profile_lao-cai"


def test_R08_previous_that_is_a_file_is_refused_in_one_line(capsys, tmp_path):
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    code, out, err = run_cli(capsys, "report", "--out", tmp_path / "pack", "--previous", tmp_path / "manifest.json")
    assert code == 2 and f"--previous {tmp_path / 'manifest.json'}: is not a folder" in err
    assert not (tmp_path / "pack").exists()


# ------------------------------------------------------------------------------ R07

def empty_store(tmp_path: Path) -> Path:
    """The shipped store with no figures, no targets, no sources and no history (headers only)."""
    store = Path(shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("imports", "examples")))
    for table in ("observations", "targets", "sources"):
        path = store / f"{table}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    (store / "history.csv").unlink(missing_ok=True)
    return store


def test_R07_no_figures_no_targets_no_sources_give_empty_tables_with_their_columns(tmp_path):
    import dtlib
    from dtlib.pack.outputs import write_briefing
    from dtlib.analysis.reorganisation import REORGANISATION_COLUMNS, reorganisation_table
    from dtlib.analysis.targets import attainment_table, known_targets

    data = dtlib.load(empty_store(tmp_path))
    assert known_targets(data, "2026-03-31").empty          # was: Cannot cast DatetimeArray to dtype float64
    empty = attainment_table(data, "2026-03-31")
    assert empty.empty and list(empty.columns) == list(attainment_table(dtlib.load(), "2026-03-31").columns)
    assert list(reorganisation_table(data, "2026-03-31").columns) == REORGANISATION_COLUMNS
    manifest = {"as_of": "2026-03-31", "lang": "vi", "runs": []}
    result = write_briefing(tmp_path / "pack", manifest, None, None, data)
    assert {name: o["status"] for name, o in result["outputs"].items()} == {
        "summary.md": "ok", "briefing.pptx": "ok", "tables.xlsx": "ok"}


@pytest.mark.slow
def test_R07_a_store_with_no_figures_targets_or_sources_builds_an_empty_pack(capsys, tmp_path):
    store = empty_store(tmp_path)
    assert cli.main(["validate", "--data", str(store)]) == 0
    out = tmp_path / "pack"
    code, _, err = run_cli(capsys, "report", "--data", store, "--out", out, "--quiet", "--jobs", "2")
    assert code == 0 and "FAILED" not in err and "Cannot cast" not in err, err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ok"] and len(manifest["runs"]) == 8 and {r["status"] for r in manifest["runs"]} == {"ok"}
    assert all((out / name).stat().st_size > 0 for name in ("summary.md", "briefing.pptx", "tables.xlsx"))
    # R10 with a store outside the repository: recorded relative to it, and found again from it
    assert {recorded_folder(r["parameters"]["data_dir"]) for r in manifest["runs"]} == {store.resolve()}


# ------------------------------------------------------------------------------ R10

def test_R10_the_data_folder_is_recorded_relative_to_the_repository(shipped, tmp_path):
    assert recorded_data_dir(DATA) == "data" and recorded_folder("data") == DATA
    assert {j.parameters["data_dir"] for j in plan(shipped, as_of="2026-03-31")} == {"data"}
    elsewhere = tmp_path / "store"
    assert recorded_folder(recorded_data_dir(elsewhere)) == elsewhere.resolve()
    assert not Path(recorded_data_dir(elsewhere)).is_absolute()


READ_DATA = WRITE_FIGURE + """
import pathlib
assert pathlib.Path(data_dir).is_absolute() and (pathlib.Path(data_dir) / "units.csv").is_file(), data_dir
"""


def test_R10_a_pack_names_no_folder_of_the_machine_and_is_reused_from_its_manifest(tmp_path):
    nb = notebook(tmp_path / "reads.ipynb", READ_DATA,
                  parameters='name = "fig"\ngreeting = "hello"\nout_dir = "."\ndata_dir = None')
    jobs = [Job(nb, "run-a", {"name": "fig_a", "greeting": "chào", "data_dir": recorded_data_dir(DATA)}, "k")]
    out = tmp_path / "pack"
    manifest = build_pack(jobs, out, n_jobs=1, progress=False)
    assert manifest["ok"], manifest["runs"][0]["error"]          # the run found the data from "data"
    published = [out / "manifest.json", *sorted((out / "notebooks").glob("*.ipynb"))]
    for path in published:
        text = path.read_text(encoding="utf-8")
        for trace in (str(REPO_ROOT), str(tmp_path), ".staging-", ".building-"):
            assert trace not in text, (path.name, trace)
    executed = nbformat.read(out / "notebooks" / "run-a.ipynb", as_version=4)
    assert executed.metadata.papermill["parameters"]["data_dir"] == "data"
    injected = [c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'data_dir = "data"' in injected[0] and 'out_dir = ".."' in injected[0]
    again = build_pack(jobs, out, n_jobs=1, progress=False, force=False)
    assert all(r["reused"] for r in again["runs"])


@pytest.mark.slow
def test_R10_the_shipped_pack_records_no_absolute_data_folder(built_pack):
    pack = built_pack("vi")
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    assert {r["parameters"]["data_dir"] for r in manifest["runs"]} == {"data"}
    text = (pack / "manifest.json").read_text(encoding="utf-8")
    assert str(REPO_ROOT) not in text and ".building-" not in text and ".staging-" not in text
    for path in sorted((pack / "notebooks").glob("*.ipynb")):
        executed = nbformat.read(path, as_version=4)
        injected = [c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
        # what papermill records (a warning a cell prints may name the library's file: not the data folder)
        for text in (json.dumps(executed.metadata), *injected):
            assert str(REPO_ROOT) not in text and ".building-" not in text and ".staging-" not in text, path.name
        assert executed.metadata.papermill["parameters"]["data_dir"] == "data"
