from pathlib import Path
from typing import Optional

import typer


def review_command(
    file: Path = typer.Argument(...),
    what: Optional[str] = typer.Option(None, "--what"),
    date: Optional[str] = typer.Option(None, "--date"),
    answers: Optional[Path] = typer.Option(None, "--answers"),
) -> None:
    """Follow up: review the agreed rules or the wellbeing plan; continues an unfinished review."""
    from dialogi.dates import parse_date
    from dialogi.followup.runner import review_file

    review_file(file, answers, date=parse_date(date) if date else None, what=what)
