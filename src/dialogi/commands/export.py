from pathlib import Path
from typing import Optional

import typer


def export_command(
    file: Path = typer.Argument(...),
    format: str = typer.Option("md", "--format", "-f"),
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
) -> None:
    """Export the record as Markdown or JSON."""
    from dialogi.errors import UsageError
    from dialogi.record.store import load

    if format not in ("md", "json"):
        raise UsageError("errors.bad_format", value=format, choices="md, json")
    from dialogi.render import markdown

    workshop = load(file)
    text = markdown.to_markdown(workshop) if format == "md" else markdown.to_json(workshop)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from dialogi.record.store import write_text_atomic
    from dialogi.i18n import t

    write_text_atomic(output, text)
    typer.echo(t("cli.export.written", file=str(output)))
