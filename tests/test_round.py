"""Speaking rounds: the state machine, the key-driven app, the command and a real terminal."""

from __future__ import annotations

import random
import sys
import textwrap
import threading

import pytest

from dialogi.errors import NoTerminal, UsageError
from dialogi.speaking_round import (
    Round,
    Status,
    clock_text,
    render_summary,
    run_round,
    screen,
    speakers_from,
)


class FakeClock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def line_texts(round_: Round, width: int = 80) -> list[str]:
    return ["".join(text for _, text in line) for line in screen(round_, width)]


# -- the state machine ----------------------------------------------------------------------


def test_countdown_runs_with_the_clock():
    clock = FakeClock()
    r = Round(["Anna", "Ben"], 120, clock=clock)
    assert (r.current, r.upcoming) == ("Anna", "Ben")
    assert r.remaining() == 120
    clock.advance(45.5)
    assert r.tick() == pytest.approx(74.5)
    assert not r.time_up
    assert clock_text(r.remaining()) == "01:15"


def test_time_up_is_shown_but_the_round_does_not_move_on():
    clock = FakeClock()
    r = Round(["Anna", "Ben"], 60, clock=clock)
    clock.advance(75)
    assert r.tick() == pytest.approx(-15)
    assert r.time_up
    assert r.current == "Anna"  # still Anna: the facilitator moves on
    texts = line_texts(r)
    assert "Time is up. Press Enter when the speaker has finished." in [line.strip() for line in texts]
    assert any("+00:15" in line for line in texts)


def test_pause_stops_the_clock():
    clock = FakeClock()
    r = Round(["Anna"], 60, clock=clock)
    clock.advance(10)
    r.pause_toggle()
    assert r.paused
    clock.advance(300)
    assert r.remaining() == pytest.approx(50)
    assert any(line.strip().startswith("Paused") for line in line_texts(r))
    r.pause_toggle()
    clock.advance(5)
    assert not r.paused
    assert r.remaining() == pytest.approx(45)
    r.next()
    summary = r.summary()
    assert summary.turns[0].seconds == pytest.approx(15)
    assert summary.elapsed == pytest.approx(315)  # pauses count in the whole round


def test_add_time_extends_the_current_speaker_only():
    clock = FakeClock()
    r = Round(["Anna", "Ben"], 60, clock=clock)
    clock.advance(70)
    assert r.tick() < 0 and r.time_up
    r.add_time(30)
    assert r.remaining() == pytest.approx(20)
    assert not r.time_up
    clock.advance(25)
    r.next()
    assert r.remaining() == 60  # Ben has the ordinary time
    r.next()
    anna = r.summary().turns[0]
    assert (anna.allotted, anna.added, anna.seconds) == (90, 30, 95)
    assert anna.over_time and anna.over_by == pytest.approx(5)
    with pytest.raises(ValueError):
        Round(["x"], 60, clock=clock).add_time(0)


def test_pass_and_next_record_turns_and_totals():
    clock = FakeClock()
    r = Round(["Anna", "Ben", "Cem"], 60, clock=clock)
    clock.advance(50)
    assert r.next()
    assert (r.index, r.current, r.upcoming) == (1, "Ben", "Cem")
    clock.advance(3)
    r.pass_turn()
    clock.advance(70)
    r.next()
    assert r.finished and r.current is None
    assert not r.next() and not r.pass_turn() and not r.pause_toggle()  # finished: no-ops
    s = r.summary()
    assert [(t.name, t.status, round(t.seconds)) for t in s.turns] == [
        ("Anna", Status.SPOKE, 50),
        ("Ben", Status.PASSED, 3),
        ("Cem", Status.SPOKE, 70),
    ]
    assert s.passed == ["Ben"]
    assert s.over_time == ["Cem"]
    assert s.total == pytest.approx(123)
    assert s.elapsed == pytest.approx(123)
    assert s.complete and not s.ended_early and not s.interrupted
    assert s.as_dict()["turns"][1] == {
        "name": "Ben", "seconds": 3, "allotted": 60, "status": "passed", "over_time": False,
    }


