"""Benchmarks: print how long the library's main steps take and how much memory they use.

Run with `make benchmark` (or `.venv/bin/python benchmarks/bench.py [--pack]`). Figures, not
assertions: speed targets are read here, never enforced by timed tests.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dtlib  # noqa: E402
from dtlib.report import build_pack, plan  # noqa: E402


def timed(label: str, fn, repeat: int = 5):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<40} {best * 1000:9.1f} ms (best of {repeat})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pack", action="store_true", help="also time a full briefing-pack build")
    args = parser.parse_args()
    data = timed("load + validate data/", dtlib.load)
    print(f"{'':<40} {len(data.observations)} observations, {len(data.targets)} targets")
    timed("latest_as_of (all units)", lambda: dtlib.latest_as_of(data))
    timed("attainment_table (all units)", lambda: dtlib.attainment_table(data))
    if args.pack:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            manifest = build_pack(plan(data), out, progress=False)
            print(f"{'briefing pack (' + str(len(manifest['runs'])) + ' notebooks)':<40} "
                  f"{time.perf_counter() - start:9.1f} s  ok={manifest['ok']}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of this process':<40} {peak:9.1f} MB")


if __name__ == "__main__":
    main()
