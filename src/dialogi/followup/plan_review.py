"""Reviewing the wellbeing plan: where each action stands, the indicators now, and per goal
"how did we succeed?" (the yearly cycle's last question).

Question keys (the ``[review]`` table of an answers file): for each action, by its id,
``review.actions.<id>.status`` (done | in_progress | not_started | dropped),
``review.actions.<id>.owner`` (who is responsible now; default: as before) and
``review.actions.<id>.note``; for each indicator ``review.indicators.<id>`` (the new value; an
empty answer skips it); for each goal ``review.outcomes.<id>`` (reached | partly | not_reached;
default: read from its indicator) and ``review.goals.<id>`` (how did we succeed); then
``review.note`` and ``review.next_date``.

An indicator's new value is set against the value it had when the plan was made (or its
reading at the latest earlier review) and against its target; see ``figures`` for how the
better direction is read. The action statuses and the goals' outcomes reach the plan itself
when the review is complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dialogi.engine.steps import Step
from dialogi.followup.history import complete_reviews
from dialogi.followup.steps import NextDateStep, NoteStep, ReviewSession, ask_number
from dialogi.prompts import Choice
from dialogi.record.models import (
    Action,
    ActionReview,
    ActionStatus,
    Goal,
    GoalOutcome,
    Indicator,
    IndicatorReading,
    Result,
    Review,
    Workshop,
)

NEXT_FOLLOW_UP_MONTHS = 6


def baseline(workshop: Workshop, indicator: Indicator, review: Review) -> float | None:
    """The value to compare with: the latest earlier review's reading, else the value at planning."""
    for earlier in reversed(complete_reviews(workshop, "plan", review.date)):
        reading = next((r for r in earlier.indicators if r.indicator == indicator.id), None)
        if reading is not None:
            return reading.value
    return indicator.value


def target(workshop: Workshop, indicator: Indicator) -> float | None:
    from dialogi.followup.series import target_of

    return target_of(workshop, indicator)


def _card(session: ReviewSession, title: str, heading: str, details: list[tuple[str, str]]) -> Any:
    from rich.console import Group
    from rich.panel import Panel

    from dialogi.render.terminal import safe

    lines: list[Any] = [safe(heading, "bold")]
    lines += [safe(session.t(key, value=value)) for key, value in details if value]
    return Panel(Group(*lines), title=safe(title, "bold"), title_align="left", padding=(0, 1))


# -- the actions ----------------------------------------------------------------------------


def _actions(session: ReviewSession) -> list[tuple[Goal | None, Action]]:
    return session.workshop.all_actions()


def action_entry(review: Review, action_id: str) -> ActionReview | None:
    return next((e for e in review.actions if e.action == action_id), None)


@dataclass
class ActionByAction(Step):
    """Each action of the plan (goal actions and carried-over work): its status and a note."""

    id: str = "actions"
    title_key: str = "review.steps.actions"

    def units(self, session: ReviewSession) -> int:
        return len(_actions(session))

    def run_unit(self, session: ReviewSession, position: int) -> None:
        from dialogi.render.text import format_date

        pairs = _actions(session)
        goal, action = pairs[position]
        lang = session.lang
        goal_text = goal.title if goal else (action.goal or session.t("review.plan.carried_over"))
        session.show(_card(
            session, session.t("review.plan.action_card", number=position + 1, total=len(pairs)), action.text,
            [
                ("review.plan.goal", " ".join(goal_text.split())),
                ("review.plan.owner", action.owner),
                ("review.plan.due", format_date(action.due, lang)),
                ("review.plan.status_before", session.t(f"review.status.{action.status.value}")),
            ],
        ))
        key = f"review.{self.id}.{action.id}"
        review = session.review
        entry = action_entry(review, action.id)
        statuses = [Choice(s.value, session.t(f"review.status.{s.value}")) for s in ActionStatus]
        status = ActionStatus(session.asker.select(
            f"{key}.status", session.t("review.plan.status_question"), statuses,
            (entry.status if entry else action.status).value,
        ))
        if entry is None:
            entry = ActionReview(action=action.id, status=status)
            review.actions.append(entry)
        else:
            entry.status = status
        session.save()
        owner = " ".join(session.asker.text(f"{key}.owner", session.t("review.plan.owner_question"),
                                            action.owner if entry.owner is None else entry.owner).split())[:200]
        entry.owner = None if owner == action.owner else owner
        session.save()
        entry.note = session.asker.text(f"{key}.note", session.t("review.plan.note_question"), entry.note)
        session.save()


# -- the indicators -------------------------------------------------------------------------


def reading_for(review: Review, indicator_id: str) -> IndicatorReading | None:
    return next((r for r in review.indicators if r.indicator == indicator_id), None)


