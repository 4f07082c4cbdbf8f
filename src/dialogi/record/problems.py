"""Validation errors as readable lines in the UI language: one per failing field path."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dialogi.i18n import t

if TYPE_CHECKING:
    from pydantic import ValidationError

# pydantic error types that have a message of our own; the rest fall back to "invalid".
KNOWN = {
    "missing", "extra_forbidden", "string_type", "int_type", "int_parsing", "int_from_float",
    "float_type", "float_parsing", "bool_type", "bool_parsing", "date_type", "date_parsing",
    "date_from_datetime_inexact", "date_from_datetime_parsing", "list_type", "dict_type",
    "model_type", "literal_error", "enum", "greater_than_equal", "less_than_equal",
    "string_too_short", "string_too_long", "value_error", "model_attributes_type", "five_counts",
}


def field_path(loc: tuple[str | int, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top)"


def describe(error: ValidationError) -> list[str]:
    lines = []
    for e in error.errors(include_url=False):
        kind = e["type"] if e["type"] in KNOWN else "invalid"
        ctx = {k: str(v) for k, v in (e.get("ctx") or {}).items()}
        # pydantic joins the choices with an English "or": "'a', 'b' or 'c'" -> "'a', 'b', 'c'"
        expected = re.sub(r"' or '", "', '", ctx.get("expected", ""))
        params = {"expected": expected, "limit": ctx.get("ge", ctx.get("le", ctx.get("min_length", ctx.get("max_length", "")))), "reason": ctx.get("error", e["msg"]), "value": _short(e.get("input"))}
        lines.append(t("problems.line", path=field_path(e["loc"]), problem=t(f"problems.{kind}", **params)))
    return lines


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
