"""What the group sees during a vote, at the keyboard: nothing vanishes before the facilitator
moves on, every screen names what is decided in full, and a voter's ballot is theirs to check.

Each test drives the questionary asker on a pipe and notes what the console showed when each
question came (``keyboard.Screen``), so "on the screen" means: shown since the last clear.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dialogi.engine.session import Session
from dialogi.engine.vote_step import ConsentStep, VoteStep
from dialogi.methods.rules import hints
from dialogi.record import store
from dialogi.record.models import Rule, TiePolicy, Workshop

from keyboard import BACKSPACE, CLEAR, CTRL_C, DOWN, ENTER, SPACE, UP, Screen, number, terminal

LONG = ("Vastaamme tiimin puhelimeen vuorotellen, jotta kenenkään ei tarvitse jäädä yksin hoitamaan kaikkia "
        "puheluita aamun kiireisimpinä tunteina ennen ensimmäisiä käyntejä.")
OPTIONS = {"a": LONG, "b": "Tervehdimme toisiamme aamulla.", "c": "Tiskaamme kupit.", "d": "Pidämme tauot."}
NAMES = ["Aino", "Mikko", "Leena"]


def workshop(names: list[str] | None = None, participants: int = 3) -> Workshop:
    return Workshop(title="Votes", date=dt.date(2026, 11, 23), language="en", participant_count=participants,
                    participants=names or [], facilitator="Sari")


def session(tmp_path: Path, asker, w: Workshop) -> Session:
    path = tmp_path / "w.toml"
    store.save(path, w)
    return Session(path, w, asker, asker.console)


def vote_step(select: int = 2) -> VoteStep:
    return VoteStep("t.vote", "rules_ui.step_vote", options=lambda s: dict(OPTIONS), select=lambda s: select,
                    votes=lambda s: s.workshop.rules.votes, subject_key="rules_ui.vote_subject")


def settings_keys(secret: bool = True, policy_down: int = 0) -> list[str]:
    return [
        ENTER,  # dots
        ENTER, ENTER,  # budget 1 (a third of 4), cap 1
        ENTER,  # the facilitator does not vote
        DOWN * policy_down + ENTER,  # ties: runoff (0), discuss (1), keep all (2)
        (DOWN + ENTER) if secret else ENTER,  # secret ballots / typed tallies
    ]


def one_dot(position: int) -> list[str]:
    """A ballot of one dot on the option at ``position`` (0-based) of those shown, confirmed."""
    return [ENTER] + [ENTER] * position + [number(1), ENTER]  # ready, 0 … 0, 1 (the ballot is full), "yes"


def flat(text: str) -> str:
    """What was shown as running text: line breaks and panel borders undone."""
    return " ".join(re.sub(r"[│╭╮╰╯]", " ", text).split())


# -- 1. a tie at a secret ballot ------------------------------------------------------------


def test_a_tie_stays_on_screen_until_the_facilitator_moves_on_then_the_runoff(tmp_path):
    """a, b and c get a dot each: a tie for two places. The chart and the tie stay until Enter;
    the runoff's first screen says why, with the tied proposals in full; then its result."""
    keys = settings_keys() + [ENTER]  # voters: the three participants
    keys += one_dot(0) + one_dot(1) + one_dot(2)  # a, b, c
    keys += [ENTER]  # show the result
    keys += [ENTER]  # "On to the runoff"
    keys += one_dot(0) + one_dot(0) + one_dot(1)  # runoff among a, b, c: a, a, b
    keys += [ENTER]  # show the runoff's result
    screen = Screen(keys, terminal())
    with screen:
        s = session(tmp_path, screen, workshop())
        vote_step().run_unit(s, 0)
        s.save()
    assert screen.keys == []

    asked = screen.keys_asked()
    assert asked.index("t.vote.reveal") < asked.index("t.vote.tie.continue") < asked.index("t.vote.runoff.secret.1.ready")
    before_enter = flat(screen.on_screen("t.vote.tie.continue"))
    assert "█" in before_enter  # the chart, not cleared since the reveal
    assert "Tie: “" in before_enter
    assert "As agreed before the vote, a runoff among the tied decides the remaining places: 2." in before_enter

    runoff_screen = flat(screen.on_screen("t.vote.runoff.secret.1.ready"))
    assert "Runoff" in runoff_screen and "The first round left these proposals tied at the cut-off" in runoff_screen
    for text in (LONG, "Tervehdimme toisiamme aamulla.", "Tiskaamme kupit."):
        assert text in runoff_screen  # in full, wrapped and not cut
    assert "Pidämme tauot." not in runoff_screen
    assert "Voter 1 of 3: your turn" in runoff_screen

    shown = screen.console.file.getvalue()
    after_runoff = flat(shown[shown.rfind(CLEAR):])
    assert "The runoff's result:" in after_runoff
    assert f"Went through: “{LONG}”, “Tervehdimme toisiamme aamulla.”" in after_runoff

    vote = store.load(s.path).rules.votes[0]
    assert vote.tallies == {"a": 1, "b": 1, "c": 1, "d": 0} and vote.secret and vote.voters == 3
    assert (vote.tie.policy, vote.tie.settled_by) == (TiePolicy.RUNOFF, TiePolicy.RUNOFF)
    assert vote.tie.runoff == {"a": 2, "b": 1, "c": 0} and vote.winners == ["a", "b"]
    second = vote.tie.runoff_round
    assert (second.voters, second.secret, second.budget, second.winners, second.tied) == (3, True, 1, ["a", "b"], [])


