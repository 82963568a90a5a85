"""Adding a quarter's figures to the store: validate everything first, then write atomically.

``python -m dtlib add FILE`` reads new observations (or targets, when the file has target
columns) from CSV (UTF-8 with or without BOM, UTF-16, Windows-1258) or ``.xlsx``; checks every
row against the schemas and against what is stored; and only if nothing is wrong writes the
tables back (each through a temporary file and a rename), a history of replaced rows
(``data/history.csv``) and a change log (``data/changes.csv``). Rows identical to stored ones
are skipped and counted, so a file can be added twice safely.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .dataset import complete_columns, default_data_dir, resolve_unit_names, source_context, validate
from .errors import Problem, ValidationError
from .io import LINE, display_path, read_table, text_frame, write_table
from .schema import SCHEMAS
from .text import nfc, read_vietnamese_number
from .vocab import COLUMNS, all_columns

__all__ = ["Change", "read_input", "add", "HISTORY_COLUMNS", "CHANGES_COLUMNS"]

KEYS = {"observations": ["unit", "indicator", "as_of"], "targets": ["unit", "indicator", "deadline", "comparator"]}
HISTORY_COLUMNS = ["table", "replaced_on", "replaced_by", *all_columns("observations"), "deadline", "comparator",
                   "instrument"]
CHANGES_COLUMNS = ["when", "file", "table", "added", "replaced", "skipped", "sources_added", "sources_skipped"]


@dataclass
class Change:
    """What an ingestion did (or, with ``dry_run``, would do)."""

    file: str
    table: str
    added: list[dict] = field(default_factory=list)
    replaced: list[tuple[dict, dict]] = field(default_factory=list)   # (old, new)
    skipped: int = 0
    sources_added: list[dict] = field(default_factory=list)
    sources_skipped: int = 0
    written: bool = False

    def summary(self) -> str:
        verb = "added" if self.written else "would add"
        lines = [f"{self.file}: {verb} {len(self.added)} {self.table} row(s), "
                 f"{'replaced' if self.written else 'would replace'} {len(self.replaced)}, "
                 f"skipped {self.skipped} identical; sources: {len(self.sources_added)} new, "
                 f"{self.sources_skipped} identical"]
        for row in self.added:
            lines.append(f"  + {row['unit']} {row['indicator']} {row.get('as_of') or row.get('deadline')}: "
                         f"{row.get('qualifier', '')}{row['value']}")
        for old, new in self.replaced:
            lines.append(f"  ~ {new['unit']} {new['indicator']} {new.get('as_of') or new.get('deadline')}: "
                         f"{old['value']} ({old['source']}) -> {new['value']} ({new['source']})")
        return "\n".join(lines)


def read_input(path: str | Path, *, encoding: str | None = None) -> pd.DataFrame:
    """Read a CSV or ``.xlsx`` file into a text frame with line (row) numbers.

    CSV: encoding detected (UTF-8 with or without BOM, UTF-16, Windows-1258) unless given;
    comma, semicolon or tab separated. ``.xlsx``: the first sheet, header in row 1; a cell
    holding a formula is read as its text (``=...``), never computed.
    """
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(path)
    return read_table(path, encoding=encoding, delimiter=None)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value)).strip()


def _read_xlsx(path: Path) -> pd.DataFrame:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True, data_only=False).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    shown = display_path(path)
    if not rows:
        raise ValidationError([Problem(shown, 1, None, "is empty", "row 1 must name the columns")])
    header = [_cell_text(h) for h in rows[0]]
    body, lines = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = [_cell_text(v) for v in row][: len(header)]
        if any(cells):
            body.append(cells + [""] * (len(header) - len(cells)))
            lines.append(number)
    return text_frame(body, header, lines, shown)


def _same(a: pd.Series, b: pd.Series, columns: list[str]) -> bool:
    for column in columns:
        x, y = str(a.get(column, "")), str(b.get(column, ""))
        if column in ("value", "rank_of") and x and y:
            try:
                if float(x) != float(y):
                    return False
                continue
            except ValueError:
                pass
        if x != y:
            return False
    return True


def add(file: str | Path, data_dir: str | Path | None = None, *, sources_file: str | Path | None = None,
        replace: bool = False, dry_run: bool = False, encoding: str | None = None, decimal: str = ".",
        now: dt.datetime | None = None) -> Change:
    """Merge the rows of ``file`` into the store in ``data_dir``; see the module docstring.

    Parameters
    ----------
    file
        New observations (columns of ``observations.csv``) or targets (``targets.csv``).
    data_dir
        The store (default: the repository's ``data/``).
    sources_file
        New rows for ``sources.csv`` that the file cites (identical ones are skipped).
    replace
        Replace stored rows that share the key (unit, indicator, as_of) but differ; the old
        rows are kept in ``history.csv`` with the date they were replaced.
    dry_run
        Check and report, write nothing.
    encoding
        The file's encoding when detection is not wanted (``utf-8``, ``utf-16``, ``cp1258``).
    decimal
        ``","`` when numbers are written the Vietnamese way (``98,7``; ``1.761``).

    Returns
    -------
    Change

    Raises
    ------
    ValidationError
        Listing every bad line of ``file`` (and of ``sources_file``) at once; nothing written.
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    stored = {name: read_table(root / f"{name}.csv") for name in COLUMNS}
    validate({k: v.copy() for k, v in stored.items()}, root)   # the store itself must be sound

    problems: list[Problem] = []
    sources = stored["sources"]
    change_sources, sources_skipped = [], 0
    if sources_file is not None:
        new_sources = complete_columns(read_input(sources_file, encoding=encoding), "sources")
        problems += _missing_columns(new_sources, "sources")
        known = sources.set_index("id", drop=False)
        keep = []
        for _, row in new_sources.iterrows():
            if row["id"] in known.index:
                if _same(row, known.loc[row["id"]], list(COLUMNS["sources"][0])):
                    sources_skipped += 1
                else:
                    problems.append(Problem(new_sources.attrs["path"], int(row[LINE]), "id",
                        f"source {row['id']!r} is already stored with different details",
                        "give the new source another id, or correct sources.csv by hand"))
            else:
                keep.append(row)
        if keep:
            added = pd.DataFrame(keep)
            added.attrs = new_sources.attrs
            ctx = source_context(added, root, stored["units"], stored["indicators"])
            problems += SCHEMAS["sources"](ctx).problems(added)
            change_sources = [dict(r.drop(LINE)) for r in keep]
        sources = pd.concat([sources, pd.DataFrame(keep)], ignore_index=True) if keep else sources

    rows = read_input(file, encoding=encoding)
    table = "targets" if {"deadline", "comparator"} <= set(rows.columns) else "observations"
    change = Change(display_path(Path(file)), table, sources_added=change_sources, sources_skipped=sources_skipped)
    missing = _missing_columns(rows, table)
    if missing:
        raise ValidationError(problems + missing)
    rows = complete_columns(rows, table)
    if decimal == ",":
        rows = _read_decimal_commas(rows)

    ctx = source_context(sources, root, stored["units"], stored["indicators"])
    date_field = "as_of" if table == "observations" else "deadline"
    rows = resolve_unit_names(rows, stored["units"], date_field)
    problems += SCHEMAS[table](ctx).problems(rows)

    current = complete_columns(stored[table].copy(), table)
    key = KEYS[table]
    index = {tuple(r[k] for k in key): r for _, r in current.iterrows()}
    contract = all_columns(table)
    replaced_keys, to_add = set(), []
    for _, row in rows.iterrows():
        old = index.get(tuple(row[k] for k in key))
        if old is None:
            to_add.append(row)
        elif _same(row, old, contract):
            change.skipped += 1
        elif replace:
            replaced_keys.add(tuple(row[k] for k in key))
            change.replaced.append((dict(old.drop(LINE)), dict(row.drop(LINE))))
            to_add.append(row)
        else:
            problems.append(Problem(rows.attrs["path"], int(row[LINE]), "value",
                f"{row['value']} ({row['source']}) conflicts with the stored {old['value']} ({old['source']}) "
                f"for {', '.join(f'{k}={row[k]}' for k in key)}, {stored[table].attrs['path']} line {old[LINE]}",
                "pass --replace to replace the stored row (it is kept in history.csv), or correct the file"))
    if problems:
        raise ValidationError(problems)
    change.added = [dict(r.drop(LINE)) for r in to_add if tuple(r[k] for k in key) not in replaced_keys]

    kept = current[[tuple(r[k] for k in key) not in replaced_keys for _, r in current.iterrows()]]
    merged = pd.concat([kept, pd.DataFrame(to_add)], ignore_index=True) if to_add else kept
    columns = list(dict.fromkeys([*[c for c in stored[table].columns if c != LINE], *contract]))
    merged = merged[[*columns, LINE]]
    sources_out = complete_columns(sources.copy(), "sources")
    source_columns = list(dict.fromkeys([*[c for c in stored["sources"].columns if c != LINE],
                                         *all_columns("sources")]))
    candidate = {**stored, table: merged.assign(**{LINE: range(2, len(merged) + 2)}),
                 "sources": sources_out.assign(**{LINE: range(2, len(sources_out) + 2)})}
    for name, frame in candidate.items():
        frame.attrs = stored[name].attrs
    validate({k: v.copy() for k, v in candidate.items()}, root)   # the whole store, once more
    if dry_run:
        return change

    when = (now or dt.datetime.now()).isoformat(timespec="seconds")
    if change.replaced:
        _append(root / "history.csv", HISTORY_COLUMNS,
                [{**old, "table": table, "replaced_on": when, "replaced_by": change.file} for old, _ in change.replaced])
    if change_sources:
        write_table(sources_out, root / "sources.csv", source_columns)
    if to_add:
        write_table(merged, root / f"{table}.csv", columns)
    _append(root / "changes.csv", CHANGES_COLUMNS, [{
        "when": when, "file": change.file, "table": table, "added": len(change.added),
        "replaced": len(change.replaced), "skipped": change.skipped,
        "sources_added": len(change_sources), "sources_skipped": sources_skipped}])
    change.written = True
    return change


def _missing_columns(frame: pd.DataFrame, table: str) -> list[Problem]:
    required = COLUMNS[table][0]
    return [Problem(frame.attrs["path"], 1, c, "column is missing from the header",
                    f"the header must name: {', '.join(required)}") for c in required if c not in frame.columns]


def _read_decimal_commas(rows: pd.DataFrame) -> pd.DataFrame:
    """Convert ``value`` and ``rank_of`` written the Vietnamese way; leave unreadable cells for the schema."""
    def convert(cell: str) -> str:
        if not cell:
            return cell
        try:
            number = read_vietnamese_number(cell)
            return str(int(number)) if number.is_integer() else repr(number)
        except ValueError:
            return cell
    return rows.assign(value=rows["value"].map(convert), rank_of=rows["rank_of"].map(convert))


def _append(path: Path, columns: list[str], records: list[dict]) -> None:
    """Append ``records`` to the CSV log at ``path`` (rewritten atomically)."""
    existing = read_table(path).drop(columns=[LINE]) if path.exists() else pd.DataFrame(columns=columns)
    frame = pd.concat([existing, pd.DataFrame(records)], ignore_index=True).fillna("")
    cols = list(dict.fromkeys([*existing.columns, *columns]))
    write_table(frame.reindex(columns=cols, fill_value=""), path)
