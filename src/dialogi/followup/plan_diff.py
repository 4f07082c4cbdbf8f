"""Comparing the wellbeing plans of two years: goals kept, new and dropped; how the indicators
moved; the share of actions done; and the carried-over actions still open after two plans.

Goals are matched by how alike their titles are (as rules are, ``diff.similarity``). An
indicator is matched by id (a carried indicator keeps it) or by name, and compared at its
latest known value on each side: the last review's reading, else the value at planning. An
action is "still open after two plans" when the later plan carries it, it is not done nor
dropped, and it was first planned before the earlier plan was made (``Action.planned_on``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dialogi.followup.diff import SIMILAR, similarity
from dialogi.followup.figures import Direction, direction, improved
from dialogi.followup.series import points_of, target_of
from dialogi.i18n import t
from dialogi.record.models import Action, ActionStatus, Indicator, Workshop

OPEN = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Move:
    """One indicator from the earlier plan to the later one."""

    name: str
    unit: str
    before: float | None
    after: float | None
    target: float | None
    better: Direction | None

    @property
    def improved(self) -> bool | None:
        return improved(self.after, self.before, self.better)


@dataclass
class PlanDiff:
    kept: list[tuple[str, str]] = field(default_factory=list)  # (earlier title, later title)
    new: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    done_before: tuple[int, int] = (0, 0)  # (done, all) actions
    done_after: tuple[int, int] = (0, 0)
    still_open: list[Action] = field(default_factory=list)
    labels: tuple[str, str] = ("", "")  # the two workshops, as the comparison names them


def _latest(workshop: Workshop, indicator: Indicator) -> float | None:
    points = points_of(workshop, indicator)
    return points[-1].value if points else None


def _share_done(workshop: Workshop) -> tuple[int, int]:
    actions = [a for _, a in workshop.all_actions()]
    return sum(a.status == ActionStatus.DONE for a in actions), len(actions)


def compare_plans(old: Workshop, new: Workshop) -> PlanDiff:
    result = PlanDiff(done_before=_share_done(old), done_after=_share_done(new))
    old_titles = [g.title for g in old.wellbeing.goals]
    new_titles = [g.title for g in new.wellbeing.goals]
    pairs = sorted(((similarity(a, b), i, j) for i, a in enumerate(old_titles) for j, b in enumerate(new_titles)),
                   key=lambda c: (-c[0], c[1], c[2]))
    matched: dict[int, int] = {}  # earlier goal -> later goal, the most alike first
    for score, i, j in pairs:
        if score < SIMILAR:
            break
        if i not in matched and j not in matched.values():
            matched[i] = j
    result.kept = [(old_titles[i], new_titles[j]) for i, j in sorted(matched.items(), key=lambda p: p[1])]
    result.new = [title for j, title in enumerate(new_titles) if j not in matched.values()]
    result.dropped = [title for i, title in enumerate(old_titles) if i not in matched]

    from dialogi.indicators_csv import same_name

    for indicator in new.wellbeing.indicators:
        earlier = next((i for i in old.wellbeing.indicators
                        if i.id == indicator.id or same_name(i.name) == same_name(indicator.name)), None)
        if earlier is None:
            continue
        before, after = _latest(old, earlier), _latest(new, indicator)
        goal_value = target_of(new, indicator)
        better = indicator.direction or direction(before, goal_value)
        result.moves.append(Move(indicator.name, indicator.unit, before, after, goal_value, better))

    result.still_open = [
        a for a in new.wellbeing.carried_over
        if a.status in OPEN and a.planned_on is not None and a.planned_on < old.date
    ]
    return result


def plan_blocks(result: PlanDiff, lang: str) -> list:
    """The comparison of the plans as document blocks (``render.text``)."""
    from dialogi.render.text import Bullets, Column, Paragraph, Section, Table, format_change, format_date, format_number

    blocks: list = []
    goals: list = []
    if result.kept:
        rows = [[a, b] for a, b in result.kept]
        goals.append(Table([Column(t("diff.plan.goal_before", lang)), Column(t("diff.plan.goal_after", lang))], rows,
                           t("diff.plan.kept", lang, count=len(result.kept))))
    if result.new:
        goals.append(Section(t("diff.plan.new", lang, count=len(result.new)), [Bullets(result.new)]))
    if result.dropped:
        goals.append(Section(t("diff.plan.dropped", lang, count=len(result.dropped)), [Bullets(result.dropped)]))
    if goals:
        blocks.append(Section(t("diff.plan.goals", lang), goals))
    if result.moves:
        rows = []
        for move in result.moves:
            name = t("render.reviews.indicator_unit", lang, name=move.name, unit=move.unit) if move.unit else move.name
            state = {True: "better", False: "worse", None: "unknown"}[move.improved]
            rows.append([name, format_number(move.before, lang), format_number(move.after, lang),
                         format_change(move.after, move.before, lang, move.unit), format_number(move.target, lang),
                         t(f"diff.plan.moved_{state}", lang) if move.after is not None and move.before is not None else ""])
        keys = ("indicator", "before", "after", "change", "target", "moved")
        columns = [Column(t(f"diff.plan.{k}", lang), k in ("before", "after", "change", "target")) for k in keys]
        blocks.append(Section(t("diff.plan.indicators", lang), [Table(columns, rows)]))
    (done_a, all_a), (done_b, all_b) = result.done_before, result.done_after
    blocks.append(Section(t("diff.plan.actions", lang), [
        Paragraph(t("diff.plan.done_share", lang, done_before=done_a, all_before=all_a, done_after=done_b, all_after=all_b,
                    percent_before=_percent(done_a, all_a, lang), percent_after=_percent(done_b, all_b, lang))),
    ]))
    open_rows = [[a.text, a.owner, format_date(a.planned_on, lang), t(f"render.action_status.{a.status.value}", lang)]
                 for a in result.still_open]
    if open_rows:
        columns = [Column(t(f"diff.plan.{k}", lang)) for k in ("action", "owner", "planned_on", "status")]
        blocks.append(Section(t("diff.plan.still_open", lang, count=len(open_rows)), [Table(columns, open_rows)]))
    return blocks


def _percent(done: int, total: int, lang: str) -> str:
    from dialogi.render.text import format_number

    return format_number(round(done / total * 100), lang) if total else "—"
