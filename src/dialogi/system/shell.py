"""Commands to type again, quoted the way the user's shell reads them.

The hints dialogi prints ("continue with: dialogi run FILE") must work when pasted back. On
Linux and macOS that is POSIX quoting; on Windows cmd.exe and PowerShell both take a path in
double quotes, and a OneDrive folder ("OneDrive - Hyvinvointialue") always has spaces.
"""

from __future__ import annotations

import re
import shlex

from dialogi.system import windows

_PLAIN_ON_WINDOWS = re.compile(r"[\w\\/:.,+=@~-]+")


def quote(word: str) -> str:
    if not windows():
        return shlex.quote(word)
    if _PLAIN_ON_WINDOWS.fullmatch(word):
        return word
    return '"' + word.replace('"', '""') + '"'  # paths cannot hold a quote; other words rarely do


def command_line(*words: str) -> str:
    """``dialogi`` and its arguments as one line to type: ``command_line("run", path)``."""
    return " ".join(["dialogi", *map(quote, words)])
