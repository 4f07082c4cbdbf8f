"""The five-step wellbeing plan through the engine with the scripted asker: every field in
the record, the choice of goals under each tie policy, figures from a CSV file, bad dates and
figures, earlier work carried over, the plan on screen, and resuming after an interruption at
every question of the method."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from dialogi.engine.session import Session, run
from dialogi.errors import BadAnswers
from dialogi.methods.wellbeing import goals_from_vote, one_year_after
from dialogi.new_workshop import Metadata, build
from dialogi.prompts import ScriptedAsker, flatten
from dialogi.record import store
from dialogi.record.models import Action, ActionStatus, IndicatorKind, MethodId, Status, Vote, VoteMethod
from dialogi.record.store import read_data
from dialogi.samples import SAMPLES

NAMES = ["Anna", "Ben", "Chen", "Dina", "Elias", "Fatima"]


def ward_answers() -> dict:
    """The wellbeing answers of the English demo workshop (the ward sample)."""
    return {k: v for k, v in flatten(read_data(SAMPLES / "ward.en.toml")).items() if k.startswith("wellbeing.")}


def new_file(folder: Path, language: str = "en", **changes) -> Path:
    workshop = build(Metadata(title="Ward 4", date=dt.date(2026, 11, 16), language=language, participants=list(NAMES),
                              participant_count=6, template="custom", methods=[MethodId.WELLBEING]))
    workshop = workshop.model_copy(update=changes)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "w.toml"
    store.save(path, workshop)
    return path


def run_with(path: Path, asker, width: int = 120) -> tuple[bool, str]:
    out = io.StringIO()
    with store.editing(path) as workshop:
        done = run(Session(path, workshop, asker, Console(file=out, width=width)))
    return done, out.getvalue()


class Recording(ScriptedAsker):
    def __init__(self, answers, **kw):
        super().__init__(answers, **kw)
        self.asked: list[str] = []

    def _get(self, key, message, default=None):
        self.asked.append(key)
        return super()._get(key, message, default)


# -- the whole method, field by field -------------------------------------------------------


@pytest.fixture(scope="module")
def ward(tmp_path_factory):
    path = new_file(tmp_path_factory.mktemp("ward"))
    done, shown = run_with(path, ScriptedAsker(ward_answers()))
    assert done
    return store.load(path), shown


def test_the_method_is_done(ward):
    w, _ = ward
    assert w.agenda_item(MethodId.WELLBEING).status == Status.DONE


def test_step_1_the_figures(ward):
    w, _ = ward
    by_id = {i.id: i for i in w.wellbeing.indicators}
    # the five figures of step 1, then the measure goal 2 described in words in step 5
    assert list(by_id) == ["sickness-absence-rate", "wellbeing-index", "work-engagement-uwes-9", "overtime-hours",
                           "safety-observations-and-near-misses", "share-of-shifts-with-a-real-break-self-reported"]
    absence = by_id["sickness-absence-rate"]
    assert (absence.name, absence.kind, absence.value, absence.unit, absence.period, absence.source, absence.previous) == (
        "Sickness absence rate", IndicatorKind.OPERATIONS, 5.8, "%", "1–9/2026", "HR system", 4.9)
    assert by_id["wellbeing-index"].kind == IndicatorKind.IMPACT and by_id["wellbeing-index"].previous == 3.7
    assert by_id["overtime-hours"].value == 212 and by_id["safety-observations-and-near-misses"].previous == 24
    # the targets chosen in step 5 are kept on the indicators too, for the follow-up
    assert absence.target == 4.5 and by_id["wellbeing-index"].target == 3.8 and by_id["overtime-hours"].target is None


def test_the_figures_are_shown_with_the_change(ward):
    _, shown = ward
    assert "Figures on operations" in shown and "Figures on impact" in shown
    row = next(line for line in shown.splitlines() if "Sickness absence rate" in line and "+0.9 pp" in line)
    assert "5.8%" in row and "4.9" in row


def test_step_2_interpretation_and_observations(ward):
    w, _ = ward
    answers = ward_answers()
    assert w.wellbeing.interpretation.splitlines() == answers["wellbeing.interpretation"]
    assert [o.text for o in w.wellbeing.observations] == answers["wellbeing.observations"]
    assert [o.id for o in w.wellbeing.observations] == ["o1", "o2", "o3"]


def test_step_3_proposals_by_theme_with_a_merge(ward):
    w, _ = ward
    wb = w.wellbeing
    assert wb.themes == ["Workload and shifts", "Working together", "Safety"]
    themes = {p.id: p.theme for p in wb.proposals}
    assert themes["p1"] == "Workload and shifts" and themes["p5"] == "Working together" and themes["p8"] == "Safety"
    merged = {p.id: p for p in wb.proposals}
    assert merged["p4"].merged_into == "p9" and merged["p6"].merged_into == "p9"
    assert merged["p9"].merged_from == ["p4", "p6"] and merged["p9"].theme == "Working together"
    assert merged["p9"].text == "A ten-minute huddle at the start of each morning shift"


def test_step_3_the_vote_with_a_tie_settled_by_discussion(ward):
    w, _ = ward
    wb = w.wellbeing
    assert wb.goal_count == 3
    (vote,) = wb.votes
    assert vote.method == VoteMethod.DOTS and (vote.budget, vote.cap, vote.voters, vote.select) == (3, 2, 6, 3)
    assert vote.subject == "Which proposals become the goals of the plan?"
    assert vote.tallies == {"p1": 5, "p2": 4, "p3": 1, "p5": 1, "p7": 3, "p8": 1, "p9": 3}
    assert "p4" not in vote.options, "merged originals are not voted on"
    assert vote.tie.options == ["p7", "p9"] and vote.tie.chosen == ["p9"] and vote.tie.reason.startswith("The huddle")
    assert vote.winners == ["p1", "p2", "p9"]
    assert [(g.id, g.from_proposal) for g in wb.goals] == [("g1", "p1"), ("g2", "p2"), ("g3", "p9")]
    assert wb.goals[2].title == "A ten-minute huddle at the start of each morning shift"
    assert wb.target_date == dt.date(2027, 11, 30)


def test_step_4_each_goal_worked_through(ward):
    w, _ = ward
    answers = ward_answers()
    for goal in w.wellbeing.goals:
        for field in ("benefit_me", "benefit_employer", "benefit_clients", "obstacles", "resources"):
            assert getattr(goal, field) == answers[f"wellbeing.goals.{goal.id}.{field}"], (goal.id, field)
    g1 = w.wellbeing.goals[0]
    assert [(a.text, a.owner, a.due) for a in g1.actions] == [
        (answers[f"wellbeing.goals.g1.actions.{n}.text"], answers[f"wellbeing.goals.g1.actions.{n}.owner"],
         dt.date.fromisoformat(answers[f"wellbeing.goals.g1.actions.{n}.due"]))
        for n in (1, 2, 3)
    ]
    assert [len(g.actions) for g in w.wellbeing.goals] == [3, 2, 3]
    ids = [a.id for _, a in w.all_actions()]
    assert ids == ["a9", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"], "unique ids across the whole plan"
    assert all(a.status == ActionStatus.NOT_STARTED for _, a in w.all_actions())


def test_step_5_the_written_plan(ward):
    w, _ = ward
    answers = ward_answers()
    g1, g2, g3 = w.wellbeing.goals
    for goal in (g1, g2, g3):
        for field in ("improvement", "schedule", "follow_up"):
            assert getattr(goal, field) == answers[f"wellbeing.plan.{goal.id}.{field}"]
    assert (g1.indicator, g1.target_value) == ("sickness-absence-rate", 4.5)
    assert (g2.indicator, g2.target_value) == ("share-of-shifts-with-a-real-break-self-reported", 90)
    in_words = next(i for i in w.wellbeing.indicators if i.id == g2.indicator)
    assert (in_words.name, in_words.value, in_words.target) == ("Share of shifts with a real break (self-reported, %)", None, 90)
    # which way is better: read from the value now and the target, unless the answers say
    assert [i.direction for i in w.wellbeing.indicators if i.target is not None] == ["lower", "higher", "higher"]
    assert (g3.indicator, g3.target_value) == ("wellbeing-index", 3.8)
    (carried,) = w.wellbeing.carried_over
    assert (carried.id, carried.text, carried.owner, carried.due) == (
        "a9", "Finish the induction folder for new nurses (started in 2025)", "Fatima", dt.date(2027, 3, 31))
    assert w.wellbeing.follow_up_date == dt.date(2027, 5, 18)
    assert w.next_review() == dt.date(2027, 5, 18)


def test_the_plan_is_shown_at_the_end(ward):
    _, shown = ward
    end = shown[shown.rindex("The plan"):]
    assert "Goal 1: A clear plan for covering sick leave before it happens" in end
    assert "Dina (shift planner)" in end and "2027-01-15" in end
    assert "Sickness absence rate (now 5.8%)" in end and "4.5%" in end
    assert "Finish the induction folder" in end


# -- the defaults and the parts of the method one by one ------------------------------------


def minimal(**extra) -> dict:
    """Three proposals, two goals, one action each: the shortest full run."""
    answers = {
        "wellbeing.figures.1.action": "add",
        "wellbeing.figures.1.name": "Sairauspoissaolot",
        "wellbeing.figures.1.value": "5,8",
        "wellbeing.figures.1.unit": "%",
        "wellbeing.proposals": ["Breaks", "Huddles", "Cover plan"],
        "wellbeing.goal_count": 2,
        "wellbeing.vote.method": "approval",
        "wellbeing.vote.voters": 6,
        "wellbeing.vote.tally.p1": 5,
        "wellbeing.vote.tally.p2": 3,
        "wellbeing.vote.tally.p3": 1,
    }
    for goal in ("g1", "g2"):
        answers[f"wellbeing.goals.{goal}.actions.1.text"] = f"First step for {goal}"
        answers[f"wellbeing.goals.{goal}.actions.1.owner"] = "Dina"
        answers[f"wellbeing.goals.{goal}.actions.1.due"] = "31.3.2027"
    return answers | extra


def test_defaults_one_year_ahead_and_dates_in_finnish_form(tmp_path):
    path = new_file(tmp_path)
    assert run_with(path, ScriptedAsker(minimal()))[0]
    wb = store.load(path).wellbeing
    assert wb.target_date == wb.follow_up_date == dt.date(2027, 11, 16)
    assert [g.title for g in wb.goals] == ["Breaks", "Huddles"]
    assert wb.goals[0].actions[0].due == dt.date(2027, 3, 31)
    assert wb.goals[0].indicator == "" and wb.goals[0].target_value is None
    assert wb.indicators[0].kind == IndicatorKind.OPERATIONS and wb.indicators[0].previous is None


def test_one_year_after_a_leap_day():
    assert one_year_after(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert one_year_after(dt.date(2026, 11, 16)) == dt.date(2027, 11, 16)


def tie_answers(policy: str, **extra) -> dict:
    """Four proposals, two goals; p2 and p3 tie for the second place."""
    answers = minimal(**{
        "wellbeing.proposals": ["Breaks", "Huddles", "Cover plan", "Lifting aids"],
        "wellbeing.vote.method": "dots",
        "wellbeing.vote.budget": 2,
        "wellbeing.vote.cap": 1,
        "wellbeing.vote.ties": policy,
        "wellbeing.vote.tally.p1": 6,
        "wellbeing.vote.tally.p2": 3,
        "wellbeing.vote.tally.p3": 3,
        "wellbeing.vote.tally.p4": 0,
    })
    answers["wellbeing.goals.g3.actions.1.text"] = "First step for g3"
    return answers | extra


@pytest.mark.parametrize(
    ("policy", "extra", "goals", "tie"),
    [
        ("keep_all", {}, ["Breaks", "Huddles", "Cover plan"], ["p2", "p3"]),
        ("discuss", {"wellbeing.vote.tie.chosen": ["p3"], "wellbeing.vote.tie.reason": "Cover first, it helps the rest."},
         ["Breaks", "Cover plan"], ["p3"]),
        ("runoff", {"wellbeing.vote.runoff.tally.p2": 2, "wellbeing.vote.runoff.tally.p3": 4},
         ["Breaks", "Cover plan"], ["p3"]),
    ],
)
def test_goal_selection_with_a_tie_under_each_policy(tmp_path, policy, extra, goals, tie):
    path = new_file(tmp_path)
    assert run_with(path, ScriptedAsker(tie_answers(policy, **extra)))[0]
    wb = store.load(path).wellbeing
    (vote,) = wb.votes
    assert vote.tie is not None and vote.tie.options == ["p2", "p3"] and vote.tie.policy.value == policy
    assert vote.tie.chosen == tie
    assert [g.title for g in wb.goals] == goals
    assert [g.from_proposal for g in wb.goals] == vote.winners
    if policy == "runoff":
        assert vote.tie.runoff == {"p2": 2, "p3": 4}
    if policy == "discuss":
        assert vote.tie.reason == "Cover first, it helps the rest."


def test_no_vote_when_there_are_no_more_proposals_than_goals(tmp_path):
    path = new_file(tmp_path)
    asker = Recording(minimal(**{"wellbeing.goal_count": 3}) | {"wellbeing.goals.g3.actions.1.text": ""})
    done, shown = run_with(path, asker)
    wb = store.load(path).wellbeing
    assert wb.votes == [] and not any(k.startswith("wellbeing.vote.") for k in asker.asked)
    assert [g.title for g in wb.goals] == ["Breaks", "Huddles", "Cover plan"]
    assert "every proposal becomes a goal" in shown


def test_a_vote_held_again_keeps_what_was_written_about_a_goal_chosen_again(tmp_path):
    path = new_file(tmp_path)
    run_with(path, ScriptedAsker(minimal()))
    with store.editing(path) as w:
        session = Session(path, w, ScriptedAsker({}), Console(file=io.StringIO()))
        before = w.wellbeing.goals[1]
        assert before.from_proposal == "p2" and before.actions
        goals_from_vote(session, Vote(method=VoteMethod.APPROVAL, options={"p2": "Huddles", "p3": "Cover plan"},
                                      winners=["p3", "p2"]))
        assert [(g.id, g.title) for g in w.wellbeing.goals] == [("g3", "Cover plan"), ("g2", "Huddles")]
        assert w.wellbeing.goals[1].actions == before.actions


# -- figures: a CSV file, corrections, bad numbers --------------------------------------------


def test_figures_from_a_csv_file_then_corrected_and_removed(tmp_path):
    csv = tmp_path / "luvut.csv"
    csv.write_text("Nimi;Laji;Arvo;Yksikkö;Ajanjakso;Lähde;Edellinen\n"
                   "Sairauspoissaolot;toiminta;5,8;%;1–9/2026;HR;4,9\n"
                   "Työn imu;vaikuttavuus;4,1;pistettä 0–6;kevät 2026;Kysely;4,4\n"
                   "Ylityöt;toiminta;212;h/kk;2026;Työvuorot;150\n", encoding="utf-8")
    answers = minimal(**{
        "wellbeing.figures.1.action": "csv",
        "wellbeing.figures.1.file": str(csv),
        # the same name again corrects that indicator: only its value changes here
        "wellbeing.figures.2.action": "add",
        "wellbeing.figures.2.name": "sairauspoissaolot",
        "wellbeing.figures.2.value": "6.1",
        "wellbeing.figures.3.action": "edit",
        "wellbeing.figures.3.which": "tyon-imu",
        "wellbeing.figures.3.name": "Työn imu (UWES-9)",
        "wellbeing.figures.3.source": "Henkilöstökysely 2026",
        "wellbeing.figures.4.action": "delete",
        "wellbeing.figures.4.which": "ylityot",
        "wellbeing.figures.5.action": "done",
    })
    path = new_file(tmp_path / "ws")
    done, shown = run_with(path, ScriptedAsker(answers))
    indicators = store.load(path).wellbeing.indicators
    assert [(i.id, i.name) for i in indicators] == [("sairauspoissaolot", "Sairauspoissaolot"), ("tyon-imu", "Työn imu (UWES-9)")]
    absence, engagement = indicators
    assert (absence.value, absence.previous, absence.unit, absence.source) == (6.1, 4.9, "%", "HR")
    assert engagement.kind == IndicatorKind.IMPACT and engagement.source == "Henkilöstökysely 2026" and engagement.value == 4.1
    assert f"Read from {csv}: new indicators 3, updated 0." in shown
    assert "“Sairauspoissaolot” is in the table already" in shown
    assert "Removed: Ylityöt" in shown


def test_names_that_make_the_same_id_stay_two_indicators(tmp_path):
    answers = minimal(**{"wellbeing.figures.2.action": "add", "wellbeing.figures.2.name": "Työn imu",
                         "wellbeing.figures.3.action": "add", "wellbeing.figures.3.name": "Tyon imu",
                         "wellbeing.figures.4.action": "add", "wellbeing.figures.4.name": "  TYÖN   imu ",
                         "wellbeing.figures.4.value": "4,1"})
    path = new_file(tmp_path)
    run_with(path, ScriptedAsker(answers))
    indicators = store.load(path).wellbeing.indicators
    assert [(i.id, i.name, i.value) for i in indicators[1:]] == [("tyon-imu", "Työn imu", 4.1), ("tyon-imu-2", "Tyon imu", None)]


def test_reading_a_csv_file_again_updates_the_indicators_it_names(tmp_path):
    csv = tmp_path / "a.csv"
    csv.write_text("name,value,previous\nIndex,3.4,3.7\n", encoding="utf-8")
    csv2 = tmp_path / "b.csv"
    csv2.write_text("name,value,unit\nIndex,3.5,points\nAttendance,95,%\n", encoding="utf-8")
    answers = minimal(**{"wellbeing.figures.1.action": "csv", "wellbeing.figures.1.file": str(csv),
                         "wellbeing.figures.2.action": "csv", "wellbeing.figures.2.file": str(csv2)})
    path = new_file(tmp_path / "ws")
    run_with(path, ScriptedAsker(answers))
    index, attendance = store.load(path).wellbeing.indicators
    assert (index.value, index.previous, index.unit) == (3.5, 3.7, "points")
    assert attendance.value == 95


def test_a_bad_csv_file_in_an_answers_file_names_the_key_and_the_row(tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("name,value\nIndex,3.4\nAbsence,lots\n", encoding="utf-8")
    answers = minimal(**{"wellbeing.figures.1.action": "csv", "wellbeing.figures.1.file": str(csv)})
    path = new_file(tmp_path / "ws")
    with pytest.raises(BadAnswers) as caught:
        run_with(path, ScriptedAsker(answers, source="answers.toml"))
    text = caught.value.message("en")
    assert "“wellbeing.figures.1.file”" in text and "row 3, column “value”: “lots” is not a number" in text
    with pytest.raises(BadAnswers) as caught:
        run_with(path, ScriptedAsker(minimal(**{"wellbeing.figures.1.action": "csv",
                                                "wellbeing.figures.1.file": str(tmp_path / "none.csv")})))
    assert "no such file" in caught.value.message("en")


def test_a_bad_figure_or_date_in_an_answers_file_stops_with_the_key_and_keeps_what_was_saved(tmp_path):
    path = new_file(tmp_path / "a")
    with pytest.raises(BadAnswers) as caught:
        run_with(path, ScriptedAsker(minimal(**{"wellbeing.figures.1.value": "lots"}), source="answers.toml"))
    assert "“wellbeing.figures.1.value”" in caught.value.message("en") and "a number such as 5.8" in caught.value.message("en")
    assert store.load(path).wellbeing.indicators[0].name == "Sairauspoissaolot", "the name was saved before"

    path = new_file(tmp_path / "b")
    with pytest.raises(BadAnswers) as caught:
        run_with(path, ScriptedAsker(minimal(**{"wellbeing.goals.g1.actions.1.due": "next spring"}), source="answers.toml"))
    text = caught.value.message("en")
    assert text == ("answers.toml: the answer 'next spring' for “wellbeing.goals.g1.actions.1.due” does not fit; "
                    "expected a date such as 2027-03-31 or 31.3.2027.")
    action = store.load(path).wellbeing.goals[0].actions[0]
    assert (action.text, action.owner, action.due) == ("First step for g1", "Dina", None)


class AtTheKeyboard(ScriptedAsker):
    """A person at the keyboard: answers from lists, one attempt at a time."""

    def __init__(self, answers):
        super().__init__({k: v for k, v in answers.items() if not isinstance(v, tuple)})
        self.attempts = {k: list(v) for k, v in answers.items() if isinstance(v, tuple)}

    def interactive(self):
        return True

    def _get(self, key, message, default=None):
        if key in self.attempts and self.attempts[key]:
            return self.attempts[key].pop(0)
        if key.endswith((".continue", ".reveal")) or ".secret." in key:
            return default
        return super()._get(key, message, default)

    def select(self, key, message, choices, default=None, *, once=False):
        if key.endswith(".collect"):
            return "tallies"
        return super().select(key, message, choices, default, once=once)


def test_at_the_keyboard_a_bad_date_or_figure_is_asked_again_with_the_reason(tmp_path):
    answers = minimal(**{
        "wellbeing.figures.1.value": ("lots", "5,8 %"),
        "wellbeing.goals.g1.actions.1.due": ("31.2.2027", "next spring", "28.2.2027"),
        "wellbeing.figures.2.action": "done",
    })
    path = new_file(tmp_path)
    done, shown = run_with(path, AtTheKeyboard(answers))
    assert done
    wb = store.load(path).wellbeing
    assert wb.indicators[0].value == 5.8
    assert wb.goals[0].actions[0].due == dt.date(2027, 2, 28)
    assert "“lots” is not a number. Write a number such as 5.8 or 5,8" in shown
    assert "“31.2.2027” is not a date." in shown and "“next spring” is not a date." in shown


# -- earlier work carried over --------------------------------------------------------------


def test_earlier_unfinished_actions_are_kept_or_left_out_and_their_owners_updated(tmp_path):
    carried = [
        Action(id="a1", text="Induction folder", owner="Fatima", carried_from="2025-ward.toml", goal="Induction"),
        Action(id="a2", text="New lifting aids", owner="Maria", carried_from="2025-ward.toml"),
    ]
    path = new_file(tmp_path)
    with store.editing(path) as w:
        w.wellbeing.carried_over = carried
        store.save(path, w)
    answers = minimal(**{
        "wellbeing.carry.keep": ["a1"],
        "wellbeing.carry.actions.1.owner": "Ben",
        "wellbeing.carry.actions.1.due": "2027-06-30",
        "wellbeing.carry.actions.2.text": "Update the shift swap rules",
        "wellbeing.carry.actions.2.owner": "Dina",
    })
    done, shown = run_with(path, ScriptedAsker(answers))
    w = store.load(path)
    kept = w.wellbeing.carried_over
    assert [(a.id, a.text, a.owner, a.due, a.carried_from) for a in kept] == [
        ("a1", "Induction folder", "Ben", dt.date(2027, 6, 30), "2025-ward.toml"),
        ("a5", "Update the shift swap rules", "Dina", None, ""),
    ]
    assert [a.id for a in w.wellbeing.goals[0].actions] == ["a3"], "new ids never clash with carried ones"
    assert "Left out of this plan: New lifting aids" in shown
    assert "Earlier goal" in shown and "Induction" in shown


# -- the plan so far, from the menus ----------------------------------------------------------


def test_the_plan_so_far_can_be_shown_before_a_step_and_from_the_agenda(tmp_path):
    path = new_file(tmp_path)
    done, shown = run_with(path, ScriptedAsker(minimal(**{"nav.wellbeing.plan": "wellbeing.plan"})))
    assert done, "after the plan, the same question again, and on with the step"
    header = shown.index("The written plan")
    plan = shown.index("Wellbeing plan", header)
    assert plan < shown.index("The outputs are compiled into a written plan", header)
    assert "Goal 1: Breaks" in shown[plan:] and "First step for g1" in shown[plan:]
    # from the agenda, once the method has started (here: it is done)
    done, shown = run_with(path, ScriptedAsker({"agenda": "wellbeing.plan"}))
    assert "Wellbeing plan" in shown and "First step for g2" in shown


def test_the_plan_so_far_says_when_no_goals_are_chosen_yet(tmp_path):
    path = new_file(tmp_path)
    done, shown = run_with(path, ScriptedAsker(minimal(**{"nav.wellbeing.interpretation": "wellbeing.plan"})))
    assert done
    note = shown.index("No goals have been chosen yet")
    assert note < shown.index("We think together about what the information means")
    assert "Sairauspoissaolot" in shown[note - 2000:note + 2000]


# -- Finnish --------------------------------------------------------------------------------


def test_a_finnish_workshop_asks_in_finnish_and_reads_finnish_dates_and_numbers(tmp_path):
    path = new_file(tmp_path, language="fi")
    answers = minimal(**{"wellbeing.target_date": "30.11.2027", "wellbeing.figures.1.previous": "4,9"})
    asker = Recording(answers)
    messages = []
    asker.echo = lambda message, answer: messages.append(message)
    done, shown = run_with(path, asker)
    wb = store.load(path).wellbeing
    assert wb.target_date == dt.date(2027, 11, 30) and wb.indicators[0].previous == 4.9
    assert "Tunnusluvun nimi (esim. Sairauspoissaoloprosentti)" in messages
    assert "Kuka on vastuuhenkilö? (nimi tai rooli)" in messages
    assert "Mitä hyötyä tavoitteesta on minulle?" in messages
    assert "Toimintaa kuvaavat tunnusluvut" in shown and "+0,9 %-yks." in shown
    assert "Työhyvinvointisuunnitelma viidessä vaiheessa" in shown


def test_user_text_is_shown_as_text(tmp_path):
    path = new_file(tmp_path)
    answers = minimal(**{"wellbeing.proposals": ["[bold red]Breaks[/] \x1b[31mnow", "Huddles", "Cover plan"],
                         "wellbeing.figures.1.name": "[link=x]Absence[/link]"})
    done, shown = run_with(path, ScriptedAsker(answers))
    assert "[bold red]Breaks[/]" in shown and "\x1b[31m" not in shown
    assert "[link=x]Absence[/link]" in shown


# -- resuming -------------------------------------------------------------------------------


class Snapshots(ScriptedAsker):
    """The uninterrupted run, keeping the file as it is on disk when each question is asked:
    exactly what Ctrl-C at that question leaves behind."""

    def __init__(self, answers, path: Path):
        super().__init__(answers)
        self.path = path
        self.files: list[tuple[str, bytes]] = []

    def _get(self, key, message, default=None):
        self.files.append((key, self.path.read_bytes()))
        return super()._get(key, message, default)


def every_kind_of_question() -> dict:
    """A short run that still asks every kind of question the method has: figures added and
    corrected, lines, themes, a merge, a dot vote with a discussed tie, the canvas, actions,
    the plan with an indicator and a target, earlier work, the dates."""
    answers = tie_answers("discuss", **{
        "wellbeing.figures.2.action": "edit",
        "wellbeing.figures.2.which": "sairauspoissaolot",
        "wellbeing.figures.2.previous": "4,9",
        "wellbeing.interpretation": ["Absence is up.", "The rush wears us down."],
        "wellbeing.observations": ["Cover falls on a few."],
        "wellbeing.themes": ["Workload", "Together"],
        "wellbeing.proposals.Workload": ["Breaks", "Cover plan", "A cover plan"],
        "wellbeing.proposals.Together": ["Huddles"],
        "wellbeing.tidy.1.action": "merge",
        "wellbeing.tidy.1.items": ["p2", "p3"],
        "wellbeing.tidy.1.text": "Cover plan",
        "wellbeing.vote.tally.p4": 3,
        "wellbeing.vote.tally.p5": 3,
        "wellbeing.vote.tie.chosen": ["p5"],
        "wellbeing.vote.tie.reason": "Cover first.",
        "wellbeing.goals.g1.benefit_me": "Real breaks",
        "wellbeing.goals.g1.obstacles": "Alarms at lunchtime",
        "wellbeing.goals.g1.actions.2.text": "Try break pairs",
        "wellbeing.goals.g1.actions.2.owner": "Chen",
        "wellbeing.plan.g1.improvement": "Everyone gets a break",
        "wellbeing.plan.g1.indicator": "sairauspoissaolot",
        "wellbeing.plan.g1.target": "4,5",
        "wellbeing.plan.g2.indicator": "other",
        "wellbeing.plan.g2.indicator_text": "Cover found in time (%)",
        "wellbeing.carry.actions.1.text": "Finish the induction folder",
        "wellbeing.follow_up_date": "15.5.2027",
    })
    del answers["wellbeing.proposals"]
    return answers


def test_interrupt_at_every_question_then_resume_gives_the_same_record(tmp_path, monkeypatch, robustness_counts):
    # durability is tested in test_store; here fsync would only make hundreds of runs slow
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    answers = every_kind_of_question()
    path = new_file(tmp_path / "reference")
    asker = Snapshots(answers, path)
    assert run_with(path, asker)[0]
    expected = store.load(path).model_dump()
    wb = store.load(path).wellbeing
    assert wb.votes[0].tie.chosen == ["p5"] and len(wb.goals) == 2 and wb.goals[0].target_value == 4.5
    assert len(wb.goals[0].actions) == 2 and wb.carried_over and wb.indicators[0].previous == 4.9
    assert len(asker.files) > 80
    tried = set()
    for n, (key, content) in enumerate(asker.files, 1):
        if not key.startswith(("wellbeing", "nav.wellbeing")) or content in tried:
            continue  # the agenda around the method; a file already resumed from (nothing saved in between)
        tried.add(content)
        resumed = tmp_path / f"run{n}.toml"
        resumed.write_bytes(content)
        store.load(resumed)  # whole at the moment of the interruption
        assert run_with(resumed, ScriptedAsker(answers))[0]
        assert store.load(resumed).model_dump() == expected, f"differs after an interruption at question {n} ({key})"
        resumed.unlink()
    robustness_counts["interrupts tested"] += len(tried)


def test_an_interruption_inside_an_action_resumes_at_that_action(tmp_path):
    answers = ward_answers()
    path = new_file(tmp_path)

    class StopAt(ScriptedAsker):
        def _get(self, key, message, default=None):
            if key == "wellbeing.goals.g2.actions.2.owner":
                raise KeyboardInterrupt
            return super()._get(key, message, default)

    with pytest.raises(KeyboardInterrupt):
        run_with(path, StopAt(answers))
    w = store.load(path)
    assert [a.text for a in w.wellbeing.goals[1].actions][-1].startswith("Try the break pairs"), "saved at once"
    asker = Recording(answers)
    run_with(path, asker)
    resumed = [k for k in asker.asked if k.startswith("wellbeing.")]
    assert resumed[:3] == ["wellbeing.goals.g2.actions.2.text", "wellbeing.goals.g2.actions.2.owner",
                           "wellbeing.goals.g2.actions.2.due"]
    assert [a.text for a in store.load(path).wellbeing.goals[1].actions] == [
        answers["wellbeing.goals.g2.actions.1.text"], answers["wellbeing.goals.g2.actions.2.text"]]
