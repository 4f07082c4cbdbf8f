"""Comparing the rules of the game: between two workshop files, or between two dates in one;
and, for two files that both have a wellbeing plan, the plans too (``plan_diff``).

Rules are matched by id first; rules left over on both sides are then paired by how alike
their wording is (``difflib``, at least ``SIMILAR``), so a rule carried into a new workshop
under another id still counts as the same rule. Then: rules only in the new set were added,
rules only in the old set were removed (dropped), matched rules whose wording differs were
reworded. For matched rules the latest ratings on each side show how following them changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dialogi.errors import UsageError
from dialogi.followup.history import RuleState, complete_reviews, first_date, rules_on
from dialogi.i18n import plural, t
from dialogi.record.models import Compliance, Workshop

SIMILAR = 0.6
FORMATS = ("terminal", "md")
LEVEL = {Compliance.NOT_FOLLOWED: 0, Compliance.PARTLY: 1, Compliance.FOLLOWED: 2}


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def similarity(a: str, b: str) -> float:
    """How alike two wordings are, from 0 to 1, ignoring case and spacing."""
    return difflib.SequenceMatcher(None, _plain(a), _plain(b)).ratio()


@dataclass
class RulesDiff:
    added: list[RuleState] = field(default_factory=list)
    removed: list[RuleState] = field(default_factory=list)
    reworded: list[tuple[RuleState, RuleState]] = field(default_factory=list)
    unchanged: list[tuple[RuleState, RuleState]] = field(default_factory=list)

    @property
    def matched(self) -> list[tuple[RuleState, RuleState]]:
        return self.reworded + self.unchanged

    @property
    def rated(self) -> list[tuple[RuleState, RuleState]]:
        """Matched rules rated on at least one side: how following them changed."""
        return [(a, b) for a, b in self.matched if a.compliance or b.compliance]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.reworded)


def match(old: list[RuleState], new: list[RuleState]) -> list[tuple[RuleState, RuleState]]:
    """Pairs of the same rule: by id, then the most alike wordings (at least ``SIMILAR``)."""
    new_ids = {r.id: r for r in new}
    pairs = [(r, new_ids[r.id]) for r in old if r.id in new_ids]
    paired_old, paired_new = {a.id for a, _ in pairs}, {b.id for _, b in pairs}
    rest_old = [r for r in old if r.id not in paired_old]
    rest_new = [r for r in new if r.id not in paired_new]
    candidates = sorted(
        ((similarity(a.text, b.text), i, j) for i, a in enumerate(rest_old) for j, b in enumerate(rest_new)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in candidates:
        if score < SIMILAR:
            break
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((rest_old[i], rest_new[j]))
    return pairs


def compare(old: list[RuleState], new: list[RuleState]) -> RulesDiff:
    pairs = match(old, new)
    paired_old = {id(a) for a, _ in pairs}
    paired_new = {id(b) for _, b in pairs}
    order = {id(b): n for n, b in enumerate(new)}
    pairs.sort(key=lambda p: order[id(p[1])])
    result = RulesDiff(
        added=[r for r in new if id(r) not in paired_new],
        removed=[r for r in old if id(r) not in paired_old],
    )
    for a, b in pairs:
        (result.unchanged if _plain(a.text) == _plain(b.text) else result.reworded).append((a, b))
    return result


def trend(before: Compliance | None, after: Compliance | None) -> str:
    """``better``, ``worse``, ``same``, ``first`` (rated only now) or ``none`` (not any more)."""
    if before is None:
        return "first" if after is not None else "none"
    if after is None:
        return "none"
    return "better" if LEVEL[after] > LEVEL[before] else "worse" if LEVEL[after] < LEVEL[before] else "same"


# -- what to compare ------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    label: str
    rules: list[RuleState]


def _latest_review(workshop: Workshop) -> dt.date | None:
    reviews = complete_reviews(workshop, "rules")
    return reviews[-1].date if reviews else None


def file_side(path: Path, workshop: Workshop, lang: str) -> Side:
    """A file's rules now, labelled with the file and the date of its latest review."""
    from dialogi.render.text import format_date

    date = _latest_review(workshop) or workshop.date
    return Side(t("diff.file_label", lang, file=path.name, date=format_date(date, lang)), rules_on(workshop))


def date_side(workshop: Workshop, date: dt.date | None, lang: str) -> Side:
    """A file's rules as they stood on ``date`` (``None``: now)."""
    from dialogi.render.text import format_date

    if date is None:
        latest = _latest_review(workshop)
        label = t("diff.now_reviewed", lang, date=format_date(latest, lang)) if latest else t("diff.now", lang)
        return Side(label, rules_on(workshop))
    return Side(t("diff.date_label", lang, date=format_date(date, lang)), rules_on(workshop, date))


