"""Messages and method content in per-language TOML files.

Every file ``content/<lang>/<name>.toml`` is a namespace: the key ``cli.list.title`` is the
table path ``list.title`` in ``cli.toml``. Files load lazily, once each. Messages are whole
sentences with named ``{placeholders}``; never glue translated words together.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("fi", "en")
DEFAULT = "en"
CONTENT = Path(__file__).parent / "content"

_ui_language: str | None = None
_explicit = False  # chosen with --lang or DIALOGI_LANG, not read from the locale


def detect_language(explicit: str | None = None) -> str:
    """--lang, then DIALOGI_LANG, then the system's language; English when nothing says otherwise."""
    from dialogi.system.language import code

    for candidate in (explicit, os.environ.get("DIALOGI_LANG"), *_locale_names()):
        if candidate and code(candidate) in LANGUAGES:
            return code(candidate)
    return DEFAULT


def _locale_names() -> list[str]:
    from dialogi.system.language import preferred

    return preferred()


def explicitly_chosen(explicit: str | None = None) -> bool:
    """Did the user choose the UI language (--lang, DIALOGI_LANG) rather than the locale?"""
    return any(c and c.strip().lower()[:2] in LANGUAGES for c in (explicit, os.environ.get("DIALOGI_LANG")))


def set_language(lang: str, explicit: bool = False) -> None:
    global _ui_language, _explicit
    _ui_language = lang if lang in LANGUAGES else DEFAULT
    _explicit = explicit


def ui_language() -> str:
    if _ui_language is None:
        set_language(detect_language(), explicitly_chosen())
    return _ui_language  # type: ignore[return-value]


def follow_workshop(lang: str) -> None:
    """A session on a workshop speaks the workshop's language unless the user chose the UI
    language (a Finnish locale would otherwise mix Finnish menus into an English workshop)."""
    ui_language()
    if not _explicit:
        set_language(lang)


@cache
def content(name: str, lang: str) -> dict[str, Any]:
    """The parsed data file ``content/<lang>/<name>.toml``."""
    with open(CONTENT / lang / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


def lookup(key: str, lang: str) -> Any:
    name, _, path = key.partition(".")
    node: Any = content(name, lang)
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The message ``key`` in ``lang`` (default: the UI language), placeholders filled in."""
    text = lookup(key, lang or ui_language())
    return text.format(**params) if params else text


def plural(key: str, count: int, lang: str | None = None, /, **params: Any) -> str:
    """Messages with a count keep ``one`` and ``other`` forms under ``key``."""
    form = "one" if count == 1 else "other"
    return t(f"{key}.{form}", lang, count=count, **params)
