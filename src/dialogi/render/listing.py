"""``dialogi list``: past workshops as one table, unreadable files with their reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dialogi.i18n import t

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
    rules: int
    goals: int
    next_review: dt.date | None

    @classmethod
    def of(cls, w: "Workshop") -> "Listed":
        return cls(w.date, w.title, w.team, w.language, w.methods_done(), len(w.active_rules()), len(w.wellbeing.goals), w.next_review())


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
    table = Table(title=t("cli.list.title", folder=str(folder)), title_justify="left")
    for column in ("date", "title_column", "team", "language", "done", "rules", "goals", "review", "file"):
        table.add_column(t(f"cli.list.{column}"), overflow="fold")
    for entry in entries:
        w = entry.workshop
        if w is None:
            table.add_row("—", Text(t("cli.list.unreadable"), style="bold red"), safe(entry.problem), "", "", "", "", "", safe(entry.path.name))
            continue
        done = ", ".join(t(f"cli.method_short.{m.value}") for m in w.methods_done) or "—"
        review = w.next_review
        table.add_row(
            format_date(w.date, w.language),
            safe(w.title),
            safe(w.team),
            w.language,
            done,
            str(w.rules),
            str(w.goals),
            format_date(review, w.language) if review else "—",
            safe(entry.path.name),
        )
    print_in_parts(console, table)
