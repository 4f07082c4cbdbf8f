"""TOML syntax errors in the user's language.

Python's ``tomllib`` explains a syntax error in English only ("Unclosed array"); a facilitator
who edited a workshop or answers file by hand gets the explanation from ``content/*/toml.toml``
instead, in plain words, with the key or character it names. A message this table does not
know (a newer Python may word one differently) is shown as tomllib wrote it.
"""

from __future__ import annotations

import ast
import re

from dialogi.i18n import t

# tomllib's messages, without the position; named groups become the message's parameters.
_MESSAGES = [
    (r"Cannot overwrite a value", "overwrite"),
    (r"Cannot declare (?P<key>\(.*\)) twice", "declared_twice"),
    (r"Cannot mutate immutable namespace (?P<key>\(.*\))", "closed"),
    (r"Cannot redefine namespace (?P<key>\(.*\))", "redefined"),
    (r"Duplicate inline table key (?P<key>'.*'|\".*\")", "duplicate_key"),
    (r"Escaped character is not a Unicode scalar value", "bad_escape_code"),
    (r"Unescaped '\\' in a string", "backslash"),
    (r"Expected '=' after a key in a key/value pair", "expected_equals"),
    (r"Expected ']' at the end of a table declaration", "table_heading"),
    (r"Expected ']]' at the end of an array declaration", "array_heading"),
    (r"Expected newline or end of document after a statement", "more_on_line"),
    (r"Expected (?P<expected>'.*'|\".*\")", "expected"),
    (r"Invalid date or datetime", "bad_date"),
    (r"Invalid hex value", "bad_hex"),
    (r"Invalid initial character for a key part", "bad_key"),
    (r"Invalid statement", "bad_statement"),
    (r"Invalid value", "bad_value"),
    (r"Unclosed array", "unclosed_array"),
    (r"Unclosed inline table", "unclosed_table"),
    (r"Unterminated string", "unterminated_string"),
    (r"(?:Found invalid|Illegal) character '\\n'", "unterminated_string"),  # a text that runs to the line's end
    (r"(?:Found invalid|Illegal) character (?P<char>'.*'|\".*\")", "bad_character"),
]


def explain(detail: str) -> str:
    """tomllib's ``detail`` (its message without the position) in the user's language."""
    for pattern, key in _MESSAGES:
        found = re.fullmatch(pattern, detail, re.S)
        if found:
            return t(f"toml.{key}", **{name: _readable(name, value) for name, value in found.groupdict().items()})
    return detail


def _readable(name: str, value: str) -> str:
    """``('rules', 'agreed')`` -> ``rules.agreed``; a key or a character as its Python literal."""
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value
    if isinstance(parsed, tuple):
        return ".".join(map(str, parsed))
    return value if name == "char" else str(parsed)  # a character stays quoted: '\x00', '\t'