def test_a_runoff_that_ties_again_says_so_before_the_discussion(tmp_path):
    keys = settings_keys(secret=False) + [ENTER]  # typed tallies, 3 voters
    keys += [number(1), number(1), number(1), ENTER]  # a, b, c tie for two places
    keys += [ENTER]  # on to the runoff
    keys += [ENTER, ENTER, ENTER]  # the runoff: 0, 0, 0 — all tied again
    keys += [SPACE + ENTER, "Aino muistutti aamun kiireestä." + ENTER]  # the group takes a; the reason
    screen = Screen(keys, terminal())
    with screen:
        s = session(tmp_path, screen, workshop())
        vote_step().run_unit(s, 0)
    shown = flat(screen.on_screen("t.vote.tie.chosen"))
    assert "The runoff tied again (places left: 2). As agreed, the group now decides by talking it over" in shown
    assert shown.index("The runoff's result:") < shown.index("The runoff tied again")
    assert "the group decides together" not in shown  # said once
    tie = s.workshop.rules.votes[0].tie
    assert (tie.policy, tie.settled_by, tie.chosen) == (TiePolicy.RUNOFF, TiePolicy.DISCUSS, ["a"])
    assert tie.runoff_round.tied == ["a", "b", "c"] and tie.reason == "Aino muistutti aamun kiireestä."


# -- 5. Ctrl-C during a secret ballot -------------------------------------------------------


def test_ctrl_c_during_a_secret_ballot_says_the_vote_starts_again_from_the_first_voter(tmp_path):
    from dialogi.engine.steps import HeldInMemory

    keys = settings_keys() + [ENTER] + one_dot(0) + [ENTER, CTRL_C]  # the second voter is ready, then Ctrl-C
    screen = Screen(keys, terminal())
    with screen, pytest.raises(HeldInMemory) as stopped:
        vote_step().run_unit(session(tmp_path, screen, workshop()), 0)
    assert stopped.value.message_key == "engine.interrupted_ballots"
    from dialogi.i18n import t

    message = t("engine.interrupted_ballots", "en", file="w.toml", command="dialogi run w.toml")
    assert "Secret ballots are never saved" in message and "starts again from the first voter" in message
    assert "Everything answered so far is saved" not in message
    assert store.load(tmp_path / "w.toml").rules.votes == []


# -- 6. the ballot itself -------------------------------------------------------------------


def test_a_voter_sees_the_ballot_confirms_unused_dots_and_may_change_it(tmp_path):
    keys = [ENTER, number(2), ENTER, ENTER, ENTER, DOWN + ENTER]  # dots, 2 each, cap 2, no, runoff, secret
    keys += [DOWN + ENTER]  # call by number
    keys += [number(1)]  # one voter
    keys += [ENTER, number(1), BACKSPACE + ENTER, ENTER, ENTER]  # a 1, b empty (= 0), c 0, d 0
    keys += [DOWN + ENTER]  # 1 dot left: "No, I want to change it"
    keys += [ENTER, ENTER, number(1)]  # a 1 (kept), b 0, c 1: the ballot is full
    keys += [ENTER]  # "Yes, this is my ballot"
    keys += [ENTER]  # show the result
    screen = Screen(keys, terminal())
    with screen:
        s = session(tmp_path, screen, workshop(names=NAMES))
        vote_step().run_unit(s, 0)
    assert screen.keys == []
    first_look, second_look = [flat(shown.split(CLEAR)[-1]) for key, shown in screen.asked if key == "t.vote.secret.1.confirm"]
    assert "Your ballot" in first_look and f"1 ● 1. {LONG}" in first_look and "Dots left unused: 1." in first_look  # in full
    assert "Mikko" not in first_look  # called by number, as the facilitator chose
    assert "1 ● 1." in second_look.split("Your ballot")[-1] and "1 ● 3. Tiskaamme kupit." in second_look
    assert "Dots left unused" not in second_look.split("Your ballot")[-1]
    assert s.workshop.rules.votes[0].tallies == {"a": 1, "b": 0, "c": 1, "d": 0}


