"""What both reviews are made of: the review session, typed answers (numbers, dates), and the
closing steps (a note on the whole review, the date of the next one).

A review runs like a method in the engine: a list of steps, each in units, with a save
after every answer and the place kept in the record (``Review.progress``), so that an
interrupted review continues where it stopped, with every answer given so far as the default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from dialogi.engine.form_step import refuse_scripted
from dialogi.engine.session import Session
from dialogi.engine.steps import Step
from dialogi.record.models import Review


@dataclass
class ReviewSession(Session):
    """A session over one review of the workshop (``workshop.reviews[index]``)."""

    index: int = 0

    @property
    def review(self) -> Review:
        return self.workshop.reviews[self.index]


def say(session: Session, text: str, style: str = "") -> None:
    """A message that may carry the group's words: shown as plain text, never as markup."""
    from dialogi.render.terminal import safe

    session.show(safe(text, style))


def ask_number(session: Session, key: str, message: str, current: float | None) -> float | None:
    """A number (``4,5``, ``4.5``, ``5.8 %``), or ``None`` for an empty answer (skip)."""
    from dialogi.indicators_csv import parse_number
    from dialogi.render.text import format_number

    default = format_number(current, session.lang, 6) if current is not None else ""
    while True:
        answer = session.asker.text(key, message, default)
        try:
            return parse_number(answer)
        except ValueError:
            pass
        say(session, session.t("review.bad_number", value=answer), "bold red")
        refuse_scripted(session, key, answer, session.t("review.expect_number"))


def _parse_date(answer: str) -> dt.date | None:
    from dialogi.dates import parse_date
    from dialogi.errors import UsageError

    try:
        return parse_date(answer)
    except UsageError:
        return None


def ask_date(session: Session, key: str, message: str, default: dt.date | None, after: dt.date) -> dt.date | None:
    """A date after ``after`` (as facilitators type it), or ``None`` for an empty answer."""
    from dialogi.render.text import format_date

    while True:
        answer = session.asker.text(key, message, format_date(default, session.lang))
        if not answer:
            return None
        date = _parse_date(answer)
        if date is not None and date > after:
            return date
        if date is None:
            problem = session.t("review.bad_date", value=answer)
        else:
            problem = session.t("review.date_not_after", value=answer, date=format_date(after, session.lang))
        say(session, problem, "bold red")
        refuse_scripted(session, key, answer, session.t("review.expect_date", date=format_date(after, session.lang)))


def ask_review_date(session: Session, key: str, default: dt.date, earliest: dt.date) -> dt.date:
    """The date of a review: not before ``earliest`` (the workshop's own date)."""
    from dialogi.render.text import format_date

    while True:
        answer = session.asker.text(key, session.t("review.date_question"), format_date(default, session.lang))
        date = _parse_date(answer) if answer else None
        if date is not None and date >= earliest:
            return date
        if date is None:
            problem = session.t("errors.bad_date", value=answer)
        else:
            problem = session.t("review.date_before_workshop", value=answer, date=format_date(earliest, session.lang))
        say(session, problem, "bold red")
        expected = session.t("review.expect_review_date", date=format_date(earliest, session.lang))
        refuse_scripted(session, key, answer, expected)


@dataclass
class NoteStep(Step):
    """A note on the review as a whole."""

    id: str = "note"
    title_key: str = "review.steps.note"

    def run_unit(self, session: ReviewSession, position: int) -> None:
        session.review.note = session.asker.text(f"review.{self.id}", session.t("review.note_question"), session.review.note)


@dataclass
class NextDateStep(Step):
    """When the group looks at this again: ``months`` after the review unless it says otherwise."""

    title_key: str
    months: int
    get: Callable[[ReviewSession], dt.date | None]
    set: Callable[[ReviewSession, dt.date | None], None]
    question_key: str
    id: str = "next_date"

    def run_unit(self, session: ReviewSession, position: int) -> None:
        from dialogi.dates import add_months

        review = session.review
        saved = self.get(session)
        # a date after the review was answered here already; an earlier one is the date that
        # brought the group to this review, so suggest the next one instead
        default = saved if saved and saved > review.date else add_months(review.date, self.months)
        self.set(session, ask_date(session, f"review.{self.id}", session.t(self.question_key), default, review.date))
