"""The closing reflection "each in turn": per-person ratings, like secret ballots, stay in
memory until the round is complete. Nothing of an unfinished round reaches the workshop folder
(the file, backups, temporary files); an interrupted round starts again and says so; a rerun
keeps the earlier result until the new round is complete, and asks before replacing it.
"""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import pytest
from rich.console import Console

from dialogi.engine.session import Session, run
from dialogi.engine.steps import HeldInMemory
from dialogi.engine.agenda import agenda_for
from dialogi.prompts import ScriptedAsker
from dialogi.record import store
from dialogi.record.models import MethodId, PrincipleRating, Workshop

NAMES = ["Anna", "Ben", "Chen", "Dina", "Elias", "Fatima"]


def ratings(mode: str = "individual") -> dict:
    """Anna gives every principle 5, Ben 1, everyone else 3: a half-done round would show."""
    answers = {"agenda": "reflection", "reflection.mode": mode}
    for name in NAMES:
        for principle in range(1, 14):
            answers[f"reflection.individual.{name}.{principle}"] = {"Anna": "5", "Ben": "1"}.get(name, "3")
    return answers


def new_file(folder: Path) -> Path:
    import datetime as dt

    w = Workshop(title="Closing", date=dt.date(2026, 11, 23), language="en", participant_count=6,
                 participants=NAMES, agenda=agenda_for([MethodId.REFLECTION]))
    path = folder / "w.toml"
    store.save(path, w)
    return path


class StopAt(ScriptedAsker):
    """Ctrl-C when the question ``key`` comes."""

    def __init__(self, answers: dict, key: str):
        super().__init__(dict(answers))
        self.key = key

    def _get(self, key, message, default=None):
        if key == self.key:
            raise KeyboardInterrupt
        return super()._get(key, message, default)


def run_with(path: Path, asker) -> str:
    console = Console(file=io.StringIO(), width=120)
    with store.editing(path) as workshop:
        run(Session(path, workshop, asker, console))
    return console.file.getvalue()


@pytest.fixture
def written(monkeypatch) -> list[bytes]:
    """Every file content dialogi writes through the store (what each temporary file held)."""
    seen: list[bytes] = []
    real = store.write_bytes_atomic

    def recording(path, data: bytes) -> None:
        seen.append(data)
        real(path, data)

    monkeypatch.setattr(store, "write_bytes_atomic", recording)
    return seen


def counted(data: bytes) -> list[list[int]]:
    """The rating counts a workshop file holds."""
    return [r.get("counts", []) for r in tomllib.loads(data.decode("utf-8")).get("principles", {}).get("ratings", [])]


def test_an_interrupted_round_leaves_nothing_of_the_first_two_peoples_ratings(tmp_path, written):
    path = new_file(tmp_path)
    with pytest.raises(HeldInMemory) as stopped:
        run_with(path, StopAt(ratings(), "reflection.individual.Chen.1"))  # after Anna and Ben
    assert written, "the mode was saved"
    for data in written:
        assert counted(data) == [] and b"individual.Anna" not in data
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {p.name for p in files} <= {"w.toml", ".w.toml.lock"}  # no temporary file or backup left behind
    for file in files:
        data = file.read_bytes()
        assert b"Anna" not in data.replace(b'"Anna"', b"") or counted(data) == []  # her name only in the participants
        if file.suffix == ".toml":
            assert counted(data) == []
    assert stopped.value.message_key == "engine.interrupted_ratings"  # Ctrl-C says the round is gone


def test_an_interrupted_round_starts_again_from_the_first_person_and_says_so(tmp_path):
    path = new_file(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        run_with(path, StopAt(ratings(), "reflection.individual.Chen.1"))

    class Recording(ScriptedAsker):
        asked: list[str] = []

        def _get(self, key, message, default=None):
            self.asked.append(key)
            return super()._get(key, message, default)

    asker = Recording(ratings())
    shown = " ".join(run_with(path, asker).split())
    assert "The round was interrupted before everyone had rated. Nothing of it was saved" in shown
    assert [k for k in asker.asked if ".individual." in k][0] == "reflection.individual.Anna.1"
    first = next(r for r in store.load(path).principles.ratings if r.number == 1)
    assert first.counts == [1, 0, 4, 0, 1]  # Ben 1, four 3s, Anna 5: the whole round, once


def earlier_counts(path: Path) -> None:
    """A finished closing reflection: counted hands, 0 1 2 2 1 on every principle."""
    w = store.load(path)
    w.principles.rating_mode = "counts"
    w.principles.ratings = [PrincipleRating(number=n, counts=[0, 1, 2, 2, 1], average=3.5) for n in range(1, 14)]
    w.agenda[0].status = "done"
    store.save(path, w)


def test_a_rerun_keeps_the_earlier_result_until_the_new_round_is_complete(tmp_path, written):
    path = new_file(tmp_path)
    earlier_counts(path)
    before = len(written)
    with pytest.raises(KeyboardInterrupt):
        run_with(path, StopAt(ratings(), "reflection.individual.Dina.4"))
    assert len(written) > before
    assert all(counted(data) == [[0, 1, 2, 2, 1]] * 13 for data in written[before:])  # every save kept the earlier ratings
    assert counted(path.read_bytes()) == [[0, 1, 2, 2, 1]] * 13


@pytest.mark.parametrize("replace, expected", [(True, [1, 0, 4, 0, 1]), (False, [0, 1, 2, 2, 1])])
def test_a_complete_new_round_asks_before_replacing_the_earlier_result(tmp_path, replace, expected):
    path = new_file(tmp_path)
    earlier_counts(path)
    shown = " ".join(run_with(path, ScriptedAsker({**ratings(), "reflection.replace": replace})).split())
    assert "Everyone has rated (6 people)." in shown
    assert "There are earlier ratings in the workshop file." not in shown  # the question, asked (not shown)
    first = next(r for r in store.load(path).principles.ratings if r.number == 1)
    assert first.counts == expected
    if not replace:
        assert "The earlier ratings are kept; this round's were not saved." in shown


@pytest.mark.parametrize("ui, shown, not_shown", [("fi", "3,8", "3.8"), ("en", "3.8", "3,8")])
def test_averages_on_screen_use_the_ui_languages_decimal_sign(tmp_path, ui, shown, not_shown):
    from dialogi import i18n

    i18n.set_language(ui)
    path = new_file(tmp_path)
    answers = {"agenda": "reflection", "reflection.mode": "average"}
    answers |= {f"reflection.average.{n}": "3,8" for n in range(1, 14)}
    screen = run_with(path, ScriptedAsker(answers))
    summary = screen[screen.rindex("1 · 2 · 3 · 4 · 5"):]  # the closing table
    assert shown in summary and not_shown not in summary
    assert f"({shown})" in screen  # each principle's card before its note
    assert store.load(path).principles.ratings[0].average == 3.8
