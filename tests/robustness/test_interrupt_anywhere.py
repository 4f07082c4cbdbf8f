"""Ctrl-C anywhere: the file is always a whole record, and going on from it gives the record an
uninterrupted session gives.

Interrupting at every question of every method, resuming and finishing is tested where each
method is: ``test_engine.py`` (principles, practices, reflection), ``test_rules_method.py``,
``test_wellbeing_method.py`` and ``test_review.py`` (rules and plan reviews); each adds its
count to the summary line. Here the rest:

- ``dialogi new --answers`` interrupted at each of its questions leaves no file, or (at the
  last question, "run it now?") a whole one, and asking again makes the same workshop;
- Ctrl-C does not only come at a question: it can come while a chart is drawn or a file is
  saved. Whatever it interrupts, the file on disk is one of the versions the session saved.
  So every version the two demo sessions save (their whole agendas and the follow-up review)
  is a place a Ctrl-C can leave the file in: each one not already tested at a question is
  resumed and finished, and must end as the uninterrupted record.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import tomli_w
from rich.console import Console

from dialogi.engine.session import Session, run
from dialogi.errors import ExitCode
from dialogi.i18n import t
from dialogi.new_workshop import Metadata, ask_metadata, build
from dialogi.prompts import ScriptedAsker, flatten
from dialogi.record import store
from dialogi.record.store import read_data
from dialogi.samples import NAMES, SAMPLES, STANDALONE, follow_up
from harness import invoke


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch):
    """Hundreds of saves: the rename keeps each file whole; flushing to the disk is test_store's."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


# -- dialogi new --------------------------------------------------------------------------------


class InterruptAt(ScriptedAsker):
    """The scripted asker that is Ctrl-C'd at its ``n``-th question (counted across instances)."""

    n = 0
    asked = 0

    def _get(self, key, message, default=None):
        InterruptAt.asked += 1
        if InterruptAt.asked == InterruptAt.n:
            raise KeyboardInterrupt
        return super()._get(key, message, default)


def new_answers(folder: Path, sample: str) -> Path:
    data = read_data(SAMPLES / sample)
    answers = folder / "answers.toml"
    answers.write_text(tomli_w.dumps({"new": {**data["new"], "run": False}}), "utf-8")
    return answers


def created(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml"))


@pytest.mark.parametrize("sample", NAMES)
def test_new_interrupted_at_every_question_leaves_no_file_or_a_whole_one(tmp_path, sample, monkeypatch, robustness_counts):
    answers = new_answers(tmp_path, sample)
    monkeypatch.setattr("dialogi.prompts.ScriptedAsker", InterruptAt)
    InterruptAt.n, InterruptAt.asked = 0, 0
    reference = tmp_path / "reference"
    assert invoke("new", "--answers", answers, "--dir", reference).code == 0
    [expected_file] = created(reference)
    expected = store.load(expected_file)
    questions = InterruptAt.asked
    assert questions >= 9  # title, date, team, facilitator, language, names, count, template, run now?

    for n in range(1, questions + 1):
        folder = tmp_path / f"new{n}"
        InterruptAt.n, InterruptAt.asked = n, 0
        stopped = invoke("new", "--answers", answers, "--dir", folder)
        assert stopped.code == ExitCode.INTERRUPTED, stopped.text
        assert "Traceback" not in stopped.text
        left = created(folder) if folder.exists() else []
        if n < questions:
            assert left == [], f"interrupted at question {n}: a file was left {left}"
            assert t("cli.new.cancelled") in stopped.err
        else:  # "run it now?": the workshop exists, whole, and the message says how to run it
            assert [p.name for p in left] == [expected_file.name]
            assert store.load(left[0]) == expected
            assert f"dialogi run {left[0]}" in stopped.err
        InterruptAt.n = 0  # asked again, to the end
        assert invoke("new", "--answers", answers, "--dir", folder).code == 0
        assert all(store.load(p) == expected for p in created(folder))
        robustness_counts["interrupts tested"] += 1


# -- Ctrl-C between two saves -----------------------------------------------------------------


class Unseen(Console):
    """Nobody watches these sessions: printing is skipped, which halves their time."""

    def print(self, *objects, **options) -> None:
        pass


def demo_session(path: Path, answers: dict, console: Console | None = None) -> None:
    """What ``write_samples`` does with a sample: run the agenda, then the follow-up review."""
    with store.editing(path) as workshop:
        run(Session(path, workshop, ScriptedAsker(answers), console or Unseen(file=io.StringIO())))
    follow_up(path, ScriptedAsker(answers, "answers"))


def record_of(path: Path) -> dict:
    return store.load(path).model_dump()


@pytest.mark.parametrize("sample", STANDALONE)  # next year's sample needs last year's workshop first
def test_going_on_from_any_saved_version_gives_the_uninterrupted_record(tmp_path, sample, monkeypatch, robustness_counts):
    answers = flatten(read_data(SAMPLES / sample))
    path = tmp_path / "w.toml"
    store.save(path, build(ask_metadata(ScriptedAsker(answers), Metadata())))
    saved: list[bytes] = []
    at_questions: set[bytes] = set()
    write = store.write_bytes_atomic
    ask = ScriptedAsker._get

    def recording_write(target: Path, data: bytes) -> None:
        write(target, data)
        if Path(target) == path:
            saved.append(data)

    def recording_ask(self, key, message, default=None):
        at_questions.add(path.read_bytes())  # what Ctrl-C at this question leaves
        return ask(self, key, message, default)

    with monkeypatch.context() as m:
        m.setattr(store, "write_bytes_atomic", recording_write)
        m.setattr(ScriptedAsker, "_get", recording_ask)
        demo_session(path, answers, Console(file=io.StringIO()))  # this one drawn, as on a screen
    expected = record_of(path)
    assert len(saved) > 150 and saved[-1] == path.read_bytes()

    # the versions a Ctrl-C can leave that no interruption at a question leaves; not the last
    # (the finished record: going on from it would start another review)
    between = list(dict.fromkeys(v for v in saved[:-1] if v not in at_questions))
    assert len(between) > 30
    differ = []
    for n, version in enumerate(between, 1):
        resumed = tmp_path / f"resumed{n}.toml"
        resumed.write_bytes(version)
        store.load(resumed)  # whole
        demo_session(resumed, answers)
        if record_of(resumed) != expected:
            differ.append(n)
        robustness_counts["interrupts tested"] += 1
        resumed.unlink()
    assert differ == [], f"going on from saved versions {differ} of {len(between)} gives another record"
