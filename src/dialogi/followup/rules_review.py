"""Reviewing the rules of the game: how each rule was followed, what to do with it, new rules.

Question keys (the ``[review]`` table of an answers file), for each rule in force, by its id:
``review.rules.<id>.compliance`` (followed | partly | not_followed), ``review.rules.<id>.note``,
``review.rules.<id>.decision`` (keep | reword | drop), ``review.rules.<id>.new_text``; then new
rules, n = 1, 2, …: ``review.add.<n>.text`` (empty: no more), ``review.add.<n>.theme``,
``review.add.<n>.observed_by``, ``review.add.<n>.keeper``; then ``review.note`` and
``review.next_date``.

The answers go into the review as they are given. The decisions reach the rules when the
review is complete: a reworded rule gets its new wording as a new version in its history, a
dropped rule its ``dropped`` date. New rules are in force from the review on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dialogi.engine.items import check_wording, next_id
from dialogi.engine.steps import FINISHED, Step
from dialogi.followup.history import last_compliance, reword
from dialogi.followup.steps import NextDateStep, NoteStep, ReviewSession, say
from dialogi.prompts import Choice
from dialogi.record.models import Compliance, Review, Rule, RuleDecision, RuleReview, RuleVersion, Workshop

RULE_PREFIX = "r"
NEXT_REVIEW_MONTHS = 3


def wording_hints(text: str, lang: str) -> list[str]:
    """Gentle hints on a rule's wording, when the wording module is there."""
    try:
        from dialogi.wording import hints
    except ImportError:
        return []
    return list(hints(text, lang))


def _hints(session: ReviewSession, text: str) -> list[str]:
    return wording_hints(text, session.lang)


def reviewed_rules(workshop: Workshop, review: Review) -> list[Rule]:
    """The rules this review goes through: those in force, without the ones it added, in the
    order of their numbers (the numbers on the poster)."""
    from dialogi.followup.history import numbered

    added = set(review.added_rules)
    return [r for _, r in numbered(workshop) if r.id not in added]


def entry_for(review: Review, rule_id: str) -> RuleReview | None:
    return next((e for e in review.rules if e.rule == rule_id), None)


def rule_card(session: ReviewSession, rule: Rule, total: int) -> Any:
    """The rule under the number it has everywhere (the poster, ``show``), with its details."""
    from rich.console import Group
    from rich.panel import Panel

    from dialogi.followup.history import rule_numbers
    from dialogi.render.terminal import safe
    from dialogi.render.text import format_date, theme_name

    number = rule_numbers(session.workshop).get(rule.id, 0)
    lines: list[Any] = [safe(rule.text, "bold")]
    details = [
        ("review.rules.theme", theme_name(rule.theme, session.lang) if rule.theme else ""),
        ("review.rules.observed_by", rule.observed_by),
        ("review.rules.keeper", rule.keeper),
    ]
    for key, value in details:
        if value:
            lines.append(safe(session.t(key, value=value)))
    rated = last_compliance(session.workshop, session.review.date).get(rule.id)  # complete reviews only
    if rated:
        compliance, date = rated
        lines.append(safe(session.t("review.rules.last_review", date=format_date(date, session.lang),
                                    compliance=session.t(f"review.compliance.{compliance.value}")), "dim"))
    title = safe(session.t("review.rules.card_title", number=number, total=total), "bold")
    return Panel(Group(*lines), title=title, title_align="left", padding=(0, 1))


@dataclass
class RuleByRule(Step):
    """Each rule in force: followed or not, observations, keep / reword / drop."""

    id: str = "rules"
    title_key: str = "review.steps.rules"

    def units(self, session: ReviewSession) -> int:
        return len(reviewed_rules(session.workshop, session.review))

    def run_unit(self, session: ReviewSession, position: int) -> None:
        rules = reviewed_rules(session.workshop, session.review)
        rule = rules[position]
        session.show(rule_card(session, rule, len(session.workshop.active_rules())))
        key = f"review.{self.id}.{rule.id}"
        review = session.review
        entry = entry_for(review, rule.id)

        levels = [Choice(c.value, session.t(f"review.compliance.{c.value}")) for c in Compliance]
        answer = Compliance(session.asker.select(
            f"{key}.compliance", session.t("review.rules.compliance_question"), levels,
            entry.compliance.value if entry else None,
        ))
        if entry is None:
            entry = RuleReview(rule=rule.id, compliance=answer)
            review.rules.append(entry)
        else:
            entry.compliance = answer
        session.save()

        entry.note = session.asker.text(f"{key}.note", session.t("review.rules.note_question"), entry.note)
        session.save()

        decisions = [Choice(d.value, session.t(f"review.decision.{d.value}")) for d in RuleDecision]
        entry.decision = RuleDecision(session.asker.select(
            f"{key}.decision", session.t("review.rules.decision_question"), decisions, entry.decision.value
        ))
        if entry.decision != RuleDecision.REWORD:
            entry.new_text = ""
        session.save()
        if entry.decision == RuleDecision.REWORD:
            self._reword(session, key, rule, entry)

    def _reword(self, session: ReviewSession, key: str, rule: Rule, entry: RuleReview) -> None:
        """The new wording; when it draws hints, they come before it is accepted: keep or reword."""
        text = session.asker.text(f"{key}.new_text", session.t("review.rules.new_text_question"), entry.new_text or rule.text)
        if text and text != rule.text:
            text = check_wording(session, f"{key}.new_text", text, _hints, lambda v: _keep_new_text(session, entry, v))
        if not text or text == rule.text:
            entry.decision, entry.new_text = RuleDecision.KEEP, ""
            say(session, session.t("review.rules.unchanged"), "yellow")
        else:
            entry.new_text = text
        session.save()


