"""A form: a few typed questions (text, lines, a whole number, a date, a figure, a choice),
once or about each item (e.g. each goal), each answer saved before the next question.

A unit is one item's form. A resumed unit is asked again with the saved answers as the
defaults; lines already saved are not asked again. A date or a figure that cannot be read
is asked again with the reason; an answers file cannot be asked again, so it stops the
session with a message naming the key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from dialogi.engine.steps import Step
from dialogi.prompts import Choice

if TYPE_CHECKING:
    from dialogi.engine.session import Session

ONCE = object()
"""The only item of a form that is asked once, not per item."""


def refuse_scripted(session: "Session", key: str, answer: Any, expected: str) -> None:
    """An answers file cannot be asked again: stop with the reason instead of looping."""
    if not session.asker.interactive():
        from dialogi.errors import BadAnswers

        raise BadAnswers("prompts.bad_answer", file=getattr(session.asker, "source", "answers"), key=key,
                         value=repr(answer), expected=expected)


def shown_date(date: dt.date | None, lang: str) -> str:
    from dialogi.render.text import format_date

    return format_date(date, lang)


def shown_number(value: float | None, lang: str) -> str:
    from dialogi.render.text import format_number

    return "" if value is None else format_number(value, lang, 4).replace("\u2212", "-")


def ask_date(session: "Session", key: str, message: str, current: dt.date | None, optional: bool = True) -> dt.date | None:
    """A date typed as 2027-03-31 or 31.3.2027; ``current`` is offered as the answer.
    An empty answer means no date, where the date is ``optional``."""
    from dialogi.dates import parse_date
    from dialogi.errors import UsageError

    while True:
        answer = session.asker.text(key, message, shown_date(current, session.lang))
        if not answer.strip():
            if optional:
                return None
            session.show(session.t("form.date_needed"))
            refuse_scripted(session, key, answer, session.t("form.expect_date"))
            continue
        try:
            return parse_date(answer)
        except UsageError:
            session.show(session.t("form.bad_date", value=answer))
            refuse_scripted(session, key, answer, session.t("form.expect_date"))


def ask_number(session: "Session", key: str, message: str, current: float | None) -> float | None:
    """A figure such as 5,8 or 5.8 (a unit after it is fine); Enter leaves it empty."""
    return ask_figure(session, key, message, current)[0]


def ask_figure(session: "Session", key: str, message: str, current: float | None) -> tuple[float | None, str]:
    """``ask_number``, with the answer as it was typed (``20 h``: the unit after the number)."""
    from dialogi.indicators_csv import parse_number

    while True:
        answer = session.asker.text(key, message, shown_number(current, session.lang))
        try:
            return parse_number(answer), answer
        except ValueError:
            session.show(session.t("form.bad_number", value=answer))
            refuse_scripted(session, key, answer, session.t("form.expect_number"))


@dataclass
class Ask:
    """One question of a form: where its answer is read from and written to in the record.

    ``kind``: ``text``, ``lines`` (get/set a list of lines; only new lines are asked),
    ``integer``, ``date``, ``number`` or ``choice``. ``ask`` replaces the whole question
    with a function of its own (session, item, key) that asks, sets and saves.
    """

    name: str  # the last part of the question key; empty: the form's own key
    label: Callable[["Session", Any], str]
    get: Callable[["Session", Any], Any] = lambda s, i: None
    set: Callable[["Session", Any, Any], None] = lambda s, i, v: None
    kind: str = "text"
    choices: Callable[["Session", Any], list[Choice]] | None = None
    minimum: int = 0
    maximum: int | None = None
    optional: bool = True  # a date may be left empty
    default: Callable[["Session", Any], Any] | None = None  # when the record has no answer yet
    when: Callable[["Session", Any], bool] | None = None  # ask only when this holds
    ask: Callable[["Session", Any, str], None] | None = None


@dataclass
class Form(Step):
    """Ask the questions once (``items`` None) or about each item, saving after each answer."""

    id: str
    title_key: str
    questions: list[Ask]
    items: Callable[["Session"], list[Any]] | None = None
    key: Callable[[Any], str] = lambda item: ""
    card: Callable[["Session", Any], Any] | None = None
    empty_key: str = ""  # shown when there are no items

    def _list(self, session: "Session") -> list[Any]:
        return [ONCE] if self.items is None else self.items(session)

    def units(self, session: "Session") -> int:
        return max(len(self._list(session)), 1)

    def run_unit(self, session: "Session", position: int) -> None:
        items = self._list(session)
        if not items:
            if self.empty_key:
                session.show(session.t(self.empty_key))
            return
        item = items[position]
        if self.card:
            session.show(self.card(session, item))
        prefix = self.id if item is ONCE else f"{self.id}.{self.key(item)}"
        for question in self.questions:
            if question.when and not question.when(session, item):
                continue
            ask(session, item, question, f"{prefix}.{question.name}" if question.name else prefix)


def ask(session: "Session", item: Any, q: Ask, key: str) -> None:
    """Ask one question of a form about ``item``, set the answer and save."""
    if q.ask:
        q.ask(session, item, key)
        return
    label = q.label(session, item)
    current = q.get(session, item)
    if current in (None, "", []) and q.default:
        current = q.default(session, item)
    asker = session.asker
    if q.kind == "lines":
        lines = list(current or [])
        for line in asker.lines(key, label, skip=len(lines)):
            lines.append(line)
            q.set(session, item, list(lines))
            session.save()
        return
    if q.kind == "integer":
        value: Any = asker.integer(key, label, current, q.minimum, q.maximum)
    elif q.kind == "date":
        value = ask_date(session, key, label, current, q.optional)
    elif q.kind == "number":
        value = ask_number(session, key, label, current)
    elif q.kind == "choice":
        assert q.choices is not None
        value = asker.select(key, label, q.choices(session, item), current)
    else:
        value = asker.text(key, label, current or "")
    q.set(session, item, value)
    session.save()
