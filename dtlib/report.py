"""Running the notebook suite into a briefing pack: parallel papermill runs, manifest, front page.

Each run executes in its own process with its own kernel. Kernels talk over IPC sockets
(files named after the kernel's unique connection file) rather than TCP ports, which removes
the port race between kernels started at the same moment in parallel processes (papermill
issues 239 and 511); a kernel that still fails to start is retried. Each run writes into a
staging folder of its own; only a run that succeeds replaces the previous pack's files, so
a failing notebook never destroys the last good output.
"""
from __future__ import annotations

import html
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

import pandas as pd

from .io import write_export, write_text

__all__ = ["Job", "plan", "build_pack", "NOTEBOOKS_DIR", "REPO_ROOT"]

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
KERNEL_START_ATTEMPTS = 3


@dataclass
class Job:
    """One notebook run: which notebook, under what name, with which parameters."""

    notebook: str
    name: str
    parameters: dict = field(default_factory=dict)


def plan(data, as_of: str | None = None, units: list[str] | None = None,
         data_dir: str | Path | None = None, notebooks: Path = NOTEBOOKS_DIR) -> list[Job]:
    """The runs of a briefing pack: a profile per province, then comparison, targets, trends, coverage.

    Parameters
    ----------
    data
        The loaded data set (to pick the provinces and the default date).
    as_of
        Report date ``YYYY-MM-DD``; default: the latest date in the data.
    units
        Provinces to profile and compare; default: every province valid on ``as_of`` that has a
        figure or a target.
    """
    from .dataset import valid_on
    from .observations import known_observations, report_date

    when = pd.Timestamp(as_of) if as_of else report_date(data)
    if units is None:
        u = data.units
        valid = valid_on(u, when)
        active = set(known_observations(data, when)["unit"]) | set(data.targets["unit"])
        units = sorted(u.loc[valid & (u["level"] == "province") & u["id"].isin(active), "id"])
    common = {"as_of": f"{when:%Y-%m-%d}", "data_dir": str(Path(data_dir or data.root).resolve())}
    nb = lambda stem: str(notebooks / f"{stem}.ipynb")  # noqa: E731
    jobs = [Job(nb("01_profile"), f"01_profile_{unit}", {**common, "unit": unit}) for unit in units]
    jobs += [
        Job(nb("02_compare"), "02_compare", {**common, "units": list(units)}),
        Job(nb("03_targets"), "03_targets", dict(common)),
        Job(nb("04_trends"), "04_trends", {**common, "units": list(units)}),
        Job(nb("05_coverage"), "05_coverage", dict(common)),
    ]
    return jobs


# ------------------------------------------------------------------------------------ one run

def _ipc_kernel_manager():
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum, default

    class IPCKernelManager(AsyncKernelManager):
        """A kernel manager that connects over IPC sockets: no TCP ports to collide on."""

        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _ip_default(self) -> str:
            # jupyter_client's default is "kernel-ipc" in the working directory: two kernels
            # started from one folder would share socket files. A unique path per kernel.
            folder = os.environ.get("JUPYTER_RUNTIME_DIR") or tempfile.gettempdir()
            return os.path.join(folder, f"k{uuid.uuid4().hex[:12]}")

    return IPCKernelManager


def _is_kernel_start_failure(err: BaseException) -> bool:
    text = f"{type(err).__name__}: {err}"
    return any(s in text for s in ("Kernel died before replying", "Kernel didn't respond",
                                   "kernel_info", "DeadKernelError", "Address already in use"))


def run_job(job: dict, staging: str) -> dict:
    """Execute one notebook into ``staging`` (a worker-process function); return its record."""
    started = time.monotonic()
    stage = Path(staging)
    files = stage / "files"
    files.mkdir(parents=True, exist_ok=True)
    output = stage / f"{job['name']}.ipynb"
    params = {**job["parameters"], "out_dir": str(files)}
    record = {"name": job["name"], "notebook": Path(job["notebook"]).name, "parameters": job["parameters"],
              "status": "ok", "error": None, "attempts": 0}
    # A runtime directory per run keeps connection files (and IPC socket files) apart; it is
    # short because a Unix socket path may not exceed ~107 bytes.
    runtime = tempfile.mkdtemp(prefix="dtk-")
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime
    try:
        _execute(job, output, params, record)
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    if record["status"] == "ok":
        _render_html(output, stage / f"{job['name']}.html")
    record["seconds"] = round(time.monotonic() - started, 2)
    return record


