"""The demo: sample workshops run from answers files, start to finish, with no questions asked.

Each sample is an answers file (the format ``dialogi run --answers`` reads) whose ``[new]``
table holds the workshop's details. Running them exercises every method dialogi has.
"""

from __future__ import annotations

import io
from pathlib import Path

from dialogi.prompts import ScriptedAsker, flatten

SAMPLES = Path(__file__).parent
NAMES = ("kotihoito.fi.toml", "ward.en.toml")


def write_samples(folder: Path) -> list[Path]:
    """Create and run each sample in ``folder``; earlier demo files of the same name are replaced."""
    from rich.console import Console

    from dialogi.engine.session import Session, run
    from dialogi.new_workshop import Metadata, ask_metadata, build
    from dialogi.record import store
    from dialogi.record.naming import file_name
    from dialogi.record.store import read_data

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in NAMES:
        answers = ScriptedAsker(flatten(read_data(SAMPLES / name)), name)
        meta = ask_metadata(answers, Metadata())
        workshop = build(meta)
        path = folder / file_name(workshop.title, workshop.date)
        store.save(path, workshop)
        with store.editing(path) as workshop:
            run(Session(path, workshop, answers, Console(file=io.StringIO())))
        follow_up(path, answers)
        written.append(path)
    return written


def follow_up(path: Path, answers: ScriptedAsker) -> None:
    """The sample's ``[review]`` months later, when it has one and the workshop has something
    to review (agreed rules, a wellbeing plan)."""
    from rich.console import Console

    from dialogi.followup.runner import review_file, reviewable
    from dialogi.record import store

    if not any(key.startswith("review.") for key in answers.answers):
        return
    if reviewable(store.load(path)):
        fresh = ScriptedAsker(answers.answers, answers.source)
        review_file(path, console=Console(file=io.StringIO()), asker=fresh)
