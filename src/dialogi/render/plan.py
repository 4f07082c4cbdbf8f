"""The wellbeing plan as a document of its own: the written plan of step 5.

For each goal, in the order the handbook names them: what could be better, the actions
with who is responsible and by when, the schedule, how it is followed up and by which
indicator with its target value; then the benefits, the pitfalls and what it takes. After
the goals: the indicators (where we start from), the key observations, the unfinished
earlier work carried on, and the follow-up date. Once the plan has been reviewed, each
indicator shows its readings beside the value at planning, each action its status and the
review's note, each goal how it went, and the reviews their dates and notes. One ``Document`` tree, drawn as Markdown (``markdown``), plain text
(``plain``) and HTML (``html.plan_html``).
"""

from __future__ import annotations

from typing import Any

from dialogi.followup.history import complete_reviews
from dialogi.i18n import t
from dialogi.record.models import Action, ActionStatus, Goal, Indicator, Workshop
from dialogi.render.markdown import document_markdown
from dialogi.render.plain import document_text, one_line, scrub
from dialogi.render.text import (
    Block,
    Bullets,
    Column,
    Document,
    Fields,
    Paragraph,
    Section,
    Table,
    format_change,
    format_date,
    format_number,
    with_unit,
)


def has_plan(workshop: Workshop) -> bool:
    """Is there a plan to print: goals, or earlier work carried into this plan."""
    return bool(workshop.wellbeing.goals or workshop.wellbeing.carried_over)


def _fields(*pairs: tuple[str, Any]) -> list[Block]:
    kept = [(label, str(value)) for label, value in pairs if value not in (None, "") and str(value).strip()]
    return [Fields(kept)] if kept else []


def _table(columns: list[Column], rows: list[list[str]], keep: int, title: str = "") -> list[Block]:
    """A table without rows is left out, and so is a column after the first ``keep`` that no row fills."""
    if not rows:
        return []
    used = [i for i in range(len(columns)) if i < keep or any(row[i].strip() for row in rows)]
    return [Table([columns[i] for i in used], [[row[i] for i in used] for row in rows], title)]


def _label(key: str, lang: str, numeric: bool = False) -> Column:
    return Column(t(f"print.plan.{key}", lang), numeric)


def review_notes(workshop: Workshop) -> dict[str, str]:
    """Each action's note at the latest complete plan review that wrote one."""
    notes: dict[str, str] = {}
    for review in complete_reviews(workshop, "plan"):
        notes.update((e.action, e.note) for e in review.actions if e.note)
    return notes


def _actions(actions: list[Action], lang: str, title: str = "", notes: dict[str, str] | None = None) -> list[Block]:
    notes = notes or {}
    rows = [
        [a.text, a.owner, format_date(a.due, lang),
         t(f"render.action_status.{a.status.value}", lang) if a.status != ActionStatus.NOT_STARTED else "",
         notes.get(a.id) or a.note, a.carried_from]
        for a in actions
    ]
    columns = [_label(k, lang) for k in ("action", "owner", "due", "status", "note", "carried_from")]
    return _table(columns, rows, keep=3, title=title)


def _indicator(workshop: Workshop, ref: str) -> Indicator | None:
    return next((i for i in workshop.wellbeing.indicators if i.id == ref), None)


def measured_by(workshop: Workshop, indicator: Indicator, lang: str) -> str:
    """The indicator's name with its value at planning and, once reviewed, its latest reading."""
    from dialogi.followup.series import REVIEW, points_of

    readings = [p for p in points_of(workshop, indicator) if p.kind == REVIEW]
    now = with_unit(indicator.value, indicator.unit, lang)
    if readings:
        reading = with_unit(readings[-1].value, indicator.unit, lang)
        date = format_date(readings[-1].date, lang)
        if now:
            return t("print.plan.indicator_read", lang, name=indicator.name, planned=now, value=reading, date=date)
        return t("print.plan.indicator_read_only", lang, name=indicator.name, value=reading, date=date)
    return t("print.plan.indicator_now", lang, name=indicator.name, value=now) if now else indicator.name


