"""Publishing the briefing pack as a whole: one build at a time, a building folder, one swap.

The pack folder ``<parent>/<name>/`` is never written in place. A build

1. holds an exclusive lock, ``<parent>/.<name>.lock`` (beside the pack, not in it, because the
   pack folder itself is swapped), from before it reads the previous pack until the new one is
   in place; a second build waits, says so in one line on stderr, and gives up after a timeout;
2. finishes or undoes what a killed build left (:func:`recover`);
3. starts ``<parent>/.<name>.building-<id>/`` as a copy of the previous pack (:func:`begin`),
   made of hard links: every write of the runner goes through a temporary file and a rename,
   so a file linked with the old pack is replaced there, never modified in place;
4. lets the runs publish into it, writes the front page, then ``manifest.json`` naming the
   build's id: a building folder whose manifest names its own id is complete;
5. swaps it with the pack folder (:func:`commit`) and deletes the old pack.

The swap is one ``renameat2(RENAME_EXCHANGE)`` where Linux offers it, so the pack folder always
holds the old pack or the new one, whole. Elsewhere it is two renames, the old pack set aside as
``.<name>.old-<id>``, and :func:`recover` finishes or undoes a swap that a kill cut in two.
"""
from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..data.errors import StoreBusy
from ..data.io import display_path, fsync_dir, say_on_stderr
from ..data.locks import Notify, acquire
from ..data.paths import PROTECTED, REPO_ROOT

__all__ = ["LOCK_TIMEOUT", "BUILD_KEY", "PackBusy", "unsafe_out_reason", "locked_pack", "recover", "begin",
           "is_complete", "commit", "discard", "building_folder"]

#: Seconds a build waits for another build into the same folder (``--lock-timeout``).
LOCK_TIMEOUT = 1800.0

#: The manifest key that names the build which wrote it (and so marks a building folder complete).
BUILD_KEY = "build"

#: Folders of the repository a pack may never be written into (beside the repository root itself),
#: and the root: :mod:`dtlib.data.paths`, where the extractor reads them too.


class PackBusy(StoreBusy):
    """Another build kept the pack folder locked for longer than this one was willing to wait."""



# ------------------------------------------------------------------------- the output folder

def unsafe_out_reason(out: str | os.PathLike) -> str | None:
    """Why a pack may not be built into ``out``, or ``None`` if it may.

    A build replaces the whole folder, so ``out`` must not exist, be empty, or hold a previous
    pack (a ``manifest.json`` with runs); and it may not be the repository or lie inside its
    ``notebooks/``, ``data/``, ``dtlib/``, ``tests/`` or ``.git/`` (``--out .`` would overwrite
    the source notebooks with executed copies).

    Examples
    --------
    >>> unsafe_out_reason(REPO_ROOT / "notebooks" / "figures")  # doctest: +ELLIPSIS
    "is inside the repository's notebooks/ folder: ..."
    """
    path = Path(out).expanduser().resolve()
    if path.exists() and not path.is_dir():
        return "is a file, not a folder: name a folder for the pack"
    if path.is_dir() and os.path.ismount(path):
        # the swap renames the pack folder, which a mount point cannot be (EBUSY, after the whole build)
        return (f"is a mount point: a build replaces the whole folder, which cannot be done to a mount point; "
                f"name a folder inside it (e.g. {path / 'pack'})")
    if path.is_dir() and not os.access(path, os.W_OK):
        return ("is read-only: a build replaces the whole folder; make it writable (chmod -R u+w) "
                "or name another folder")
    if path == REPO_ROOT:
        return ("is the repository itself: the pack would replace its notebooks and files; "
                "name a folder of its own (the default is figures/)")
    for name in PROTECTED:
        if path == REPO_ROOT / name or REPO_ROOT / name in path.parents:
            return (f"is inside the repository's {name}/ folder: the pack would overwrite or replace files "
                    "there; name a folder outside it (the default is figures/)")
    if path.is_dir() and not _is_pack(path) and any(not p.name.startswith(".staging-") for p in path.iterdir()):
        return ("holds files but no briefing pack (no manifest.json): a build replaces the whole folder, "
                "so name a new or empty folder, or a previous pack")
    return None


