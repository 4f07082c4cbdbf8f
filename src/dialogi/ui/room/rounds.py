"""The room's rounds: what a phone may answer, one answer per device, results only at the close.

Pure state, no web and no I/O: the server hands in a device token and the submitted fields,
the terminal reads how many have answered and, at the close, the result.

Secrecy is kept by the shape of the data. A round holds two collections with no key in common:

* ``_answered`` - the device tokens that have answered (who), used only to refuse a second answer;
* ``_answers`` - receipt -> answer (what). A receipt is a fresh random string handed to the
  phone that gave the answer, and only to it; the round never records whose it is.

Only the phone holds both its token and its receipt, so only the phone can show or change its
own answer, until the round closes. At the close the answers are counted into the aggregated
result (a :class:`~dialogi.voting.VoteResult` through :class:`~dialogi.voting.Ballot`,
counts per rating, lines of text) and both collections are emptied. Nothing here is written
anywhere; the terminal sees the number of answers and, for proposals only, the lines as they
come (never from whom).
"""

from __future__ import annotations

import random
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from dialogi.errors import DialogiError, UsageError
from dialogi.ui.group import RatingResult
from dialogi.voting import LEVELS, Ballot, Method, VoteResult, VoteSpec

Fields = Mapping[str, list[str]]  # a submitted form: field name -> its values
SCALE = range(1, 6)  # ratings 1..5, the same scale as the Rate step


class Kind(StrEnum):
    PROPOSALS = "proposals"  # each phone writes lines; the terminal sees them as they come
    BALLOT = "ballot"  # a secret ballot: dots, approval or fist-to-five (a VoteSpec)
    RATINGS = "ratings"  # several items on the 1-5 scale
    ANSWERS = "answers"  # "each in turn": one free-text answer per phone, shown at the close


@dataclass(frozen=True)
class Limits:
    """What the room accepts. Generous for a workshop, small enough that nobody can flood it."""

    line_chars: int = 300  # one proposal
    lines: int = 10  # proposals from one phone
    answer_chars: int = 1000  # one free-text answer
    devices: int = 200  # phones that may join one room
    body_bytes: int = 64 * 1024  # one request's body (ä is six bytes in a form)
    header_bytes: int = 16 * 1024  # one request's headers
    request_seconds: float = 10.0  # a request must arrive whole within this time
    connections: int = 200  # open connections at once; more get "busy"
    fields: int = 100  # fields in one form


class Refused(DialogiError):
    """An answer the room does not take. ``key`` names the message the phone shows; ``status``
    is the HTTP status the server answers with."""

    def __init__(self, key: str, /, status: int = 400, **params: Any):
        super().__init__(key, **params)
        self.status = status


@dataclass(frozen=True)
class Question:
    """What the phones are asked. Build with :func:`proposals`, :func:`ballot`, :func:`ratings`
    or :func:`answers`."""

    kind: Kind
    prompt: str  # the question, as the group reads it
    spec: VoteSpec | None = None  # BALLOT: the vote's rules and options
    items: dict[str, str] = field(default_factory=dict)  # RATINGS: item id -> what is rated

    @property
    def secret(self) -> bool:
        """The terminal sees only a count until the close (everything but proposals)."""
        return self.kind is not Kind.PROPOSALS


def proposals(prompt: str) -> Question:
    return Question(Kind.PROPOSALS, prompt)


def ballot(spec: VoteSpec, prompt: str = "") -> Question:
    """A secret ballot; for fist-to-five the prompt defaults to the proposal itself."""
    if not prompt and spec.method is Method.FIST:
        prompt = next(iter(spec.options.values()))
    return Question(Kind.BALLOT, prompt, spec=spec)


def ratings(prompt: str, items: Mapping[str, str]) -> Question:
    if not items:
        raise UsageError("room.setup.no_items")
    return Question(Kind.RATINGS, prompt, items=dict(items))


def answers(prompt: str) -> Question:
    return Question(Kind.ANSWERS, prompt)


Result = list[str] | VoteResult | RatingResult


