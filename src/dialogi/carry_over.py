"""Next year's workshop from last year's, so that nothing is typed twice.

What carries over: the indicators, with last year's values as the previous ones; the actions
not yet done (nor dropped), as carried-over work that names the goal it served; the agreed
rules that were not dropped, with the history of their wording. The team, facilitator,
participants and agenda of the last workshop are the defaults for the new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dialogi.engine.agenda import TEMPLATES, agenda_for
from dialogi.record.models import Action, ActionStatus, Indicator, MethodId, Rule, RuleVersion, Workshop
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


def carried_indicator(indicator: Indicator) -> Indicator:
    """Last year's value becomes the previous one; the target stays, the new value is to come."""
    return indicator.model_copy(update={"previous": indicator.value, "value": None, "note": ""})


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
        carried_indicator(i) for i in last.wellbeing.indicators if i.id not in have
    ]

    taken = {a.id for _, a in result.all_actions()}
    carried: list[Action] = []
    for goal_title, action in unfinished_actions(last):
        action_id = free_id(action.id, taken)
        taken.add(action_id)
        carried.append(action.model_copy(update={"id": action_id, "carried_from": source, "goal": goal_title}))
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
