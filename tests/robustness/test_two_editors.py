"""Two editors of one workshop, as real processes: while one session edits the file, a second
``dialogi run`` or ``dialogi review`` is refused (exit 5) with a message that names the holder
and says what to do, and changes nothing; when the holder is killed (SIGKILL, no clean-up),
its lock is released by the operating system and the next command succeeds at once.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dialogi.errors import ExitCode
from dialogi.i18n import t
from dialogi.record import store
from dialogi.system import locks
from dialogi.samples import SAMPLES
from harness import demo_records

from posix_only import pexpect_spawn  # noqa: E402

pexpect = pexpect_spawn()

HOLDER = r"""
import sys, time
from dialogi.record import store
with store.editing(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def workshop(tmp_path) -> Path:
    """The English demo workshop (rules, a plan and their reviews) and answers for both commands."""
    english = next(d for d in demo_records() if d.language == "en")
    path = tmp_path / "ward.toml"
    path.write_bytes(english.raw)
    shutil.copy(SAMPLES / "ward.en.toml", tmp_path / "answers.toml")  # has a [review] table
    return path


def dialogi(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dialogi", *args], env=env, capture_output=True, text=True, timeout=60)


def commands(path: Path) -> dict[str, list[str]]:
    answers = str(path.with_name("answers.toml"))
    return {
        "run": ["run", str(path), "--answers", answers],
        "review": ["review", str(path), "--what", "plan", "--date", "2027-06-01", "--answers", answers],
    }


def assert_refused(result: subprocess.CompletedProcess, path: Path, pid: int, lang: str) -> None:
    assert result.returncode == ExitCode.IN_USE == 5, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    # the message names the file, the holder (process and machine) and what to do next
    assert str(path) in result.stderr and str(pid) in result.stderr and socket.gethostname() in result.stderr
    what_to_do = t("errors.in_use", lang, file="", pid="", host="", since="\0").split("\0")[1]
    assert what_to_do.strip() and what_to_do.strip() in result.stderr


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_second_run_or_review_is_refused_while_a_session_holds_the_file(workshop, subprocess_env, lang):
    env = {**subprocess_env, "DIALOGI_LANG": lang}
    before = workshop.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(workshop)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline() == "locked\n"
        for name, args in commands(workshop).items():
            assert_refused(dialogi(env, *args), workshop, holder.pid, lang)
            assert workshop.read_bytes() == before, f"the refused {name} changed the file"
        # reading is never refused: only editing takes the lock
        assert dialogi(env, "show", str(workshop)).returncode == 0
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_a_killed_holder_leaves_a_stale_lock_that_the_next_run_recovers_at_once(workshop, subprocess_env):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(workshop)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "locked\n"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    assert store.lock_path(workshop).exists(), "the dead holder's lock file is still there"
    assert locks.read_holder(store.lock_path(workshop))["pid"] == str(holder.pid), "and its holder file"

    for name, args in commands(workshop).items():
        started = time.monotonic()
        result = dialogi(subprocess_env, *args)
        assert result.returncode == 0, (name, result.stderr)
        assert time.monotonic() - started < 15, "it waited for the stale lock"
    assert store.load(workshop).reviews[-1].date.isoformat() == "2027-06-01"  # the review did its work


def test_a_real_session_waiting_at_a_question_holds_the_file_until_it_is_killed(workshop, tmp_path, subprocess_env):
    """The holder is ``dialogi run`` itself, at its first question in a pseudo-terminal."""
    env = {**subprocess_env, "TERM": "xterm"}
    session = pexpect.spawn(sys.executable, ["-m", "dialogi", "run", str(workshop)], env=env, encoding="utf-8", timeout=20,
                            dimensions=(40, 120))
    try:
        session.expect_exact("What next?")
        for name, args in commands(workshop).items():
            assert_refused(dialogi(subprocess_env, *args), workshop, session.pid, "en")
    finally:
        session.kill(signal.SIGKILL)
        session.close(force=True)
    assert session.signalstatus == signal.SIGKILL
    result = dialogi(subprocess_env, *commands(workshop)["run"])
    assert result.returncode == 0, result.stderr
