"""Speaking rounds: everyone in turn, equal time each, a visible countdown.

Two layers:

* :class:`Round` is a pure state machine with an injectable clock (a callable returning
  monotonic seconds), so tests control time. No I/O.
* :func:`run_round` shows the round as a small prompt_toolkit application (a few lines, not
  full screen) and returns a :class:`Summary`. prompt_toolkit owns the input while the round
  runs. The round reads its input one byte at a time, so keys typed after the key that ends
  it stay unread for the next prompt, whatever reads it (prompt_toolkit, questionary or a
  plain ``input()``); should the round have read ahead anyway, prompt_toolkit hands the
  leftovers to its next prompt as typeahead. Nothing is swallowed.

When a speaker's time runs out the round says so but does not move on by itself: the
facilitator decides when the speaker has finished.

prompt_toolkit and rich are imported inside the functions that need them, so importing this
module stays cheap.
"""

from __future__ import annotations

import functools
import math
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from dialogi.errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from prompt_toolkit.application import Application
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output
    from rich.console import Console

Clock = Callable[[], float]

ADD_SECONDS = 30  # what "+" adds to the current speaker's time
REFRESH_SECONDS = 0.25  # how often the countdown is redrawn


class Status(StrEnum):
    SPOKE = "spoke"  # had the floor and the facilitator moved on
    PASSED = "passed"  # chose not to speak
    CUT_SHORT = "cut_short"  # the round ended during this turn
    NOT_REACHED = "not_reached"  # the round ended before this turn


@dataclass(frozen=True)
class Turn:
    """One speaker's part of the round. ``seconds`` excludes pauses."""

    name: str
    seconds: float
    allotted: float  # seconds per speaker plus any added time
    added: float
    status: Status

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def over_by(self) -> float:
        """Seconds beyond the allotted time (0 when within it, passed or not reached)."""
        if self.status not in (Status.SPOKE, Status.CUT_SHORT):
            return 0.0
        return max(0.0, self.seconds - self.allotted)

    @property
    def over_time(self) -> bool:
        return self.over_by > 0


@dataclass(frozen=True)
class Summary:
    turns: tuple[Turn, ...]
    seconds_per_speaker: float
    elapsed: float  # wall-clock length of the whole round, pauses included
    ended_early: bool = False  # the facilitator ended the round (q or Ctrl-C)
    interrupted: bool = False  # Ctrl-C (or the input closed); the caller picks the exit code

    @property
    def total(self) -> float:
        """Seconds spoken in total (pauses excluded)."""
        return sum(t.seconds for t in self.turns)

    @property
    def passed(self) -> list[str]:
        return [t.name for t in self.turns if t.passed]

    @property
    def over_time(self) -> list[str]:
        return [t.name for t in self.turns if t.over_time]

    @property
    def complete(self) -> bool:
        """Everyone had their turn (spoke or passed)."""
        return all(t.status in (Status.SPOKE, Status.PASSED) for t in self.turns)

    def as_dict(self) -> dict[str, Any]:
        """Plain data, rounded to whole seconds, e.g. for a workshop record."""
        return {
            "seconds_per_speaker": round(self.seconds_per_speaker),
            "total_seconds": round(self.total),
            "elapsed_seconds": round(self.elapsed),
            "ended_early": self.ended_early,
            "interrupted": self.interrupted,
            "turns": [
                {
                    "name": t.name,
                    "seconds": round(t.seconds),
                    "allotted": round(t.allotted),
                    "status": t.status.value,
                    "over_time": t.over_time,
                }
                for t in self.turns
            ],
        }


