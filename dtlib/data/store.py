"""Keeping the store whole: one writer at a time, and several files changed as one.

``add`` changes up to four files (sources.csv, the table, history.csv, changes.csv). Two runs
at once would each write their own merged copy, and the last rename would win; a run killed
between two renames would leave a history row for a replacement that never happened. So:

- :func:`locked` holds an exclusive lock (``data/.dtlib.lock``, through ``filelock``) from the
  first read to the last rename. A second run waits, says so on stderr, and gives up after a
  timeout with :class:`~dtlib.data.errors.StoreBusy`.
- :class:`Transaction` writes every new file into a staging folder inside the data folder
  (``data/.txn-<id>/``), then a journal naming them, then renames them into place. The
  journal appears in one rename, so its presence means "the set is complete".
- :func:`recover`, run under the lock at the start of ``add`` and ``validate``, finishes the
  renames of a complete journal, deletes a staging folder without one, and removes the
  temporary files (``.*.tmp``) that a killed atomic write leaves. A ``.txn-*`` entry that is
  not a real folder (a symbolic link) is named and left alone; a staged file that is not a
  regular file is never installed.
- :func:`snapshot` copies the data folder under the lock, so that a reader that reads it many
  times (``report``: the main process and every notebook run) sees one state of it.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import Problem, StoreBusy, ValidationError
from .io import display_path, fsync_dir, say_on_stderr, write_text
from .locks import Notify, acquire

__all__ = ["locked", "recover", "snapshot", "Transaction", "LOCK_NAME", "DEFAULT_LOCK_TIMEOUT"]

LOCK_NAME = ".dtlib.lock"
STAGING_PREFIX = ".txn-"
JOURNAL = "journal.json"

#: Seconds a run waits for another one to release the data folder (``--lock-timeout``).
DEFAULT_LOCK_TIMEOUT = 600.0

# The data folders this process holds the lock of, per thread: a nested ``locked`` (``validate``
# calls ``load`` under the lock) must not wait for itself (flock locks are per open file).
_HELD = threading.local()


@contextmanager
def locked(root: Path, timeout: float = DEFAULT_LOCK_TIMEOUT, notify: Notify | None = None, *,
           required: bool = True) -> Iterator[bool]:
    """Hold the data folder's lock for the ``with`` block; yield whether it is held.

    Parameters
    ----------
    root
        The data folder.
    timeout
        Seconds to wait for another run to finish; then :class:`~dtlib.data.errors.StoreBusy`.
    notify
        Called once with a line saying that this run waits (default: print to stderr).
    required
        ``False`` lets a reader go on without the lock where the folder is read-only (a
        read-only store cannot be written by anyone, so there is nothing to wait for).
    """
    held: dict = _HELD.__dict__.setdefault("roots", {})
    key = os.path.realpath(root)
    if key in held:                  # this thread holds it already: the outer block releases it
        yield held[key]
        return
    try:
        lock = acquire(root / LOCK_NAME, root, who="dtlib run", doing="finish with", timeout=timeout, busy=StoreBusy,
                       notify=notify)
    except OSError as err:
        if required or err.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        lock = None
    held[key] = lock is not None
    try:
        yield lock is not None
    finally:
        del held[key]
        if lock is not None:
            lock.release()


def recover(root: Path, notify: Notify | None = None) -> list[str]:
    """Finish or undo what a killed run left in ``root``; call it while holding :func:`locked`.

    Returns
    -------
    list of str
        One line per thing done (also passed to ``notify``), empty when there was nothing.
    """
    done = []
    for staging in sorted(root.glob(f"{STAGING_PREFIX}*")):
        if staging.is_symlink():
            # never followed (deleting through it would delete elsewhere), never blocking
            (notify or say_on_stderr)(f"{display_path(staging)}: ignored: a symbolic link, not a staging folder "
                                "that dtlib made (remove it)")
            continue
        if not staging.is_dir():
            continue
        names = _read_journal(staging / JOURNAL)
        if names is None:
            shutil.rmtree(staging)
            done.append(f"{display_path(root)}: undid a change that a killed run had not finished staging "
                        f"({staging.name}); the tables are as they were before it")
        else:
            _roll_forward(root, staging, names)
            done.append(f"{display_path(root)}: finished a change that a killed run had staged completely "
                        f"({', '.join(names)})")
    for tmp in root.glob(".*.tmp"):
        if tmp.is_file():
            tmp.unlink()
            done.append(f"{display_path(root)}: removed {tmp.name}, left by a killed write")
    for line in done:
        (notify or say_on_stderr)(line)
    return done


class Transaction:
    """New versions of several files of ``root``, put in place together or not at all.

    Examples
    --------
    >>> with Transaction(root) as txn:                       # doctest: +SKIP
    ...     txn.write_text("observations.csv", text)
    ...     txn.write_text("changes.csv", log)
    ...     txn.commit()                                      # without it, nothing changes

    Files are renamed in the order they were written, so write them in an order whose every
    prefix is consistent (sources before the figures that cite them, the log last).
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.staging = self.root / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
        self.names: list[str] = []
        self.committed = False

    def __enter__(self) -> Transaction:
        self.staging.mkdir()
        return self

    def write_text(self, name: str, text: str) -> None:
        """Stage the new content of ``root / name`` (a plain file name)."""
        _check_name(name)
        write_text(self.staging / name, text)
        self.names.append(name)

    def commit(self) -> None:
        """Write the journal (which makes the set complete), then rename every file into place."""
        write_text(self.staging / JOURNAL, json.dumps({"renames": self.names, "complete": True}))
        fsync_dir(self.staging)
        self.committed = True
        _roll_forward(self.root, self.staging, self.names)

    def __exit__(self, *exc) -> None:
        if not self.committed:
            shutil.rmtree(self.staging, ignore_errors=True)


