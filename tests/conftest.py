"""Deterministic output for every test: fixed width, no colour, English unless a test says otherwise."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What the robustness checks got through, reported in one line at the end of the run.
ROBUSTNESS_COUNTS = pytest.StashKey[Counter]()
ROBUSTNESS_SUMMARY = ("malformed files tried", "kills survived", "interrupts tested", "hostile fields checked")


@pytest.fixture(scope="session")
def robustness_counts(request) -> Counter:
    """``robustness_counts["interrupts tested"] += n``: shown in the summary line of the run."""
    return request.config.stash.setdefault(ROBUSTNESS_COUNTS, Counter())


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    counts = config.stash.get(ROBUSTNESS_COUNTS, None)
    if counts:
        terminalreporter.write_line("robustness: " + "; ".join(f"{name}: {counts[name]}" for name in ROBUSTNESS_SUMMARY))


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("DIALOGI_LANG", "en")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DIALOGI_DEBUG", raising=False)
    from dialogi import i18n

    monkeypatch.setattr(i18n, "_ui_language", None)


@pytest.fixture
def cli():
    """Run the command line in-process: ``cli("list", "workshops")`` -> typer's Result."""
    from typer.testing import CliRunner

    from dialogi.cli import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


def python_dialogi(*args: str) -> list[str]:
    """The argv of ``python -m dialogi ...`` for subprocess and pexpect tests."""
    return [sys.executable, "-m", "dialogi", *args]


@pytest.fixture
def subprocess_env(tmp_path):
    env = dict(os.environ)
    # PROMPT_TOOLKIT_NO_CPR: a pseudo-terminal under pexpect never answers prompt_toolkit's
    # cursor-position request, and each prompt would wait for it (a real terminal answers).
    env.update(NO_COLOR="1", COLUMNS="120", DIALOGI_LANG="en", HOME=str(tmp_path / "home"), PROMPT_TOOLKIT_NO_CPR="1")
    return env
