"""``dialogi list``: past workshops as one table, unreadable files with their reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dialogi.i18n import t, ui_language

if TYPE_CHECKING:
    from dialogi.record.models import MethodId, Workshop


@dataclass(frozen=True)
class Listed:
    """What a row of the list shows of a workshop; the whole record is not kept."""

    date: dt.date
    title: str
    team: str
    language: str
    methods_done: list["MethodId"]
    methods_total: int
    rules: int
    goals: int
    next_review: dt.date | None

    @classmethod
    def of(cls, w: "Workshop") -> "Listed":
        return cls(
            w.date, w.title, w.team, w.language, w.methods_done(), len(w.agenda),
            len(w.active_rules()), len(w.wellbeing.goals), w.next_review(),
        )


def workshop_table(folder: Path) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from dialogi.record.folder import scan
    from dialogi.render.in_parts import print_in_parts
    from dialogi.render.text import format_date
    from dialogi.render.terminal import safe

    console = Console()
    entries = scan(folder, keep=Listed.of)
    if not entries:
        console.print(Text(t("errors.no_workshops", folder=str(folder))))
        return
    wide = console.width >= 110  # narrow: title, team and file in one cell, methods as a count
    table = Table(title=t("cli.list.title", folder=str(folder)), title_justify="left")
    table.add_column(t("cli.list.date"), no_wrap=True)
    table.add_column(t("cli.list.title_column"), ratio=3, overflow="fold")
    if wide:
        table.add_column(t("cli.list.team"), ratio=2, overflow="fold")
        table.add_column(t("cli.list.language"))
    table.add_column(t("cli.list.done"), ratio=2 if wide else None)
    table.add_column(t("cli.list.rules"), justify="right")
    table.add_column(t("cli.list.goals"), justify="right")
    table.add_column(t("cli.list.review"), no_wrap=True)
    lang = ui_language()  # dates and method names as the headers are, whatever a workshop's language
    for entry in entries:
        w = entry.workshop
        name = safe(entry.path.name, "dim")
        if w is None:
            problem = Text.assemble(name, "\n", (t("cli.list.unreadable"), "bold red"), ": ", safe(entry.problem))
            table.add_row("—", problem, *[""] * (len(table.columns) - 2))
            continue
        review = format_date(w.next_review, lang) if w.next_review else "—"
        if wide:
            done = ", ".join(t(f"cli.method_short.{m.value}", lang) for m in w.methods_done) or "—"
            cells = [Text.assemble(safe(w.title, "bold"), "\n", name), safe(w.team), w.language, done]
        else:
            team = [safe(w.team), "\n"] if w.team else []
            cells = [Text.assemble(safe(w.title, "bold"), "\n", *team, name), f"{len(w.methods_done)}/{w.methods_total}"]
        table.add_row(format_date(w.date, lang), *cells, str(w.rules), str(w.goals), review)
    print_in_parts(console, table)
