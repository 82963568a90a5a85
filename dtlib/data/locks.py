"""The one way a run waits for another: an exclusive file lock, a line saying it waits, then an error.

Both locks of the tool go through :func:`acquire`: the data folder's (``data/.dtlib.lock``, held by
``add``, ``validate`` and a report's snapshot, :func:`dtlib.data.store.locked`) and a pack's
(``<parent>/.<name>.lock``, held by ``report``, :func:`dtlib.pack.publish.locked_pack`). A run that
finds the lock free takes it at once and says nothing; one that must wait says so once on
stderr, and after ``timeout`` seconds gives up with an error that says nothing was done.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from filelock import FileLock, Timeout

from .io import display_path, say_on_stderr

__all__ = ["acquire", "Notify"]

Notify = Callable[[str], None]


def acquire(lock_file: Path, subject: Path, *, who: str, doing: str, timeout: float,
            busy: Callable[[str], Exception], notify: Notify | None = None) -> FileLock:
    """Take the exclusive lock ``lock_file`` for ``subject``, waiting up to ``timeout`` seconds.

    Parameters
    ----------
    lock_file
        The lock's file (made if absent).
    subject
        What the lock guards (the data folder, the pack folder), as named in the messages.
    who, doing
        Who holds such a lock and what it does, for the messages: "dtlib run", "finish with".
    timeout
        Seconds to wait once the lock is found held.
    busy
        The error raised after ``timeout`` (built from its message).
    notify
        Called once with the line saying that this run waits (default: stderr).

    Returns
    -------
    FileLock
        The held lock; the caller releases it.

    Raises
    ------
    OSError
        The lock file cannot be made (a read-only folder); the caller decides.
    """
    lock = FileLock(lock_file)
    try:
        lock.acquire(timeout=0)
        return lock
    except Timeout:
        pass
    where, name = display_path(subject), lock_file.name
    (notify or say_on_stderr)(f"waiting for another {who} to {doing} {where} "
                              f"(it holds {name}; giving up after {timeout:g} s)")
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise busy(f"{where}: another {who} still holds {name} after {timeout:g} s; "
                   "nothing was done (let it finish, or pass --lock-timeout SECONDS)") from None
    return lock