def theme_choices(session: ReviewSession) -> list[Choice]:
    """The method's themes and the group's own, then "no theme"."""
    from dialogi.render.text import theme_name

    ids: list[str] = []
    try:
        from dialogi.i18n import content

        ids = [str(theme["id"]) for theme in content("rules", session.lang).get("themes", [])]
    except (OSError, KeyError, TypeError):
        pass
    ids += [theme for theme in session.workshop.rules.themes if theme not in ids]
    ids += [r.theme for r in session.workshop.rules.agreed if r.theme and r.theme not in ids]
    choices = [Choice(theme, theme_name(theme, session.lang)) for theme in dict.fromkeys(ids)]
    return [*choices, Choice("", session.t("review.add.no_theme"))]


@dataclass
class NewRules(Step):
    """New rules, one per unit, until an empty answer. Each is in force from the review on."""

    id: str = "add"
    title_key: str = "review.steps.add"

    def units(self, session: ReviewSession) -> None:
        return None

    def run_unit(self, session: ReviewSession, position: int) -> str | None:
        review, rules = session.review, session.workshop.rules
        if position == 0:
            say(session, session.t("review.add.intro"))
        key = f"review.{self.id}.{position + 1}"
        # a unit interrupted after its rule was written: that rule is this unit's answer
        rule = next((r for r in rules.agreed if r.id == review.added_rules[position]), None) if position < len(review.added_rules) else None
        text = session.asker.text(f"{key}.text", session.t("review.add.text_question"), rule.text if rule else "")
        if not text:
            if rule is not None:  # cleared: the group took it back
                rules.agreed = [r for r in rules.agreed if r.id != rule.id]
                review.added_rules = [i for i in review.added_rules if i != rule.id]
                session.save()
            return FINISHED
        if rule is None:
            rule = Rule(id=next_id(rules.agreed, RULE_PREFIX), text=text)
            rules.agreed.append(rule)
            review.added_rules.append(rule.id)
        check_wording(session, f"{key}.text", text, _hints, lambda v: _keep_text(session, rule, v))  # saved as it goes

        rule.theme = session.asker.select(f"{key}.theme", session.t("review.add.theme_question"), theme_choices(session), rule.theme)
        session.save()
        rule.observed_by = session.asker.text(f"{key}.observed_by", session.t("review.add.observed_by_question"), rule.observed_by)
        session.save()
        rule.keeper = session.asker.text(f"{key}.keeper", session.t("review.add.keeper_question"), rule.keeper)
        session.save()
        return None


def _keep_new_text(session: ReviewSession, entry: RuleReview, text: str) -> None:
    entry.new_text = text
    session.save()


def _keep_text(session: ReviewSession, rule: Rule, text: str) -> None:
    rule.text = text
    rule.history = [RuleVersion(date=session.review.date, text=text)]
    session.save()


def _next_date(session: ReviewSession) -> dt.date | None:
    return session.workshop.rules.review_date


def _set_next_date(session: ReviewSession, date: dt.date | None) -> None:
    session.workshop.rules.review_date = date


STEPS: list[Step] = [
    RuleByRule(),
    NewRules(),
    NoteStep(),
    NextDateStep("review.steps.next_date", NEXT_REVIEW_MONTHS, _next_date, _set_next_date, "review.rules.next_date_question"),
]


def apply(workshop: Workshop, review: Review) -> None:
    """The review's decisions on the rules: new wordings into the history, drops dated, and
    the new rules' first version dated to the review (its date may have moved since)."""
    rules = {r.id: r for r in workshop.rules.agreed}
    for rule_id in review.added_rules:
        if rule_id in rules:
            rules[rule_id].history = [RuleVersion(date=review.date, text=rules[rule_id].text)]
    for entry in review.rules:
        rule = rules.get(entry.rule)
        if rule is None:
            continue
        if entry.decision == RuleDecision.REWORD and entry.new_text and entry.new_text != rule.text:
            reword(rule, review.date, entry.new_text, workshop.date)
        elif entry.decision == RuleDecision.DROP and rule.dropped is None:
            rule.dropped = review.date


def summary(session: ReviewSession) -> list[Any]:
    """What the review came to, in a few sentences."""
    from dialogi.render.terminal import safe
    from dialogi.render.text import format_date

    review = session.review
    counts = {c: sum(e.compliance == c for e in review.rules) for c in Compliance}
    decisions = {d: sum(e.decision == d for e in review.rules) for d in RuleDecision}
    lines = [
        session.t("review.rules.summary", count=len(review.rules), followed=counts[Compliance.FOLLOWED],
                  partly=counts[Compliance.PARTLY], not_followed=counts[Compliance.NOT_FOLLOWED]),
        session.t("review.rules.summary_changes", reworded=decisions[RuleDecision.REWORD],
                  dropped=decisions[RuleDecision.DROP], added=len(review.added_rules)),
    ]
    date = session.workshop.rules.review_date
    if date and date > review.date:
        lines.append(session.t("review.rules.next_date_set", date=format_date(date, session.lang)))
    else:
        lines.append(session.t("review.rules.next_date_none"))
    return [safe(line) for line in lines]
