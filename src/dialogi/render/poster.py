"""The rules poster: what goes on it, and the poster as Markdown and as plain text.

The poster shows the agreed rules that are in force (not the dropped ones, nor those not
agreed), numbered 1…n straight through and grouped by theme (the workshop's theme order
first, rules without a theme last) — the numbers every other output gives them too — with
how we notice a rule is followed and who keeps an eye on it; the team, the workshop and its
date on top, the review date at the foot, and when a tie took the vote to a second round,
how. ``html.poster_html`` draws the same ``Poster``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dialogi.i18n import t
from dialogi.record.models import TiePolicy, VoteMethod, Workshop
from dialogi.render.markdown import escape_md
from dialogi.render.plain import WIDTH, field_lines, heading, one_line, printable, wrap
from dialogi.render.text import format_date, theme_name


@dataclass
class PosterRule:
    number: int
    text: str
    details: list[tuple[str, str]]  # (label, value), only the filled ones


@dataclass
class PosterGroup:
    title: str  # the theme's name; empty when no rule has a theme
    rules: list[PosterRule] = field(default_factory=list)


@dataclass
class Poster:
    lang: str
    heading: str
    team: str
    subtitle: str  # the workshop's title and date
    groups: list[PosterGroup]
    footer: str  # when the rules are reviewed (or when they were agreed)
    page_title: str

    @property
    def rules(self) -> list[PosterRule]:
        return [rule for group in self.groups for rule in group.rules]


def _two_rounds(workshop: Workshop) -> str:
    """A sentence on how the rules were chosen, when a tie took the vote to a runoff."""
    vote = next((v for v in reversed(workshop.rules.votes) if v.method != VoteMethod.FIST), None)
    tie = vote.tie if vote else None
    if tie is None or not tie.runoff:
        return ""
    again = tie.settled_by == TiePolicy.DISCUSS
    return t("print.poster.chosen_runoff_discuss" if again else "print.poster.chosen_runoff", workshop.language)


def poster(workshop: Workshop) -> Poster:
    """The poster's content, in the workshop's language."""
    from itertools import groupby

    from dialogi.followup.history import numbered

    lang = workshop.language
    rules = numbered(workshop)
    themed = any(rule.theme for _, rule in rules)
    groups: list[PosterGroup] = []
    for theme, members in groupby(rules, key=lambda pair: pair[1].theme):  # numbered keeps a theme together
        if not themed:
            title = ""
        elif theme:
            title = theme_name(theme, lang)
        else:
            title = t("print.poster.other_theme", lang)
        group = PosterGroup(one_line(title))
        for number, rule in members:
            details = [
                (t("print.poster.observed_by", lang), printable(rule.observed_by)),
                (t("print.poster.keeper", lang), one_line(rule.keeper)),
            ]
            group.rules.append(PosterRule(number, printable(rule.text), [(k, v) for k, v in details if v]))
        groups.append(group)
    date = format_date(workshop.date, lang)
    review = workshop.rules.review_date
    if review:
        footer = t("print.poster.review", lang, date=format_date(review, lang))
    else:
        footer = t("print.poster.agreed", lang, date=date)
    footer = " ".join(part for part in (footer, _two_rounds(workshop)) if part)
    team = one_line(workshop.team)
    separator = t("print.separator", lang)
    subtitle = separator.join(part for part in (one_line(workshop.title), date) if part)
    name = team or one_line(workshop.title)
    return Poster(lang, t("print.poster.heading", lang), team, subtitle, groups, footer,
                  t("print.poster.page_title", lang, name=name))


# -- Markdown -------------------------------------------------------------------------------


def _md_heading(level: int, text: str) -> str:
    # every ``#`` escaped: a trailing one would close the heading
    return "#" * level + " " + escape_md(text, breaks=False, start=False).replace("#", "\\#")


def poster_markdown(workshop: Workshop) -> str:
    """The poster as Markdown: every string escaped, the numbers running through the groups."""
    p = poster(workshop)
    parts = [_md_heading(1, p.heading)]
    byline = t("print.separator", p.lang).join(x for x in (p.team, p.subtitle) if x)
    parts.append(f"**{escape_md(byline, breaks=False)}**")
    for group in p.groups:
        if group.title:
            parts.append(_md_heading(2, group.title))
        items = []
        for rule in group.rules:
            marker = f"{rule.number}. "
            pad = " " * len(marker)
            lines = [marker + escape_md(rule.text, indent=pad)]
            for label, value in rule.details:
                lines.append(f"{pad}- *{escape_md(label, breaks=False, start=False)}:* "
                             + escape_md(value, indent=pad + "  ", start=False))
            items.append("\n".join(lines))
        parts.append("\n".join(items))
    parts.append(f"*{escape_md(p.footer, breaks=False)}*")
    return "\n\n".join(parts) + "\n"


# -- plain text -----------------------------------------------------------------------------


def poster_text(workshop: Workshop) -> str:
    """The poster as plain text, 78 columns wide, with no control characters."""
    p = poster(workshop)
    lines = heading(p.heading, 1)
    if p.team:
        lines += wrap(p.team)
    lines += wrap(p.subtitle)
    width = len(str(len(p.rules)))
    for group in p.groups:
        lines.append("")
        if group.title:
            lines += heading(group.title, 2) + [""]
        for i, rule in enumerate(group.rules):
            marker = f"{rule.number:>{width}}. "
            lines += ([""] if i else []) + wrap(rule.text, first=marker, width=WIDTH)
            for label, value in rule.details:
                lines += field_lines(label, value, " " * len(marker))
    lines += ["", *wrap(p.footer)]
    return "\n".join(lines) + "\n"
