"""All workshop files of a folder, each loaded or with the reason it could not be."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dialogi.errors import DialogiError, NotFound
from dialogi.record.models import Workshop


@dataclass
class Entry:
    path: Path
    workshop: Workshop | None = None
    problem: str = ""


def workshop_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise NotFound("errors.missing_file", file=str(folder))
    if not folder.is_dir():
        raise NotFound("errors.not_a_folder", folder=str(folder))
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))


def scan(folder: Path) -> list[Entry]:
    """Newest first; unreadable files last, each with its reason."""
    from dialogi.record.store import load

    entries = []
    for path in workshop_files(folder):
        try:
            entries.append(Entry(path, load(path)))
        except DialogiError as error:
            entries.append(Entry(path, problem="\n".join([error.message(), *error.details])))
    good = sorted((e for e in entries if e.workshop), key=lambda e: (e.workshop.date, e.path.name), reverse=True)
    return good + [e for e in entries if not e.workshop]
