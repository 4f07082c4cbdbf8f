"""A worksheet per item (a goal): its questions, then its actions one by one — what is done,
who is responsible, by when — until an empty action moves on to the next item.

Each action is one unit, so a session resumes at the action where it stopped. Where a
unit is in the worksheet follows from the position and the record: item by item, one unit
for the questions, one per action the item has, and one that adds the next action or, with
an empty answer, moves on. An action already in the record (a resumed unit, or the
worksheet gone through again) is asked again with its saved answers as the defaults.

Question keys: ``<id>.<item>.<question>`` and ``<id>.<item>.actions.<n>.text|owner|due``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from dialogi.engine.form_step import Ask, ask, ask_date
from dialogi.engine.steps import FINISHED, Step
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
            return FINISHED if index == len(items) - 1 else None
        action = Action(id=next_action_id(session.workshop), text=text)
        actions.append(action)
        session.save()
        self._details(session, key, action, slot + 1, again=False)
        return None

    def _details(self, session: "Session", key: str, action: Action, number: int, again: bool) -> None:
        """The action's wording (when asked again), its responsible person and its due date."""
        if again:
            text = session.asker.text(f"{key}.text", session.t("form.action_again", number=number), action.text)
            action.text = text or action.text  # an action is not emptied here; its status can drop it
            session.save()
        action.owner = session.asker.text(f"{key}.owner", session.t("form.action_owner"), action.owner)
        session.save()
        action.due = ask_date(session, f"{key}.due", session.t("form.action_due"), action.due)
        session.save()
