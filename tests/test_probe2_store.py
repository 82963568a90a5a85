"""The store and the pack side of the second reliability probe: readers against writers, faults,
signals and publishing targets (cases C01, C02, F02, F07, F08, F13, F14, F17, F20 and F21 of
../shared/reference/reliability-probe-2.md).

Races are made certain with hooks (an ``add`` run at the exact moment a reader is between two
reads) rather than loops; read-only folders are made real for a root user by dropping the
capabilities that override file modes (``setpriv``), as the probe did.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

import dtlib
from dtlib import cli
from dtlib.data import store as store_module
from dtlib.pack import publish, report
from dtlib.intake.ingest import add
from dtlib.pack.report import REPO_ROOT, Job, NothingPublished, build_pack

from .test_probe import R1, SOURCE, SOURCE_HEADER, src, store, write_csv  # noqa: F401 - fixtures
from .test_probe_report import (CLI, alive, descendants, finish, greeting_of, jobs_for, leftovers, slow_notebook,
                                start, wait_for_descendant, wait_gone)
from .test_report import WRITE_FIGURE, notebook

#: Builds packs or starts kernels: left out of ``make test-fast`` (issue 22).
pytestmark = pytest.mark.heavy

SETPRIV = shutil.which("setpriv")
#: Run a command as the probe did: root without the capabilities that let it ignore file modes.
NO_DAC = [SETPRIV, "--bounding-set", "-dac_override,-dac_read_search,-fowner"] if SETPRIV else []
needs_setpriv = pytest.mark.skipif(not SETPRIV or os.geteuid() != 0, reason="needs root and setpriv")


def dtlib_without_dac(*args: str, **run) -> subprocess.CompletedProcess:
    """``python -m dtlib ARGS`` in a process that file modes bind (a read-only folder is read-only)."""
    return subprocess.run([*NO_DAC, sys.executable, "-m", "dtlib", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "MPLBACKEND": "Agg"}, timeout=300, **run)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------------------- C02

def test_C02_load_never_sees_half_an_add(store, tmp_path, monkeypatch):
    """An ``add`` that cites a new source runs exactly between load's read of sources.csv and its
    read of observations.csv: load reads again and returns the store after the add, whole."""
    import dtlib.data.dataset as dataset

    source = write_csv(tmp_path / "src.csv", [dict(SOURCE, id="race-5")], SOURCE_HEADER)
    rows = write_csv(tmp_path / "rows.csv", [dict(R1, source="race-5")])
    reads, real = [], dataset.read_table

    def read_then_add(path, *args, **kwargs):
        frame = real(path, *args, **kwargs)
        reads.append(Path(path).name)
        if Path(path).name == "sources.csv" and reads.count("sources.csv") == 1:
            add(rows, store, sources_file=source, notify=lambda line: None)    # lands between the two reads
        return frame

    monkeypatch.setattr(dataset, "read_table", read_then_add)
    data = dtlib.load(store)
    assert reads.count("sources.csv") == 2, reads          # the first reading was thrown away
    assert "race-5" in set(data.sources["id"]) and "race-5" in set(data.observations["source"])


def test_C02_load_reads_a_store_with_a_change_in_flight_under_the_lock(store, monkeypatch):
    """While a complete journal is in the data folder (renames under way), load takes the lock."""
    staging = store / ".txn-inflight"
    staging.mkdir()
    (staging / "journal.json").write_text(json.dumps({"renames": [], "complete": True}), encoding="utf-8")
    taken = []
    real = store_module.locked

    def spy(root, *args, **kwargs):
        taken.append(Path(root))
        return real(root, *args, **kwargs)

    monkeypatch.setattr(store_module, "locked", spy)
    assert len(dtlib.load(store).observations) > 0
    assert taken == [store]


def test_C02_the_lock_is_reentrant_within_a_thread(store):
    with store_module.locked(store, timeout=0) as outer:
        with store_module.locked(store, timeout=0) as inner:     # would wait for itself with a second flock
            assert outer and inner
        assert outer
    with store_module.locked(store, timeout=0) as again:       # released by the outer block
        assert again


# ---------------------------------------------------------------------------------------- C01

READ_DTI = WRITE_FIGURE.replace('"Lời chào: " + greeting', 'str(value)') + """
"""
LOAD_THEN_WRITE = """
import dtlib
obs = dtlib.load(data_dir).observations
value = float(obs.loc[(obs["unit"] == "lai-chau") & (obs["indicator"] == "dti_rank")
                      & (obs["as_of"] == "2022-12-31"), "value"].iloc[0])
