"""What ``dialogi print`` prints, in which format, and where it goes.

Two documents: the rules poster (``rules``) and the wellbeing plan (``plan``), each as HTML
(for the printer), Markdown or plain text. By default they are written next to the workshop
file as ``NAME.rules.html`` and ``NAME.plan.html``; ``--output`` names a file, a folder, or
``-`` for the screen.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from dialogi.errors import Exists, NotFound, UsageError
from dialogi.record.models import Workshop

DOCUMENTS = ("rules", "plan")
WHATS = ("all", *DOCUMENTS)
FORMATS = ("html", "md", "txt")
SCREEN = "-"


def available(workshop: Workshop) -> list[str]:
    """The documents the workshop has something for: agreed rules in force, a plan."""
    from dialogi.render.plan import has_plan

    found = []
    if workshop.active_rules():
        found.append("rules")
    if has_plan(workshop):
        found.append("plan")
    return found


def choose(workshop: Workshop, what: str, file: Path) -> list[str]:
    """The documents to print for ``--what``; a clear error when there is nothing for it."""
    if what not in WHATS:
        raise UsageError("print.command.bad_what", value=what, choices=", ".join(WHATS))
    found = available(workshop)
    if what == "all":
        if not found:
            raise NotFound("print.command.nothing", file=str(file))
        return found
    if what not in found:
        missing = {"rules": "print.command.no_rules", "plan": "print.command.no_plan"}[what]
        raise NotFound(missing, file=str(file))
    return [what]


def renderer(document: str, fmt: str) -> Callable[[Workshop], str]:
    if fmt not in FORMATS:
        raise UsageError("print.command.bad_format", value=fmt, choices=", ".join(FORMATS))
    from dialogi.render import html, plan, poster

    return {
        ("rules", "html"): html.poster_html,
        ("rules", "md"): poster.poster_markdown,
        ("rules", "txt"): poster.poster_text,
        ("plan", "html"): html.plan_html,
        ("plan", "md"): plan.plan_markdown,
        ("plan", "txt"): plan.plan_text,
    }[(document, fmt)]


def file_name(workshop_file: Path, document: str, fmt: str) -> str:
    """``2026-11-23-kotihoito.toml`` -> ``2026-11-23-kotihoito.rules.html``."""
    return f"{workshop_file.stem}.{document}.{fmt}"


def targets(workshop_file: Path, documents: list[str], fmt: str, output: Path | None) -> list[Path | None]:
    """Where each document goes: a path, or None for the screen."""
    if output is None:
        return [workshop_file.with_name(file_name(workshop_file, d, fmt)) for d in documents]
    if str(output) == SCREEN:
        if fmt == "html" and len(documents) > 1:
            raise UsageError("print.command.html_to_screen")
        return [None] * len(documents)
    if output.is_dir() or str(output).endswith((os.sep, "/")):
        if not output.is_dir():
            raise NotFound("print.command.missing_folder", folder=str(output))
        return [output / file_name(workshop_file, d, fmt) for d in documents]
    if len(documents) > 1:
        raise UsageError("print.command.several_to_one")
    if not output.parent.is_dir():
        raise NotFound("print.command.missing_folder", folder=str(output.parent))
    if output.exists() and output.resolve() == workshop_file.resolve():
        raise Exists("print.command.would_replace_workshop", file=str(output))
    return [output]
