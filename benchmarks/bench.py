"""Benchmarks: how long a briefing pack takes beside the floor, and how much memory it uses.

Run with ``make benchmark`` or ``.venv/bin/python benchmarks/bench.py [--jobs N] [--skip-34] [--quick]``.
Figures, not assertions: speed targets are read here, never enforced by timed tests. It prints:

1. the floor: one notebook that only imports the stack (pandas, matplotlib, seaborn, dtlib) on a
   fresh kernel and saves one figure, run through :func:`dtlib.pack.report.build_pack` as a pack of
   one run; a pack of R runs over J workers cannot beat R x that / J. Beside it, the naive way:
   one ``papermill`` command per run, in sequence;
2. the full build of the shipped data, cold (``force=True``, and no font subset kept on disk:
   ``dtlib.figures.font_subsets``), then forced again with the font subsets the first one kept;
3. a rebuild with nothing changed;
4. a rebuild after a change to one notebook (a copy of ``notebooks/`` with one sentence added);
5. the build of a SYNTHETIC data set of all 34 provinces (``benchmarks/synthetic.py``), with every
   province profiled (``--skip-34`` leaves it out);

each with its ratio to the floor of the runs it ran, and peak memory; and ``dtlib.load`` and
``dtlib.attainment_table`` on the synthetic set. Wall-clock seconds depend on what else the machine
runs; CPU seconds of this process are printed beside them where they mean something.

Memory: ``resource`` gives this process's peak RSS and the largest peak of any one descendant
(``RUSAGE_CHILDREN``), not their sum; with psutil, a thread samples the total RSS of the whole
process tree (this process, the workers, the kernels) every 0.2 s, which counts shared pages once
per process and so overstates a little.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbformat  # noqa: E402

import dtlib  # noqa: E402
from dtlib.analysis.observations import known_observations, report_date_reason, revisions  # noqa: E402
from dtlib.pack.report import NOTEBOOKS_DIR, Job, build_pack, plan  # noqa: E402
from synthetic import write_synthetic  # noqa: E402

try:
    import psutil
except ImportError:   # the tree's total is then not measured, and the output says so
    psutil = None

#: What the floor's notebook does: import the stack and save one figure, nothing else.
FLOOR_SOURCE = """\
import pandas as pd
import matplotlib
import matplotlib.pyplot as plt
import seaborn as sns
import dtlib

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot([2021, 2022, 2023], [1, 3, 2])
fig.savefig(Path(out_dir) / "floor.png", dpi=150)
plt.close(fig)
"""


def write_floor_notebook(folder: Path) -> Path:
    """The floor's notebook: a title, a ``parameters`` cell and one cell that imports and saves."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('out_dir = "."\nlang = "vi"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Floor\n\nImports the stack and saves one figure."), params,
                nbformat.v4.new_code_cell("from pathlib import Path\n" + FLOOR_SOURCE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return path


class Memory:
    """Peak memory while a block runs: the process tree's total RSS (psutil, sampled) and the
    largest RSS of any one descendant so far (``RUSAGE_CHILDREN``, cumulative over the run)."""

    def __init__(self) -> None:
        self.tree_peak = 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            try:
                procs = [me, *me.children(recursive=True)]
            except psutil.Error:
                procs = [me]
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.tree_peak = max(self.tree_peak, total)
            self._stop.wait(0.2)

    @contextmanager
    def watch(self):
        thread = None
        if psutil is not None:
            thread = threading.Thread(target=self._sample, daemon=True)
            thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            if thread is not None:
                thread.join()

    def describe(self) -> str:
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        tree = f"tree {self.tree_peak / 2**20:,.0f} MB" if psutil is not None else "tree n/a (no psutil)"
        return f"{tree}; largest child so far {child:,.0f} MB"


def timed_build(jobs: list[Job], out: Path, **kwargs) -> tuple[float, dict, Memory]:
    """Build a pack; return the wall seconds, the manifest and its memory."""
    memory = Memory()
    with memory.watch():
        start = time.perf_counter()
        manifest = build_pack(jobs, out, progress=False, **kwargs)
        seconds = time.perf_counter() - start
    return seconds, manifest, memory


def pack_arguments(data, n_jobs: int) -> dict:
    """What ``python -m dtlib report`` passes to :func:`build_pack` besides the runs."""
    reason = report_date_reason(data)
    when = reason["date"]
    return {"n_jobs": n_jobs, "observations": known_observations(data, when),
            "dated": {"as_of": f"{when:%Y-%m-%d}", "why": reason["sentence"]}, "revised": revisions(data, when)}


def best_of(fn, repeat: int) -> tuple[float, float]:
    """The best wall and CPU seconds of ``repeat`` calls of ``fn``."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return wall, cpu


def line(label: str, seconds: float, floor: float | None = None, extra: str = "") -> None:
    ratio = f"{seconds / floor:5.2f} x floor" if floor else " " * 13
    print(f"{label:<46} {seconds:8.{1 if seconds >= 10 else 2}f} s  {ratio}  {extra}".rstrip())


def measure_floor(tmp: Path, repeat: int, n_jobs: int) -> float:
    """Seconds of one floor run (the best of ``repeat`` one-run packs, as the manifest times the run)."""
    notebook = write_floor_notebook(tmp)
    best_run, best_pack = float("inf"), float("inf")
    for i in range(repeat):
        seconds, manifest, _ = timed_build([Job(str(notebook), "floor", {"lang": "vi"})], tmp / f"floor-pack-{i}",
                                           n_jobs=1, force=True)
        run = manifest["runs"][0]
        if run["status"] != "ok":
            raise SystemExit(f"the floor notebook failed: {run.get('error')}")
        best_run, best_pack = min(best_run, run["seconds"]), min(best_pack, seconds)
    print(f"{'floor: one run (kernel, imports, one figure, HTML)':<46} {best_run:8.1f} s  "
          f"(best of {repeat}; the whole one-run pack {best_pack:.1f} s)")
    return best_run


def measure_naive(tmp: Path, runs: int, measured: int) -> float:
    """Seconds of ``runs`` floor runs as ``papermill`` commands one after another (``measured`` of
    them timed, the rest extrapolated)."""
    notebook = tmp / "floor.ipynb"
    out_dir = tmp / "naive"
    out_dir.mkdir(exist_ok=True)
    start = time.perf_counter()
    for i in range(measured):
        subprocess.run([sys.executable, "-m", "papermill", str(notebook), str(out_dir / f"run{i}.ipynb"),
                        "-p", "out_dir", str(out_dir), "-k", "python3", "--no-progress-bar"],
                       check=True, capture_output=True, cwd=tmp)
    return (time.perf_counter() - start) * runs / measured


def changed_notebooks(tmp: Path, stem: str) -> Path:
    """A copy of ``notebooks/`` whose ``stem`` notebook ends with one Markdown sentence more."""
    folder = tmp / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, folder)
    path = folder / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("(This sentence was added by benchmarks/bench.py.)"))
    nbformat.write(nb, path)
    return folder


def rebuilt(manifest: dict) -> list[str]:
    return [r["name"] for r in manifest["runs"] if not r.get("reused")]


def figures(out: Path) -> int:
    return len(list(out.glob("*.png")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="worker processes (default: as the report does, min(4, CPUs))")
    parser.add_argument("--skip-34", action="store_true", help="leave out the 34-province build (minutes)")
    parser.add_argument("--quick", action="store_true",
                        help="time the floor once and the naive way on two commands (extrapolated)")
    args = parser.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    warnings.simplefilter("ignore", RuntimeWarning)
    repeat = 1 if args.quick else 3
    load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"benchmarks/bench.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(f"{time.strftime('%Y-%m-%d %H:%M')}  {os.cpu_count()} CPUs  Python {platform.python_version()}  "
          f"--jobs {args.jobs}  load average before: {load_avg}")
    if psutil is None:
        print("psutil is not installed: the process tree's total memory is not measured")
    data = dtlib.load()
    shipped = plan(data)
    n = len(shipped)
    with tempfile.TemporaryDirectory(prefix="dtlib-bench-") as name:
        tmp = Path(name)
        # the font subsets the figure files embed (dtlib.figures.font_subsets) start from nothing: a cold build is cold
        os.environ["DTLIB_CACHE_DIR"] = str(tmp / "cache")
        # (1) the floor
        print("\n(1) the floor")
        one = measure_floor(tmp, repeat, args.jobs)
        floor = lambda runs: one * runs / min(args.jobs, runs) if runs else one  # noqa: E731
        line(f"floor of the shipped pack: {n} runs / {min(args.jobs, n)} jobs", floor(n))
        naive = measure_naive(tmp, n, 2 if args.quick else n)
        line(f"naive: {n} papermill commands in sequence" + (" (2 timed)" if args.quick else ""), naive, floor(n))

        # (2)-(4) the shipped data: cold, nothing changed, one notebook changed
        print(f"\n(2)-(4) the shipped data ({len(data.observations)} observations, {n} runs)")
        kwargs = pack_arguments(data, args.jobs)
        out = tmp / "pack"
        seconds, manifest, memory = timed_build(shipped, out, force=True, **kwargs)
        line("(2) full build, cold", seconds, floor(n), f"ok={manifest['ok']}  {figures(out)} PNG")
        print(f"{'':<46} peak memory: {memory.describe()}")
        seconds, manifest, memory = timed_build(shipped, out, force=True, **kwargs)
        line("(2b) full build again, forced (font subsets kept)", seconds, floor(n), f"ok={manifest['ok']}")
        seconds, manifest, memory = timed_build(shipped, out, **kwargs)
        line("(3) rebuild, nothing changed", seconds, floor(n), f"rebuilt {len(rebuilt(manifest))} runs")
        changed = "03_targets"
        jobs = plan(data, notebooks=changed_notebooks(tmp, changed))
        seconds, manifest, memory = timed_build(jobs, out, **kwargs)
        again = rebuilt(manifest)
        line(f"(4) rebuild after a change to {changed}", seconds, floor(len(again)) if again else None,
             f"rebuilt {', '.join(again) or 'nothing'}")

        # (5) the 34 provinces, and the library on the synthetic set
        print("\n(5) SYNTHETIC data: 34 provinces, 60 indicators, 20 quarters (benchmarks/synthetic.py)")
        synthetic = write_synthetic(tmp / "synthetic")
        wall, cpu = best_of(lambda: dtlib.load(synthetic), 3)
        syn = dtlib.load(synthetic)
        print(f"{'dtlib.load + validation':<46} {wall:8.3f} s  (CPU {cpu:.3f} s; best of 3; "
              f"{len(syn.observations)} observations, {len(syn.targets)} targets)")
        wall, cpu = best_of(lambda: dtlib.attainment_table(syn), 3)
        table = dtlib.attainment_table(syn)
        print(f"{'dtlib.attainment_table':<46} {wall:8.3f} s  (CPU {cpu:.3f} s; best of 3; {len(table)} rows)")
        if not args.skip_34:
            provinces = list(syn.units.loc[syn.units["level"] == "province", "id"])
            start = time.perf_counter()
            jobs = plan(syn, units=provinces)
            planned = time.perf_counter() - start
            out34 = tmp / "pack-34"
            seconds, manifest, memory = timed_build(jobs, out34, force=True, **pack_arguments(syn, args.jobs))
            failed = [r["name"] for r in manifest["runs"] if r["status"] != "ok"]
            line(f"(5) 34-province build: {len(jobs)} runs", seconds, floor(len(jobs)),
                 f"ok={manifest['ok']}  {figures(out34)} PNG  (plan {planned:.1f} s)")
            if failed:
                print(f"{'':<46} failed: {', '.join(failed)}")
            slowest = sorted(manifest["runs"], key=lambda r: -(r.get("seconds") or 0))[:3]
            print(f"{'':<46} slowest runs: " + ", ".join(f"{r['name']} {r.get('seconds') or 0:.0f} s"
                                                          for r in slowest))
            print(f"{'':<46} peak memory: {memory.describe()}")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process {me:,.0f} MB; load average after: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
