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


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it is shorter (31.1. + 1 -> 28.2.)."""
    import calendar

    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))
