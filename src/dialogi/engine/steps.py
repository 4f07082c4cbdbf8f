"""The few kinds of step every method is made of.

A step runs in *units* (a card, a participant, a theme); the engine saves after each unit
and remembers the position, so a session resumes inside a step. A step that asks more than
one question per unit saves after each answer too, and shows the saved answer as the
default when the unit is asked again.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from dialogi.i18n import ui_language
from dialogi.prompts import Choice
from dialogi.record.models import MethodId

if TYPE_CHECKING:
    from dialogi.engine.session import Session

Items = Callable[["Session"], Sequence[Any]]

FINISHED = "finished"
"""Returned by ``run_unit`` of an open-ended step (``units()`` is None) when it is done."""
Render = Callable[["Session", Any, int], Any]


class HeldInMemory(KeyboardInterrupt):
    """Ctrl-C while answers were held only in memory (secret ballots, ratings given in turn):
    they are gone by design, and ``message_key`` says so and how the round starts again."""

    def __init__(self, message_key: str):
        super().__init__()
        self.message_key = message_key


@contextmanager
def in_memory(message_key: str) -> Iterator[None]:
    """Answers asked inside are not saved until the round is complete: Ctrl-C says so."""
    try:
        yield
    except HeldInMemory:
        raise
    except KeyboardInterrupt:
        raise HeldInMemory(message_key) from None


class Step:
    id: str
    title_key: str

    def title(self, session: "Session") -> str:
        return session.t(self.title_key)

    @property
    def name(self) -> str:
        """The step's name in its method, from its title key: ``principles_ui.step_agree`` -> ``agree``."""
        return self.title_key.rsplit(".", 1)[-1].removeprefix("step_")

    def units(self, session: "Session") -> int | None:
        """How many units the step has; None for an open-ended step (edit until done)."""
        return 1

    def run_unit(self, session: "Session", position: int) -> str | None:
        raise NotImplementedError


@dataclass
class View:
    """Something to look at between steps (the plan so far): offered in the menus, shown, and back."""

    id: str  # the menu choice, unique across methods: ``wellbeing.plan``
    label_key: str
    render: Callable[["Session"], Any]


@dataclass
class Method:
    id: MethodId
    steps: list[Step]
    views: list[View] = field(default_factory=list)


@dataclass
class Field:
    """One text answer about an item: where it is read from and written to in the record."""

    name: str  # part of the question key: <method>.<name>.<item key>
    label_key: str
    get: Callable[["Session", Any], str]
    set: Callable[["Session", Any, str], None]


@dataclass
class Present(Step):
    """Show something to the group (a card, a summary) and wait until the group is ready."""

    id: str
    title_key: str
    render: Callable[["Session"], Any]

    def run_unit(self, session: "Session", position: int) -> None:
        session.show(self.render(session))
        if session.asker.interactive():  # only a live terminal needs a pause to read
            session.asker.select(f"{self.id}.continue", session.t("steps.ready"), [Choice("ok", session.t("steps.continue"))], "ok")


@dataclass
class PerItem(Step):
    """For each item: show its card, then ask each field (a remark, a canvas) about it."""

    id: str
    title_key: str
    items: Items
    key: Callable[[Any], str]  # the item's stable part of question keys
    card: Render
    fields: list[Field]
    before_fields: Callable[["Session", Any], None] | None = None

    def units(self, session: "Session") -> int:
        return len(self.items(session))

    def run_unit(self, session: "Session", position: int) -> None:
        item = self.items(session)[position]
        session.show(self.card(session, item, position))
        if self.before_fields:
            self.before_fields(session, item)
        for f in self.fields:
            answer = session.asker.text(f"{self.id}.{f.name}.{self.key(item)}", session.t(f.label_key), f.get(session, item))
            f.set(session, item, answer)
            session.save()


@dataclass
class Confirm(Step):
    """A yes/no decision of the group."""

    id: str
    title_key: str
    question: Callable[["Session"], str]
    get: Callable[["Session"], bool | None]
    set: Callable[["Session", bool], None]
    intro: Callable[["Session"], Any] | None = None

    def run_unit(self, session: "Session", position: int) -> None:
        if self.intro:
            session.show(self.intro(session))
        current = self.get(session)
        self.set(session, session.asker.confirm(self.id, self.question(session), True if current is None else current))


@dataclass
class Pick(Step):
    """Choose any number of items (e.g. the principles to emphasise today)."""

    id: str
    title_key: str
    question: Callable[["Session"], str]
    choices: Callable[["Session"], list[Choice]]
    get: Callable[["Session"], list[str]]
    set: Callable[["Session", list[str]], None]

    def run_unit(self, session: "Session", position: int) -> None:
        picked = session.asker.checkbox(self.id, self.question(session), self.choices(session), self.get(session))
        self.set(session, picked)


