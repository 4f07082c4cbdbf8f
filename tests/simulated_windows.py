"""Windows, simulated on any system: what a managed Windows laptop does that Linux does not.

No Windows machine is at hand, so each way Windows differs is played here behind the seam
dialogi has for it (``dialogi.system``), the way filelock tests its Windows backend anywhere:

- ``MandatoryLock``: the editing lock as Windows enforces it (LockFileEx on byte 0): while it
  is held, every other handle on the lock file is refused with PermissionError 13;
- ``FlakyReplace``: ``os.replace`` meeting a sharing violation (WinError 32) while OneDrive or
  a virus scan holds the file, a given number of times per save;
- ``FakeKernel32``: the console (VT processing, which a child process starts without) and the
  user interface language;
- ``FakeWinreg``: the registry's App Paths keys, where Edge and Chrome are registered;
- ``program_files``: a Program Files tree with an ``msedge.exe`` that prints a PDF;
- ``cp1252``: a standard output as Windows gives to a pipe or a file.

``windows`` (a fixture in ``tests/test_windows.py``) puts them all in place at once.
"""

from __future__ import annotations

import builtins
import io
import os
import sys
import types
from pathlib import Path
from typing import Any

SHARING_VIOLATION = 32
_REPLACE = os.replace  # the real one, whatever a test has put in its place since


def sharing_violation(path: Any) -> PermissionError:
    """The error Windows gives for a file another process has open without delete sharing."""
    error = PermissionError(13, "The process cannot access the file because it is being used by another process", str(path))
    error.winerror = SHARING_VIOLATION  # set by Python on Windows only
    return error


# -- the editing lock --------------------------------------------------------------------------


class MandatoryLock:
    """filelock's lock, plus what Windows adds: other handles on the locked file are refused."""

    held: set[str] = set()

    def __init__(self, path: Path | str, timeout: float = 0):
        from filelock import FileLock

        self.path = os.path.realpath(path)
        self.inner = FileLock(path, timeout=timeout)

    def acquire(self) -> None:
        from filelock import Timeout

        if self.path in MandatoryLock.held:  # LockFileEx: a lock violation, which filelock reports so
            raise Timeout(self.path)
        self.inner.acquire()
        MandatoryLock.held.add(self.path)

    def release(self) -> None:
        MandatoryLock.held.discard(self.path)
        self.inner.release()

    @staticmethod
    def refuse(file: Any) -> None:
        if isinstance(file, (str, bytes, os.PathLike)) and os.path.realpath(os.fsdecode(file)) in MandatoryLock.held:
            raise PermissionError(13, "Permission denied", os.fsdecode(file))


def enforce_mandatory_locks(monkeypatch) -> None:
    """Every way dialogi opens a file goes through here: builtins.open, io.open (pathlib), os.open."""
    real_open, real_os_open = builtins.open, os.open

    def open_(file, *args, **kwargs):
        MandatoryLock.refuse(file)
        return real_open(file, *args, **kwargs)

    def os_open(path, *args, **kwargs):
        MandatoryLock.refuse(path)
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(MandatoryLock, "held", set())
    from dialogi.system import locks

    monkeypatch.setattr(locks, "os_lock", lambda path: MandatoryLock(path))


# -- the rename that finishes a save ------------------------------------------------------------


class FlakyReplace:
    """``os.replace`` that fails ``failures`` times in a row (a sharing violation) before each success."""

    def __init__(self, failures: int):
        self.failures = failures
        self.refused = 0
        self.pauses: list[float] = []
        self._left = failures

    def __call__(self, source, target):
        if self._left:
            self._left -= 1
            self.refused += 1
            raise sharing_violation(target)
        self._left = self.failures
        return _REPLACE(source, target)

    def install(self, monkeypatch) -> "FlakyReplace":
        from dialogi.system import files

        monkeypatch.setattr(os, "replace", self)
        monkeypatch.setattr(files, "pause", self.pauses.append)  # counted, not waited
        return self


# -- kernel32 and the registry -------------------------------------------------------------------


class FakeKernel32:
    """The console and language calls dialogi makes, answered as a Windows console would."""

    ENABLE_VT = 0x0004

    def __init__(self, vt_possible: bool = True, ui_language: int = 0x040B, console: bool = True):
        self.mode = 0x0003  # ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT: VT off, as a child process starts
        self.vt_possible = vt_possible
        self.console = console
        self.ui_language = ui_language
        self.set_modes: list[int] = []

    def GetStdHandle(self, which: int) -> int:
        assert which == -11, "standard output"
        return 7

    def GetConsoleMode(self, handle: int, mode: Any) -> int:
        if not self.console:
            return 0
        mode.contents.value = self.mode
        return 1

    def SetConsoleMode(self, handle: int, mode: int) -> int:
        self.set_modes.append(mode)
        if mode & self.ENABLE_VT and not self.vt_possible:
            return 0  # an old console host refuses VT processing
        self.mode = mode
        return 1

    def GetUserDefaultUILanguage(self) -> int:
        return self.ui_language


def fake_winreg(app_paths: dict[str, str]) -> types.ModuleType:
    """A ``winreg`` whose App Paths keys hold ``app_paths`` (exe name -> default value), per machine."""
    module = types.ModuleType("winreg")
    module.HKEY_CURRENT_USER, module.HKEY_LOCAL_MACHINE = "HKCU", "HKLM"
    prefix = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\"

    class Key:
        def __init__(self, value: str):
            self.value = value

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def OpenKey(root, sub_key):
        exe = sub_key[len(prefix):] if sub_key.startswith(prefix) else None
        if root != "HKLM" or exe not in app_paths:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return Key(app_paths[exe])

    def QueryValueEx(key, name):
        assert name is None, "the key's default value"
        return key.value, 1  # REG_SZ

    module.OpenKey, module.QueryValueEx = OpenKey, QueryValueEx
    return module


# -- a browser where Windows installs it ----------------------------------------------------------

FAKE_BROWSER = """\
#!{python}
# A stand-in for msedge.exe: records its arguments, leaves a file in its profile (as Edge
# leaves a lock file), and prints a one-page PDF where --print-to-pdf= says.
import sys
from pathlib import Path
args = sys.argv[1:]
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(repr(args) + "\\n")
profile = next(a.split("=", 1)[1] for a in args if a.startswith("--user-data-dir="))
Path(profile, "Lockfile").write_text("busy")
target = next(a.split("=", 1)[1] for a in args if a.startswith("--print-to-pdf="))
Path(target).write_bytes(b"%PDF-1.4\\n1 0 obj << /Type /Page /MediaBox [0 0 595.28 841.89] >> endobj\\n%%EOF\\n")
"""


def program_files(root: Path) -> tuple[Path, Path]:
    """A Program Files folder with Edge installed where its installer puts it; (the exe, its log)."""
    exe = root / "Program Files (x86)" / "Microsoft" / "Edge" / "Application" / "msedge.exe"
    exe.parent.mkdir(parents=True)
    log = root / "msedge.log"
    exe.write_text(FAKE_BROWSER.format(python=sys.executable, log=str(log)), "utf-8")
    exe.chmod(0o755)
    return exe, log


# -- standard output into a pipe -----------------------------------------------------------------


class Cp1252Pipe(io.TextIOWrapper):
    """What Python on Windows makes of stdout when it is a pipe or a file: cp1252, strict."""

    def __init__(self):
        super().__init__(io.BytesIO(), encoding="cp1252", errors="strict", write_through=True)

    def isatty(self) -> bool:
        return False

    def text(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode(self.encoding)
