"""The runner beside its floor and its peer (issue 22): cold build, no-op rebuild, floor and peer from one plan.

Run with ``.venv/bin/python benchmarks/runner.py [--out DIR] [--jobs N] [--synthetic N] [--skip-peer]``.
From ONE plan of runs (the runs ``python -m dtlib report`` makes of the data: :func:`report_plan`)
it prints, in wall seconds:

- **cold**: ``python -m dtlib report --out DIR`` into an empty folder, as a command (its start, its
  imports and the data's validation included), with no font subset on disk (``DTLIB_CACHE_DIR``
  empty: :mod:`dtlib.figures.font_subsets`), and the build's peak memory (:class:`bench.Memory`);
- **no-op**: the same command again, nothing changed (the pack is reused whole);
- **floor**: every run's notebook code cells (its parameters injected after its ``parameters``
  cell, as papermill does: :func:`in_process.code_cells`) executed in THIS process, the stack
  (pandas, matplotlib, seaborn, dtlib) imported once before the clock starts, Agg drawing, figures
  saved as the notebooks save them, every displayed object formatted as a kernel formats it; the
  cells' seconds summed and divided over the build's workers (``min(jobs, runs)``). Between two
  runs the process is reset as a kept kernel is (:func:`dtlib.pack.worker.reset_kernel`, not timed);
- **peer**: what a user would do by hand: for each run in turn, the ``papermill`` command, then
  ``jupyter nbconvert --to html`` on the notebook it executed;

then cold / floor and cold / peer, and the bars of issue 22 (cold <= 1.5 x floor, cold <= 0.3 x
peer, no-op < 2 s), each marked met or not. Every measurement starts with a font cache of its own,
empty. ``--synthetic N`` builds a SYNTHETIC data set of N provinces (``benchmarks/synthetic.py``)
and profiles every province. Figures, not assertions: the machine's load changes them.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from bench import Memory  # noqa: E402
from in_process import code_cells, formatted_display  # noqa: E402

from dtlib.pack.report import Job  # noqa: E402

#: Issue 22's bars: cold at most this many times the floor, at most this share of the peer, no-op under this.
FLOOR_BAR, PEER_BAR, NOOP_BAR = 1.5, 0.3, 2.0


class Floor(NamedTuple):
    """The floor of a plan: its cells' seconds in one process, and how many runs and cells ran."""

    seconds: float          # the cells of every run, summed
    workers: int            # what the sum is divided over
    runs: int
    cells: int
    by_run: dict            # each run's cells, summed

    @property
    def wall(self) -> float:
        """The floor in wall seconds: the cells' sum over the build's workers."""
        return self.seconds / self.workers


def report_plan(data_dir: str | Path | None = None, units: list[str] | None = None,
                lang: str | None = None) -> list[Job]:
    """The runs ``python -m dtlib report [--data DIR] [--units ...] [--lang ...]`` makes (``dtlib.cli``).

    Parameters
    ----------
    data_dir
        The data folder (default: the repository's ``data/``).
    units
        Unit ids to profile (default: the report's).
    lang
        The pack's language (default: the report's).

    Returns
    -------
    list of Job
        The plan, as :func:`dtlib.pack.report.plan` gives it to :func:`dtlib.pack.report.build_pack`.
    """
    import dtlib
    from dtlib.data.dataset import default_data_dir
    from dtlib.words.i18n import DEFAULT_LANGUAGE
    from dtlib.analysis.observations import report_date_reason
    from dtlib.pack.report import plan

    root = Path(data_dir) if data_dir is not None else default_data_dir()
    data = dtlib.load(root)
    when = f"{report_date_reason(data)['date']:%Y-%m-%d}"
    return plan(data, as_of=when, units=units, data_dir=root, lang=lang or DEFAULT_LANGUAGE)


def report_command(out: Path, jobs: int, data_dir: Path | None = None, units: list[str] | None = None) -> list[str]:
    """The ``python -m dtlib report`` command of the build measured."""
    command = [sys.executable, "-m", "dtlib", "report", "--out", str(out), "--jobs", str(jobs), "--quiet"]
    if data_dir is not None:
        command += ["--data", str(data_dir)]
    if units:
        command += ["--units", ",".join(units)]
    return command


