"""``--help`` in the UI language: every text of a help page comes from ``content/<lang>/help.toml``.

typer draws a help page while it parses the command line, before the root's ``--lang`` has
been read, so the language is found first from the arguments themselves (``--lang fi`` or
``--lang=fi``), then DIALOGI_LANG and the locale, as ``i18n.detect_language`` does. The texts
are set on the click commands typer has built: the app's, each command's and each
parameter's help, and click's own words (Usage, Options, [default: …]) through a formatter.
Only a help page (and the shell's completion) needs them, so nothing is read when a command
runs or for ``--version``. The commands' own signatures carry no help text: help.toml has it all.
"""

import os
from typing import Any, Sequence


def wanted(args: Sequence[str]) -> bool:
    """Does this command line show a help page (``dialogi`` alone shows the root's), or does the
    shell ask for completions, which show the options' help too?"""
    return not args or "--help" in args or "_DIALOGI_COMPLETE" in os.environ


def language(args: Sequence[str]) -> str:
    from dialogi.i18n import detect_language

    chosen = None
    for n, arg in enumerate(args):
        if arg == "--lang" and n + 1 < len(args):
            chosen = args[n + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return detect_language(chosen)


def localize(group: Any, lang: str) -> None:
    """The help texts of ``group`` (dialogi) and of its commands in ``lang``."""
    from dialogi.i18n import content

    texts = content("help", lang)
    context = _context_class(group.context_class, texts["chrome"])
    group.help = texts["app"]
    _own_words(group, texts["options"], texts["chrome"], context)
    group.subcommand_metavar = texts["chrome"]["subcommand_metavar"]
    for name, command in group.commands.items():
        own = texts["commands"][name]
        command.help, command.short_help = own["help"], None
        _own_words(command, own, texts["chrome"], context)


def _own_words(command: Any, texts: dict[str, str], chrome: dict[str, Any], context: type) -> None:
    command.options_metavar = chrome["options_metavar"]
    command.context_class = context
    for param in command.params:
        if param.name in texts:
            param.help = texts[param.name]  # type: ignore[attr-defined]


def _context_class(base: type, chrome: dict[str, Any]) -> type:
    """``base`` (the click context typer uses; typer may bring its own click) with a help
    formatter that speaks the language of ``chrome``."""

    class Formatter(base.formatter_class):  # type: ignore[name-defined,misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, f"{chrome['usage']} ")

        def write_heading(self, heading: str) -> None:
            super().write_heading(chrome["headings"].get(heading, heading))

        def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
            super().write_dl([(term, _translated(text, chrome)) for term, text in rows], *args, **kwargs)

    return type("Context", (base,), {"formatter_class": Formatter})


def _translated(text: str, chrome: dict[str, Any]) -> str:
    """click's help option and the notes it adds after a parameter's help: [default: …], [required]."""
    if text == "Show this message and exit.":
        return chrome["help"]
    return text.replace("[default: ", f"[{chrome['default']}: ").replace("; default: ", f"; {chrome['default']}: ") \
        .replace("[required]", f"[{chrome['required']}]").replace("; required]", f"; {chrome['required']}]")
