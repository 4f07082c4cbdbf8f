"""The workshop record in the terminal, with rich panels and tables.

Every string goes to rich as a ``Text`` made by ``safe``: rich never parses the group's
words (or our labels) as markup, and no escape sequence in a record reaches the terminal.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from dialogi.i18n import t
from dialogi.record.models import Vote, Workshop
from dialogi.render.text import (
    Block,
    Bullets,
    Chart,
    Document,
    Fields,
    Numbered,
    Paragraph,
    Section,
    Table,
    VoteBlock,
    VoteRow,
    clean,
    layout,
    quoted_options,
    vote_rows,
)

BAR = "█"


def safe(text: Any, style: str = "") -> Text:
    """User text as a rich ``Text``: never read as markup, control characters removed."""
    return Text(clean(text), style=style)


def _one_line(text: str, style: str = "") -> Text:
    return safe(" ".join(clean(text).split()), style)


# -- the bar chart --------------------------------------------------------------------------


def _bars(rows: list[VoteRow], width: int) -> RenderableType:
    top = max((r.count for r in rows), default=0)
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(overflow="fold", max_width=40)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    for row in rows:
        length = round(row.count / top * width) if top else 0
        if row.count and not length:
            length = 1  # a vote that counts is never invisible
        style = "bold" if row.winner else ""
        grid.add_row(
            safe(row.option, style),
            Text(BAR * length, style="green" if row.winner else "cyan"),
            Text(str(row.count), style=style),
            Text("✓", style="bold green") if row.winner else Text(""),
        )
    return grid


def bar_chart(vote: Vote, lang: str, width: int = 30) -> RenderableType:
    """The vote's tallies as horizontal bars, the longest ``width`` blocks; winners ticked.

    Options come in ranking order (fist to five: from 5 fingers down to 0). A fist-to-five
    result and an open or settled tie are noted under the bars.
    """
    parts: list[RenderableType] = [_bars(vote_rows(vote, lang), width)]
    if vote.accepted is not None:
        result = t("render.votes." + ("accepted" if vote.accepted else "rejected"), lang)
        parts.append(Text(f"{t('render.votes.result', lang)}: {result}", style="bold"))
    if vote.tie is not None:
        parts.append(safe(t("render.votes.tie_note", lang, options=quoted_options(vote, vote.tie.options, lang)), "bold yellow"))
        if vote.tie.chosen:
            parts.append(safe(t("render.votes.tie_settled", lang, options=quoted_options(vote, vote.tie.chosen, lang))))
    return Group(*parts)


# -- the blocks -----------------------------------------------------------------------------


def _fields(pairs: list[tuple[str, str]]) -> RenderableType:
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold", max_width=36, overflow="fold")
    grid.add_column(overflow="fold")
    for label, value in pairs:
        grid.add_row(safe(label), safe(value))
    return grid


class _FitTable:
    """A table where it fits; where even its narrowest layout would break words, one card
    per row instead (the first cell as its heading, then the other cells by column)."""

    def __init__(self, block: Table):
        self.block = block

    def _table(self) -> RichTable:
        block = self.block
        title = _one_line(block.title, "bold") if block.title else None
        table = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False,
                          title=title, title_justify="left", collapse_padding=True)
        for column in block.columns:
            table.add_column(safe(column.header, "bold"), justify="right" if column.numeric else "left",
                             overflow="fold")
        for row in block.rows:
            table.add_row(*(safe(v) for v in row))
        return table

    def _cards(self) -> RenderableType:
        block = self.block
        parts: list[RenderableType] = [_one_line(block.title, "bold")] if block.title else []
        for row in block.rows:
            pairs = [(c.header, v) for c, v in zip(block.columns[1:], row[1:]) if v]
            parts.append(Group(safe(row[0], "bold"), Padding(_fields(pairs), (0, 0, 0, 2))))
        return Group(*parts)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self._table()
        # measured without the width limit: rich clamps a table's measurement to the width
        narrowest = Measurement.get(console, options.update_width(10_000), table).minimum
        if narrowest <= options.max_width:
            yield table
        else:
            yield self._cards()


def _table(block: Table) -> RenderableType:
    return _FitTable(block)


def _numbered(block: Numbered) -> RenderableType:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(justify="right", style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for index, (label, entry) in enumerate(zip(block.labels(), block.items), 1):
        body: list[RenderableType] = [safe(entry.text, "bold")]
        if entry.details:
            body.append(_fields(entry.details))
        grid.add_row(Text(label), Group(*body))
        if index < len(block.items):
            grid.add_row(Text(""), Text(""))
    return grid


def _vote(block: VoteBlock) -> RenderableType:
    parts: list[RenderableType] = [_one_line(block.title, "bold")]
    if block.fields:
        parts.append(_fields(block.fields))
    if block.rows:
        parts.append(Padding(_bars(block.rows, 30), (1, 0, 0, 0)))
    if block.runoff_rows:
        parts.append(Padding(_one_line(block.runoff_title, "bold"), (1, 0, 0, 0)))
        if block.runoff_fields:
            parts.append(_fields(block.runoff_fields))
        parts.append(Padding(_bars(block.runoff_rows, 30), (1, 0, 0, 0)))
    if block.tie:
        parts.append(Padding(_fields(block.tie), (1, 0, 0, 0)))
    return Group(*parts)


def _blocks(blocks: list[Block], depth: int) -> list[RenderableType]:
    out: list[RenderableType] = []
    for block in blocks:
        if out:
            out.append(Text(""))
        if isinstance(block, Section):
            out.append(_section(block, depth))
        elif isinstance(block, Paragraph):
            out.append(safe(block.text))
        elif isinstance(block, Fields):
            out.append(_fields(block.pairs))
        elif isinstance(block, Bullets):
            out.append(Group(*(Text("• ") + safe(item) for item in block.items)))
        elif isinstance(block, Numbered):
            out.append(_numbered(block))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Chart):
            out.append(safe(block.line()))
        elif isinstance(block, VoteBlock):
            out.append(_vote(block))
    return out


def _section(section: Section, depth: int) -> RenderableType:
    body = Group(*_blocks(section.blocks, depth + 1))
    if section.prominent:
        title = _one_line(section.title, "bold")
        return Panel(body, title=title, title_align="left", box=box.DOUBLE, border_style="bold green",
                     padding=(1, 2))
    if depth == 0:
        return Panel(body, title=_one_line(section.title, "bold"), title_align="left", box=box.ROUNDED,
                     padding=(0, 1))
    style = "bold underline" if depth == 1 else "bold"
    return Group(_one_line(section.title, style), Padding(body, (0, 0, 0, 1 if depth > 1 else 0)))


def document_renderable(doc: Document) -> RenderableType:
    """A document tree from ``text.layout`` as one rich renderable."""
    parts: list[RenderableType] = [
        Panel(_one_line(doc.title, "bold"), box=box.HEAVY, padding=(0, 1)),
    ]
    for block in doc.blocks:
        parts.append(_section(block, 0) if isinstance(block, Section) else Padding(_blocks([block], 0)[0], (0, 1)))
    return Group(*parts)


def block_renderable(block: Block) -> RenderableType:
    """One block of a layout on its own (a table shown during a review, say)."""
    return _blocks([block], 1)[0]


def renderable(workshop: Workshop, trends: list | None = None) -> RenderableType:
    """The whole record as one rich renderable (for paging or printing)."""
    return document_renderable(layout(workshop, trends))


def show(workshop: Workshop, console: Console, trends: list | None = None) -> None:
    """Print the whole record: metadata, agenda, each method with content, the reviews; with
    ``trends`` (``followup.series``), each indicator's trend over the years."""
    console.print(renderable(workshop, trends))
