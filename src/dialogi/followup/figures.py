"""The arithmetic of a plan review: how an indicator moved, and where it stands against its target.

Which way is better is not stored with an indicator; it is read from the plan itself. A target
above the previous value means *higher is better* (a wellbeing index, work engagement); a
target below it means *lower is better* (sickness absence, accidents). Without a previous
value or a target, or with a target equal to the previous value, the direction is unknown:
then a target counts as reached only when the new value is exactly on it, and otherwise
nothing is claimed (``None``).

Every function takes ``None`` for a missing value and returns ``None`` when it cannot say.
Results are rounded to hide binary noise (``4.1 - 4.5`` is ``-0.4``, not ``-0.3999…``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Direction = Literal["higher", "lower"]
HIGHER: Direction = "higher"
LOWER: Direction = "lower"

_DIGITS = 9


def _round(value: float) -> float:
    return round(value, _DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


def change(value: float | None, previous: float | None) -> float | None:
    """The absolute change from ``previous`` to ``value``."""
    if value is None or previous is None:
        return None
    return _round(value - previous)


def percent_change(value: float | None, previous: float | None) -> float | None:
    """The change in per cent of the previous value; ``None`` from a zero previous value
    (no percentage describes 0 -> 3), except 0 -> 0, which is no change at all."""
    difference = change(value, previous)
    if difference is None or previous is None:
        return None
    if previous == 0:
        return 0.0 if difference == 0 else None
    return _round(difference / abs(previous) * 100)


def direction(previous: float | None, target: float | None) -> Direction | None:
    """Which way is better, read from the plan: towards the target from the previous value."""
    if previous is None or target is None or target == previous:
        return None
    return HIGHER if target > previous else LOWER


def reached(value: float | None, target: float | None, better: Direction | None) -> bool | None:
    """Is the target reached: at or above it when higher is better, at or below when lower is."""
    if value is None or target is None:
        return None
    if better == HIGHER:
        return value >= target
    if better == LOWER:
        return value <= target
    return True if value == target else None


def to_go(value: float | None, target: float | None, better: Direction | None) -> float | None:
    """How far the value still is from the target in the better direction; 0 once reached."""
    if value is None or target is None or better is None:
        return None
    distance = target - value if better == HIGHER else value - target
    return max(_round(distance), 0.0)


def improved(value: float | None, previous: float | None, better: Direction | None) -> bool | None:
    """Did the value move the better way (``False`` for no change or the wrong way)."""
    difference = change(value, previous)
    if difference is None or better is None:
        return None
    return difference > 0 if better == HIGHER else difference < 0


@dataclass(frozen=True)
class Figures:
    """One indicator at a review, with everything the table shows."""

    value: float | None
    previous: float | None
    target: float | None
    change: float | None
    percent: float | None
    better: Direction | None
    reached: bool | None
    to_go: float | None
    improved: bool | None


def figures(value: float | None, previous: float | None, target: float | None) -> Figures:
    better = direction(previous, target)
    return Figures(
        value=value,
        previous=previous,
        target=target,
        change=change(value, previous),
        percent=percent_change(value, previous),
        better=better,
        reached=reached(value, target, better),
        to_go=to_go(value, target, better),
        improved=improved(value, previous, better),
    )
