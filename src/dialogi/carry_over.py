"""Next year's workshop from last year's, so that nothing is typed twice.

What carries over: the indicators, with the latest reading of last year's reviews as the value
now (the one before it as the previous value), or last year's value as the previous one when
no review measured it; the actions not yet done (nor dropped), as carried-over work that names
the goal it served and its id there; the agreed rules that were not dropped, with the history
of their wording. The team, facilitator, participants and agenda of the last workshop are the
defaults for the new one, and the new workshop names the one it continues (``carried_from``).

The order of the review and the carry-over should not matter: a plan not reviewed yet is
pointed out before it is carried (``needs_review``), and a review completed after the carry-over
hands its action statuses on to the copies (``hand_on``), unless the later workshop has already
reviewed a copy itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dialogi.engine.agenda import TEMPLATES, agenda_for
from dialogi.record.models import (
    Action,
    ActionStatus,
    Indicator,
    IndicatorReading,
    MethodId,
    Review,
    Rule,
    RuleVersion,
    Workshop,
)
from dialogi.record.naming import free_id

FINISHED = (ActionStatus.DONE, ActionStatus.DROPPED)


@dataclass(frozen=True)
class Carried:
    """How much a carry-over added to the new workshop."""

    indicators: int
    actions: int
    rules: int


def unfinished_actions(last: Workshop) -> list[tuple[str, Action]]:
    """(goal title, action) for every action not done nor dropped, carried-over ones first."""
    return [
        (goal.title if goal else action.goal, action)
        for goal, action in last.all_actions()
        if action.status not in FINISHED
    ]


def latest_reading(workshop: Workshop, indicator_id: str) -> IndicatorReading | None:
    """The indicator's reading at the latest complete plan review that measured it."""
    from dialogi.followup.history import complete_reviews

    for review in reversed(complete_reviews(workshop, "plan")):
        reading = next((r for r in review.indicators if r.indicator == indicator_id), None)
        if reading is not None:
            return reading
    return None


def carried_indicator(indicator: Indicator, last: Workshop | None = None) -> Indicator:
    """The latest reading becomes the value now and the one it was compared with the previous
    one; without a reading last year's value becomes the previous one and the new value is to
    come. The target and the direction stay."""
    reading = latest_reading(last, indicator.id) if last is not None else None
    if reading is None:
        return indicator.model_copy(update={"previous": indicator.value, "value": None, "note": ""})
    previous = reading.previous if reading.previous is not None else indicator.value
    return indicator.model_copy(update={"previous": previous, "value": reading.value, "note": ""})


def carried_rule(rule: Rule, agreed_on: dt.date) -> Rule:
    """The rule as it stands, with its history; a rule without history gets its wording dated."""
    copy = rule.model_copy(deep=True, update={"from_proposal": ""})
    if not copy.history:
        copy.history = [RuleVersion(date=agreed_on, text=rule.text)]
    return copy


def carry_over(last: Workshop, last_path: Path, new: Workshop) -> Workshop:
    """``new`` with last year's indicators, unfinished actions and agreed rules added.

    ``new`` itself is left as it is. Entries ``new`` already has (by id) are not added twice;
    an action whose id is taken gets a free one (``a1-2``).
    """
    result = new.model_copy(deep=True)
    source = Path(last_path).name

    have = {i.id for i in result.wellbeing.indicators}
    result.wellbeing.indicators = result.wellbeing.indicators + [
        carried_indicator(i, last) for i in last.wellbeing.indicators if i.id not in have
    ]

    taken = {a.id for _, a in result.all_actions()}
    carried: list[Action] = []
    for goal_title, action in unfinished_actions(last):
        action_id = free_id(action.id, taken)
        taken.add(action_id)
        carried.append(action.model_copy(update={
            "id": action_id, "carried_from": source, "goal": goal_title, "origin": action.id,
            "planned_on": action.planned_on or last.date,
        }))
    result.wellbeing.carried_over = result.wellbeing.carried_over + carried

    have = {r.id for r in result.rules.agreed}
    result.rules.agreed = result.rules.agreed + [
        carried_rule(r, last.date) for r in last.active_rules() if r.id not in have
    ]

    result.team = result.team or last.team
    result.facilitator = result.facilitator or last.facilitator
    if not result.participants and not result.participant_count:
        result.participants = list(last.participants)
        result.participant_count = last.participant_count
    result.carried_from = source
    return result


def carried_counts(before: Workshop, after: Workshop) -> Carried:
    return Carried(
        indicators=len(after.wellbeing.indicators) - len(before.wellbeing.indicators),
        actions=len(after.wellbeing.carried_over) - len(before.wellbeing.carried_over),
        rules=len(after.rules.agreed) - len(before.rules.agreed),
    )


