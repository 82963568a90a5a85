"""Add the reviewed files of data/imports/2026/ to data/, in order (the quarterly routine, replayed).

For each folder (10-quang-tri, 20-lao-cai, ...): the rows of ``indicators-new.csv`` whose id
``data/indicators.csv`` lacks are appended to it; then each reviewed ``NNN-*.csv`` (never the raw
``*.candidates.csv``) is added with ``dtlib add FILE --sources <folder>/sources.csv``. A file
already added changes nothing (``add`` skips identical rows and writes nothing). A folder's
README names any file that needs ``--replace``; those are listed in ``REPLACE`` below.

    .venv/bin/python data/imports/2026/apply.py [--data DIR]
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from dtlib.cli import main

HERE = Path(__file__).resolve().parent
#: Files that replace a stored row (the folder's README says why).
REPLACE = {"363-tracuuquyhoach-nq57-ktso-30pct-gdp.csv", "370-vneconomy-2025-11-16-bcd-phien5.csv"}


def merge_indicators(new: Path, store: Path) -> list[str]:
    """Append the rows of ``new`` whose id ``store/indicators.csv`` lacks; return their ids."""
    with open(store / "indicators.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, known = reader.fieldnames, {row["id"] for row in reader}
    with open(new, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["id"] and r["id"] not in known]
    if rows:
        with open(store / "indicators.csv", "a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
            writer.writerows(rows)
    return [r["id"] for r in rows]


def apply(store: Path) -> int:
    for folder in sorted(p for p in HERE.iterdir() if p.is_dir()):
        if (folder / "indicators-new.csv").exists():
            added = merge_indicators(folder / "indicators-new.csv", store)
            if added:
                print(f"{folder.name}: indicators {', '.join(added)}")
        for file in sorted(folder.glob("[0-9][0-9][0-9]-*.csv")):
            if file.name.endswith(".candidates.csv"):
                continue
            args = ["add", str(file), "--sources", str(folder / "sources.csv"), "--data", str(store)]
            if file.name in REPLACE:
                args.append("--replace")
            code = main(args)
            if code != 0:
                print(f"{file}: add failed (exit {code})", file=sys.stderr)
                return code
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE.parents[1]))
    sys.exit(apply(Path(parser.parse_args().data)))
