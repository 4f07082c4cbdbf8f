"""Finding a Chromium-based browser for ``print --pdf``, where each system installs one.

Linux puts Chromium or Chrome on the PATH. Windows does not: Edge (on every Windows 10 and 11)
and Chrome live in their own folders under Program Files or the user's AppData, registered
under the "App Paths" key; macOS keeps them in /Applications. ``DIALOGI_BROWSER`` names a
browser anywhere else (a portable Chrome, a browser IT put somewhere unusual).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from dialogi.system import family

ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge", "msedge", "chrome")
WINDOWS_EXES = ("msedge.exe", "chrome.exe")
WINDOWS_FOLDERS = ("ProgramFiles", "ProgramFiles(x86)", "LocalAppData")  # environment variables
WINDOWS_INSTALLS = (
    ("Microsoft", "Edge", "Application", "msedge.exe"),
    ("Google", "Chrome", "Application", "chrome.exe"),
    ("Chromium", "Application", "chrome.exe"),
)
MAC_APPS = ("Google Chrome", "Microsoft Edge", "Chromium")


class NamedBrowserMissing(LookupError):
    """``DIALOGI_BROWSER`` names something that is not there."""


def find() -> str | None:
    """The browser to print with: ``DIALOGI_BROWSER``, the PATH, then the system's usual places."""
    named = os.environ.get("DIALOGI_BROWSER", "").strip().strip('"')
    if named:
        found = named if Path(named).is_file() else shutil.which(named)
        if not found:
            raise NamedBrowserMissing(named)
        return found
    for name in ON_PATH:
        found = shutil.which(name)
        if found:
            return found
    places = {"windows": windows_places, "mac": mac_places}.get(family(), lambda: [])
    return next((str(p) for p in places() if p.is_file()), None)


def windows_places() -> list[Path]:
    from dialogi.system import win32

    places = [Path(found) for exe in WINDOWS_EXES if (found := win32.app_path(exe))]
    for variable in WINDOWS_FOLDERS:
        root = os.environ.get(variable)
        if root:
            places += [Path(root, *parts) for parts in WINDOWS_INSTALLS]
    return places


def mac_places() -> list[Path]:
    roots = [Path("/Applications"), Path.home() / "Applications"]
    return [root / f"{app}.app" / "Contents" / "MacOS" / app for root in roots for app in MAC_APPS]


def looked_for() -> str:
    """The names looked for on the PATH, for the message when none was found."""
    return ", ".join(ON_PATH)

