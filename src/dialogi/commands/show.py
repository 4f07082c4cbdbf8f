from pathlib import Path

import typer


def show_command(file: Path = typer.Argument(...)) -> None:
    """Show the whole workshop record in the terminal, with each indicator's trend over the years."""
    from rich.console import Console

    from dialogi.followup.series import series
    from dialogi.record.store import load
    from dialogi.render.terminal import show

    workshop = load(file)
    show(workshop, Console(), trends=series(file, workshop))
