"""Indicators as facilitators have them: typed numbers and CSV files from the organisation.

Pure parsing, no prompts. Numbers accept a decimal comma (``4,5``), spaces as thousands
separators (``1 200``) and a trailing unit (``5,8 %``). A CSV file has a header row with
the column names in English or Finnish (``name``/``nimi``, ``kind``/``laji``, ``value``/
``arvo``, ``unit``/``yksikkö``, ``period``/``ajanjakso``, ``source``/``lähde``,
``previous``/``edellinen``, and optionally ``target``/``tavoite`` and ``note``/``huomio``);
columns with other names are ignored. The delimiter (``,``, ``;`` or a tab) is read from
the header row. Problems raise :class:`~dialogi.errors.UsageError` with the row number
(the header is row 1) and the column, in ``content/<lang>/wellbeing_ui.toml``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from dialogi.errors import InvalidFile, NotFound, UsageError
from dialogi.record.models import Indicator, IndicatorKind
from dialogi.record.naming import free_id, slug

COLUMNS = ("name", "kind", "value", "unit", "period", "source", "previous", "target", "note")
NUMERIC = ("value", "previous", "target")

# header names, lower case, without surrounding spaces -> column
HEADERS: dict[str, str] = {
    **{c: c for c in COLUMNS},
    "indicator": "name", "nimi": "name", "mittari": "name", "tunnusluku": "name",
    "type": "kind", "laji": "kind", "tyyppi": "kind",
    "arvo": "value", "nykyinen": "value", "nykyinen arvo": "value",
    "yksikkö": "unit", "yksikko": "unit",
    "ajanjakso": "period", "jakso": "period", "aika": "period", "ajankohta": "period",
    "lähde": "source", "lahde": "source",
    "previous value": "previous", "edellinen": "previous", "edellinen arvo": "previous",
    "aiempi": "previous", "aiempi arvo": "previous",
    "tavoite": "target", "tavoitearvo": "target",
    "huomio": "note", "huomiot": "note", "notes": "note", "lisätieto": "note",
}

# the kind column: what people write -> the kind
KINDS: dict[str, IndicatorKind] = {
    **{k: IndicatorKind.OPERATIONS for k in (
        "operations", "operation", "operational", "toiminta", "toiminnan mittari",
        "toimintaa kuvaava", "määrällinen", "maarallinen",
    )},
    **{k: IndicatorKind.IMPACT for k in (
        "impact", "vaikutus", "vaikuttavuus", "vaikutusten mittari", "vaikuttavuutta kuvaava",
        "laadullinen",
    )},
}

_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_NO_DIGITS = re.compile(r"^\D*$")
EMPTY = ("-", "–", "—")  # a dash in a table: no figure


def parse_number(text: str | float | int | None) -> float | None:
    """``"4,5"`` -> 4.5, ``"5.8 %"`` -> 5.8, ``"1 200"`` -> 1200.0, ``""`` or ``"-"`` -> None.

    A unit may follow the number; anything else (two numbers, words before the number)
    raises ValueError.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, (int, float)):
        return float(text)
    s = str(text).strip().replace("\u2212", "-").replace("\u00a0", " ").replace("\u202f", " ")
    if not s or s in EMPTY:
        return None
    s = re.sub(r"(?<=\d) (?=\d{3}\b)", "", s)  # 1 200 -> 1200
    found = _NUMBER.match(s)
    if not found or not _NO_DIGITS.match(s[found.end():]):
        raise ValueError(text)
    return float(found.group(0).replace(",", "."))


def unit_after(text: str | float | int | None) -> str:
    """The unit written after a number: ``"20 h"`` -> ``"h"``, ``"5,8 %"`` -> ``"%"``, ``4.5`` -> ``""``."""
    if text is None or isinstance(text, (int, float)):
        return ""
    s = str(text).strip().replace("\u2212", "-")
    found = _NUMBER.search(s)
    return " ".join(s[found.end():].split())[:40] if found else ""


def parse_kind(text: str) -> IndicatorKind:
    """``operations``/``impact`` or their Finnish names; an empty cell means operations."""
    key = " ".join(str(text).strip().lower().split())
    if not key:
        return IndicatorKind.OPERATIONS
    if key not in KINDS:
        raise ValueError(text)
    return KINDS[key]


def same_name(name: str) -> str:
    """What makes two names the same indicator: case and spacing aside."""
    return " ".join(name.split()).casefold()


