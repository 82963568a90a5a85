"""Loading the data set: the five tables, validated, typed, with the source texts beside them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import Problem, ValidationError
from .io import LINE, read_table
from .paths import REPO_ROOT
from .periods import as_date, window_of
from .schema import SCHEMAS, Context, _is_date, history_schema
from .text import nfc, resolve_unit
from .vocab import COLUMNS, all_columns
from . import store  # as a module: store.locked is looked up when called

__all__ = ["Dataset", "load", "default_data_dir", "valid_on", "ended_indicators", "complete_columns", "fill_windows", "read_history"]


def default_data_dir() -> Path:
    """The repository's ``data/`` folder."""
    return REPO_ROOT / "data"


@dataclass(frozen=True)
class Dataset:
    """The five tables of the data set, typed, plus the text of each shipped source.

    Attributes
    ----------
    sources, units, indicators, observations, targets
        DataFrames with the columns of the public contract (see ``data/README.md``) and a
        ``_line`` column (the row's line in its CSV, for tracing). Dates are
        ``datetime64``, values ``float``, ``rank_of`` nullable ``Int64``,
        ``higher_is_better`` ``bool``.
    texts
        Source id → the NFC text of its file (sources without a file are absent).
    root
        The folder the tables were read from.
    history
        Observations that ``dtlib add --replace`` replaced (``history.csv``), typed like
        ``observations``, with ``replaced_on``: the figures as earlier vintages stated them, so
        that a pack built ``--as-of`` a date before a revision shows the value known then.
    """

    sources: pd.DataFrame
    units: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    targets: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    root: Path = field(default_factory=default_data_dir)
    history: pd.DataFrame = field(default_factory=pd.DataFrame)

    def __iter__(self):
        return iter((self.sources, self.units, self.indicators, self.observations, self.targets))


