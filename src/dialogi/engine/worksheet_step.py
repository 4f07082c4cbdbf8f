"""A worksheet per item (a goal): its questions, then its actions one by one — what is done,
who is responsible, by when — until an empty action moves on to the next item.

Each action is one unit, so a session resumes at the action where it stopped. Where a
unit is in the worksheet follows from the position and the record: item by item, one unit
for the questions, one per action the item has, and one that adds the next action or, with
an empty answer, moves on. An action already in the record (a resumed unit, or the
worksheet gone through again) is asked again with its saved answers as the defaults.

An empty responsible person and a due date before the workshop day are questioned, not
refused (``.no_owner``: ``name`` or ``open``; ``.early_due``: ``change`` or ``keep``). Once an
item's actions are written, any of them can be changed before moving on (``edit_action``: the
action's number, then ``edit.<n>.text|owner|due``).

Question keys: ``<id>.<item>.<question>`` and ``<id>.<item>.actions.<n>.text|owner|due``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from dialogi.engine.form_step import Ask, ask, ask_date
from dialogi.engine.steps import FINISHED, Step
from dialogi.prompts import Choice
from dialogi.record.models import Action, Workshop

if TYPE_CHECKING:
    from dialogi.engine.session import Session


def next_action_id(workshop: Workshop) -> str:
    """``a<n>``, one more than any such id in the workshop (actions of every goal and carried ones)."""
    taken = {a.id for _, a in workshop.all_actions()}
    numbers = [int(i[1:]) for i in taken if i.startswith("a") and i[1:].isdigit()]
    return f"a{max(numbers, default=0) + 1}"


def actions_table(session: "Session", actions: list[Action]) -> Any:
    from rich.table import Table

    from dialogi.render.terminal import safe
    from dialogi.render.text import format_date

    earlier = any(a.goal for a in actions)  # carried over: the goal it served back then
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("#", style="bold")
    for key in ("action", "owner", "due"):
        table.add_column(session.t(f"render.wellbeing.{key}"))
    if earlier:
        table.add_column(session.t("form.earlier_goal"))
    for n, action in enumerate(actions, 1):
        row = [str(n), safe(action.text), safe(action.owner), format_date(action.due, session.lang)]
        table.add_row(*row, *([safe(action.goal)] if earlier else []))
    return table


@dataclass
class Worksheet(Step):
    id: str
    title_key: str
    items: Callable[["Session"], list[Any]]
    key: Callable[[Any], str]
    actions: Callable[["Session", Any], list[Action]]  # the record's list, appended to
    card: Callable[["Session", Any], Any] | None = None  # shown before the item's questions
    heading: Callable[["Session", Any], Any] | None = None  # shown before each of its actions
    questions: list[Ask] = field(default_factory=list)
    action_key: str = "form.action_text"  # the message asking for action {number}
    empty_key: str = ""  # shown when there are no items

    def units(self, session: "Session") -> None:
        return None

    def _locate(self, session: "Session", position: int) -> tuple[int, int] | None:
        """(item index, slot): slot -1 is the questions, 0..n-1 the actions, n the next action."""
        for index, item in enumerate(self.items(session)):
            span = len(self.actions(session, item)) + 2
            if position < span:
                return index, position - 1
            position -= span
        return None

    def run_unit(self, session: "Session", position: int) -> str | None:
        items = self.items(session)
        where = self._locate(session, position)
        if where is None:
            if not items and self.empty_key:
                session.show(session.t(self.empty_key))
            return FINISHED
        index, slot = where
        item = items[index]
        prefix = f"{self.id}.{self.key(item)}" if self.key(item) else self.id
        if slot == -1:
            if self.card:
                session.show(self.card(session, item))
            for question in self.questions:
                if not question.when or question.when(session, item):
                    ask(session, item, question, f"{prefix}.{question.name}")
            return None
        actions = self.actions(session, item)
        if self.heading:
            session.show(self.heading(session, item))
        if actions:
            session.show(actions_table(session, actions))
        if slot < len(actions):
            self._details(session, f"{prefix}.actions.{slot + 1}", actions[slot], slot + 1, again=True)
            return None
        key = f"{prefix}.actions.{slot + 1}"
        text = session.asker.text(f"{key}.text", session.t(self.action_key, number=slot + 1))
        if not text:
            self._edit(session, prefix, actions)
            return FINISHED if index == len(items) - 1 else None
        action = Action(id=next_action_id(session.workshop), text=text)
        actions.append(action)
        session.save()
        self._details(session, key, action, slot + 1, again=False)
        return None

    def _edit(self, session: "Session", prefix: str, actions: list[Action]) -> None:
        """Change any of the item's actions until the group moves on."""
        while actions:
            choices = [Choice(str(n), f"{n}. {' '.join(a.text.split())}") for n, a in enumerate(actions, 1)]
            choices.append(Choice("none", session.t("form.edit_none")))
            picked = session.asker.select(f"{prefix}.edit_action", session.t("form.edit_question"), choices, "none", once=True)
            if picked == "none":
                return
            number = int(picked)
            self._details(session, f"{prefix}.edit.{number}", actions[number - 1], number, again=True)
            session.show(actions_table(session, actions))

    def _details(self, session: "Session", key: str, action: Action, number: int, again: bool) -> None:
        """The action's wording (when asked again), its responsible person and its due date."""
        from dialogi.render.text import format_date

        if again:
            text = session.asker.text(f"{key}.text", session.t("form.action_again", number=number), action.text)
            action.text = text or action.text  # an action is not emptied here; its status can drop it
            session.save()
        while True:
            action.owner = " ".join(session.asker.text(f"{key}.owner", session.t("form.action_owner"), action.owner).split())
            session.save()
            if action.owner or not self._ask_again(session, f"{key}.no_owner", session.t("form.no_owner", action=action.text),
                                                   [("name", "form.name_owner"), ("open", "form.leave_open")], "open"):
                break
        day = session.workshop.date
        while True:
            action.due = ask_date(session, f"{key}.due", session.t("form.action_due"), action.due)
            session.save()
            question = session.t("form.early_due", date=format_date(action.due, session.lang), day=format_date(day, session.lang))
            changing = "change" if session.asker.interactive() else "keep"  # an answers file would give the same date again
            if action.due is None or action.due >= day or not self._ask_again(
                    session, f"{key}.early_due", question, [("change", "form.change_date"), ("keep", "form.keep_date")], changing):
                break

    def _ask_again(self, session: "Session", key: str, question: str, choices: list[tuple[str, str]], default: str) -> bool:
        """Questioned, not refused: True when the group wants to answer again (the first choice)."""
        picked = session.asker.select(key, question, [Choice(v, session.t(k)) for v, k in choices], default, once=True)
        return picked == choices[0][0]
