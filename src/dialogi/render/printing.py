"""What ``dialogi print`` prints, in which format, and where it goes.

Three documents: the rules poster (``rules``), the wellbeing plan (``plan``) and, once the
plan has been reviewed, the follow-up report (``review``), each as HTML (for the printer),
Markdown or plain text. By default they are written next to the workshop file as
``NAME.rules.html``, ``NAME.plan.html`` and ``NAME.review.html``; ``--output`` names a file, a
folder, or ``-`` for the screen.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from dialogi.errors import Exists, NotFound, UsageError
from dialogi.record.models import Workshop

DOCUMENTS = ("rules", "plan", "review")
WHATS = ("all", *DOCUMENTS)
FORMATS = ("html", "md", "txt")
SCREEN = "-"


def available(workshop: Workshop) -> list[str]:
    """The documents the workshop has something for: agreed rules in force, a plan, a review of it."""
    from dialogi.render.plan import has_plan
    from dialogi.render.review_report import has_review

    found = []
    if workshop.active_rules():
        found.append("rules")
    if has_plan(workshop):
        found.append("plan")
    if has_review(workshop):
        found.append("review")
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
        missing = {"rules": "print.command.no_rules", "plan": "print.command.no_plan", "review": "print.review.nothing"}[what]
        raise NotFound(missing, file=str(file))
    return [what]


def renderer(document: str, fmt: str) -> Callable[[Workshop, Path], str]:
    """The function that draws ``document`` in ``fmt`` from the workshop and its file (the
    follow-up report follows the indicators back through the workshops it continues)."""
    if fmt not in FORMATS:
        raise UsageError("print.command.bad_format", value=fmt, choices=", ".join(FORMATS))
    from dialogi.render import html, plan, poster, review_report

    def alone(draw: Callable[[Workshop], str]) -> Callable[[Workshop, Path], str]:
        return lambda workshop, path: draw(workshop)

    return {
        ("rules", "html"): alone(html.poster_html),
        ("rules", "md"): alone(poster.poster_markdown),
        ("rules", "txt"): alone(poster.poster_text),
        ("plan", "html"): alone(html.plan_html),
        ("plan", "md"): alone(plan.plan_markdown),
        ("plan", "txt"): alone(plan.plan_text),
        ("review", "html"): html.review_html,
        ("review", "md"): review_report.report_markdown,
        ("review", "txt"): review_report.report_text,
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
