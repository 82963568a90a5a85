"""The pack side of the reliability probe: killed, interrupted and parallel builds, the output
folder, kernel shutdown, file modes and sanitised notebook HTML (cases B4-B6, B8, C2, C3, C10,
C11 and A62 of ../shared/reference/reliability-probe.md).

Packs are built from tiny notebooks made here (a build takes seconds); a build that is to be
killed runs in a subprocess.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd
import psutil
import pytest
from filelock import FileLock

from dtlib import cli
from dtlib.data.errors import UsageError
from dtlib.pack.publish import PackBusy, unsafe_out_reason
from dtlib.pack.report import REPO_ROOT, Job, build_pack
from tests.test_report import WRITE_FIGURE, notebook

#: Builds packs or starts kernels: left out of ``make test-fast`` (issue 22).
pytestmark = pytest.mark.heavy

# Builds a pack as a spec file says: {"jobs": [...], "out": ..., "n_jobs": n, "observations": [...],
# "why": ..., "result": path for the returned manifest, "builds": how many in a row}.
BUILD = """
import json, sys
import pandas as pd
from dtlib.pack.report import Job, build_pack
spec = json.load(open(sys.argv[1], encoding="utf-8"))
obs = pd.DataFrame(spec["observations"]) if spec.get("observations") is not None else None
for _ in range(spec.get("builds", 1)):
    manifest = build_pack([Job(**j) for j in spec["jobs"]], spec["out"], n_jobs=spec.get("n_jobs", 2),
                          progress=False, observations=obs, dated={"why": spec.get("why", "")})
json.dump(manifest, open(spec["result"], "w", encoding="utf-8"))
"""

# Runs `python -m dtlib report` on the shipped data, with plan() giving the tiny jobs of the spec.
CLI = """
import json, sys
import dtlib.pack.report
from dtlib import cli
from dtlib.pack.report import Job
spec = json.load(open(sys.argv[1], encoding="utf-8"))
dtlib.pack.report.plan = lambda *a, **k: [Job(**j) for j in spec["jobs"]]
sys.exit(cli.main(["report", "--out", spec["out"], "--quiet", *spec.get("args", [])]))
"""

SLEEP_THEN_WRITE = "import time\ntime.sleep(float(pause))\n" + WRITE_FIGURE


def slow_notebook(path: Path) -> str:
    """A notebook like test_report's that first sleeps ``pause`` seconds (a parameter)."""
    nb = nbformat.read(notebook(path, SLEEP_THEN_WRITE), as_version=4)
    nb.cells[1].source += '\npause = "0"'
    nbformat.write(nb, path)
    return str(path)


def jobs_for(nb: str, greeting: str, n: int = 3, prefix: str = "run", pause: float | None = None) -> list[dict]:
    """``n`` runs of ``nb``, each drawing one figure; ``pause`` only for a :func:`slow_notebook`."""
    slow = {} if pause is None else {"pause": str(pause)}
    return [{"notebook": nb, "name": f"{prefix}{i}", "parameters": {"name": f"fig_{prefix}{i}", "greeting": greeting,
                                                                   **slow}}
            for i in range(n)]


def start(script: str, spec: dict, tmp: Path, tag: str, env: dict | None = None, **popen) -> subprocess.Popen:
    spec = {"result": str(tmp / f"{tag}.result.json"), **spec}
    path = tmp / f"{tag}.spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})}, **popen)


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def greeting_of(out: Path) -> str:
    """The greeting (the build's mark) of the pack in ``out``, after checking that the pack is whole.

    Whole: every run the manifest lists is ok and has its executed notebook and its HTML;
    every figure file, table and notebook carries the manifest's greeting; the front page
    lists every run and figure; no staging folder is left.
    """
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    greetings = {r["parameters"]["greeting"] for r in manifest["runs"]}
    assert len(greetings) == 1, greetings
    greeting = greetings.pop()
    page = (out / "index.html").read_text(encoding="utf-8")
    for run in manifest["runs"]:
        assert run["status"] == "ok", run
        executed = nbformat.read(out / "notebooks" / f"{run['name']}.ipynb", as_version=4)
        injected = next(c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
        assert json.dumps(greeting) in injected, (run["name"], injected)
        assert (out / "notebooks" / f"{run['name']}.html").stat().st_size > 0
        assert f">{run['name']}</a>" in page
        for fig in run["figures"]:
            assert (out / f"{fig}.png").read_bytes() == f"png of {greeting}".encode(), fig
            assert json.loads((out / f"{fig}.json").read_text(encoding="utf-8"))["caption"] == f"Lời chào: {greeting}"
            assert (out / "tables" / f"{fig}.csv").read_text(encoding="utf-8") == f"greeting\n{greeting}\n"
            assert f"Lời chào: {greeting}" in page
    assert not list(out.glob(".staging-*"))
    return greeting


def leftovers(out: Path) -> list[str]:
    """Folders a build leaves beside or in the pack when it does not finish."""
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.is_dir()]
    return beside + [p.name for p in out.glob(".staging-*")]


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def command(proc: psutil.Process) -> list[str]:
    try:
        return proc.cmdline()
    except psutil.Error:
        return []


def alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    living = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                living.append(p)
        except psutil.NoSuchProcess:
            pass
    return living


def wait_gone(procs: list[psutil.Process], seconds: float) -> list[psutil.Process]:
    deadline = time.monotonic() + seconds
    while alive(procs) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(procs)


# ---------------------------------------------------------------------------------------- B6

def test_B6_two_builds_into_one_out_run_one_after_the_other_and_leave_a_coherent_pack(tmp_path):
    nb = slow_notebook(tmp_path / "slow.ipynb")
    out = tmp_path / "pack"
    row = lambda unit: {"unit": unit, "indicator": "x", "as_of": "2024-12-31", "value": 1.0,  # noqa: E731
                        "source": "s"}
    build_pack([Job(**j) for j in jobs_for(nb, "start", n=1, prefix="p", pause=0)], out, n_jobs=1, progress=False,
               observations=pd.DataFrame([row("u0")]))
    obs = {"A": [row("u0"), row("a")], "B": [row("u0"), row("b")]}
    procs = {tag: start(BUILD, {"jobs": jobs_for(nb, f"build {tag}", n=2, prefix=tag.lower(), pause=1),
                                "out": str(out), "observations": obs[tag], "why": tag}, tmp_path, tag)
             for tag in "AB"}
    results = {tag: finish(proc) for tag, proc in procs.items()}
    assert all(rc == 0 for rc, _, _ in results.values()), results

    waited = {tag: [line for line in err.splitlines() if line.startswith("waiting for another dtlib report")]
              for tag, (_, _, err) in results.items()}
    assert sorted(len(lines) for lines in waited.values()) == [0, 1], results   # one waited, saying so once
    final = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    last = final["why"]
    first = "A" if last == "B" else "B"
    assert waited[last] and str(out.name) in waited[last][0]
    assert [r["name"] for r in final["runs"]] == [f"{last.lower()}0", f"{last.lower()}1"]
    assert greeting_of(out) == f"build {last}"
    # each compared with the pack finished before it: the first with the start pack, the last with the first's
    manifests = {tag: json.loads((tmp_path / f"{tag}.result.json").read_text(encoding="utf-8")) for tag in "AB"}
    assert manifests[first]["since_last_pack"] == {"new_value": 1}
    assert final["since_last_pack"] == manifests[last]["since_last_pack"] == {"new_value": 1, "dropped_value": 1}
    changes = pd.read_csv(out / "tables" / "since_last_pack.csv")
    assert set(zip(changes["kind"], changes["unit"])) == {("new_value", last.lower()), ("dropped_value", first.lower())}
    assert not leftovers(out)


def test_B6_a_build_that_cannot_get_the_lock_in_time_stops_with_a_clear_error(tmp_path, capsys):
    out = tmp_path / "pack"
    with FileLock(tmp_path / ".pack.lock"):
        started = time.monotonic()
        with pytest.raises(PackBusy) as caught:
            build_pack([Job(str(tmp_path / "never.ipynb"), "never")], out, progress=False, lock_timeout=0.5)
        assert 0.5 <= time.monotonic() - started < 5
        assert str(caught.value) == (f"{out}: another dtlib report still holds .pack.lock after 0.5 s; nothing was "
                                     "done (let it finish, or pass --lock-timeout SECONDS)")
        assert capsys.readouterr().err == (f"waiting for another dtlib report to finish building {out} "
                                           "(it holds .pack.lock; giving up after 0.5 s)\n")
        # the command line: one line saying it waits, one saying it gave up, exit status 2
        assert cli.main(["report", "--out", str(out), "--quiet", "--lock-timeout", "0.5"]) == 2
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 2 and err[0].startswith("waiting for another dtlib report")
        assert err[1].startswith(f"error: {out}: another dtlib report still holds .pack.lock after 0.5 s")
    assert not out.exists() and not leftovers(out)


