"""The command line: ``python -m dtlib report|validate``. Thin: parses, calls, prints."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ValidationError


def _report(args: argparse.Namespace) -> int:
    from . import load
    from .report import build_pack, describe_failure, plan

    data = load(args.data)
    units = [u.strip() for u in args.units.split(",")] if args.units else None
    if units:
        from .text import resolve_unit
        units = [resolve_unit(u, data.units, args.as_of) for u in units]
    jobs = plan(data, as_of=args.as_of, units=units, data_dir=args.data)
    from .observations import known_observations, report_date
    when = args.as_of or f"{report_date(data):%Y-%m-%d}"
    manifest = build_pack(jobs, args.out, n_jobs=args.jobs, progress=not args.quiet,
                          observations=known_observations(data, when), previous=args.previous)
    failed = [r for r in manifest["runs"] if r["status"] != "ok"]
    out = Path(args.out)
    print(f"briefing pack: {out / 'index.html'} ({len(manifest['runs']) - len(failed)} of "
          f"{len(manifest['runs'])} notebooks ok)")
    if "since_last_pack" in manifest:
        counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in manifest["since_last_pack"].items()) or "nothing"
        print(f"since the last pack: {counts}")
    for record in failed:
        print(f"FAILED {describe_failure(record)}", file=sys.stderr)
    return 1 if failed else 0


def _validate(args: argparse.Namespace) -> int:
    from . import load

    data = load(args.data)
    print(f"{data.root}: {len(data.observations)} observations, {len(data.targets)} targets, "
          f"{len(data.units)} units, {len(data.indicators)} indicators, {len(data.sources)} sources: valid")
    return 0


def _add(args: argparse.Namespace) -> int:
    from .ingest import add

    change = add(args.file, args.data, sources_file=args.sources, replace=args.replace, dry_run=args.dry_run,
                 encoding=args.encoding, decimal=args.decimal)
    print(change.summary())
    if args.dry_run:
        print("dry run: nothing written")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dtlib", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    rep = sub.add_parser("report", help="build the briefing pack (executed notebooks, figures, tables)")
    rep.add_argument("--as-of", help="report date YYYY-MM-DD (default: the latest date in the data)")
    rep.add_argument("--units", help="comma-separated unit ids or names (default: every province with data)")
    rep.add_argument("--out", default="figures", help="output folder (default: figures/)")
    rep.add_argument("--jobs", type=int, default=None, help="parallel notebook runs (default: up to 4)")
    rep.add_argument("--data", default=None, help="data folder (default: the repository's data/)")
    rep.add_argument("--previous", default=None,
                     help="an earlier pack to compare with (default: the pack already in --out, if any)")
    rep.add_argument("--quiet", action="store_true", help="no progress bar")
    rep.set_defaults(func=_report)

    val = sub.add_parser("validate", help="load and validate the data set")
    val.add_argument("--data", default=None, help="data folder (default: the repository's data/)")
    val.set_defaults(func=_validate)

    add = sub.add_parser("add", help="merge new observations or targets (CSV or .xlsx) into data/")
    add.add_argument("file", help="CSV or .xlsx with the columns of observations.csv (or targets.csv)")
    add.add_argument("--sources", help="CSV or .xlsx of new sources.csv rows that the file cites")
    add.add_argument("--replace", action="store_true",
                     help="replace stored rows with the same unit, indicator and as_of (old rows go to history.csv)")
    add.add_argument("--dry-run", action="store_true", help="check and show what would change; write nothing")
    add.add_argument("--encoding", help="the file's encoding (default: detected: UTF-8, UTF-16, Windows-1258)")
    add.add_argument("--decimal", choices=[".", ","], default=".",
                     help="',' if numbers are written the Vietnamese way (98,7 and 1.761)")
    add.add_argument("--data", default=None, help="data folder (default: the repository's data/)")
    add.set_defaults(func=_add)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ValidationError as err:
        print(f"{len(err.problems)} problem(s) in the data set:\n{err}", file=sys.stderr)
        return 2
    except KeyError as err:
        print(f"error: {err.args[0]}", file=sys.stderr)
        return 2
