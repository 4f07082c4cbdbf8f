"""The one way a step asks the group for input: :class:`Group`.

A step that needs the group's proposals, a secret ballot, ratings or answers "each in turn"
asks a ``Group`` and gets the same result shapes whichever way they were given:

* the laptop (today's flow): the facilitator types the proposals, and for secret ballots,
  ratings and answers the laptop is passed from person to person, the screen cleared between
  them; the answers file can stand in for the keyboard, under ``key``;
* the room (:class:`dialogi.ui.room.room.RoomGroup`): everyone answers on their own phone at
  once and the facilitator closes the round; ``key`` is not needed there.

Results are the shapes the record takes: proposals and answers as lists of text, a ballot as
a :class:`~dialogi.voting.VoteResult` (``to_record()`` gives the ``Vote``), ratings as counts
per item of the 1-5 scale (the ``Rate`` step's ``set_counts`` shape). Nothing per person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from dialogi.voting import VoteResult, VoteSpec


@dataclass(frozen=True)
class RatingResult:
    """Ratings once everyone has rated: per item, how many gave 1, 2, 3, 4 and 5."""

    voters: int  # how many rated (items may be left out, so an item's counts can add up to less)
    counts: dict[str, list[int]]  # item id -> [n1, n2, n3, n4, n5]


class Group(Protocol):
    """The group's input. Each call returns when the round is over: everyone has had a turn at
    the laptop, or the facilitator closed the round on the phones. Ctrl-C (KeyboardInterrupt)
    abandons the round: nothing of it is returned or kept."""

    def proposals(self, key: str, prompt: str) -> list[str]:
        """Proposals, one line each, in the order they came (not who wrote them)."""
        ...

    def ballot(self, key: str, spec: "VoteSpec", *, prompt: str = "", voters: int | None = None) -> "VoteResult":
        """A secret ballot on ``spec`` (dots, approval, or fist-to-five on one proposal).
        ``voters``: how many are expected (the laptop needs it; the room shows it)."""
        ...

    def ratings(self, key: str, prompt: str, items: Mapping[str, str], *, voters: int | None = None) -> RatingResult:
        """Each person rates each item (id -> text) on the 1-5 scale, in secret."""
        ...

    def answers(self, key: str, prompt: str, *, voters: int | None = None) -> list[str]:
        """One free-text answer from each person ("each in turn"), in an order that tells
        nothing about who wrote which."""
        ...