def _execute(job: dict, output: Path, params: dict, record: dict) -> None:
    import papermill as pm

    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        record["attempts"] = attempt
        try:
            pm.execute_notebook(job["notebook"], str(output), parameters=params, kernel_name="python3",
                                cwd=str(Path(job["notebook"]).parent), progress_bar=False,
                                start_timeout=120, kernel_manager_class=_ipc_kernel_manager())
            record["status"], record["error"] = "ok", None
            break
        except pm.PapermillExecutionError as err:
            record["status"] = "failed"
            record["error"] = {"cell": err.cell_index, "execution_count": err.exec_count,
                               "ename": err.ename, "evalue": err.evalue}
            break
        except Exception as err:  # noqa: BLE001 - a kernel that would not start, a bad notebook file
            record["status"] = "failed"
            record["error"] = {"cell": None, "execution_count": None, "ename": type(err).__name__,
                               "evalue": str(err) or traceback.format_exc(limit=2)}
            if not _is_kernel_start_failure(err):
                break
            time.sleep(attempt)


def _render_html(notebook: Path, target: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    write_text(target, body)


# ------------------------------------------------------------------------------ publishing

def _publish(record: dict, stage: Path, out: Path) -> list[str]:
    """Move a successful run's files from its staging folder into the pack; return figure names."""
    figures = []
    files = stage / "files"
    for path in sorted(files.rglob("*")):
        if path.is_file():
            dest = out / path.relative_to(files)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)
            if path.suffix == ".json" and dest.parent == out:
                figures.append(path.stem)
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    for suffix in (".ipynb", ".html"):
        os.replace(stage / f"{record['name']}{suffix}", out / "notebooks" / f"{record['name']}{suffix}")
    (out / "notebooks" / f"{record['name']}.failed.ipynb").unlink(missing_ok=True)
    return figures


def _keep_failed(record: dict, stage: Path, out: Path) -> None:
    failed = stage / f"{record['name']}.ipynb"
    if failed.exists():
        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        os.replace(failed, out / "notebooks" / f"{record['name']}.failed.ipynb")


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
               observations: pd.DataFrame | None = None, previous: str | Path | None = None) -> dict:
    """Execute ``jobs`` in parallel processes and publish the briefing pack into ``out``.

    A failing run does not stop the others; its previous good output stays. Writes
    ``out/manifest.json`` (every run: parameters, status, seconds, error with cell) and
    ``out/index.html`` (the front page).

    With ``observations`` (the figures this pack uses), the pack keeps a snapshot of them
    (``tables/pack_observations.csv``); when a previous pack exists (``previous``, default
    ``out`` itself), ``tables/since_last_pack.csv`` lists new and revised values, status
    changes and rank moves, and the front page opens with it.

    Returns
    -------
    dict
        The manifest; ``manifest["ok"]`` is false if any run failed.
    """
    from tqdm import tqdm

    out = Path(out).resolve()   # notebooks run in notebooks/: a relative out_dir would land there
    out.mkdir(parents=True, exist_ok=True)
    before = Path(previous) if previous is not None else out
    old_obs = _read_optional(before / "tables" / "pack_observations.csv")
    old_att = _read_optional(before / "tables" / "attainment.csv")
    previous = _previous_manifest(out)
    staging_root = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    n_jobs = n_jobs or min(4, os.cpu_count() or 1)
    records = {}
    try:
        with ProcessPoolExecutor(max_workers=n_jobs, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(run_job, asdict(job), str(staging_root / job.name)): job for job in jobs}
            bar = tqdm(total=len(jobs), desc="briefing pack", unit="notebook", disable=not progress,
                       file=sys.stderr)
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
                if record["status"] == "ok":
                    record["figures"] = _publish(record, stage, out)
                else:
                    _keep_failed(record, stage, out)
                    record["figures"] = previous.get(job.name, {}).get("figures", [])
                    bar.write(f"FAILED {describe_failure(record)}")
                records[job.name] = record
                bar.update(1)
            bar.close()
    finally:
        shutil.rmtree(staging_root, ignore_errors=True)
    runs = [records[job.name] for job in jobs]
    manifest = {"built": pd.Timestamp.now().isoformat(timespec="seconds"), "ok": all(r["status"] == "ok" for r in runs),
                "runs": runs}
    changes = None
    if observations is not None:
        snapshot = observations.reindex(columns=SNAPSHOT_COLUMNS)
        if old_obs is not None:
            from .changes import since_last_pack
            changes = since_last_pack(old_obs, snapshot, old_att, _read_optional(out / "tables" / "attainment.csv"))
            write_export(changes, out / "tables" / "since_last_pack.csv")
            manifest["since_last_pack"] = changes["kind"].value_counts().to_dict()
        write_export(snapshot, out / "tables" / "pack_observations.csv")
    write_text(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2, default=str))
    write_text(out / "index.html", front_page(manifest, out, changes))
    return manifest


