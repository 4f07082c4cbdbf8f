"""The command line: the root typer app, global options and the one error handler.

Only typer is imported here; every command imports what it needs when it runs, so that
``dialogi --help`` starts as fast as a bare typer app. Here and in ``commands/`` annotations
stay real objects (no ``from __future__ import annotations``): typer evaluates string
annotations twice per command at every start, which doubled the cost of building the app.
"""

import os
import sys
from typing import Optional

import typer

from dialogi import __version__
from dialogi.commands import check, demo, export, new, reference, run, show, workshops
from dialogi.commands import round as speaking_round
from dialogi.commands import actions
from dialogi.commands import diff, review
from dialogi.commands import print_
from dialogi.commands import help_texts

app = typer.Typer(
    name="dialogi",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dialogi {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    lang: Optional[str] = typer.Option(None, "--lang"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True),
) -> None:
    from dialogi import i18n

    if lang is not None and lang not in i18n.LANGUAGES:
        from dialogi.errors import UsageError

        raise UsageError("errors.bad_language", value=lang)
    i18n.set_language(i18n.detect_language(lang), i18n.explicitly_chosen(lang))


app.command("new")(new.new_command)
app.command("run")(run.run_command)
app.command("list")(workshops.list_command)
app.command("actions")(actions.actions_command)
app.command("show")(show.show_command)
app.command("check")(check.check_command)
app.command("export")(export.export_command)
app.command("print")(print_.print_command)
app.command("review")(review.review_command)
app.command("diff")(diff.diff_command)
app.command("round")(speaking_round.round_command)
app.command("principles")(reference.principles_command)
app.command("practices")(reference.practices_command)
app.command("demo")(demo.demo_command)


def run_cli(argv: list[str] | None = None) -> int:
    """Run dialogi with ``argv``; return the exit code instead of exiting."""
    from dialogi.errors import DialogiError, ExitCode

    args = sys.argv[1:] if argv is None else list(argv)
    try:
        command = typer.main.get_command(app)
        if help_texts.wanted(args):  # typer draws help pages while parsing: their language first
            help_texts.localize(command, help_texts.language(args))
        result = command(args=args, prog_name="dialogi", standalone_mode=False)
        return result if isinstance(result, int) else ExitCode.OK
    except DialogiError as error:
        report(error)
        return error.code
    except typer.Abort:  # Ctrl-D at a typer prompt
        from dialogi.i18n import t

        print(t("cli.interrupted"), file=sys.stderr)
        return ExitCode.INTERRUPTED
    except typer.Exit as error:  # includes Ctrl-C outside a session (code 130)
        return error.exit_code
    except typer.TyperException as error:  # wrong options and arguments
        show = getattr(error, "show", None)
        show() if show else print(error.format_message(), file=sys.stderr)
        return getattr(error, "exit_code", ExitCode.USAGE)
    except Exception as error:  # a bug: say so without a traceback unless asked
        if os.environ.get("DIALOGI_DEBUG"):
            raise
        from dialogi.i18n import t

        print(t("errors.bug", error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return ExitCode.BUG


def report(error: Exception) -> None:
    from dialogi.errors import DialogiError

    if isinstance(error, DialogiError):
        print(error.message(), file=sys.stderr)
        for line in error.details:
            print(f"  • {line}", file=sys.stderr)


def main() -> None:
    from dialogi import collector
    from dialogi.system import console

    collector.pause()  # start-up runs without the garbage collector; see dialogi/collector.py
    console.prepare()  # VT processing on Windows, UTF-8 into files and pipes; before any console exists
    sys.exit(run_cli())