def environment(cache: Path) -> dict:
    """This process's environment for a command measured: this repository's ``dtlib`` first (for the
    kernels too), and a font cache of its own."""
    env = dict(os.environ, DTLIB_CACHE_DIR=str(cache))
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


def timed_command(command: list[str], env: dict) -> tuple[float, Memory]:
    """Run ``command`` (failing loudly); return its wall seconds and its memory (this process's tree)."""
    memory = Memory()
    with memory.watch():
        start = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, memory


def run_parameters(job: Job, out_dir: Path) -> dict:
    """A run's parameters as its worker passes them: ``out_dir`` set, ``data_dir`` from the repository."""
    params = {**job.parameters, "out_dir": str(out_dir)}
    if params.get("data_dir"):
        params["data_dir"] = str(REPO / params["data_dir"])
    return params


def import_stack() -> None:
    """Import what a build's kernel imports before its first run (``dtlib.pack.worker.WARM_SOURCE``), Agg drawing."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import pandas  # noqa: F401
    import seaborn  # noqa: F401

    import dtlib  # noqa: F401
    import dtlib.briefing.notebook  # noqa: F401
    from dtlib.pack.worker import note_kernel_state

    with warnings.catch_warnings():     # reading every pandas option warns of the deprecated ones
        warnings.simplefilter("ignore")
        note_kernel_state()


def floor(jobs: list[Job], out: Path, workers: int) -> Floor:
    """Execute every run's code cells in this process and time them (the stack imported first, untimed).

    Parameters
    ----------
    jobs
        The plan.
    out
        A folder for the runs' figures and tables (one sub-folder per run).
    workers
        The build's worker processes; the floor is the cells' sum over ``min(workers, len(jobs))``.

    Returns
    -------
    Floor
        The cells' seconds summed, and the runs and cells that ran. A cell that fails raises.
    """
    import IPython.display

    from dtlib.pack.worker import reset_kernel

    import_stack()
    shown, here = IPython.display.display, os.getcwd()
    IPython.display.display = formatted_display
    total, count, by_run = 0.0, 0, {}
    try:
        for job in jobs:
            folder = out / job.name
            folder.mkdir(parents=True, exist_ok=True)
            reset_kernel(str(Path(job.notebook).resolve().parent))     # as a kept kernel before a run: untimed
            sources = [compile(source, f"{job.name}[{i}]", "exec")
                       for i, source in enumerate(code_cells(job.notebook, run_parameters(job, folder)))]
            namespace = {"__name__": "__main__"}
            with contextlib.redirect_stdout(io.StringIO()):        # a kernel captures what cells print
                for code in sources:
                    start = time.perf_counter()
                    exec(code, namespace)           # noqa: S102 - the repository's own notebooks
                    seconds = time.perf_counter() - start
                    total, count = total + seconds, count + 1
                    by_run[job.name] = by_run.get(job.name, 0.0) + seconds
    finally:
        IPython.display.display = shown
        os.chdir(here)
    return Floor(total, max(1, min(workers, len(jobs))), len(jobs), count, by_run)


def peer(jobs: list[Job], out: Path, env: dict) -> float:
    """Wall seconds of what a user would do by hand: each run's ``papermill`` command, then its
    ``jupyter nbconvert --to html``, one run after another."""
    import yaml

    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for job in jobs:
        folder = out / job.name
        folder.mkdir(exist_ok=True)
        executed = out / f"{job.name}.ipynb"
        for command in ([sys.executable, "-m", "papermill", job.notebook, str(executed), "-k", "python3",
                         "-y", yaml.safe_dump(run_parameters(job, folder)), "--cwd", str(Path(job.notebook).parent),
                         "--no-progress-bar"],
                        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", str(executed)]):
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(command[:4])} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def bars(cold: float, noop: float, floor_wall: float, peer_wall: float | None) -> list[tuple[str, bool | None]]:
    """Issue 22's bars, each with whether it is met (``None``: not measured)."""
    return [(f"cold <= {FLOOR_BAR:g} x floor", cold <= FLOOR_BAR * floor_wall),
            (f"cold <= {PEER_BAR:g} x peer", None if peer_wall is None else cold <= PEER_BAR * peer_wall),
            (f"no-op < {NOOP_BAR:g} s", noop < NOOP_BAR)]