def _is_pack(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and isinstance(manifest.get("runs"), list)


# ------------------------------------------------------------------------------------ the lock

@contextmanager
def locked_pack(out: Path, timeout: float = LOCK_TIMEOUT, notify: Notify | None = None) -> Iterator[None]:
    """Hold the pack's lock (``<parent>/.<name>.lock``) for the ``with`` block.

    Parameters
    ----------
    out
        The pack folder (absolute).
    timeout
        Seconds to wait for another build; then :class:`PackBusy`, and nothing was done.
    notify
        Called once with a line saying that this build waits (default: print to stderr).
    """
    lock = acquire(out.parent / f".{out.name}.lock", out, who="dtlib report", doing="finish building",
                   timeout=timeout, busy=PackBusy, notify=notify)
    try:
        yield
    finally:
        lock.release()


# ------------------------------------------------------------------------ building and swapping

def building_folder(out: Path, build_id: str) -> Path:
    """``<parent>/.<name>.building-<id>``: where build ``build_id`` assembles the new pack."""
    return out.parent / f".{out.name}.building-{build_id}"


def begin(out: Path, build_id: str) -> Path:
    """Create the building folder as a copy of the pack in ``out`` (if any); return it.

    Files are hard links where the file system allows them (else copies). Nothing may write
    into a file of the building folder in place: only replace it (temporary file + rename).
    """
    building = building_folder(out, build_id)
    if out.is_dir():
        try:
            shutil.copytree(out, building, symlinks=True, copy_function=_link_or_copy,
                            ignore=shutil.ignore_patterns(".staging-*"))
            _make_writable(building)   # a read-only folder of the old pack is copied read-only
        except BaseException:
            discard(building)
            raise
    else:
        building.mkdir()
    return building


def _make_writable(folder: Path) -> None:
    """Give the owner write access to ``folder`` and every folder in it (files are left as they are)."""
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink())]:
        mode = path.stat().st_mode
        if mode & 0o700 != 0o700:
            path.chmod(mode | 0o700)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:   # a file system without hard links (FAT, some network shares)
        shutil.copy2(src, dst)


def is_complete(folder: Path, build_id: str) -> bool:
    """Whether ``folder`` holds the finished pack of build ``build_id`` (its manifest names it)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get(BUILD_KEY) == build_id


def commit(building: Path, out: Path) -> None:
    """Put the complete pack in ``building`` in place of ``out``; delete the old pack."""
    fsync_dir(building)
    if not out.exists():
        os.rename(building, out)
    elif _exchange(building, out):
        # ``building`` now holds the old pack; its manifest names another build, so a kill
        # before it is gone leaves a folder that recover() deletes.
        discard(building)
    else:
        aside = out.parent / f".{out.name}.old-{building.name.rsplit('-', 1)[-1]}"
        os.rename(out, aside)
        try:
            os.rename(building, out)
        except BaseException:
            os.rename(aside, out)
            raise
        discard(aside)
    fsync_dir(out.parent)


def discard(folder: Path) -> bool:
    """Delete a building or set-aside folder (retrying: a dying kernel may still write into it).

    Returns
    -------
    bool
        Whether it is gone (a folder of another user's, read-only to this one, may not be).
    """
    for attempt in range(20):
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.lexists(folder):
            return True
        if attempt == 0 and not folder.is_symlink():
            try:                        # a read-only folder inside (copied from a read-only pack)
                _make_writable(folder)
            except OSError:
                pass
            continue
        time.sleep(0.1)
    return False


_RENAME_EXCHANGE = 2
_renameat2 = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); ``False`` where that is not available."""
    global _renameat2
    if not sys.platform.startswith("linux"):
        return False
    if _renameat2 is None:
        try:
            _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
        except (OSError, AttributeError):   # a C library older than glibc 2.28
            _renameat2 = False
        else:
            _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if not _renameat2:
        return False
    at_cwd = -100
    if _renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):   # kernel or file system without it
        return False
    raise OSError(err, os.strerror(err), str(a))


# ------------------------------------------------------------------------------------ recovery

def recover(out: Path, notify: Notify | None = None) -> list[str]:
    """Finish or undo what a killed build left beside ``out``; call it while holding :func:`locked_pack`.

    A complete building folder is swapped in (the build had finished, only the swap was cut
    short); an incomplete one is deleted. A pack set aside by a swap cut in two is put back if
    the pack folder is missing, else deleted. Staging folders that older versions left inside
    the pack are deleted.

    Returns
    -------
    list of str
        One line per thing done (also passed to ``notify``), empty when there was nothing.
    """
    done: list[str] = []
    shown = display_path(out)
    complete = []
    for folder in _siblings(out, "building"):
        if folder.is_dir() and is_complete(folder, folder.name.rsplit("-", 1)[-1]):
            complete.append(folder)
        elif discard(folder):
            done.append(f"{shown}: removed {folder.name}, the unfinished folder of a killed build; "
                        "the pack is as it was before it")
        else:
            done.append(f"{shown}: could not remove {folder.name}, the unfinished folder of a killed build "
                        "(remove it by hand); the pack is as it was before it")
    complete.sort(key=lambda f: (f / "manifest.json").stat().st_mtime)
    for folder in complete[:-1]:   # more than one cannot happen under the lock; keep the newest
        discard(folder)
    if complete:
        commit(complete[-1], out)
        done.append(f"{shown}: put in place the pack that a killed build had finished ({complete[-1].name})")
    for aside in _siblings(out, "old"):
        if not out.exists():
            os.rename(aside, out)
            done.append(f"{shown}: put back the previous pack, which a killed build had set aside ({aside.name})")
        else:
            discard(aside)
            done.append(f"{shown}: removed {aside.name}, the previous pack a killed build had replaced")
    if out.is_dir():
        for staging in out.glob(".staging-*"):
            discard(staging)
            done.append(f"{shown}: removed {staging.name}, left by a killed build")
    for line in done:
        (notify or say_on_stderr)(line)
    return done


def _siblings(out: Path, kind: str) -> list[Path]:
    prefix = f".{out.name}.{kind}-"
    try:
        return sorted(p for p in out.parent.iterdir() if p.name.startswith(prefix))
    except FileNotFoundError:
        return []