# ------------------------------------------------------------------------------------- B4, B5

@pytest.fixture
def short_temp():
    """A temporary folder with a short path (a kernel's socket path may not exceed ~107 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="dtk-test-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_B4_a_killed_report_leaves_the_old_pack_or_the_new_one_whole(tmp_path, short_temp):
    """kill -9 of the build at random moments, 20 times: each time the old pack or the new one, whole;
    then a build succeeds and leaves nothing behind; the killed builds' processes are all gone."""
    good = notebook(tmp_path / "good.ipynb", WRITE_FIGURE)
    out = tmp_path / "pack"
    spec = lambda greeting: {"jobs": jobs_for(good, greeting, n=2), "out": str(out), "n_jobs": 2}  # noqa: E731
    # the builds' temporary files (kernel runtime folders, connection files) go here, to be counted
    build = lambda tag, greeting: start(BUILD, spec(greeting), tmp_path, tag,  # noqa: E731
                                        env={"TMPDIR": str(short_temp)})
    began = time.monotonic()
    rc, _, err = finish(build("b0", "build 0"))
    duration = time.monotonic() - began
    assert rc == 0, err
    current = greeting_of(out)
    rng = random.Random(20261123)
    orphans: list[psutil.Process] = []
    outcomes, kernels = [], 0
    for i in range(1, 21):
        proc = build(f"b{i}", f"build {i}")
        time.sleep(rng.uniform(0, duration))
        snapshot = descendants(proc.pid)
        kernels += sum("ipykernel" in " ".join(command(p)) for p in snapshot)
        orphans += snapshot
        proc.kill()
        proc.communicate()
        found = greeting_of(out)
        assert found in (current, f"build {i}"), (i, found, current)
        outcomes.append("new" if found != current else "old")
        current = found
    rc, _, err = finish(build("final", "final"))
    assert rc == 0, err
    assert greeting_of(out) == "final"
    assert not leftovers(out), leftovers(out)
    # every worker, kernel and resource tracker of a killed build has ended (the last one a few seconds ago)
    assert not wait_gone(orphans, 10), [(p.pid, p.cmdline()) for p in alive(orphans)]
    assert kernels > 0 and "old" in outcomes     # some kills did land while notebooks ran
    assert not list(short_temp.iterdir())   # the killed workers took their kernels' files along


def test_B4_recovery_finishes_or_undoes_a_swap_cut_short(tmp_path, monkeypatch, capsys):
    """The states a kill can leave, made by hand: each time the next build's recovery leaves one whole pack."""
    from dtlib.pack import publish

    def pack(folder: Path, build: str) -> Path:
        (folder / "notebooks").mkdir(parents=True)
        (folder / "notebooks" / "r.ipynb").write_text(build, encoding="utf-8")
        (folder / "manifest.json").write_text(json.dumps({"build": build, "runs": []}), encoding="utf-8")
        return folder

    out = tmp_path / "pack"
    build = lambda build_id: publish.building_folder(out, build_id)  # noqa: E731
    held = lambda: (out / "notebooks" / "r.ipynb").read_text(encoding="utf-8")  # noqa: E731
    # killed while copying or running: the building folder is not complete (its manifest is the old pack's)
    pack(out, "old1")
    pack(build("new1"), "old1")
    (out / ".staging-x").mkdir()                                   # left in the pack by an older dtlib
    assert len(publish.recover(out)) == 2 and held() == "old1" and not leftovers(out)
    # killed after the manifest was written, before the swap: the new pack goes in
    pack(build("new2"), "new2")
    publish.recover(out)
    assert held() == "new2" and not leftovers(out)
    # without an atomic exchange, killed between the two renames: the pack folder is missing
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    out.rename(tmp_path / ".pack.old-new3")
    pack(build("new3"), "new3")
    publish.recover(out)
    assert held() == "new3" and not leftovers(out)
    # ... or the old pack was set aside and nothing complete is there: it is put back
    out.rename(tmp_path / ".pack.old-new4")
    pack(build("new4"), "new3")
    lines = publish.recover(out)
    assert held() == "new3" and not leftovers(out)
    assert any("put back the previous pack" in line for line in lines)
    # a commit without the exchange, start to end
    pack(build("new5"), "new5")
    publish.commit(build("new5"), out)
    assert held() == "new5" and not leftovers(out)
    assert "removed .pack.building-new1, the unfinished folder of a killed build" in capsys.readouterr().err


