"""What differs between two briefing packs: files byte for byte, then the rows of every table.

    python benchmarks/pack_diff.py OLD_PACK NEW_PACK [--rows 5] [--ignore-pages]

Used to show that a change of the code leaves the pack as it was except where it meant to change
it (issues 20 and 22). Files are compared byte for byte and counted by kind; a CSV (a figure's
data or a table) that differs is then compared row by row, as a multiset of rows, with the pages
of one figure (``profile_x_pillars.csv``, ``profile_x_pillars_2.csv``) read as one table when
``--ignore-pages`` is given, so that a figure cut into pages is not counted as changed rows.
"""
from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

import pandas as pd

_PAGE = re.compile(r"_\d+(\.csv)$")


def files(root: Path) -> dict[str, Path]:
    """The pack's files by their path inside it (the pack's hidden files left out)."""
    return {str(p.relative_to(root)): p for p in sorted(root.rglob("*")) if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(root).parts)}


def compare_files(old: Path, new: Path) -> dict[str, list[str]]:
    """``same``, ``differ``, ``only_old``, ``only_new``: the files of two packs, by path."""
    a, b = files(old), files(new)
    out: dict[str, list[str]] = {"same": [], "differ": [], "only_old": [], "only_new": []}
    for name in sorted(set(a) | set(b)):
        if name not in b:
            out["only_old"].append(name)
        elif name not in a:
            out["only_new"].append(name)
        else:
            out["same" if a[name].read_bytes() == b[name].read_bytes() else "differ"].append(name)
    return out


def tables(root: Path, join_pages: bool) -> dict[str, list[Path]]:
    """The pack's CSVs by name; with ``join_pages`` a figure's pages under the first page's name."""
    found: dict[str, list[Path]] = collections.defaultdict(list)
    for name, path in files(root).items():
        if name.endswith(".csv"):
            found[_PAGE.sub(r"\1", name) if join_pages else name].append(path)
    return found


def _rows(paths: list[Path]) -> pd.DataFrame:
    return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths], ignore_index=True)


def compare_rows(old: list[Path], new: list[Path]) -> tuple[pd.DataFrame, pd.DataFrame] | str:
    """The rows only in ``old`` and only in ``new`` (as multisets), or why the tables cannot be set side by side."""
    a, b = _rows(old), _rows(new)
    if list(a.columns) != list(b.columns):
        return f"columns differ: only old {sorted(set(a.columns) - set(b.columns))}, " \
               f"only new {sorted(set(b.columns) - set(a.columns))}"
    ka, kb = collections.Counter(map(tuple, a.values)), collections.Counter(map(tuple, b.values))
    gone, came = ka - kb, kb - ka
    return (pd.DataFrame(list(gone.elements()), columns=a.columns),
            pd.DataFrame(list(came.elements()), columns=b.columns))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--rows", type=int, default=5, help="rows shown of each table that differs")
    parser.add_argument("--ignore-pages", action="store_true", help="read a figure's pages as one table")
    args = parser.parse_args(argv)
    compared = compare_files(args.old, args.new)
    kinds = collections.Counter((k, Path(n).suffix or "(none)") for k, names in compared.items() for n in names)
    print(f"files: {len(compared['same'])} the same byte for byte, {len(compared['differ'])} differ, "
          f"{len(compared['only_old'])} only in {args.old}, {len(compared['only_new'])} only in {args.new}")
    for kind in ("differ", "only_old", "only_new"):
        by_ext = ", ".join(f"{n} {ext}" for (k, ext), n in sorted(kinds.items()) if k == kind)
        if by_ext:
            print(f"  {kind}: {by_ext}")
    a, b = tables(args.old, args.ignore_pages), tables(args.new, args.ignore_pages)
    same = 0
    for name in sorted(set(a) & set(b)):
        result = compare_rows(a[name], b[name])
        if isinstance(result, str):
            print(f"{name}: {result}")
            continue
        gone, came = result
        if gone.empty and came.empty:
            same += 1
            continue
        print(f"{name}: {len(gone)} rows only in the old pack, {len(came)} only in the new")
        for label, rows in (("-", gone), ("+", came)):
            for _, row in rows.head(args.rows).iterrows():
                print(f"  {label} " + ", ".join(f"{k}={v}" for k, v in row.items() if v != "")[:300])
    print(f"tables: {same} of {len(set(a) & set(b))} in both packs hold the same rows"
          + (" (a figure's pages read as one)" if args.ignore_pages else ""))
    for name in sorted(set(a) ^ set(b)):
        print(f"  table only in the {'old' if name in a else 'new'} pack: {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
