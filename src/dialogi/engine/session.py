"""Running a workshop: the agenda, each method's steps in order, a save after every answer.

Where the group is lives in the record itself: each agenda item keeps its status, the next
step and the position inside that step, so running again continues at the same place with
every earlier answer in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dialogi.engine.steps import FINISHED
from dialogi.i18n import t
from dialogi.prompts import Asker, Choice
from dialogi.record.models import AgendaItem, MethodId, Status, Workshop

if TYPE_CHECKING:
    from rich.console import Console

    from dialogi.engine.steps import Method


@dataclass
class Session:
    path: Path
    workshop: Workshop
    asker: Asker
    console: "Console"
    item: AgendaItem | None = None
    saves: int = field(default=0, init=False)
    _secrets_refused: bool = field(default=False, init=False)

    @property
    def lang(self) -> str:
        """The workshop's language: its content and its questions to the group."""
        return self.workshop.language

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def save(self) -> None:
        """Save the record; at the keyboard, a file another program holds (OneDrive, a virus
        scan) is tried again when the facilitator says so, so that the answer is not lost."""
        from dialogi.errors import FileHeld
        from dialogi.record import store

        while True:
            try:
                store.save(self.path, self.workshop)
                break
            except FileHeld as held:
                if not self.asker.interactive():
                    raise  # an answers file still holds the answer: running it again saves it
                self.show(held.message())
                again = [Choice("retry", t("engine.save_retry_again")), Choice("stop", t("engine.save_retry_stop"))]
                if self.asker.select("save.retry", t("engine.save_retry"), again, "retry") == "stop":
                    raise
        self.saves += 1

    def show(self, *renderables: Any) -> None:
        self.console.print(*renderables)

    def clear(self) -> None:
        """Clear the screen between secret answers, the scrollback too (a no-op when not in a terminal)."""
        from dialogi.system import console

        if self.console.is_terminal and console.can_clear(self.console):
            self.console.clear()
            self.console.file.write("\x1b[3J")  # nobody scrolls up to the previous voter's ballot
            self.console.file.flush()

    def refuse_secrets(self) -> bool:
        """True, after saying why (once), when secret answers at the keyboard would stay on
        screen for the next person: a console that cannot clear (Windows without VT processing)."""
        from dialogi.system import console

        if not self.asker.interactive() or console.can_clear(self.console):
            return False
        if not self._secrets_refused:
            self.show(t("engine.secrets_refused"))
            self._secrets_refused = True
        return True


def methods() -> dict[MethodId, "Method"]:
    from dialogi.methods import registry

    return registry()


def run(session: Session) -> bool:
    """The agenda loop. True when every method is done, False when the facilitator stopped."""
    while True:
        show_agenda(session)
        choice = choose_method(session)
        if choice == "quit":
            return all(a.status == Status.DONE for a in session.workshop.agenda)
        if show_view(session, choice):
            continue
        item = session.workshop.agenda_item(MethodId(choice))
        assert item is not None
        run_method(session, methods()[item.method], item)


def show_agenda(session: Session) -> None:
    from rich.table import Table

    w = session.workshop
    table = Table(title=t("engine.agenda_title", title=w.title), title_justify="left", show_edge=False)
    table.add_column("#")
    table.add_column(t("engine.method"))
    table.add_column(t("engine.status"))
    for n, item in enumerate(w.agenda, 1):
        steps = len(methods()[item.method].steps)
        status = t(f"engine.status_{item.status.value}")
        if item.status == Status.IN_PROGRESS:
            status = t("engine.at_step", status=status, step=min(item.step + 1, steps), steps=steps)
        table.add_row(str(n), t(f"cli.method.{item.method.value}", w.language), status)
    session.show(table)


def next_item(workshop: Workshop) -> AgendaItem | None:
    for status in (Status.IN_PROGRESS, Status.NOT_STARTED):
        for item in workshop.agenda:
            if item.status == status:
                return item
    return None


def choose_method(session: Session) -> str:
    w = session.workshop
    suggested = next_item(w)
    choices = []
    for item in w.agenda:
        name = t(f"cli.method.{item.method.value}", w.language)
        key = "engine.continue_method" if item.status == Status.IN_PROGRESS else (
            "engine.redo_method" if item.status == Status.DONE else "engine.start_method"
        )
        choices.append(Choice(item.method.value, t(key, method=name)))
    for item in w.agenda:  # e.g. the plan so far, once its method has started
        if item.status != Status.NOT_STARTED:
            choices += [Choice(view.id, t(view.label_key)) for view in methods()[item.method].views]
    choices.append(Choice("quit", t("engine.quit")))
    default = suggested.method.value if suggested else "quit"
    return session.asker.select("agenda", t("engine.choose"), choices, default, once=True)