def wait_for_descendant(proc, text: str, poll: float, timeout: float = 60) -> None:
    """Wait until a live descendant of ``proc`` has ``text`` in its command line (a worker, a kernel);
    fail if ``proc`` ends first or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while not any(text in " ".join(p.cmdline()) for p in alive(descendants(proc.pid))):
        assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
        time.sleep(poll)


@pytest.mark.parametrize("moment", ["spawn_main", "ipykernel"], ids=["as-workers-start", "as-notebooks-run"])
def test_B5_ctrl_c_stops_cleanly_and_leaves_the_previous_pack(tmp_path, moment):
    nb = slow_notebook(tmp_path / "slow.ipynb")
    out = tmp_path / "pack"
    build_pack([Job(**j) for j in jobs_for(nb, "before", n=2, pause=0)], out, n_jobs=2, progress=False)
    # its own process group, as a terminal's foreground job is: Ctrl-C goes to all its processes
    proc = start(CLI, {"jobs": jobs_for(nb, "after", n=2, pause=5), "out": str(out)}, tmp_path, "cli",
                 start_new_session=True)
    wait_for_descendant(proc, moment, poll=0.01)
    if moment == "ipykernel":
        time.sleep(1)                    # the notebooks are running
    workers = descendants(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)
    rc, stdout, err = finish(proc, timeout=60)
    assert rc == 130, err
    assert err.splitlines()[-1] == "interrupted: the previous pack is unchanged", err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert greeting_of(out) == "before"
    assert not leftovers(out)
    assert workers and not wait_gone(workers, 5), [p.cmdline() for p in alive(workers)]


# ---------------------------------------------------------------------------------------- B8

def test_B8_a_build_prints_no_keyboardinterrupt_from_its_kernels(tmp_path):
    good = notebook(tmp_path / "good.ipynb", WRITE_FIGURE)
    rc, _, err = finish(start(BUILD, {"jobs": jobs_for(good, "hi", n=2), "out": str(tmp_path / "pack")},
                              tmp_path, "b8"))
    assert rc == 0, err
    assert "KeyboardInterrupt" not in err and "ERROR" not in err, err
    assert greeting_of(tmp_path / "pack") == "hi"


# ------------------------------------------------------------------------------------ C10, C11

@pytest.mark.parametrize("where", [".", "notebooks", "notebooks/figures", "data", "data/new", "dtlib", "tests",
                                   ".git"])
def test_C10_an_out_folder_in_the_repository_is_refused_and_nothing_is_written(where, monkeypatch, capsys):
    monkeypatch.chdir(REPO_ROOT)
    before = {p: p.stat().st_mtime_ns for p in (REPO_ROOT / "notebooks").glob("*.ipynb")}
    assert cli.main(["report", "--out", where, "--quiet"]) == 2
    err = capsys.readouterr().err
    top = where.split("/")[0]
    why = "is the repository itself" if where == "." else f"is inside the repository's {top}/ folder"
    assert err.count("\n") == 1 and err.startswith(f"error: --out {where}: {why}: "), err
    assert {p: p.stat().st_mtime_ns for p in (REPO_ROOT / "notebooks").glob("*.ipynb")} == before
    assert not (REPO_ROOT / "data" / "new").exists()


def test_C11_an_out_folder_that_holds_other_things_or_is_a_file_is_refused(tmp_path, capsys):
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.docx").write_bytes(b"years of work")
    assert cli.main(["report", "--out", str(documents), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err == (f"error: --out {documents}: holds files but no briefing pack (no manifest.json): a build "
                   "replaces the whole folder, so name a new or empty folder, or a previous pack\n")
    assert (documents / "thesis.docx").read_bytes() == b"years of work"
    assert cli.main(["report", "--out", str(documents / "thesis.docx"), "--quiet"]) == 2
    assert capsys.readouterr().err == (f"error: --out {documents / 'thesis.docx'}: is a file, not a folder: "
                                       "name a folder for the pack\n")
    # the library refuses too (a caller of build_pack has no command line to stop it)
    with pytest.raises(UsageError, match="holds files but no briefing pack"):
        build_pack([Job(str(tmp_path / "never.ipynb"), "never")], documents, progress=False)
    assert sorted(p.name for p in documents.iterdir()) == ["thesis.docx"] and not leftovers(documents)
    # what may be built into: a new folder, an empty one, a previous pack (even one a killed old build left staging in)
    (tmp_path / "empty").mkdir()
    pack = tmp_path / "old-pack"
    (pack / ".staging-x1").mkdir(parents=True)
    (pack / "manifest.json").write_text('{"runs": []}', encoding="utf-8")
    assert [unsafe_out_reason(p) for p in (tmp_path / "new", tmp_path / "empty", pack)] == [None, None, None]
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "manifest.json").write_text('{"name": "a web app"}', encoding="utf-8")
    assert unsafe_out_reason(tmp_path / "site").startswith("holds files but no briefing pack")


# ------------------------------------------------------------------------------------------ A62

FIGURE_WITH_DTLIB = """
import matplotlib
matplotlib.use("Agg")
import pandas as pd
from dtlib.figures.style import save_figure, save_table
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot([1, 2], [3, 4])
data = pd.DataFrame({"unit": ["lao-cai"], "indicator": ["x"], "as_of": ["2024-12-31"], "value": [1.0],
                     "source": ["s"]})
