"""Entering actions: an empty responsible person and a due date before the workshop day are
questioned, not refused; an action can be changed after it is entered."""

from __future__ import annotations

import datetime as dt

from dialogi.record import store
from test_wellbeing_method import Recording, new_file, run_with, ward_answers

GOAL = "wellbeing.goals.g1"


class Questions(Recording):
    """Keeps the questions asked, as the facilitator would read them."""

    def __init__(self, answers):
        super().__init__(answers)
        self.questions: list[str] = []

    def _get(self, key, message, default=None):
        self.questions.append(message)
        return super()._get(key, message, default)


def run_ward(tmp_path, **changes):
    answers = {**ward_answers(), **changes}
    path = new_file(tmp_path)
    asker = Questions(answers)
    done, _ = run_with(path, asker)
    assert done
    return store.load(path), asker.asked, "\n".join(asker.questions)


def test_an_empty_owner_is_questioned_and_may_stay_open(tmp_path):
    w, asked, shown = run_ward(tmp_path, **{f"{GOAL}.actions.1.owner": "", f"{GOAL}.actions.1.no_owner": "name"})
    assert "Nobody is named responsible for “Make a cover list: who can take extra shifts, and when” yet" in shown
    # "name someone now": the owner is asked again (the answers file gives the same empty answer)
    assert asked.count(f"{GOAL}.actions.1.owner") == 2 and asked.count(f"{GOAL}.actions.1.no_owner") == 1
    assert w.wellbeing.goals[0].actions[0].owner == ""
    assert f"{GOAL}.actions.2.no_owner" not in asked  # an owner was given


def test_a_due_date_before_the_workshop_day_is_questioned(tmp_path):
    w, asked, shown = run_ward(tmp_path, **{f"{GOAL}.actions.1.due": "15.1.2026"})
    assert "2026-01-15 is before the workshop day (2026-11-16). Is that right?" in shown
    assert f"{GOAL}.actions.1.early_due" in asked and f"{GOAL}.actions.2.early_due" not in asked
    assert w.wellbeing.goals[0].actions[0].due == dt.date(2026, 1, 15)  # kept: the answers file said so


def test_an_action_can_be_changed_after_it_is_entered(tmp_path):
    w, asked, _ = run_ward(tmp_path, **{
        f"{GOAL}.edit_action": 2,
        f"{GOAL}.edit.2.text": "Agree on a standing booking for night shifts",
        f"{GOAL}.edit.2.owner": "Dina",
        f"{GOAL}.edit.2.due": "31.3.2027",
    })
    action = w.wellbeing.goals[0].actions[1]
    assert (action.text, action.owner, action.due) == ("Agree on a standing booking for night shifts", "Dina", dt.date(2027, 3, 31))
    assert asked.count(f"{GOAL}.edit_action") == 1  # once from the file; then "no, move on"
    assert asked.count(f"{GOAL}.edit.2.owner") == 1
    assert [a.id for a in w.wellbeing.goals[0].actions] == ["a1", "a2", "a3"]
