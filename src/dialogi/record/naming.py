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


def file_name(title: str, date: dt.date) -> str:
    return f"{date.isoformat()}-{slug(title)}.toml"
