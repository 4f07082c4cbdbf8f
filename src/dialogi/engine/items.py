"""Steps over the group's own items (proposals, observations): collect them, then tidy them.

Items live in a list of ``Item`` in the record; originals of a merge and deleted items stay
in the record, marked, so nothing the group said is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from dialogi.engine.steps import FINISHED, Step
from dialogi.prompts import Choice
from dialogi.record.models import Item

if TYPE_CHECKING:
    from dialogi.engine.session import Session

ItemList = Callable[["Session"], list[Item]]
Hints = Callable[["Session", str], list[str]]


@dataclass(frozen=True)
class Group:
    """A theme to collect items under: its id, and the card that starts the talk.

    ``key``: the theme's part of the question key, when the id is not fit for one (a name
    the group typed, with spaces or dots); the id by default.
    """

    id: str
    name: str
    card: Any = None
    key: str = ""


def next_id(items: list[Item], prefix: str) -> str:
    numbers = [int(i.id[len(prefix):]) for i in items if i.id.startswith(prefix) and i.id[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def active(items: list[Item]) -> list[Item]:
    return [i for i in items if i.active]


def show_hints(session: "Session", hints: Hints | None, text: str) -> list[str]:
    """Wording hints are shown gently and never block; returns the hints shown."""
    found = hints(session, text) if hints and text else []
    if found:
        from rich.padding import Padding
        from rich.text import Text

        for hint in found:
            session.show(Padding(Text(f"↳ {hint}", style="yellow"), (0, 0, 0, 2)))
    return found


def check_wording(
    session: "Session", key: str, text: str, hints: Hints | None, store: Callable[[str], None] | None = None, shown: list[str] | None = None
) -> str:
    """``text`` once the group has seen its hints, before it is accepted: kept as it is, or
    reworded (and the new wording looked at the same way). ``store`` saves each wording
    before the next question, where the caller saves as it goes; ``shown``: the hints of
    ``text`` already on the screen (not said twice).

    The keys: ``hints.<key>.choice`` (keep | reword; an answers file without it keeps the text,
    and after one rewording it keeps whatever it gave) and ``hints.<key>.text``.
    """
    while True:
        if store:
            store(text)
        found = shown if shown is not None else show_hints(session, hints, text)
        shown = None
        if not found:
            return text
        choices = [Choice(c, session.t(f"items.hint_{c}")) for c in ("keep", "reword")]
        if session.asker.select(f"hints.{key}.choice", session.t("items.hint_question"), choices, "keep", once=True) == "keep":
            return text
        text = session.asker.text(f"hints.{key}.text", session.t("items.hint_text"), text) or text


def ask_wording(session: "Session", key: str, message: str, default: str, hints: Hints | None, before: bool = False) -> str:
    """Ask for a wording and look at its hints before accepting it (see :func:`check_wording`).
    ``before``: the hints of the present wording first, so the group can mend it right away."""
    shown = show_hints(session, hints, default) if before else None
    text = session.asker.text(key, message, default)
    return check_wording(session, key, text, hints, shown=shown if text == default else None)


def bullet(text: str) -> Any:
    """An item already collected, as plain text (never rich markup)."""
    from rich.text import Text

    from dialogi.render.terminal import safe

    return Text("  • ") + safe(text)


def items_table(session: "Session", items: list[Item], groups: dict[str, str] | None = None) -> Any:
    from rich.table import Table

    from dialogi.render.terminal import safe

    table = Table(show_edge=False, pad_edge=False)
    table.add_column("#", style="bold")
    if groups:
        table.add_column(session.t("items.theme"))
    table.add_column(session.t("items.text"))
    for item in active(items):
        row = [item.id] + ([safe(groups.get(item.theme, item.theme))] if groups else []) + [safe(item.text)]
        table.add_row(*row)
    return table


def _store(session: "Session", item: Item, text: str) -> None:
    item.text = text
    session.save()


@dataclass
class Collect(Step):
    """Collect items group by group: one per line, an empty line moves on to the next group."""

    id: str
    title_key: str
    groups: Callable[["Session"], list[Group]]
    items: ItemList
    prefix: str = "p"
    prompt_key: str = "items.collect"
    hints: Hints | None = None

    def units(self, session: "Session") -> int:
        return len(self.groups(session))

    def run_unit(self, session: "Session", position: int) -> None:
        group = self.groups(session)[position]
        if group.card is not None:
            session.show(group.card)
        items = self.items(session)
        already = [i for i in items if i.theme == group.id and not i.merged_from]
        for item in already:
            session.show(bullet(item.text))
        part = group.key or group.id
        key = f"{self.id}.{part}" if part else self.id
        for n, line in enumerate(session.asker.lines(key, session.t(self.prompt_key, group=group.name), skip=len(already)), len(already) + 1):
            item = Item(id=next_id(items, self.prefix), text=line, theme=group.id)
            items.append(item)
            check_wording(session, f"{key}.{n}", line, self.hints, lambda text: _store(session, item, text))


@dataclass
class Edit(Step):
    """List the items; edit wording, merge duplicates, delete, add — until the group is done.

    Each operation is one unit, so a resumed session (or an answers file) continues with the
    next operation: ``<id>.<n>.action``, then ``.item``/``.items``/``.text`` for operation n.
    """

    id: str
    title_key: str
    items: ItemList
    groups: Callable[["Session"], dict[str, str]] | None = None
    prefix: str = "p"
    hints: Hints | None = None

    def units(self, session: "Session") -> None:
        return None

    def run_unit(self, session: "Session", position: int) -> str | None:
        items = self.items(session)
        groups = self.groups(session) if self.groups else None
        session.show(items_table(session, items, groups))
        key = f"{self.id}.{position + 1}"
        actions = ["done", "edit", "merge", "delete", "add"] if active(items) else ["done", "add"]
        choices = [Choice(a, session.t(f"items.action_{a}")) for a in actions]
        action = session.asker.select(f"{key}.action", session.t("items.action"), choices, "done")
        if action == "done":
            return FINISHED
        pick = [Choice(i.id, f"{i.id}  {i.text}") for i in active(items)]
        if action == "edit":
            item = self._item(items, session.asker.select(f"{key}.item", session.t("items.which"), pick))
            item.text = ask_wording(session, f"{key}.text", session.t("items.new_text"), item.text, self.hints) or item.text
        elif action == "delete":
            self._item(items, session.asker.select(f"{key}.item", session.t("items.which"), pick)).deleted = True
        elif action == "merge":
            self._merge(session, key, items, pick)
        elif action == "add":
            text = ask_wording(session, f"{key}.text", session.t("items.new_item"), "", self.hints)
            if text:
                theme = ""
                if groups:
                    theme = session.asker.select(f"{key}.theme", session.t("items.which_theme"), [Choice(k, v) for k, v in groups.items()])
                items.append(Item(id=next_id(items, self.prefix), text=text, theme=theme))
        return None

    def _merge(self, session: "Session", key: str, items: list[Item], pick: list[Choice]) -> None:
        chosen = session.asker.checkbox(f"{key}.items", session.t("items.which_merge"), pick)
        originals = [self._item(items, i) for i in chosen]
        if len(originals) < 2:
            session.show(session.t("items.merge_needs_two"))
            return
        text = ask_wording(session, f"{key}.text", session.t("items.merged_text"), " / ".join(o.text for o in originals), self.hints)
        merged = Item(id=next_id(items, self.prefix), text=text, theme=originals[0].theme, merged_from=[o.id for o in originals])
        for original in originals:
            original.merged_into = merged.id
        items.append(merged)

    @staticmethod
    def _item(items: list[Item], item_id: str) -> Item:
        return next(i for i in items if i.id == item_id)