def test_next_speaker_starts_running_even_after_a_pause():
    clock = FakeClock()
    r = Round(["Anna", "Ben"], 60, clock=clock)
    r.pause_toggle()
    r.next()
    assert not r.paused
    clock.advance(10)
    assert r.remaining() == pytest.approx(50)


def test_ending_early_cuts_the_turn_and_marks_the_rest_not_reached():
    clock = FakeClock()
    r = Round(["Anna", "Ben", "Cem"], 60, clock=clock)
    clock.advance(20)
    r.next()
    clock.advance(10)
    r.end(interrupted=True)
    s = r.summary()
    assert [t.status for t in s.turns] == [Status.SPOKE, Status.CUT_SHORT, Status.NOT_REACHED]
    assert s.total == pytest.approx(30)
    assert s.ended_early and s.interrupted and not s.complete


def test_speakers_from_names_numbers_and_shuffle():
    assert speakers_from(["Anna", " Ben ", ""], None, False) == ["Anna", "Ben"]
    assert speakers_from(None, 4, False) == ["1", "2", "3", "4"]
    assert speakers_from(["Anna", "Ben"], 2, False) == ["Anna", "Ben"]
    shuffled = speakers_from([str(i) for i in range(20)], None, True, random.Random(7))
    assert sorted(shuffled, key=int) == [str(i) for i in range(20)] and shuffled != sorted(shuffled, key=int)
    with pytest.raises(UsageError) as e:
        speakers_from(None, None, False)
    assert "Who takes part?" in e.value.message()
    with pytest.raises(UsageError):
        speakers_from(None, 0, False)
    with pytest.raises(UsageError):
        speakers_from(["Anna"], 3, False)


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("width", [80, 50])
def test_screen_fits_the_terminal_and_keeps_its_height(lang, width):
    from dialogi import i18n

    i18n.set_language(lang)
    clock = FakeClock()
    r = Round(["Anna-Maija Virtanen-Kääriäinen", "Ben"], 120, clock=clock)
    heights = set()
    for step in (lambda: None, lambda: clock.advance(130), r.pause_toggle, r.next):
        step()
        texts = line_texts(r, width)
        heights.add(len(texts))
        assert max(len(line) for line in texts) < width, texts
    if width == 80:
        assert len(heights) == 1
    r = Round(["x" * 200], 60, clock=clock)
    assert max(len(line) for line in line_texts(r, width)) < width


def test_summary_table(capsys):
    from rich.console import Console

    clock = FakeClock()
    r = Round(["Anna", "Ben", "Cem"], 60, clock=clock)
    clock.advance(65)
    r.next()
    r.pass_turn()
    clock.advance(30)
    r.end()
    render_summary(r.summary(), Console(width=100))
    out = capsys.readouterr().out
    assert "The round was ended early" in out
    assert "over time by 00:05" in out
    assert "passed" in out and "Passed: Ben" in out
    assert "the round ended during this turn" in out
    assert "Speaking time in total 01:35" in out


# -- the app, driven through a pipe ---------------------------------------------------------


