from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def new_command(
    title: Optional[str] = typer.Option(None, "--title", "-t", help="Title of the workshop. Given: nothing is asked."),
    date: Optional[str] = typer.Option(None, "--date", help="Date: YYYY-MM-DD or D.M.YYYY (default: today)."),
    team: str = typer.Option("", "--team", help="Team or unit."),
    facilitator: str = typer.Option("", "--facilitator", help="Who facilitates."),
    language: Optional[str] = typer.Option(None, "--language", help="Language of the workshop: fi or en (default: the UI language)."),
    participants: int = typer.Option(0, "--participants", "-p", min=0, help="Number of participants."),
    names: str = typer.Option("", "--names", help="Participant names, separated by commas (optional)."),
    template: str = typer.Option("dialogue", "--template", help="Agenda: rules, wellbeing, dialogue or custom."),
    methods: str = typer.Option("", "--methods", help="For --template custom: methods separated by commas."),
    folder: Path = typer.Option(Path("workshops"), "--dir", help="Folder for the workshop file."),
    answers: Optional[Path] = typer.Option(None, "--answers", help="Answer the questions from a TOML file."),
) -> None:
    """Create a workshop file, asking for its details (or taking them all from options)."""
    from dialogi.dates import parse_date
    from dialogi.errors import UsageError
    from dialogi.i18n import LANGUAGES, t, ui_language
    from dialogi.new_workshop import Metadata, ask_metadata, build, check_template, create, parse_methods, split_names

    if language is not None and language not in LANGUAGES:
        raise UsageError("errors.bad_language", value=language)
    check_template(template)
    meta = Metadata(
        title=title or "",
        team=team,
        facilitator=facilitator,
        language=language or ui_language(),
        participant_count=participants,
        participants=split_names(names),
        template=template,
        methods=parse_methods(methods),
    )
    if date:
        meta.date = parse_date(date)
    if title is not None:
        if not title.strip():
            raise UsageError("errors.empty_title")
    else:
        from dialogi.prompts import ScriptedAsker, TerminalAsker, require_terminal

        if answers is None:
            require_terminal()
        asker = ScriptedAsker.from_file(answers) if answers else TerminalAsker()
        try:
            meta = ask_metadata(asker, meta)
        except KeyboardInterrupt:
            raise typer.Abort() from None
    path = create(folder, build(meta))
    typer.echo(t("cli.new.created", file=str(path)))
    typer.echo(t("cli.new.next", file=str(path)))
