"""Rules of the game (pelisäännöt): themes, proposals, a decision, and the agreed rules.

The steps: the intro card; the themes (the four typical ones and the team's own); the
proposals, theme by theme; tidying the list (edit, merge, delete); how the group decides
(a vote for the top N, a consent check per rule, or both); the vote; the final wording of
each rule; the consent checks; how following each rule is observed and who keeps an eye on
it; the review date for the set; a summary.

Question keys (``pN`` is a proposal's id, in the order they were written down; ``ownN`` the
team's N-th own theme): ``rules.themes.chosen``, ``rules.themes.own``,
``rules.proposals.<theme id>`` (``information``, ``encounter``, ``conduct``, ``overload``,
``own1`` …), ``rules.edit.<n>.…`` (see :class:`~dialogi.engine.items.Edit`),
``rules.decide.how`` (vote | consent | both), ``rules.decide.top``,
``rules.decide.threshold`` (3 | 2 | 1), ``rules.vote.…`` (see
:mod:`dialogi.engine.vote_step`), ``rules.word.<pN>.text`` and ``.theme``,
``rules.consent.<pN>.counts``, ``rules.follow.observed.<pN>``,
``rules.follow.keeper.<pN>``, ``rules.review_date``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialogi.engine.items import Collect, Edit, Group, ask_wording, next_id
from dialogi.engine.steps import Field, Method, PerItem, Present, Step
from dialogi.engine.vote_step import ConsentStep, VoteStep, say
from dialogi.i18n import content, plural
from dialogi.prompts import Choice
from dialogi.record.models import Item, MethodId, Rule, RuleVersion, Vote, VoteMethod

DECISIONS = ("vote", "consent", "both")
THRESHOLDS = (3, 2, 1)
DEFAULT_TOP = 5


# -- content --------------------------------------------------------------------------------


def themes_content(lang: str) -> list[dict[str, Any]]:
    return content("rules", lang)["themes"]


def standard_ids(lang: str) -> list[str]:
    return [theme["id"] for theme in themes_content(lang)]


def theme_name(theme: str, lang: str) -> str:
    """A typical theme's name in ``lang``; the team's own themes are their own names."""
    return next((x["name"] for x in themes_content(lang) if x["id"] == theme), theme)


def hints(session, text: str) -> list[str]:
    from dialogi.wording import hints as wording_hints

    return wording_hints(text, session.lang)


def intro(session) -> Any:
    from rich.panel import Panel
    from rich.text import Text

    data = content("rules", session.lang)
    body = Text(data["intro"] + "\n\n" + data["wording_hint"] + "\n\n")
    body.append(session.t("cli.cards.source", source=data["source"]), style="dim")
    return Panel(body, title=Text(data["title"], style="bold"), title_align="left", padding=(1, 2))


def theme_card(session, theme: str) -> Any:
    """The theme, its opening question, everyday examples and a couple of example rules."""
    from rich.panel import Panel
    from rich.text import Text

    from dialogi.render.terminal import safe

    data = next((x for x in themes_content(session.lang) if x["id"] == theme), None)
    body = Text()
    if data:
        body.append(data["question"] + "\n\n", style="bold")
        body.append(session.t("rules_ui.examples") + "\n")
        for example in data["examples"]:
            body.append(f"  • {example}\n")
        body.append("\n" + session.t("rules_ui.example_rules") + "\n")
        for rule in data["example_rules"]:
            body.append(f"  • {rule}\n", style="italic")
        body.append("\n")
    else:
        body.append(session.t("rules_ui.own_theme_question") + "\n\n", style="bold")
    body.append(content("rules", session.lang)["collect_hint"], style="dim")
    return Panel(body, title=safe(theme_name(theme, session.lang), "bold"), title_align="left", padding=(0, 1))


def themes_overview(session) -> Any:
    from rich.table import Table

    table = Table(show_edge=False, show_lines=True, title=session.t("rules_ui.themes_title"), title_justify="left")
    table.add_column(session.t("rules_ui.theme"), style="bold")
    table.add_column(session.t("rules_ui.examples"))
    for theme in themes_content(session.lang):
        table.add_row(theme["name"], "\n".join(f"• {e}" for e in theme["examples"]))
    return table


# -- reading the record ---------------------------------------------------------------------


def rules(session):
    return session.workshop.rules


def own_themes(session) -> list[str]:
    standard = set(standard_ids(session.lang))
    return [x for x in rules(session).themes if x not in standard]


def groups(session) -> list[Group]:
    own = own_themes(session)
    return [
        Group(theme, theme_name(theme, session.lang), theme_card(session, theme), f"own{own.index(theme) + 1}" if theme in own else "")
        for theme in rules(session).themes
    ]


def group_names(session) -> dict[str, str]:
    names = {theme: theme_name(theme, session.lang) for theme in rules(session).themes}
    for item in rules(session).proposals:  # a theme no longer chosen still names its proposals
        if item.theme and item.theme not in names:
            names[item.theme] = theme_name(item.theme, session.lang)
    return names


def proposals(session) -> list[Item]:
    return rules(session).proposals


def active_proposals(session) -> dict[str, str]:
    return {item.id: item.text for item in proposals(session) if item.active}


def decided_by_vote(session) -> bool:
    return rules(session).decision in ("vote", "both")


def decided_by_consent(session) -> bool:
    return rules(session).decision in ("consent", "both")


def last_vote(session) -> Vote | None:
    return next((v for v in reversed(rules(session).votes) if v.method != VoteMethod.FIST), None)


def candidates(session) -> list[Item]:
    """The proposals that go on to be worded as rules: the vote's winners, else all active ones."""
    active = {item.id: item for item in proposals(session) if item.active}
    vote = last_vote(session) if decided_by_vote(session) else None
    if vote is not None:
        return [active[i] for i in vote.winners if i in active]
    return list(active.values())


