from pathlib import Path

import typer


def show_command(file: Path = typer.Argument(..., help="The workshop file.")) -> None:
    """Show the whole workshop record in the terminal."""
    from rich.console import Console

    from dialogi.record.store import load
    from dialogi.render.terminal import show

    show(load(file), Console())
