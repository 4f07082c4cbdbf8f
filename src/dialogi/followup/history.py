"""The rules over time: which rules stood at a date, in which wording, and how they were rated.

A rule's ``history`` holds the wording agreed at each date, oldest first. A rule without a
history was agreed at the workshop in its present wording. A rule dropped at a review is gone
from that date on; a rule reworded at a review reads the new way from that date on: the state
"at a date" is the state after that day's reviews. A rule the group did not agree to never
stood at all.

The rules in force are numbered one way everywhere (the run, ``show``, export, the poster,
the review, ``diff``): by theme, in the workshop's theme order, rules without a theme last.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dialogi.record.models import Compliance, Review, Rule, RuleVersion, Workshop


def versions(rule: Rule) -> list[RuleVersion]:
    """The rule's versions by date; the order of equal dates is kept (the later one wins)."""
    return sorted(rule.history, key=lambda v: v.date)


def agreed_on(rule: Rule, workshop: Workshop) -> dt.date:
    history = versions(rule)
    return history[0].date if history else workshop.date


def text_on(rule: Rule, date: dt.date) -> str:
    """The wording in force on ``date``: the latest version agreed on or before it.

    From the last version on, the rule's present wording counts (the two are the same unless
    the wording was changed without a history entry).
    """
    history = versions(rule)
    earlier = [v for v in history if v.date <= date]
    if not earlier or len(earlier) == len(history):
        return rule.text
    return earlier[-1].text


def text_before(rule: Rule, date: dt.date) -> str:
    """The wording a review on ``date`` looked at: when the history has a version from that
    day or later (the review reworded it), the latest one before; otherwise the present one."""
    history = versions(rule)
    if not any(v.date >= date for v in history):
        return rule.text
    earlier = [v for v in history if v.date < date]
    return earlier[-1].text if earlier else history[0].text


def stands_on(rule: Rule, workshop: Workshop, date: dt.date | None) -> bool:
    """Was the rule in force on ``date`` (``None``: now)?"""
    if date is None or rule.not_agreed is not None:
        return rule.in_force
    return agreed_on(rule, workshop) <= date and (rule.dropped is None or rule.dropped > date)


def in_order(workshop: Workshop, rules: list[Rule]) -> list[Rule]:
    """``rules`` in the order they are numbered: by theme (the workshop's themes in their
    order, then other themes as they first come), rules without a theme last."""
    themes = list(dict.fromkeys([*workshop.rules.themes, *(r.theme for r in rules if r.theme)]))
    place = {theme: i for i, theme in enumerate(themes)}
    return sorted(rules, key=lambda r: place[r.theme] if r.theme else len(place))


def numbered(workshop: Workshop, date: dt.date | None = None) -> list[tuple[int, Rule]]:
    """The rules in force on ``date`` (``None``: now), each with its number."""
    standing = [r for r in workshop.rules.agreed if stands_on(r, workshop, date)]
    return list(enumerate(in_order(workshop, standing), 1))


def rule_numbers(workshop: Workshop, date: dt.date | None = None) -> dict[str, int]:
    """Rule id -> the number it has in every output (rules in force only)."""
    return {rule.id: number for number, rule in numbered(workshop, date)}


def reword(rule: Rule, date: dt.date, text: str, first_agreed: dt.date) -> None:
    """Give the rule a new wording from ``date`` on, keeping the earlier ones.

    A rule with no history yet first gets its present wording as agreed on ``first_agreed``
    (the workshop's date), so the original stays on record.
    """
    if not rule.history:
        rule.history = [RuleVersion(date=min(first_agreed, date), text=rule.text)]
    if rule.history[-1].date == date and rule.history[-1].text == text:
        return
    rule.history = [*rule.history, RuleVersion(date=date, text=text)]
    rule.text = text


def complete_reviews(workshop: Workshop, kind: str, until: dt.date | None = None) -> list[Review]:
    """The complete reviews of one kind, oldest first; only those on or before ``until``."""
    found = [r for r in workshop.reviews if r.kind == kind and r.complete and (until is None or r.date <= until)]
    return sorted(found, key=lambda r: r.date)


def last_compliance(workshop: Workshop, until: dt.date | None = None) -> dict[str, tuple[Compliance, dt.date]]:
    """For each rule, how it was rated at its latest complete review (on or before ``until``)."""
    rated: dict[str, tuple[Compliance, dt.date]] = {}
    for review in complete_reviews(workshop, "rules", until):
        for entry in review.rules:
            rated[entry.rule] = (entry.compliance, review.date)
    return rated


@dataclass(frozen=True)
class RuleState:
    """One rule as it stood at a date: its wording and its latest rating by then."""

    id: str
    text: str
    compliance: Compliance | None = None
    number: int = 0  # its number on that date (see ``numbered``)


def rules_on(workshop: Workshop, date: dt.date | None = None) -> list[RuleState]:
    """The rules in force on ``date`` (``None``: now), in their numbered order, with the
    compliance known by then."""
    rated = last_compliance(workshop, date)
    return [
        RuleState(rule.id, rule.text if date is None else text_on(rule, date), rated.get(rule.id, (None, None))[0], number)
        for number, rule in numbered(workshop, date)
    ]


def first_date(workshop: Workshop) -> dt.date:
    """When the first rules were agreed (the workshop's date when nothing says otherwise)."""
    return min((agreed_on(r, workshop) for r in workshop.rules.agreed if r.not_agreed is None), default=workshop.date)
