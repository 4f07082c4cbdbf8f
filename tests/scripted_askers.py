"""Scripted askers for the interrupt tests, shared by the test modules."""

from __future__ import annotations

from dialogi.prompts import ScriptedAsker


class InterruptAt(ScriptedAsker):
    """Answers like the scripted asker, but Ctrl-C at the n-th question."""

    def __init__(self, answers: dict, n: int):
        super().__init__(dict(answers))
        self.n = n
        self.asked = 0

    def _get(self, key, message, default=None):
        self.asked += 1
        if self.asked == self.n:
            raise KeyboardInterrupt
        return super()._get(key, message, default)


class Recording(ScriptedAsker):
    """Answers like the scripted asker and keeps the keys asked, in order."""

    def __init__(self, answers: dict):
        super().__init__(dict(answers))
        self.asked: list[str] = []

    def _get(self, key, message, default=None):
        self.asked.append(key)
        return super()._get(key, message, default)