def _goal(workshop: Workshop, goal: Goal, number: int, lang: str, notes: dict[str, str]) -> Section:
    indicator = _indicator(workshop, goal.indicator)
    unit = indicator.unit if indicator else ""
    blocks = _fields((t("print.plan.improvement", lang), goal.improvement))
    blocks += _actions(goal.actions, lang, t("print.plan.actions", lang), notes)
    blocks += _fields(
        (t("print.plan.schedule", lang), goal.schedule),
        (t("print.plan.follow_up", lang), goal.follow_up),
        (t("print.plan.indicator", lang), measured_by(workshop, indicator, lang) if indicator else goal.indicator),
        (t("print.plan.target", lang), with_unit(goal.target_value, unit, lang)),
        (t("print.plan.result", lang), t(f"render.result.{goal.result.value}", lang) if goal.result else ""),
        (t("print.plan.outcome", lang), goal.outcome),
    )
    background = _fields(
        (t("print.plan.benefit_me", lang), goal.benefit_me),
        (t("print.plan.benefit_employer", lang), goal.benefit_employer),
        (t("print.plan.benefit_clients", lang), goal.benefit_clients),
        (t("print.plan.obstacles", lang), goal.obstacles),
        (t("print.plan.resources", lang), goal.resources),
    )
    if background:
        blocks.append(Section(t("print.plan.background", lang), background))
    return Section(t("print.plan.goal", lang, number=number, title=one_line(goal.title)), blocks)


def _indicators(workshop: Workshop, lang: str) -> list[Block]:
    """The figures at planning, then a column for the readings of each complete review."""
    wb = workshop.wellbeing
    reviews = [r for r in complete_reviews(workshop, "plan") if r.indicators]
    rows = []
    for i in wb.indicators:
        readings = [next((r.value for r in review.indicators if r.indicator == i.id), None) for review in reviews]
        rows.append([i.name, format_number(i.value, lang), i.unit, i.period, i.source, format_number(i.previous, lang),
                     format_change(i.value, i.previous, lang, i.unit), format_number(i.target, lang),
                     *(format_number(v, lang) for v in readings)])
    keys = ("indicator", "value", "unit", "period", "source", "previous", "change", "target")
    numeric = {"value", "previous", "change", "target"}
    columns = [_label(k, lang, k in numeric) for k in keys]
    columns += [Column(t("print.plan.reading", lang, date=format_date(r.date, lang)), True) for r in reviews]
    blocks = _table(columns, rows, keep=2)
    if wb.interpretation.strip():
        blocks.append(Section(t("print.plan.interpretation", lang), [Paragraph(wb.interpretation)]))
    observations = [o.text for o in wb.observations if o.active]
    if observations:
        blocks.append(Section(t("print.plan.observations", lang), [Bullets(observations)]))
    return [Section(t("print.plan.indicators", lang), blocks)] if blocks else []


def _reviews(workshop: Workshop, lang: str) -> list[Block]:
    """The complete reviews of the plan: when, and what the group noted."""
    reviews = complete_reviews(workshop, "plan")
    pairs = [(format_date(r.date, lang), r.note or "—") for r in reviews]
    return [Section(t("print.plan.reviews", lang), [Fields(pairs)])] if pairs else []


def plan_document(workshop: Workshop) -> Document:
    """The plan, in the workshop's language."""
    lang = workshop.language
    wb = workshop.wellbeing
    blocks: list[Block] = _fields(
        (t("print.plan.team", lang), one_line(workshop.team)),
        (t("print.plan.workshop", lang), one_line(workshop.title)),
        (t("print.plan.date", lang), format_date(workshop.date, lang)),
        (t("print.plan.facilitator", lang), one_line(workshop.facilitator)),
        (t("print.plan.target_date", lang), format_date(wb.target_date, lang)),
        (t("print.plan.follow_up_date", lang), format_date(wb.follow_up_date, lang)),
    )
    notes = review_notes(workshop)
    blocks += [_goal(workshop, goal, n, lang, notes) for n, goal in enumerate(wb.goals, 1)]
    blocks += _indicators(workshop, lang)
    carried = _actions(wb.carried_over, lang, notes=notes)
    if carried:
        blocks.append(Section(t("print.plan.carried_over", lang), carried))
    blocks += _reviews(workshop, lang)
    return scrub(Document(t("print.plan.heading", lang), blocks))


def footer(workshop: Workshop) -> str:
    """The closing line of the printed page: when the plan is followed up."""
    date = workshop.wellbeing.follow_up_date
    return t("print.plan.follow_up_line", workshop.language, date=format_date(date, workshop.language)) if date else ""


def page_title(workshop: Workshop) -> str:
    name = one_line(workshop.team) or one_line(workshop.title)
    return t("print.plan.page_title", workshop.language, name=name)


def plan_markdown(workshop: Workshop) -> str:
    return document_markdown(plan_document(workshop))


def plan_text(workshop: Workshop) -> str:
    return document_text(plan_document(workshop))
