from pathlib import Path
from typing import Optional

import typer


def review_command(
    file: Path = typer.Argument(..., help="The workshop file."),
    what: Optional[str] = typer.Option(None, "--what", help="rules or plan (asked when the workshop has both)."),
    date: Optional[str] = typer.Option(None, "--date", help="The review date, e.g. 2027-03-01 or 1.3.2027 (default: today)."),
    answers: Optional[Path] = typer.Option(None, "--answers", help="Take the answers from a TOML file (rehearsals, demos)."),
) -> None:
    """Follow up: review the agreed rules or the wellbeing plan; continues an unfinished review."""
    from dialogi.dates import parse_date
    from dialogi.followup.runner import review_file

    review_file(file, answers, date=parse_date(date) if date else None, what=what)
