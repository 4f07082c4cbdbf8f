"""The editing lock, and who holds it, on every system.

The lock is filelock's OS lock (flock on Linux and macOS, LockFileEx on byte 0 on Windows):
when the holding process dies, however it dies, the system releases it. Windows enforces that
lock against every other handle, so the holder's own details (process, machine, since when)
cannot be written into the lock file, nor read from it by a second session. They live in a
small file of their own next to it, ``.NAME.toml.holder``; writing it is a courtesy to the
next session's message and never a reason to stop this one.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from typing import Any

UNKNOWN = {"pid": "?", "host": "?", "since": "?"}


def os_lock(path: Path) -> Any:
    """The system's lock on ``path``, not yet taken (``acquire()`` raises ``filelock.Timeout`` when held)."""
    from filelock import FileLock

    return FileLock(path, timeout=0)


def holder_path(lock: Path) -> Path:
    return lock.with_suffix(".holder")


def write_holder(lock: Path) -> None:
    try:
        holder_path(lock).write_text(f"{os.getpid()} {socket.gethostname()} {time.time():.0f}\n", "utf-8")
    except OSError:  # a full disk, a sync client in the way: the next session just says "?"
        pass


def forget_holder(lock: Path) -> None:
    """Before the lock is released, so that the next holder's details are never removed."""
    try:
        holder_path(lock).unlink(missing_ok=True)
    except OSError:
        pass


def read_holder(lock: Path) -> dict[str, str]:
    """``pid``, ``host`` and ``since`` (local time) of the session holding ``lock``, or ``?`` each."""
    try:
        pid, host, since = holder_path(lock).read_text("utf-8").split()
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(float(since)))
    except (OSError, ValueError, OverflowError):
        return dict(UNKNOWN)
    return {"pid": pid, "host": host, "since": when}
