"""The language the operating system says its user reads, as names to match against ``fi``/``en``.

On Linux and macOS that is the locale's environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``:
``fi_FI.UTF-8``). Windows sets none of them (Git Bash does); its display language comes from
``GetUserDefaultUILanguage``, mapped to a name like ``fi_FI`` with ``locale.windows_locale``.
Windows' locale names are English words (``Finnish_Finland``), and their first two letters
are not a language code (``Fijian_Fiji``): they are only looked up in Python's alias table.
"""

from __future__ import annotations

import locale
import os
import re

from dialogi.system import windows

_SEPARATORS = re.compile(r"[_.@-]")


def code(name: str) -> str:
    """The language code at the start of a locale name: ``fi_FI.UTF-8`` -> ``fi``."""
    return _SEPARATORS.split(name.strip().lower(), 1)[0]


def preferred() -> list[str]:
    """Language codes from the system, most telling first (possibly none)."""
    names = [os.environ.get(var, "") for var in ("LC_ALL", "LC_MESSAGES", "LANG")]
    if windows():
        names += [windows_ui_language(), _normalized(_current_locale())]
    else:
        names.append(_current_locale())
    codes = [code(n) for n in names if n]
    return [c for c in codes if c not in ("c", "posix")]  # "C.UTF-8" says nothing about a language


def windows_ui_language() -> str:
    from dialogi.system import win32

    try:
        return locale.windows_locale.get(int(win32.kernel32().GetUserDefaultUILanguage()), "")
    except (OSError, AttributeError, ValueError):
        return ""


def _current_locale() -> str:
    try:
        return locale.getlocale()[0] or ""
    except ValueError:
        return ""


def _normalized(name: str) -> str:
    """``Finnish_Finland`` -> ``fi_FI…`` through Python's alias table; unknown names give nothing."""
    if not name:
        return ""
    found = locale.normalize(name.split("_")[0].lower())
    return found if found.lower() != name.split("_")[0].lower() else ""
