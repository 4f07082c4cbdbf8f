"""Malformed workshop files through every command that reads one: never a traceback, never exit 1,
and every error names the file and the line or the field.

Hypothesis makes the files: random bytes and random TOML; the demo's two complete workshops
truncated at a random byte, with a byte replaced or inserted; the demo workshops with one field
broken - a wrong type, a value out of range, a 100 kB string, 200 levels of nesting, an unknown
key, a required field left out; and the demo workshops with every type right but something no
session writes (an id pointing nowhere, an entry twice, a session stopped at a random step).
Each file goes through ``check``, ``show``, ``list``, ``actions``, ``export`` (Markdown and
JSON), ``print``, ``diff`` (alone and against a good file), ``run`` and ``review`` (with an
answers file that answers nothing, or one of the demo's), in English or Finnish, in this
process (``run_cli``), which keeps a few hundred files within seconds. Answers files get the
same treatment through ``new``, ``run`` and ``review``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogi.errors import ExitCode
from dialogi.i18n import t
from harness import Outcome, assert_no_bug, demo_records, invoke, names_a_place

# Reproducible and bounded in the normal run. For a deeper hunt with fresh random files:
# DIALOGI_FUZZ_SCALE=20 python -m pytest tests/robustness/test_malformed_files.py
SCALE = float(os.environ.get("DIALOGI_FUZZ_SCALE", "1"))
SETTINGS = dict(
    deadline=None,
    derandomize=SCALE == 1,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def examples(n: int) -> int:
    return max(1, round(n * SCALE))


TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
LONG = ("Pitkä vastaus [bold]x[/bold] <b>y</b> | z |\n" * 3000)[:100_000]


def deep(levels: int, kind: str) -> Any:
    value: Any = "pohja"
    for _ in range(levels):
        value = {"syvä": value} if kind == "table" else [value]
    return value


# Values of every TOML type, for a field of any other type.
ANY_VALUE = st.one_of(
    TEXT,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.lists(st.integers(), max_size=3),
    st.lists(TEXT, max_size=3),
    st.dictionaries(TEXT, st.integers(), max_size=3),
)
OUT_OF_RANGE = st.sampled_from([
    -1, -(10**6), 0, 14, 99, 10_001, 10**18, 10**30, float("nan"), float("inf"), float("-inf"), -0.0, 1e308,
    "", " ", "x" * 201, dt.date(1, 1, 1), dt.date(9999, 12, 31), [], {},
])
BREAKS = ("wrong_type", "out_of_range", "long", "deep_table", "deep_array", "unknown_key", "missing")


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """The path of every value in the parsed file, containers included."""
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found.append(prefix + (key,))
        found.extend(paths(value, prefix + (key,)))
    return found


def at(node: Any, path: tuple) -> Any:
    for key in path:
        node = node[key]
    return node


@st.composite
def broken_field(draw, demos) -> bytes:
    """A demo workshop with one field broken, as TOML bytes."""
    demo = draw(st.sampled_from(demos))
    data = demo.data
    path = draw(st.sampled_from(paths(data)))
    parent, key = at(data, path[:-1]), path[-1]
    kind = draw(st.sampled_from(BREAKS))
    if kind == "unknown_key":
        tables = [p for p in [(), *paths(data)] if isinstance(at(data, p), dict)]
        table = at(data, draw(st.sampled_from(tables)))
        table[draw(st.sampled_from(["hologram", "colour", "Title", "schema_", "ääkkönen avain"]))] = draw(ANY_VALUE)
    elif kind == "missing":
        del parent[key]
    else:
        parent[key] = {
            "wrong_type": lambda: draw(ANY_VALUE),
            "out_of_range": lambda: draw(OUT_OF_RANGE),
            "long": lambda: LONG,
            "deep_table": lambda: deep(200, "table"),
            "deep_array": lambda: deep(200, "array"),
        }[kind]()
    return tomli_w.dumps(data).encode("utf-8")


@st.composite
def inconsistent(draw, demos) -> bytes:
    """A demo workshop whose every value has the right type, but which no session would write:
    an id pointing nowhere, an entry twice, a number changed, a list emptied, or an agenda item
    or a review stopped at a random step and position (so that ``run`` and ``review`` go on
    from there)."""
    data = draw(st.sampled_from(demos)).data
    every = paths(data)
    kind = draw(st.sampled_from(("other_id", "twice", "number", "emptied", "resume")))
    if kind == "resume":
        places = [p for p in every if len(p) == 2 and p[0] in ("agenda", "reviews")] or [("agenda",)]
        place = draw(st.sampled_from(places))
        entry = at(data, place) if len(place) == 2 else {}
        position = {"step": draw(st.integers(0, 12)), "position": draw(st.integers(0, 40))}
        if place[0] == "agenda":
            entry.update(status=draw(st.sampled_from(["in_progress", "not_started", "done"])), **position)
        else:
            entry["progress"] = position
        return tomli_w.dumps(data).encode("utf-8")
    wanted = {"other_id": str, "twice": list, "number": (int, float), "emptied": list}[kind]
    chosen = [p for p in every if isinstance(at(data, p), wanted) and not isinstance(at(data, p), bool)]
    if kind == "twice":
        chosen = [p for p in chosen if at(data, p)]
    if not chosen:
        return tomli_w.dumps(data).encode("utf-8")
    path = draw(st.sampled_from(chosen))
    parent, key, value = at(data, path[:-1]), path[-1], at(data, path)
    if kind == "other_id":
        ids = sorted({v for p in every if isinstance(v := at(data, p), str) and len(v) < 40})
        parent[key] = draw(st.sampled_from([*ids, "p99", "r99", "g99", "a99", "", "x"]))
    elif kind == "twice":
        value.insert(draw(st.integers(0, len(value))), value[draw(st.integers(0, len(value) - 1))])
    elif kind == "number":
        number = draw(st.integers(-2, 30))
        parent[key] = float(number) if isinstance(value, float) else number
    else:
        parent[key] = []
    return tomli_w.dumps(data).encode("utf-8")


@st.composite
def truncated(draw, demos) -> bytes:
    raw = draw(st.sampled_from(demos)).raw
    return raw[: draw(st.integers(0, len(raw) - 1))]


@st.composite
def corrupted(draw, demos) -> bytes:
    """One byte replaced, or one to three bytes inserted, anywhere in a demo workshop."""
    raw = draw(st.sampled_from(demos)).raw
    at_byte = draw(st.integers(0, len(raw) - 1))
    if draw(st.booleans()):
        return raw[:at_byte] + bytes([draw(st.integers(0, 255))]) + raw[at_byte + 1:]
    return raw[:at_byte] + draw(st.binary(min_size=1, max_size=3)) + raw[at_byte:]


RANDOM_TOML = st.recursive(
    st.one_of(TEXT, st.integers(), st.floats(), st.booleans(), st.dates()),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=12,
)
RANDOM_FILE = st.one_of(
    st.binary(max_size=600),
    TEXT.map(lambda s: s.encode("utf-8")),
    st.dictionaries(TEXT, RANDOM_TOML, max_size=5).map(lambda d: tomli_w.dumps(d).encode("utf-8")),
)


# -- the check ---------------------------------------------------------------------------------


class Folder:
    """A scratch folder for one file at a time, with what the commands need besides the file:
    answers files (one that answers nothing, so every question takes its default, and the demo's
    own), a good workshop to compare with, and a folder for printed documents."""

    def __init__(self, good: bytes):
        from dialogi.samples import NAMES, SAMPLES

        self.root = Path(tempfile.mkdtemp(prefix="dialogi-malformed-"))
        self.workshops = self.root / "workshops"
        self.file = self.workshops / "w.toml"
        self.answers = {"nothing": self.root / "answers.toml"}
        self.answers["nothing"].write_bytes(b"")  # answers nothing: every question takes its default
        for name in NAMES:
            self.answers[name] = Path(shutil.copy(SAMPLES / name, self.root / name))
        self.good = self.root / "good.toml"
        self.good.write_bytes(good)
        self.printed = self.root / "printed"

    def reset(self, raw: bytes) -> None:
        for folder in (self.workshops, self.printed):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
        self.file.write_bytes(raw)

    def commands(self, answers: str = "nothing") -> list[tuple[str, ...]]:
        f, answered = str(self.file), str(self.answers[answers])
        return [
            ("check", f),
            ("show", f),
            ("list", str(self.workshops)),
            ("actions", str(self.workshops)),
            ("export", f, "--format", "md"),
            ("export", f, "--format", "json"),
            ("print", f, "--output", str(self.printed)),
            ("print", f, "--format", "txt", "--output", "-"),
            ("diff", f),
            ("diff", str(self.good), f),
            ("run", f, "--answers", answered),  # last: these two may change the file
            ("review", f, "--answers", answered),
        ]


# In English or Finnish; run and review with the answers of nobody or of one of the demos.
SETUP = st.tuples(st.sampled_from(["en", "fi"]), st.sampled_from(["nothing", "kotihoito.fi.toml", "ward.en.toml"]))


def try_file(folder: Folder, raw: bytes, setup: tuple[str, str], counts) -> None:
    lang, answers = setup
    folder.reset(raw)
    counts["malformed files tried"] += 1
    for command in folder.commands(answers):
        argv = ("--lang", lang, *command)
        outcome = invoke(*argv)
        assert_no_bug(outcome, argv)
        if outcome.code != ExitCode.OK:
            assert_says_where(outcome, argv, folder, raw)
        elif command[0] == "list":
            assert folder.file.name in outcome.out


def assert_says_where(outcome: Outcome, argv: tuple[str, ...], folder: Folder, raw: bytes) -> None:
    """The message names a file; a broken workshop file also the line or the field."""
    context = f"dialogi {' '.join(argv)} -> exit {outcome.code}:\n{outcome.err[-2000:]}"
    named = [p for p in (folder.file, *folder.answers.values(), folder.good) if str(p) in outcome.err]
    assert named, f"the message names no file: {context}"
    if outcome.code == ExitCode.INVALID_FILE and named == [folder.file] and raw.strip():
        assert names_a_place(outcome.err), f"the message names no line or field: {context}"


@pytest.fixture(scope="module")
def folder():
    made = Folder(demo_records()[1].raw)
    yield made
    shutil.rmtree(made.root, ignore_errors=True)


@pytest.fixture(scope="module")
def demos():
    return demo_records()



@settings(max_examples=examples(50), **SETTINGS)
@given(data=st.data(), setup=SETUP)
def test_random_bytes_and_random_toml(folder, data, setup, robustness_counts):
    try_file(folder, data.draw(RANDOM_FILE), setup, robustness_counts)


@settings(max_examples=examples(40), **SETTINGS)
@given(data=st.data(), setup=SETUP)
def test_a_demo_workshop_cut_off_at_a_random_byte(folder, demos, data, setup, robustness_counts):
    try_file(folder, data.draw(truncated(demos)), setup, robustness_counts)


@settings(max_examples=examples(60), **SETTINGS)
@given(data=st.data(), setup=SETUP)
def test_a_demo_workshop_with_a_byte_replaced_or_inserted(folder, demos, data, setup, robustness_counts):
    try_file(folder, data.draw(corrupted(demos)), setup, robustness_counts)


@settings(max_examples=examples(100), **SETTINGS)
@given(data=st.data(), setup=SETUP)
def test_a_demo_workshop_with_one_field_broken(folder, demos, data, setup, robustness_counts):
    try_file(folder, data.draw(broken_field(demos)), setup, robustness_counts)


@settings(max_examples=examples(60), **SETTINGS)
@given(data=st.data(), setup=SETUP)
def test_a_demo_workshop_made_inconsistent(folder, demos, data, setup, robustness_counts):
    try_file(folder, data.draw(inconsistent(demos)), setup, robustness_counts)


# -- answers files ---------------------------------------------------------------------------------


@st.composite
def broken_answers(draw) -> tuple[str, bytes]:
    """One of the demo's answers files with one answer broken (or left out)."""
    from dialogi.samples import NAMES, SAMPLES

    name = draw(st.sampled_from(NAMES))
    data = tomllib.loads((SAMPLES / name).read_text("utf-8"))
    path = draw(st.sampled_from(paths(data)))
    parent, key = at(data, path[:-1]), path[-1]
    kind = draw(st.sampled_from(("wrong_type", "out_of_range", "missing")))
    if kind == "missing":
        del parent[key]
    else:
        parent[key] = draw(ANY_VALUE if kind == "wrong_type" else OUT_OF_RANGE)
    return name, tomli_w.dumps(data).encode("utf-8")


