"""Adding a quarter's figures to the store: validate everything first, then write all or nothing.

``python -m dtlib add FILE`` reads new observations (or targets, when the file has target
columns) from CSV (UTF-8 with or without BOM, UTF-16, Windows-1258) or ``.xlsx``; checks every
row against the schemas and against what is stored; and only if nothing is wrong writes the
tables back, a history of replaced rows (``data/history.csv``) and a change log
(``data/changes.csv``). Rows identical to stored ones are skipped and counted, so a file can be
added twice safely. The run holds the data folder's lock from its first read to its last
rename, and writes its files as one transaction (see :mod:`dtlib.data.store`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..data import store
from ..data.dataset import complete_columns, default_data_dir, resolve_unit_names, source_context, validate
from ..data.errors import Problem, UsageError, ValidationError
from .inputs import KEEP, KIND, not_a_regular_file, prepare, read_input, relabel_sheets, split_candidates, table_of
from ..data.io import LINE, csv_text, display_path, read_table
from ..data.schema import SCHEMAS
from ..data.text import read_vietnamese_number
from ..data.vocab import COLUMNS, all_columns

__all__ = ["Change", "read_input", "add", "HISTORY_COLUMNS", "CHANGES_COLUMNS", "KEEP", "SUMMARY_ROWS"]

KEYS = {"observations": ["unit", "indicator", "as_of"], "targets": ["unit", "indicator", "deadline", "comparator"]}
HISTORY_COLUMNS = ["table", "replaced_on", "replaced_by", *all_columns("observations"), "deadline", "comparator",
                   "instrument"]
CHANGES_COLUMNS = ["when", "file", "table", "added", "replaced", "skipped", "sources_added", "sources_skipped"]

#: Beyond this many rows, the summary lists the first :data:`SUMMARY_HEAD` and counts the rest.
SUMMARY_ROWS = 50
SUMMARY_HEAD = 10


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
    left_out: int = 0                                   # rows not marked in the ``keep`` column
    notes: list[str] = field(default_factory=list)      # how the file was read (sheets, percentages)
    nothing: str = ""                                   # why there was nothing to add, if there was not
    columns: list[str] = field(default_factory=list)    # the contract columns the file names
    parts: list["Change"] = field(default_factory=list)  # a candidate file's observations and targets

    def summary(self) -> str:
        """What changed, for a person: one line of counts, then the rows (the first few of many)."""
        if self.parts:
            return "\n".join(part.summary() for part in self.parts)
        if self.nothing:
            return "\n".join([f"{self.file}: nothing to add ({self.nothing}); the store is unchanged",
                              *self.notes])
        verb = "added" if self.written else "would add"
        lines = [f"{self.file}: {verb} {len(self.added)} {self.table} row(s), "
                 f"{'replaced' if self.written else 'would replace'} {len(self.replaced)}, "
                 f"skipped {self.skipped} identical; sources: {len(self.sources_added)} new, "
                 f"{self.sources_skipped} identical", *self.notes]
        if self.left_out:
            lines.append(f"{self.left_out} row(s) left out: not marked in column {KEEP!r}")
        lines += _first_rows([f"  + {r['unit']} {r['indicator']} {r.get('as_of') or r.get('deadline')}: "
                              f"{r.get('qualifier', '')}{r['value']}" for r in self.added], "added")
        lines += _first_rows([f"  ~ {new['unit']} {new['indicator']} {new.get('as_of') or new.get('deadline')}: "
                              f"{old['value']} ({old['source']}) -> {new['value']} ({new['source']})"
                              for old, new in self.replaced], "replaced")
        return "\n".join(lines)


def _first_rows(lines: list[str], what: str) -> list[str]:
    # 100,000 rows printed one per line are 6 MB that nobody reads
    if len(lines) <= SUMMARY_ROWS:
        return lines
    return [*lines[:SUMMARY_HEAD], f"  ... and {len(lines) - SUMMARY_HEAD} more {what}"]


def add(file: str | Path, data_dir: str | Path | None = None, *, sources_file: str | Path | None = None,
        replace: bool = False, dry_run: bool = False, encoding: str | None = None, decimal: str = ".",
        now: dt.datetime | None = None, lock_timeout: float = store.DEFAULT_LOCK_TIMEOUT,
        notify: Callable[[str], None] | None = None) -> Change:
    """Merge the rows of ``file`` into the store in ``data_dir``; see the module docstring.

    Parameters
    ----------
    file
        New observations (columns of ``observations.csv``) or targets (``targets.csv``), and
        optionally a ``keep`` column: then only rows marked ``x``, ``yes``, ``y``, ``1``,
        ``true`` or ``có`` are taken. Other columns are refused, except in a candidate file
        (``python -m dtlib extract``): one with a ``kind`` column, whose kept rows go to
        observations or targets by their ``kind`` (both in one transaction) and whose other
        columns are ignored.
    data_dir
        The store (default: the repository's ``data/``).
    sources_file
        New rows for ``sources.csv`` that the file cites (identical ones are skipped). Its
        encoding is detected on its own.
    replace
        Replace stored rows that share the key (unit, indicator, as_of) but differ; the old
        rows are kept in ``history.csv`` with the date they were replaced.
    dry_run
        Check and report, write nothing.
    encoding
        The encoding of ``file`` when detection is not wanted (``utf-8``, ``utf-16``, ``cp1258``).
    decimal
        ``","`` when numbers are written the Vietnamese way (``98,7``; ``1.761``).
    lock_timeout
        Seconds to wait for another run that holds the data folder.
    notify
        Called with a line when this run waits or recovers (default: print to stderr).

    Returns
    -------
    Change
        With ``nothing`` set, and the store untouched, when the file has no rows to take. For a
        candidate file with both figures and targets, ``parts`` holds one change per table.

    Raises
    ------
    ValidationError
        Listing every bad line of ``file`` (and of ``sources_file``) at once; nothing written.
    UsageError
        If a file or the data folder does not exist.
    StoreBusy
        If another run holds the data folder for longer than ``lock_timeout``.
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    _require_file(file, "FILE")
    if sources_file is not None:
        _require_file(sources_file, "--sources")
    _require_store(root)
    raw = read_input(file, encoding=encoding)
    try:
        if KIND in raw.columns:
            parts, left_out, notes = split_candidates(raw)
        else:
            table = table_of(raw)
            rows, left_out = prepare(raw, table)
            parts, notes = ([(table, rows)] if not rows.empty else []), []
    except ValidationError as err:
        raise _relabelled(err, raw) from None
    shown = display_path(Path(file))
    notes = [*raw.attrs.get("notes", []), *notes]
    if not parts:
        change = Change(shown, table_of(raw) if KIND not in raw.columns else "observations", left_out=left_out,
                        notes=notes)
        change.nothing = f"no row is marked in column {KEEP!r}" if left_out else "the file has no rows"
        return change
    changes = [Change(shown, table, left_out=left_out if i == 0 else 0, notes=notes if i == 0 else [],
                      columns=[c for c in all_columns(table) if c in rows.columns])
               for i, (table, rows) in enumerate(parts)]
    parts = [(table, complete_columns(rows, table)) for table, rows in parts]
    if decimal == ",":
        parts = [(table, _read_decimal_commas(rows)) for table, rows in parts]
    new_sources = raw_sources = None
    if sources_file is not None:   # --encoding names FILE's encoding only; this one is detected
        raw_sources = read_input(sources_file)
        try:
            new_sources = complete_columns(prepare(raw_sources, "sources")[0], "sources")
        except ValidationError as err:
            raise _relabelled(err, raw_sources) from None
        changes[0].notes += raw_sources.attrs.get("notes", [])

    # a dry run writes nothing: on a read-only store (which nobody can change) it reads without the lock
    with store.locked(root, lock_timeout, notify, required=not dry_run) as held:
        if held:
            store.recover(root, notify)
        files: dict[str, str] = {}
        stored = None
        try:
            for i, ((_, rows), change) in enumerate(zip(parts, changes)):
                # each table is checked against the store as the tables before it leave it
                more, stored = _plan(rows, new_sources if i == 0 else None, root, change, replace, stored)
                files.update(more)
        except ValidationError as err:
            raise _relabelled(err, raw, raw_sources) from None
        if not dry_run:
            _write(files, root, changes, now)
    for change in changes:
        change.written = not dry_run
    return changes[0] if len(changes) == 1 else _combined(changes)


def _combined(changes: list[Change]) -> Change:
    """One change for a candidate file's observations and targets (each kept in ``parts``)."""
    first = changes[0]
    return Change(first.file, "+".join(c.table for c in changes), added=[r for c in changes for r in c.added],
                  replaced=[r for c in changes for r in c.replaced], skipped=sum(c.skipped for c in changes),
                  sources_added=first.sources_added, sources_skipped=first.sources_skipped, written=first.written,
                  left_out=first.left_out, notes=first.notes, parts=changes)


def _relabelled(err: ValidationError, *frames: pd.DataFrame | None) -> ValidationError:
    """The same problems, each row of a workbook read from several sheets named by its sheet."""
    problems = err.problems
    for frame in frames:
        if frame is not None:
            problems = relabel_sheets(problems, frame)
    return ValidationError(problems)


def _require_file(path: str | Path, what: str) -> None:
    """Refuse a missing ``path``, a folder, a device or a named pipe before anything is read."""
    path = Path(path)
    label = "" if what == "FILE" else f"{what} "
    if path.is_dir():
        raise UsageError(f"{label}{display_path(path)}: is a folder, not a file (name a CSV or .xlsx file)")
    if not path.exists():
        raise UsageError(f"{label}{display_path(path)}: no such file")
    reason = not_a_regular_file(path)
    if reason:
        raise UsageError(f"{label}{display_path(path)}: {reason}")


def _require_store(root: Path) -> None:
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "no such folder"
        raise UsageError(f"data folder {display_path(root)}: {what} (--data names the folder that holds "
                         f"{', '.join(f'{n}.csv' for n in COLUMNS)})")
    missing = [f"{n}.csv" for n in COLUMNS if not (root / f"{n}.csv").is_file()]
    if missing:
        raise UsageError(f"data folder {display_path(root)}: {', '.join(missing)} missing (a data folder holds "
                         f"{', '.join(f'{n}.csv' for n in COLUMNS)})")


def _plan(rows: pd.DataFrame, new_sources: pd.DataFrame | None, root: Path, change: Change,
          replace: bool, stored: dict[str, pd.DataFrame] | None = None) -> tuple[dict[str, str], dict]:
    """Check the rows against the store; fill ``change``; return the files to write and the new tables.

    ``stored`` is the store as an earlier table of the same file leaves it; by default the store
    is read now, under the lock.
    """
    table = change.table
    if stored is None:
        stored = {name: read_table(root / f"{name}.csv") for name in COLUMNS}
        validate({k: v.copy() for k, v in stored.items()}, root)   # the store itself must be sound

    sources, problems = _merge_sources(stored, new_sources, root, change)
    ctx = source_context(sources, root, stored["units"], stored["indicators"])
    rows = resolve_unit_names(rows, stored["units"], "as_of" if table == "observations" else "deadline")
    problems += SCHEMAS[table](ctx).problems(rows)
    merged, more = _merge_rows(rows, stored, change, replace)
    problems += more
    if problems:
        raise ValidationError(problems)

    columns = list(dict.fromkeys([*[c for c in stored[table].columns if c != LINE], *all_columns(table)]))
    merged = merged[[*columns, LINE]]
    sources_out = complete_columns(sources.copy(), "sources")
    source_columns = list(dict.fromkeys([*[c for c in stored["sources"].columns if c != LINE],
                                         *all_columns("sources")]))
    candidate = {**stored, table: merged.assign(**{LINE: range(2, len(merged) + 2)}),
                 "sources": sources_out.assign(**{LINE: range(2, len(sources_out) + 2)})}
    for name, frame in candidate.items():
        frame.attrs = stored[name].attrs
    validate({k: v.copy() for k, v in candidate.items()}, root)   # the whole store, once more

    # the order of renames: every prefix is a valid store (sources before the figures citing them)
    files = {}
    if change.sources_added:
        files["sources.csv"] = csv_text(sources_out, source_columns)
    if change.added or change.replaced:
        files[f"{table}.csv"] = csv_text(merged, columns)
    return files, candidate


def _merge_sources(stored: dict, new_sources: pd.DataFrame | None, root: Path,
                   change: Change) -> tuple[pd.DataFrame, list[Problem]]:
    sources = stored["sources"]
    if new_sources is None:
        return sources, []
    known = sources.set_index("id", drop=False)
    keep, problems = [], []
    for _, row in new_sources.iterrows():
        if row["id"] not in known.index:
            keep.append(row)
        elif not _differences(row, known.loc[row["id"]], list(COLUMNS["sources"][0])):
            change.sources_skipped += 1
        else:
            problems.append(Problem(new_sources.attrs["path"], int(row[LINE]), "id",
                f"source {row['id']!r} is already stored with different details",
                "give the new source another id, or correct sources.csv by hand"))
    if not keep:
        return sources, problems
    added = pd.DataFrame(keep)
    added.attrs = new_sources.attrs
    ctx = source_context(added, root, stored["units"], stored["indicators"])
    problems += SCHEMAS["sources"](ctx).problems(added)
    change.sources_added = [dict(r.drop(LINE)) for r in keep]
    return pd.concat([sources, added], ignore_index=True), problems


def _merge_rows(rows: pd.DataFrame, stored: dict, change: Change, replace: bool) -> tuple[pd.DataFrame, list[Problem]]:
    """The stored table with the new rows merged in; conflicts refused unless ``replace``."""
    table = change.table
    current = complete_columns(stored[table].copy(), table)
    key = KEYS[table]
    index = {tuple(r[k] for k in key): r for _, r in current.iterrows()}
    # a target is kept once per source: the same level, set again by another instrument, is a row of its own
    # (data/README.md); a different level for the same key is still a conflict
    by_source = {tuple(r[k] for k in key) + (r["source"],): r for _, r in current.iterrows()} \
        if table == "targets" else {}
    # an optional column the file does not name (a derived window, say) tells nothing to compare
    compared = change.columns or all_columns(table)
    replaced_keys, to_add, problems = set(), [], []
    for _, row in rows.iterrows():
        old = index.get(tuple(row[k] for k in key))
        if by_source and old is not None and old["source"] != row["source"]:
            old = by_source.get(tuple(row[k] for k in key) + (row["source"],))
            if old is None and _differences(row, index[tuple(row[k] for k in key)], ["value"]):
                old = index[tuple(row[k] for k in key)]
        differ = [] if old is None else _differences(row, old, compared)
        if old is None:
            to_add.append(row)
        elif not differ:
            change.skipped += 1
        elif replace:
            replaced_keys.add(tuple(row[k] for k in key))
            change.replaced.append((dict(old.drop(LINE)), dict(row.drop(LINE))))
            to_add.append(row)
        else:
            problems.append(_conflict(row, old, differ, key, rows.attrs["path"], stored[table].attrs["path"]))
    change.added = [dict(r.drop(LINE)) for r in to_add if tuple(r[k] for k in key) not in replaced_keys]
    kept = current[[tuple(r[k] for k in key) not in replaced_keys for _, r in current.iterrows()]]
    merged = pd.concat([kept, pd.DataFrame(to_add)], ignore_index=True) if to_add else kept
    return merged, problems


def _conflict(row: pd.Series, old: pd.Series, differ: list[str], key: list[str], path: str,
              stored_path: str) -> Problem:
    """A row that differs from the stored one with its key: name the value, or the fields that differ."""
    where = f"{', '.join(f'{k}={row[k]}' for k in key)}, {stored_path} line {old[LINE]}"
    hint = "pass --replace to replace the stored row (it is kept in history.csv), or correct the file"
    if "value" in differ:
        others = [c for c in differ if c != "value"]
        return Problem(path, int(row[LINE]), "value",
                       f"{row['value']} ({row['source']}) conflicts with the stored {old['value']} ({old['source']}) "
                       f"for {where}" + (f"; {', '.join(others)} differ too" if others else ""), hint)
    detail = "; ".join(f"{c} {_short(row[c])!r} here, {_short(old[c])!r} stored" for c in differ)
    return Problem(path, int(row[LINE]), differ[0],
                   f"the stored row for {where} has the same value but differs in {', '.join(differ)}: {detail}",
                   hint)


def _short(text, width: int = 60) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _differences(a: pd.Series, b: pd.Series, columns: list[str]) -> list[str]:
    """The columns in which two rows differ (numbers compared as numbers: ``85`` is ``85.0``)."""
    differ = []
    for column in columns:
        x, y = str(a.get(column, "")), str(b.get(column, ""))
        if column in ("value", "rank_of") and x and y:
            try:
                if float(x) != float(y):
                    differ.append(column)
                continue
            except ValueError:
                pass
        if x != y:
            differ.append(column)
    return differ


def logged_path(shown: str, root: Path) -> str:
    """How the history and the change log name an input file: its path in the repository that holds
    the data folder ``root`` (``data/imports/2026/q3.csv``), else its name alone (``q3.csv``).

    The log is committed with the data: a path outside the repository (``/home/ana/Downloads/q3.csv``)
    would record where one person keeps their files, and mean nothing in anyone else's clone.

    >>> logged_path("/srv/repo/data/imports/q3.csv", Path("/srv/repo/data"))
    'data/imports/q3.csv'
    >>> logged_path("/home/ana/Downloads/q3.csv", Path("/srv/repo/data"))
    'q3.csv'
    """
    path = Path(shown)
    try:
        return path.resolve().relative_to(root.resolve().parent).as_posix()
    except ValueError:
        return path.name


def _write(files: dict[str, str], root: Path, changes: list[Change], now: dt.datetime | None) -> None:
    """Write the new tables, the history and the change log (a row per table) as one transaction.

    An add that changes nothing (every row identical to a stored one, no new source) writes
    nothing at all: no change-log row, so nothing downstream sees a change."""
    if not any(c.added or c.replaced or c.sources_added for c in changes):
        return
    when = (now or dt.datetime.now()).isoformat(timespec="seconds")
    replaced = [{**old, "table": change.table, "replaced_on": when, "replaced_by": logged_path(change.file, root)}
                for change in changes for old, _ in change.replaced]
    if replaced:
        files["history.csv"] = _appended(root / "history.csv", HISTORY_COLUMNS, replaced)
    files["changes.csv"] = _appended(root / "changes.csv", CHANGES_COLUMNS, [{
        "when": when, "file": logged_path(change.file, root), "table": change.table, "added": len(change.added),
        "replaced": len(change.replaced), "skipped": change.skipped,
        "sources_added": len(change.sources_added), "sources_skipped": change.sources_skipped}
        for change in changes])
    with store.Transaction(root) as txn:
        for name, text in files.items():
            txn.write_text(name, text)
        txn.commit()


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


def _appended(path: Path, columns: list[str], records: list[dict]) -> str:
    """The text of the CSV log at ``path`` with ``records`` appended."""
    # a 0-byte log (emptied by hand) is an empty log, as dataset.load reads it
    present = path.exists() and path.stat().st_size > 0
    existing = read_table(path).drop(columns=[LINE]) if present else pd.DataFrame(columns=columns)
    frame = pd.concat([existing, pd.DataFrame(records)], ignore_index=True).fillna("")
    cols = list(dict.fromkeys([*existing.columns, *columns]))
    return csv_text(frame.reindex(columns=cols, fill_value=""))
