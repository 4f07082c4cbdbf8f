"""Reading the numbers facilitators type: rating counts and averages."""

from __future__ import annotations

import re


def parse_counts(text: str, participants: int = 0) -> tuple[list[int], str]:
    """"0 1 3 4 2" -> how many gave 1..5; the second value names the problem, if any."""
    parts = [p for p in re.split(r"[\s,;/]+", str(text).strip()) if p]
    if not parts:
        return [], "steps.no_counts"  # not "”” ei ole viisi kokonaislukua"
    try:
        counts = [int(p) for p in parts]
    except ValueError:
        return [], "steps.bad_counts"
    if len(counts) != 5 or any(c < 0 for c in counts):
        return [], "steps.bad_counts"
    if participants and sum(counts) > participants:
        return [], "steps.too_many_counts"
    return counts, ""


def example_counts(participants: int = 0) -> str:
    """Five counts for the prompt's example that a group of ``participants`` could give: "0 1 2 2 1"
    for six (or an unknown number), twice that for twelve, "0 0 1 2 0" for three."""
    fill = (3, 2, 3, 1, 2, 4)  # the middle of the scale first; six people give 0 1 2 2 1
    counts = [0] * 5
    for n in range(participants % 6 if 0 < participants < 6 else 6):
        counts[fill[n]] += 1
    times = max(participants // 6, 1)
    return " ".join(str(c * times) for c in counts)


def parse_average(text: str) -> tuple[float, str]:
    """"3,5" or "3.5" -> 3.5, between 1 and 5."""
    if not str(text).strip():
        return 0.0, "steps.no_average"
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        return 0.0, "steps.bad_average"
    if not 1 <= value <= 5:
        return 0.0, "steps.bad_average"
    return round(value, 2), ""


def average_of(counts: list[int]) -> float | None:
    total = sum(counts)
    return round(sum((n + 1) * c for n, c in enumerate(counts)) / total, 2) if total else None
