"""End to end in a real pseudo-terminal: steps 3–5 of the wellbeing plan, Ctrl-C in the middle
of the goals, a resume, the plan so far from the menu, and the finished plan on disk."""

from __future__ import annotations

import datetime as dt
import sys
import time

import pytest

from posix_only import pexpect_spawn  # noqa: E402

pexpect = pexpect_spawn()

from dialogi.engine.session import Session, run  # noqa: E402
from dialogi.new_workshop import Metadata, build  # noqa: E402
from dialogi.prompts import ScriptedAsker  # noqa: E402
from dialogi.record import store  # noqa: E402
from dialogi.record.models import MethodId, Status  # noqa: E402

ENTER = "\r"
UP = "\x1b[A"
DOWN = "\x1b[B"
ERASE = "\x7f" * 12  # backspaces: clear the default an answer is offered with

STEPS_1_AND_2 = {
    "wellbeing.figures.1.action": "add",
    "wellbeing.figures.1.name": "Sickness absence rate",
    "wellbeing.figures.1.value": "5,8",
    "wellbeing.figures.1.unit": "%",
    "wellbeing.figures.1.previous": "4,9",
    "wellbeing.figures.2.action": "done",
    "wellbeing.interpretation": ["Absence has gone up on the night shifts."],
    "wellbeing.observations": ["Cover falls on the same few people."],
}


class UntilStep3(ScriptedAsker):
    """Steps 1 and 2 from answers; the facilitator stops before step 3 begins."""

    def _get(self, key, message, default=None):
        if key == "nav.wellbeing.themes":
            raise KeyboardInterrupt
        return super()._get(key, message, default)


def prepared(tmp_path):
    path = tmp_path / "ward.toml"
    workshop = build(Metadata(title="Ward 4", date=dt.date(2026, 11, 16), language="en", participant_count=6,
                              template="custom", methods=[MethodId.WELLBEING]))
    store.save(path, workshop)
    from rich.console import Console

    with pytest.raises(KeyboardInterrupt), store.editing(path) as w:
        run(Session(path, w, UntilStep3(STEPS_1_AND_2), Console(quiet=True)))
    w = store.load(path)
    assert w.wellbeing.observations and w.agenda_item(MethodId.WELLBEING).step == 4
    return path


def spawn(path, env):
    return pexpect.spawn(sys.executable, ["-m", "dialogi", "run", str(path)], env=env, encoding="utf-8", timeout=20,
                         dimensions=(40, 120))


def answer(child, prompt: str, keys: str = ENTER) -> None:
    """Wait for the prompt, give it a moment to take the terminal (as a person would), then type."""
    child.expect_exact(prompt)
    time.sleep(0.15)
    child.send(keys)


