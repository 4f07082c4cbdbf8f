from pathlib import Path
from typing import Optional

import typer


def diff_command(
    old: Path = typer.Argument(..., help="A workshop file (the earlier one, when there are two)."),
    new: Optional[Path] = typer.Argument(None, help="A later workshop file to compare with."),
    since: Optional[str] = typer.Option(None, "--from", help="One file: compare the rules as they stood on this date (default: as first agreed)."),
    until: Optional[str] = typer.Option(None, "--to", help="One file: the later date to compare with (default: now)."),
    format: str = typer.Option("terminal", "--format", "-f", help="terminal or md (Markdown)."),
) -> None:
    """Compare the rules: added, dropped, reworded, and how they were followed."""
    from dialogi.followup.diff import diff_files

    diff_files(old, new, since=since, until=until, format=format)
