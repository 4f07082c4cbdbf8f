"""The terminal's live view of an open round: how many have answered, proposals as they come.

A few lines (not full screen), redrawn twice a second: the question, answered (of how many
expected) and phones in the room; for proposals the newest lines; for everything else only
the count, since results are shown when the round is closed. When no phone has joined after
``UNREACHABLE_SECONDS``, the view says plainly what to do (the laptop's hotspot, a travel
router, or the pass-the-laptop ballot). Enter closes the round; Ctrl-C stops
(``KeyboardInterrupt``: the caller drops the round unseen).

:func:`screen` is the pure part (text lines from the room's state), tested without a terminal.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from dialogi.i18n import t
from dialogi.ui.room.rounds import Kind

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from dialogi.ui.room.room import Room
    from dialogi.ui.room.rounds import Round

UNREACHABLE_SECONDS = 90  # a minute and a half with nobody in: the phones cannot reach the laptop
SHOWN_LINES = 8  # the newest proposals on screen
WIDTH = 78


def screen(room: "Room", rnd: "Round", width: int = WIDTH, unreachable_after: float = UNREACHABLE_SECONDS) -> list[tuple[str, str]]:
    """(style, line) pairs: what the live view shows now."""
    from dialogi.render.text import clean

    lang = room.lang
    width = max(20, min(width, WIDTH))
    out: list[tuple[str, str]] = []

    def wrapped(style: str, text: str, indent: str = "") -> None:
        for row in textwrap.wrap(" ".join(clean(text).split()), width - len(indent), break_on_hyphens=False) or [""]:
            out.append((style, indent + row))

    wrapped("bold", f"{t('room.console.heading', lang)}: {rnd.question.prompt}")
    count = rnd.answered
    answered = t("room.console.answered_of", lang, answered=count, expected=rnd.expected) if rnd.expected else t("room.console.answered", lang, answered=count)
    wrapped("", f"{answered} · {t('room.console.joined', lang, joined=room.joined)}")
    if rnd.question.kind is Kind.PROPOSALS:
        lines = rnd.lines()
        wrapped("", t("room.console.lines", lang, count=len(lines)))
        for line in lines[-SHOWN_LINES:]:
            wrapped("", line, "  • ")
    else:
        wrapped("dim", t("room.console.hidden", lang))
    if room.nobody_joined(unreachable_after):
        wrapped("warning", t("room.console.unreachable", lang, seconds=int(unreachable_after)))
    wrapped("dim", t("room.console.close_hint", lang))
    return out


def watch(
    room: "Room",
    rnd: "Round",
    *,
    input: "Input | None" = None,
    output: "Output | None" = None,
    refresh: float = 0.5,
    unreachable_after: float = UNREACHABLE_SECONDS,
) -> None:
    """Show the round live until the facilitator presses Enter; Ctrl-C raises KeyboardInterrupt."""
    from prompt_toolkit.application import Application, get_app
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout import Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.styles import Style

    from dialogi import collector

    def text() -> list[tuple[str, str]]:
        try:
            columns = get_app().output.get_size().columns
        except Exception:  # a size that cannot be read
            columns = WIDTH
        fragments: list[tuple[str, str]] = []
        for i, (style, line) in enumerate(screen(room, rnd, columns - 1, unreachable_after)):
            fragments += [("", "\n")] if i else []
            fragments.append((f"class:{style}" if style else "", line))
        return fragments

    kb = KeyBindings()

    @kb.add("enter")
    def _close(event: Any) -> None:
        event.app.exit()

    @kb.add("c-c")
    @kb.add(Keys.SIGINT)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    @kb.add(Keys.Any)
    def _ignore(event: Any) -> None:
        """Other keys do nothing while the round is open."""

    app: Application[None] = Application(
        layout=Layout(Window(FormattedTextControl(text, show_cursor=False, focusable=True), dont_extend_height=True, wrap_lines=True)),
        key_bindings=kb,
        style=Style.from_dict({"bold": "bold", "dim": "#888888", "warning": "bold #d75f00"}),
        full_screen=False,
        erase_when_done=False,
        refresh_interval=refresh,
        mouse_support=False,
        input=input,
        output=output,
    )
    collector.resume()  # a round may last a while: collect its garbage (see dialogi/collector.py)
    app.run()