class Round:
    """The round's state. Every method reads the clock itself; :meth:`tick` just refreshes
    :attr:`time_up`. Actions after the round has finished do nothing and return False."""

    def __init__(self, speakers: Sequence[str], seconds: float, *, clock: Clock = time.monotonic):
        if not speakers:
            raise ValueError("a round needs at least one speaker")
        if seconds <= 0:
            raise ValueError("seconds per speaker must be positive")
        self.speakers: list[str] = list(speakers)
        self.seconds = float(seconds)
        self.clock = clock
        self.index = 0
        self.paused = False
        self.finished = False
        self.ended_early = False
        self.interrupted = False
        self.time_up = False
        self._turns: list[Turn] = []
        self._started = clock()
        self._ended: float | None = None
        self._spent = 0.0  # current speaker's time before the running stretch
        self._since: float | None = self._started  # start of the running stretch; None when paused
        self._added = 0.0

    # -- reading ------------------------------------------------------------------------

    @property
    def current(self) -> str | None:
        return None if self.finished else self.speakers[self.index]

    @property
    def upcoming(self) -> str | None:
        """Who speaks after the current speaker (None for the last one)."""
        i = self.index + 1
        return self.speakers[i] if not self.finished and i < len(self.speakers) else None

    @property
    def allotted(self) -> float:
        return self.seconds + self._added

    @property
    def added(self) -> float:
        return self._added

    def spoken(self) -> float:
        """The current speaker's time so far, pauses excluded."""
        if self.finished:
            return 0.0
        running = self.clock() - self._since if self._since is not None else 0.0
        return self._spent + max(0.0, running)

    def remaining(self) -> float:
        """Seconds left for the current speaker; negative when over time."""
        return self.allotted - self.spoken()

    def elapsed(self) -> float:
        end = self._ended if self._ended is not None else self.clock()
        return max(0.0, end - self._started)

    def tick(self) -> float:
        """Refresh :attr:`time_up`; return the remaining seconds."""
        left = self.remaining()
        self.time_up = not self.finished and left <= 0
        return left

    # -- acting -------------------------------------------------------------------------

    def next(self) -> bool:
        """The current speaker has finished; the next one starts."""
        return self._close(Status.SPOKE)

    def pass_turn(self) -> bool:
        """The current speaker passes; the next one starts."""
        return self._close(Status.PASSED)

    def pause_toggle(self) -> bool:
        if self.finished:
            return False
        now = self.clock()
        if self.paused:
            self._since = now
        else:
            self._spent += max(0.0, now - (self._since or now))
            self._since = None
        self.paused = not self.paused
        return True

    def add_time(self, seconds: float = ADD_SECONDS) -> bool:
        if seconds <= 0:
            raise ValueError("added time must be positive")
        if self.finished:
            return False
        self._added += seconds
        self.tick()
        return True

    def end(self, *, interrupted: bool = False) -> bool:
        """End the round now: the current turn is cut short, later speakers not reached."""
        if self.finished:
            return False
        self._turns = list(self._partial_turns())
        self._finish()
        self.ended_early = True
        self.interrupted = interrupted
        return True

    def summary(self) -> Summary:
        """The round so far; an unfinished round shows as ended at this moment."""
        turns = tuple(self._turns) if self.finished else self._partial_turns()
        return Summary(
            turns=turns,
            seconds_per_speaker=self.seconds,
            elapsed=self.elapsed(),
            ended_early=self.ended_early,
            interrupted=self.interrupted,
        )

    # -- inside -------------------------------------------------------------------------

    def _turn(self, status: Status) -> Turn:
        return Turn(self.speakers[self.index], self.spoken(), self.allotted, self._added, status)

    def _partial_turns(self) -> tuple[Turn, ...]:
        rest = [
            Turn(name, 0.0, self.seconds, 0.0, Status.NOT_REACHED)
            for name in self.speakers[self.index + 1 :]
        ]
        return (*self._turns, self._turn(Status.CUT_SHORT), *rest)

    def _close(self, status: Status) -> bool:
        if self.finished:
            return False
        self._turns.append(self._turn(status))
        self.index += 1
        if self.index >= len(self.speakers):
            self.index = len(self.speakers) - 1
            self._finish()
            return True
        # The next speaker starts at once, even if the round was paused.
        self._spent, self._added, self.paused = 0.0, 0.0, False
        self._since = self.clock()
        self.time_up = False
        return True

    def _finish(self) -> None:
        self._ended = self.clock()
        self.finished = True
        self.paused = False
        self.time_up = False
        self._since = None


