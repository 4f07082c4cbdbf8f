"""dialogi review in a real pseudo-terminal: a rules review, Ctrl-C in the middle, and the rest later."""

from __future__ import annotations

import datetime as dt
import sys
import time

import pytest

from posix_only import pexpect_spawn  # noqa: E402

pexpect = pexpect_spawn()

from dialogi.record import store  # noqa: E402
from dialogi.record.models import Compliance, RuleDecision  # noqa: E402
from followup_workshops import workshop, write  # noqa: E402

ENTER = "\r"
DOWN = "\x1b[B"


def spawn(path, env, *options):
    return pexpect.spawn(
        sys.executable, ["-m", "dialogi", "review", str(path), *options], env=env, encoding="utf-8", timeout=20,
        dimensions=(40, 120),
    )


def answer(child, prompt: str, keys: str = ENTER) -> None:
    """Wait for the prompt, give it a moment to take the terminal (as a person would), then type."""
    child.expect_exact(prompt)
    time.sleep(0.15)
    child.send(keys)


def test_rules_review_interrupted_and_continued(tmp_path, subprocess_env):
    path = write(tmp_path / "ws.toml", workshop("en"))
    env = {**subprocess_env, "TERM": "xterm"}

    child = spawn(path, env, "--date", "2027-03-01")
    child.expect_exact("Agreement 1/3")
    answer(child, "How has this agreement been followed?", DOWN + ENTER)  # partly
    answer(child, "Observations and examples", "Evening shift misses messages" + ENTER)
    answer(child, "What do we do with this agreement?", DOWN + ENTER)  # reword
    answer(child, "The new wording:", "\x15We answer work messages within the shift." + ENTER)  # Ctrl-U clears the old text
    child.expect_exact("Agreement 2/3")
    answer(child, "How has this agreement been followed?")  # followed
    child.expect_exact("Observations and examples")
    time.sleep(0.15)
    child.sendintr()
    child.expect_exact("Continue where you left off with: dialogi review")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    saved = store.load(path)
    [review] = saved.reviews
    assert not review.complete and review.date == dt.date(2027, 3, 1)
    assert [(e.rule, e.compliance) for e in review.rules] == [("r1", Compliance.PARTLY), ("r2", Compliance.FOLLOWED)]
    assert review.rules[0].note == "Evening shift misses messages"
    assert review.rules[0].new_text == "We answer work messages within the shift."
    assert saved.rules.agreed[0].history == []  # decisions reach the rules when the review is complete

    child = spawn(path, env)
    child.expect_exact("Continuing the review of the working agreements (2027-03-01)")
    child.expect_exact("Agreement 2/3")  # right where we stopped
    answer(child, "How has this agreement been followed?")  # the saved answer is the default
    answer(child, "Observations and examples")
    answer(child, "What do we do with this agreement?", DOWN + DOWN + ENTER)  # drop
    child.expect_exact("Agreement 3/3")
    answer(child, "How has this agreement been followed?", DOWN + DOWN + ENTER)  # not followed
    answer(child, "Observations and examples")
    answer(child, "What do we do with this agreement?")  # keep
    answer(child, "A new agreement", "We thank each other for help." + ENTER)
    answer(child, "Under which theme?")
    answer(child, "How do we notice")
    answer(child, "Who is its keeper?", "Anna" + ENTER)
    answer(child, "A new agreement")  # no more
    answer(child, "A note on the review as a whole")
    answer(child, "When do we review the agreements next?")  # the default: three months on
    child.expect_exact("The review is complete")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    saved = store.load(path)
    [review] = saved.reviews
    assert review.complete
    assert [(e.rule, e.compliance, e.decision) for e in review.rules] == [
        ("r1", Compliance.PARTLY, RuleDecision.REWORD),
        ("r2", Compliance.FOLLOWED, RuleDecision.DROP),
        ("r3", Compliance.NOT_FOLLOWED, RuleDecision.KEEP),
    ]
    rules = {r.id: r for r in saved.rules.agreed}
    assert rules["r1"].text == "We answer work messages within the shift." and len(rules["r1"].history) == 2
    assert rules["r2"].dropped == dt.date(2027, 3, 1)
    assert rules["r4"].text == "We thank each other for help." and rules["r4"].keeper == "Anna"
    assert saved.rules.review_date == dt.date(2027, 6, 1)
