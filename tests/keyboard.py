"""The questionary asker on a prompt_toolkit pipe, for tests at the keyboard without a terminal.

``Keys`` gives each question its own keystrokes, in order. ``Screen`` does the same and notes
what the console showed when each question was asked, so a test can say what was on the
screen at that moment (and that nothing cleared it since).
"""

from __future__ import annotations

import io

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from dialogi.prompts import TerminalAsker

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
BACKSPACE = "\x7f"
CTRL_C = "\x03"
CLEAR = "\x1b[3J"  # what Session.clear writes after rich's clear: the scrollback goes too


def number(n: int) -> str:
    """Keystrokes for a number in a prompt that shows a one-digit default."""
    return BACKSPACE + str(n) + ENTER


class Keys(TerminalAsker):
    """The questionary asker on a pipe; each question gets its own keystrokes."""

    def __init__(self, keys: list[str]):
        self.keys = list(keys)
        self._pipe_context = create_pipe_input()
        self.pipe = self._pipe_context.__enter__()
        super().__init__(input=self.pipe, output=DummyOutput())

    def _ask(self, question):
        assert self.keys, "more questions than keystrokes"
        self.pipe.send_text(self.keys.pop(0))
        return super()._ask(question)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._pipe_context.__exit__(*exc)


def terminal(width: int = 100) -> Console:
    """A console that thinks it is a terminal (so clearing the screen writes its codes)."""
    return Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)


class Screen(Keys):
    """Keys, and for each question asked: its key and everything the console had shown."""

    def __init__(self, keys: list[str], console: Console):
        super().__init__(keys)
        self.console = console
        self.asked: list[tuple[str, str]] = []
        self._key = ""

    def text(self, key, *args, **kwargs):
        self._key = key
        return super().text(key, *args, **kwargs)

    def select(self, key, *args, **kwargs):
        self._key = key
        return super().select(key, *args, **kwargs)

    def checkbox(self, key, *args, **kwargs):
        self._key = key
        return super().checkbox(key, *args, **kwargs)

    def _ask(self, question):
        self.asked.append((self._key, self.console.file.getvalue()))
        return super()._ask(question)

    def keys_asked(self) -> list[str]:
        return [key for key, _ in self.asked]

    def on_screen(self, key: str) -> str:
        """What was on the screen when ``key`` was first asked: all since the last clear."""
        shown = next(shown for asked, shown in self.asked if asked == key)
        return shown[shown.rfind(CLEAR) + len(CLEAR):] if CLEAR in shown else shown
