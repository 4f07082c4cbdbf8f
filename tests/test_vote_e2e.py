"""End to end in a real pseudo-terminal, 80 columns: a secret dot ballot of three voters that
ties at the cut-off under the runoff policy, and Ctrl-C in the middle of a secret ballot.

What the group sees is read from the bytes the terminal got: the chart and the tie stay on
the screen (no clear-screen sequence is sent) until the facilitator presses Enter.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

from dialogi.new_workshop import Metadata, build  # noqa: E402
from dialogi.record import store  # noqa: E402
from dialogi.record.models import Item, MethodId, Status, TiePolicy  # noqa: E402

ENTER = "\r"
DOWN = "\x1b[B"
BACKSPACE = "\x7f"
CLEARS = ("\x1b[2J", "\x1b[3J")

LONG = ("We answer the team phone in turns, so that nobody is left alone with all the calls during "
        "the busiest hours of the morning.")
PROPOSALS = [LONG, "We greet each other in the morning.", "We take our breaks.", "We wash our own cups."]


def at_the_vote(tmp_path):
    """A rules workshop of three, its four proposals written down, the next step the vote."""
    w = build(Metadata(title="E2E votes", language="en", participant_count=3, template="custom", methods=[MethodId.RULES]))
    w.date = dt.date(2026, 11, 23)
    w.rules.themes = ["information"]
    w.rules.proposals = [Item(id=f"p{n}", text=text, theme="information") for n, text in enumerate(PROPOSALS, 1)]
    w.rules.decision, w.rules.top = "vote", 2
    item = w.agenda_item(MethodId.RULES)
    item.status, item.step = Status.IN_PROGRESS, 5
    path = tmp_path / "votes.toml"
    store.save(path, w)
    return path


def spawn(path, env):
    return pexpect.spawn(sys.executable, ["-m", "dialogi", "run", str(path)], env=env, encoding="utf-8", timeout=20,
                         dimensions=(40, 80))


def answer(child, prompt: str, keys: str = ENTER) -> None:
    """Wait for the prompt, give it a moment to take the terminal (as a person would), then type."""
    child.expect_exact(prompt)
    time.sleep(0.15)
    child.send(keys)


def plain(screen: str) -> str:
    """The terminal's bytes as running text: escape sequences, panel borders and line breaks gone."""
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", screen)
    return " ".join(re.sub(r"[│╭╮╰╯]", " ", screen).split())


def settings(child) -> None:
    answer(child, "What next?")  # continue the rules of the game
    answer(child, "Ready?")  # start the vote
    answer(child, "How do we vote?")  # dots
    answer(child, "How many dots does each voter have?")  # 1 (a third of 4)
    answer(child, "How many dots can one voter put on one option at most?")
    answer(child, "Does the facilitator vote too?")  # no
    answer(child, "how do we settle it?")  # a runoff among the tied
    answer(child, "How are the votes collected?", DOWN + ENTER)  # secret ballots
    answer(child, "How many people vote?")  # the three participants


def ballot(child, position: int) -> None:
    """One voter: ready, no dots until ``position``, one dot there, and "yes, this is my ballot"."""
    answer(child, "When you are ready to vote:")
    for n in range(position + 1):
        answer(child, "How many dots for this one?", (BACKSPACE + "1" + ENTER) if n == position else ENTER)
    answer(child, "Is this your ballot?")


@pytest.fixture
def env(subprocess_env):
    return {**subprocess_env, "TERM": "xterm", "COLUMNS": "80", "LINES": "40"}


def test_a_tie_at_a_secret_ballot_stays_on_screen_then_the_runoff_and_both_rounds_are_saved(tmp_path, env):
    path = at_the_vote(tmp_path)
    child = spawn(path, env)
    settings(child)
    for position in (0, 1, 2):  # p1, p2, p3 a dot each: a tie for the two places
        ballot(child, position)
    answer(child, "Everyone has voted (voters: 3)")  # show the result

    child.expect_exact("When everyone has seen the result:")
    shown = child.before
    assert not any(clear in shown for clear in CLEARS), "the screen was cleared after the reveal"
    text = plain(shown)
    assert "█" in text  # the chart
    assert "Tie: “" in text and "As agreed before the vote, a runoff among the tied decides the remaining places: 2." in text
    time.sleep(0.15)
    child.send(ENTER)  # on to the runoff

    child.expect_exact("Voter 1 of 3: your turn")
    first = plain(child.before.split("\x1b[3J")[-1])  # the runoff's first screen
    assert "Runoff" in first and "The first round left these proposals tied at the cut-off" in first
    for text in PROPOSALS[:3]:
        assert text in first, text  # the tied proposals in full
    assert PROPOSALS[3] not in first
    for position in (0, 0, 1):  # the runoff: p1, p1, p2
        ballot(child, position)
    answer(child, "Everyone has voted (voters: 3)")
    child.expect_exact("Ready?")  # the next step: the vote is over
    after = plain(child.before)
    assert "The runoff's result:" in after and f"Went through: “{LONG}”, “We greet each other in the morning.”" in after
    time.sleep(0.15)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    (vote,) = store.load(path).rules.votes
    assert vote.secret and vote.voters == 3
    assert vote.tallies == {"p1": 1, "p2": 1, "p3": 1, "p4": 0}  # round 1
    assert vote.tie.options == ["p1", "p2", "p3"] and vote.tie.runoff == {"p1": 2, "p2": 1, "p3": 0}  # round 2
    assert (vote.tie.policy, vote.tie.settled_by) == (TiePolicy.RUNOFF, TiePolicy.RUNOFF)
    assert vote.tie.runoff_round.voters == 3 and vote.tie.runoff_round.secret
    assert vote.winners == ["p1", "p2"]
    text = path.read_text("utf-8")
    assert "secret." not in text and "ballot" not in text.lower()


def test_ctrl_c_in_a_secret_ballot_says_ballots_are_never_saved_and_the_vote_starts_again(tmp_path, env):
    path = at_the_vote(tmp_path)
    child = spawn(path, env)
    settings(child)
    ballot(child, 0)
    answer(child, "When you are ready to vote:")  # the second voter
    child.expect_exact("How many dots for this one?")
    time.sleep(0.15)
    child.sendintr()
    child.expect(pexpect.EOF)
    said = plain(child.before)
    child.close()
    assert child.exitstatus == 130
    assert "Secret ballots are never saved" in said and "the vote starts again from the first voter" in said
    assert "Everything answered so far is saved" not in said
    assert store.load(path).rules.votes == []

    child = spawn(path, env)
    answer(child, "What next?")
    answer(child, "Ready?")
    answer(child, "How do we vote?")  # the vote from its start
    for prompt in ("How many dots does each voter have?", "How many dots can one voter put on one option at most?",
                   "Does the facilitator vote too?", "how do we settle it?"):
        answer(child, prompt)
    answer(child, "How are the votes collected?", DOWN + ENTER)
    answer(child, "How many people vote?")
    child.expect_exact("Voter 1 of 3: your turn")  # from the first voter
    time.sleep(0.15)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
