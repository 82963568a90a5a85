"""What a notebook run depends on, as one content hash: a run is reused when its hash is unchanged.

A run's key (:func:`run_key`) covers everything that can change what it writes:

- the notebook's source (the file's bytes: notebooks are committed without outputs);
- its parameters (the report date, units, language, data folder...);
- the data it reads: by default every file of the data folder (the tables and the source
  texts); a run that declares what it reads (:func:`profile_reads`) hashes only those rows,
  so a new figure for one province does not rebuild another province's profile;
- the library's code (every ``dtlib/*.py``) and the versions of Python and of the installed
  packages the runs import (:func:`code_key`).

The key is kept in the manifest beside each run. :func:`dtlib.pack.report.build_pack` reuses a run
whose key equals the previous pack's and whose files are all still in the pack; ``--force``
rebuilds every run. A key is a hash of content, never of modification times, so a touched
but unchanged file does not rebuild anything and a changed file always does.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd
from ..analysis.lineage import lineage_chain, predecessors
from ..analysis.observations import known_observations

__all__ = ["STACK", "code_key", "folder_key", "profile_reads", "reads_key", "run_key", "run_outputs", "row_hashes",
           "tables_key"]

#: The distributions whose versions enter every key (what the runs import, directly or not).
STACK = ("pandas", "numpy", "matplotlib", "seaborn", "pandera", "papermill", "nbformat", "nbconvert", "nbclient",
         "ipykernel", "jupyter_client", "bleach", "python-pptx", "openpyxl", "fonttools", "pillow")

_LIBRARY = Path(__file__).resolve().parents[1]


def _digest(parts: Iterable[bytes | str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_key() -> str:
    """The library's source files and the versions of Python and of :data:`STACK`."""
    parts: list[bytes | str] = [sys.version]
    for name in STACK:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} absent")
    for path in sorted(_LIBRARY.rglob("*.py")):
        parts += [path.relative_to(_LIBRARY).as_posix(), path.read_bytes()]
    return _digest(parts)


def folder_key(folder: str | Path) -> str:
    """What :func:`dtlib.load` reads of a data folder: its files and those under ``sources/``
    (names and bytes), skipping hidden ones (the lock, a staging folder)."""
    root = Path(folder)
    paths = [p for p in root.glob("*") if p.is_file()] + [p for p in (root / "sources").rglob("*") if p.is_file()]
    parts: list[bytes | str] = []
    for path in sorted(paths):
        rel = path.relative_to(root)
        if not any(p.startswith(".") for p in rel.parts):
            parts += [str(rel), path.read_bytes()]
    return _digest(parts)


def _frame_bytes(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, date_format="%Y-%m-%d")


def tables_key(data) -> str:
    """The descriptive tables (units, indicators, sources), which any run may read."""
    return _digest(part for name in ("units", "indicators", "sources")
                   for part in (name, _frame_bytes(getattr(data, name))))


def row_hashes(data) -> dict[str, pd.Series]:
    """A 64-bit hash of each row of the figure tables (observations, targets, history), by table."""
    out = {}
    for name in ("observations", "targets", "history"):
        frame = getattr(data, name, None)
        if frame is not None and not frame.empty:
            out[name] = pd.util.hash_pandas_object(frame.astype(str), index=False)
    return out


def reads_key(data, reads: dict, tables: str | None = None, hashes: dict[str, pd.Series] | None = None) -> str:
    """The key of the rows a run declares it reads (see :func:`profile_reads`).

    ``reads`` holds ``units`` (every row of these units is read) and optionally ``peers`` and
    ``indicators`` (rows of the peers for these indicators only). The descriptive tables
    (units, indicators, sources) count in full: a change to one of them may reach any run;
    ``tables`` is their key (:func:`tables_key`) and ``hashes`` the rows' (:func:`row_hashes`)
    when the caller has them already (a plan of 34 profiles hashes each row once).
    """
    units, peers, indicators = set(reads["units"]), set(reads.get("peers", [])), set(reads.get("indicators", []))
    hashes = hashes if hashes is not None else row_hashes(data)
    parts: list[bytes | str] = [json.dumps(reads, sort_keys=True)]
    for name, rows in hashes.items():
        frame = getattr(data, name)
        keep = frame["unit"].isin(units) | (frame["unit"].isin(peers) & frame["indicator"].isin(indicators))
        parts += [name, ",".join(frame.columns), rows[keep.to_numpy()].to_numpy().tobytes()]
    parts.append(tables or tables_key(data))
    return _digest(parts)


def profile_reads(data, unit: str, peers: list[str], as_of, reporting: set[str] | None = None,
                  follow: bool = True, lines: Mapping[str, list[str]] | None = None) -> dict:
    """What a province's profile reads: its own rows, its predecessors', successor's, children's,
    the rows of the units above it (the province, the nation: their targets bind it), and the
    rows of its peers for the indicators it reports (the profile sets it beside them), and
    which peers report anything by ``as_of`` (the profile lists those; ``reporting``, the units
    with a figure known by then, when the caller has it already). With ``follow`` (the profile
    follows each peer across the mergers), a peer's line counts as the peer: the rows of the
    Thái Nguyên before 1 July 2025 are read for Thái Nguyên (with former Bắc Kạn); ``lines``,
    each peer's :func:`dtlib.analysis.lineage.lineage_chain`, when the caller has them already (a plan of
    34 profiles finds each line once).
    """

    u = data.units
    parents = dict(zip(u["id"], u["parent"]))
    family = set(lineage_chain(data, unit))
    family |= {p for member in list(family) for p in predecessors(data, member)}
    family |= set(u.loc[u["parent"].isin(family), "id"])            # districts and communes under it
    obs = data.observations
    own = sorted(set(obs.loc[obs["unit"].isin(family), "indicator"]))
    for member in list(family):
        p = parents.get(member)
        while isinstance(p, str) and p:
            family.add(p)
            p = parents.get(p)
    if reporting is None:
        reporting = set(known_observations(data, as_of)["unit"])
    known = lines or {}
    lines = {p: (known.get(p) or lineage_chain(data, p)) if follow else [p] for p in peers}
    others = sorted({m for line in lines.values() for m in line} - family)
    return {"units": sorted(family), "peers": others, "indicators": own,
            "reporting": sorted(p for p, line in lines.items() if p not in family and reporting.intersection(line))}


def run_key(notebook: str | Path, parameters: dict, data_key: str) -> str:
    """The key of one run: notebook source, parameters, data read, library code, package versions."""
    return _digest([Path(notebook).read_bytes(), json.dumps(parameters, sort_keys=True, default=str), data_key,
                    code_key()])


def run_outputs(record: dict) -> list[str]:
    """The files (relative to the pack) a successful run left in the pack."""
    files = [f"notebooks/{record['name']}.ipynb", f"notebooks/{record['name']}.html"]
    files += record.get("files", [])
    return files
