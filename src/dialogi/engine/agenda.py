"""Agenda templates: which methods a workshop runs, in order."""

from __future__ import annotations

from dialogi.record.models import AgendaItem, MethodId

TEMPLATES: dict[str, list[MethodId]] = {
    "rules": [MethodId.PRINCIPLES, MethodId.RULES, MethodId.REFLECTION],
    "wellbeing": [MethodId.PRINCIPLES, MethodId.WELLBEING, MethodId.REFLECTION],
    "dialogue": [MethodId.PRINCIPLES, MethodId.PRACTICES, MethodId.REFLECTION],
    "custom": [],
}


def agenda_for(methods: list[MethodId]) -> list[AgendaItem]:
    """One item per method in the given order; the closing reflection always last."""
    ordered = [m for m in methods if m != MethodId.REFLECTION]
    if MethodId.REFLECTION in methods:
        ordered.append(MethodId.REFLECTION)
    return [AgendaItem(method=m) for m in dict.fromkeys(ordered)]
