"""Where dialogi meets the operating system: every difference between Windows, macOS and Linux.

Most facilitators carry a managed Windows laptop, and nothing else in dialogi asks which
system it runs on. Each difference is one small function here, named for what it does:

- ``locks``: the editing lock and who holds it (Windows refuses every other handle on a
  locked file, so the holder's details live in a file of their own);
- ``files``: the rename that finishes a save, tried again while OneDrive, an antivirus scan
  or the search indexer holds the file; text files as Windows tools write them (a BOM, UTF-16);
- ``console``: start-up of the console (VT processing, so that clearing the screen clears it),
  whether it can clear, UTF-8 when output goes to a file or a pipe;
- ``browsers``: Chromium, Chrome or Edge for ``print --pdf`` where each system installs them;
- ``shell``: quoting a path in a "run again" hint the way the user's shell reads it;
- ``language``: the language the system's user interface speaks;
- ``win32``: the two Windows APIs used (kernel32 through ctypes, the registry's App Paths).

Every function takes the system from ``platform`` below rather than from ``sys.platform``, so
the tests run the Windows branches on any machine with the Windows behaviour simulated
(``tests/simulated_windows.py``) until the repository runs on hosted Windows runners too.
"""

from __future__ import annotations

import sys

platform = sys.platform  # the tests set "win32" or "darwin" to take those branches anywhere


def windows() -> bool:
    return platform == "win32"


def family() -> str:
    """``windows``, ``mac`` or ``other`` (Linux and the BSDs): for messages that differ by system."""
    return "windows" if windows() else "mac" if platform == "darwin" else "other"
