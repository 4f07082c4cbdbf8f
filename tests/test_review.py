"""dialogi review: the rules review and the plan review with the scripted asker, field by field;
interrupting and continuing; the record and its rendering afterwards."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from rich.console import Console

from dialogi.errors import BadAnswers, Interrupted, NoTerminal, UsageError
from dialogi.followup.runner import review_file
from dialogi.prompts import ScriptedAsker
from dialogi.record import store
from dialogi.record.models import ActionStatus, Compliance, RuleDecision, RuleVersion
from followup_workshops import WORKSHOP_DAY, workshop, write
from scripted_askers import InterruptAt, Recording

REVIEW_DAY = dt.date(2027, 3, 1)

RULES_ANSWERS = {
    "review.rules.r1.compliance": "partly",
    "review.rules.r1.note": "Iltavuorossa viestit jäävät.",
    "review.rules.r1.decision": "reword",
    "review.rules.r1.new_text": "Vastaamme työviesteihin saman työvuoron aikana.",
    "review.rules.r2.compliance": "followed",
    "review.rules.r2.decision": "keep",
    "review.rules.r3.compliance": "not_followed",
    "review.rules.r3.note": "Aamulla on kiire.",
    "review.rules.r3.decision": "drop",
    "review.add.1.text": "Kiitämme toisiamme avusta.",
    "review.add.1.theme": "encounter",
    "review.add.1.observed_by": "Kiitos kuuluu viikoittain.",
    "review.add.1.keeper": "Aino",
    "review.add.2.text": "Kerromme poissaoleville muutoksista viestillä.",
    "review.note": "Hyvä keskustelu, iltavuoro mukana.",
    "review.next_date": "1.6.2027",
}

PLAN_ANSWERS = {
    "review.actions.a1.status": "done",
    "review.actions.a1.note": "The rota is on the wall.",
    "review.actions.a2.status": "in_progress",
    "review.actions.a3.status": "dropped",
    "review.actions.a3.note": "A Teams channel instead.",
    "review.actions.a4.status": "done",
    "review.indicators.sickness": "4,1",
    "review.indicators.index": 3.6,
    "review.goals.g1": "Breaks happen on most days.",
    "review.goals.g2": "Better, but not yet for the night shift.",
    "review.note": "A heavy year.",
    "review.next_date": "2027-09-01",
}


def quiet() -> Console:
    return Console(file=io.StringIO(), width=100)


def review(path: Path, answers: dict, what: str | None = None, date: dt.date | None = REVIEW_DAY, console=None):
    return review_file(path, date=date, what=what, console=console or quiet(), asker=ScriptedAsker(dict(answers)))


# -- the rules --------------------------------------------------------------------------------


def test_rules_review_records_each_answer_and_applies_the_decisions(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    review(path, RULES_ANSWERS)
    w = store.load(path)

    [done] = w.reviews
    assert done.kind == "rules" and done.date == REVIEW_DAY and done.complete
    entries = {e.rule: e for e in done.rules}
    assert list(entries) == ["r1", "r2", "r3"]
    assert (entries["r1"].compliance, entries["r1"].decision) == (Compliance.PARTLY, RuleDecision.REWORD)
    assert entries["r1"].note == "Iltavuorossa viestit jäävät."
    assert entries["r1"].new_text == "Vastaamme työviesteihin saman työvuoron aikana."
    assert (entries["r2"].compliance, entries["r2"].decision, entries["r2"].note) == (Compliance.FOLLOWED, RuleDecision.KEEP, "")
    assert (entries["r3"].compliance, entries["r3"].decision) == (Compliance.NOT_FOLLOWED, RuleDecision.DROP)
    assert done.note == "Hyvä keskustelu, iltavuoro mukana."

    rules = {r.id: r for r in w.rules.agreed}
    # reworded: the new wording in force, both versions in the history
    assert rules["r1"].text == "Vastaamme työviesteihin saman työvuoron aikana."
    assert rules["r1"].history == [
        RuleVersion(date=WORKSHOP_DAY, text="Vastaamme työviesteihin saman päivän aikana."),
        RuleVersion(date=REVIEW_DAY, text="Vastaamme työviesteihin saman työvuoron aikana."),
    ]
    assert rules["r2"].history == [] and rules["r2"].dropped is None  # kept as it was
    assert rules["r3"].dropped == REVIEW_DAY and rules["r3"].text == "Tervehdimme toisiamme, kun tulemme töihin."
    # two new rules, in force from the review on
    assert done.added_rules == ["r4", "r5"]
    assert rules["r4"].text == "Kiitämme toisiamme avusta."
    assert (rules["r4"].theme, rules["r4"].observed_by, rules["r4"].keeper) == ("encounter", "Kiitos kuuluu viikoittain.", "Aino")
    assert rules["r4"].history == [RuleVersion(date=REVIEW_DAY, text="Kiitämme toisiamme avusta.")]
    assert rules["r5"].theme == "" and rules["r5"].keeper == ""
    assert [r.id for r in w.active_rules()] == ["r1", "r2", "r4", "r5"]
    assert w.rules.review_date == dt.date(2027, 6, 1)


def test_next_review_date_defaults_to_three_months_after_the_review(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    answers = {k: v for k, v in RULES_ANSWERS.items() if k != "review.next_date"}
    review(path, answers, date=dt.date(2027, 11, 30))
    assert store.load(path).rules.review_date == dt.date(2028, 2, 29)  # the month is shorter


def test_an_unchanged_wording_keeps_the_rule(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    answers = RULES_ANSWERS | {"review.rules.r1.new_text": "Vastaamme työviesteihin saman päivän aikana."}
    console = quiet()
    review(path, answers, console=console)
    w = store.load(path)
    entry = w.reviews[0].rules[0]
    assert (entry.decision, entry.new_text) == (RuleDecision.KEEP, "")
    assert w.rules.agreed[0].history == []
    assert "The wording did not change" in console.file.getvalue() or "Muotoilu ei muuttunut" in console.file.getvalue()


def test_a_rewording_gets_gentle_hints(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    answers = RULES_ANSWERS | {"review.rules.r1.new_text": "Emme jätä viestejä huomiseen."}
    console = quiet()
    review(path, answers, console=console)
    assert "kielloksi" in console.file.getvalue()  # the wording module's hint on a prohibition
    assert store.load(path).rules.agreed[0].text == "Emme jätä viestejä huomiseen."


def test_the_hints_come_before_a_new_wording_is_accepted_keep_or_reword(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    answers = RULES_ANSWERS | {
        "review.rules.r1.new_text": "Emme jätä viestejä huomiseen.",
        "hints.review.rules.r1.new_text.choice": "reword",
        "hints.review.rules.r1.new_text.text": "Vastaamme viesteihin saman päivän aikana.",
    }
    asker = Recording(answers)
    console = quiet()
    review_file(path, date=REVIEW_DAY, console=console, asker=asker)
    assert "kielloksi" in console.file.getvalue()
    assert asker.asked.index("review.rules.r1.new_text") < asker.asked.index("hints.review.rules.r1.new_text.choice")
    assert store.load(path).rules.agreed[0].text == "Vastaamme viesteihin saman päivän aikana."


def test_a_second_review_shows_the_last_rating_and_keeps_the_whole_history(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    review(path, RULES_ANSWERS)
    second = {
        "review.rules.r1.compliance": "followed", "review.rules.r1.decision": "reword",
        "review.rules.r1.new_text": "Vastaamme viesteihin työvuoron aikana.",
        "review.rules.r2.compliance": "partly",
        "review.rules.r4.compliance": "followed",
        "review.rules.r5.compliance": "followed", "review.rules.r5.decision": "drop",
    }
    console = quiet()
    review(path, second, date=dt.date(2027, 6, 1), console=console)
    shown = console.file.getvalue()
    assert "Seurannassa 1.3.2027: osittain" in shown  # r1 at the first review
    w = store.load(path)
    assert [r.kind for r in w.reviews] == ["rules", "rules"]
    r1 = w.rules.agreed[0]
    assert [v.date for v in r1.history] == [WORKSHOP_DAY, REVIEW_DAY, dt.date(2027, 6, 1)]
    assert r1.text == "Vastaamme viesteihin työvuoron aikana."
    assert [r.id for r in w.active_rules()] == ["r1", "r2", "r4"]
    assert [e.rule for e in w.reviews[1].rules] == ["r1", "r2", "r4", "r5"]  # r3 was dropped before


def test_a_missing_compliance_stops_with_the_key_and_keeps_what_was_answered(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    answers = {k: v for k, v in RULES_ANSWERS.items() if k != "review.rules.r2.compliance"}
    with pytest.raises(BadAnswers) as raised:
        review(path, answers)
    assert raised.value.params["key"] == "review.rules.r2.compliance"
    w = store.load(path)
    [unfinished] = w.reviews
    assert not unfinished.complete
    assert [e.rule for e in unfinished.rules] == ["r1"]
    assert w.rules.agreed[0].text == "Vastaamme työviesteihin saman päivän aikana."  # not applied yet


def count_questions(tmp_path: Path, make, answers: dict) -> int:
    path = write(tmp_path / "count.toml", make())
    asker = InterruptAt(answers, n=10**9)
    review_file(path, date=REVIEW_DAY, console=quiet(), asker=asker)
    return asker.asked


@pytest.mark.parametrize("kind", ["rules", "plan"])
def test_interrupt_at_every_question_then_continue_gives_the_same_record(tmp_path, kind, robustness_counts):
    if kind == "rules":
        answers, make = RULES_ANSWERS, lambda: workshop()
    else:
        answers, make = PLAN_ANSWERS, lambda: workshop("en", with_rules=False, with_plan=True)
    expected_path = write(tmp_path / "expected.toml", make())
    review(expected_path, answers)
    expected = store.load(expected_path).model_dump()
    total = count_questions(tmp_path, make, answers)
    assert total > 10
    for n in range(1, total + 1):
        path = write(tmp_path / f"w{n}.toml", make())
        with pytest.raises(Interrupted) as raised:
            review_file(path, date=REVIEW_DAY, console=quiet(), asker=InterruptAt(answers, n))
        assert f"dialogi review {path} --what {kind}" in raised.value.params["command"]
        saved = store.load(path)
        assert len(saved.reviews) == 1 and not saved.reviews[0].complete
        review_file(path, console=quiet(), asker=ScriptedAsker(dict(answers)))  # no --date: it keeps its own
        assert store.load(path).model_dump() == expected, f"interrupted at question {n}"
    robustness_counts["interrupts tested"] += total


def test_continuing_picks_up_the_unfinished_review_at_its_place(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    with pytest.raises(Interrupted):
        review_file(path, date=REVIEW_DAY, console=quiet(), asker=InterruptAt(RULES_ANSWERS, 5))  # r2's compliance
    saved = store.load(path).reviews[0]
    assert saved.progress is not None and (saved.progress.step, saved.progress.position) == (0, 1)
    asked: list[str] = []

    class Recording(ScriptedAsker):
        def _get(self, key, message, default=None):
            asked.append(key)
            return super()._get(key, message, default)

    console = quiet()
    review_file(path, console=console, asker=Recording(dict(RULES_ANSWERS)))
    assert asked[0] == "review.rules.r2.compliance"
    assert "Jatketaan pelisääntöjen seurantaa (1.3.2027)" in console.file.getvalue()
    assert len(store.load(path).reviews) == 1


# -- the plan ---------------------------------------------------------------------------------


def test_plan_review_records_statuses_readings_and_outcomes(tmp_path):
    path = write(tmp_path / "w.toml", workshop("en", with_rules=False, with_plan=True))
    console = quiet()
    review(path, PLAN_ANSWERS, console=console)
    w = store.load(path)
    [done] = w.reviews
    assert done.kind == "plan" and done.complete
    statuses = {a.action: (a.status, a.note) for a in done.actions}
    assert statuses == {
        "a4": (ActionStatus.DONE, ""),  # carried-over work first, as all_actions() lists it
        "a1": (ActionStatus.DONE, "The rota is on the wall."),
        "a2": (ActionStatus.IN_PROGRESS, ""),
        "a3": (ActionStatus.DROPPED, "A Teams channel instead."),
    }
    assert [a.action for a in done.actions] == ["a4", "a1", "a2", "a3"]
    # the plan itself now says where each action stands
    assert {a.id: a.status for _, a in w.all_actions()} == {k: v[0] for k, v in statuses.items()}
    readings = {r.indicator: r for r in done.indicators}
    assert (readings["sickness"].value, readings["sickness"].previous, readings["sickness"].target) == (4.1, 5.2, 4.5)
    # the index has no target of its own: the goal following it has one
    assert (readings["index"].value, readings["index"].previous, readings["index"].target) == (3.6, 3.4, 3.8)
    assert {g.goal: g.outcome for g in done.goals} == {"g1": "Breaks happen on most days.", "g2": "Better, but not yet for the night shift."}
    assert [g.outcome for g in w.wellbeing.goals] == ["Breaks happen on most days.", "Better, but not yet for the night shift."]
    assert done.note == "A heavy year."
    assert w.wellbeing.follow_up_date == dt.date(2027, 9, 1)
    shown = console.file.getvalue()
    assert "✓ reached" in shown and "0.2 to go" in shown and "-1.1 pp" in shown and "+5.9%" in shown
    assert "-21.2%" not in shown  # the change of a figure in per cent is in percentage points only
    assert "Actions reviewed: 4 — done 2, in progress 1, not started 0, dropped 1." in shown


def test_each_goal_gets_a_result_judged_from_its_indicator_unless_the_group_says(tmp_path):
    from dialogi.record.models import Result

    path = write(tmp_path / "w.toml", workshop("en", with_rules=False, with_plan=True))
    console = quiet()
    review(path, {**PLAN_ANSWERS, "review.outcomes.g2": "partly"}, console=console)
    w = store.load(path)
    # g1: absence 5.2 -> 4.1 against a target of 4.5 (lower is better): reached, by default
    assert {g.goal: g.result for g in w.reviews[0].goals} == {"g1": Result.REACHED, "g2": Result.PARTLY}
    assert [g.result for g in w.wellbeing.goals] == [Result.REACHED, Result.PARTLY]
    assert "Goals: reached 1, partly 1, not reached 0 (of 2)." in console.file.getvalue()


def test_the_review_can_name_or_change_the_responsible_person(tmp_path):
    path = write(tmp_path / "w.toml", workshop("en", with_rules=False, with_plan=True))
    review(path, {**PLAN_ANSWERS, "review.actions.a4.owner": "Fatima", "review.actions.a2.owner": "Chen"})
    w = store.load(path)
    assert {e.action: e.owner for e in w.reviews[0].actions} == {"a4": "Fatima", "a1": None, "a2": "Chen", "a3": None}
    assert {a.id: a.owner for _, a in w.all_actions()} == {"a4": "Fatima", "a1": "Ben", "a2": "Chen", "a3": "Anna"}


def test_an_empty_value_skips_the_indicator(tmp_path):
    path = write(tmp_path / "w.toml", workshop("en", with_rules=False, with_plan=True))
    answers = {k: v for k, v in PLAN_ANSWERS.items() if k != "review.indicators.index"}
    review(path, answers)
    assert [r.indicator for r in store.load(path).reviews[0].indicators] == ["sickness"]


def test_a_bad_number_in_an_answers_file_says_what_was_expected(tmp_path):
    path = write(tmp_path / "w.toml", workshop("en", with_rules=False, with_plan=True))
    with pytest.raises(BadAnswers) as raised:
        review(path, PLAN_ANSWERS | {"review.indicators.sickness": "four"})
    assert raised.value.params["key"] == "review.indicators.sickness"
    assert "a number" in raised.value.message("en")


def test_a_bad_number_typed_in_is_asked_again(tmp_path):
    path = write(tmp_path / "w.toml", workshop("en", with_rules=False, with_plan=True))

    class Person(ScriptedAsker):
        """Answers like a person at the keyboard: the first try at the sickness figure is wrong."""

        tries = 0

        def interactive(self):
            return True

        def text(self, key, message, default=""):
            if key == "review.indicators.sickness":
                self.tries += 1
                return "four" if self.tries == 1 else "4.1"
            return super().text(key, message, default)

        def select(self, key, message, choices, default=None, *, once=False):
            if key.endswith(".continue"):
                return "ok"
            return super().select(key, message, choices, default, once=once)

    console = quiet()
    review_file(path, date=REVIEW_DAY, console=console, asker=Person(dict(PLAN_ANSWERS)))
    assert "“four” is not a number" in console.file.getvalue()
    assert store.load(path).reviews[0].indicators[0].value == 4.1


def test_a_second_plan_review_compares_with_the_first(tmp_path):
    path = write(tmp_path / "w.toml", workshop("en", with_rules=False, with_plan=True))
    review(path, PLAN_ANSWERS)
    review(path, PLAN_ANSWERS | {"review.indicators.sickness": 4.4, "review.next_date": ""}, date=dt.date(2027, 9, 1))
    w = store.load(path)
    second = w.reviews[1].indicators[0]
    assert (second.value, second.previous) == (4.4, 4.1)
    assert w.wellbeing.follow_up_date is None  # an empty answer: no date agreed


def test_the_next_date_must_come_after_the_review(tmp_path):
    path = write(tmp_path / "w.toml", workshop("en", with_rules=False, with_plan=True))
    for bad in ("2027-02-01", "31.2.2027", "soon"):
        with pytest.raises(BadAnswers) as raised:
            review(path, PLAN_ANSWERS | {"review.next_date": bad})
        assert raised.value.params["key"] == "review.next_date"


# -- which review, and when -------------------------------------------------------------------


def test_with_rules_and_a_plan_the_group_chooses(tmp_path):
    path = write(tmp_path / "w.toml", workshop("en", with_plan=True))
    review(path, PLAN_ANSWERS | {"review.what": "plan"})
    assert store.load(path).reviews[0].kind == "plan"
    with pytest.raises(BadAnswers) as raised:  # unanswered, the question takes its default: the rules
        review(path, PLAN_ANSWERS)
    assert raised.value.params["key"] == "review.rules.r1.compliance"
    review(path, RULES_ANSWERS, what="rules")  # continues that review
    assert [r.kind for r in store.load(path).reviews] == ["plan", "rules"]


def test_nothing_to_review(tmp_path):
    path = write(tmp_path / "w.toml", workshop(with_rules=False))
    with pytest.raises(UsageError) as raised:
        review(path, {})
    assert raised.value.key == "review.nothing"
    assert "dialogi run" in raised.value.message("en")
    with pytest.raises(UsageError) as raised:
        review(path, {}, what="rules")
    assert raised.value.key == "review.nothing_rules"
    with pytest.raises(UsageError) as raised:
        review(path, {}, what="minutes")
    assert raised.value.key == "review.bad_what"
    assert store.load(path).reviews == []


def test_a_review_cannot_be_dated_before_the_workshop(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    with pytest.raises(UsageError) as raised:
        review(path, RULES_ANSWERS, date=dt.date(2026, 1, 1))
    assert raised.value.key == "review.before_workshop"
    assert store.load(path).reviews == []


def test_the_file_is_locked_while_reviewing(tmp_path):
    from dialogi.errors import InUse

    path = write(tmp_path / "w.toml", workshop())

    class Nested(ScriptedAsker):
        def _get(self, key, message, default=None):
            if key == "review.rules.r1.compliance":
                with pytest.raises(InUse):
                    review(path, RULES_ANSWERS)
            return super()._get(key, message, default)

    review_file(path, date=REVIEW_DAY, console=quiet(), asker=Nested(dict(RULES_ANSWERS)))
    assert len(store.load(path).reviews) == 1


# -- the command line -------------------------------------------------------------------------


def answers_file(tmp_path: Path, answers: dict) -> Path:
    import tomli_w

    nested: dict = {}
    for key, value in answers.items():
        node = nested
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps(nested), "utf-8")
    return path


def test_the_command_with_an_answers_file(tmp_path, cli):
    path = write(tmp_path / "w.toml", workshop())
    result = cli("review", str(path), "--answers", str(answers_file(tmp_path, RULES_ANSWERS)), "--date", "1.3.2027")
    assert result.exit_code == 0, result.output
    assert "The review is complete and saved in" in result.output
    assert store.load(path).reviews[0].date == REVIEW_DAY


def test_the_command_without_a_terminal_names_answers(tmp_path, cli):
    path = write(tmp_path / "w.toml", workshop())
    from dialogi.cli import run_cli

    code = run_cli(["review", str(path)])
    assert code == NoTerminal.code
    assert store.load(path).reviews == []


def test_the_command_refuses_a_bad_date_and_a_bad_what(tmp_path, capsys):
    from dialogi.cli import run_cli

    path = write(tmp_path / "w.toml", workshop())
    assert run_cli(["review", str(path), "--date", "tomorrow"]) == 2
    assert "is not a date" in capsys.readouterr().err
    assert run_cli(["review", str(path), "--what", "minutes", "--answers", str(answers_file(tmp_path, {}))]) == 2
    assert "--what" in capsys.readouterr().err


def test_no_terminal_message_names_answers(capsys):
    assert "--answers" in NoTerminal("prompts.no_terminal").message("en")


# -- the record afterwards --------------------------------------------------------------------


def test_the_record_shows_the_review_with_the_wording_that_was_reviewed(tmp_path):
    from dialogi.render.markdown import to_markdown
    from dialogi.render.terminal import show

    path = write(tmp_path / "w.toml", workshop("en", with_plan=True))
    review(path, RULES_ANSWERS, what="rules")
    review(path, PLAN_ANSWERS, what="plan")
    w = store.load(path)
    md = to_markdown(w)
    # the review's table names the rule as it read when reviewed, and the new wording
    assert ("| Vastaamme työviesteihin saman päivän aikana. | partly | reword "
            "| Vastaamme työviesteihin saman työvuoron aikana. | Iltavuorossa viestit jäävät. |") in md
    assert "| Sickness absence (%) | 5.2 | 4.1 | -1.1 pp |  | 4.5 | ✓ reached |" in md
    assert "| Wellbeing index | 3.4 | 3.6 | +0.2 | +5.9% | 3.8 | 0.2 to go |" in md
    console = Console(file=io.StringIO(), width=140)
    show(w, console)
    shown = console.file.getvalue()
    assert "Review of the working agreements 2027-03-01" in shown and "Review of the wellbeing plan 2027-03-01" in shown
    assert "(unfinished)" not in shown


def test_an_unfinished_review_is_marked_in_the_record(tmp_path):
    from dialogi.render.markdown import to_markdown

    path = write(tmp_path / "w.toml", workshop("en"))
    with pytest.raises(Interrupted):
        review_file(path, date=REVIEW_DAY, console=quiet(), asker=InterruptAt(RULES_ANSWERS, 4))
    assert "Review of the working agreements 2027-03-01 (unfinished)" in to_markdown(store.load(path))


def test_the_groups_words_are_shown_as_text_not_markup(tmp_path):
    w = workshop()
    w.rules.agreed[0].text = "[bold red]Vastaamme[/] \x1b[31mheti\x1b[0m"
    path = write(tmp_path / "w.toml", w)
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system=None)
    review(path, RULES_ANSWERS | {"review.add.1.text": "[link=x]Kiitos[/link]"}, console=console)
    shown = console.file.getvalue()
    assert "[bold red]Vastaamme[/] heti" in shown
    assert "\x1b[31m" not in shown


def test_a_new_review_asks_for_its_date_unless_given(tmp_path):
    path = write(tmp_path / "w.toml", workshop())
    review(path, RULES_ANSWERS | {"review.date": "1.3.2027"}, date=None)
    assert store.load(path).reviews[0].date == REVIEW_DAY
    path = write(tmp_path / "today.toml", workshop())
    review(path, RULES_ANSWERS, date=None)  # not in the file: the default, today (or the workshop's day, if later)
    assert store.load(path).reviews[0].date == max(dt.date.today(), WORKSHOP_DAY)
    path = write(tmp_path / "early.toml", workshop())
    with pytest.raises(BadAnswers) as raised:
        review(path, RULES_ANSWERS | {"review.date": "2026-01-01"}, date=None)
    assert raised.value.params["key"] == "review.date"
    assert store.load(path).reviews == []
