"""Record formats: a file from a newer dialogi is refused by every command, clearly and without
a change to it; an older one opens everywhere, and the first save (``run``, ``review``) keeps
the original as a backup before migrating it.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from dialogi.errors import ExitCode
from dialogi.i18n import t
from dialogi.record import store
from dialogi.record.models import SCHEMA
from dialogi.samples import SAMPLES
from harness import assert_no_bug, invoke

FUTURE = """schema = 99
title = "Tulevaisuuden työpaja"
date = 2030-01-01
hologram = { projector = "on" }

[[rules.agreed]]
id = "r1"
text = "Puhumme hologrammeille kohteliaasti."
confidence = 0.9
"""

# A hand-written file from before record formats were numbered: no schema, the participants
# as one string, the agenda as method names; CRLF line breaks, which a backup must keep.
OLD = (
    '# vanha, käsin kirjoitettu\r\ntitle = "Vanha työpaja"\r\ndate = 2025-05-01\r\nlanguage = "fi"\r\n'
    'participants = "Aino, Pekka, Sari"\r\nparticipant_count = 3\r\nagenda = ["principles", "rules"]\r\n'
).encode("utf-8")


def too_new_message(path: Path, lang: str) -> str:
    return t("errors.too_new", lang, file=str(path), version=99, known=SCHEMA)


@pytest.fixture
def future(tmp_path) -> Path:
    path = tmp_path / "workshops" / "future.toml"
    path.parent.mkdir()
    path.write_text(FUTURE, "utf-8")
    shutil.copy(SAMPLES / "kotihoito.fi.toml", tmp_path / "answers.toml")
    return path


def commands(path: Path) -> list[tuple[str, ...]]:
    answers = str(path.parent.parent / "answers.toml")
    f = str(path)
    return [
        ("check", f), ("show", f), ("export", f, "--format", "md"), ("export", f, "--format", "json"),
        ("print", f), ("print", f, "--format", "txt", "--output", "-"), ("diff", f),
        ("run", f, "--answers", answers), ("review", f, "--answers", answers),
        ("round", "--from", f), ("new", "--from", f, "--title", "Jatko", "--dir", str(path.parent.parent / "new")),
    ]


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_file_from_a_newer_dialogi_is_refused_by_every_command(future, lang):
    before = sorted(p.name for p in future.parent.iterdir())
    for command in commands(future):
        outcome = invoke("--lang", lang, *command)
        assert_no_bug(outcome, command)
        assert outcome.code == ExitCode.TOO_NEW == 6, (command, outcome.text)
        assert outcome.err.strip() == too_new_message(future, lang), command
    assert future.read_text("utf-8") == FUTURE, "a refused file is never changed"
    assert sorted(p.name for p in future.parent.iterdir()) == before, "nor anything written next to it"

    # the folder views list it with the reason, and go on with the others
    listing = invoke("--lang", lang, "list", future.parent)
    assert listing.code == 0
    assert future.name in listing.out and "99" in listing.out
    actions = invoke("--lang", lang, "actions", future.parent)
    assert actions.code == 0
    assert future.name in actions.err and "99" in actions.err


@pytest.mark.parametrize("value", ['"99"', "99.0", "true"])
def test_a_record_format_of_another_type_is_no_way_past_the_check(tmp_path, value):
    """A format number written as text or a decimal is refused too, naming the field; it
    would otherwise read as format 99 and be saved back as this format."""
    path = tmp_path / "w.toml"
    path.write_text(f'schema = {value}\ntitle = "x"\ndate = 2026-01-01\n', "utf-8")
    outcome = invoke("check", path)
    assert outcome.code == ExitCode.INVALID_FILE, outcome.text
    assert f"{path}" in outcome.err and "  • schema: " in outcome.err


@pytest.fixture
def old(tmp_path) -> Path:
    path = tmp_path / "old.toml"
    path.write_bytes(OLD)
    return path


def test_an_older_file_opens_everywhere_without_being_written(old):
    for command in (("check", old), ("show", old), ("export", old, "--format", "md"), ("diff", old), ("list", old.parent)):
        outcome = invoke(*command)
        assert outcome.code == 0, (command, outcome.text)
    assert old.read_bytes() == OLD
    assert not store.backup_path(old, 0).exists()


def test_the_first_save_by_run_keeps_the_original_as_a_backup(old, tmp_path):
    answers = tmp_path / "answers.toml"
    shutil.copy(SAMPLES / "kotihoito.fi.toml", answers)  # its principles answers; the rules stop it
    outcome = invoke("run", old, "--answers", answers)
    assert_no_bug(outcome, ("run",))
    backup = store.backup_path(old, 0)
    assert backup.name == "old.toml.schema0.bak"
    assert backup.read_bytes() == OLD, "the backup is the original, byte for byte"
    migrated = tomllib.loads(old.read_text("utf-8"))
    assert migrated["schema"] == SCHEMA
    assert migrated["participants"] == ["Aino", "Pekka", "Sari"]
    assert [a["method"] for a in migrated["agenda"]] == ["principles", "rules"]
    assert migrated["principles"]["agreed"] is True  # the session's answers are in it

    again = invoke("run", old, "--answers", answers)  # later saves leave the backup alone
    assert again.code == outcome.code
    assert backup.read_bytes() == OLD
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))  # the lock file is hidden
    assert visible == ["answers.toml", "old.toml", "old.toml.schema0.bak"]


def test_a_review_migrates_an_older_file_the_same_way(tmp_path):
    """A schema-0 file with agreed rules: the review's first save makes the backup."""
    original = (
        'title = "Vanhat pelisäännöt"\ndate = 2025-05-01\nlanguage = "fi"\nparticipants = "Aino, Pekka"\n'
        'agenda = ["rules"]\n\n[[rules.agreed]]\nid = "r1"\ntext = "Kuuntelemme toisiamme."\n'
    ).encode("utf-8")
    path = tmp_path / "old.toml"
    path.write_bytes(original)
    answers = tmp_path / "answers.toml"
    answers.write_text('[review.rules.r1]\ncompliance = "followed"\n', "utf-8")
    outcome = invoke("review", path, "--date", "2025-08-01", "--answers", answers)
    assert outcome.code == 0, outcome.text
    assert store.backup_path(path, 0).read_bytes() == original
    saved = store.load(path)
    assert store.loaded_schema(path) == SCHEMA and saved.reviews[-1].rules[0].rule == "r1"
