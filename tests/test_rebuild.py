"""dtlib.pack.rebuild and the runner's reuse: a run is skipped only when nothing it depends on changed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import dtlib
from dtlib.pack import rebuild
from dtlib.pack.report import Job, build_pack, plan
from tests.test_report import WRITE_FIGURE, notebook

from .conftest import write_dataset

#: Builds packs or starts kernels: left out of ``make test-fast`` (issue 22).
pytestmark = pytest.mark.heavy


def build(jobs, out):
    manifest = build_pack(jobs, out, n_jobs=2, progress=False)
    assert manifest["ok"]
    return {r["name"]: r["reused"] for r in manifest["runs"]}


@pytest.fixture
def two(tmp_path):
    a = notebook(tmp_path / "a.ipynb", WRITE_FIGURE)
    b = notebook(tmp_path / "b.ipynb", WRITE_FIGURE)
    data = tmp_path / "data.csv"
    data.write_text("x\n1\n", encoding="utf-8")

    def jobs(greeting_b="b", data_key=None):
        key = data_key or rebuild._digest([data.read_bytes()])
        return [Job(a, "run-a", {"name": "fig_a", "greeting": "a"}, key),
                Job(b, "run-b", {"name": "fig_b", "greeting": greeting_b}, key)]
    return jobs, Path(a), data


def test_a_second_build_with_nothing_changed_reuses_every_run_and_keeps_its_files(tmp_path, two):
    jobs, _, _ = two
    out = tmp_path / "pack"
    assert build(jobs(), out) == {"run-a": False, "run-b": False}
    assert build(jobs(), out) == {"run-a": True, "run-b": True}
    assert (out / "fig_a.png").read_bytes() == b"png of a" and (out / "notebooks" / "run-b.html").exists()
    assert "fig_a.png" in (out / "index.html").read_text(encoding="utf-8")


def test_a_build_with_nothing_changed_at_all_leaves_the_pack_as_it_is(tmp_path, two):
    jobs, _, _ = two
    out = tmp_path / "pack"
    first = build_pack(jobs(), out, n_jobs=2, progress=False)
    inode = (out / "index.html").stat().st_ino
    again = build_pack(jobs(), out, n_jobs=2, progress=False)
    assert again["built"] == first["built"] and all(r["reused"] for r in again["runs"])
    assert (out / "index.html").stat().st_ino == inode
    forced = build_pack(jobs(), out, n_jobs=2, progress=False, force=True)
    assert not any(r["reused"] for r in forced["runs"]) and (out / "index.html").stat().st_ino != inode


def test_each_kind_of_input_rebuilds_the_runs_it_reaches_and_only_those(tmp_path, two, monkeypatch):
    jobs, a, data = two
    out = tmp_path / "pack"
    build(jobs(), out)
    # the notebook's source
    text = a.read_text(encoding="utf-8")
    a.write_text(text.replace("# test", "# test, edited"), encoding="utf-8")
    assert build(jobs(), out) == {"run-a": False, "run-b": True}
    # a parameter
    assert build(jobs(greeting_b="b2"), out) == {"run-a": True, "run-b": False}
    assert (out / "fig_b.png").read_bytes() == b"png of b2"
    # the data read
    data.write_text("x\n2\n", encoding="utf-8")
    assert build(jobs(greeting_b="b2"), out) == {"run-a": False, "run-b": False}
    # the library's code or a package's version
    monkeypatch.setattr(rebuild, "code_key", lambda: "another version of dtlib")
    assert build(jobs(greeting_b="b2"), out) == {"run-a": False, "run-b": False}
    assert build(jobs(greeting_b="b2"), out) == {"run-a": True, "run-b": True}
    # a file of the run missing from the pack
    (out / "fig_a.png").unlink()
    assert build(jobs(greeting_b="b2"), out) == {"run-a": False, "run-b": True}
    assert (out / "fig_a.png").exists()


def test_force_runs_everything_and_a_failed_run_is_never_reused(tmp_path, two):
    jobs, _, _ = two
    out = tmp_path / "pack"
    build(jobs(), out)
    manifest = build_pack(jobs(), out, n_jobs=2, progress=False, force=True)
    assert [r["reused"] for r in manifest["runs"]] == [False, False]
    bad = notebook(tmp_path / "bad.ipynb", WRITE_FIGURE, fail=True)
    failing = [Job(bad, "run-c", {"name": "fig_c", "greeting": "c"})]
    for _ in range(2):
        manifest = build_pack(failing, out, n_jobs=1, progress=False)
        assert manifest["runs"][0]["status"] == "failed" and not manifest["runs"][0]["reused"]


def test_the_code_key_covers_the_library_source_and_the_package_versions(monkeypatch):
    key = rebuild.code_key()
    assert key == rebuild.code_key() and len(key) == 64
    rebuild.code_key.cache_clear()
    monkeypatch.setattr(rebuild.metadata, "version", lambda name: "0.0-other")
    try:
        assert rebuild.code_key() != key
    finally:
        rebuild.code_key.cache_clear()


def test_a_change_to_one_provinces_rows_changes_its_profile_key_not_the_other_profiles(tmp_path):
    """A profile declares what it reads: Lai Châu's rows reach its profile and the runs over all units."""
    import pandas as pd

    shutil.copytree(dtlib.load().root, tmp_path / "data", ignore=shutil.ignore_patterns(".*"))
    before = {j.name: j.data_key for j in plan(dtlib.load(tmp_path / "data"))}
    path = tmp_path / "data" / "observations.csv"
    obs = pd.read_csv(path, dtype=str, keep_default_na=False)
    others = set(obs.loc[obs["unit"] != "lai-chau", "indicator"])
    only = obs.index[(obs["unit"] == "lai-chau") & ~obs["indicator"].isin(others)][0]
    obs.loc[only, "note"] += " (checked again)"
    obs.to_csv(path, index=False)
    after = {j.name: j.data_key for j in plan(dtlib.load(tmp_path / "data"))}
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"01_profile_lai-chau", "02_compare", "03_targets", "04_trends", "05_coverage"}


def test_a_figure_a_peers_former_province_reported_reaches_the_profiles_that_follow_it(tmp_path):
    """Lào Cai's profile shows the DTI rank the Thái Nguyên before 1 July 2025 reported: a change to that
    row rebuilds it; a profile that does not follow the mergers does not read it."""
    import pandas as pd

    shutil.copytree(dtlib.load().root, tmp_path / "data", ignore=shutil.ignore_patterns(".*"))
    data = dtlib.load(tmp_path / "data")
    before = {j.name: j.data_key for j in plan(data)}
    path = tmp_path / "data" / "observations.csv"
    obs = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = obs.index[(obs["unit"] == "thai-nguyen") & (obs["indicator"] == "dti_rank")][0]
    obs.loc[row, "note"] += " (checked again)"
    obs.to_csv(path, index=False)
    after = {j.name: j.data_key for j in plan(dtlib.load(tmp_path / "data"))}
    assert before["01_profile_lao-cai-2025"] != after["01_profile_lao-cai-2025"]
    assert before["01_profile_lai-chau"] != after["01_profile_lai-chau"]
    peers = ["lao-cai-2025", "quang-tri-2025", "thai-nguyen-2025"]
    followed = rebuild.profile_reads(data, "lai-chau", peers, "2026-03-31")
    own = rebuild.profile_reads(data, "lai-chau", peers, "2026-03-31", follow=False)
    assert "thai-nguyen" in followed["peers"] and "thai-nguyen" not in own["peers"]
    assert followed["reporting"] == own["reporting"] == peers