# A question key in a message: “rules.vote.budget” (”…” in Finnish messages).
ANSWER_KEY = re.compile(r"[“”][^“”\n]+”")


@settings(max_examples=examples(20), **SETTINGS)
@given(case=broken_answers(), lang=st.sampled_from(["en", "fi"]))
def test_an_answers_file_with_one_answer_broken(folder, case, lang, robustness_counts):
    """``new``, ``run`` and ``review`` on the demo's answers with one answer wrong: the work goes
    as far as it can, and a stop names the answers file and the question's key."""
    _, raw = case
    folder.reset(b"")
    folder.file.unlink()  # the folder holds only what ``new`` makes
    answers = folder.root / "broken-answers.toml"
    answers.write_bytes(raw)
    robustness_counts["malformed files tried"] += 1
    created = invoke("--lang", lang, "new", "--answers", answers, "--dir", folder.workshops)
    steps = [(("new",), created)]
    made = sorted(folder.workshops.glob("*.toml"))
    for workshop in made:
        for command in ("run", "review"):
            steps.append(((command,), invoke("--lang", lang, command, workshop, "--answers", answers)))
    for argv, outcome in steps:
        assert_no_bug(outcome, argv)
        if outcome.code == ExitCode.BAD_ANSWERS:
            assert str(answers) in outcome.err and ANSWER_KEY.search(outcome.err), outcome.err
        elif outcome.code not in (ExitCode.OK, ExitCode.USAGE):  # review: nothing to review
            assert str(answers) in outcome.err or any(str(w) in outcome.err for w in made), outcome.err


