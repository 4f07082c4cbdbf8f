"""Safe file names for workshops: ``2026-11-23-kotihoidon-pelisaannot.toml``."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_FINNISH = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a", "ß": "ss", "æ": "ae", "ø": "o"})
MAX_SLUG = 60


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; never empty, never a path."""
    text = unicodedata.normalize("NFKD", text.translate(_FINNISH))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", text)
    result = "-".join(words)[:MAX_SLUG].strip("-")
    return result or "workshop"


def free_id(wanted: str, taken: set[str] | frozenset[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… whichever is not yet ``taken``."""
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def file_name(title: str, date: dt.date) -> str:
    return f"{date.isoformat()}-{slug(title)}.toml"
