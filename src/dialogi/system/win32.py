"""The two Windows APIs dialogi uses, each behind one function the tests replace with a fake.

Only called on Windows (``dialogi.system.windows()``); nothing here is imported elsewhere.
"""

from __future__ import annotations

import os
from typing import Any

APP_PATHS = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths"


def kernel32() -> Any:
    """kernel32.dll through ctypes (console modes, the user interface language)."""
    import ctypes
    from ctypes import wintypes

    dll = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    dll.GetStdHandle.argtypes = [wintypes.DWORD]
    dll.GetStdHandle.restype = wintypes.HANDLE
    return dll


def app_path(exe: str) -> str | None:
    """Where Windows' "App Paths" registry key says ``exe`` is installed (per user, then per
    machine): how Edge and Chrome are found outside the PATH, wherever IT installed them."""
    import winreg

    for root in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
        try:
            with winreg.OpenKey(root, rf"{APP_PATHS}\{exe}") as key:
                value, _ = winreg.QueryValueEx(key, None)  # the key's default value: the program's path
        except OSError:
            continue
        if isinstance(value, str) and value.strip():
            return os.path.expandvars(value.strip().strip('"'))
    return None
