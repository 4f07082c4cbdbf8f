"""The follow-up report HR asks for: how the wellbeing plan went, in one printable document.

Per goal whether it was reached (reached / partly / not) and how the group says it succeeded;
the indicators with the value at planning, every reading, the target, the change and whether
the target is reached, and a chart of each over the years (along the workshops that continue
one another, ``followup.series``); every action with its status, responsible person and note,
and the share done; the rules of the game with how well each was followed at each review;
the reviews' notes; the next follow-up date. One ``Document`` tree, drawn as HTML (with the
charts as SVG, A4, the team and the page number on every page), Markdown and plain text.
"""

from __future__ import annotations

from pathlib import Path

from dialogi.followup.figures import reached as target_reached
from dialogi.followup.history import complete_reviews
from dialogi.followup.series import Series, series_of, target_of
from dialogi.i18n import t
from dialogi.record.models import ActionStatus, Workshop
from dialogi.render.markdown import document_markdown
from dialogi.render.plain import document_text, one_line, scrub
from dialogi.render.plan import measured_by, review_notes
from dialogi.render.text import (
    Block,
    Chart,
    Column,
    Document,
    Fields,
    Paragraph,
    Section,
    Table,
    format_change,
    format_date,
    format_number,
)


def has_review(workshop: Workshop) -> bool:
    """Is there a follow-up to report: a complete review of the plan."""
    return bool(complete_reviews(workshop, "plan"))


def _label(key: str, lang: str, **params) -> str:
    return t(f"print.review.{key}", lang, **params)


def _fields(*pairs: tuple[str, str]) -> list[Block]:
    kept = [(label, value) for label, value in pairs if value and value.strip()]
    return [Fields(kept)] if kept else []


def _goals(workshop: Workshop, lang: str) -> list[Block]:
    sections: list[Block] = []
    indicators = {i.id: i for i in workshop.wellbeing.indicators}
    for number, goal in enumerate(workshop.wellbeing.goals, 1):
        indicator = indicators.get(goal.indicator)
        result = t(f"render.result.{goal.result.value}", lang) if goal.result else _label("not_assessed", lang)
        blocks = _fields(
            (_label("result", lang), result),
            (_label("outcome", lang), goal.outcome),
            (_label("indicator", lang), measured_by(workshop, indicator, lang) if indicator else goal.indicator),
        )
        sections.append(Section(_label("goal", lang, number=number, title=one_line(goal.title)), blocks))
    return [Section(_label("goals", lang), sections)] if sections else []


def _indicators(workshop: Workshop, trends: list[Series], lang: str) -> list[Block]:
    """The value at planning, each review's reading, the target, the change and whether the
    target is reached; then a chart of each indicator measured more than once."""
    reviews = [r for r in complete_reviews(workshop, "plan") if r.indicators]
    by_id = {s.id: s for s in trends}
    rows = []
    for indicator in workshop.wellbeing.indicators:
        readings = [next((r.value for r in review.indicators if r.indicator == indicator.id), None) for review in reviews]
        last = next((v for v in reversed(readings) if v is not None), None)
        start = indicator.value
        trend = by_id.get(indicator.id)
        goal_value = target_of(workshop, indicator)
        reached = target_reached(last, goal_value, trend.better if trend else None)
        name = t("render.reviews.indicator_unit", lang, name=indicator.name, unit=indicator.unit) if indicator.unit else indicator.name
        rows.append([
            name, format_number(start, lang), *(format_number(v, lang) for v in readings),
            format_number(goal_value, lang), format_change(last, start, lang, indicator.unit),
            "" if reached is None else _label("yes" if reached else "no", lang),
        ])
    if not rows:
        return []
    columns = [Column(_label("indicator", lang)), Column(_label("at_planning", lang), True)]
    columns += [Column(format_date(r.date, lang), True) for r in reviews]
    columns += [Column(_label(k, lang), k != "reached") for k in ("target", "change", "reached")]
    blocks: list[Block] = [Table(columns, rows)]
    charts = [s for s in trends if len(s.points) > 1]
    if charts:
        first = min(s.points[0].date for s in charts)
        last_date = max(s.points[-1].date for s in charts)
        blocks.append(Paragraph(_label("over_years", lang, first=format_date(first, lang), last=format_date(last_date, lang))))
    for s in charts:
        direction = _label(f"direction_{s.better or 'unknown'}", lang)
        blocks.append(Chart(s, _label("chart_caption", lang, name=s.name, direction=direction), lang))
    return [Section(_label("indicators", lang), blocks)]


