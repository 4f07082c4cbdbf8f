"""The demo: sample workshops run from answers files, start to finish, with no questions asked.

Each sample is an answers file (the format ``dialogi run --answers`` reads) whose ``[new]``
table holds the workshop's details. Running them exercises every method dialogi has. A
sample in ``CONTINUES`` is next year's workshop of another: it is made as ``dialogi new
--from`` makes it, so the demo shows a team's yearly cycle (and its follow-up report).
"""

from __future__ import annotations

import io
from pathlib import Path

from dialogi.prompts import ScriptedAsker, flatten

SAMPLES = Path(__file__).parent
NAMES = ("kotihoito.fi.toml", "ward.en.toml", "ward-2027.en.toml")
CONTINUES = {"ward-2027.en.toml": "ward.en.toml"}  # next year's sample -> last year's
STANDALONE = tuple(name for name in NAMES if name not in CONTINUES)  # each runs in a new workshop of its own


def write_samples(folder: Path) -> list[Path]:
    """Create and run each sample in ``folder``; earlier demo files of the same name are replaced."""
    from dialogi.carry_over import carry_over
    from dialogi.new_workshop import Metadata, ask_metadata, build, fill_from_last
    from dialogi.record import store
    from dialogi.record.naming import file_name
    from dialogi.record.store import read_data

    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name in NAMES:
        answers = ScriptedAsker(flatten(read_data(SAMPLES / name)), name)
        last_path = written.get(CONTINUES.get(name, ""))
        if last_path is None:
            workshop = build(ask_metadata(answers, Metadata()))
        else:  # as dialogi new --from last_path
            last = store.load(last_path)
            meta = fill_from_last(Metadata(language=last.language), last, template_given=False)
            workshop = carry_over(last, last_path, build(ask_metadata(answers, meta, last.title)))
        path = folder / file_name(workshop.title, workshop.date)
        store.save(path, workshop)
        run_sample(path, answers)
        written[name] = path
    return list(written.values())


def run_sample(path: Path, answers: ScriptedAsker) -> None:
    """The sample's workshop, then its ``[review]`` months later."""
    from rich.console import Console

    from dialogi.engine.session import Session, run
    from dialogi.record import store

    with store.editing(path) as workshop:
        run(Session(path, workshop, answers, Console(file=io.StringIO())))
    follow_up(path, answers)


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


def second_year(paths: list[Path]) -> Path | None:
    """The demo workshop that continues another (the ward's second year)."""
    return paths[NAMES.index(next(iter(CONTINUES)))] if len(paths) == len(NAMES) else None