@dataclass
class IndicatorByIndicator(Step):
    """Each indicator's new value, with its previous value and target in view."""

    id: str = "indicators"
    title_key: str = "review.steps.indicators"

    def units(self, session: ReviewSession) -> int:
        return len(session.workshop.wellbeing.indicators)

    def run_unit(self, session: ReviewSession, position: int) -> None:
        from dialogi.render.text import with_unit

        w, review, lang = session.workshop, session.review, session.lang
        indicator = w.wellbeing.indicators[position]
        previous, goal_value = baseline(w, indicator, review), target(w, indicator)
        session.show(_card(
            session, session.t("review.plan.indicator_card", number=position + 1, total=len(w.wellbeing.indicators)),
            indicator.name,
            [
                ("review.plan.period", indicator.period),
                ("review.plan.source", indicator.source),
                ("review.plan.previous", with_unit(previous, indicator.unit, lang)),
                ("review.plan.target", with_unit(goal_value, indicator.unit, lang)),
            ],
        ))
        reading = reading_for(review, indicator.id)
        question = session.t("review.plan.value_question_unit", unit=indicator.unit) if indicator.unit else session.t("review.plan.value_question")
        value = ask_number(session, f"review.{self.id}.{indicator.id}", question, reading.value if reading else None)
        others = [r for r in review.indicators if r.indicator != indicator.id]
        if value is None:
            review.indicators = others
        else:
            new = IndicatorReading(indicator=indicator.id, value=value, previous=previous, target=goal_value)
            order = [i.id for i in w.wellbeing.indicators]
            review.indicators = sorted([*others, new], key=lambda r: order.index(r.indicator) if r.indicator in order else len(order))


def figures_table(workshop: Workshop, review: Review, lang: str) -> Any:
    """The readings against the previous values and the targets (one card per indicator
    where the table would not fit)."""
    from dialogi.i18n import t
    from dialogi.render.terminal import block_renderable
    from dialogi.render.text import Table, reading_columns, reading_row

    rows = [reading_row(workshop, reading, lang) for reading in review.indicators]
    return block_renderable(Table(reading_columns(lang), rows, t("review.plan.figures_title", lang)))


@dataclass
class FiguresTable(Step):
    """The new values side by side with the previous ones and the targets."""

    id: str = "figures"
    title_key: str = "review.steps.figures"

    def units(self, session: ReviewSession) -> int:
        return 1 if session.review.indicators else 0

    def run_unit(self, session: ReviewSession, position: int) -> None:
        session.show(figures_table(session.workshop, session.review, session.lang))
        if session.asker.interactive():
            session.asker.select(f"review.{self.id}.continue", session.t("steps.ready"), [Choice("ok", session.t("steps.continue"))], "ok")


# -- the goals ------------------------------------------------------------------------------


def outcome_for(review: Review, goal_id: str) -> GoalOutcome | None:
    return next((g for g in review.goals if g.goal == goal_id), None)


@dataclass
class GoalByGoal(Step):
    """Per goal: how did we succeed? With its actions and its indicator in view."""

    id: str = "goals"
    title_key: str = "review.steps.goals"

    def units(self, session: ReviewSession) -> int:
        return len(session.workshop.wellbeing.goals)

    def run_unit(self, session: ReviewSession, position: int) -> None:
        w, review = session.workshop, session.review
        goals = w.wellbeing.goals
        goal = goals[position]
        session.show(self._card(session, goal, position + 1, len(goals)))
        entry = outcome_for(review, goal.id)
        results = [Choice(r.value, session.t(f"review.result.{r.value}")) for r in Result]
        default = entry.result if entry and entry.result else judged(w, review, goal)
        result = Result(session.asker.select(f"review.outcomes.{goal.id}", session.t("review.plan.result_question"), results,
                                             default.value))
        self._record(session, goal, GoalOutcome(goal=goal.id, outcome=entry.outcome if entry else "", result=result))
        answer = session.asker.text(f"review.{self.id}.{goal.id}", session.t("review.plan.outcome_question"), entry.outcome if entry else goal.outcome)
        self._record(session, goal, GoalOutcome(goal=goal.id, outcome=answer, result=result))

    def _record(self, session: ReviewSession, goal: Goal, outcome: GoalOutcome) -> None:
        review = session.review
        others = [g for g in review.goals if g.goal != goal.id]
        order = [g.id for g in session.workshop.wellbeing.goals]
        review.goals = sorted([*others, outcome], key=lambda g: order.index(g.goal) if g.goal in order else len(order))
        session.save()

    def _card(self, session: ReviewSession, goal: Goal, number: int, total: int) -> Any:
        from rich.console import Group
        from rich.panel import Panel

        from dialogi.render.terminal import safe
        from dialogi.render.text import reading_row

        review = session.review
        lines: list[Any] = [safe(goal.title, "bold")]
        for action in goal.actions:
            entry = action_entry(review, action.id)
            status = session.t(f"review.status.{(entry.status if entry else action.status).value}")
            lines.append(safe(session.t("review.plan.goal_action", action=" ".join(action.text.split()), status=status)))
        reading = reading_for(review, goal.indicator) if goal.indicator else None
        if reading is not None:
            name, previous, value, change, _percent, goal_value, state = reading_row(session.workshop, reading, session.lang)
            lines.append(safe(session.t("review.plan.goal_indicator", indicator=name, value=value, previous=previous,
                                        change=change or "—", target=goal_value or "—", state=state), "cyan"))
        title = safe(session.t("review.plan.goal_card", number=number, total=total), "bold")
        return Panel(Group(*lines), title=title, title_align="left", padding=(0, 1))


