from pathlib import Path

import typer


def demo_command(
    folder: Path = typer.Option(Path("dialogi-demo"), "--dir"),
) -> None:
    """Write complete sample workshops (Finnish and English, and a team's second year with its follow-up report) without asking anything, and show them."""
    from rich.console import Console

    from dialogi.followup.series import series
    from dialogi.i18n import t
    from dialogi.record.store import load, write_text_atomic
    from dialogi.render.listing import workshop_table
    from dialogi.render.printing import file_name, renderer
    from dialogi.render.terminal import document_renderable, safe, show
    from dialogi.render.text import Document, trends_section
    from dialogi.samples import second_year, write_samples

    paths = write_samples(folder)
    console = Console()
    show(load(paths[0]), console)
    workshop_table(folder)
    for path in paths:
        console.print(t("cli.demo.written", file=str(path)))
    later = second_year(paths)
    if later is not None:
        workshop = load(later)
        console.print(safe(t("cli.demo.second_year", file=later.name)))
        console.print(document_renderable(Document(workshop.title, trends_section(series(later, workshop), workshop.language))))
        report = later.with_name(file_name(later, "review", "html"))
        write_text_atomic(report, renderer("review", "html")(workshop, later))
        console.print(safe(t("cli.demo.report", file=str(report), workshop=str(later))))
    console.print(t("cli.demo.folder", folder=str(folder)))
