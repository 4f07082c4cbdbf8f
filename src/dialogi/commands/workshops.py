from pathlib import Path

import typer


def list_command(
    folder: Path = typer.Argument(Path("workshops")),
) -> None:
    """List past workshops, newest first, with what each achieved."""
    from dialogi.render.listing import workshop_table

    workshop_table(folder)
