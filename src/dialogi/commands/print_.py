from pathlib import Path
from typing import Optional

import typer


def print_command(
    file: Path = typer.Argument(...),
    what: str = typer.Option("all", "--what", "-w"),
    format: str = typer.Option("html", "--format", "-f"),
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
    pdf: bool = typer.Option(False, "--pdf"),
) -> None:
    """Print the agreed rules as a poster, the wellbeing plan and its follow-up report (HTML, Markdown or text)."""
    from dialogi.errors import UsageError
    from dialogi.i18n import t
    from dialogi.record.store import load, write_text_atomic
    from dialogi.render import printing

    printing.renderer("rules", format)  # an unknown format is reported before anything is read
    if pdf and (format != "html" or str(output) == printing.SCREEN):
        raise UsageError("print.command.pdf_needs_html")
    workshop = load(file)
    documents = printing.choose(workshop, what, file)
    targets = printing.targets(file, documents, format, output)
    for document, target in zip(documents, targets):
        text = printing.renderer(document, format)(workshop, file)
        if target is None:
            typer.echo(text, nl=not text.endswith("\n"))
            continue
        write_text_atomic(target, text)
        typer.echo(t("print.command.written", file=str(target)))
        if pdf:
            from dialogi.render.pdf import html_to_pdf

            html_to_pdf(target, target.with_suffix(".pdf"))
            typer.echo(t("print.command.pdf_written", file=str(target.with_suffix(".pdf"))))
    if format == "html" and not pdf and any(targets):
        from dialogi.system import family

        typer.echo(t("print.command.how_to_print", keys="Cmd+P" if family() == "mac" else "Ctrl+P"))
