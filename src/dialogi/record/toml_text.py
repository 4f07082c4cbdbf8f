"""The TOML text of a record, made again only for the parts that changed since the last save.

A session saves the whole record after every answer. With tomli-w, turning a big record (300
proposals and a vote over them) into TOML took longer than everything else a save does, about
15 ms. Between two saves only one answer changes, so the text of every other part is the same
as last time. ``dumps`` builds the document the way tomli-w does — the root's plain values
first, then each table in order, a blank line before each — from the text of the parts two
levels down (``rules.proposals``, ``wellbeing.goals``, ``reviews``…), and asks tomli-w again
only for a part whose value differs from the one it last wrote. The result is exactly
``tomli_w.dumps(data)``; the tests compare the two.

A long list of flat tables (300 rule proposals) is itself made from the text of each of its
tables, so that editing one proposal makes one table's text again, not three hundred (~2 ms
of every such save before).

Comparing values with ``==`` is enough because the data come from ``Workshop.model_dump``:
the models fix each value's type (a float field always holds a float, never the equal int),
so equal values always have the same text.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

# (top-level key, second-level key or None) -> (the value last written there, its text)
_written: dict[tuple[str, str | None], tuple[Any, str]] = {}
# (top-level key, second-level key) -> per table of a list of flat tables: (its value, its text
# as a line of an inline array or None when too long for one, its text as a [[table]])
_tables: dict[tuple[str, str], list[tuple[Any, str | None, str | None]]] = {}


def dumps(data: Mapping[str, Any]) -> str:
    """``tomli_w.dumps(data)``, reusing the text of the parts that did not change.

    The parts of ``data`` are kept to compare with next time, so ``data`` must be new at each
    call and not changed afterwards (``store.dump`` makes it with ``model_dump`` each time).
    """
    literals, tables = [], []
    for key, value in data.items():
        if isinstance(value, Mapping):
            tables.append(_section(key, value))
        else:
            text = _part(key, None, value)
            (tables if _is_table(value, text) else literals).append(text)
    return _join("", literals, tables)


def _section(key: str, section: Mapping[str, Any]) -> str:
    """The text of the table ``[key]`` with everything under it, as it appears in the document."""
    literals, tables = [], []
    for name, value in section.items():
        text = _part(key, name, value)
        if isinstance(value, Mapping) or _is_table(value, text):
            tables.append(text)
        else:  # "[key]\nname = …\n": the line after the header
            literals.append(text.split("\n", 1)[1])
    return _join(_header(key) if literals or not tables else "", literals, tables)


def _join(header: str, literals: list[str], tables: list[str]) -> str:
    """As tomli-w writes a table: its header, its plain values, then its tables, a blank line before each."""
    out = header + "".join(literals)
    for text in tables:
        out += ("\n" if out else "") + text
    return out


@cache
def _header(key: str) -> str:
    import tomli_w

    return tomli_w.dumps({key: {}})  # "[key]\n", the key quoted if it must be


def _is_table(value: Any, text: str) -> bool:
    """A list of tables too long to write inline comes out as ``[[…]]`` tables, not as a value."""
    return isinstance(value, (list, tuple)) and text.startswith("[[")


def _part(key: str, name: str | None, value: Any) -> str:
    """tomli-w's text of ``{key: {name: value}}`` (``{key: value}`` without a name), from the last save if unchanged."""
    import tomli_w

    last = _written.get((key, name))
    if last is not None and last[0] == value:
        return last[1]
    if name is not None and _flat_tables(value):
        text = _list_of_tables(key, name, value)
    else:
        text = tomli_w.dumps({key: value} if name is None else {key: {name: value}})
    _written[(key, name)] = (value, text)
    return text


def _flat_tables(value: Any) -> bool:
    """A long list of tables holding plain values only (no tables inside): rule proposals, say."""
    return (
        isinstance(value, list) and len(value) > 8
        and all(isinstance(t, Mapping) and not any(isinstance(v, (Mapping, list, tuple)) for v in t.values()) for t in value)
    )


def _list_of_tables(key: str, name: str, tables: list[Mapping[str, Any]]) -> str:
    """What tomli-w writes for ``{key: {name: tables}}``: an inline array when every table fits
    on one line, else one ``[[key.name]]`` table after another; each table's text is reused."""
    import tomli_w

    before = _tables.get((key, name), [])
    heading = f"[[{_header(key)[1:-2]}.{_key(name)}]]\n"
    parts = []
    for n, table in enumerate(tables):
        if n < len(before) and before[n][0] == table:
            parts.append(before[n])
            continue
        alone = tomli_w.dumps({key: {name: [table]}})
        if alone.startswith("[["):  # too long for one line
            parts.append((table, None, alone))
        else:  # "[key]", "name = [", then the table's line
            parts.append((table, alone.split("\n")[2] + "\n", heading + tomli_w.dumps(table)))
    _tables[(key, name)] = parts
    if all(inline is not None for _, inline, _ in parts):
        return f"{_header(key)}{_key(name)} = [\n" + "".join(inline for _, inline, _ in parts) + "]\n"
    return "\n".join(text for _, _, text in parts)


@cache
def _key(name: str) -> str:
    import tomli_w

    return tomli_w.dumps({name: 0})[: -len(" = 0\n")]  # bare, or quoted if it must be