@dataclass
class Rate(Step):
    """Ratings 1–5 per item: the group's counts, its average, or each participant in turn.

    In turn, one person at a time at the laptop, the screen cleared between people: like secret
    ballots, the ratings stay in memory until everyone has rated, and only the counts of the
    complete round are saved. An interrupted round starts again from the first person (and says
    so); a round run again keeps the earlier ratings until the new round is complete and asks
    before replacing them.
    """

    id: str
    title_key: str
    items: Items
    label: Callable[["Session", Any], str]
    key: Callable[[Any], str]
    get_mode: Callable[["Session"], str | None]
    set_mode: Callable[["Session", str], None]
    get_counts: Callable[["Session", Any], list[int]]
    set_counts: Callable[["Session", Any, list[int]]]
    get_average: Callable[["Session", Any], float | None]
    set_average: Callable[["Session", Any, float]]
    intro: Callable[["Session"], Any] | None = None
    MODES: tuple[str, ...] = field(default=("counts", "average", "individual"), init=False)
    _chosen_in: Any = field(default=None, init=False, repr=False, compare=False)  # the session that just chose the mode

    def raters(self, session: "Session") -> list[str]:
        w = session.workshop
        return w.participants or [str(n) for n in range(1, max(w.participant_count, 1) + 1)]

    def units(self, session: "Session") -> int:
        if self.get_mode(session) == "individual":
            return 2  # the mode, then the whole round as one unit
        return 1 + len(self.items(session))

    def run_unit(self, session: "Session", position: int) -> None:
        if position == 0:
            if self.intro:
                session.show(self.intro(session))
            allowed = [m for m in self.MODES if m != "individual" or not session.refuse_secrets()]
            modes = [Choice(m, session.t(f"steps.rate_mode_{m}")) for m in allowed]
            self.set_mode(session, session.asker.select(f"{self.id}.mode", session.t("steps.rate_mode"), modes, self.get_mode(session) or "counts"))
            self._chosen_in = session
            return
        mode = self.get_mode(session)
        if mode == "individual":
            resumed, self._chosen_in = self._chosen_in is not session, None
            with in_memory("engine.interrupted_ratings"):
                self._in_turn(session, resumed)
            return
        item = self.items(session)[position - 1]
        if mode == "counts":
            self._counts(session, item)
        else:
            self._average(session, item)

    def _counts(self, session: "Session", item: Any) -> None:
        from dialogi.engine.parsing import example_counts, parse_counts
        from dialogi.render.text import as_label

        current = " ".join(map(str, self.get_counts(session, item)))
        participants = session.workshop.participant_count
        example = example_counts(participants)
        question = session.t("steps.rate_counts", item=as_label(self.label(session, item)), example=example)
        while True:
            answer = session.asker.text(f"{self.id}.counts.{self.key(item)}", question, current)
            counts, problem = parse_counts(answer, participants)
            if not problem:
                self.set_counts(session, item, counts)
                return
            total = sum(int(n) for n in re.findall(r"\d+", answer))
            session.show(session.t(problem, value=answer, count=participants, total=total, example=example))
            _refuse_scripted(session, f"{self.id}.counts.{self.key(item)}", answer, problem, example=example)

    def _average(self, session: "Session", item: Any) -> None:
        from dialogi.engine.parsing import parse_average
        from dialogi.render.text import as_label, format_number

        current = self.get_average(session, item)
        while True:
            answer = session.asker.text(
                f"{self.id}.average.{self.key(item)}", session.t("steps.rate_average", item=as_label(self.label(session, item))),
                format_number(current, ui_language()),
            )
            value, problem = parse_average(answer)
            if not problem:
                self.set_average(session, item, value)
                return
            session.show(session.t(problem, value=answer))
            _refuse_scripted(session, f"{self.id}.average.{self.key(item)}", answer, problem)

    def _in_turn(self, session: "Session", resumed: bool) -> None:
        """Everyone in turn; the counts reach the record only when the round is complete."""
        items = self.items(session)
        raters = self.raters(session)
        counts = [[0] * 5 for _ in items]
        scale = [Choice(str(n), session.t(f"steps.scale_{n}")) for n in range(1, 6)]
        for n, rater in enumerate(raters):
            session.clear()
            if n == 0:  # on the first screen of the round, where the group sees it
                if resumed:
                    session.show(session.t("steps.rate_round_again"))
                session.show(session.t("steps.rate_round_note", count=len(raters)))
            session.show(session.t("steps.rater_turn", name=rater))
            for i, item in enumerate(items):
                rating = int(session.asker.select(f"{self.id}.individual.{rater}.{self.key(item)}", self.label(session, item), scale, "3"))
                counts[i][rating - 1] += 1
            session.clear()
        earlier = any(self.get_counts(session, item) or self.get_average(session, item) is not None for item in items)
        session.show(session.t("steps.rate_round_done", count=len(raters)))
        if earlier and not session.asker.confirm(f"{self.id}.replace", session.t("steps.rate_replace"), True):
            session.show(session.t("steps.rate_kept"))
            return
        for item, item_counts in zip(items, counts):
            self.set_counts(session, item, item_counts)


def _refuse_scripted(session: "Session", key: str, answer: str, problem: str, **params: Any) -> None:
    """An answers file cannot be asked again: stop with the reason instead of looping."""
    if not session.asker.interactive():
        from dialogi.errors import BadAnswers
        from dialogi.i18n import t

        raise BadAnswers("prompts.bad_answer", file=getattr(session.asker, "source", "answers"), key=key, value=repr(answer), expected=t(problem + "_short", **params))
