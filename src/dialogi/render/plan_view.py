"""The wellbeing plan on screen while the workshop is under way: the figures table with the
change from the previous value, and "the plan so far" (the written plan of ``render.plan``
drawn with rich, with a note on what is still to come)."""

from __future__ import annotations

from typing import Any

from dialogi.i18n import t
from dialogi.record.models import Indicator, IndicatorKind, Workshop
from dialogi.render.text import Column, Paragraph, Table, format_change, format_number, with_unit


def indicator_tables(indicators: list[Indicator], lang: str) -> list[Table]:
    """The figures on operations, then those on impact: the value with its unit, the previous
    value, the change, period and source (and the target, once one is set). The numbers are
    the indicators' places in the record, as the menus show them."""
    tables = []
    for kind in IndicatorKind:
        rows = [
            [str(n), i.name, with_unit(i.value, i.unit, lang), format_number(i.previous, lang),
             format_change(i.value, i.previous, lang, i.unit), i.period, i.source, format_number(i.target, lang)]
            for n, i in enumerate(indicators, 1)
            if i.kind == kind
        ]
        if not rows:
            continue
        keys = ("indicator", "value", "previous", "change", "period", "source", "target")
        columns = [Column("#")] + [Column(t(f"render.wellbeing.{k}", lang), k in ("value", "previous", "change", "target")) for k in keys]
        if not any(row[-1] for row in rows):  # no targets yet: leave the column out
            columns, rows = columns[:-1], [row[:-1] for row in rows]
        tables.append(Table(columns, rows, t(f"wellbeing_ui.figures_{kind.value}", lang)))
    return tables


def indicators_renderable(w: Workshop) -> Any:
    """The indicators tables (rich), or a line saying there are none yet."""
    from rich.console import Group

    from dialogi.render.terminal import block_renderable, safe

    lang = w.language
    if not w.wellbeing.indicators:
        return safe(t("wellbeing_ui.no_indicators", lang), "italic")
    return Group(*(block_renderable(table) for table in indicator_tables(w.wellbeing.indicators, lang)))


def plan_so_far(w: Workshop) -> Any:
    """The written plan as it stands (rich); until the goals are chosen, it says so."""
    from dialogi.render.plan import plan_document
    from dialogi.render.terminal import document_renderable

    doc = plan_document(w)
    if not w.wellbeing.goals:
        doc.blocks.insert(0, Paragraph(t("wellbeing_ui.no_goals_yet", w.language)))
    return document_renderable(doc)
