from pathlib import Path
from typing import Optional

import typer


def diff_command(
    old: Path = typer.Argument(...),
    new: Optional[Path] = typer.Argument(None),
    since: Optional[str] = typer.Option(None, "--from"),
    until: Optional[str] = typer.Option(None, "--to"),
    format: str = typer.Option("terminal", "--format", "-f"),
) -> None:
    """Compare the rules: added, dropped, reworded, and how they were followed."""
    from dialogi.followup.diff import diff_files

    diff_files(old, new, since=since, until=until, format=format)
