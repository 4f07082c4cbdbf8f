"""Plain text for printing and pasting: user text made safe, and a document tree as text.

``printable`` is what every print renderer (HTML, Markdown, text) does to a string first:
``text.clean`` (no escape sequences or control characters) and, on top, no bidirectional
embedding, override or isolate controls, so a stray U+202E cannot turn the rest of a line
(or of a page) around. The marks LRM, RLM and ALM stay: mixed Finnish and Arabic text needs them.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import fields, is_dataclass, replace
from typing import Any

from dialogi.render.text import Bullets, Chart, Document, Fields, Numbered, Paragraph, Section, Table, as_label, clean

WIDTH = 78
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """User text for a printed page: cleaned, bidi overrides removed, lines stripped."""
    lines = _BIDI_CONTROLS.sub("", clean(text)).split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())


def scrub(doc: Document) -> Document:
    """The same document with ``printable`` applied to every string in it (titles, labels,
    values, cells), so that every renderer of it prints the same safe text."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return printable(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, tuple):
            return tuple(walk(v) for v in value)
        if is_dataclass(value):
            return replace(value, **{f.name: walk(getattr(value, f.name)) for f in fields(value)})
        return value

    return walk(doc)


def one_line(text: object) -> str:
    return " ".join(printable(text).split())


def wrap(text: object, first: str = "", rest: str | None = None, width: int = WIDTH) -> list[str]:
    """``text`` wrapped to ``width``: the first line after ``first``, the others after ``rest``.

    Each line of the text starts a new line; a word longer than a line is broken.
    """
    rest = " " * len(first) if rest is None else rest
    out: list[str] = []
    for i, line in enumerate(printable(text).split("\n")):
        out += textwrap.wrap(line, width=width, initial_indent=first if i == 0 else rest,
                             subsequent_indent=rest, break_on_hyphens=False) or [(first if i == 0 else rest).rstrip()]
    return out


def heading(title: str, level: int) -> list[str]:
    """Level 1: capitals underlined with ``=``; level 2: ``-``; deeper: the text alone."""
    text = one_line(title)
    if level <= 1:
        text = text.upper()
    underline = {1: "=", 2: "-"}.get(level, "")
    lines = wrap(text)
    if underline:
        lines.append(underline * min(WIDTH, max(len(line) for line in lines)))
    return lines


def field_lines(label: str, value: str, indent: str = "") -> list[str]:
    return wrap(value, first=f"{indent}{one_line(as_label(label))}: ", rest=indent + "  ")


def _table(block: Table, indent: str) -> list[str]:
    """A table as records: the first cell as a bullet, the other filled cells as fields under it.
    (Columns of free text do not line up in 78 characters; records always read.)"""
    lines: list[str] = []
    if block.title:
        lines += wrap(block.title, first=indent)
    for row in block.rows:
        lines += wrap(row[0], first=indent + "- ")
        for column, value in zip(block.columns[1:], row[1:]):
            if printable(value):
                lines += field_lines(column.header, value, indent + "  ")
    return lines


def _block(block: object, level: int) -> list[str]:
    if isinstance(block, Section):
        lines = heading(block.title, level)
        for inner in block.blocks:
            lines += [""] + _block(inner, level + 1)
        return lines
    if isinstance(block, Paragraph):
        return wrap(block.text)
    if isinstance(block, Fields):
        return [line for label, value in block.pairs for line in field_lines(label, value)]
    if isinstance(block, Bullets):
        return [line for item in block.items for line in wrap(item, first="- ")]
    if isinstance(block, Numbered):
        lines: list[str] = []
        for label, entry in zip(block.labels(), block.items):
            marker = f"{label:>3} "
            lines += wrap(entry.text, first=marker)
            for label, value in entry.details:
                lines += field_lines(label, value, " " * len(marker))
        return lines
    if isinstance(block, Table):
        return _table(block, "")
    if isinstance(block, Chart):
        return wrap(block.line())
    raise TypeError(f"no plain-text form for {type(block).__name__}")


def document_text(doc: Document) -> str:
    """A document tree from the print layouts as plain text, 78 columns wide."""
    lines = heading(doc.title, 1)
    for block in doc.blocks:
        lines += [""] + _block(block, 2)
    return "\n".join(lines).rstrip() + "\n"