save_figure(fig, out_dir, name, data, "caption " + greeting, "source", "n.ipynb")
save_table(data, out_dir, name)
"""


def test_A62_pack_files_follow_the_umask(tmp_path):
    nb = notebook(tmp_path / "fig.ipynb", FIGURE_WITH_DTLIB)
    out = tmp_path / "pack"
    obs = [{"unit": "u", "indicator": "x", "as_of": "2024-12-31", "value": 1.0, "source": "s"}]
    script = "import os; os.umask(0o022)\n" + BUILD
    # two builds: the first into a new folder, the second over the first (its files linked, then replaced)
    rc, _, err = finish(start(script, {"jobs": jobs_for(nb, "hi", n=1), "out": str(out), "observations": obs,
                                       "builds": 2}, tmp_path, "a62"))
    assert rc == 0, err
    modes = {str(p.relative_to(out)): oct(p.stat().st_mode & 0o777) for p in [out, *out.rglob("*")]}
    suffixes = {Path(p).suffix for p in modes}
    assert {".png", ".svg", ".json", ".csv", ".html", ".ipynb"} <= suffixes, modes
    assert {p: m for p, m in modes.items() if m != ("0o755" if (out / p).is_dir() else "0o644")} == {}


# ------------------------------------------------------------------------------------- C2, C3

INJECTED = """
import base64, pandas as pd
from IPython.display import Image, Markdown, display
display(Markdown("## Kết quả\\n\\nMục tiêu <script>alert(1)</script> và <img src=x onerror=alert(1)>\\n\\n"
                 "| tỉnh | giá trị |\\n|---|---|\\n| Lào Cai | 87 |"))
display(pd.DataFrame({"tỉnh": ["Lai Châu <script>alert(2)</script>"], "giá trị": [90]}))
display(Image(data=base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")))
"""


def test_C2_C3_notebook_html_is_sanitised_and_still_shows_tables_and_images(tmp_path):
    nb = notebook(tmp_path / "inject.ipynb", INJECTED)
    markdown = nbformat.read(nb, as_version=4)
    markdown.cells.insert(1, nbformat.v4.new_markdown_cell("Ghi chú <script>alert(3)</script>"))
    nbformat.write(markdown, nb)
    out = tmp_path / "pack"
    manifest = build_pack([Job(nb, "inject", {"name": "x"})], out, n_jobs=1, progress=False)
    assert manifest["ok"], manifest
    page = (out / "notebooks" / "inject.html").read_text(encoding="utf-8")
    body = page[page.index("<body"):]
    assert not re.search(r"<script[^>]*>\s*alert", body) and not re.search(r"<img[^>]*onerror", body), body
    assert re.search(r"<h2[^>]*>Kết quả", body)                            # markdown still renders
    assert re.search(r"<th[^>]*>tỉnh</th>", body) and "<td>Lào Cai</td>" in body  # the markdown table
    assert re.search(r"<td>90</td>", body) and 'class="dataframe"' in body   # the DataFrame table
    assert re.search(r'<img[^>]*src="data:image/png;base64,iVBOR', body)     # the image output