def test_steps_3_to_5_interrupted_and_resumed(tmp_path, subprocess_env):
    path = prepared(tmp_path)
    # no cursor-position requests: pexpect does not answer them, and each prompt would wait a second
    env = {**subprocess_env, "TERM": "xterm"}

    child = spawn(path, env)
    answer(child, "What next?")  # continue the wellbeing plan
    child.expect_exact("Proposals – the themes")
    answer(child, "Ready?")
    answer(child, "Themes for grouping the proposals")  # none: one list
    answer(child, "Ready?")
    answer(child, "one proposal per line (1)", "Protected breaks" + ENTER)
    answer(child, "one proposal per line (2)", "Morning huddle" + ENTER)
    answer(child, "one proposal per line (3)", "Cover plan" + ENTER)
    answer(child, "one proposal per line (4)")
    answer(child, "Ready?")
    answer(child, "What do we do with the list?")  # the list is ready
    answer(child, "Ready?")
    answer(child, "How many goals do we choose?", ERASE + "2" + ENTER)
    answer(child, "Ready?")
    answer(child, "How do we vote?")  # dots
    answer(child, "How many dots does each voter have?")  # 1
    answer(child, "How many dots can one voter put on one option at most?")
    answer(child, "Does the facilitator vote too?")  # no
    answer(child, "how do we settle it?")  # a runoff
    answer(child, "How are the votes collected?")  # typed tallies
    answer(child, "How many people vote?")  # 6
    answer(child, "“Protected breaks”: dots in total", ERASE + "3" + ENTER)
    answer(child, "“Morning huddle”: dots in total", ERASE + "2" + ENTER)
    answer(child, "“Cover plan”: dots in total", ERASE + "1" + ENTER)
    answer(child, "Ready?")
    answer(child, "By which date do we aim to reach these goals?", ERASE + "30.11.2027" + ENTER)
    answer(child, "Ready?")
    child.expect_exact("Goal 1 of 2: Protected breaks")
    answer(child, "What is the benefit to me?", "A real break" + ENTER)
    answer(child, "What is the benefit to the employer?", "Fewer errors" + ENTER)
    answer(child, "What is the benefit to our clients?", "Safer afternoons" + ENTER)
    answer(child, "What might stand in the way", "Alarms at lunchtime" + ENTER)
    answer(child, "What skills, knowledge and resources", "Break pairs" + ENTER)
    answer(child, "Action 1 for this goal", "Break pairs on the whiteboard" + ENTER)
    answer(child, "Who is responsible for it?", "Chen" + ENTER)
    answer(child, "Due by?", "31.1.2027" + ENTER)
    child.expect_exact("Action 2 for this goal")
    time.sleep(0.15)
    child.sendintr()
    child.expect_exact("Continue where you left off with: dialogi run")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    saved = store.load(path)
    wb = saved.wellbeing
    assert [g.title for g in wb.goals] == ["Protected breaks", "Morning huddle"]
    assert wb.votes[0].tallies == {"p1": 3, "p2": 2, "p3": 1} and wb.goal_count == 2
    assert wb.target_date == dt.date(2027, 11, 30)
    g1 = wb.goals[0]
    assert (g1.benefit_me, g1.obstacles, g1.resources) == ("A real break", "Alarms at lunchtime", "Break pairs")
    assert [(a.text, a.owner, a.due) for a in g1.actions] == [("Break pairs on the whiteboard", "Chen", dt.date(2027, 1, 31))]
    item = saved.agenda_item(MethodId.WELLBEING)
    assert item.status == Status.IN_PROGRESS and item.position > 0

    child = spawn(path, env)
    answer(child, "What next?")  # continue
    answer(child, "Action 2 for this goal")  # right where we stopped; nothing more for goal 1
    answer(child, "Change an action before moving on?")  # no, move on
    child.expect_exact("Goal 2 of 2: Morning huddle")
    for question in ("benefit to me", "benefit to the employer", "benefit to our clients", "stand in the way", "resources"):
        answer(child, question)
    answer(child, "Action 1 for this goal", "Huddle at 7.15 by the whiteboard" + ENTER)
    answer(child, "Who is responsible for it?", "Anna" + ENTER)
    answer(child, "Due by?", "next spring" + ENTER)
    child.expect_exact("“next spring” is not a date")
    answer(child, "Due by?", ERASE * 2 + "15.2.2027" + ENTER)
    answer(child, "Action 2 for this goal")
    answer(child, "Change an action before moving on?")
    # before the written plan: look at the plan so far, then start the step
    answer(child, "Ready?", DOWN * 4 + ENTER)
    child.expect_exact("Wellbeing plan")
    child.expect_exact("Huddle at 7.15 by the whiteboard")
    answer(child, "Ready?")
    answer(child, "What could be better?", "Everyone gets a real break" + ENTER)
    answer(child, "When do we start, and by when is it done?", "Trial January to April" + ENTER)
    answer(child, "How do we follow progress?", "Show of hands monthly" + ENTER)
    answer(child, "Which indicator shows success", UP * 2 + ENTER)  # the sickness absence rate
    answer(child, "Target value for “Sickness absence rate”, in %", "4,5" + ENTER)
    answer(child, "Which way is better for “Sickness absence rate”?")  # lower: read from the value and the target
    answer(child, "What could be better?")  # goal 2: left open
    answer(child, "When do we start")
    answer(child, "How do we follow progress?")
    answer(child, "Which indicator shows success")  # none
    answer(child, "Ready?")
    answer(child, "Earlier unfinished work to carry on, 1", "Finish the induction folder" + ENTER)
    answer(child, "Who is responsible for it?", "Fatima" + ENTER)
    answer(child, "Due by?")
    answer(child, "Earlier unfinished work to carry on, 2")
    answer(child, "Change an action before moving on?")
    answer(child, "Ready?")
    answer(child, "When do we look together at how the plan is going?")  # a year from the workshop
    answer(child, "Ready?")
    child.expect_exact("Goal 2: Morning huddle")
    answer(child, "When the group is ready")
    answer(child, "What next?")  # stop here
    child.expect_exact("Every method on the agenda is done")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    wb = store.load(path).wellbeing
    g1, g2 = wb.goals
    assert [(a.text, a.owner, a.due) for a in g2.actions] == [("Huddle at 7.15 by the whiteboard", "Anna", dt.date(2027, 2, 15))]
    assert len(g1.actions) == 1
    assert (g1.improvement, g1.schedule, g1.follow_up) == ("Everyone gets a real break", "Trial January to April", "Show of hands monthly")
    assert (g1.indicator, g1.target_value) == ("sickness-absence-rate", 4.5)
    assert next(i for i in wb.indicators if i.id == g1.indicator).direction == "lower"
    assert (g2.improvement, g2.indicator, g2.target_value) == ("", "", None)
    assert [(a.text, a.owner) for a in wb.carried_over] == [("Finish the induction folder", "Fatima")]
    assert wb.follow_up_date == dt.date(2027, 11, 16)
    assert store.load(path).agenda_item(MethodId.WELLBEING).status == Status.DONE
