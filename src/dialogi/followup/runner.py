"""Running a review: which one, where it stopped, its steps in order, and the end.

A review is stored in the workshop as soon as it starts, with ``progress`` (the next step and
the position inside it) while it is under way, exactly as an agenda item keeps its place. So
Ctrl-C loses nothing and ``dialogi review FILE`` again continues the unfinished review. When
the last step is done, the review's decisions are applied to the rules or the plan and the
progress marker goes, in one save.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from dialogi.engine.steps import FINISHED, Step
from dialogi.errors import UsageError
from dialogi.followup.steps import ReviewSession
from dialogi.i18n import t
from dialogi.prompts import Asker, Choice
from dialogi.record.models import Review, ReviewProgress, Workshop

if TYPE_CHECKING:
    from rich.console import Console

KINDS = ("rules", "plan")


@dataclass(frozen=True)
class Flow:
    """One kind of review: its steps, how its decisions reach the record, its summary."""

    kind: str
    steps: list[Step]
    apply: Callable[[Workshop, Review], None]
    summary: Callable[[ReviewSession], list[Any]]
    prepare: Callable[[Workshop], None] = lambda workshop: None  # before the review starts


def flow(kind: str) -> Flow:
    from dialogi.followup import plan_review, rules_review

    if kind == "rules":
        return Flow("rules", rules_review.STEPS, rules_review.apply, rules_review.summary)
    return Flow("plan", plan_review.STEPS, plan_review.apply, plan_review.summary, plan_review.prepare)


def has_plan(workshop: Workshop) -> bool:
    wb = workshop.wellbeing
    return bool(wb.goals or wb.carried_over or wb.indicators)


def reviewable(workshop: Workshop) -> list[str]:
    """What this workshop has to review: agreed rules in force, a wellbeing plan."""
    kinds = []
    if workshop.active_rules():
        kinds.append("rules")
    if has_plan(workshop):
        kinds.append("plan")
    return kinds


def unfinished(workshop: Workshop, kind: str | None = None) -> int | None:
    """The index of the latest unfinished review (of ``kind``), if there is one."""
    for index in range(len(workshop.reviews) - 1, -1, -1):
        review = workshop.reviews[index]
        if not review.complete and (kind is None or review.kind == kind):
            return index
    return None


def choose_kind(workshop: Workshop, what: str | None, asker: Asker, path: Path) -> str:
    """``--what``, else the unfinished review, else the one thing there is, else ask."""
    if what is not None:
        if what not in KINDS:
            raise UsageError("review.bad_what", value=what, choices=", ".join(KINDS))
        if unfinished(workshop, what) is None and what not in reviewable(workshop):
            raise UsageError(f"review.nothing_{what}", file=str(path))
        return what
    index = unfinished(workshop)
    if index is not None:
        return workshop.reviews[index].kind
    kinds = reviewable(workshop)
    if not kinds:
        raise UsageError("review.nothing", file=str(path))
    if len(kinds) == 1:
        return kinds[0]
    lang = workshop.language
    choices = [
        Choice("rules", t("review.what_rules", lang, count=len(workshop.active_rules()))),
        Choice("plan", t("review.what_plan", lang, goals=len(workshop.wellbeing.goals), actions=len(workshop.all_actions()))),
    ]
    return asker.select("review.what", t("review.what", lang), choices, "rules")


def open_review(workshop: Workshop, kind: str, date: dt.date | None) -> tuple[int, bool]:
    """The unfinished review of ``kind`` (its date moved to ``date`` when one is given), or a
    new one; the second value says whether it continues."""
    index = unfinished(workshop, kind)
    if index is not None:
        if date is not None:
            workshop.reviews[index].date = date
        return index, True
    review = Review(date=date or dt.date.today(), kind=kind, progress=ReviewProgress())
    workshop.reviews = [*workshop.reviews, review]
    return len(workshop.reviews) - 1, False


def check_date(workshop: Workshop, date: dt.date, path: Path) -> None:
    if date < workshop.date:
        from dialogi.render.text import format_date

        lang = workshop.language
        raise UsageError("review.before_workshop", file=str(path), date=format_date(date, lang),
                         workshop=format_date(workshop.date, lang))


def header(session: ReviewSession, steps: list[Step], step: int) -> None:
    from rich.rule import Rule
    from rich.text import Text

    review = session.review
    title = session.t(f"review.title_{review.kind}")
    session.show(Rule(Text(title, style="bold"), align="left"))
    session.show(Text(session.t("review.header", step=step + 1, steps=len(steps), title=steps[step].title(session)), style="dim"))


def run_steps(session: ReviewSession, review_flow: Flow) -> None:
    """The review's steps from where it stopped; then its decisions into the record."""
    review = session.review
    progress = review.progress or ReviewProgress()
    steps = review_flow.steps
    while progress.step < len(steps):
        step = steps[progress.step]
        units = step.units(session)
        if units is None or progress.position < units:
            header(session, steps, progress.step)
        while (units := step.units(session)) is None or progress.position < units:
            finished = step.run_unit(session, progress.position) is FINISHED
            progress.position += 1
            review.progress = progress
            session.save()
            if finished:
                break
        progress.step, progress.position = progress.step + 1, 0
        review.progress = progress
        session.save()
    review_flow.apply(session.workshop, review)
    review.progress = None
    session.save()


