"""The garbage collector is off during start-up and on again once dialogi waits for a person."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from dialogi import collector
from dialogi.prompts import TerminalAsker


@pytest.fixture
def paused():
    """Start-up as ``main`` leaves it: no collector. Afterwards the test process's usual state."""
    gc.disable()
    yield
    gc.unfreeze()
    gc.enable()


def test_main_starts_the_command_without_the_collector(subprocess_env):
    probe = "import gc, dialogi.cli as c; c.run_cli = lambda argv=None: print(gc.isenabled()) or 0; c.main()"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=subprocess_env, timeout=30)
    assert (result.returncode, result.stdout.strip()) == (0, "False")


def test_the_first_question_switches_it_on_with_start_up_frozen(paused):
    with create_pipe_input() as pipe:
        pipe.send_text("Aino\r")
        assert TerminalAsker(input=pipe, output=DummyOutput()).text("k", "Who?") == "Aino"
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what start-up made is out of the collector's way


def test_a_speaking_round_switches_it_on(paused):
    from prompt_toolkit.application import create_app_session

    from dialogi.speaking_round import run_round

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("q")
        guard = threading.Timer(5, pipe.close)
        guard.start()
        try:
            summary = run_round(["Anna", "Ben"], 60, refresh=0.05)
        finally:
            guard.cancel()
    assert summary.ended_early
    assert gc.isenabled()


def test_resume_leaves_a_running_collector_alone():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    collector.resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
