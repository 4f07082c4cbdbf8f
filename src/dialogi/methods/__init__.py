"""The methods: each a list of steps over its content file."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from dialogi.record.models import MethodId

if TYPE_CHECKING:
    from dialogi.engine.steps import Method


@cache
def registry() -> dict[MethodId, "Method"]:
    from dialogi.methods import practices, principles, rules, wellbeing

    found = [principles.OPENING, principles.REFLECTION, practices.PRACTICES, rules.RULES, wellbeing.WELLBEING]
    return {m.id: m for m in found}
