"""The methods: each a list of steps over its content file."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from dialogi.record.models import MethodId

if TYPE_CHECKING:
    from dialogi.engine.steps import Method


@cache
def registry() -> dict[MethodId, "Method"]:
    from dialogi.methods import practices, principles

    found = [principles.OPENING, principles.REFLECTION, practices.PRACTICES]
    return {m.id: m for m in found}
