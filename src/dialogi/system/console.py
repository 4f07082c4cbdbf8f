"""The console at start-up: escape sequences that work, and output that never fails to encode.

Windows starts a console program with VT processing off. rich then falls back to the legacy
console API, which cannot clear the screen: a secret ballot would stay on screen for the next
voter, and the escape that clears the scrollback would be printed literally as ``←[3J``.
``prepare`` switches VT processing on once, before any rich console exists (rich decides how
to draw when a console is made). Where it cannot be switched on, ``can_clear`` says so, and
the session offers no secret ballots at the keyboard.

Output to a file or a pipe (``dialogi show FILE > out.txt``, ``actions --format csv | …``)
is written in UTF-8: on Windows it would otherwise be cp1252, which has no ✓, ⚠, ↑ or ░,
and the first of them would stop the command. A console shows what it cannot draw as ``?``.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from dialogi.system import windows

ENABLE_VIRTUAL_TERMINAL_PROCESSING = 0x0004
STD_OUTPUT_HANDLE = -11

_vt: bool | None = None  # Windows: whether VT processing is on, once ``prepare`` has tried


def prepare(streams: tuple[TextIO | None, ...] | None = None) -> None:
    """Once at start-up, before any console is made."""
    global _vt
    if windows():
        _vt = _enable_vt()
    utf8_when_redirected(streams if streams is not None else (sys.stdout, sys.stderr))


def _enable_vt() -> bool:
    import ctypes

    from dialogi.system import win32

    try:
        kernel32 = win32.kernel32()
        handle = kernel32.GetStdHandle(STD_OUTPUT_HANDLE)
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.pointer(mode)):
            return False  # not a console: a file or a pipe, nothing to clear
        if mode.value & ENABLE_VIRTUAL_TERMINAL_PROCESSING:
            return True
        return bool(kernel32.SetConsoleMode(handle, mode.value | ENABLE_VIRTUAL_TERMINAL_PROCESSING))
    except (OSError, AttributeError):  # Windows before 10, or no kernel32 to speak of
        return False


def can_clear(console: Any = None) -> bool:
    """Whether clearing the screen (and its scrollback) really clears it on this console."""
    if getattr(console, "legacy_windows", False):
        return False
    return not windows() or _vt is True


def utf8_when_redirected(streams: tuple[TextIO | None, ...]) -> None:
    for stream in streams:
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
        if encoding == "utf8":
            continue
        try:
            if stream.isatty():
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8")
        except (OSError, ValueError):  # a closed or detached stream: leave it
            pass


def in_git_bash() -> bool:
    """Git Bash (mintty) on Windows: its window is not a console, so questions cannot be asked there."""
    return windows() and bool(os.environ.get("MSYSTEM") or os.environ.get("TERM_PROGRAM") == "mintty")