def start(path: Path, workshop: Workshop, asker: Asker, console: "Console", kind: str, date: dt.date | None) -> ReviewSession:
    """A session over a new review of ``kind``, or over the unfinished one; saved at once."""
    from dialogi.render.terminal import safe
    from dialogi.render.text import format_date

    if date is not None:
        check_date(workshop, date, path)
    elif unfinished(workshop, kind) is None:  # a new review: on which day (an answers file may say)
        from dialogi.engine.session import Session
        from dialogi.followup.steps import ask_review_date

        asking = Session(path, workshop, asker, console)
        date = ask_review_date(asking, "review.date", max(dt.date.today(), workshop.date), workshop.date)
    index, continued = open_review(workshop, kind, date)
    session = ReviewSession(path, workshop, asker, console, index=index)
    session.save()
    started = "continued" if continued else "started"
    session.show(safe(session.t(f"review.{started}_{kind}", date=format_date(session.review.date, session.lang)), "bold"))
    return session


def resume_command(path: Path, kind: str | None, answers: Path | None) -> str:
    from dialogi.system.shell import command_line

    return command_line("review", str(path), *(["--what", kind] if kind else []), *(["--answers", str(answers)] if answers else []))


def review_file(
    path: Path,
    answers: Path | None = None,
    date: dt.date | None = None,
    what: str | None = None,
    console: "Console | None" = None,
    echo: bool = True,
    asker: Asker | None = None,
) -> Review:
    """Open ``path`` for editing and run (or continue) a review in it: from an answers file,
    or in the terminal (or with the ``asker`` given). Returns the complete review."""
    from rich.console import Console

    from dialogi.engine.session import _echo
    from dialogi.errors import Interrupted
    from dialogi.prompts import ScriptedAsker, TerminalAsker, require_terminal
    from dialogi.record import store
    from dialogi.render.terminal import safe

    console = console or Console()
    if what is not None and what not in KINDS:
        raise UsageError("review.bad_what", value=what, choices=", ".join(KINDS))
    from dialogi.i18n import follow_workshop

    follow_workshop(store.load(path).language)  # a missing or broken file is the first thing to say
    if asker is None and answers is None:
        require_terminal()
        asker = TerminalAsker()
    elif asker is None:
        asker = ScriptedAsker.from_file(answers, echo=_echo(console) if echo else None)
    with store.editing(path) as workshop:
        kind: str | None = what
        try:
            kind = choose_kind(workshop, what, asker, path)
            review_flow = flow(kind)
            review_flow.prepare(workshop)
            session = start(path, workshop, asker, console, kind, date)
            run_steps(session, review_flow)
        except KeyboardInterrupt:
            raise Interrupted("review.interrupted", file=str(path), command=resume_command(path, kind, answers)) from None
        for part in review_flow.summary(session):
            console.print(part)
    if kind == "plan":  # copies of its actions carried into next year's workshop follow it
        from dialogi.carry_over import hand_on, handed_on_message

        for line in handed_on_message(hand_on(path, session.review)):
            console.print(safe(line))
    console.print(safe(t("review.done", file=str(path))))
    return session.review