def header(session: Session, method: "Method", item: AgendaItem) -> None:
    """Where the group is: the method and its step, then the agenda's progress."""
    from rich.rule import Rule
    from rich.text import Text

    w = session.workshop
    done = sum(a.status == Status.DONE for a in w.agenda)
    step = method.steps[item.step]
    name = t(f"cli.method.{method.id.value}", w.language)
    session.show(Rule(Text(name, style="bold"), align="left"))
    session.show(
        Text(t("engine.header", step=item.step + 1, steps=len(method.steps), title=step.title(session), done=done, total=len(w.agenda)), style="dim")
    )


def run_method(session: Session, method: "Method", item: AgendaItem) -> None:
    """Run ``method`` from where ``item`` stopped; return when it is done or the facilitator leaves it."""
    session.item = item
    if item.status != Status.IN_PROGRESS:
        item.status = Status.IN_PROGRESS
        session.save()
    while item.step < len(method.steps):
        step = method.steps[item.step]
        if item.position == 0 and step.units(session) == 0:  # nothing to do (e.g. no vote was chosen)
            item.step += 1
            session.save()
            continue
        header(session, method, item)
        if item.position == 0:
            move = navigate(session, method, item)
            if move == "agenda":
                return
            if move in ("skip", "back"):
                if move == "skip" and item.step not in item.skipped:
                    item.skipped = [*item.skipped, item.step]
                item.step = item.step + 1 if move == "skip" else previous_step(session, method, item.step)
                session.save()
                continue
        while (units := step.units(session)) is None or item.position < units:
            finished = step.run_unit(session, item.position) is FINISHED
            item.position += 1
            session.save()
            if finished:
                break
        item.skipped = [s for s in item.skipped if s != item.step]
        item.step, item.position = item.step + 1, 0
        session.save()
    item.status, item.step, item.position = Status.DONE, 0, 0
    session.save()
    session.show(t("engine.method_done", method=t(f"cli.method.{method.id.value}", session.lang)))


def previous_step(session: Session, method: "Method", index: int) -> int:
    """The nearest step before ``index`` with something to do; steps without units are passed over."""
    earlier = [i for i in range(index) if method.steps[i].units(session) != 0]
    return earlier[-1] if earlier else max(index - 1, 0)


def navigate(session: Session, method: "Method", item: AgendaItem) -> str:
    """Before each step: start it, skip it, go back one step, or return to the agenda."""
    step = method.steps[item.step]
    choices = [Choice("start", t("engine.nav_start", title=step.title(session)))]
    choices.append(Choice("skip", t("engine.nav_skip")))
    if item.step > 0:
        choices.append(Choice("back", t("engine.nav_back", title=method.steps[previous_step(session, method, item.step)].title(session))))
    choices.append(Choice("agenda", t("engine.nav_agenda")))
    choices += [Choice(view.id, t(view.label_key)) for view in method.views]
    if session.asker.interactive():
        choices.append(Choice("round", t("engine.nav_round")))
    key = f"nav.{method.id.value}.{step.name}"
    while True:
        move = session.asker.select(key, t("engine.nav"), choices, "start", once=True)
        if move == "round":
            from dialogi.engine.rounds import speaking_round

            speaking_round(session, key)
        elif not show_view(session, move):
            return move


def show_view(session: Session, choice: str) -> bool:
    """Show the view a menu choice names (e.g. ``wellbeing.plan``); False when it names none."""
    view = next((v for m in methods().values() for v in m.views if v.id == choice), None)
    if view is not None:
        session.show(view.render(session))
    return view is not None


def run_file(path: Path, answers: Path | None = None, console: "Console | None" = None, echo: bool = True) -> bool:
    """Open ``path`` for editing and run its agenda: with an answers file, or in the terminal."""
    from rich.console import Console

    from dialogi.errors import Interrupted
    from dialogi.prompts import ScriptedAsker, TerminalAsker, require_terminal
    from dialogi.record import store
    from dialogi.system.shell import command_line

    console = console or Console()
    if answers is None:
        require_terminal()
        asker: Asker = TerminalAsker()
    else:
        asker = ScriptedAsker.from_file(answers, echo=_echo(console) if echo else None)
    command = command_line("run", str(path), *(["--answers", str(answers)] if answers else []))
    with store.editing(path) as workshop:
        from dialogi.i18n import follow_workshop

        follow_workshop(workshop.language)
        session = Session(path, workshop, asker, console)
        try:
            complete = run(session)
        except KeyboardInterrupt as interrupt:  # answers held only in memory say what became of them
            raise Interrupted(getattr(interrupt, "message_key", "engine.interrupted"), file=str(path), command=command) from None
    console.print(t("engine.all_done" if complete else "engine.stopped", file=str(path), command=command))
    return complete


def _echo(console: "Console"):
    from rich.text import Text

    def echo(message: str, answer: Any) -> None:
        shown = ", ".join(map(str, answer)) if isinstance(answer, list) else str(answer)
        console.print(Text("? ", style="bold green") + Text(message, style="bold") + Text(" " + shown, style="cyan"))

    return echo