class Round:
    """One open question. Thread-safe: the server's thread answers, the terminal's thread reads
    and closes."""

    def __init__(self, question: Question, limits: Limits = Limits(), expected: int | None = None):
        self.question = question
        self.limits = limits
        self.expected = expected  # how many are expected to answer, when known (shown, not enforced)
        self.id = secrets.token_hex(4)  # names the round in the phone's form; not a secret
        self._lock = threading.Lock()
        self._answered: set[str] = set()  # who: device tokens
        self._answers: dict[str, Any] = {}  # what: receipt -> answer, in the order first given
        self._closed = False
        self._version = 0  # grows with every answer, so a live view knows when to redraw

    # -- the phone's side ----------------------------------------------------------------------

    def answer(self, device: str, receipt: str | None, fields: Fields) -> str:
        """Take one phone's answer; returns the receipt that lets the same phone change it.

        A device that has answered may only replace its own answer, named by its receipt; a
        second new answer from it is refused. Invalid answers are refused and change nothing.
        """
        value = parse(self.question, fields, self.limits)
        with self._lock:
            if self._closed:
                raise Refused("room.refused.closed", status=409)
            if device in self._answered:
                if receipt is None or receipt not in self._answers:
                    raise Refused("room.refused.already", status=409)
                self._answers[receipt] = value  # a change keeps its place in the order
            else:
                receipt = secrets.token_urlsafe(16)
                self._answered.add(device)
                self._answers[receipt] = value
            self._version += 1
            return receipt

    def own(self, receipt: str | None) -> Any | None:
        """The answer given with ``receipt``, for the phone that holds it; None otherwise."""
        with self._lock:
            return None if receipt is None or self._closed else self._answers.get(receipt)

    def has_answered(self, device: str) -> bool:
        with self._lock:
            return device in self._answered

    # -- the terminal's side -------------------------------------------------------------------

    @property
    def answered(self) -> int:
        """How many phones have answered; never which, never what."""
        with self._lock:
            return len(self._answered)

    @property
    def version(self) -> int:
        with self._lock:
            return self._version

    @property
    def closed(self) -> bool:
        with self._lock:
            return self._closed

    def lines(self) -> list[str]:
        """Proposals so far, in the order they came (a changed answer keeps its place).

        Only for proposals, which the group writes to be seen; the other kinds stay hidden
        until :meth:`close`.
        """
        if self.question.kind is not Kind.PROPOSALS:
            raise TypeError("only proposals can be read before the round closes")
        with self._lock:
            return [line for given in self._answers.values() for line in given]

    def close(self, rng: random.Random | None = None) -> Result:
        """Close the round and count: proposals and answers as lists of text, a ballot as a
        :class:`~dialogi.voting.VoteResult` (secret), ratings as a :class:`RatingResult`.

        Free-text answers come shuffled (``rng``, for tests), so their order tells nothing
        about who wrote them. Everything per phone is dropped here.
        """
        with self._lock:
            if self._closed:
                raise UsageError("room.setup.closed_twice")
            self._closed = True
            given = list(self._answers.values())
            self._answers.clear()
            self._answered.clear()
        kind = self.question.kind
        if kind is Kind.PROPOSALS:
            return [line for lines in given for line in lines]
        if kind is Kind.ANSWERS:
            (rng or random.SystemRandom()).shuffle(given)
            return given
        if kind is Kind.RATINGS:
            counts = {item: [0] * len(SCALE) for item in self.question.items}
            for rated in given:
                for item, value in rated.items():
                    counts[item][value - 1] += 1
            return RatingResult(len(given), counts)
        assert self.question.spec is not None
        box = Ballot(self.question.spec)
        for choice in given:
            box.add(choice)
        return box.result()


# -- reading a phone's fields ------------------------------------------------------------------


def parse(question: Question, fields: Fields, limits: Limits = Limits()) -> Any:
    """The answer a form or JSON body gives, checked; :class:`Refused` with the reason otherwise.

    Proposals: ``text`` (one proposal a line) -> list of lines. Answers: ``text`` -> str.
    Dots: ``dots.<option id>`` -> {option: dots}. Approval: ``approve`` (repeated) -> option ids.
    Fist-to-five: ``level`` -> 0..5. Ratings: ``rate.<item id>`` -> {item: 1..5}, items left
    out are skipped.
    """
    if len(fields) > limits.fields or sum(len(v) for v in fields.values()) > limits.fields:
        raise Refused("room.refused.malformed")
    kind = question.kind
    if kind is Kind.PROPOSALS:
        return _lines(_one(fields, "text"), limits)
    if kind is Kind.ANSWERS:
        text = _clean(_one(fields, "text")).strip()
        if not text:
            raise Refused("room.refused.empty")
        if len(text) > limits.answer_chars:
            raise Refused("room.refused.too_long", limit=limits.answer_chars)
        return text
    if kind is Kind.RATINGS:
        return _ratings(question.items, fields)
    assert question.spec is not None
    return _ballot(question.spec, fields)


def _one(fields: Fields, name: str, required: bool = True) -> str:
    values = fields.get(name, [])
    if len(values) > 1:
        raise Refused("room.refused.malformed")
    if not values:
        if required:
            raise Refused("room.refused.empty")
        return ""
    return values[0]


def _clean(text: str) -> str:
    from dialogi.render.text import clean

    return clean(text)


def _lines(text: str, limits: Limits) -> list[str]:
    lines = [" ".join(line.split()) for line in _clean(text).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise Refused("room.refused.empty")
    if len(lines) > limits.lines:
        raise Refused("room.refused.too_many_lines", limit=limits.lines)
    for number, line in enumerate(lines, 1):
        if len(line) > limits.line_chars:
            raise Refused("room.refused.line_too_long", number=number, limit=limits.line_chars)
    return lines


def _number(text: str, low: int, high: int) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdecimal()) or not low <= int(text) <= high:
        raise Refused("room.refused.number", value=text[:20], low=low, high=high)
    return int(text)


def _known(name: str, prefix: str, known: Mapping[str, str]) -> str:
    key = name.removeprefix(prefix)
    if key not in known:
        raise Refused("room.refused.malformed")
    return key


def _ratings(items: Mapping[str, str], fields: Fields) -> dict[str, int]:
    rated = {}
    for name in fields:
        if name.startswith("rate."):
            value = _one(fields, name, required=False)
            if value:
                rated[_known(name, "rate.", items)] = _number(value, 1, 5)
    if not rated:
        raise Refused("room.refused.rate_none")
    return rated


def _ballot(spec: VoteSpec, fields: Fields) -> Any:
    if spec.method is Method.FIST:
        level = _one(fields, "level")
        if level not in LEVELS:
            raise Refused("room.refused.choose_level")
        choice: Any = int(level)
    elif spec.method is Method.APPROVAL:
        chosen = fields.get("approve", [])
        choice = [_known(o, "", spec.options) for o in chosen]
    else:
        assert spec.cap is not None
        choice = {}
        for name in fields:
            if name.startswith("dots."):
                value = _one(fields, name, required=False) or "0"
                dots = _number(value, 0, spec.cap)
                if dots:
                    choice[_known(name, "dots.", spec.options)] = dots
    try:
        Ballot(spec).add(choice)  # the same checks as the laptop's ballot (budget, cap, twice)
    except UsageError as error:
        raise Refused(error.key, **error.params) from None
    return choice