def template_of(last: Workshop) -> tuple[str, list[MethodId]]:
    """The agenda template the last workshop followed, or ``custom`` with its methods."""
    methods = [item.method for item in last.agenda]
    if not methods:
        return "dialogue", []
    for name, template in TEMPLATES.items():
        if template and [a.method for a in agenda_for(template)] == methods:
            return name, []
    return "custom", methods


def carried_message(before: Workshop, after: Workshop, last_path: Path) -> str:
    """What the carry-over added, in the user's language, for ``dialogi new --from``."""
    from dialogi.i18n import t

    counts = carried_counts(before, after)
    return "\n".join([
        t("actions.carry_over.title", file=Path(last_path).name),
        t("actions.carry_over.indicators", count=counts.indicators),
        t("actions.carry_over.actions", count=counts.actions),
        t("actions.carry_over.rules", count=counts.rules),
    ])


# -- the order of the review and the carry-over ---------------------------------------------


def needs_review(last: Workshop) -> bool:
    """Has the plan actions or indicators that no complete review has looked at yet?"""
    from dialogi.followup.history import complete_reviews

    wb = last.wellbeing
    return bool(last.all_actions() or wb.indicators) and not complete_reviews(last, "plan")


def offer_review(last: Workshop, last_path: Path, asker, echo) -> Workshop:
    """``new --from`` an unreviewed plan: say what that means and, where questions are asked,
    offer to review it first (``new.review_first``). Returns the plan as it is then."""
    from dialogi.i18n import t

    if not needs_review(last):
        return last
    echo(t("actions.carry_over.not_reviewed", file=str(last_path)))
    if asker is None or not asker.confirm("new.review_first", t("actions.carry_over.review_first"), asker.interactive()):
        return last
    from dialogi.followup.runner import review_file
    from dialogi.record.store import load

    review_file(last_path, what="plan", asker=asker)
    return load(last_path)


@dataclass
class HandedOn:
    """What a review of an earlier plan did to the copies carried into one later workshop."""

    file: str
    updated: int = 0
    kept: int = 0  # already reviewed in the later workshop: left as they are
    problem: str = ""  # why the later workshop could not be updated


def continuations(path: Path) -> list[Path]:
    """The workshop files next to ``path`` that continue it (``new --from`` it)."""
    from dialogi.errors import DialogiError
    from dialogi.record.folder import workshop_files
    from dialogi.record.store import load

    found = []
    for other in workshop_files(path.parent):
        if other.name == path.name:
            continue
        try:
            if load(other).carried_from == path.name:
                found.append(other)
        except DialogiError:
            continue
    return found


def _reviewed_here(workshop: Workshop, action_id: str) -> bool:
    return any(entry.action == action_id for review in workshop.reviews for entry in review.actions)


def hand_on(path: Path, review: Review) -> list[HandedOn]:
    """After a complete review of the plan at ``path``: each copy of a reviewed action carried
    into a later workshop of the same folder takes the status the review gave, and its note
    and owner where the review wrote one, unless the later workshop has reviewed that copy
    itself."""
    from dialogi.errors import DialogiError
    from dialogi.record import store

    entries = {e.action: e for e in review.actions}
    results = []
    for later in continuations(path):
        result = HandedOn(later.name)
        try:
            with store.editing(later) as workshop:
                for copy in workshop.wellbeing.carried_over:
                    entry = entries.get(copy.origin or copy.id) if copy.carried_from == path.name else None
                    if entry is None:
                        continue
                    update = {"status": entry.status, "note": entry.note or copy.note,
                              "owner": copy.owner if entry.owner is None else entry.owner}
                    if all(getattr(copy, name) == value for name, value in update.items()):
                        continue
                    if _reviewed_here(workshop, copy.id):
                        result.kept += 1
                        continue
                    for name, value in update.items():
                        setattr(copy, name, value)
                    result.updated += 1
                if result.updated:
                    store.save(later, workshop)
        except DialogiError as error:
            result.problem = error.message()
        results.append(result)
    return results


def handed_on_message(results: list[HandedOn]) -> list[str]:
    from dialogi.i18n import t

    lines = []
    for result in results:
        if result.problem:
            lines.append(t("actions.carry_over.not_handed_on", file=result.file, reason=result.problem))
            continue
        if result.updated:
            lines.append(t("actions.carry_over.handed_on", file=result.file, count=result.updated))
        if result.kept:
            lines.append(t("actions.carry_over.kept_later", file=result.file, count=result.kept))
    return lines