def judged(workshop: Workshop, review: Review, goal: Goal) -> Result:
    """What the goal's indicator says: its target reached, moved the better way (partly), or not."""
    from dialogi.followup.figures import direction, improved, reached

    indicator = next((i for i in workshop.wellbeing.indicators if i.id == goal.indicator), None)
    reading = reading_for(review, goal.indicator) if indicator else None
    if indicator is None or reading is None:
        return Result.PARTLY
    better = indicator.direction or direction(reading.previous, reading.target)
    if reached(reading.value, reading.target, better):
        return Result.REACHED
    return Result.PARTLY if improved(reading.value, reading.previous, better) else Result.NOT_REACHED


def _next_date(session: ReviewSession) -> dt.date | None:
    return session.workshop.wellbeing.follow_up_date


def _set_next_date(session: ReviewSession, date: dt.date | None) -> None:
    session.workshop.wellbeing.follow_up_date = date


STEPS: list[Step] = [
    ActionByAction(),
    IndicatorByIndicator(),
    FiguresTable(),
    GoalByGoal(),
    NoteStep(),
    NextDateStep("review.steps.next_follow_up", NEXT_FOLLOW_UP_MONTHS, _next_date, _set_next_date, "review.plan.next_date_question"),
]


def prepare(workshop: Workshop) -> None:
    """A goal measured in words (a plan made before such measures became indicators) gets an
    indicator with the goal's target, so that the review asks for its reading."""
    from dialogi.indicators_csv import named

    indicators = workshop.wellbeing.indicators
    for goal in workshop.wellbeing.goals:
        if goal.indicator and goal.indicator not in {i.id for i in indicators}:
            indicator = named(indicators, goal.indicator)
            if indicator.target is None:
                indicator.target = goal.target_value
            goal.indicator = indicator.id


def apply(workshop: Workshop, review: Review) -> None:
    """The review's findings in the plan: each action's status, its note and owner where the
    review wrote one; each goal's outcome and result."""
    actions = {a.id: a for _, a in workshop.all_actions()}
    for entry in review.actions:
        action = actions.get(entry.action)
        if action is not None:
            action.status = entry.status
            action.note = entry.note or action.note
            action.owner = action.owner if entry.owner is None else entry.owner
    goals = {g.id: g for g in workshop.wellbeing.goals}
    for outcome in review.goals:
        if outcome.goal in goals:
            goals[outcome.goal].outcome = outcome.outcome
            goals[outcome.goal].result = outcome.result


def summary(session: ReviewSession) -> list[Any]:
    from dialogi.render.terminal import safe
    from dialogi.render.text import format_date

    w, review = session.workshop, session.review
    counts = {s: sum(e.status == s for e in review.actions) for s in ActionStatus}
    parts: list[Any] = [safe(session.t(
        "review.plan.summary", count=len(review.actions), done=counts[ActionStatus.DONE],
        in_progress=counts[ActionStatus.IN_PROGRESS], not_started=counts[ActionStatus.NOT_STARTED],
        dropped=counts[ActionStatus.DROPPED],
    ))]
    if review.indicators:
        parts.append(figures_table(w, review, session.lang))
    results = {r: sum(g.result == r for g in review.goals) for r in Result}
    parts.append(safe(session.t("review.plan.summary_results", reached=results[Result.REACHED], partly=results[Result.PARTLY],
                                not_reached=results[Result.NOT_REACHED], total=len(w.wellbeing.goals))))
    date = w.wellbeing.follow_up_date
    if date and date > review.date:
        parts.append(safe(session.t("review.plan.next_date_set", date=format_date(date, session.lang))))
    else:
        parts.append(safe(session.t("review.plan.next_date_none")))
    return parts
