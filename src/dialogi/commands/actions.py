from pathlib import Path
from typing import Optional

import typer


def actions_command(
    folder: Path = typer.Argument(Path("workshops")),
    owner: str = typer.Option("", "--owner"),
    status: Optional[list[str]] = typer.Option(None, "--status", metavar="<status>"),
    due_before: Optional[str] = typer.Option(None, "--due-before"),
    overdue: bool = typer.Option(False, "--overdue"),
    output_format: str = typer.Option("table", "--format"),
) -> None:
    """List the open actions of all workshops in a folder: owner, due date, workshop and goal."""
    import datetime as dt
    import sys

    from dialogi.action_list import Filters, list_actions, parse_format, parse_statuses, to_csv, to_json
    from dialogi.dates import parse_date
    from dialogi.i18n import t, ui_language
    from dialogi.render.text import clean

    fmt = parse_format(output_format)
    filters = Filters(
        owner=owner.strip(),
        statuses=parse_statuses(status or []),
        due_before=parse_date(due_before) if due_before else None,
        overdue_only=overdue,
    )
    listing = list_actions(folder, filters, dt.date.today())
    for entry in listing.unreadable:
        print(clean(t("actions.unreadable", file=entry.path.name, reason=entry.problem)), file=sys.stderr)
    if fmt == "csv":
        sys.stdout.write(to_csv(listing.rows))
    elif fmt == "json":
        print(to_json(listing.rows))
    else:
        from dialogi.render.action_table import print_actions

        print_actions(listing, filters, folder, ui_language())
