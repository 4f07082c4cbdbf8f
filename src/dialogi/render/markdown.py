"""The workshop record as Markdown (CommonMark with GitHub tables) and as JSON.

Every string that reaches the page - the group's words, names, and our own labels - goes
through ``escape_md`` or ``cell``, so a rule like ``<script>`` or ``# heading`` prints as
the text it is. The only markup is the structure written here.
"""

from __future__ import annotations

import html
import re

from dialogi.record.models import Workshop
from dialogi.render.text import (
    Block,
    Bullets,
    Chart,
    Column,
    Document,
    Fields,
    Numbered,
    Paragraph,
    Section,
    Table,
    VoteBlock,
    VoteRow,
    as_label,
    clean,
    layout,
)

# Characters with a meaning anywhere in a line: backslash-escaped. ``<``, ``>`` and ``&``
# become entities instead (a backslash before ``&`` would show the entity's source).
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
# Constructs that only count at the start of a line: headings, quotes (already ``&gt;``),
# list bullets, setext underlines, ordered list markers such as ``1.`` or ``2)``.
_LINE_START = re.compile(r"^([#+\-=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def _escape_line(line: str, start: bool = True) -> str:
    line = line.strip()
    line = html.escape(line, quote=False)
    line = _INLINE.sub(r"\\\1", line)
    if start:
        line = _LINE_START.sub(r"\\\1", line)
        line = _ORDERED.sub(r"\1\\\2", line)
    return line


def _lines(text: str, start: bool = True) -> list[str]:
    """The non-empty lines of ``text``, escaped; ``start=False`` leaves out the escapes that
    only matter at the start of a line (for the first line after a label, or a table cell)."""
    lines = [line for line in clean(text).split("\n") if line.strip()]
    return [_escape_line(line, start or i > 0) for i, line in enumerate(lines)]


def escape_md(text: str, *, indent: str = "", breaks: bool = True, start: bool = True) -> str:
    """``text`` as Markdown that shows exactly that text, for a paragraph, list item or heading.

    Line breaks become hard breaks (a backslash at the end of the line), and the next line
    starts with ``indent`` so it stays inside a list item; empty lines are dropped. With
    ``breaks=False`` the lines are joined with spaces (for headings). ``start=False`` says
    the text does not begin a line (it follows a label), so ``1.`` or ``-`` there stay bare.
    """
    lines = _lines(text, start)
    if not breaks:
        return " ".join(lines)
    return ("\\\n" + indent).join(lines)


def cell(text: str) -> str:
    """``text`` as the content of a table cell: escaped, pipes too, line breaks as ``<br>``.

    A cell holds inline content only, so ``# x`` or ``1. x`` in it need no escaping.
    """
    return "<br>".join(_escape_line(line, start=False) for line in clean(text).split("\n") if line.strip())


# -- the blocks -----------------------------------------------------------------------------


def _heading(level: int, title: str) -> str:
    # a heading's trailing ``#`` would be read as its closing sequence: escape every ``#``
    text = escape_md(title, breaks=False, start=False).replace("#", "\\#")
    return "#" * min(level, 6) + " " + text


def _field(label: str, value: str, indent: str = "") -> str:
    return f"**{escape_md(as_label(label), breaks=False, start=False)}:** " + escape_md(value, indent=indent, start=False)


def _fields(pairs: list[tuple[str, str]]) -> str:
    return "\n".join("- " + _field(label, value, indent="  ") for label, value in pairs)


def _table(columns: list[Column], rows: list[list[str]]) -> str:
    head = "| " + " | ".join(cell(c.header) for c in columns) + " |"
    rule = "| " + " | ".join("---:" if c.numeric else "---" for c in columns) + " |"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def _numbered(block: Numbered) -> str:
    items = []
    for label, entry in zip(block.labels(), block.items):
        marker = "- " if block.bullets else f"{label} "
        pad = " " * len(marker)
        lines = [marker + f"**{escape_md(entry.text, indent=pad)}**"]
        lines += [pad + "- " + _field(label, value, indent=pad + "  ") for label, value in entry.details]
        items.append("\n".join(lines))
    return "\n".join(items)


def _tallies(block: VoteBlock, rows: list[VoteRow]) -> str:
    option, count, chosen = block.columns
    columns = [Column(option), Column(count, True)]
    winners = any(r.winner for r in rows)
    if winners:
        columns.append(Column(chosen))
    return _table(columns, [[r.option, str(r.count), *(["✓" if r.winner else ""] if winners else [])] for r in rows])


def _vote(block: VoteBlock, level: int) -> list[str]:
    parts = [_heading(level, block.title)]
    parts.append(_fields(block.fields))
    if block.rows:
        parts.append(_tallies(block, block.rows))
    if block.runoff_rows:
        parts.append(f"**{escape_md(block.runoff_title, breaks=False, start=False)}**")
        parts.append(_fields(block.runoff_fields))
        parts.append(_tallies(block, block.runoff_rows))
    parts.append(_fields(block.tie))
    return parts


def _blocks(blocks: list[Block], level: int) -> list[str]:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Section):
            parts.append(_heading(level, block.title))
            parts += _blocks(block.blocks, level + 1)
        elif isinstance(block, Paragraph):
            parts.append(escape_md(block.text))
        elif isinstance(block, Fields):
            if block.table:
                parts.append(_table([Column(""), Column("")], [list(p) for p in block.pairs]))
            else:
                parts.append(_fields(block.pairs))
        elif isinstance(block, Bullets):
            parts.append("\n".join("- " + escape_md(item, indent="  ") for item in block.items))
        elif isinstance(block, Numbered):
            parts.append(_numbered(block))
        elif isinstance(block, Chart):
            parts.append(escape_md(block.line()))
        elif isinstance(block, Table):
            if block.title:
                parts.append(f"**{escape_md(block.title, breaks=False, start=False)}**")
            parts.append(_table(block.columns, block.rows))
        elif isinstance(block, VoteBlock):
            parts += _vote(block, level)
    return [p for p in parts if p.strip()]


def document_markdown(doc: Document) -> str:
    """A document tree from ``text.layout`` as Markdown."""
    parts = [_heading(1, doc.title), *_blocks(doc.blocks, 2)]
    return "\n\n".join(parts) + "\n"


def to_markdown(workshop: Workshop) -> str:
    """The complete record as Markdown, in the workshop's own language."""
    return document_markdown(layout(workshop))


def to_json(workshop: Workshop) -> str:
    """The complete record as JSON, with the same keys as the TOML file."""
    return workshop.model_dump_json(by_alias=True, indent=2) + "\n"
