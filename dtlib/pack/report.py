"""Running the notebook suite into a briefing pack: parallel papermill runs, manifest, front page.

Each run executes in a worker process of its own, with its own kernel (:mod:`dtlib.pack.worker`),
and writes into a staging folder of its own; only a run that succeeds replaces the previous
pack's files, so a failing notebook never destroys the last good output. The pack is built
beside the output folder and swapped in whole when complete, one build at a time
(:mod:`dtlib.pack.publish`): a build killed or interrupted leaves the previous pack or the new one.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context, resource_tracker
from pathlib import Path

import pandas as pd

from . import publish
from ..analysis.changes import since_last_pack
from ..data.dataset import load, valid_on
from ..data.errors import UsageError
from .front_page import front_page  # noqa: F401 -- _finish writes it; tests import it from here
from ..words.i18n import DEFAULT_LANGUAGE, language
from ..data.io import display_path, say, write_export, write_text
from ..data.paths import REPO_ROOT
from ..analysis.lineage import comparison_set, lineage_chain, unit_on
from ..analysis.observations import known_observations, report_date
from .outputs import write_briefing
from .rebuild import (_digest, code_key, folder_key, profile_reads, reads_key, row_hashes, run_key, run_outputs,
                       tables_key)
from .worker import describe_failure, run_job, start_worker

__all__ = ["Job", "plan", "build_pack", "NothingPublished", "NOTEBOOKS_DIR", "REPO_ROOT"]

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"

#: The signals that stop a build as Ctrl-C does (held back while workers start, ignored during the swap).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class NothingPublished(RuntimeError):
    """Every run of a build failed and left nothing to show (a full disk): the previous pack was kept."""


@dataclass
class Job:
    """One notebook run: which notebook, under what name, with which parameters."""

    notebook: str
    name: str
    parameters: dict = field(default_factory=dict)
    #: The key of the data the run reads (:mod:`dtlib.pack.rebuild`); ``None``: the run reads no data.
    data_key: str | None = None


def plan(data, as_of: str | None = None, units: list[str] | None = None,
         data_dir: str | Path | None = None, notebooks: Path = NOTEBOOKS_DIR, follow: bool = True,
         lang: str = DEFAULT_LANGUAGE) -> list[Job]:
    """The runs of a briefing pack: a profile per province, then comparison, targets, trends, coverage.

    Parameters
    ----------
    data
        The loaded data set (to pick the provinces and the default date).
    as_of
        Report date ``YYYY-MM-DD``; default: the latest date a figure describes or was
        published (:func:`dtlib.analysis.observations.report_date_reason`).
    units
        Provinces to profile and compare; default: the four provinces of the brief, or on a
        date after 30 June 2025 the provinces they became (:func:`dtlib.analysis.lineage.comparison_set`).
        A unit given that no longer exists on ``as_of`` is replaced by its successor.
    follow
        Follow each province across the 2025 mergers (its predecessor's figures before the
        break, its own after, never joined); ``False`` shows each unit's own figures only.
    lang
        The language of the pack (:data:`dtlib.words.i18n.LANGUAGES`), passed to every run.
    """
    when = pd.Timestamp(as_of) if as_of else report_date(data)
    if units is None:
        units = comparison_set(data, when)
    else:
        refuse_ended_units(data, units, when)
        units = list(dict.fromkeys(unit_on(data, u, when) or u for u in units))
    assessed = assessed_units(data, units, when)
    nation = [u for u in data.units.loc[data.units["level"] == "nation", "id"] if u not in units]
    common = {"as_of": f"{when:%Y-%m-%d}", "data_dir": recorded_data_dir(data_dir or data.root),
              "lang": language(lang)}
    nb = lambda stem: str(notebooks / f"{stem}.ipynb")  # noqa: E731

    # a profile declares what it reads, so that a new figure for one province leaves the
    # others' profiles as they are; the other runs read the whole data folder
    peers = list(dict.fromkeys([*units, *comparison_set(data, when)]))
    everything = folder_key(data.root)   # what the runs read: the folder loaded (a snapshot of the store)
    tables, hashes, reporting = tables_key(data), row_hashes(data), set(known_observations(data, when)["unit"])
    lines = {p: lineage_chain(data, p) for p in peers} if follow else None
    jobs = [Job(nb("01_profile"), f"01_profile_{unit}", {**common, "unit": unit, "follow_mergers": follow},
                reads_key(data, profile_reads(data, unit, [p for p in peers if p != unit], when, reporting,
                                              follow=follow, lines=lines), tables, hashes))
            for unit in units]
    jobs += [
        Job(nb("02_compare"), "02_compare", {**common, "units": list(units), "follow_mergers": follow}, everything),
        Job(nb("03_targets"), "03_targets", {**common, "units": assessed}, everything),
        # the nation's own series (the digital-economy share, fully online dossiers) set the scene
        Job(nb("04_trends"), "04_trends", {**common, "units": [*units, *nation], "follow_mergers": follow},
            everything),
        Job(nb("05_coverage"), "05_coverage", dict(common), everything),
    ]
    return jobs


def recorded_data_dir(folder: str | Path) -> str:
    """The data folder as a pack records it (each run's ``data_dir``, in the manifest and the notebooks):
    relative to the repository, with ``/`` (``data``), so that no pack names a folder of the machine
    it was built on (the user's home) and a pack built in another clone has the same keys.

    The worker resolves it against the repository (:func:`dtlib.pack.worker.run_job`); a folder on
    another drive (Windows), which has no relative path, is kept absolute.

    >>> recorded_data_dir(REPO_ROOT / "data")
    'data'
    """
    folder = Path(folder).resolve()
    try:
        return Path(os.path.relpath(folder, REPO_ROOT)).as_posix()
    except ValueError:
        return str(folder)


def recorded_folder(recorded: str | Path) -> Path:
    """The folder a recorded ``data_dir`` (:func:`recorded_data_dir`) names, as a path from here."""
    return (REPO_ROOT / recorded).resolve()


def refuse_ended_units(data, units: list[str], when: pd.Timestamp) -> None:
    """Raise :class:`~dtlib.data.errors.UsageError` for a unit of ``units`` that had ended by ``when`` and that
    no unit took the place of (a district after 30 June 2025): a pack would compare nothing.

    A unit that had ended but has a successor is replaced by it (:func:`plan`); one that did not
    exist yet on ``when`` gets a pack without its figures.
    """
    ended = data.units.set_index("id")["valid_to"]
    for unit in units:
        if unit in ended.index and pd.notna(ended[unit]) and ended[unit] < when and unit_on(data, unit, when) is None:
            raise UsageError(f"--units {unit}: it ended on {ended[unit]:%Y-%m-%d} and no unit took its place, so "
                             f"a pack dated {when:%Y-%m-%d} has nothing to show for it; give --as-of "
                             f"{ended[unit]:%Y-%m-%d} or earlier, or the province it belonged to")


def assessed_units(data, units: list[str], when: pd.Timestamp) -> list[str]:
    """The units whose attainment the pack assesses: the nation, ``units`` and the districts and
    communes under them that exist on ``when`` (none after 30 June 2025: districts were abolished)."""
    u = data.units
    alive = set(u.loc[valid_on(u, when), "id"])
    parents = dict(zip(u["id"], u["parent"]))
    out = [n for n in u.loc[u["level"] == "nation", "id"] if n in alive] + [x for x in units if x in alive]
    for uid in u["id"]:
        chain, p = [], parents.get(uid)
        while p:
            chain.append(p)
            p = parents.get(p)
        if uid in alive and uid not in out and any(x in units for x in chain):
            out.append(uid)
    return out


# ------------------------------------------------------------------------------ publishing

def _publish(record: dict, stage: Path, out: Path) -> list[str]:
    """Move a successful run's files from its staging folder into the pack; return figure names.

    Every file is renamed into place, never written into: ``out`` shares its files with the
    previous pack through hard links (see :mod:`dtlib.pack.publish`).
    """
    figures, written = [], []
    files = stage / "files"
    for path in sorted(files.rglob("*")):
        if path.is_file():
            dest = out / path.relative_to(files)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)
            written.append(str(path.relative_to(files)))
            if path.suffix == ".json" and dest.parent == out:
                figures.append(path.stem)
    record["files"] = written
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    for suffix in (".ipynb", ".html"):
        os.replace(stage / f"{record['name']}{suffix}", out / "notebooks" / f"{record['name']}{suffix}")
    (out / "notebooks" / f"{record['name']}.failed.ipynb").unlink(missing_ok=True)
    return figures


def _keep_failed(record: dict, stage: Path, out: Path) -> bool:
    """Move a failed run's executed notebook into the pack as ``<name>.failed.ipynb``; return whether
    there was one to keep (one that a full disk left empty or cut short is not kept)."""
    failed = stage / f"{record['name']}.ipynb"
    try:
        json.loads(failed.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    os.replace(failed, out / "notebooks" / f"{record['name']}.failed.ipynb")
    return True


def _previous_manifest(out: Path) -> dict:
    try:
        return {r["name"]: r for r in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["runs"]}
    except (OSError, ValueError, KeyError):
        return {}


SNAPSHOT_COLUMNS = ["unit", "indicator", "as_of", "period", "value", "qualifier", "source", "measure", "rank_of"]


def _read_optional(path: Path) -> pd.DataFrame | None:
    try:
        return pd.read_csv(path, keep_default_na=True, dtype={"unit": str, "indicator": str, "source": str})
    except (OSError, ValueError):
        return None


def build_pack(jobs: list[Job], out: str | Path, n_jobs: int | None = None, progress: bool = True,
               observations: pd.DataFrame | None = None, previous: str | Path | None = None,
               dated: dict | None = None, revised: pd.DataFrame | None = None,
               lock_timeout: float = publish.LOCK_TIMEOUT, lang: str = DEFAULT_LANGUAGE,
               force: bool = False, reuse_kernels: bool = True, data=None,
               data_dir: str | Path | None = None) -> dict:
    """Execute ``jobs`` in parallel processes and publish the briefing pack into ``out``.

    A failing run does not stop the others; its previous good output stays. Writes
    ``out/manifest.json`` (every run: parameters, status, seconds, error with cell) and
    ``out/index.html`` (the front page).

    The pack is published as a whole (:mod:`dtlib.pack.publish`): it is built beside ``out`` and
    swapped in when complete, so a build killed or interrupted at any moment leaves the
    previous pack or the new one, and the next build clears what it left. One build at a time
    writes a pack: another waits up to ``lock_timeout`` seconds, then raises
    :class:`~dtlib.pack.publish.PackBusy`. ``out`` must be new, empty, or a previous pack, and
    outside the repository's own folders (else :class:`~dtlib.data.errors.UsageError`).

    With ``observations`` (the figures this pack uses), the pack keeps a snapshot of them
    (``tables/pack_observations.csv``); when a previous pack exists (``previous``, default
    ``out`` itself), ``tables/since_last_pack.csv`` lists new and revised values, status
    changes and rank moves, and the front page opens with it.

    ``dated`` says what the report date is and why (``{"as_of": "2026-03-31", "why": "..."}``;
    see :func:`dtlib.analysis.observations.report_date_reason`); the front page and the manifest show it
    beside the build date. ``revised`` (:func:`dtlib.analysis.observations.revisions`) lists the figures
    a later publication revised by the report date: ``tables/revisions.csv`` and a section of
    the front page. ``lang`` is the language of the pack (the front page's and the manifest's
    ``lang``); the runs take theirs from their parameters (:func:`plan`).

    A run whose inputs did not change since the previous pack is reused, not run
    (:func:`reusable`, :mod:`dtlib.pack.rebuild`); ``force`` runs every one.

    Each worker process keeps its kernel from one run to the next, reset in between
    (:mod:`dtlib.pack.worker`); ``reuse_kernels=False`` gives every run a fresh kernel. The longest
    runs start first (their seconds in the previous pack; else the runs over all units), so
    that the workers finish together.

    ``data``: the data set the runs read (:func:`dtlib.load` of their ``data_dir``), when the
    caller has it loaded; the briefing outputs and the front page then do not load it again.
    ``data_dir``: the folder every run reads in place of its ``data_dir`` parameter, typically a
    snapshot of the store (:func:`dtlib.data.store.snapshot`) that ``data`` was loaded from, so that
    an ``add`` during the build changes none of what the runs see; the manifest keeps the
    parameter (the store), and the keys are computed from it.

    When every run that ran failed and none left even a failed notebook (a full disk), and a
    previous pack exists, nothing is published: :class:`NothingPublished`, and the previous
    pack is unchanged.

    Returns
    -------
    dict
        The manifest; ``manifest["ok"]`` is false if any run failed.

    Raises
    ------
    KeyboardInterrupt
        On Ctrl-C, once the workers have stopped and the unfinished build is deleted: the
        previous pack is unchanged.
    """
    out = Path(out).expanduser().resolve()   # notebooks run in notebooks/: a relative out_dir would land there
    reason = publish.unsafe_out_reason(out)
    if reason:
        raise UsageError(f"{display_path(out)}: {reason}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with publish.locked_pack(out, lock_timeout):
        publish.recover(out)
        before = Path(previous) if previous is not None else out
        old = (_read_optional(before / "tables" / "pack_observations.csv"),
               _read_optional(before / "tables" / "attainment.csv"))
        last = _previous_manifest(out)
        key = pack_key(jobs, observations, dated, revised, language(lang), previous)
        current = _up_to_date(out, key, jobs) if not force else None
        if current is not None:
            if progress:
                say(f"nothing changed since the pack in {display_path(out)} was built ({current['built']}); "
                      "--force rebuilds it", file=sys.stderr)
            return current
        build_id = uuid.uuid4().hex[:12]
        building = publish.begin(out, build_id)
        try:
            records = _run_all(jobs, building, n_jobs or min(4, os.cpu_count() or 1), progress, last, force,
                               reuse_kernels, data_dir)
            if records is None:
                raise NothingPublished(f"every notebook run failed and left nothing to show (is the disk full?): "
                                       f"nothing was published; the previous pack in {display_path(out)} "
                                       "is unchanged")
            manifest = _finish(jobs, records, building, build_id, observations, old, dated, revised,
                               language(lang), key, data=data)
            with _sigint_ignored():   # once the pack is complete, Ctrl-C no longer stops it going in
                publish.commit(building, out)
        except BaseException:
            with _sigint_ignored():
                publish.discard(building)
            raise
    return manifest


def pack_key(jobs: list[Job], observations: pd.DataFrame | None, dated: dict | None,
             revised: pd.DataFrame | None, lang: str, previous: str | Path | None) -> str:
    """The key of a whole pack: every run's key and what the pack-wide pages are built from."""
    parts = [job_key(job) for job in jobs]
    for frame in (observations, revised):
        parts.append("" if frame is None else frame.to_csv(index=False, date_format="%Y-%m-%d"))
    parts += [json.dumps(dated or {}, sort_keys=True, default=str), lang, str(previous or ""), code_key()]
    return _digest(parts)


def _up_to_date(out: Path, key: str, jobs: list[Job]) -> dict | None:
    """The manifest of the pack in ``out`` if it was built complete from the same inputs (``key``)
    and every file of every run is still there; its runs are marked ``reused``."""
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    runs = manifest.get("runs", [])
    same_runs = [r.get("name") for r in runs] == [j.name for j in jobs]
    if (manifest.get("pack_key") != key or not manifest.get("ok") or not same_runs
            or not (out / "index.html").is_file()
            or not all("files" in r and all((out / f).is_file() for f in run_outputs(r)) for r in runs)):
        return None
    manifest["runs"] = [{**r, "reused": True} for r in runs]
    return manifest


def reusable(jobs: list[Job], building: Path, last: dict, force: bool = False) -> dict[str, dict]:
    """The previous pack's records of the runs that need not run again, by name, marked ``reused``.

    A run is reused when the previous pack ran it successfully with the same key
    (:func:`dtlib.pack.rebuild.run_key`: notebook source, parameters, data read, library code and
    package versions) and every file it wrote is still in the pack; never with ``force``.
    """
    kept = {}
    for job in jobs:
        before = last.get(job.name) or {}
        if force or before.get("status") != "ok" or before.get("key") != job_key(job) or "files" not in before:
            continue
        if all((building / f).is_file() for f in run_outputs(before)):
            kept[job.name] = {**before, "reused": True}
    return kept


def job_key(job: Job) -> str:
    """:func:`dtlib.pack.rebuild.run_key` of ``job`` (its parameters without the output folder)."""
    return run_key(job.notebook, job.parameters, job.data_key or "")


def longest_first(jobs: list[Job], last: dict) -> list[Job]:
    """``jobs`` in the order to start them: the longest first (the seconds each took in the previous pack;
    without one, a run over all units before a run over one), so that no worker is left with a long
    run at the end while the others wait."""
    def expected(job: Job) -> float:
        seconds = (last.get(job.name) or {}).get("seconds")
        return float(seconds) if seconds else (2.0 if "unit" not in job.parameters else 1.0)

    return sorted(jobs, key=expected, reverse=True)


def _run_all(jobs: list[Job], building: Path, n_jobs: int, progress: bool, last: dict,
             force: bool = False, reuse_kernels: bool = True,
             data_dir: str | Path | None = None) -> dict[str, dict] | None:
    """Run every job that cannot be reused in a pool of spawned workers and publish each into
    ``building``; return the records of all (reused ones marked ``reused``).

    ``data_dir``: the folder the runs read instead of their ``data_dir`` parameter (see
    :func:`build_pack`). ``None`` instead of the records: every run failed, none left a notebook,
    and there is a previous pack (``last``) to keep.
    """
    from tqdm import tqdm

    records = reusable(jobs, building, last, force)
    todo = longest_first([job for job in jobs if job.name not in records], last)
    if progress and records:
        say(f"reusing {len(records)} of {len(jobs)} runs (nothing they read changed; --force rebuilds them)",
              file=sys.stderr)
    if not todo:
        return {job.name: records[job.name] for job in jobs}
    staging_root = Path(tempfile.mkdtemp(prefix=".staging-", dir=building))
    pool = None
    bar = tqdm(total=len(todo), desc="briefing pack", unit="notebook", disable=not progress, file=sys.stderr)
    try:
        with _sigint_held():
            pool = ProcessPoolExecutor(max_workers=min(n_jobs, len(todo)), mp_context=get_context("spawn"),
                                       initializer=start_worker, initargs=(os.getpid(),))
            futures = {pool.submit(run_job, _reading(job, data_dir), str(staging_root / job.name), reuse_kernels): job
                       for job in todo}
        produced = 0
        for future in as_completed(futures):
            job = futures[future]
            stage = staging_root / job.name
            try:
                record = future.result()
            except Exception as err:  # noqa: BLE001 - the worker process itself died
                record = {"name": job.name, "notebook": Path(job.notebook).name, "parameters": job.parameters,
                          "status": "failed", "seconds": None, "attempts": 1,
                          "error": {"cell": None, "execution_count": None, "ename": type(err).__name__,
                                    "evalue": str(err)}}
            record["key"], record["reused"], record["parameters"] = job_key(job), False, job.parameters
            if record["status"] == "ok":
                record["figures"] = _publish(record, stage, building)
                produced += 1
            else:
                produced += _keep_failed(record, stage, building)
                record["figures"] = last.get(job.name, {}).get("figures", [])
                bar.write(f"FAILED {describe_failure(record)}", file=sys.stderr)
            records[job.name] = record
            bar.update(1)
    except BaseException:
        if pool is not None:
            with _sigint_ignored():   # a second Ctrl-C must not cut the clean-up short
                _stop_workers(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        bar.close()
        shutil.rmtree(staging_root, ignore_errors=True)
    if not produced and last:
        return None
    return {job.name: records[job.name] for job in jobs}


def _reading(job: Job, data_dir: str | Path | None) -> dict:
    """``job`` as a dict for its worker, reading ``data_dir`` (if given) in place of its own ``data_dir``."""
    payload = asdict(job)
    if data_dir is not None and "data_dir" in job.parameters:
        payload["parameters"] = {**job.parameters, "data_dir": str(data_dir)}
        payload["recorded"] = job.parameters    # what its published notebook records (dtlib.pack.worker)
    return payload


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now (each takes its kernel with it) rather than wait for their runs."""
    # the pool's own processes: Python has no public way to end them before 3.14 (terminate_workers)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join(1)
    pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold back Ctrl-C (and SIGTERM, SIGHUP) while workers are spawned; deliver it when they all are.

    A KeyboardInterrupt in the middle of a spawn would leave a worker that the pool does not
    know of, waiting for data that never comes, and one that Python's exit then waits for.
    This thread blocks the :data:`STOP_SIGNALS`, so each worker starts with them blocked and
    sets them aside before unblocking them (:func:`dtlib.pack.worker.start_worker`); one that another
    thread of this process takes meanwhile (numpy's BLAS threads can) is only noted, and raised
    again, to the handler it would have met, once the workers are started.
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield                                        # Windows, or a caller's thread: no signal handling
        return
    # multiprocessing unblocks SIGINT whenever it starts its resource tracker: start it first. It
    # ignores SIGINT and SIGTERM itself; SIGHUP (sent to the whole group by a closed terminal) it
    # ignores only if started ignoring it, else it dies and the pool's clean-up fails in it.
    hangup = signal.signal(signal.SIGHUP, signal.SIG_IGN) if hasattr(signal, "SIGHUP") else None
    try:
        resource_tracker.ensure_running()
    finally:
        if hangup is not None:
            signal.signal(signal.SIGHUP, hangup)
    caught: list[int] = []
    handlers = {signum: signal.signal(signum, lambda n, _: caught.append(n)) for signum in STOP_SIGNALS}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, set(STOP_SIGNALS))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)   # a signal held back is noted now
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    if caught and caught[0] == signal.SIGINT:
        raise KeyboardInterrupt
    if caught and handlers[caught[0]] is not signal.SIG_IGN:
        signal.raise_signal(caught[0])               # to the caller's handler (dtlib.cli's raises)


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl-C, SIGTERM and SIGHUP during a step that must not be cut short (the swap, the
    clean-up after an interruption)."""
    if threading.current_thread() is not threading.main_thread():   # only the main thread may set handlers
        yield
        return
    old = {signum: signal.signal(signum, lambda *_: None) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


def _finish(jobs: list[Job], records: dict[str, dict], building: Path, build_id: str,
            observations: pd.DataFrame | None, old: tuple, dated: dict | None,
            revised: pd.DataFrame | None, lang: str, key: str = "", data=None) -> dict:
    """Write the tables, the front page and, last, the manifest that marks ``building`` complete."""
    runs = [records[job.name] for job in jobs]
    data = data if data is not None else _runs_data(jobs)
    manifest = {"built": pd.Timestamp.now().isoformat(timespec="seconds"), **(dated or {}), "lang": lang,
                "ok": all(r["status"] == "ok" for r in runs), "runs": runs}
    if revised is not None:
        write_export(revised, building / "tables" / "revisions.csv")
        manifest["revisions"] = len(revised)
    changes = None
    old_obs, old_att = old
    if observations is not None:
        snapshot = observations.reindex(columns=SNAPSHOT_COLUMNS)
        if old_obs is not None:
            changes = since_last_pack(old_obs, snapshot, old_att,
                                      _read_optional(building / "tables" / "attainment.csv"))
            write_export(changes, building / "tables" / "since_last_pack.csv")
            manifest["since_last_pack"] = changes["kind"].value_counts().to_dict()
        write_export(snapshot, building / "tables" / "pack_observations.csv")
    # summary.md, briefing.pptx, tables.xlsx: one failing keeps the pack but fails the build
    briefing = write_briefing(building, manifest, changes, revised, data)
    manifest["findings"], manifest["outputs"] = briefing["findings"], briefing["outputs"]
    manifest["outputs_seconds"] = briefing["seconds"]
    for name, record in briefing["outputs"].items():
        if record["status"] == "failed":
            manifest["ok"] = False
            kept = "; the previous pack's file is kept" if record["kept_previous"] else ""
            say(f"FAILED {name}: {record['error']}{kept}", file=sys.stderr)
    write_text(building / "index.html", front_page(manifest, building, changes, revised, data))
    manifest[publish.BUILD_KEY] = build_id
    manifest["pack_key"] = key
    write_text(building / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2, default=str))
    return manifest


def _runs_data(jobs: list[Job]):
    """The data set the runs read (their recorded ``data_dir``, :func:`recorded_folder`), for the outputs and
    the front page, which would read the recorded folder from the working folder; ``None`` if none
    names one or it cannot be loaded (they then show ids)."""
    folder = next((job.parameters["data_dir"] for job in jobs if job.parameters.get("data_dir")), None)
    if folder is None:
        return None
    try:
        return load(recorded_folder(folder))
    except Exception:  # noqa: BLE001 - the outputs and the front page say what they lack
        return None
