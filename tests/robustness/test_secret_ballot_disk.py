"""Secret ballots leave nothing on disk but the totals.

The whole rules-of-the-game method runs on the Finnish demo's answers, except that the dot
vote and each fist-to-five check are taken as secret ballots at the keyboard (questionary on
a prompt_toolkit pipe), three voters each with their own distinctive choices. Every byte
dialogi writes during the session is recorded (each save's content, which is also what each
temp file held), and afterwards every file in the folder - the workshop, hidden temp and lock
files - is read: none of it holds one voter's choices, as a table, a list or a question key;
the only per-option numbers anywhere are the totals.

(``tests/test_vote_step.py`` checks the same for the vote step on its own, and that an
interrupted secret vote leaves nothing.)
"""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from dialogi.engine.session import Session, run
from dialogi.new_workshop import Metadata, ask_metadata, build
from dialogi.prompts import ScriptedAsker, TerminalAsker, flatten
from dialogi.record import store
from dialogi.record.store import read_data
from dialogi.samples import SAMPLES

ENTER, DOWN, UP, BACKSPACE = "\r", "\x1b[B", "\x1b[A", "\x7f"
CLEAR = BACKSPACE * 6  # empties a prefilled number

# Budget 3 dots each; the top five go through with no tie at the cut-off (the demo's five).
BALLOTS = [{"p1": 2, "p2": 1}, {"p5": 2, "p9": 1}, {"p11": 1, "p1": 1, "p2": 1}]
TOTALS = {"p1": 3, "p2": 2, "p5": 2, "p9": 1, "p11": 1}
# Each voter's fingers (0-5) for each rule; p9: someone shows 1, so it is not accepted.
FISTS = {"p1": [5, 2, 4], "p2": [3, 4, 5], "p5": [2, 5, 3], "p9": [1, 4, 5], "p11": [4, 3, 2]}
VOTING = re.compile(r"^rules\.(vote|consent\.p\d+)\.(method|budget|cap|facilitator_votes|ties|collect|call|voters|secret\.|reveal)")


def keys_for(key: str) -> str:
    """The keystrokes a facilitator and the voters type at the question ``key``."""
    if key.endswith((".method", ".cap", ".facilitator_votes", ".ties", ".ready", ".confirm", ".reveal")):
        return ENTER  # dots; the cap = the budget; the facilitator does not vote; runoff; ready; my ballot; show
    if key.endswith(".call"):
        return DOWN + ENTER  # voters by number (three of the team's eight)
    if key.endswith(".budget"):
        return CLEAR + "3" + ENTER
    if key.endswith(".collect"):
        return DOWN + ENTER  # secret ballots
    if key.endswith(".voters"):
        return CLEAR + "3" + ENTER
    found = re.match(r"rules\.vote\.secret\.(\d)\.(p\d+)$", key)
    if found:
        dots = BALLOTS[int(found.group(1)) - 1].get(found.group(2), 0)
        return (BACKSPACE + str(dots) if dots else "") + ENTER
    found = re.match(r"rules\.consent\.(p\d+)\.secret\.(\d)\.value$", key)
    if found:
        fingers = FISTS[found.group(1)][int(found.group(2)) - 1]
        return (DOWN * (fingers - 3) if fingers > 3 else UP * (3 - fingers)) + ENTER  # from the default, 3
    raise AssertionError(f"no keystrokes for {key}")


class Keyboard(TerminalAsker):
    """questionary on a pipe: each question gets the keystrokes for its key."""

    def __init__(self, pipe):
        super().__init__(input=pipe, output=DummyOutput())
        self.pipe = pipe
        self.key = ""
        self.asked: list[str] = []

    def _ask(self, question):
        self.asked.append(self.key)
        self.pipe.send_text(keys_for(self.key))
        return super()._ask(question)

    def text(self, key, *args, **kwargs):
        self.key = key
        return super().text(key, *args, **kwargs)

    def select(self, key, *args, **kwargs):
        self.key = key
        return super().select(key, *args, **kwargs)

    def integer(self, key, *args, **kwargs):
        self.key = key
        return super().integer(key, *args, **kwargs)


class VotesAtTheKeyboard:
    """The votes at the keyboard, every other answer from the demo's answers file."""

    def __init__(self, answers: dict[str, Any], keyboard: Keyboard):
        self.script = ScriptedAsker(answers, "kotihoito.fi.toml")
        self.keyboard = keyboard

    def _for(self, key: str):
        return self.keyboard if VOTING.match(key) else self.script

    def text(self, key, *a, **k):
        return self._for(key).text(key, *a, **k)

    def lines(self, key, *a, **k):
        return self._for(key).lines(key, *a, **k)

    def select(self, key, *a, **k):
        return self._for(key).select(key, *a, **k)

    def checkbox(self, key, *a, **k):
        return self._for(key).checkbox(key, *a, **k)

    def confirm(self, key, *a, **k):
        return self._for(key).confirm(key, *a, **k)

    def integer(self, key, *a, **k):
        return self._for(key).integer(key, *a, **k)

    def interactive(self) -> bool:
        return True


