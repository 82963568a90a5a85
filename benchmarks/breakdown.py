"""Where a pack build's time goes, run by run: printed from a built pack, nothing re-run.

Usage: ``.venv/bin/python benchmarks/breakdown.py PACK`` (a pack built with ``--force``, so that
every run's figures are new). For each run it splits the seconds the runner measured
(``manifest.json``) into:

- the notebook's cells (papermill's per-cell durations in the executed notebook), of which
  the setup cell (imports of pandas, matplotlib, seaborn and dtlib, loading the data) and
  saving figures (each figure's ``save_seconds`` in its JSON record: PNG, SVG, PDF);
- the rest: the kernel's start and shutdown, papermill's own work and the HTML rendering; of
  which, from the run's ``phases`` in the manifest, ``kernel`` (the worker's kept kernel
  started and the stack imported, or reset for the run) and ``html``.

Figures, not assertions: a benchmark prints, it never fails a build.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat


def breakdown(pack: Path) -> list[dict]:
    """One row per run: seconds in all, in cells, in the setup cell, saving figures, the rest."""
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for run in manifest["runs"]:
        nb = nbformat.read(pack / "notebooks" / f"{run['name']}.ipynb", as_version=4)
        durations = [c.metadata.get("papermill", {}).get("duration") or 0.0 for c in nb.cells]
        code = [(c, d) for c, d in zip(nb.cells, durations) if c.cell_type == "code"]
        setup = next((d for c, d in code if "setup(" in c.source), 0.0)
        saving = {"png": 0.0, "svg": 0.0, "pdf": 0.0, "all": 0.0}
        for name in run.get("figures", []):
            record = json.loads((pack / f"{name}.json").read_text(encoding="utf-8"))
            for key, value in (record.get("save_seconds") or {}).items():
                saving[key] = saving.get(key, 0.0) + value
        total = run.get("seconds") or 0.0
        cells = sum(durations)
        rows.append({"run": run["name"], "reused": bool(run.get("reused")), "seconds": total, "cells": cells,
                     "setup": setup, "figures": len(run.get("figures", [])), **{f"save_{k}": v
                                                                                 for k, v in saving.items()},
                     "other_cells": cells - setup - saving["all"], "kernel_html": total - cells,
                     "kernel": (run.get("phases") or {}).get("kernel", 0.0),
                     "html": (run.get("phases") or {}).get("html", 0.0)})
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    rows = breakdown(Path(argv[0]))
    head = (f"{'run':<28} {'all':>6} {'setup':>6} {'figs':>4} {'saving':>7} {'(png':>6} {'svg':>5} {'pdf)':>5} "
            f"{'cells':>6} {'kernel+html':>11} {'(kernel':>7} {'html)':>5}")
    print(head)
    keys = ("seconds", "setup", "save_all", "save_png", "save_svg", "save_pdf", "other_cells", "kernel_html", "kernel",
            "html")
    for r in rows:
        print(f"{r['run'] + (' (reused)' if r['reused'] else ''):<28} {r['seconds']:6.1f} {r['setup']:6.1f} "
              f"{r['figures']:4d} {r['save_all']:7.1f} {r['save_png']:6.1f} {r['save_svg']:5.1f} "
              f"{r['save_pdf']:5.1f} {r['other_cells']:6.1f} {r['kernel_html']:11.1f} {r['kernel']:7.1f} "
              f"{r['html']:5.1f}")
    totals = {k: sum(r[k] for r in rows) for k in keys}
    print(f"{'all runs (CPU-seconds of runs)':<28} {totals['seconds']:6.1f} {totals['setup']:6.1f} "
          f"{sum(r['figures'] for r in rows):4d} {totals['save_all']:7.1f} {totals['save_png']:6.1f} "
          f"{totals['save_svg']:5.1f} {totals['save_pdf']:5.1f} {totals['other_cells']:6.1f} "
          f"{totals['kernel_html']:11.1f} {totals['kernel']:7.1f} {totals['html']:5.1f}")
    print("setup: the cell calling setup() (imports, loading and validating the data); saving: PNG+SVG+PDF of "
          "each figure; cells: the rest of the cells (computing, drawing, tables); kernel+html: kernel start "
          "and shutdown, papermill, HTML rendering, of which kernel: the kept kernel started with the stack "
          "imported, or reset, and html: the notebook's page")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
