"""The runner: parameters reach the notebook, a failure is reported and spares the rest, the manifest is right."""
import json
import re
from pathlib import Path

import nbformat
import pytest

from dtlib.pack.report import Job, build_pack, describe_failure, front_page

#: Builds packs or starts kernels: left out of ``make test-fast`` (issue 22).
pytestmark = pytest.mark.heavy

WRITE_FIGURE = """
import json, pathlib
out = pathlib.Path(out_dir)
(out / f"{name}.png").write_bytes(b"png of " + greeting.encode())
(out / f"{name}.json").write_text(json.dumps({"name": name, "caption": "Lời chào: " + greeting,
                                             "source": "Nguồn: thử nghiệm"}), encoding="utf-8")
(out / "tables").mkdir(exist_ok=True)
(out / "tables" / f"{name}.csv").write_text("greeting\\n" + greeting + "\\n", encoding="utf-8")
"""


def notebook(path: Path, body: str, fail: bool = False,
             parameters: str = 'name = "fig"\ngreeting = "hello"\nout_dir = "."') -> str:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# test"), params, nbformat.v4.new_code_cell(body)]
    if fail:
        nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('dữ liệu hỏng')"))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return str(path)


@pytest.fixture
def good(tmp_path):
    return notebook(tmp_path / "good.ipynb", WRITE_FIGURE)


@pytest.fixture
def bad(tmp_path):
    return notebook(tmp_path / "bad.ipynb", WRITE_FIGURE, fail=True)


def test_parameters_reach_the_notebook_and_files_are_published(tmp_path, good):
    out = tmp_path / "pack"
    manifest = build_pack([Job(good, "run-a", {"name": "fig_a", "greeting": "xin chào"})], out, n_jobs=1,
                          progress=False)
    assert manifest["ok"] and manifest["runs"][0]["status"] == "ok"
    assert (out / "fig_a.png").read_bytes() == "png of xin chào".encode()
    assert (out / "tables" / "fig_a.csv").exists()
    executed = nbformat.read(out / "notebooks" / "run-a.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'name = "fig_a"' in injected[0].source
    assert 'greeting = "xin chào"' in injected[0].source.encode().decode("unicode_escape")
    assert (out / "notebooks" / "run-a.html").exists()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Lời chào: xin chào" in page and "fig_a.png" in page and "Nguồn: thử nghiệm" in page
    assert not list(out.glob(".staging-*"))


def test_a_failing_notebook_is_reported_and_does_not_stop_the_others(tmp_path, good, bad):
    out = tmp_path / "pack"
    jobs = [Job(bad, "broken", {"name": "fig_b"}), Job(good, "fine", {"name": "fig_c", "greeting": "hi"})]
    manifest = build_pack(jobs, out, n_jobs=2, progress=False)
    assert manifest["ok"] is False
    runs = {r["name"]: r for r in manifest["runs"]}
    assert runs["fine"]["status"] == "ok" and (out / "fig_c.png").exists()
    broken = runs["broken"]
    assert broken["status"] == "failed"
    assert broken["error"]["ename"] == "ValueError" and "dữ liệu hỏng" in broken["error"]["evalue"]
    assert broken["error"]["cell"] == 4          # markdown, parameters, injected parameters, body, raise
    assert "bad.ipynb (run broken), cell 4: ValueError: dữ liệu hỏng" == describe_failure(broken)
    assert (out / "notebooks" / "broken.failed.ipynb").exists()
    assert not (out / "fig_b.png").exists()      # a failed run publishes nothing
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in on_disk["runs"]] == ["broken", "fine"]
    assert all(isinstance(r["seconds"], float) for r in on_disk["runs"])
    assert on_disk["runs"][0]["parameters"] == {"name": "fig_b"}


def test_a_failure_keeps_the_previous_good_output(tmp_path, good, bad):
    out = tmp_path / "pack"
    build_pack([Job(good, "profile", {"name": "fig_p", "greeting": "first"})], out, n_jobs=1, progress=False)
    manifest = build_pack([Job(bad, "profile", {"name": "fig_p", "greeting": "second"})], out, n_jobs=1,
                          progress=False)
    assert manifest["runs"][0]["status"] == "failed"
    assert (out / "fig_p.png").read_bytes() == b"png of first"
    assert (out / "notebooks" / "profile.ipynb").exists()
    assert manifest["runs"][0]["figures"] == ["fig_p"]       # the front page still shows the last good one
    assert "fig_p.png" in (out / "index.html").read_text(encoding="utf-8")