""" + READ_DTI


def test_C01_an_add_replace_during_report_reaches_no_run_of_that_pack(store, tmp_path, monkeypatch, capsys):
    """Lai Châu's DTI 2022 rank is replaced (53 -> 52) once the first of two runs is published:
    both runs, the pack's figures table and the manifest still say 53; the store says 52."""
    nb = notebook(tmp_path / "dti.ipynb", LOAD_THEN_WRITE,
                  parameters='name = "fig"\ngreeting = "hi"\nout_dir = "."\ndata_dir = None')
    rows = list(csv.reader(io.StringIO((store / "observations.csv").read_text(encoding="utf-8"))))
    row = next(r for r in rows if r[:3] == ["lai-chau", "dti_rank", "2022-12-31"])
    row[rows[0].index("value")] = "52"
    replacement = tmp_path / "rep.csv"
    with open(replacement, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([rows[0], row])

    monkeypatch.setattr(report, "plan", lambda data, data_dir=None, **_: [
        Job(nb, f"run{i}", {"name": f"fig_{i}", "greeting": "hi", "data_dir": str(Path(data_dir).resolve())})
        for i in range(2)])
    real_publish, published = report._publish, []

    def publish_then_add(record, stage, out):
        figures = real_publish(record, stage, out)
        published.append(record["name"])
        if len(published) == 1:
            add(replacement, store, replace=True, notify=lambda line: None)
        return figures

    monkeypatch.setattr(report, "_publish", publish_then_add)
    out = tmp_path / "pack"
    assert cli.main(["report", "--out", str(out), "--data", str(store), "--quiet", "--jobs", "1",
                     "--as-of", "2023-09-30"]) == 0, capsys.readouterr().err
    assert len(published) == 2
    captions = {json.loads((out / f"fig_{i}.json").read_text(encoding="utf-8"))["caption"] for i in range(2)}
    assert captions == {"53.0"}
    pack_rows = (out / "tables" / "pack_observations.csv").read_text(encoding="utf-8")
    assert "lai-chau,dti_rank,2022-12-31,DTI 2022,53.0" in pack_rows
    assert "lai-chau,dti_rank,2022-12-31,DTI 2022,52" not in pack_rows
    assert ",52,," in (store / "observations.csv").read_text(encoding="utf-8")      # the add did happen
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    # the store, not the snapshot; recorded relative to the repository (R10, dtlib.pack.report.recorded_data_dir)
    assert {report.recorded_folder(r["parameters"]["data_dir"]) for r in manifest["runs"]} == {store.resolve()}
    assert not list(Path(tempfile.gettempdir()).glob(f"dtlib-data-{os.getpid()}-*"))   # the snapshot is gone


def test_C01_a_snapshot_holds_what_load_reads_and_never_follows_a_link_out(store, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("not for the pack", encoding="utf-8")
    (store / "sources" / "link-out.txt").symlink_to(outside)
    (store / "sources" / "link-in.txt").symlink_to(store / "sources" / "900_reltest.txt")
    with store_module.snapshot(store) as copy:
        assert copy != store and not (copy / ".dtlib.lock").exists()
        assert not (copy / "sources" / "link-out.txt").exists()
        assert (copy / "sources" / "link-in.txt").read_bytes() == (store / "sources" / "900_reltest.txt").read_bytes()
        assert (copy / "observations.csv").read_bytes() == (store / "observations.csv").read_bytes()
        assert len(dtlib.load(copy).observations) == len(dtlib.load(store).observations)
    assert not copy.exists()


# ---------------------------------------------------------------------------------------- F02

def test_F02_a_build_whose_every_run_fails_without_output_keeps_the_previous_pack(tmp_path, capsys):
    """A full disk: the runs fail and leave no notebook (or an empty one). Nothing is published
    over the previous pack, no 0-byte .failed.ipynb is kept, and each FAILED line is printed once."""
    good = notebook(tmp_path / "good.ipynb", WRITE_FIGURE)
    out = tmp_path / "pack"
    build_pack([Job(**j) for j in jobs_for(good, "before", n=2)], out, n_jobs=2, progress=False)
    before = files_of(out)
    empty = tmp_path / "empty.ipynb"
    empty.write_bytes(b"")                                   # what a full disk leaves of a notebook
    capsys.readouterr()
    with pytest.raises(NothingPublished, match="nothing was published; the previous pack in .* is unchanged"):
        build_pack([Job(str(empty), f"run{i}", {"name": f"fig_run{i}", "greeting": "after"}) for i in range(2)],
                   out, n_jobs=2, progress=False)
    err = capsys.readouterr().err
    assert [line.count("FAILED") for line in err.splitlines() if "FAILED" in line] == [1, 1], err
    assert sorted(line.split("(run ")[1].split(")")[0] for line in err.splitlines() if "FAILED" in line) \
        == ["run0", "run1"]
    assert files_of(out) == before and greeting_of(out) == "before"
    assert not leftovers(out) and not list(out.rglob("*.failed.ipynb"))


def test_F02_an_empty_failed_notebook_is_not_kept(tmp_path):
    stage, out = tmp_path / "stage", tmp_path / "out"
    stage.mkdir()
    (stage / "r.ipynb").write_bytes(b"")
    assert report._keep_failed({"name": "r"}, stage, out) is False
    assert not (out / "notebooks" / "r.failed.ipynb").exists()
    nbformat.write(nbformat.v4.new_notebook(), stage / "r.ipynb")
    assert report._keep_failed({"name": "r"}, stage, out) is True
    assert (out / "notebooks" / "r.failed.ipynb").stat().st_size > 0


def test_F02_the_cli_says_so_once_and_exits_1(tmp_path, monkeypatch, capsys):
    good = notebook(tmp_path / "good.ipynb", WRITE_FIGURE)
    empty = tmp_path / "empty.ipynb"
    empty.write_bytes(b"")
    out = tmp_path / "pack"
    build_pack([Job(**j) for j in jobs_for(good, "before", n=1)], out, n_jobs=1, progress=False)
    monkeypatch.setattr(report, "plan", lambda *a, **k: [Job(str(empty), "run0", {"name": "fig_run0"})])
    capsys.readouterr()
    assert cli.main(["report", "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("FAILED") == 1 and err.count("nothing was published") == 1, err
    assert greeting_of(out) == "before"


# ---------------------------------------------------------------------------------------- F07, F08

@pytest.mark.parametrize("signame, to_group", [("SIGTERM", False), ("SIGHUP", True)], ids=["term", "hup"])
def test_F07_sigterm_and_sighup_stop_a_report_as_ctrl_c_does(tmp_path, signame, to_group):
    """``timeout`` or a cancelled CI job sends SIGTERM to dtlib; a closed terminal sends SIGHUP to
    its whole process group. Either: the documented message, 128 + the signal, workers and kernels
    gone, no leaked-semaphore warning, the previous pack whole and nothing left beside it."""
    signum = getattr(signal, signame)
    nb = slow_notebook(tmp_path / "slow.ipynb")
    out = tmp_path / "pack"
    build_pack([Job(**j) for j in jobs_for(nb, "before", n=2, pause=0)], out, n_jobs=2, progress=False)
    proc = start(CLI, {"jobs": jobs_for(nb, "after", n=2, pause=5), "out": str(out)}, tmp_path, "cli",
                 start_new_session=True)
    wait_for_descendant(proc, "ipykernel", poll=0.05)
    time.sleep(1)                                           # the notebooks are running
    workers = descendants(proc.pid)
    if to_group:
        os.killpg(proc.pid, signum)
    else:
        os.kill(proc.pid, signum)
    rc, _, err = finish(proc, timeout=60)
    assert rc == 128 + signum, err
    assert err.splitlines()[-1] == "interrupted: the previous pack is unchanged", err
    assert "Traceback" not in err and "leaked semaphore" not in err, err
    assert greeting_of(out) == "before" and not leftovers(out)
    assert workers and not wait_gone(workers, 5), [p.cmdline() for p in alive(workers)]


def test_F08_ctrl_c_while_the_libraries_load_prints_one_line_and_no_traceback(tmp_path):
    """A Ctrl-C that lands while pandas is imported (the first second of every command): made
    certain by a pandas that raises KeyboardInterrupt as it is imported."""
    fake = tmp_path / "shim" / "pandas"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise KeyboardInterrupt\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "dtlib", "validate"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join([str(fake.parent), str(REPO_ROOT)])})
    assert done.returncode == 130 and done.stderr == "interrupted\n", done.stderr


def test_F08_importing_dtlib_loads_no_stack_until_a_name_is_used():
    done = subprocess.run([sys.executable, "-c", "import sys, dtlib; print('pandas' in sys.modules); "
                                                 "dtlib.load; print('pandas' in sys.modules)"],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert done.stdout.split() == ["False", "True"], done.stderr


# ---------------------------------------------------------------------------------------- F13, F14

def test_F13_a_txn_entry_that_is_a_symbolic_link_is_named_and_ignored(store, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", encoding="utf-8")
    (store / ".txn-evil").symlink_to(elsewhere)
    assert cli.main(["validate", "--data", str(store)]) == 0
    err = capsys.readouterr().err
    assert err.count(".txn-evil: ignored: a symbolic link") == 1, err
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "mine"
    rows = write_csv(tmp_path / "rows.csv", [R1])
    src_file = write_csv(tmp_path / "src.csv", [SOURCE], SOURCE_HEADER)
    assert cli.main(["add", str(rows), "--sources", str(src_file), "--data", str(store)]) == 0
    assert (elsewhere / "keep.txt").exists() and (store / ".txn-evil").is_symlink()


def test_F14_a_staged_file_that_is_a_link_is_never_installed(store, tmp_path, capsys):
    target = tmp_path / "hostname"
    target.write_text("not a table\n", encoding="utf-8")
    staging = store / ".txn-abc"
    staging.mkdir()
    (staging / "units.csv").symlink_to(target)
    (staging / "journal.json").write_text(json.dumps({"renames": ["units.csv"], "complete": True}), encoding="utf-8")
    units = (store / "units.csv").read_bytes()
    assert cli.main(["validate", "--data", str(store)]) == 2
    err = capsys.readouterr().err
    assert ".txn-abc/units.csv: is a symbolic link, not a file that dtlib staged: not installed" in err, err
    assert not (store / "units.csv").is_symlink() and (store / "units.csv").read_bytes() == units


# ---------------------------------------------------------------------------------------- F17

@needs_setpriv
def test_F17_add_dry_run_on_a_read_only_store_works_and_writes_nothing(store, tmp_path):
    rows = write_csv(tmp_path / "rows.csv", [R1])
    src_file = write_csv(tmp_path / "src.csv", [SOURCE], SOURCE_HEADER)
    (store / ".dtlib.lock").unlink(missing_ok=True)
    before = files_of(store)
    store.chmod(0o555)
    try:
        done = dtlib_without_dac("add", str(rows), "--sources", str(src_file), "--data", str(store), "--dry-run")
        assert done.returncode == 0, done.stderr
        assert "dry run: nothing written" in done.stdout and done.stderr == ""
        refused = dtlib_without_dac("add", str(rows), "--sources", str(src_file), "--data", str(store))
        assert refused.returncode == 2 and "Permission denied" in refused.stderr      # F16 stays as it was
    finally:
        store.chmod(0o755)
    assert files_of(store) == before and not (store / ".dtlib.lock").exists()


def test_F17_a_dry_run_takes_the_lock_when_it_can(store, tmp_path, monkeypatch):
    rows = write_csv(tmp_path / "rows.csv", [R1])
    src_file = write_csv(tmp_path / "src.csv", [SOURCE], SOURCE_HEADER)
    calls = []
    real = store_module.locked
    monkeypatch.setattr(store_module, "locked", lambda *a, **k: calls.append(k.get("required")) or real(*a, **k))
    add(rows, store, sources_file=src_file, dry_run=True, notify=lambda line: None)
    add(rows, store, sources_file=src_file, notify=lambda line: None)
    assert calls[:1] == [False] and calls[-1] is True


# ---------------------------------------------------------------------------------------- F20, F21

@needs_setpriv
def test_F20_report_into_a_read_only_pack_gives_one_error_and_leaves_nothing(tmp_path):
    good = notebook(tmp_path / "good.ipynb", WRITE_FIGURE)
    out = tmp_path / "pack"
    build_pack([Job(**j) for j in jobs_for(good, "before", n=1)], out, n_jobs=1, progress=False)
    before = files_of(out)
    out.chmod(0o555)
    try:
        for _ in range(2):
            done = dtlib_without_dac("report", "--out", str(out), "--quiet")
            assert done.returncode == 2, done.stderr
            assert done.stderr.count("\n") == 1 and "is read-only" in done.stderr, done.stderr
    finally:
        out.chmod(0o755)
    assert not leftovers(out) and files_of(out) == before


def test_F20_a_building_folder_copied_read_only_is_still_removed_and_never_claimed_removed_if_not(
        tmp_path, monkeypatch, capsys):
    out = tmp_path / "pack"
    (out / "tables").mkdir(parents=True)
    (out / "tables" / "t.csv").write_text("x\n", encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps({"build": "old", "runs": []}), encoding="utf-8")
    (out / "tables").chmod(0o555)
    try:
        building = publish.begin(out, "abc")
        assert os.access(building / "tables", os.W_OK) and (building / "tables").stat().st_mode & 0o200
        assert publish.discard(building) and not building.exists()
    finally:
        (out / "tables").chmod(0o755)
    stuck = publish.building_folder(out, "stuck")
    stuck.mkdir()
    monkeypatch.setattr(publish, "discard", lambda folder: False)
    [line] = publish.recover(out)
    assert "could not remove .pack.building-stuck" in line and "removed .pack" not in line


def test_F20_F21_a_read_only_folder_or_a_mount_point_is_refused_before_building(tmp_path, monkeypatch, capsys):
    out = tmp_path / "mounted"
    out.mkdir()
    real_ismount = os.path.ismount
    monkeypatch.setattr(publish.os.path, "ismount", lambda p: Path(p) == out or real_ismount(p))
    started = []
    monkeypatch.setattr(publish, "begin", lambda *a: started.append(a))
    assert cli.main(["report", "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a mount point" in err and str(out / "pack") in err, err
    with pytest.raises(dtlib.data.errors.UsageError, match="is a mount point"):
        build_pack([Job("x.ipynb", "x", {})], out, progress=False)
    real_access = os.access
    monkeypatch.setattr(publish.os, "access", lambda p, mode, **k: Path(p) != tmp_path / "ro" and real_access(p, mode))
    (tmp_path / "ro").mkdir()
    assert "is read-only" in publish.unsafe_out_reason(tmp_path / "ro")
    assert not started and not leftovers(out)


def test_C01_a_report_on_an_invalid_store_names_the_store_not_its_snapshot(store, tmp_path, capsys):
    text = (store / "observations.csv").read_text(encoding="utf-8")
    (store / "observations.csv").write_text(text.replace("lai-chau,dti_rank,2022-12-31,DTI 2022,53,",
                                                         "lai-chau,dti_rank,2022-12-31,DTI 2022,99,"), encoding="utf-8")
    assert cli.main(["report", "--data", str(store), "--out", str(tmp_path / "pack"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"{store / 'observations.csv'} line " in err and "dtlib-data-" not in err, err
    assert not (tmp_path / "pack").exists()
