"""An indicator over the years: its dated values across planning, reviews and the workshops that
continue one another.

A workshop made with ``dialogi new --from`` names the one it continues (``carried_from``, a
file in the same folder), so the workshops of a team form a chain, oldest first. An indicator
keeps its id when it is carried over, so its values can be gathered along the chain: the value
at each planning (dated to the workshop) and the reading of each complete plan review (dated to
the review). The value a new workshop took over from the latest reading is the same measurement,
not a new one, and is counted once.

Which way is better is the indicator's ``direction`` when the plan says it, else it is read
from the first value and the target (``figures.direction``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dialogi.followup.figures import Direction, direction, reached
from dialogi.followup.history import complete_reviews
from dialogi.record.models import Indicator, Workshop

PLANNING = "planning"
REVIEW = "review"
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Point:
    date: dt.date
    value: float
    kind: str  # PLANNING or REVIEW
    file: str = ""  # the workshop file it comes from


@dataclass
class Series:
    """One indicator over time, oldest value first."""

    id: str
    name: str
    unit: str = ""
    target: float | None = None
    better: Direction | None = None
    points: list[Point] = field(default_factory=list)

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def last(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def reached(self) -> bool | None:
        return reached(self.last.value if self.last else None, self.target, self.better)


def target_of(workshop: Workshop, indicator: Indicator) -> float | None:
    """The indicator's target, or the target value of a goal followed by it."""
    if indicator.target is not None:
        return indicator.target
    goals = workshop.wellbeing.goals
    return next((g.target_value for g in goals if g.indicator == indicator.id and g.target_value is not None), None)


def points_of(workshop: Workshop, indicator: Indicator, file: str = "") -> list[Point]:
    """The indicator's value at planning and its readings at the complete plan reviews."""
    points = [Point(workshop.date, indicator.value, PLANNING, file)] if indicator.value is not None else []
    for review in complete_reviews(workshop, "plan"):
        reading = next((r for r in review.indicators if r.indicator == indicator.id), None)
        if reading is not None:
            points.append(Point(review.date, reading.value, REVIEW, file))
    return points


def chain(path: Path, workshop: Workshop | None = None) -> list[tuple[str, Workshop]]:
    """The workshops this one continues, followed back through ``carried_from`` in its folder,
    then itself: (file name, workshop), oldest first. A link to a file that is gone or
    broken ends the chain there."""
    from dialogi.errors import DialogiError
    from dialogi.record.store import load

    path = Path(path)
    found = [(path.name, workshop if workshop is not None else load(path))]
    seen = {path.name}
    while (link := found[0][1].carried_from) and link not in seen and link == Path(link).name:
        seen.add(link)
        try:
            found.insert(0, (link, load(path.with_name(link))))
        except (DialogiError, ValueError):  # gone, broken, or no file name at all
            break
    return found


def _same(a: Indicator, b: Indicator) -> bool:
    from dialogi.indicators_csv import same_name

    return a.id == b.id or same_name(a.name) == same_name(b.name)


def series_of(workshops: list[tuple[str, Workshop]]) -> list[Series]:
    """Each indicator of the last workshop across ``workshops`` (oldest first, as ``chain``)."""
    if not workshops:
        return []
    result = []
    for indicator in workshops[-1][1].wellbeing.indicators:
        points: list[Point] = []
        for file, workshop in workshops:
            match = next((i for i in workshop.wellbeing.indicators if _same(i, indicator)), None)
            if match is None:
                continue
            found = points_of(workshop, match, file)
            if points and found and found[0].kind == PLANNING and found[0].value == points[-1].value:
                found = found[1:]  # the latest reading, taken over as the value at planning
            points += found
        start = points[0].value if points else indicator.previous
        target = target_of(workshops[-1][1], indicator)
        better = indicator.direction or direction(start, target)
        result.append(Series(indicator.id, indicator.name, indicator.unit, target, better, points))
    return result


def series(path: Path, workshop: Workshop | None = None) -> list[Series]:
    """The indicators of the workshop at ``path``, each over the workshops of its chain."""
    return series_of(chain(path, workshop))


def sparkline(values: list[float]) -> str:
    """``▁▃▅█``: the values as bars of eight heights, lowest to highest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[3] * len(values)
    return "".join(SPARKS[round((v - low) / (high - low) * (len(SPARKS) - 1))] for v in values)
