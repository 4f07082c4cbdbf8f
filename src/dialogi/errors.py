"""One error family for everything the user can cause; one handler turns it into a message."""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    OK = 0
    BUG = 1  # an unexpected error: a bug in dialogi
    USAGE = 2  # a wrong option or argument (typer's own code)
    INVALID_FILE = 3  # the workshop file is broken, unreadable or does not validate
    NOT_FOUND = 4  # a file or folder that should exist does not
    IN_USE = 5  # another dialogi session holds the file
    TOO_NEW = 6  # written by a newer dialogi
    EXISTS = 7  # would overwrite a file
    NO_TERMINAL = 8  # interactive questions without a terminal and without --answers
    BAD_ANSWERS = 9  # the answers file does not fit the session
    CANNOT_WRITE = 10  # a file cannot be written (no such folder, no permission, disk full)
    INTERRUPTED = 130  # Ctrl-C; the work so far is saved


class DialogiError(Exception):
    """A problem the user can fix. ``key`` names the message, ``params`` fill it in."""

    code = ExitCode.INVALID_FILE

    def __init__(self, key: str, /, *, details: list[str] | None = None, **params: Any):
        super().__init__(key)
        self.key = key
        self.params = params
        self.details = details or []

    def message(self, lang: str | None = None) -> str:
        from dialogi.i18n import t

        return t(self.key, lang, **self.params)


class InvalidFile(DialogiError):
    code = ExitCode.INVALID_FILE


class NotFound(DialogiError):
    code = ExitCode.NOT_FOUND


class InUse(DialogiError):
    code = ExitCode.IN_USE


class TooNew(DialogiError):
    code = ExitCode.TOO_NEW


class Exists(DialogiError):
    code = ExitCode.EXISTS


class NoTerminal(DialogiError):
    code = ExitCode.NO_TERMINAL


class BadAnswers(DialogiError):
    code = ExitCode.BAD_ANSWERS


class UsageError(DialogiError):
    code = ExitCode.USAGE


class CannotWrite(DialogiError):
    code = ExitCode.CANNOT_WRITE


class FileHeld(CannotWrite):
    """Another program (OneDrive, a virus scan, an editor) holds the file: trying again may work."""


class Interrupted(DialogiError):
    """Ctrl-C: everything answered so far is on disk; say how to go on."""

    code = ExitCode.INTERRUPTED
