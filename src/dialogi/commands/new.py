from pathlib import Path
from typing import Optional

import typer


def new_command(
    title: Optional[str] = typer.Option(None, "--title", "-t"),
    date: Optional[str] = typer.Option(None, "--date"),
    team: str = typer.Option("", "--team"),
    facilitator: str = typer.Option("", "--facilitator"),
    language: Optional[str] = typer.Option(None, "--language"),
    participants: int = typer.Option(0, "--participants", "-p", min=0),
    names: str = typer.Option("", "--names"),
    template: Optional[str] = typer.Option(None, "--template"),
    methods: str = typer.Option("", "--methods"),
    folder: Path = typer.Option(Path("workshops"), "--dir"),
    answers: Optional[Path] = typer.Option(None, "--answers"),
    from_file: Optional[Path] = typer.Option(None, "--from"),
    run: Optional[bool] = typer.Option(None, "--run/--no-run"),
) -> None:
    """Create a workshop file, asking for its details (or taking them all from options)."""
    from dialogi.dates import parse_date
    from dialogi.errors import Interrupted, UsageError
    from dialogi.i18n import LANGUAGES, t, ui_language
    from dialogi.new_workshop import Metadata, ask_metadata, build, check_template, create, fill_from_last, parse_methods, split_names
    from dialogi.system.shell import quote

    if language is not None and language not in LANGUAGES:
        raise UsageError("errors.bad_language", value=language)
    check_template(template or "dialogue")
    last = None
    if from_file is not None:
        from dialogi.record.store import load

        last = load(from_file)  # a broken file is reported before any question
    asker = None
    if title is None:
        from dialogi.prompts import ScriptedAsker, TerminalAsker, require_terminal

        if answers is None:
            require_terminal()
        asker = ScriptedAsker.from_file(answers) if answers else TerminalAsker()
    if last is not None:
        from dialogi.carry_over import offer_review

        try:
            last = offer_review(last, from_file, asker, typer.echo)
        except KeyboardInterrupt:
            raise Interrupted("cli.new.cancelled") from None
    meta = Metadata(
        title=title or "",
        team=team,
        facilitator=facilitator,
        language=language or (last.language if last else ui_language()),
        participant_count=participants,
        participants=split_names(names),
        template=template or "dialogue",
        methods=parse_methods(methods),
    )
    if date:
        meta.date = parse_date(date)
    if last is not None:
        fill_from_last(meta, last, template_given=template is not None)
    if title is not None:
        if not title.strip():
            raise UsageError("errors.empty_title")
    else:
        assert asker is not None
        try:
            meta = ask_metadata(asker, meta, last.title if last else "")
        except KeyboardInterrupt:
            raise Interrupted("cli.new.cancelled") from None
    workshop = build(meta)
    if last is not None:
        from dialogi.carry_over import carried_message, carry_over

        carried = carry_over(last, from_file, workshop)
        message = carried_message(workshop, carried, from_file)
        workshop = carried
    path = create(folder, workshop)
    typer.echo(t("cli.new.created", file=str(path)))
    if last is not None:
        typer.echo(message)
    if run is None and asker is not None:
        try:
            run = asker.confirm("new.run", t("cli.new.ask_run"), answers is None)
        except KeyboardInterrupt:
            raise Interrupted("cli.new.next", file=quote(str(path))) from None
    if run:
        from dialogi.engine.session import run_file

        run_file(path, answers)
    else:
        typer.echo(t("cli.new.next", file=quote(str(path))))  # a command to type: quoted for the shell