def sides(old: Path, new: Path | None, since: str | None, until: str | None) -> tuple[Side, Side, str, str]:
    """The two sides to compare, the language to say it in, and a title."""
    from dialogi.dates import parse_date
    from dialogi.record.store import load

    first = load(old)
    if new is not None:
        if since or until:
            raise UsageError("diff.dates_with_two_files")
        second = load(new)
        lang = second.language
        return file_side(old, first, lang), file_side(new, second, lang), lang, second.title
    lang = first.language
    start = parse_date(since) if since else first_date(first)
    end = parse_date(until) if until else None
    if end is not None and end < start:
        raise UsageError("diff.from_after_to", since=since or str(start), until=until)
    return date_side(first, start, lang), date_side(first, end, lang), lang, first.title


# -- the result as a document ---------------------------------------------------------------


def _numbered(rule: RuleState) -> str:
    """The rule with the number it has on its side (the same as in ``show`` and on the poster)."""
    return f"{rule.number}. {rule.text}" if rule.number else rule.text


def rule_blocks(result: RulesDiff, before: Side, after: Side, lang: str) -> list:
    """The comparison of the rules as document blocks."""
    from dialogi.render.text import Bullets, Column, Paragraph, Section, Table

    if not before.rules and not after.rules:
        return [Paragraph(t("diff.no_rules", lang))]
    blocks: list = []
    if result.added:
        blocks.append(Section(t("diff.added", lang, count=len(result.added)), [Bullets([_numbered(r) for r in result.added])]))
    if result.removed:
        blocks.append(Section(t("diff.removed", lang, count=len(result.removed)), [Bullets([_numbered(r) for r in result.removed])]))
    if result.reworded:
        rows = [[_numbered(a), _numbered(b)] for a, b in result.reworded]
        table = Table([Column(t("diff.wording_before", lang)), Column(t("diff.wording_after", lang))], rows)
        blocks.append(Section(t("diff.reworded", lang, count=len(result.reworded)), [table]))
    if not result.changed:
        blocks.append(Paragraph(t("diff.no_changes", lang)))
    if result.unchanged:
        blocks.append(Paragraph(plural("diff.unchanged", len(result.unchanged), lang)))
    if result.rated:
        def level(c: Compliance | None) -> str:
            return t(f"diff.compliance.{c.value}", lang) if c else "—"

        rows = [[_numbered(b), level(a.compliance), level(b.compliance), t(f"diff.trend.{trend(a.compliance, b.compliance)}", lang)]
                for a, b in result.rated]
        columns = [Column(t(f"diff.{k}", lang)) for k in ("rule", "compliance_before", "compliance_after", "change")]
        blocks.append(Section(t("diff.compliance_heading", lang), [Table(columns, rows)]))
    return blocks


def document(result: RulesDiff, before: Side, after: Side, lang: str, title: str, plan=None):
    """The comparison as a document tree for the terminal and Markdown renderers; with
    ``plan`` (``plan_diff.PlanDiff``), the plans' comparison after the rules'."""
    from dialogi.followup.plan_diff import plan_blocks
    from dialogi.render.text import Document, Fields, Section

    labels = plan.labels if plan is not None else (before.label, after.label)
    blocks: list = [Fields([(t("diff.before", lang), labels[0]), (t("diff.after", lang), labels[1])])]
    if plan is None:
        return Document(t("diff.title", lang, title=title), blocks + rule_blocks(result, before, after, lang))
    if before.rules or after.rules:
        blocks.append(Section(t("diff.rules_heading", lang), rule_blocks(result, before, after, lang)))
    blocks.append(Section(t("diff.plan.heading", lang), plan_blocks(plan, lang)))
    return Document(t("diff.title_years", lang, title=title), blocks)


def compare_files_plans(old: Path, new: Path | None, lang: str):
    """The plans of two files compared, when both have one."""
    if new is None:
        return None
    from dialogi.followup.plan_diff import compare_plans
    from dialogi.followup.runner import has_plan
    from dialogi.record.store import load
    from dialogi.render.text import format_date

    first, second = load(old), load(new)
    if not (has_plan(first) and has_plan(second)):
        return None
    result = compare_plans(first, second)
    result.labels = tuple(t("diff.workshop_label", lang, file=path.name, date=format_date(w.date, lang))
                          for path, w in ((old, first), (new, second)))
    return result


def diff_files(old: Path, new: Path | None = None, since: str | None = None, until: str | None = None,
               format: str = "terminal", console=None) -> RulesDiff:
    """``dialogi diff``: compare, then show the result in the terminal or as Markdown."""
    if format not in FORMATS:
        raise UsageError("errors.bad_format", value=format, choices=", ".join(FORMATS))
    before, after, lang, title = sides(old, new, since, until)
    result = compare(before.rules, after.rules)
    doc = document(result, before, after, lang, title, compare_files_plans(old, new, lang))
    if format == "md":
        from dialogi.render.markdown import document_markdown

        sys.stdout.write(document_markdown(doc))
    else:
        from rich.console import Console

        from dialogi.render.terminal import document_renderable

        (console or Console()).print(document_renderable(doc))
    return result
