"""Dates as facilitators type them: 2026-11-23 or 23.11.2026."""

from __future__ import annotations

import datetime as dt
import re

from dialogi.errors import UsageError


def parse_date(value: str) -> dt.date:
    text = value.strip()
    finnish = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if finnish:
            day, month, year = (int(g) for g in finnish.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError("errors.bad_date", value=value) from None
