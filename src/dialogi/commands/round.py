"""``dialogi round``: a speaking round on its own, outside a guided session."""

from pathlib import Path
import typer


def round_command(
    names: list[str] | None = typer.Argument(None, metavar="NAMES", show_default=False),
    count: int | None = typer.Option(None, "--count", "-n", show_default=False),
    minutes: float = typer.Option(2.0, "--minutes", "-m"),
    shuffle: bool = typer.Option(False, "--shuffle"),
    from_file: Path | None = typer.Option(None, "--from", show_default=False),
) -> None:
    """Run a speaking round: everyone in turn, equal time each, with a visible countdown.

    Keys: Enter/n next speaker, p pass, space pause, + add 30 s, q end.
    """
    import math
    import sys

    from dialogi.errors import ExitCode, NoTerminal, UsageError
    from dialogi.speaking_round import render_summary, run_round, speakers_from

    if not math.isfinite(minutes) or minutes <= 0:
        raise UsageError("round.bad_minutes", minutes=f"{minutes:g}")
    if from_file is not None:
        if names or count is not None:
            raise UsageError("round.too_many_sources")
        from dialogi.record.store import load

        workshop = load(from_file)
        if workshop.participants:
            speakers = speakers_from(workshop.participants, None, shuffle)
        elif workshop.participant_count:
            speakers = speakers_from(None, workshop.participant_count, shuffle)
        else:
            raise UsageError("round.no_participants", file=str(from_file))
    else:
        speakers = speakers_from(names, count, shuffle)

    if not sys.stdin.isatty():
        raise NoTerminal("round.no_terminal")

    from prompt_toolkit.output import create_output

    # The round draws on the terminal even when stdout goes to a file; the summary goes to stdout.
    summary = run_round(speakers, minutes * 60, output=create_output(always_prefer_tty=True))
    render_summary(summary)
    if summary.interrupted:
        raise typer.Exit(int(ExitCode.INTERRUPTED))