def describe_failure(record: dict) -> str:
    """``01_profile_lai-chau.ipynb (run 01_profile_lai-chau), cell 7: KeyError: 'x'``."""
    err = record.get("error") or {}
    cell = f", cell {err['cell']}" if err.get("cell") is not None else ""
    return f"{record['notebook']} (run {record['name']}){cell}: {err.get('ename')}: {err.get('evalue')}"


# ------------------------------------------------------------------------------ front page

def _changes_section(changes: pd.DataFrame) -> list[str]:
    esc = html.escape
    if changes.empty:
        return ["<h2>Since the last pack</h2><p>No new or revised figures, status changes or rank moves.</p>"]
    parts = ["<h2>Since the last pack</h2>",
             "<p>New and revised figures, statuses that changed, and rank moves since the pack this one was "
             "built over (<a href='tables/since_last_pack.csv'>CSV</a>). A rank move of two or three places is "
             "within the noise of the index; ranks out of different numbers of units are not compared.</p>",
             "<table><tr>" + "".join(f"<th>{esc(c)}</th>" for c in changes.columns) + "</tr>"]
    for row in changes.itertuples(index=False):
        cells = ["" if pd.isna(v) else (f"{v:%Y-%m-%d}" if isinstance(v, pd.Timestamp) else str(v)) for v in row]
        parts.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    parts.append("</table>")
    return parts


def front_page(manifest: dict, out: Path, changes: pd.DataFrame | None = None) -> str:
    """The briefing pack's index.html: what changed, each run linked, each figure with caption and source."""
    esc = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Digital transformation in Vietnamese provinces: briefing pack</title>",
        "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
        "color:#222}figure{margin:1.5em 0;border-top:1px solid #ddd;padding-top:1em}img{max-width:100%}"
        "figcaption{font-size:.95em}.src{color:#666;font-size:.85em}.failed{color:#b00}"
        "table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left}"
        "</style></head><body>",
        "<h1>Digital transformation in Vietnamese provinces: briefing pack</h1>",
        f"<p>Built {esc(manifest['built'])}. Every figure below links to the data it draws (CSV) and names its "
        "sources; every value in the data set carries the sentence it was taken from (data/observations.csv).</p>",
    ]
    if changes is not None:
        parts += _changes_section(changes)
    parts += ["<h2>Notebooks</h2><table><tr><th>run</th><th>status</th><th>seconds</th><th>parameters</th></tr>"]
    for run in manifest["runs"]:
        link = f"notebooks/{run['name']}.html"
        status = "ok" if run["status"] == "ok" else f"<span class='failed'>{esc(describe_failure(run))}</span>"
        params = ", ".join(f"{k}={v}" for k, v in run["parameters"].items() if k != "data_dir")
        parts.append(f"<tr><td><a href='{esc(link)}'>{esc(run['name'])}</a></td><td>{status}</td>"
                     f"<td>{run.get('seconds') or ''}</td><td>{esc(params)}</td></tr>")
    parts.append("</table>")
    for run in manifest["runs"]:
        figures = [f for f in run.get("figures", []) if (out / f"{f}.json").exists()]
        if not figures:
            continue
        parts.append(f"<h2>{esc(run['name'])}</h2>")
        for name in figures:
            meta = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
            parts.append(
                f"<figure id='{esc(name)}'><a href='{esc(name)}.svg'><img src='{esc(name)}.png' "
                f"alt='{esc(meta.get('caption', name))}'></a><figcaption>{esc(meta.get('caption', ''))}"
                f"<br><span class='src'>{esc(meta.get('source', ''))}</span><br>"
                f"<a href='{esc(name)}.csv'>data (CSV)</a> · <a href='{esc(name)}.svg'>SVG</a> · "
                f"<a href='{esc(name)}.png'>PNG</a></figcaption></figure>")
    tables = sorted((out / "tables").glob("*.csv")) if (out / "tables").exists() else []
    if tables:
        parts.append("<h2>Tables</h2><ul>")
        parts += [f"<li><a href='tables/{esc(t.name)}'>{esc(t.name)}</a></li>" for t in tables]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