def rule_for(session, proposal: str) -> Rule | None:
    return next((r for r in rules(session).agreed if r.from_proposal == proposal), None)


def worded(session) -> list[Rule]:
    """The rules worded from this drafting's candidates, in the candidates' order."""
    return [rule for item in candidates(session) if (rule := rule_for(session, item.id))]


def standing(session) -> list[Rule]:
    """This drafting's rules in force, in the order they are numbered everywhere."""
    from dialogi.followup.history import in_order

    return in_order(session.workshop, [rule for rule in worded(session) if rule.in_force])


# -- the steps ------------------------------------------------------------------------------


@dataclass
class ChooseThemes(Step):
    """Which of the four typical themes, then the team's own themes, one per line."""

    id: str
    title_key: str

    def units(self, session) -> int:
        return 2

    def run_unit(self, session, position: int) -> None:
        r = rules(session)
        standard = standard_ids(session.lang)
        if position == 0:
            session.show(themes_overview(session))
            choices = [Choice(x["id"], x["name"]) for x in themes_content(session.lang)]
            chosen = [x for x in r.themes if x in standard] or standard
            picked = session.asker.checkbox(f"{self.id}.chosen", session.t("rules_ui.which_themes"), choices, chosen)
            r.themes = [x for x in standard if x in picked] + own_themes(session)
            return
        own = own_themes(session)
        for name in session.asker.lines(f"{self.id}.own", session.t("rules_ui.own_themes"), skip=len(own)):
            if name not in r.themes:
                r.themes = [*r.themes, name]
                session.save()


@dataclass
class Decide(Step):
    """How the group decides: a vote for the top N, a consent check per rule, or both."""

    id: str
    title_key: str

    def run_unit(self, session, position: int) -> None:
        r = rules(session)
        count = len(active_proposals(session))
        say(session, session.t("rules_ui.decide_intro", count=count))
        choices = [Choice(d, session.t(f"rules_ui.decide_{d}")) for d in DECISIONS]
        r.decision = session.asker.select(f"{self.id}.how", session.t("rules_ui.decide"), choices, r.decision or "vote")
        session.save()
        if decided_by_vote(session):
            default = r.top or max(1, min(DEFAULT_TOP, count))
            r.top = session.asker.integer(f"{self.id}.top", session.t("rules_ui.top", count=count), default, minimum=1, maximum=max(count, 1))
            session.save()
        if decided_by_consent(session):
            choices = [Choice(str(n), session.t(f"rules_ui.threshold_{n}")) for n in THRESHOLDS]
            default = str(r.threshold if r.threshold in THRESHOLDS else THRESHOLDS[0])
            r.threshold = int(session.asker.select(f"{self.id}.threshold", session.t("rules_ui.threshold"), choices, default))


@dataclass
class Word(Step):
    """The final wording and the theme of each proposal that goes through; each becomes a Rule."""

    id: str
    title_key: str

    def units(self, session) -> int:
        return len(candidates(session))

    def run_unit(self, session, position: int) -> None:
        w = session.workshop
        item = candidates(session)[position]
        rule = rule_for(session, item.id)
        session.show(proposal_card(session, item, position))
        current = rule.text if rule else item.text
        text = ask_wording(session, f"{self.id}.{item.id}.text", session.t("rules_ui.final_wording"), current, hints, before=True) or item.text
        if rule is None:
            rule = Rule(id=next_id(w.rules.agreed, "r"), text=text, theme=item.theme, from_proposal=item.id)
            w.rules.agreed = [*w.rules.agreed, rule]
        rule.text = text
        rule.history = [v for v in rule.history if v.date != w.date] + [RuleVersion(date=w.date, text=text)]
        session.save()
        names = group_names(session)
        choices = [Choice(theme, name) for theme, name in names.items()]
        if choices:
            current = rule.theme if rule.theme in names else choices[0].value
            rule.theme = session.asker.select(f"{self.id}.{item.id}.theme", session.t("rules_ui.which_theme"), choices, current)