def test_voters_are_called_by_name_when_the_workshop_has_names(tmp_path):
    keys = settings_keys() + [ENTER]  # call them by name: no count asked
    keys += one_dot(0) + one_dot(1) + one_dot(1) + [ENTER]
    screen = Screen(keys, terminal())
    with screen:
        s = session(tmp_path, screen, workshop(names=NAMES))
        vote_step().run_unit(s, 0)
    assert "t.vote.voters" not in screen.keys_asked()
    for n, name in enumerate(NAMES, 1):
        assert f"{name}, your turn (voter {n} of 3)" in flat(screen.on_screen(f"t.vote.secret.{n}.ready"))
    assert s.workshop.rules.votes[0].voters == 3


# -- 2. a secret fist to five ---------------------------------------------------------------


def consent_step(threshold: int = 3) -> ConsentStep:
    return ConsentStep("t.consent", "rules_ui.step_consent", items=lambda s: s.workshop.rules.agreed,
                       key=lambda rule: rule.id, threshold=lambda s: threshold, hints=hints)


def test_each_secret_fist_to_five_voter_sees_the_rule_and_the_result_is_said_once(tmp_path):
    w = workshop()
    w.rules.agreed = [Rule(id="r1", text=LONG)]
    keys = [DOWN + ENTER, ENTER]  # secret; the three participants
    for fingers in (4, 3, 5):
        keys += [ENTER, DOWN * (fingers - 3) + ENTER]  # ready; the list starts at 3
    keys += [ENTER]  # show the result
    screen = Screen(keys, terminal())
    with screen:
        s = session(tmp_path, screen, w)
        consent_step().run_unit(s, 0)
    for n in (1, 2, 3):
        voter = flat(screen.on_screen(f"t.consent.r1.secret.{n}.value"))
        assert LONG in voter and f"Voter {n} of 3" in voter
    shown = screen.console.file.getvalue()
    result = flat(shown[shown.rfind(CLEAR):])
    assert LONG in result and "Result: accepted" in result
    assert flat(shown).count("Result: accepted") == 1 and "Accepted." not in shown  # said once
    assert s.workshop.rules.agreed[0].consent.accepted


# -- 3. a "2" gets heard --------------------------------------------------------------------


def test_at_the_keyboard_a_2_opens_the_concerns_then_the_reworded_rule_passes(tmp_path):
    w = workshop()
    w.rules.agreed = [Rule(id="r1", text="We never leave messages unread.")]
    keys = [ENTER, "0 0 1 1 1 0" + ENTER]  # hands up; one shows 2
    keys += ["Too many messages come in; we cannot read them all." + ENTER]  # the concerns
    keys += [ENTER]  # reword it and show hands again
    keys += ["\x15We read the team's messages at the start of the shift." + ENTER]  # the new wording (Ctrl-U clears)
    keys += [ENTER, "0 0 0 1 1 1" + ENTER]  # hands again: everyone at 3 or more
    screen = Screen(keys, terminal())
    with screen:
        s = session(tmp_path, screen, w)
        consent_step().run_unit(s, 0)
        s.save()
    concerns = flat(screen.on_screen("t.consent.r1.concerns"))
    assert "Let us hear the concerns" in concerns and "1 showed less than 3" in concerns
    assert "We never leave messages unread." in concerns
    assert "phrased as a prohibition" in flat(screen.on_screen("t.consent.r1.text"))  # the hints, before rewording
    assert "Hands again, round 2." in flat(screen.console.file.getvalue())
    rule = store.load(s.path).rules.agreed[0]
    assert rule.text == "We read the team's messages at the start of the shift." and rule.in_force
    assert rule.consent.accepted and rule.consent.options == {"r1": "We read the team's messages at the start of the shift."}
    (first,) = rule.earlier_checks
    assert first.accepted is False and first.concerns.startswith("Too many messages")
    assert first.options == {"r1": "We never leave messages unread."}
    assert [k for k in screen.keys_asked() if k.startswith("t.consent")] == [
        "t.consent.r1.collect", "t.consent.r1.counts", "t.consent.r1.concerns", "t.consent.r1.next", "t.consent.r1.text",
        "t.consent.r1.round2.collect", "t.consent.r1.round2.counts",
    ]


