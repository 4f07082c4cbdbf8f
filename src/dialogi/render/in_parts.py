"""Printing a long table a few hundred lines at a time.

rich's ``console.print`` renders the whole of a table before it writes the first line, and
keeps every piece of it in memory until then: the table of 4,500 open actions of 1,000
workshops took some 45 MB that way (``bench/memory.py``). Rendering itself is a stream, row
after row, so ``print_in_parts`` writes what has been rendered whenever enough lines are ready.
The output is the same as ``console.print(renderable)``.
"""

from __future__ import annotations

from typing import Any

LINES = 200


def print_in_parts(console: Any, renderable: Any, lines: int = LINES) -> None:
    from rich.segment import Segments

    part: list[Any] = []
    ready = 0
    for segment in console.render(renderable, console.options):
        part.append(segment)
        ready += segment.text.count("\n")
        if ready >= lines:
            console.print(Segments(part), end="")
            part, ready = [], 0
    if part:
        console.print(Segments(part), end="")
