"""Older record formats, brought up to the current schema in memory.

A file is migrated when it is next saved; ``store.save`` keeps a backup of the original.
Each step takes the data of schema N and returns the data of schema N + 1.
"""

from __future__ import annotations

from typing import Any, Callable


def _from_0(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 0: a hand-written file without a ``schema`` key, its agenda a list of method names."""
    data = dict(data)
    agenda = data.get("agenda", [])
    if isinstance(agenda, list):
        data["agenda"] = [{"method": a} if isinstance(a, str) else a for a in agenda]
    names = data.get("participants")
    if isinstance(names, str):  # "Aino, Pekka, Sari"
        data["participants"] = [n.strip() for n in names.split(",") if n.strip()]
    data["schema"] = 1
    return data


STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _from_0}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("schema", 0)
    while isinstance(version, int) and version in STEPS:
        data = STEPS[version](data)
        version = data["schema"]
    return data