# -- 7. long proposals at 60 columns --------------------------------------------------------


def test_an_approval_ballot_at_60_columns_shows_every_proposal_in_full(tmp_path, monkeypatch):
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from dialogi.prompts import Choice, TerminalAsker

    monkeypatch.setenv("COLUMNS", "60")
    out = __import__("io").StringIO()
    output = Vt100_Output(out, lambda: Size(rows=30, columns=60), term="xterm")
    with create_pipe_input() as pipe:
        asker = TerminalAsker(input=pipe, output=output)
        pipe.send_text(SPACE + ENTER)
        picked = asker.checkbox("k", "Which do you approve?", [Choice(o, t) for o, t in OPTIONS.items()])
    assert picked == ["a"]
    while_asked = out.getvalue().split("\x1b[?2004l")[0]  # the list as drawn, before the answer's own line
    drawn = " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", while_asked).split())
    for word in LONG.split():
        assert word in drawn, word  # the last words too: nothing cut at the edge
    from dialogi.prompts import wrap_label

    lines = wrap_label(LONG, 5).split("\n")
    assert len(lines) > 2 and all(len(line) <= 59 for line in lines)
    assert all(line.startswith(" " * 5) for line in lines[1:])
    assert " ".join(line.strip() for line in lines) == LONG


# -- 9. typed tallies with the wrong number of voters ---------------------------------------


def test_a_wrong_voter_count_is_corrected_where_the_check_finds_it(tmp_path):
    keys = settings_keys(secret=False) + [number(2)]  # typed: 2 voters (in truth 3)
    keys += [number(1), number(1), number(1), ENTER]  # 3 dots: more than 2 voters x 1
    keys += [DOWN + ENTER]  # what is wrong? the number of voters
    keys += [number(3)]  # 3
    keys += [ENTER]  # on to the runoff (a, b, c tie for two places)
    keys += [number(2), number(1), ENTER]  # the runoff: a 2, b 1
    screen = Screen(keys, terminal())
    with screen:
        s = session(tmp_path, screen, workshop())
        vote_step().run_unit(s, 0)
    assert screen.keys == []
    vote = s.workshop.rules.votes[0]
    assert vote.voters == 3 and vote.tallies == {"a": 1, "b": 1, "c": 1, "d": 0} and vote.winners == ["a", "b"]


def test_more_voters_than_people_in_the_room_is_questioned(tmp_path):
    keys = settings_keys(secret=False) + [BACKSPACE + "12" + ENTER]  # 12 voters: 3 participants + the facilitator?
    keys += [DOWN + ENTER]  # "Is that right?" no
    keys += [BACKSPACE * 2 + "4" + ENTER]  # 4
    keys += [number(2), number(1), ENTER, ENTER]
    screen = Screen(keys, terminal())
    with screen:
        s = session(tmp_path, screen, workshop())
        vote_step().run_unit(s, 0)
    assert screen.keys_asked().count("t.vote.voters") == 2 and "t.vote.voters_ok" in screen.keys_asked()
    assert s.workshop.rules.votes[0].voters == 4


# -- 8. a vote taken again ------------------------------------------------------------------


@pytest.mark.parametrize("choice, kept", [(ENTER, 2), (UP + ENTER, 1)])
def test_a_vote_taken_again_says_so_and_asks_replace_or_keep_both(tmp_path, choice, kept):
    w = workshop()
    typed = settings_keys(secret=False, policy_down=2) + [ENTER, number(2), number(1), ENTER, ENTER]
    screen = Screen(typed + [choice] + typed, terminal())
    with screen:
        s = session(tmp_path, screen, w)
        vote_step().run_unit(s, 0)
        vote_step().run_unit(s, 0)
    assert "This vote has been taken already (2026-11-23; went through: “" in flat(screen.on_screen("t.vote.again"))
    assert len(s.workshop.rules.votes) == kept