def indicator_id(name: str, taken: set[str] = frozenset()) -> str:
    """A readable id from the name (``sairauspoissaolot``), not one of ``taken``."""
    words = re.findall(r"[a-z0-9]+", name.lower().translate(str.maketrans("äöå", "aoa")))
    return free_id(slug(name) if words else "indicator", taken)


def named(indicators: list[Indicator], name: str) -> Indicator:
    """The indicator of that name in ``indicators``, or a new one added to them (a goal's
    measure described in words becomes an indicator, so that the review asks for it)."""
    found = next((i for i in indicators if same_name(i.name) == same_name(name)), None)
    if found is None:
        found = Indicator(id=indicator_id(name, {i.id for i in indicators}), name=" ".join(name.split())[:200])
        indicators.append(found)
    return found


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _columns(header: list[str], source: str) -> dict[int, tuple[str, str]]:
    """Position -> (column, its heading in the file), for the headings dialogi knows."""
    found: dict[int, tuple[str, str]] = {}
    for position, cell in enumerate(header):
        column = HEADERS.get(" ".join(cell.strip().lower().split()))
        if column and column not in (c for c, _ in found.values()):
            found[position] = (column, cell.strip())
    if "name" not in (c for c, _ in found.values()):
        shown = ", ".join(c.strip() for c in header if c.strip()) or "—"
        raise UsageError("wellbeing_ui.csv.no_name_column", file=source, found=shown)
    return found


def parse_csv(text: str, source: str = "CSV") -> list[Indicator]:
    """The indicators in a CSV text; empty rows are skipped. ``source`` names it in messages."""
    text = text.lstrip("\ufeff")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise UsageError("wellbeing_ui.csv.empty", file=source)
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0])))
    start = next(i for i, row in enumerate(rows) if any(c.strip() for c in row))
    columns = _columns(rows[start], source)
    indicators: list[Indicator] = []
    for number, row in enumerate(rows[start + 1:], start=start + 2):
        cells = {column: (row[position].strip(), heading)
                 for position, (column, heading) in columns.items() if position < len(row)}
        if not any(value for value, _ in cells.values()):
            continue
        indicators.append(_indicator(cells, number, {i.id for i in indicators}, source))
    if not indicators:
        raise UsageError("wellbeing_ui.csv.no_rows", file=source)
    return indicators


def _indicator(cells: dict[str, tuple[str, str]], row: int, taken: set[str], source: str) -> Indicator:
    def value(column: str) -> str:
        return cells.get(column, ("", ""))[0]

    name = " ".join(value("name").split())
    if not name:
        raise UsageError("wellbeing_ui.csv.no_name", file=source, row=row, column=cells["name"][1])
    if len(name) > 200:
        raise UsageError("wellbeing_ui.csv.long_name", file=source, row=row, column=cells["name"][1])
    # only what the row fills in, so that an update keeps the rest (``model_fields_set``)
    fields: dict[str, object] = {"name": name, "id": indicator_id(name, taken)}
    for column in NUMERIC:
        try:
            number = parse_number(value(column))
        except ValueError:
            raise UsageError("wellbeing_ui.csv.bad_number", file=source, row=row, column=cells[column][1],
                             value=value(column)) from None
        if number is not None:
            fields[column] = number
    if value("kind"):
        try:
            fields["kind"] = parse_kind(value("kind"))
        except ValueError:
            raise UsageError("wellbeing_ui.csv.bad_kind", file=source, row=row, column=cells["kind"][1],
                             value=value("kind")) from None
    for column in ("unit", "period", "source", "note"):
        if value(column):
            fields[column] = value(column)
    return Indicator(**fields)


def read_csv(path: Path | str) -> list[Indicator]:
    """The indicators in a CSV file (UTF-8, with or without a BOM, UTF-16, or Windows-1252 from Excel)."""
    path = Path(path).expanduser()
    if not path.exists():
        raise NotFound("wellbeing_ui.csv.missing", file=str(path))
    if path.is_dir():
        raise InvalidFile("wellbeing_ui.csv.directory", file=str(path))
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InvalidFile("wellbeing_ui.csv.unreadable", file=str(path), reason=e.strerror or str(e)) from None
    from dialogi.system.files import decode

    try:
        text = decode(raw)  # UTF-8 with or without a BOM, or UTF-16 (PowerShell 5.1's >)
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return parse_csv(text, str(path))
