from pathlib import Path
from typing import Optional

import typer


def run_command(
    file: Path = typer.Argument(...),
    answers: Optional[Path] = typer.Option(None, "--answers"),
) -> None:
    """Run the workshop: its agenda, method by method; continues where it stopped."""
    from dialogi.engine.session import run_file

    run_file(file, answers)
