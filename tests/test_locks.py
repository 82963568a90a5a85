"""dtlib.data.locks: the one lock helper of the data folder and the pack (issue 22: it was written twice)."""
import threading

import pytest
from filelock import FileLock

from dtlib.data import locks, store

from dtlib.pack import publish
from dtlib.data.errors import StoreBusy


class Busy(RuntimeError):
    pass


def test_a_free_lock_is_taken_at_once_and_silently(tmp_path):
    said = []
    lock = locks.acquire(tmp_path / ".x.lock", tmp_path, who="dtlib run", doing="finish with", timeout=1,
                         busy=Busy, notify=said.append)
    assert lock.is_locked and said == []
    lock.release()


def test_a_held_lock_is_waited_for_once_then_refused_with_what_was_not_done(tmp_path):
    holder = FileLock(tmp_path / ".x.lock")
    holder.acquire()
    said, result = [], {}

    def other():       # filelock's locks are per thread within a process: wait from another thread
        try:
            locks.acquire(tmp_path / ".x.lock", tmp_path / "pack", who="dtlib report", doing="finish building",
                          timeout=0.2, busy=Busy, notify=said.append)
        except Busy as err:
            result["error"] = str(err)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    holder.release()
    assert len(said) == 1 and said[0].startswith("waiting for another dtlib report to finish building ")
    assert said[0].endswith("(it holds .x.lock; giving up after 0.2 s)")
    assert "another dtlib report still holds .x.lock after 0.2 s; nothing was done" in result["error"]


def test_the_store_and_the_pack_lock_through_the_one_helper(tmp_path, monkeypatch):
    calls = []
    real = locks.acquire

    def spy(*args, **kwargs):
        calls.append((args[0].name, kwargs["busy"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "acquire", spy)
    monkeypatch.setattr(publish, "acquire", spy)
    with store.locked(tmp_path):
        pass
    with publish.locked_pack(tmp_path / "pack"):
        pass
    assert calls == [(store.LOCK_NAME, StoreBusy), (".pack.lock", publish.PackBusy)]
    with pytest.raises(AttributeError):
        store._acquire           # noqa: B018 - the copy is gone
