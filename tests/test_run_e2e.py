"""End to end in a real pseudo-terminal: the principles opening, Ctrl-C, resume, finish."""

from __future__ import annotations

import sys
import time

import pytest

from posix_only import pexpect_spawn  # noqa: E402

pexpect = pexpect_spawn()

from dialogi.new_workshop import Metadata, build  # noqa: E402
from dialogi.record import store  # noqa: E402
from dialogi.record.models import MethodId, Status  # noqa: E402

ENTER = "\r"
DOWN = "\x1b[B"


def spawn(path, env):
    child = pexpect.spawn(
        sys.executable, ["-m", "dialogi", "run", str(path)], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120)
    )
    return child


def answer(child, prompt: str, keys: str = ENTER) -> None:
    """Wait for the prompt, give it a moment to take the terminal (as a person would), then type."""
    child.expect_exact(prompt)
    time.sleep(0.15)
    child.send(keys)


def test_principles_opening_interrupted_and_resumed(tmp_path, subprocess_env):
    path = tmp_path / "ws.toml"
    workshop = build(Metadata(title="E2E", language="en", participant_count=6, template="dialogue"))
    store.save(path, workshop)
    env = {**subprocess_env, "TERM": "xterm"}

    child = spawn(path, env)
    answer(child, "What next?")  # start the principles
    answer(child, "Ready?")  # start step 1
    answer(child, "When the group is ready")
    answer(child, "Ready?")  # start step 2, the cards
    answer(child, "Remarks from the group", "Everyone in, night shift too" + ENTER)
    answer(child, "Remarks from the group")  # 2: nothing
    answer(child, "Remarks from the group", "Ask the quiet ones" + ENTER)
    child.expect_exact("4/13")
    child.expect_exact("Remarks from the group")
    time.sleep(0.15)
    child.sendintr()
    child.expect_exact("Continue where you left off with: dialogi run")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    saved = store.load(path)
    assert {r.number: r.remark for r in saved.principles.remarks} == {1: "Everyone in, night shift too", 3: "Ask the quiet ones"}
    item = saved.agenda_item(MethodId.PRINCIPLES)
    assert item.status == Status.IN_PROGRESS and (item.step, item.position) == (1, 3)

    child = spawn(path, env)
    answer(child, "What next?")  # continue the principles
    child.expect_exact("4/13")  # right where we stopped
    for n in range(4, 14):
        answer(child, "Remarks from the group", ("Bosses too" + ENTER) if n == 11 else ENTER)
    answer(child, "Ready?")
    answer(child, "Shall we take these principles as our ground rules")  # Yes
    answer(child, "Ready?")
    answer(child, "pay special attention to today", DOWN + DOWN + " " + ENTER)  # principle 3
    answer(child, "What next?", DOWN * 2 + ENTER)  # from the suggested practices down to "Stop here"
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    saved = store.load(path)
    assert saved.principles.agreed is True
    assert saved.principles.emphasised == [3]
    assert {r.number for r in saved.principles.remarks} == {1, 3, 11}
    assert saved.agenda_item(MethodId.PRINCIPLES).status == Status.DONE
    assert saved.agenda_item(MethodId.PRACTICES).status == Status.NOT_STARTED