def table(cold: float, noop: float, fl: Floor, peer_wall: float | None, memory: str) -> str:
    """The figures and the bars as lines of text."""
    rows = [("cold", cold, f"python -m dtlib report into an empty folder; peak memory {memory}"),
            ("no-op", noop, "the same command again, nothing changed"),
            ("floor", fl.wall, f"{fl.runs} runs, {fl.cells} cells, {fl.seconds:.2f} s in one process / {fl.workers}"),
            ("peer", peer_wall, "papermill, then nbconvert --to html, each run in turn")]
    lines = [f"{name:<6} {'not run' if s is None else f'{s:7.2f} s':>9}  {what}" for name, s, what in rows]
    lines.append(f"cold / floor {cold / fl.wall:5.2f}   cold / peer "
                 + ("  n/a" if peer_wall is None else f"{cold / peer_wall:5.2f}"))
    for bar, met in bars(cold, noop, fl.wall, peer_wall):
        lines.append(f"{bar:<22} {'not measured' if met is None else 'met' if met else 'NOT met'}")
    return "\n".join(lines)


def details(pack: Path, fl: Floor) -> str:
    """Each run's cells in the build (papermill's durations: :func:`breakdown.breakdown`) beside the floor's,
    and the run's seconds outside its cells (kernel reset or start, papermill, the page)."""
    from breakdown import breakdown

    lines = [f"{'run':<28} {'build cells':>11} {'floor cells':>11} {'ratio':>6} {'outside':>8}"]
    rows = breakdown(pack)
    for r in rows:
        alone = fl.by_run.get(r["run"], 0.0)
        lines.append(f"{r['run']:<28} {r['cells']:11.2f} {alone:11.2f} {r['cells'] / alone if alone else 0:6.2f} "
                     f"{r['kernel_html']:8.2f}")
    cells, outside = sum(r["cells"] for r in rows), sum(r["kernel_html"] for r in rows)
    lines.append(f"{'all runs':<28} {cells:11.2f} {fl.seconds:11.2f} {cells / fl.seconds:6.2f} {outside:8.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="scratch folder (default: a temporary one, deleted)")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="the build's worker processes (default: as the report, min(4, CPUs))")
    parser.add_argument("--synthetic", type=int, metavar="N",
                        help="a SYNTHETIC data set of N provinces (benchmarks/synthetic.py), every one profiled")
    parser.add_argument("--skip-peer", action="store_true", help="leave the peer out (a minute on the shipped data)")
    parser.add_argument("--details", action="store_true",
                        help="each run's cells in the build beside the floor's (where the gap is)")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        scratch = Path(args.out or stack.enter_context(tempfile.TemporaryDirectory(prefix="dtlib-runner-")))
        scratch.mkdir(parents=True, exist_ok=True)
        data_dir = units = None
        if args.synthetic:
            import dtlib
            from synthetic import write_synthetic

            data_dir = write_synthetic(scratch / "synthetic", provinces=args.synthetic)
            syn = dtlib.load(data_dir)
            units = list(syn.units.loc[syn.units["level"] == "province", "id"])
        jobs = report_plan(data_dir, units)
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"benchmarks/runner.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
        print(f"{time.strftime('%Y-%m-%d %H:%M')}  {os.cpu_count()} CPUs  --jobs {args.jobs}  {len(jobs)} runs  "
              f"load average before: {load}")
        pack = scratch / "pack"
        if pack.exists():
            raise SystemExit(f"{pack}: the cold build needs an empty folder; give another --out")
        command = report_command(pack, args.jobs, data_dir, units)
        cold, memory = timed_command(command, environment(scratch / "cache-build"))
        described = memory.describe()
        noop, _ = timed_command(command, environment(scratch / "cache-build"))
        os.environ["DTLIB_CACHE_DIR"] = str(scratch / "cache-floor")
        fl = floor(jobs, scratch / "floor", args.jobs)
        peer_wall = None if args.skip_peer else peer(jobs, scratch / "peer", environment(scratch / "cache-peer"))
        print(table(cold, noop, fl, peer_wall, described))
        if args.details:
            print(details(pack, fl))
        print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