def complete_columns(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Add every contract column of ``table`` that ``frame`` lacks, as empty text (in place)."""
    for column in all_columns(table):
        if column not in frame.columns:
            frame[column] = ""
    return frame


def valid_on(units: pd.DataFrame, when: pd.Timestamp) -> pd.Series:
    """Which rows of the (typed) units table exist on ``when`` (empty dates are open-ended)."""
    return ((units["valid_from"].isna() | (units["valid_from"] <= when))
            & (units["valid_to"].isna() | (units["valid_to"] >= when)))


def ended_indicators(data: Dataset, on) -> pd.DataFrame:
    """Indicators whose object had ended by ``on``: ``id``, ``applies_until``, ``applies_until_note``."""
    ind = data.indicators
    if "applies_until" not in ind:
        return pd.DataFrame(columns=["id", "applies_until", "applies_until_note"])
    until = pd.to_datetime(ind["applies_until"].replace("", None), errors="coerce")
    ended = ind[(until < as_date(on)).to_numpy(bool)]
    return ended.assign(applies_until=until[ended.index])[["id", "applies_until", "applies_until_note"]]


#: The folders of the data folder a source's ``file`` may lie in, and the largest file read.
SOURCE_FOLDERS = ("sources", "examples")
SOURCE_MAX_BYTES = 2 * 1024 * 1024


def source_context(sources: pd.DataFrame, root: Path, units: pd.DataFrame | None = None,
                   indicators: pd.DataFrame | None = None) -> Context:
    """A schema :class:`Context` holding the text of every source's file (read from ``root``).

    A ``file`` is read only when it resolves (symbolic links followed) to a regular file
    inside ``root/sources/`` or ``root/examples/`` of at most 2 MB. Any other path (``/etc/passwd``,
    ``../README.md``, ``/dev/zero``) is never opened: its source goes to ``ctx.unreadable``,
    which the sources schema reports on that line and field ``file``, and its text stays
    ``None``, so no quote hint can reveal a byte of it.
    """
    ctx = Context(units=units, indicators=indicators)
    if {"id", "published"} <= set(sources.columns):   # for the edition check: when each source appeared
        ctx.published = dict(zip(sources["id"], sources["published"]))
    if {"id", "language"} <= set(sources.columns):    # for the quote check: how its numbers are written
        ctx.languages = dict(zip(sources["id"], sources["language"]))
    if "file" not in sources.columns or "id" not in sources.columns:
        return ctx
    folders = [(Path(root) / name).resolve() for name in SOURCE_FOLDERS]
    for sid, rel in zip(sources["id"], sources["file"]):
        ctx.source_texts[sid] = None
        if rel:
            try:
                path = (Path(root) / rel).resolve()
                if not any(path.is_relative_to(folder) for folder in folders) or not path.is_file() \
                        or path.stat().st_size > SOURCE_MAX_BYTES:
                    raise PermissionError(rel)
                with open(path, encoding="utf-8") as handle:
                    text = handle.read(SOURCE_MAX_BYTES + 1)   # the file may grow after the check
                if len(text) > SOURCE_MAX_BYTES:
                    raise PermissionError(rel)
                ctx.source_texts[sid] = nfc(text)
            except (OSError, UnicodeDecodeError, ValueError):
                ctx.unreadable.add(sid)
    return ctx


def resolve_unit_names(frame: pd.DataFrame, units: pd.DataFrame, date_field: str) -> pd.DataFrame:
    """Replace unit names and aliases in ``frame['unit']`` by ids (``"Lào Cai"`` → ``lao-cai``).

    Cells that resolve to nothing are left as they are, for the schema to report.
    """
    def one(name: str, on: str) -> str:
        try:
            return resolve_unit(name, units, on if len(on) == 10 else None)
        except (KeyError, ValueError):
            return name
    frame = frame.copy()
    # a figure recomputed on later boundaries names the unit of those boundaries
    dates = frame["basis"].where(frame["basis"] != "", frame[date_field]) if "basis" in frame else frame[date_field]
    # an id stays as it is; each other (name, date) pair is resolved once, however many rows share it
    named = ~frame["unit"].isin(units["id"])
    if named.any():
        pairs = pd.MultiIndex.from_arrays([frame.loc[named, "unit"], dates[named]]).unique()
        resolved = {pair: one(*pair) for pair in pairs}
        frame.loc[named, "unit"] = [resolved[pair] for pair in zip(frame.loc[named, "unit"], dates[named])]
    frame["unit"] = frame["unit"].astype(str)
    return frame


def validate(tables: dict[str, pd.DataFrame], root: Path) -> tuple[dict[str, pd.DataFrame], dict[str, str | None]]:
    """Validate raw tables (as read by :func:`read_table`); raise :class:`ValidationError` with every problem.

    Returns the tables with unit names resolved to ids, and the source texts.
    """
    problems: list[Problem] = []
    ctx = source_context(tables["sources"], root)
    if "id" in tables["units"]:
        ctx.units = tables["units"]
    if {"id", "unit"} <= set(tables["indicators"].columns):
        ctx.indicators = tables["indicators"]
    for name in ("sources", "units", "indicators"):
        problems += SCHEMAS[name](ctx).problems(tables[name])
    if problems:  # the figures cannot be checked against broken reference tables
        raise ValidationError(problems)
    for name, date_field in (("observations", "as_of"), ("targets", "deadline")):
        frame = tables[name]
        if {"unit", date_field} <= set(frame.columns):
            tables[name] = resolve_unit_names(frame, ctx.units, date_field)
        problems += SCHEMAS[name](ctx).problems(tables[name])
    problems += history_problems(root)
    if problems:
        raise ValidationError(problems)
    return tables, ctx.source_texts


def _history_table(root: Path) -> pd.DataFrame | None:
    """``root/history.csv`` as text (:func:`read_table`), or ``None`` if there is none or it is empty
    (a 0-byte file is an empty history, as no file is). Raises :class:`ValidationError` if it is not CSV."""
    path = Path(root) / "history.csv"
    if not path.is_file() or not path.read_bytes().lstrip(b"\xef\xbb\xbf").strip():
        return None
    return read_table(path)


def history_problems(root: Path) -> list[Problem]:
    """Every problem of ``root/history.csv`` (file, line, field, hint), checked like the rows it keeps.

    ``add`` validates the store through :func:`validate`, so a damaged history (a quote never
    closed, an impossible date) stops ``add``, ``validate`` and ``report`` alike."""
    try:
        frame = _history_table(root)
    except ValidationError as err:
        return list(err.problems)
    return [] if frame is None else history_schema(Context()).problems(frame)


def typed(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Convert validated text tables to typed frames (dates, floats, booleans)."""
    out = {}
    for name, frame in tables.items():
        frame = complete_columns(frame.copy(), name)
        frame = frame[[*all_columns(name), *[c for c in frame.columns if c not in all_columns(name)]]].copy()
        for col in ("published", "not_before", "valid_from", "valid_to", "as_of", "deadline", "basis"):
            if col in frame:
                frame[col] = pd.to_datetime(frame[col].replace("", None), format="%Y-%m-%d")
        if "value" in frame:
            frame["value"] = frame["value"].astype(float)
        if "window" in frame:
            frame["window"] = fill_windows(frame)
        if "rank_of" in frame:
            frame["rank_of"] = pd.to_numeric(frame["rank_of"].replace("", None)).astype("Int64")
        if "higher_is_better" in frame:
            frame["higher_is_better"] = frame["higher_is_better"] == "true"
        frame[LINE] = frame[LINE].astype("int64")
        out[name] = frame.reset_index(drop=True)
    return out


def fill_windows(frame: pd.DataFrame) -> pd.Series:
    """Each figure's kind of window: as written, else read from its period (``year``, ``month`` ...)."""
    def one(period: str) -> str:
        try:
            return window_of(period)[1]
        except ValueError:
            return ""
    window = frame["window"].astype(str)
    empty = window == ""
    if empty.any():   # each distinct period is read once
        periods = frame.loc[empty, "period"]
        window[empty] = periods.map({p: one(p) for p in periods.unique()})
    return window


def read_history(root: Path, sources: pd.DataFrame) -> pd.DataFrame:
    """The replaced observations of ``root/history.csv``, typed like observations (empty if none).

    Rows whose source is no longer in ``sources`` are kept: a vintage stays what it was.
    """
    columns = [*all_columns("observations"), "replaced_on", LINE]
    frame = _history_table(root)
    if frame is None:
        return typed({"observations": pd.DataFrame({c: pd.Series(dtype=str) for c in columns})})["observations"]
    if "table" in frame.columns:
        frame = frame[frame["table"].isin(["observations", ""])]
    frame = complete_columns(frame.copy(), "observations")
    if "replaced_on" not in frame.columns:
        frame["replaced_on"] = ""
    frame = frame[[c for c in columns if c in frame.columns]]
    frame = frame[_is_iso(frame["as_of"]) & frame["value"].str.match(r"^-?\d+(\.\d+)?$")]
    return typed({"observations": frame})["observations"]


def _is_iso(s: pd.Series) -> pd.Series:
    return _is_date(s.astype(str))


def load(path: str | Path | None = None) -> Dataset:
    """Load, validate and type the data set in ``path`` (default: the repository's ``data/``).

    Parameters
    ----------
    path
        A folder holding ``sources.csv``, ``units.csv``, ``indicators.csv``,
        ``observations.csv`` and ``targets.csv`` (and the source texts they name).

    Returns
    -------
    Dataset

    Raises
    ------
    ValidationError
        Listing every problem, each with file, line, field and a hint, e.g.
        ``data/observations.csv line 14, field 'unit': 'lao-kai' is not a known unit
        (did you mean 'lao-cai'?; ...)``.
    FileNotFoundError
        If a table is missing.

    Examples
    --------
    >>> ds = load()
    >>> sorted(ds.units.query("level == 'province'")["id"])[:2]
    ['bac-kan', 'lai-chau']

    Notes
    -----
    ``dtlib add`` changes several files, one rename after the other, under the store's lock.
    ``load`` reads without the lock, then checks that no table changed and no change was in
    flight meanwhile (:func:`_store_state`); else it reads again, holding the lock, so that it
    never sees half of one ``add`` (a figure citing a source not yet stored).
    """

    root = Path(path) if path is not None else default_data_dir()
    before = _store_state(root)
    if before is not None:
        try:
            data = _load_once(root)
        except ValidationError:
            if _store_state(root) == before:
                raise
        else:
            if _store_state(root) == before:
                return data
    with store.locked(root, required=False):
        return _load_once(root)


def _store_state(root: Path) -> tuple | None:
    """What identifies the tables ``load`` reads (inode, size, mtime of each), or ``None`` while
    a change of the store is in flight (a staging folder holds a complete journal)."""

    if any(p.is_file() for p in root.glob(f"{store.STAGING_PREFIX}*/{store.JOURNAL}")):
        return None
    state = []
    for name in [*COLUMNS, "history"]:
        try:
            info = (root / f"{name}.csv").stat()
        except OSError:
            state.append(None)
        else:
            state.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(state)


def _load_once(root: Path) -> Dataset:
    """:func:`load` of ``root``, read once."""
    tables = {}
    for name in COLUMNS:
        file = root / f"{name}.csv"
        if not file.exists():
            raise FileNotFoundError(f"{file}: the data set needs {', '.join(f'{n}.csv' for n in COLUMNS)}")
        tables[name] = read_table(file)
    tables, texts = validate(tables, root)
    frames = typed(tables)
    return Dataset(**frames, texts={k: v for k, v in texts.items() if v is not None}, root=root,
                   history=read_history(root, frames["sources"]))