def speakers_from(
    names: Sequence[str] | None = None,
    count: int | None = None,
    shuffle: bool = False,
    rng: random.Random | None = None,
) -> list[str]:
    """The round's speakers: the given names, or "1".."count"; shuffled when asked."""
    cleaned = [n.strip() for n in names or () if n and n.strip()]
    if cleaned:
        if count is not None and count != len(cleaned):
            raise UsageError("round.count_mismatch", names=len(cleaned), count=count)
        result = cleaned
    elif count is not None:
        if count < 1:
            raise UsageError("round.bad_count", count=count)
        result = [str(i) for i in range(1, count + 1)]
    else:
        raise UsageError("round.no_speakers")
    if shuffle:
        (rng or random.Random()).shuffle(result)
    return result


def clock_text(seconds: float) -> str:
    """``mm:ss``; whole seconds rounded up, so a fresh two minutes shows 02:00."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def duration_text(seconds: float) -> str:
    """``mm:ss`` for time already spent, rounded to the nearest second."""
    whole = max(0, round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


# -- the interactive round ------------------------------------------------------------------

BAR_FULL = "█"
BAR_EMPTY = "░"
MAX_WIDTH = 80

STYLE = {
    "title": "bold",
    "speaker": "bold reverse",
    "clock": "bold",
    "clock.low": "bold fg:ansiyellow",
    "clock.over": "bold fg:ansired",
    "bar": "fg:ansigreen",
    "bar.low": "fg:ansiyellow",
    "bar.over": "fg:ansired",
    "bar.empty": "",
    "status": "bold",
    "status.over": "bold fg:ansired",
    "next": "",
    "legend": "",
    "note": "italic",
}


def screen(round_: Round, width: int = MAX_WIDTH, add_seconds: float = ADD_SECONDS) -> list[list[tuple[str, str]]]:
    """The round's lines as prompt_toolkit style fragments, one list per line.

    Lines are broken between words to fit ``width``. In a terminal wide enough for the
    messages (60 columns or so) the number of lines never changes, so the display never jumps.
    """
    from dialogi.i18n import t

    width = max(20, min(width, MAX_WIDTH) - 1)  # never write in the last column
    left = round_.tick()
    total = len(round_.speakers)
    lines: list[list[tuple[str, str]]] = []
    title = t("round.ui.position", current=round_.index + 1, total=total)
    lines.extend(_wrapped("class:title", title, width))
    lines.append([])
    name = round_.current or ""
    if len(name) > width - 4:
        name = name[: width - 5] + "…"
    lines.append([("", "  "), ("class:speaker", f" {name} ")])
    lines.append([])

    fraction = max(0.0, min(1.0, left / round_.allotted)) if round_.allotted else 0.0
    over = left <= 0
    low = not over and fraction <= 0.2
    kind = ".over" if over else ".low" if low else ""
    # Counting down, whole seconds round up (02:00 at the start); over time they count up.
    clock = "+" + duration_text(math.floor(-left)) if left < 0 else clock_text(left)
    bar_width = max(10, min(40, width - 12))
    filled = bar_width if over else math.ceil(fraction * bar_width)
    lines.append(
        [
            ("", "  "),
            (f"class:clock{kind}", clock),
            ("", "  "),
            (f"class:bar{kind}", BAR_FULL * filled),
            ("class:bar.empty", BAR_EMPTY * (bar_width - filled)),
        ]
    )
    if round_.paused:
        lines.extend(_wrapped("class:status", t("round.ui.paused"), width, "  "))
    elif over:
        lines.extend(_wrapped("class:status.over", t("round.ui.time_up"), width, "  "))
    else:
        lines.append([])
    upcoming = round_.upcoming
    following = t("round.ui.next", name=upcoming) if upcoming is not None else t("round.ui.last")
    lines.extend(_wrapped("class:next", following, width, "  "))
    lines.append([])
    legend = t("round.ui.legend", seconds=round(add_seconds))
    lines.extend([("class:legend", row)] for row in _packed(legend.split(" · "), " · ", width))
    lines.extend(_wrapped("class:note", t("round.ui.note"), width))
    return lines


def _packed(items: list[str], separator: str, width: int) -> list[str]:
    """Join ``items`` with ``separator`` into lines of at most ``width``; break only between items."""
    rows: list[str] = []
    for item in items:
        if rows and len(rows[-1]) + len(separator) + len(item) <= width:
            rows[-1] += separator + item
        else:
            rows.append(item)
    return rows


def _wrapped(style: str, text: str, width: int, indent: str = "") -> list[list[tuple[str, str]]]:
    """``text`` broken between words to fit ``width``, one fragment list per line."""
    import textwrap

    rows = textwrap.wrap(text, width - len(indent), break_on_hyphens=False) or [""]
    return [[("", indent), (style, row)] if indent else [(style, row)] for row in rows]


def build_app(
    round_: Round,
    *,
    input: Input | None = None,
    output: Output | None = None,
    add_seconds: float = ADD_SECONDS,
    refresh: float = REFRESH_SECONDS,
) -> Application[None]:
    """The prompt_toolkit application that runs ``round_`` (not full screen)."""
    from prompt_toolkit.application import Application, get_app
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout import Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.styles import Style

    def text() -> list[tuple[str, str]]:
        try:
            columns = get_app().output.get_size().columns
        except Exception:  # pragma: no cover - a size we cannot read
            columns = MAX_WIDTH
        fragments: list[tuple[str, str]] = []
        for i, line in enumerate(screen(round_, columns, add_seconds)):
            if i:
                fragments.append(("", "\n"))
            fragments.extend(line)
        return fragments

    kb = KeyBindings()

    def done_if_finished(event: Any) -> None:
        if round_.finished and not event.app.is_done:
            event.app.exit()

    @kb.add("enter")
    @kb.add("n")
    @kb.add("N")
    def _next(event: Any) -> None:
        round_.next()
        done_if_finished(event)

    @kb.add("p")
    @kb.add("P")
    def _pass(event: Any) -> None:
        round_.pass_turn()
        done_if_finished(event)

    @kb.add(" ")
    def _pause(event: Any) -> None:
        round_.pause_toggle()

    @kb.add("+")
    def _more(event: Any) -> None:
        round_.add_time(add_seconds)

    @kb.add("q")
    @kb.add("Q")
    def _quit(event: Any) -> None:
        round_.end()
        done_if_finished(event)

    @kb.add("c-c")
    @kb.add(Keys.SIGINT)
    def _interrupt(event: Any) -> None:
        round_.end(interrupted=True)
        done_if_finished(event)

    @kb.add(Keys.Any)
    def _ignore(event: Any) -> None:
        """Other keys during the round do nothing (and are not typed anywhere)."""

    control = FormattedTextControl(text, show_cursor=False, focusable=True)
    return Application(
        layout=Layout(Window(control, dont_extend_height=True, wrap_lines=True)),
        key_bindings=kb,
        style=Style.from_dict(STYLE),
        full_screen=False,
        erase_when_done=True,
        refresh_interval=refresh,
        mouse_support=False,
        input=input,
        output=output,
    )


@contextmanager
def _byte_by_byte(input: Any) -> Iterator[None]:
    """Let the round read its input one byte at a time.

    prompt_toolkit reads up to 1024 bytes at once. Keys typed in the same burst as the key
    that ends the round would then be read by the round; prompt_toolkit keeps them as
    typeahead for its next prompt, but a plain ``input()`` or click prompt would never see
    them. Reading byte by byte leaves everything after the final key in the terminal's own
    buffer, for whichever prompt comes next.
    """
    reader = getattr(input, "stdin_reader", None)
    read = getattr(reader, "read", None)
    if read is None:  # not a POSIX terminal or pipe: keep prompt_toolkit's typeahead
        yield
        return
    patched_before = "read" in vars(reader)
    reader.read = functools.partial(read, 1)  # type: ignore[union-attr]
    try:
        yield
    finally:
        if patched_before:
            reader.read = read  # type: ignore[union-attr]
        else:
            del reader.read  # type: ignore[union-attr]


def run_round(
    speakers: Sequence[str],
    seconds: float,
    *,
    input: Input | None = None,
    output: Output | None = None,
    clock: Clock = time.monotonic,
    add_seconds: float = ADD_SECONDS,
    refresh: float = REFRESH_SECONDS,
) -> Summary:
    """Run a speaking round in the terminal; return its summary.

    Ctrl-C ends the round cleanly: the partial summary comes back with ``interrupted`` set,
    and the caller decides what that means (an exit code, a saved note, going on).
    The display is erased when the round ends; print :func:`render_summary` if wanted.
    Call from synchronous code; inside a running event loop use :func:`run_round_async`.
    """
    from dialogi import collector

    round_ = Round(speakers, seconds, clock=clock)
    app = build_app(round_, input=input, output=output, add_seconds=add_seconds, refresh=refresh)
    collector.resume()  # a round may last an hour: collect its garbage (see dialogi/collector.py)
    try:
        with _byte_by_byte(app.input):
            app.run()
    except (KeyboardInterrupt, EOFError):
        round_.end(interrupted=True)
    return round_.summary()


async def run_round_async(
    speakers: Sequence[str],
    seconds: float,
    *,
    input: Input | None = None,
    output: Output | None = None,
    clock: Clock = time.monotonic,
    add_seconds: float = ADD_SECONDS,
    refresh: float = REFRESH_SECONDS,
) -> Summary:
    """:func:`run_round` for callers already inside an asyncio event loop."""
    from dialogi import collector

    round_ = Round(speakers, seconds, clock=clock)
    app = build_app(round_, input=input, output=output, add_seconds=add_seconds, refresh=refresh)
    collector.resume()
    try:
        with _byte_by_byte(app.input):
            await app.run_async()
    except (KeyboardInterrupt, EOFError):
        round_.end(interrupted=True)
    return round_.summary()


def render_summary(summary: Summary, console: Console | None = None) -> None:
    """Print the summary as a rich table: who spoke how long, who passed, the totals."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from dialogi.i18n import t

    console = console or Console()
    if summary.interrupted:
        title = t("round.summary.title_interrupted")
    elif summary.ended_early:
        title = t("round.summary.title_ended_early")
    else:
        title = t("round.summary.title")
    table = Table(title=title, title_justify="left", title_style="bold", show_edge=False)
    table.add_column(t("round.summary.speaker"))
    table.add_column(t("round.summary.time"), justify="right")
    table.add_column(t("round.summary.note"))
    for turn in summary.turns:
        notes: list[str] = []
        if turn.status is Status.PASSED:
            notes.append(t("round.summary.passed"))
        elif turn.status is Status.CUT_SHORT:
            notes.append(t("round.summary.cut_short"))
        elif turn.status is Status.NOT_REACHED:
            notes.append(t("round.summary.not_reached"))
        if turn.over_time:
            notes.append(t("round.summary.over", time=duration_text(turn.over_by)))
        if turn.added and turn.status is not Status.NOT_REACHED:
            notes.append(t("round.summary.added", time=duration_text(turn.added)))
        spent = "—" if turn.status is Status.NOT_REACHED else duration_text(turn.seconds)
        table.add_row(Text(turn.name), spent, "; ".join(notes))
    console.print(table)
    totals = t(
        "round.summary.totals",
        total=duration_text(summary.total),
        elapsed=duration_text(summary.elapsed),
    )
    console.print(totals, highlight=False, markup=False)
    if summary.passed:
        names = ", ".join(summary.passed)
        console.print(t("round.summary.who_passed", names=names), highlight=False, markup=False)