def _actions(workshop: Workshop, lang: str) -> list[Block]:
    notes = review_notes(workshop)
    pairs = workshop.all_actions()
    rows = [
        [action.text, one_line(goal.title if goal else (action.goal or _label("carried", lang))), action.owner,
         format_date(action.due, lang), t(f"render.action_status.{action.status.value}", lang).replace(" ", "\u00a0"),
         notes.get(action.id) or action.note]
        for goal, action in pairs
    ]
    if not rows:
        return []
    keys = ("action", "goal_column", "owner", "due", "status", "note")
    done = sum(action.status == ActionStatus.DONE for _, action in pairs)
    blocks: list[Block] = [Paragraph(_label("actions_done", lang, done=done, total=len(pairs)))]
    blocks.append(Table([Column(_label(k, lang)) for k in keys], rows))
    return [Section(_label("actions", lang), blocks)]


def _rules(workshop: Workshop, lang: str) -> list[Block]:
    """Each rule in force with how it was followed at each complete rules review."""
    rules = workshop.active_rules()
    if not rules:
        return []
    reviews = complete_reviews(workshop, "rules")
    if not reviews:
        return [Section(_label("rules", lang), [Paragraph(_label("rules_not_reviewed", lang))])]
    rows = []
    for rule in rules:
        rated = [next((e.compliance for e in review.rules if e.rule == rule.id), None) for review in reviews]
        rows.append([rule.text, *(_label(f"compliance_{c.value}", lang) if c else "" for c in rated)])
    columns = [Column(_label("rule", lang))] + [Column(format_date(r.date, lang)) for r in reviews]
    return [Section(_label("rules", lang), [Table(columns, rows)])]


def _notes(workshop: Workshop, lang: str) -> list[Block]:
    pairs = [(format_date(r.date, lang), r.note) for r in sorted(workshop.reviews, key=lambda r: r.date)
             if r.complete and r.note.strip()]
    return [Section(_label("notes", lang), [Fields(pairs)])] if pairs else []


def report_document(workshop: Workshop, path: Path | None = None) -> Document:
    """The follow-up report, in the workshop's language; with ``path``, the indicators are
    followed back through the workshops this one continues."""
    from dialogi.followup.series import chain

    lang = workshop.language
    trends = series_of(chain(path, workshop) if path is not None else [("", workshop)])
    reviewed = ", ".join(format_date(r.date, lang) for r in complete_reviews(workshop, "plan"))
    blocks: list[Block] = _fields(
        (_label("team", lang), one_line(workshop.team)),
        (_label("workshop", lang), one_line(workshop.title)),
        (_label("date", lang), format_date(workshop.date, lang)),
        (_label("reviewed", lang), reviewed),
        (_label("facilitator", lang), one_line(workshop.facilitator)),
        (_label("follow_up_date", lang), format_date(workshop.wellbeing.follow_up_date, lang)),
    )
    blocks += _goals(workshop, lang)
    blocks += _indicators(workshop, trends, lang)
    blocks += _actions(workshop, lang)
    blocks += _rules(workshop, lang)
    blocks += _notes(workshop, lang)
    blocks.append(Paragraph(footer(workshop) or _label("no_next", lang)))
    return scrub(Document(_label("heading", lang), blocks))


def footer(workshop: Workshop) -> str:
    date = workshop.wellbeing.follow_up_date
    return _label("next", workshop.language, date=format_date(date, workshop.language)) if date else ""


def page_title(workshop: Workshop) -> str:
    return _label("page_title", workshop.language, name=one_line(workshop.team) or one_line(workshop.title))


def report_markdown(workshop: Workshop, path: Path | None = None) -> str:
    return document_markdown(report_document(workshop, path))


def report_text(workshop: Workshop, path: Path | None = None) -> str:
    return document_text(report_document(workshop, path))
