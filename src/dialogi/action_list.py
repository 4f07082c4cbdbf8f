"""Actions across all workshops of a folder: collected, filtered, sorted, and as CSV or JSON.

An action belongs to a goal of a wellbeing plan, or was carried over from an earlier plan
(then it names the goal it served there and its id there). When a later workshop in the same
folder continues an earlier one (``dialogi new --from``), the actions it carried over are
listed once, from the later workshop; an action carried into several workshops is listed from
the newest. Everything else of the earlier workshop - done, dropped, or left behind - stays
listed from there. ``Listing.handed_on`` counts the copies left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dialogi.errors import UsageError
from dialogi.record.folder import Entry
from dialogi.record.models import Action, ActionStatus, Workshop

OPEN = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
FORMATS = ("table", "csv", "json")
# the columns of --format csv and the keys of --format json: stable names for other tools
FIELDS = (
    "due", "overdue", "owner", "action", "status", "goal", "workshop", "workshop_date", "file",
    "action_id", "carried_from", "note",
)


@dataclass(frozen=True)
class Filters:
    owner: str = ""  # a part of the owner's name, case does not matter
    statuses: tuple[ActionStatus, ...] = OPEN
    due_before: dt.date | None = None  # strictly before
    overdue_only: bool = False

    @property
    def open_only(self) -> bool:
        return set(self.statuses) == set(OPEN)


@dataclass(frozen=True)
class Source:
    """What the action list needs of a workshop; rows keep this, not the whole record (a folder
    of 1,000 workshops kept whole took some 200 MB; see bench/memory.py)."""

    title: str
    date: dt.date
    carried_from: str
    actions: tuple[tuple[str, Action], ...]  # (its goal's title, or the goal a carried-over action names; the action)

    @classmethod
    def of(cls, workshop: Workshop, wanted: Callable[[Action], bool] = lambda action: True) -> "Source":
        """``wanted``: which actions to keep (the others can never be listed)."""
        pairs = tuple((goal.title if goal else action.goal, action) for goal, action in workshop.all_actions() if wanted(action))
        return cls(workshop.title, workshop.date, workshop.carried_from, pairs)


@dataclass(frozen=True)
class ActionRow:
    path: Path
    workshop: Source
    goal: str  # the goal's title ("" for carried-over work that names none)
    action: Action
    overdue: bool


@dataclass
class Listing:
    rows: list[ActionRow] = field(default_factory=list)
    unreadable: list[Entry] = field(default_factory=list)
    handed_on: int = 0  # matching actions of workshops a later one continues: not listed


def parse_statuses(values: list[str]) -> tuple[ActionStatus, ...]:
    """``--status`` values (repeated or comma-separated): the four statuses, ``open`` or ``all``."""
    known = {s.value: (s,) for s in ActionStatus} | {"open": OPEN, "all": tuple(ActionStatus)}
    picked: list[ActionStatus] = []
    for value in (v.strip().lower() for text in values for v in text.split(",")):
        if not value:
            continue
        if value not in known:
            raise UsageError("actions.bad_status", value=value, choices=", ".join(known))
        picked.extend(s for s in known[value] if s not in picked)
    return tuple(picked) or OPEN


def parse_format(value: str) -> str:
    if value.strip().lower() not in FORMATS:
        raise UsageError("actions.bad_format", value=value, choices=", ".join(FORMATS))
    return value.strip().lower()


def is_overdue(action: Action, today: dt.date) -> bool:
    return action.due is not None and action.due < today and action.status in OPEN


def rows_of(path: Path, workshop: Workshop | Source, today: dt.date) -> list[ActionRow]:
    source = workshop if isinstance(workshop, Source) else Source.of(workshop)
    return [ActionRow(path, source, goal, action, is_overdue(action, today)) for goal, action in source.actions]


def matches(row: ActionRow, filters: Filters) -> bool:
    return action_matches(row.action, row.overdue, filters)


def action_matches(action: Action, overdue: bool, filters: Filters) -> bool:
    if action.status not in filters.statuses:
        return False
    if filters.owner and filters.owner.casefold() not in action.owner.casefold():
        return False
    if filters.due_before and (action.due is None or action.due >= filters.due_before):
        return False
    return overdue or not filters.overdue_only


def sort_key(row: ActionRow) -> tuple:
    due = row.action.due
    return (due is None, due or dt.date.max, row.action.owner.casefold(), row.workshop.date, row.path.name, row.action.id)


def handed_from(action: Action) -> tuple[str, str] | None:
    """A carried-over action's (source file, id there); None for an action planned here."""
    if not action.carried_from:
        return None
    return action.carried_from, action.origin or action.id


def collect(entries: list[Entry], filters: Filters, today: dt.date) -> Listing:
    """The matching actions of the entries (newest first, as ``scan`` gives them), soonest due first."""
    readable = [(e.path, e.workshop if isinstance(e.workshop, Source) else Source.of(e.workshop))
                for e in entries if e.workshop is not None]
    handed = {  # what later workshops carried over, by its place in the earlier one
        source for path, workshop in readable
        for _, action in workshop.actions if (source := handed_from(action)) and source[0] != path.name
    }
    listing = Listing(unreadable=[e for e in entries if e.workshop is None])
    seen: set[tuple[str, str]] = set()  # (source file, id) of carried-over actions already met
    for path, workshop in readable:  # newest first: the newest copy of an action is the one that counts
        for row in rows_of(path, workshop, today):
            source = handed_from(row.action)
            superseded = (path.name, row.action.id) in handed or source in seen
            if source:
                seen.add(source)
            if not matches(row, filters):
                continue
            if superseded:
                listing.handed_on += 1
            else:
                listing.rows.append(row)
    listing.rows.sort(key=sort_key)
    return listing


def list_actions(folder: Path, filters: Filters, today: dt.date) -> Listing:
    from dialogi.record.folder import scan

    def wanted(action: Action) -> bool:
        """Matching actions, and every carried-over one: a newer copy of it hides an older one, matching or not."""
        return bool(action.carried_from) or action_matches(action, is_overdue(action, today), filters)

    return collect(scan(folder, keep=lambda workshop: Source.of(workshop, wanted)), filters, today)


# -- for other tools ------------------------------------------------------------------------


def record(row: ActionRow) -> dict[str, object]:
    """One row as plain values: ISO dates, status ids, user text without control characters."""
    from dialogi.render.text import clean

    a, w = row.action, row.workshop
    return {
        "due": a.due.isoformat() if a.due else None,
        "overdue": row.overdue,
        "owner": clean(a.owner),
        "action": clean(a.text),
        "status": a.status.value,
        "goal": clean(row.goal),
        "workshop": clean(w.title),
        "workshop_date": w.date.isoformat(),
        "file": clean(row.path.name),
        "action_id": clean(a.id),
        "carried_from": clean(a.carried_from),
        "note": clean(a.note),
    }


def to_json(rows: list[ActionRow]) -> str:
    import json

    return json.dumps([record(r) for r in rows], ensure_ascii=False, indent=2)


def to_csv(rows: list[ActionRow]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        values = record(row)
        values["due"] = values["due"] or ""
        values["overdue"] = "true" if row.overdue else "false"
        writer.writerow({k: _not_a_formula(v) for k, v in values.items()})
    return out.getvalue()


def _not_a_formula(value: object) -> object:
    """A spreadsheet would run a cell starting with = + - @ as a formula: keep it text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