def test_an_empty_answers_file_answers_nothing(folder, demos):
    """Every question takes its default (it was refused as "not a workshop record")."""
    folder.reset(demos[0].raw)  # every method done: the agenda's default is to stop
    empty = folder.answers["nothing"]
    assert empty.read_bytes() == b""
    outcome = invoke("run", folder.file, "--answers", empty)
    assert outcome.code == ExitCode.OK, outcome.text
    new = invoke("new", "--answers", empty, "--dir", folder.workshops)  # but a title has no default
    assert new.code == ExitCode.BAD_ANSWERS and "“new.title”" in new.err


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("answer, key, expected", [
    ('date = "31.2.2026"', "new.date", "form.expect_date"),  # was: no file, no key
    ("participants = 3.5", "new.participants", "prompts.expect_number_between"),  # was: a garbled sentence
])
def test_a_bad_answer_to_new_names_the_file_the_key_and_what_fits(tmp_path, lang, answer, key, expected):
    answers = tmp_path / "answers.toml"
    answers.write_text(f'[new]\ntitle = "Kokeilu"\n{answer}\n', "utf-8")
    outcome = invoke("--lang", lang, "new", "--answers", answers, "--dir", tmp_path / "w")
    assert outcome.code == ExitCode.BAD_ANSWERS
    fits = t(expected, lang, minimum=0, maximum=10_000)
    value = answer.split(" = ")[1].replace('"', "'")
    assert outcome.err.strip() == t("prompts.bad_answer", lang, file=str(answers), key=key, value=value, expected=fits)
    assert not (tmp_path / "w").exists() or not list((tmp_path / "w").iterdir())


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("text, place", [
    ('title = "Kesken"\ndate = 2026-11-23\nteam = [\n  "a",\n\n', ":4:7:"),  # a list never closed
    ('title = "Kesken"\ndate = 2026-11-23\nte', ":3:3:"),  # cut off in the middle of a key
])
def test_a_file_that_ends_too_soon_names_where_it_ends(tmp_path, lang, text, place):
    """Python's TOML reader says "at end of document" there: the message gives the line and
    column just after the last text, not "?"."""
    path = tmp_path / "w.toml"
    path.write_text(text, "utf-8")
    outcome = invoke("--lang", lang, "check", path)
    assert outcome.code == ExitCode.INVALID_FILE
    assert outcome.err.startswith(f"{path}{place} ")
    assert "end of document" not in outcome.err and "?" not in outcome.err


def test_the_demo_workshops_themselves_go_through_every_command(folder, demos):
    """The unbroken files: every command succeeds (so the checks above are not vacuous)."""
    for demo in demos:
        folder.reset(demo.raw)
        for command in folder.commands()[:-2]:
            outcome = invoke(*command)
            assert outcome.code == ExitCode.OK, (command, outcome.text[-2000:])
