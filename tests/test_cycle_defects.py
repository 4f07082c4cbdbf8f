"""The six defects of the yearly cycle (issue 11), each reproduced as the facilitator met it:
plan -> review -> next year's workshop with ``new --from`` -> actions, print, review again."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from rich.console import Console

from dialogi.action_list import Filters, list_actions
from dialogi.carry_over import carry_over
from dialogi.followup.runner import review_file
from dialogi.prompts import ScriptedAsker
from dialogi.record import store
from dialogi.record.models import ActionStatus, AgendaItem, Item, MethodId, Status
from followup_workshops import plan, workshop

REVIEW_DAY = dt.date(2027, 10, 15)
NEXT_YEAR = dt.date(2027, 11, 22)

REVIEW = {
    "review.actions.a1.status": "done",
    "review.actions.a1.note": "The rota is on the wall.",
    "review.actions.a2.status": "in_progress",
    "review.actions.a2.note": "Half of the team has tried it.",
    "review.actions.a3.status": "done",
    "review.actions.a4.status": "not_started",
    "review.indicators.sickness": "4,9",
    "review.indicators.index": 3.6,
    "review.goals.g1": "Breaks happen on most days.",
    "review.note": "A heavy autumn.",
    "review.next_date": "2028-05-01",
}


def quiet() -> Console:
    return Console(file=io.StringIO(), width=100)


def year_one(folder: Path) -> Path:
    w = workshop("en", with_rules=False, with_plan=True)
    w.team = "Ward 4"
    w.wellbeing.observations = [Item(id="o1", text="Cover falls on the same few people.")]
    w.agenda = [AgendaItem(method=MethodId.WELLBEING, status=Status.DONE)]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "2026-ward.toml"
    store.save(path, w)
    return path


def review(path: Path, answers: dict = REVIEW, date: dt.date = REVIEW_DAY) -> None:
    review_file(path, date=date, what="plan", console=quiet(), asker=ScriptedAsker(dict(answers)))


def year_two(folder: Path, last: Path) -> Path:
    from dialogi.new_workshop import Metadata, build

    new = build(Metadata(title="Ward 4 plan 2028", date=NEXT_YEAR, language="en", template="wellbeing"))
    path = folder / "2027-ward.toml"
    store.save(path, carry_over(store.load(last), last, new))
    return path


# -- 1. finished work disappears -------------------------------------------------------------


def test_1_done_actions_of_a_continued_workshop_stay_listed_with_their_year(tmp_path, cli):
    first = year_one(tmp_path / "w")
    review(first)
    year_two(tmp_path / "w", first)

    listing = list_actions(tmp_path / "w", Filters(statuses=tuple(ActionStatus)), dt.date(2027, 12, 1))
    by_text = {}
    for row in listing.rows:
        by_text.setdefault(row.action.text, []).append(row.path.name)
    # done in year 1 and never carried over: still listed, from year 1
    assert by_text["A break rota"] == ["2026-ward.toml"]
    assert by_text["A weekly info"] == ["2026-ward.toml"]
    # carried over: listed once, from the later workshop
    assert by_text["Quiet lunch"] == ["2027-ward.toml"]
    assert by_text["Induction of new staff"] == ["2027-ward.toml"]
    assert listing.handed_on == 2

    done = cli("actions", str(tmp_path / "w"), "--status", "done", "--format", "json")
    assert done.exit_code == 0
    assert '"A break rota"' in done.stdout and '"workshop_date": "2026-11-23"' in done.stdout


# -- 2. the order of review and carry-over ---------------------------------------------------


def test_2a_new_from_an_unreviewed_plan_warns(tmp_path, cli):
    first = year_one(tmp_path / "w")
    result = cli("new", "--from", str(first), "--title", "Plan 2028", "--date", "2027-11-22", "--dir", str(tmp_path / "w"),
                 "--no-run")
    assert result.exit_code == 0
    assert "has not been reviewed yet" in result.stdout
    assert f"dialogi review {first}" in result.stdout


def test_2b_new_from_can_run_the_review_first(tmp_path, cli):
    first = year_one(tmp_path / "w")
    answers = tmp_path / "answers.toml"
    answers.write_text(
        '[new]\ntitle = "Plan 2028"\ndate = "2027-11-22"\nreview_first = true\nrun = false\n'
        '[review]\ndate = "2027-11-01"\nnext_date = ""\n'
        '[review.actions.a1]\nstatus = "done"\n[review.actions.a2]\nstatus = "done"\n'
        '[review.indicators]\nsickness = 4.4\n', "utf-8")
    result = cli("new", "--from", str(first), "--answers", str(answers), "--dir", str(tmp_path / "w"))
    assert result.exit_code == 0, result.stdout
    reviewed = store.load(first)
    assert [r.date for r in reviewed.reviews if r.complete] == [dt.date(2027, 11, 1)]
    new = store.load(tmp_path / "w" / "2027-11-22-plan-2028.toml")
    # a1 and a2 were done at the review: nothing of goal 1 is carried any more
    assert [a.text for a in new.wellbeing.carried_over] == ["Induction of new staff", "A weekly info"]
    assert {i.id: i.value for i in new.wellbeing.indicators}["sickness"] == 4.4


def test_2c_a_later_review_of_the_earlier_plan_reaches_the_carried_copies(tmp_path, cli):
    first = year_one(tmp_path / "w")
    second = year_two(tmp_path / "w", first)  # carried before the review: all four as they were
    review(first)
    carried = {a.text: a for a in store.load(second).wellbeing.carried_over}
    assert carried["A break rota"].status == ActionStatus.DONE
    assert carried["A break rota"].note == "The rota is on the wall."
    assert carried["Quiet lunch"].status == ActionStatus.IN_PROGRESS
    assert carried["A weekly info"].status == ActionStatus.DONE

    open_now = cli("actions", str(tmp_path / "w"), "--format", "csv").stdout
    assert "A break rota" not in open_now and "A weekly info" not in open_now
    assert "Quiet lunch" in open_now


def test_2d_a_copy_already_reviewed_in_the_later_workshop_is_kept_and_that_is_said(tmp_path):
    first = year_one(tmp_path / "w")
    second = year_two(tmp_path / "w", first)
    later = {f"review.actions.{a.id}.status": "dropped" for a in store.load(second).wellbeing.carried_over}
    review(second, later, date=dt.date(2028, 3, 1))
    out = io.StringIO()
    review_file(first, date=REVIEW_DAY, what="plan", console=Console(file=out, width=200), asker=ScriptedAsker(dict(REVIEW)))
    assert {a.status for a in store.load(second).wellbeing.carried_over} == {ActionStatus.DROPPED}
    assert "already reviewed in 2027-ward.toml" in out.getvalue()


# -- 3. the printed plan contradicts the review ----------------------------------------------


def test_3_the_printed_plan_shows_the_review_and_the_key_observations(tmp_path):
    from dialogi.render.plan import plan_text

    first = year_one(tmp_path / "w")
    before = plan_text(store.load(first))
    assert "Cover falls on the same few people." in before  # the key observations of step 2
    review(first)
    text = plan_text(store.load(first))
    assert "4.9%" in text and "2027-10-15" in text  # the reading and the review's date
    assert "A heavy autumn." in text  # the review's note
    assert "The rota is on the wall." in text  # an action's note from the review
    assert "now 5.2 %" not in text  # the planning value is not presented as the value now


def test_3b_the_plan_so_far_shows_the_key_observations(tmp_path):
    from dialogi.render.plan_view import plan_so_far

    w = store.load(year_one(tmp_path / "w"))
    out = io.StringIO()
    Console(file=out, width=100).print(plan_so_far(w))
    assert "Cover falls on the same few people." in out.getvalue()


# -- 4. readings are typed twice -------------------------------------------------------------


def test_4_new_from_takes_the_latest_readings(tmp_path):
    first = year_one(tmp_path / "w")
    review(first)
    new = store.load(year_two(tmp_path / "w", first))
    sickness = next(i for i in new.wellbeing.indicators if i.id == "sickness")
    assert (sickness.value, sickness.previous, sickness.target) == (4.9, 5.2, 4.5)


# -- 5. a goal measured in words -------------------------------------------------------------


def test_5_a_goal_measured_in_words_keeps_its_unit_and_is_asked_at_the_review(tmp_path):
    from dialogi.engine.session import Session, run
    from dialogi.new_workshop import Metadata, build

    answers = {k: v for k, v in __import__("test_wellbeing_method").ward_answers().items()}
    answers["wellbeing.plan.g2.indicator_text"] = "Evening overtime hours per month"
    answers["wellbeing.plan.g2.target"] = "20 h"
    path = tmp_path / "ward.toml"
    store.save(path, build(Metadata(title="Ward", date=dt.date(2026, 11, 16), language="en", template="custom",
                                    methods=[MethodId.WELLBEING])))
    with store.editing(path) as w:
        run(Session(path, w, ScriptedAsker(answers), quiet()))
    w = store.load(path)
    goal = w.wellbeing.goals[1]
    indicator = next(i for i in w.wellbeing.indicators if i.id == goal.indicator)
    assert (indicator.name, indicator.unit, indicator.target, goal.target_value) == (
        "Evening overtime hours per month", "h", 20, 20)

    out = io.StringIO()
    review_file(path, date=dt.date(2027, 5, 18), what="plan", console=Console(file=out, width=200),
                asker=ScriptedAsker({f"review.indicators.{indicator.id}": 26}))
    reading = next(r for r in store.load(path).reviews[0].indicators if r.indicator == indicator.id)
    assert (reading.value, reading.target) == (26, 20)
    assert "Evening overtime hours per month (h)" in out.getvalue()


# -- 6. the language of a resumed session ----------------------------------------------------


def test_6_an_english_workshop_speaks_english_in_a_finnish_locale(tmp_path, monkeypatch, capsys):
    from dialogi.cli import run_cli

    first = year_one(tmp_path / "w")
    monkeypatch.delenv("DIALOGI_LANG")
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    monkeypatch.setenv("LC_ALL", "fi_FI.UTF-8")
    answers = tmp_path / "a.toml"
    answers.write_text('agenda = "quit"\n', "utf-8")
    assert run_cli(["run", str(first), "--answers", str(answers)]) == 0
    shown = capsys.readouterr().out
    assert "What next?" in shown and "Agenda:" in shown
    assert "Mitä seuraavaksi?" not in shown and "Ohjelma:" not in shown

    assert run_cli(["--lang", "fi", "run", str(first), "--answers", str(answers)]) == 0
    shown = capsys.readouterr().out
    assert "Mitä seuraavaksi?" in shown  # --lang says otherwise: it wins


def test_5b_a_plan_from_before_gets_an_indicator_for_its_goal_measured_in_words(tmp_path):
    w = workshop("en", with_rules=False, with_plan=True)
    w.wellbeing.goals[1].indicator, w.wellbeing.goals[1].target_value = "Evening overtime hours per month", 20
    path = tmp_path / "old.toml"
    store.save(path, w)
    review_file(path, date=REVIEW_DAY, what="plan", console=quiet(),
                asker=ScriptedAsker({"review.indicators.evening-overtime-hours-per-month": 26}))
    w = store.load(path)
    assert w.wellbeing.goals[1].indicator == "evening-overtime-hours-per-month"
    (reading,) = [r for r in w.reviews[0].indicators if r.indicator == "evening-overtime-hours-per-month"]
    assert (reading.value, reading.target) == (26, 20)