def run_with_keys(keys: str, speakers: list[str], clock=None):
    """Run the round app on a pipe; afterwards read one line with a plain PromptSession."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)  # all at once: the round reads them in one go, leftovers included
        guard = threading.Timer(5, pipe.close)  # a round that never ends fails instead of hanging
        guard.start()
        try:
            summary = run_round(speakers, 60, clock=clock or FakeClock(), refresh=0.05)
            after = PromptSession().prompt() if keys.endswith("\r") else None
        finally:
            guard.cancel()
    return summary, after


def test_round_app_hands_the_leftover_keys_to_the_next_prompt():
    # Anna: next (Enter); Ben: pause, resume, add time, pass; Cem: next -> done.
    # Then the facilitator already types the answer to the next question.
    summary, after = run_with_keys("\r  +pn" + "next answer\r", ["Anna", "Ben", "Cem"])
    assert [t.status for t in summary.turns] == [Status.SPOKE, Status.PASSED, Status.SPOKE]
    assert summary.turns[1].added == 30
    assert summary.complete and not summary.interrupted
    assert after == "next answer"  # not a key eaten, not a key leaked


def test_round_app_ignores_other_keys_and_ends_with_q():
    summary, after = run_with_keys("xyz\x1b[Aqrest\r", ["Anna", "Ben"])
    assert [t.status for t in summary.turns] == [Status.CUT_SHORT, Status.NOT_REACHED]
    assert summary.ended_early and not summary.interrupted
    assert after == "rest"


def test_ctrl_c_returns_the_partial_summary_interrupted():
    summary, after = run_with_keys("n\x03later\r", ["Anna", "Ben", "Cem"])
    assert [t.status for t in summary.turns] == [Status.SPOKE, Status.CUT_SHORT, Status.NOT_REACHED]
    assert summary.interrupted
    assert after == "later"


# -- the command ----------------------------------------------------------------------------


@pytest.fixture
def round_app():
    import typer

    from dialogi.commands.round import round_command

    app = typer.Typer()
    app.command("round")(round_command)

    @app.command("other")
    def other() -> None:  # a second command keeps "round" a subcommand
        pass

    return app


def test_command_without_a_terminal_says_it_needs_one(round_app):
    from typer.testing import CliRunner

    result = CliRunner().invoke(round_app, ["round", "Anna", "Ben"], input="")
    assert isinstance(result.exception, NoTerminal)
    assert result.exception.code == 8
    assert "needs a terminal" in result.exception.message()


def test_command_without_participants_asks_for_nothing(round_app):
    from typer.testing import CliRunner

    result = CliRunner().invoke(round_app, ["round"], input="")
    assert isinstance(result.exception, UsageError)
    assert result.exception.key == "round.no_speakers"
    result = CliRunner().invoke(round_app, ["round", "-n", "3", "-m", "0"], input="")
    assert isinstance(result.exception, UsageError)
    assert result.exception.key == "round.bad_minutes"


def test_command_help_lists_the_options(capsys, monkeypatch):
    from dialogi.cli import run_cli

    monkeypatch.setenv("COLUMNS", "120")
    assert run_cli(["--lang", "en", "round", "--help"]) == 0
    output = capsys.readouterr().out
    for text in ("--count", "--minutes", "--shuffle", "--from", "workshop file"):
        assert text in output


# -- a real terminal ------------------------------------------------------------------------


SCRIPT = textwrap.dedent(
    """
    from dialogi.speaking_round import render_summary, run_round
    summary = run_round(["Anna", "Ben"], 1.5)
    render_summary(summary)
    print("EXIT", "interrupted" if summary.interrupted else "ok")
    from prompt_toolkit import PromptSession
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.input.typeahead import get_typeahead
    leftover = get_typeahead(get_app_session().input)
    print("READ AHEAD", len(leftover))
    from prompt_toolkit.input.typeahead import store_typeahead
    store_typeahead(get_app_session().input, leftover)
    print("GOT", repr(PromptSession().prompt("next> ")))
    """
)


def test_round_in_a_pseudo_terminal(subprocess_env):
    from posix_only import pexpect_spawn

    pexpect = pexpect_spawn()
    env = dict(subprocess_env, TERM="xterm")
    child = pexpect.spawn(
        sys.executable, ["-c", SCRIPT], env=env, encoding="utf-8", timeout=5, dimensions=(24, 80)
    )
    try:
        # The first drawing is complete; later ones only repaint what changed.
        child.expect("Speaking round · speaker 1 of 2")
        child.expect("Anna")
        child.expect("00:02")  # the countdown, rounded up
        child.expect("Next: Ben")
        child.expect("q end round")
        # Anna finishes, Ben passes, and in the same burst the answer to the next question.
        # The round leaves it unread in the terminal (nothing read ahead) for the next prompt.
        child.send("np" + "typed ahead\r")
        child.expect("The round has ended")
        child.expect(r"Anna\W+00:0\d\W")
        child.expect(r"Ben\W+00:0\d\W+passed")
        child.expect("Passed: Ben")
        child.expect("EXIT ok")
        child.expect("READ AHEAD 0")
        child.expect("GOT 'typed ahead'")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