@pytest.fixture
def written(monkeypatch) -> list[tuple[Path, bytes]]:
    """Every file content dialogi writes (through the store), in order."""
    seen: list[tuple[Path, bytes]] = []
    real = store.write_bytes_atomic

    def recording(path: Path, data: bytes) -> None:
        seen.append((Path(path), data))
        real(path, data)

    monkeypatch.setattr(store, "write_bytes_atomic", recording)
    return seen


def test_secret_ballots_leave_only_the_totals_on_disk(tmp_path, written):
    answers = flatten(read_data(SAMPLES / "kotihoito.fi.toml"))
    answers.update({"new.template": "custom", "new.methods": ["rules"], "agenda": "rules"})
    workshop = build(ask_metadata(ScriptedAsker(answers), Metadata()))
    path = tmp_path / "w.toml"
    store.save(path, workshop)
    screen = Console(file=io.StringIO(), width=100, force_terminal=True, color_system=None)
    with create_pipe_input() as pipe:
        keyboard = Keyboard(pipe)
        with store.editing(path) as workshop:
            run(Session(path, workshop, VotesAtTheKeyboard(answers, keyboard), screen))

    # the votes really were secret ballots, and counted right
    saved = store.load(path)
    [vote] = saved.rules.votes
    assert vote.secret and vote.voters == 3
    assert {k: v for k, v in vote.tallies.items() if v} == TOTALS
    assert sorted(vote.winners) == sorted(TOTALS)
    consents = {rule.from_proposal: rule.consent for rule in saved.rules.agreed}
    assert set(consents) == set(FISTS)
    for proposal, fingers in FISTS.items():
        consent = consents[proposal]
        assert consent.secret and consent.voters == 3
        assert {k: v for k, v in consent.tallies.items() if v} == {str(f): fingers.count(f) for f in set(fingers)}
        assert consent.accepted is (min(fingers) >= 2)
    assert [k for k in keyboard.asked if k.startswith("rules.vote.secret.") and k.endswith(".ready")] == [
        f"rules.vote.secret.{n}.ready" for n in (1, 2, 3)]
    assert all(f"rules.vote.secret.{n}.{option}" in keyboard.asked for n, b in enumerate(BALLOTS, 1) for option in b)
    assert sum(k.endswith(".value") for k in keyboard.asked) == 3 * len(FISTS)

    # nothing written, and nothing left in the folder, holds one voter's choices
    totals = [v.tallies for v in saved.rules.votes] + [c.tallies for c in consents.values()]
    assert len(written) > 20
    contents = [(f"write #{n} to {p.name}", data) for n, (p, data) in enumerate(written, 1)]
    contents += [(p.name, p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file()]
    assert {name for name, _ in contents if not name.startswith("write")} == {"w.toml", ".w.toml.lock"}
    for name, data in contents:
        assert_no_individual_choice(name, data, totals)


def assert_no_individual_choice(name: str, data: bytes, totals: list[dict[str, int]]) -> None:
    text = data.decode("utf-8")
    assert ".secret." not in text and "ballot" not in text.lower(), f"{name}: a ballot's question key"
    ballot_vectors = [[ballot.get(option, 0) for option in TOTALS] for ballot in BALLOTS]
    fist_rows = list(FISTS.values())
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError:  # the lock file: "pid host time"
        assert re.fullmatch(r"\d+ \S+ \d+\n", text), f"{name}: {text[:200]!r}"
        return
    for node in _nodes(parsed):
        if isinstance(node, dict) and node and all(type(v) is int for v in node.values()):
            assert node not in BALLOTS, f"{name}: one voter's ballot {node}"
            numbers = {k: v for k, v in node.items() if v}
            assert any(numbers == {k: v for k, v in t.items() if v} for t in totals), f"{name}: numbers that are not a total: {node}"
        if isinstance(node, list) and node and all(type(v) is int for v in node):
            assert node not in ballot_vectors and node not in fist_rows, f"{name}: one voter's choices {node}"


def _nodes(node: Any):
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from _nodes(child)


@pytest.mark.parametrize("leak", [
    '[votes.voter]\np1 = 2\np2 = 1\n',  # one voter's dots as a table
    'dots = [0, 0, 2, 1, 0]\n',  # the second voter's dots, in the options' order
    'p1 = [5, 2, 4]\n',  # each voter's fingers in turn
    '[tallies]\np1 = 3\np2 = 1\n',  # numbers that are not the totals
    'asked = "rules.vote.secret.1.p1"\n',
])
def test_the_scan_finds_a_ballot_written_in_any_form(leak):
    with pytest.raises(AssertionError):
        assert_no_individual_choice("leak.toml", leak.encode(), [TOTALS])
