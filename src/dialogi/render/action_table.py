"""``dialogi actions`` in the terminal: one table, overdue rows marked and highlighted.

The marker (⚠) stands in front of an overdue row's due date, so the row stands out without
colour too (NO_COLOR, a printout). All user text goes through ``safe``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dialogi.action_list import ActionRow, Filters, Listing
from dialogi.i18n import t

OVERDUE_STYLE = "bold red"
NARROW = 100  # below this many columns, cards instead of the table
# (key, share of the free width): the texts share it, the short columns keep their header's width
COLUMNS = (("due", None), ("owner", None), ("action", 3), ("status", None), ("goal", 2), ("workshop", 2))


def _cells(row: ActionRow, lang: str) -> list[Any]:
    from rich.text import Text

    from dialogi.render.terminal import safe
    from dialogi.render.text import format_date

    a = row.action
    due = format_date(a.due, lang) or "—"
    if row.overdue:
        due = f"{t('actions.overdue_marker', lang)} {due}"
    goal = row.goal or (t("actions.carried_without_goal", lang, file=a.carried_from) if a.carried_from else "—")
    return [
        Text(due, style="bold" if row.overdue else ""),
        safe(a.owner or "—"),
        safe(a.text),
        Text(t(f"render.action_status.{a.status.value}", lang)),
        safe(goal),
        safe(row.path.name),
    ]


def action_table(listing: Listing, filters: Filters, folder: Path, lang: str) -> Any:
    """The rows as a rich ``Table``; overdue rows in bold red."""
    from rich import box
    from rich.table import Table

    from dialogi.render.terminal import safe

    title = t("actions.title_open" if filters.open_only else "actions.title_all", lang, folder=str(folder))
    table = Table(title=safe(title, "bold"), title_justify="left", box=box.SIMPLE_HEAD, show_lines=True,
                  expand=True, pad_edge=False)
    for key, ratio in COLUMNS:
        header = t(f"actions.{key}", lang)
        table.add_column(header, overflow="fold", ratio=ratio, min_width=len(header) if ratio is None else 10)
    shared: dict[tuple[str, str], Any] = {}  # one Text for each distinct cell: owners, goals, files repeat
    for row in listing.rows:
        cells = [shared.setdefault((cell.plain, str(cell.style)), cell) for cell in _cells(row, lang)]
        table.add_row(*cells, style=OVERDUE_STYLE if row.overdue else None)
    return table


def action_cards(listing: Listing, filters: Filters, folder: Path, lang: str) -> Any:
    """For a narrow terminal: each action as a short block of lines instead of a table row."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from dialogi.render.terminal import safe

    title = t("actions.title_open" if filters.open_only else "actions.title_all", lang, folder=str(folder))
    parts: list[Any] = [safe(title, "bold")]
    for row in listing.rows:
        due, owner, action, status, goal, workshop = _cells(row, lang)
        style = OVERDUE_STYLE if row.overdue else ""
        heading = Text.assemble(due, " · ", owner, " · ", status, style=style)
        details = Group(
            action,
            Text.assemble((t("actions.goal", lang) + ": ", "dim"), goal),
            Text.assemble((t("actions.workshop", lang) + ": ", "dim"), workshop),
        )
        parts += [Text(""), heading, Padding(details, (0, 0, 0, 2), style=style)]
    return Group(*parts, Text(""))


def print_actions(listing: Listing, filters: Filters, folder: Path, lang: str, console: Any = None) -> None:
    from rich.console import Console

    from dialogi.render.terminal import safe

    console = console or Console()
    if listing.rows:
        narrow = console.width < NARROW
        from dialogi.render.in_parts import print_in_parts

        print_in_parts(console, (action_cards if narrow else action_table)(listing, filters, folder, lang))
        overdue = sum(1 for r in listing.rows if r.overdue)
        console.print(safe(t("actions.summary", lang, count=len(listing.rows), overdue=overdue)))
    else:
        console.print(safe(t("actions.none", lang, folder=str(folder))))
    if listing.handed_on:
        console.print(safe(t("actions.handed_on", lang, count=listing.handed_on)))
