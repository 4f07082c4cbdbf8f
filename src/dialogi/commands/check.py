from pathlib import Path
from typing import List

import typer


def check_command(files: List[Path] = typer.Argument(...)) -> None:
    """Validate workshop files; exit 0 only if every one is valid."""
    import sys

    from dialogi.errors import DialogiError, ExitCode
    from dialogi.i18n import t
    from dialogi.record.store import load

    worst = 0
    for file in files:
        try:
            load(file)
            typer.echo(t("cli.check.ok", file=str(file)))
        except DialogiError as error:
            print(error.message(), file=sys.stderr)
            for line in error.details:
                print(f"  • {line}", file=sys.stderr)
            worst = max(worst, int(error.code))
    if worst:
        raise typer.Exit(worst if len(files) == 1 else ExitCode.INVALID_FILE)
