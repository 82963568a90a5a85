"""How the pack grows with the number of runs: time per run and peak memory at 34 provinces.

Run with ``.venv/bin/python benchmarks/scale.py [--jobs N] [--sizes 4,12,34]``. On the SYNTHETIC
data set of all 34 provinces (``benchmarks/synthetic.py``), a cold build (``force=True``) is made
with the first N provinces profiled, for each N of ``--sizes``: the other notebooks run once in
every build, so the number of runs grows by one per province. It prints, for each build, its
runs, wall seconds, seconds per run, the seconds each added run cost beside the smallest build
(the slope), and the peak memory of the whole process tree (with psutil; :class:`bench.Memory`).
Time linear in the runs means a slope that stays put as N grows; issue 22 asks for peak memory
under 2 GB at 34. Figures, not assertions.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dtlib  # noqa: E402
from dtlib.pack.report import plan  # noqa: E402

from bench import pack_arguments, timed_build  # noqa: E402
from synthetic import write_synthetic  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="workers (default: as `dtlib report`)")
    parser.add_argument("--sizes", default="4,12,34", help="numbers of provinces profiled, comma-separated")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    with tempfile.TemporaryDirectory(prefix="dtlib-scale-") as tmp:
        tmp = Path(tmp)
        data = dtlib.load(write_synthetic(tmp / "synthetic"))
        provinces = list(data.units.loc[data.units["level"] == "province", "id"])
        kwargs = pack_arguments(data, args.jobs)
        print(f"SYNTHETIC: {len(provinces)} provinces, {len(data.observations)} observations; "
              f"workers: {kwargs['n_jobs'] or 'default'}")
        print(f"{'provinces':>9} {'runs':>5} {'wall s':>8} {'s/run':>6} {'slope s/run':>11}  peak memory")
        first = None
        for n in sizes:
            jobs = plan(data, units=provinces[:n])
            seconds, manifest, memory = timed_build(jobs, tmp / f"pack-{n}", force=True, **kwargs)
            slope = "" if first is None or len(jobs) == first[0] else \
                f"{(seconds - first[1]) / (len(jobs) - first[0]):.2f}"
            first = first or (len(jobs), seconds)
            ok = "" if manifest["ok"] else "  NOT OK: " + ", ".join(
                r["name"] for r in manifest["runs"] if r["status"] != "ok")
            print(f"{n:>9} {len(jobs):>5} {seconds:>8.1f} {seconds / len(jobs):>6.2f} {slope:>11}  "
                  f"{memory.describe()}{ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