def _check_name(name: str) -> None:
    # a journal is a file in the data folder: it may only ever rename plain table files into it
    if Path(name).name != name or name.startswith(".") or not name.endswith(".csv"):
        raise ValueError(f"not a table file name: {name!r}")


def _check_staged(staging: Path, names: list[str]) -> None:
    """Raise :class:`~dtlib.data.errors.ValidationError` naming each staged file that is not a regular file.

    dtlib stages only regular files it wrote; a link or a folder there was put by someone else,
    and installing it would make a table of the store point anywhere.
    """
    bad = []
    for name in names:
        try:
            mode = os.lstat(staging / name).st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode):
            kind = "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file"
            bad.append(Problem(display_path(staging / name), None, None,
                               f"is {kind}, not a file that dtlib staged: not installed",
                               f"check it, then remove the folder {display_path(staging)}"))
    if bad:
        raise ValidationError(bad)


def _read_journal(path: Path) -> list[str] | None:
    """The renames of a complete journal, or ``None`` (no journal, unreadable, or not marked complete)."""
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        names = journal["renames"]
        for name in names:
            _check_name(name)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return names if journal.get("complete") is True else None


def _roll_forward(root: Path, staging: Path, names: list[str]) -> None:
    # idempotent: a file already renamed by an earlier, killed roll-forward is simply absent here
    _check_staged(staging, names)
    for name in names:
        if os.path.lexists(staging / name):
            os.replace(staging / name, root / name)
    fsync_dir(root)
    (staging / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


# ------------------------------------------------------------------------------------ snapshots

#: The folders of a data folder that :func:`snapshot` copies beside its files (what ``load`` reads).
SNAPSHOT_FOLDERS = ("sources", "examples")
SNAPSHOT_PREFIX = "dtlib-data-"


@contextmanager
def snapshot(root: Path, timeout: float = DEFAULT_LOCK_TIMEOUT, notify: Notify | None = None) -> Iterator[Path]:
    """A private copy of the data folder ``root``, taken under its lock, for the ``with`` block.

    A reader that reads the store more than once (``report`` loads it, then every notebook run
    loads it again) reads the copy, so that an ``add`` meanwhile changes none of what it sees.
    The copy holds the files of ``root`` (not the hidden ones: the lock, staging folders) and
    its ``sources/`` and ``examples/``; a link there is copied as the file it points to only if
    that lies inside the same folder of ``root`` (else left out, as ``load`` would refuse it).
    It lives in the temporary folder and is deleted after the block; a copy that a killed
    process left is deleted by the next snapshot.

    Parameters
    ----------
    root
        The data folder.
    timeout, notify
        As for :func:`locked` (a read-only folder is copied without the lock).
    """
    _remove_stale_snapshots()
    copy = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-"))
    try:
        with locked(root, timeout, notify, required=False) as held:
            if held:
                recover(root, notify)
            _copy_files(root, copy)
            allowed = [(root / name).resolve() for name in SNAPSHOT_FOLDERS]
            for name in SNAPSHOT_FOLDERS:
                if (root / name).is_dir():
                    _copy_tree(root / name, copy / name, allowed)
        yield copy
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def _copy_files(folder: Path, dest: Path) -> None:
    """Copy the regular files of ``folder`` (links followed, hidden names skipped) into ``dest``."""
    for path in sorted(folder.iterdir()):
        if not path.name.startswith(".") and path.is_file():
            shutil.copyfile(path, dest / path.name)


def _copy_tree(folder: Path, dest: Path, inside: list[Path]) -> None:
    """Copy ``folder`` into ``dest``: folders and regular files, a link only if it resolves into one of ``inside``."""
    dest.mkdir()
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            target = path.resolve()
            if any(target.is_relative_to(f) for f in inside) and target.is_file():
                shutil.copyfile(target, dest / path.name)
        elif path.is_dir():
            _copy_tree(path, dest / path.name, inside)
        elif path.is_file():
            shutil.copyfile(path, dest / path.name)


def _remove_stale_snapshots() -> None:
    """Delete the snapshots of processes that are gone (killed before they could delete theirs)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SNAPSHOT_PREFIX}*-*"):
        pid = folder.name[len(SNAPSHOT_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)) and folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:      # another user's process
        return True
    return True