def proposal_card(session, item: Item, position: int) -> Any:
    from rich.text import Text

    from dialogi.render.terminal import safe

    count = len(candidates(session))
    line = Text(session.t("rules_ui.proposal_progress", number=position + 1, count=count) + " ", style="dim")
    line.append_text(safe(item.text, "bold"))
    if item.theme:
        line.append("  (")
        line.append_text(safe(theme_name(item.theme, session.lang)))
        line.append(")")
    return line


def rule_card(session, rule: Rule, position: int) -> Any:
    """The rule with its number (the one on the poster), and how far the step has come."""
    from rich.text import Text

    from dialogi.followup.history import rule_numbers
    from dialogi.render.terminal import safe

    line = Text(f"{position + 1}/{len(standing(session))} · ", style="dim")
    line.append(session.t("rules_ui.rule_number", number=rule_numbers(session.workshop).get(rule.id, "")) + " ", style="bold")
    line.append_text(safe(rule.text, "bold"))
    return line


@dataclass
class ReviewDate(Step):
    """One follow-up date for the whole set (default: three months after the workshop)."""

    id: str
    title_key: str

    def run_unit(self, session, position: int) -> None:
        from dialogi.dates import add_months, parse_date
        from dialogi.engine.steps import _refuse_scripted
        from dialogi.errors import UsageError
        from dialogi.render.text import format_date

        w = session.workshop
        default = w.rules.review_date or add_months(w.date, 3)
        shown = default.isoformat() if session.lang == "en" else f"{default.day}.{default.month}.{default.year}"
        say(session, session.t("rules_ui.review_intro"))
        while True:
            answer = session.asker.text(self.id, session.t("rules_ui.review_date"), shown)
            try:
                date = parse_date(answer)
            except UsageError:
                date = None
            if date is not None and date >= w.date:
                w.rules.review_date = date
                say(session, session.t("rules_ui.review_set", date=format_date(date, session.lang)))
                return
            problem = "rules_ui.bad_review_date" if date is None else "rules_ui.early_review_date"
            say(session, session.t(problem, value=answer, date=format_date(w.date, session.lang)))
            _refuse_scripted(session, self.id, answer, problem)
            shown = answer


def summary(session) -> Any:
    from rich.console import Group as Stack
    from rich.table import Table
    from rich.text import Text

    from dialogi.followup.history import numbered
    from dialogi.render.terminal import safe
    from dialogi.render.text import format_date

    r = rules(session)
    table = Table(title=session.t("rules_ui.summary_title"), title_justify="left", show_lines=True)
    table.add_column("#", style="bold")
    table.add_column(session.t("rules_ui.rule"))
    table.add_column(session.t("rules_ui.theme"))
    table.add_column(session.t("rules_ui.observed"))
    table.add_column(session.t("rules_ui.keeper"))
    for n, rule in numbered(session.workshop):
        table.add_row(str(n), safe(rule.text, "bold"), safe(theme_name(rule.theme, session.lang)), safe(rule.observed_by), safe(rule.keeper))
    parts: list[Any] = [table]
    aside = [rule for rule in worded(session) if rule.not_agreed is not None]
    if aside:
        parts.append(Text(plural("rules_ui.not_agreed", len(aside), session.lang)))
        parts.extend(Text("  • ") + safe(rule.text) for rule in aside)
    if r.review_date:
        parts.append(Text(session.t("rules_ui.review_set", date=format_date(r.review_date, session.lang)), style="bold"))
    return Stack(*parts)


RULES = Method(
    MethodId.RULES,
    [
        Present("rules.intro", "rules_ui.step_intro", intro),
        ChooseThemes("rules.themes", "rules_ui.step_themes"),
        Collect("rules.proposals", "rules_ui.step_collect", groups, proposals, prefix="p", hints=hints),
        Edit("rules.edit", "rules_ui.step_edit", proposals, groups=group_names, prefix="p", hints=hints),
        Decide("rules.decide", "rules_ui.step_decide"),
        VoteStep(
            "rules.vote", "rules_ui.step_vote",
            options=active_proposals,
            select=lambda s: rules(s).top,
            votes=lambda s: rules(s).votes,
            subject_key="rules_ui.vote_subject",
            when=decided_by_vote,
        ),
        Word("rules.word", "rules_ui.step_word"),
        ConsentStep(
            "rules.consent", "rules_ui.step_consent",
            items=worded,
            key=lambda rule: rule.from_proposal or rule.id,
            threshold=lambda s: rules(s).threshold or THRESHOLDS[0],
            hints=hints,
            when=decided_by_consent,
        ),
        PerItem(
            "rules.follow", "rules_ui.step_follow", standing, lambda rule: rule.from_proposal or rule.id, rule_card,
            [
                Field("observed", "rules.observe_question", lambda s, r: r.observed_by, lambda s, r, v: setattr(r, "observed_by", v)),
                Field("keeper", "rules.keeper_question", lambda s, r: r.keeper, lambda s, r, v: setattr(r, "keeper", v)),
            ],
        ),
        ReviewDate("rules.review_date", "rules_ui.step_review"),
        Present("rules.summary", "rules_ui.step_summary", summary),
    ],
)
