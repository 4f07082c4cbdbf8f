"""End to end in a real pseudo-terminal: drafting rules, a secret ballot of three, agreeing."""

from __future__ import annotations

import sys
import time

import pytest

from posix_only import pexpect_spawn  # noqa: E402

pexpect = pexpect_spawn()

from dialogi.new_workshop import Metadata, build  # noqa: E402
from dialogi.record import store  # noqa: E402
from dialogi.record.models import MethodId, Status, VoteMethod  # noqa: E402

ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
BACKSPACE = "\x7f"


def spawn(path, env):
    return pexpect.spawn(
        sys.executable, ["-m", "dialogi", "run", str(path)], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120)
    )


def answer(child, prompt: str, keys: str = ENTER) -> None:
    """Wait for the prompt, give it a moment to take the terminal (as a person would), then type."""
    child.expect_exact(prompt)
    time.sleep(0.15)
    child.send(keys)


def test_drafting_a_secret_ballot_and_agreeing(tmp_path, subprocess_env):
    path = tmp_path / "rules.toml"
    meta = Metadata(title="E2E rules", language="en", participant_count=3, template="custom", methods=[MethodId.RULES])
    store.save(path, build(meta))
    # nothing in a test answers the cursor-position request; prompt_toolkit would wait a second for it each time
    env = {**subprocess_env, "TERM": "xterm", "NO_COLOR": "1", "DIALOGI_LANG": "en"}

    child = spawn(path, env)
    answer(child, "What next?")  # start the working agreements
    answer(child, "Ready?")
    answer(child, "When the group is ready")  # the intro card
    answer(child, "Ready?")
    answer(child, "Which themes do we work on today?", DOWN + DOWN + SPACE + DOWN + SPACE + ENTER)  # not conduct, overload
    answer(child, "Own theme 1")  # none
    answer(child, "Ready?")
    answer(child, "Information flow and communication: one proposal per line (1)", "We answer the team phone in turns." + ENTER)
    answer(child, "one proposal per line (2)", "Never leave messages unread" + ENTER)
    child.expect_exact("phrased as a prohibition")  # a gentle hint, before the line is taken
    answer(child, "Do we keep the wording?")  # keep it as it is
    answer(child, "one proposal per line (3)")
    answer(child, "How we treat each other: one proposal per line (1)", "We greet each other in the morning." + ENTER)
    answer(child, "one proposal per line (2)")
    answer(child, "Ready?")
    answer(child, "What do we do with the list?", DOWN + ENTER)  # edit the wording of one
    answer(child, "Which one?", DOWN + ENTER)  # p2
    answer(child, "The new wording:", "\x15" + "We read team messages at the start of the shift." + ENTER)  # Ctrl-U clears
    answer(child, "What do we do with the list?")  # the list is ready
    answer(child, "Ready?")
    answer(child, "How do we decide which proposals become our agreements?")  # a vote
    answer(child, "How many proposals go through the vote?", BACKSPACE + "2" + ENTER)
    answer(child, "Ready?")
    answer(child, "How do we vote?")  # dots
    answer(child, "How many dots does each voter have?")  # 1 (a third of 3)
    answer(child, "How many dots can one voter put on one option at most?")
    answer(child, "Does the facilitator vote too?")  # no
    answer(child, "how do we settle it?")  # a runoff
    answer(child, "How are the votes collected?", DOWN + ENTER)  # secret ballots
    answer(child, "How many people vote?")  # the three participants
    for ballot in ([1, 0, 0], [0, 1, 0], [1, 0, 0]):
        child.expect_exact("your turn")
        answer(child, "When you are ready to vote:")
        for dots in ballot:
            answer(child, "How many dots for this one?", (BACKSPACE + str(dots) if dots else "") + ENTER)
            if dots:
                break  # one dot each: the ballot is full
        answer(child, "Is this your ballot?")  # yes
    answer(child, "Everyone has voted (voters: 3)")  # show the result
    child.expect_exact("We answer the team phone in turns.")
    answer(child, "Ready?")
    for _ in range(2):
        answer(child, "The agreement in its final wording")
        answer(child, "Under which theme does the agreement belong?")
    answer(child, "Ready?")
    answer(child, "How do we notice that the agreement is being followed?", "The phone never rings long." + ENTER)
    answer(child, "Who is the keeper of this agreement?", "Mikko" + ENTER)
    answer(child, "How do we notice that the agreement is being followed?", "Nobody misses a change." + ENTER)
    answer(child, "Who is the keeper of this agreement?", "Leena" + ENTER)
    answer(child, "Ready?")
    answer(child, "When do we review the agreements?")  # three months on
    answer(child, "Ready?")
    child.expect_exact("Our working agreements")
    answer(child, "When the group is ready")
    answer(child, "What next?")  # everything is done: stop
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    w = store.load(path)
    assert w.agenda_item(MethodId.RULES).status == Status.DONE
    r = w.rules
    assert r.themes == ["information", "encounter"]
    assert [p.text for p in r.proposals if p.active] == [
        "We answer the team phone in turns.", "We read team messages at the start of the shift.", "We greet each other in the morning."
    ]
    (vote,) = r.votes
    assert vote.method == VoteMethod.DOTS and vote.secret is True and vote.voters == 3
    assert vote.tallies == {"p1": 2, "p2": 1, "p3": 0} and vote.winners == ["p1", "p2"]
    assert [(rule.text, rule.observed_by, rule.keeper) for rule in r.agreed] == [
        ("We answer the team phone in turns.", "The phone never rings long.", "Mikko"),
        ("We read team messages at the start of the shift.", "Nobody misses a change.", "Leena"),
    ]
    assert r.review_date is not None and (r.review_date - w.date).days > 85
    text = path.read_text("utf-8")
    assert "secret." not in text and "ballot" not in text.lower()
