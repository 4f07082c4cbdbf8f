"""All workshop files of a folder, each loaded or with the reason it could not be."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from dialogi.errors import DialogiError, NotFound
from dialogi.record.models import Workshop


@dataclass
class Entry:
    path: Path
    workshop: Workshop | None = None  # or what ``scan(folder, keep)`` kept of it
    problem: str = ""


def workshop_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise NotFound("errors.missing_file", file=str(folder))
    if not folder.is_dir():
        raise NotFound("errors.not_a_folder", folder=str(folder))
    from dialogi.record.store import remove_orphans

    remove_orphans(folder)  # temp files of saves nobody will finish (a killed new or session)
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))


def scan(folder: Path, keep: Callable[[Workshop], Any] | None = None) -> list[Entry]:
    """Newest first; unreadable files last, each with its reason.

    ``keep``: what to keep of each record instead of the whole of it (anything with a ``date``);
    each record is dropped as soon as it is summarised, so a folder of a thousand workshops
    fits in little memory (whole records take some 140 KiB each).
    """
    from dialogi.record.store import load

    entries = []
    for path in workshop_files(folder):
        try:
            workshop = load(path)
            entries.append(Entry(path, keep(workshop) if keep else workshop))
        except DialogiError as error:
            entries.append(Entry(path, problem="\n".join([error.message(), *error.details])))
    good = sorted((e for e in entries if e.workshop), key=lambda e: (e.workshop.date, e.path.name), reverse=True)
    return good + [e for e in entries if not e.workshop]
