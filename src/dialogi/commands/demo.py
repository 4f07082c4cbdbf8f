from pathlib import Path

import typer


def demo_command(
    folder: Path = typer.Option(Path("dialogi-demo"), "--dir", help="Folder for the sample workshops."),
) -> None:
    """Write complete sample workshops (Finnish and English) without asking anything, and show them."""
    from rich.console import Console

    from dialogi.i18n import t
    from dialogi.record.store import load
    from dialogi.render.listing import workshop_table
    from dialogi.render.terminal import show
    from dialogi.samples import write_samples

    paths = write_samples(folder)
    console = Console()
    show(load(paths[0]), console)
    workshop_table(folder)
    for path in paths:
        console.print(t("cli.demo.written", file=str(path)))
    console.print(t("cli.demo.folder", folder=str(folder)))