def test_front_page_escapes_text(tmp_path):
    manifest = {"built": "now", "runs": [{"name": "x<y", "notebook": "n.ipynb", "parameters": {"unit": "<b>"},
                                          "status": "ok", "seconds": 1.0, "figures": []}]}
    page = front_page(manifest, tmp_path)
    assert "x&lt;y" in page and "<b>" not in page.replace("<body>", "")


@pytest.mark.slow
def test_parallel_builds_are_stable(tmp_path, good):
    """Many kernels started at once in parallel processes, several times over: no port or start failures."""
    for round_ in range(3):
        jobs = [Job(good, f"run{i}", {"name": f"fig{i}", "greeting": f"round {round_}"}) for i in range(8)]
        manifest = build_pack(jobs, tmp_path / "pack", n_jobs=4, progress=False)
        assert manifest["ok"], [describe_failure(r) for r in manifest["runs"] if r["status"] != "ok"]
        assert all((tmp_path / "pack" / f"fig{i}.png").read_bytes() == f"png of round {round_}".encode()
                   for i in range(8))


def test_a_relative_out_folder_is_where_the_files_land(tmp_path, good, monkeypatch):
    """Notebooks run in their own folder; the pack must still land in --out as the caller meant it."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    manifest = build_pack([Job(good, "rel", {"name": "fig_r", "greeting": "hi"})], "pack", n_jobs=1, progress=False)
    assert manifest["ok"] and manifest["runs"][0]["figures"] == ["fig_r"]
    assert (work / "pack" / "fig_r.png").read_bytes() == b"png of hi"
    assert not (tmp_path / "pack").exists()


def test_the_pack_compares_the_four_provinces_before_the_mergers_and_what_they_became_after(shipped):
    from dtlib.pack.report import plan
    before = plan(shipped, as_of="2024-12-31")
    after = plan(shipped, as_of="2026-03-31")
    profiles = lambda jobs: [j.parameters["unit"] for j in jobs if j.name.startswith("01_profile")]  # noqa: E731
    assert profiles(before) == ["lao-cai", "quang-binh", "lai-chau", "thai-nguyen"]
    assert profiles(after) == ["lao-cai-2025", "quang-tri-2025", "lai-chau", "thai-nguyen-2025"]
    targets = {j.name: j for j in after}["03_targets"].parameters["units"]
    assert targets == ["vietnam", "lao-cai-2025", "quang-tri-2025", "lai-chau", "thai-nguyen-2025"]
    assert {"bao-thang", "gia-phu"} <= set({j.name: j for j in before}["03_targets"].parameters["units"])
    compare = {j.name: j for j in after}["02_compare"].parameters
    assert compare["follow_mergers"] is True
    assert {j.name: j for j in plan(shipped, as_of="2026-03-31", follow=False)}["04_trends"].parameters[
        "follow_mergers"] is False
    # an old province asked for by name is replaced by what it became
    assert profiles(plan(shipped, as_of="2026-03-31", units=["quang-binh"])) == ["quang-tri-2025"]


def test_front_page_shows_report_and_build_dates_and_the_revisions(tmp_path):
    import pandas as pd
    revised = pd.DataFrame([{"unit": "vietnam", "indicator": "x", "indicator_en": "Digital <economy>",
                             "as_of": pd.Timestamp("2023-12-31"), "period": "năm 2023", "old_value": 12.33,
                             "old_source": "a", "old_known_on": pd.Timestamp("2023-12-31"), "value": 12.87,
                             "source": "b", "known_on": pd.Timestamp("2025-01-06"), "change": 0.54}])
    manifest = {"built": "2026-11-23T10:00:00", "as_of": "2026-03-31", "why": "the latest date a figure describes",
                "lang": "en", "runs": []}
    page = front_page(manifest, tmp_path, None, revised)
    assert "Report date <strong>31 Mar 2026</strong>, the latest date a figure describes" in page
    assert "Built 23 Nov 2026 at 10:00" in page
    assert "Revised figures" in page and "12.33 (a)" in page and "Digital &lt;economy&gt;" in page


# ------------------------------------------------------------------ a worker keeps its kernel

SPOIL_STATE = """
import os, warnings, pathlib, matplotlib, pandas as pd, dtlib.words.i18n
pathlib.Path(out_dir, "pid.txt").write_text(str(os.getpid()))
leak = "from the run before"
matplotlib.rcParams["lines.linewidth"] = 9.5
pd.set_option("display.max_rows", 3)
dtlib.words.i18n.set_language("en")
warnings.simplefilter("error")
os.chdir("/")
"""

CHECK_STATE = """
import os, warnings, pathlib, matplotlib, pandas as pd, dtlib.words.i18n
pathlib.Path(out_dir, "pid.txt").write_text(str(os.getpid()))
assert "leak" not in globals(), "a variable of the previous run"
assert matplotlib.rcParams["lines.linewidth"] != 9.5, "matplotlib settings of the previous run"
assert pd.get_option("display.max_rows") != 3, "pandas options of the previous run"
assert dtlib.words.i18n.language() == dtlib.words.i18n.DEFAULT_LANGUAGE, "the language of the previous run"
assert not any(f[0] == "error" and f[2] is Warning for f in warnings.filters), "warnings filters of the previous run"
assert os.getcwd() == os.path.dirname(os.path.abspath(notebook_file)), os.getcwd()
"""


@pytest.mark.parametrize("reuse", [True, False])
def test_a_run_in_a_kept_kernel_starts_as_in_a_fresh_one(tmp_path, reuse):
    spoil, check = (notebook(tmp_path / f"{name}.ipynb", body, parameters='out_dir = "."\nnotebook_file = ""')
                    for name, body in (("spoil", SPOIL_STATE), ("check", CHECK_STATE)))
    out = tmp_path / "pack"
    jobs = [Job(spoil, "a-spoil", {"notebook_file": spoil}), Job(check, "b-check", {"notebook_file": check})]
    manifest = build_pack(jobs, out, n_jobs=1, progress=False, reuse_kernels=reuse)
    # the second run's assertions fail it if anything of the first run's state is left
    assert manifest["ok"], [describe_failure(r) for r in manifest["runs"] if r["status"] != "ok"]
    assert [r["name"] for r in manifest["runs"]] == ["a-spoil", "b-check"]


def test_a_kept_kernel_is_the_same_process_from_run_to_run_and_one_that_died_is_replaced(tmp_path):
    body = 'import os, pathlib\npathlib.Path(out_dir, name + ".pid").write_text(str(os.getpid()))\n'
    nb_ok = notebook(tmp_path / "pid.ipynb", body.replace("out_dir, name", "out_dir, greeting"))
    nb_die = notebook(tmp_path / "die.ipynb", body.replace("out_dir, name", "out_dir, greeting") + "os._exit(3)\n")
    jobs = [Job(nb_ok, "a", {"greeting": "a"}), Job(nb_ok, "b", {"greeting": "b"}),
            Job(nb_die, "c", {"greeting": "c"}), Job(nb_ok, "d", {"greeting": "d"})]
    out = tmp_path / "pack"
    manifest = build_pack(jobs, out, n_jobs=1, progress=False)
    status = {r["name"]: r["status"] for r in manifest["runs"]}
    assert status == {"a": "ok", "b": "ok", "c": "failed", "d": "ok"}
    pid = {name: (out / f"{name}.pid").read_text() for name in ("a", "b", "d")}
    assert pid["a"] == pid["b"]                 # one kernel for the worker's runs
    assert pid["d"] != pid["a"]                 # the one that died was replaced
    fresh = build_pack(jobs[:2], tmp_path / "fresh", n_jobs=1, progress=False, reuse_kernels=False)
    assert fresh["ok"]
    assert (tmp_path / "fresh" / "a.pid").read_text() != (tmp_path / "fresh" / "b.pid").read_text()


def test_runs_in_a_kept_kernel_share_its_client_and_each_notebook_holds_only_its_own_output(tmp_path):
    """One client serves every run of a kept kernel: what one run printed must not reach the next."""
    body = 'import os, pathlib\nprint("run " + greeting)\npathlib.Path(out_dir, greeting + ".pid").write_text(str(os.getpid()))\n'
    nb = notebook(tmp_path / "say.ipynb", body)
    names = ("alpha", "beta", "gamma")
    out = tmp_path / "pack"
    manifest = build_pack([Job(nb, name, {"greeting": name}) for name in names], out, n_jobs=1, progress=False)
    assert manifest["ok"]
    assert len({(out / f"{name}.pid").read_text() for name in names}) == 1
    for name in names:
        executed = nbformat.read(out / "notebooks" / f"{name}.ipynb", as_version=4)
        printed = "".join(o.get("text", "") for cell in executed.cells if cell.cell_type == "code"
                          for o in cell.get("outputs", []))
        assert printed == f"run {name}\n", (name, printed)


def test_the_longest_runs_start_first():
    from dtlib.pack.report import longest_first

    jobs = [Job("p.ipynb", "01_profile_x", {"unit": "x"}), Job("c.ipynb", "02_compare", {}),
            Job("p.ipynb", "01_profile_y", {"unit": "y"}), Job("t.ipynb", "04_trends", {})]
    assert [j.name for j in longest_first(jobs, {})] == ["02_compare", "04_trends", "01_profile_x", "01_profile_y"]
    last = {"01_profile_y": {"seconds": 9.0}, "02_compare": {"seconds": 4.0}, "04_trends": {"seconds": 6.0}}
    assert [j.name for j in longest_first(jobs, last)] == ["01_profile_y", "04_trends", "02_compare", "01_profile_x"]


@pytest.mark.slow
def test_the_shipped_pack_built_in_kept_kernels_equals_the_one_built_in_fresh_kernels(built_pack, tmp_path):
    from dtlib.cli import main

    warm = built_pack("vi")
    fresh = tmp_path / "pack"
    assert main(["report", "--out", str(fresh), "--quiet", "--jobs", "2", "--fresh-kernels"]) == 0
    def built(pack: Path) -> list[Path]:
        # what a build writes (the browser test adds screenshots/ to the session's pack)
        return sorted(p.relative_to(pack) for p in pack.rglob("*")
                      if p.is_file() and p.suffix in (".csv", ".svg", ".png", ".json") and p.name != "manifest.json"
                      and p.relative_to(pack).parts[0] != "screenshots")

    files = built(warm)
    assert len(files) > 40 and files == built(fresh)
    for name in files:
        a, b = (warm / name).read_bytes(), (fresh / name).read_bytes()
        if name.suffix == ".json":
            a, b = json.loads(a), json.loads(b)
            if isinstance(a, dict):
                a.pop("save_seconds", None), b.pop("save_seconds", None)
        assert a == b, name


@pytest.mark.slow
def test_no_notebook_page_shows_a_path_of_the_build(built_pack):
    for page in (built_pack("vi") / "notebooks").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for trace in (".staging-", ".building-", "PosixPath(", "/tmp/"):
            assert trace not in text, (page.name, trace)
        # nor where the code sits: a warning says its kind and words, not "/…/dtlib/notebook.py:155:"
        assert not re.search(r"dtlib/\w+\.py:\d+", text), page.name


def test_a_kept_kernel_that_grew_too_large_is_replaced(tmp_path, monkeypatch):
    body = ('import os, pathlib\npathlib.Path(out_dir, greeting + ".pid").write_text(str(os.getpid()))\n'
            'ballast = bytearray(80 * 2**20)\n')
    nb = notebook(tmp_path / "big.ipynb", body)
    jobs = [Job(nb, "a", {"greeting": "a"}), Job(nb, "b", {"greeting": "b"})]
    # the limit reaches the worker process through the environment it inherits at spawn
    monkeypatch.setenv("DTLIB_KEPT_KERNEL_MAX_RSS", str(50 * 2**20))
    manifest = build_pack(jobs, tmp_path / "pack", n_jobs=1, progress=False)
    assert manifest["ok"]
    assert (tmp_path / "pack" / "a.pid").read_text() != (tmp_path / "pack" / "b.pid").read_text()


def test_each_language_builds_into_its_own_folder_by_default(monkeypatch, tmp_path):
    # issue 19: `make report PACK_LANG=en` overwrote the Vietnamese pack in figures/
    from dtlib import cli

    seen = {}
    monkeypatch.setattr(cli, "_report", lambda args: seen.setdefault(args.lang, args.out) and 0)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["report"]) == 0 and cli.main(["report", "--lang", "en"]) == 0
    assert seen == {"vi": "figures", "en": "figures-en"}
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    assert "--out $(OUT)" in makefile and "OUT    ?=\n" in makefile       # make passes no --out unless asked
