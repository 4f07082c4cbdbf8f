"""The guided-session engine with the scripted asker: full runs, resume, back and skip."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from dialogi.engine.session import Session, run, run_file
from dialogi.errors import BadAnswers, Interrupted, NoTerminal
from dialogi.new_workshop import Metadata, ask_metadata, build
from dialogi.prompts import ScriptedAsker, flatten
from dialogi.record import store
from dialogi.record.models import MethodId, PracticeId, Status
from dialogi.record.store import read_data
from dialogi.samples import SAMPLES
from scripted_askers import InterruptAt


ENGINE_METHODS = ["principles", "practices", "reflection"]


def sample_answers(name: str = "kotihoito.fi.toml") -> dict:
    """A sample's answers, its agenda cut to the methods this file tests (the rules and the
    wellbeing plan have test files of their own, with the same interrupt-everywhere check)."""
    answers = flatten(read_data(SAMPLES / name))
    answers["new.template"] = "custom"
    answers["new.methods"] = ENGINE_METHODS
    return answers


def new_file(tmp_path: Path, answers: dict) -> Path:
    workshop = build(ask_metadata(ScriptedAsker(answers), Metadata()))
    path = tmp_path / "w.toml"
    store.save(path, workshop)
    return path


def quiet() -> Console:
    return Console(file=io.StringIO(), width=100)


def run_with(path: Path, asker) -> bool:
    with store.editing(path) as workshop:
        return run(Session(path, workshop, asker, quiet()))


def test_full_run_fills_the_record_field_by_field(tmp_path):
    answers = sample_answers()
    path = new_file(tmp_path, answers)
    assert run_with(path, ScriptedAsker(answers)) is True
    w = store.load(path)
    assert [a.status for a in w.agenda] == [Status.DONE] * len(answers["new.methods"])
    p = w.principles
    assert p.agreed is True
    assert p.emphasised == [3, 6, 10]
    assert {r.number: r.remark for r in p.remarks} == {
        int(k.rsplit(".", 1)[1]): v for k, v in answers.items() if k.startswith("principles.remark.")
    }
    assert p.rating_mode == "counts"
    assert len(p.ratings) == 13
    r10 = next(r for r in p.ratings if r.number == 10)
    assert r10.counts == [1, 1, 3, 2, 1]
    assert r10.average == pytest.approx((1 + 2 + 9 + 8 + 5) / 8, abs=0.01)
    assert r10.note == answers["reflection.note.10"]
    notes = {n.practice: n for n in w.practices.notes}
    assert list(notes) == list(PracticeId)
    assert notes[PracticeId.LISTENING].commitment == answers["practices.commitment.listening"]
    assert notes[PracticeId.SUSPENDING].observations == answers["practices.observations.suspending"]


def test_average_mode_records_the_typed_averages(tmp_path):
    answers = sample_answers("ward.en.toml")
    path = new_file(tmp_path, answers)
    run_with(path, ScriptedAsker(answers))
    ratings = {r.number: r for r in store.load(path).principles.ratings}
    assert ratings[2].average == 3.5 and ratings[2].counts == []
    assert ratings[11].note.startswith("Discussing roles")


def test_individual_ratings_keep_only_the_counts(tmp_path):
    answers = sample_answers("ward.en.toml")
    answers["reflection.mode"] = "individual"
    for n, name in enumerate(["Anna", "Ben", "Chen", "Dina", "Elias", "Fatima"]):
        for principle in range(1, 14):
            answers[f"reflection.individual.{name}.{principle}"] = str(1 + (n + principle) % 5)
    path = new_file(tmp_path, answers)
    run_with(path, ScriptedAsker(answers))
    w = store.load(path)
    first = next(r for r in w.principles.ratings if r.number == 1)
    assert first.counts == [1, 2, 1, 1, 1] and sum(first.counts) == 6
    assert "individual" not in path.read_text().replace('rating_mode = "individual"', "")


def uninterrupted(tmp_path: Path, answers: dict) -> dict:
    path = new_file(tmp_path / "reference", answers) if (tmp_path / "reference").mkdir() is None else None
    run_with(path, ScriptedAsker(answers))
    return store.load(path).model_dump()


def count_questions(tmp_path: Path, answers: dict) -> int:
    (tmp_path / "count").mkdir()
    path = new_file(tmp_path / "count", answers)
    asker = InterruptAt(answers, n=10**9)
    run_with(path, asker)
    return asker.asked


@pytest.mark.parametrize("sample", ["kotihoito.fi.toml", "ward.en.toml"])
def test_interrupt_at_every_question_then_resume_gives_the_same_record(tmp_path, sample, monkeypatch, robustness_counts):
    # Thousands of saves: the rename keeps every file whole; flushing each to the disk only slows the test.
    monkeypatch.setattr("os.fsync", lambda fd: None)
    answers = sample_answers(sample)
    expected = uninterrupted(tmp_path, answers)
    total = count_questions(tmp_path, answers)
    assert total > 40
    for n in range(1, total + 1):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        path = new_file(folder, answers)
        with pytest.raises(KeyboardInterrupt):
            run_with(path, InterruptAt(answers, n))
        store.load(path)  # the file is whole at the moment of the interruption
        assert run_with(path, ScriptedAsker(answers)) is True
        assert store.load(path).model_dump() == expected, f"differs after an interruption at question {n}"
    robustness_counts["interrupts tested"] += total


def test_resume_continues_inside_a_step_with_earlier_answers_in_place(tmp_path):
    answers = sample_answers()
    path = new_file(tmp_path, answers)
    # agenda, nav, intro ... interrupt in the middle of the thirteen cards
    asker = InterruptAt(answers, 9)
    with pytest.raises(KeyboardInterrupt):
        run_with(path, asker)
    w = store.load(path)
    item = w.agenda_item(MethodId.PRINCIPLES)
    assert item.status == Status.IN_PROGRESS and item.step == 1 and item.position > 0
    saved = {r.number for r in w.principles.remarks}
    assert saved and saved <= {2, 3, 6, 11}
    seen = []

    class Recording(ScriptedAsker):
        def _get(self, key, message, default=None):
            seen.append(key)
            return super()._get(key, message, default)

    run_with(path, Recording(answers))
    assert seen[1] == f"principles.remark.{item.position + 1}", "resumes at the next card, not at the start"


def test_skip_and_back(tmp_path):
    answers = sample_answers()
    answers["nav.principles.agree"] = "skip"
    answers["nav.principles.emphasise"] = "back"
    path = new_file(tmp_path, answers)
    asked = []

    class Recording(ScriptedAsker):
        def _get(self, key, message, default=None):
            asked.append(key)
            return super()._get(key, message, default)

    run_with(path, Recording(answers))
    w = store.load(path)
    # agree skipped, emphasise -> back to agree (asked then), then emphasise
    order = [k for k in asked if k in ("principles.agree", "principles.emphasise")]
    assert order == ["principles.agree", "principles.emphasise"]
    assert asked.index("nav.principles.emphasise") < asked.index("principles.agree")
    assert w.principles.agreed is True
    assert w.agenda_item(MethodId.PRINCIPLES).skipped == []


def test_leave_a_method_half_done_and_come_back(tmp_path):
    answers = sample_answers()
    answers["nav.principles.agree"] = "agenda"
    answers["agenda"] = "principles"
    path = new_file(tmp_path, answers)
    asker = ScriptedAsker(answers)
    # leaving the method returns to the agenda, which (by default) offers to continue it
    run_with(path, asker)
    w = store.load(path)
    assert w.agenda_item(MethodId.PRINCIPLES).status == Status.DONE
    assert w.principles.agreed is True


def test_quit_from_the_agenda_leaves_the_rest_not_started(tmp_path):
    answers = sample_answers()
    answers["agenda"] = "quit"
    path = new_file(tmp_path, answers)
    assert run_with(path, ScriptedAsker(answers)) is False
    assert all(a.status == Status.NOT_STARTED for a in store.load(path).agenda)


def test_a_bad_scripted_rating_stops_with_the_key_named(tmp_path):
    answers = sample_answers()
    answers["reflection.counts.4"] = "1 2 3"
    path = new_file(tmp_path, answers)
    with pytest.raises(BadAnswers) as caught:
        run_with(path, ScriptedAsker(answers))
    assert "reflection.counts.4" in caught.value.message("en")
    assert store.load(path).agenda_item(MethodId.REFLECTION).status == Status.IN_PROGRESS


def test_too_many_counts_for_the_participants(tmp_path):
    answers = sample_answers()
    answers["reflection.counts.1"] = "5 5 5 5 5"
    path = new_file(tmp_path, answers)
    with pytest.raises(BadAnswers):
        run_with(path, ScriptedAsker(answers))


def test_run_file_without_terminal_names_answers(tmp_path, monkeypatch):
    path = new_file(tmp_path, sample_answers())
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(NoTerminal) as caught:
        run_file(path)
    assert "--answers" in caught.value.message("en")
    assert "--answers" in caught.value.message("fi")


def test_run_file_interrupted_names_the_file_and_the_resume_command(tmp_path, monkeypatch):
    answers = sample_answers()
    path = new_file(tmp_path, answers)
    answers_file = tmp_path / "answers.toml"
    answers_file.write_text('[principles]\nagree = "perhaps"\n', "utf-8")
    with pytest.raises(BadAnswers):
        run_file(path, answers_file, console=quiet())

    monkeypatch.setattr(ScriptedAsker, "confirm", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(Interrupted) as caught:
        run_file(path, answers_file, console=quiet())
    message = caught.value.message("en")
    assert str(path) in message and f"dialogi run {path}" in message
    assert caught.value.code == 130
