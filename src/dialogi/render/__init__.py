"""Rendering a workshop record: Markdown and JSON (``markdown``), the terminal (``terminal``).

Importing this package loads neither rich nor the record models; the names below load their
module on first use, so ``from dialogi.render import to_markdown, show`` works either way.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "to_markdown": "dialogi.render.markdown",
    "to_json": "dialogi.render.markdown",
    "escape_md": "dialogi.render.markdown",
    "cell": "dialogi.render.markdown",
    "show": "dialogi.render.terminal",
    "safe": "dialogi.render.terminal",
    "bar_chart": "dialogi.render.terminal",
    "format_date": "dialogi.render.text",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
