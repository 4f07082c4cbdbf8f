from pathlib import Path
from typing import Optional

import typer


def run_command(
    file: Path = typer.Argument(..., help="The workshop file."),
    answers: Optional[Path] = typer.Option(None, "--answers", help="Take the answers from a TOML file (rehearsals, demos)."),
) -> None:
    """Run the workshop: its agenda, method by method; continues where it stopped."""
    from dialogi.engine.session import run_file

    run_file(file, answers)
