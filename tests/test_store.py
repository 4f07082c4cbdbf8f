"""The workshop file: round trips, atomic saves, crashes, the editing lock, schemas, broken input."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

import posix_only
from dialogi.cli import run_cli
from dialogi.errors import CannotWrite, DialogiError, ExitCode, InUse, InvalidFile, NotFound, TooNew
from dialogi.i18n import set_language, t
from dialogi.record import store
from dialogi.system import locks
from dialogi.record.models import (
    SCHEMA,
    Action,
    ActionReview,
    ActionStatus,
    AgendaItem,
    Compliance,
    Goal,
    GoalOutcome,
    Indicator,
    IndicatorKind,
    IndicatorReading,
    Item,
    MethodId,
    PracticeId,
    PracticeNote,
    Practices,
    PrincipleNote,
    PrincipleRating,
    Principles,
    Review,
    ReviewProgress,
    Rule,
    RuleDecision,
    RuleReview,
    Rules,
    RuleVersion,
    Status,
    Tie,
    TiePolicy,
    Vote,
    VoteMethod,
    Wellbeing,
    Workshop,
)

D = dt.date


def rich_workshop() -> Workshop:
    """A workshop with every section of the record filled in, including the awkward corners."""
    consent = Vote(method=VoteMethod.FIST, subject="Puhelimet äänettömälle", voters=7, threshold=2,
                   tallies={"0": 0, "1": 0, "2": 1, "3": 2, "4": 3, "5": 1}, accepted=True, date=D(2026, 11, 23))
    dots = Vote(
        method=VoteMethod.DOTS, subject="Mitkä ehdotukset säännöiksi?", secret=True, voters=7, budget=3, cap=2,
        select=2, options={"p1": "Kuunnellaan loppuun", "p2": "Ei puhelimia", "p3": "Aloitetaan ajallaan"},
        tallies={"p1": 9, "p2": 6, "p3": 6}, ranking=["p1", "p2", "p3"], winners=["p1", "p2"],
        tie=Tie(options=["p2", "p3"], policy=TiePolicy.RUNOFF, chosen=["p2"], reason="Uusintaäänestys 4–3",
                runoff={"p2": 4, "p3": 3}),
    )
    approval = Vote(method=VoteMethod.APPROVAL, subject="Tavoitteet", voters=7, options={"g1": "Tauot", "g2": "Perehdytys"},
                    tallies={"g1": 6, "g2": 4}, ranking=["g1", "g2"], winners=["g1"])
    carried = Action(id="a0", text="Päivitä perehdytyskansio", owner="Leena", due=D(2026, 9, 1),
                     status=ActionStatus.IN_PROGRESS, note="puolivälissä", carried_from="2026-05-01-kevat.toml",
                     goal="Perehdytys kuntoon")
    return Workshop(
        title="Kotihoidon pelisäännöt — \"syksy\" 2026",
        date=D(2026, 11, 23),
        team="Kotihoito, Itäinen tiimi",
        facilitator="Sari Virtanen",
        language="fi",
        participant_count=7,
        participants=["Aino", "Mikko", "Leena", "Ödön", "Åsa"],
        carried_from="2026-05-01-kevat.toml",
        agenda=[
            AgendaItem(method=MethodId.PRINCIPLES, status=Status.DONE, step=4),
            AgendaItem(method=MethodId.PRACTICES, status=Status.DONE, step=3),
            AgendaItem(method=MethodId.RULES, status=Status.IN_PROGRESS, step=2, position=1, skipped=[1]),
            AgendaItem(method=MethodId.WELLBEING),
            AgendaItem(method=MethodId.REFLECTION, status=Status.DONE),
        ],
        principles=Principles(
            remarks=[PrincipleNote(number=3, remark="Kysytään hiljaisemmilta.\nMonirivinen huomio."),
                     PrincipleNote(number=13, remark="")],
            agreed=True,
            emphasised=[3, 10],
            rating_mode="counts",
            ratings=[PrincipleRating(number=3, counts=[0, 1, 2, 4, 0], average=3.43, note="parani"),
                     PrincipleRating(number=10, average=4.0)],
            reflection_note="Hyvä päivä",
        ),
        practices=Practices(notes=[PracticeNote(practice=p, observations=f"havainto {p.value}", commitment=f"sitoumus {p.value}")
                                   for p in PracticeId]),
        rules=Rules(
            themes=["information", "Oma teema"],
            proposals=[Item(id="p1", text="Kuunnellaan loppuun", theme="encounter"),
                       Item(id="p2", text="Ei puhelimia", merged_from=["p4"]),
                       Item(id="p3", text="Aloitetaan ajallaan", deleted=True),
                       Item(id="p4", text="Puhelimet pois", merged_into="p2")],
            votes=[dots],
            agreed=[
                Rule(id="r1", text="Annamme jokaisen puhua loppuun.", theme="encounter", observed_by="Kukaan ei keskeytä",
                     keeper="Mikko", from_proposal="p1", consent=consent,
                     history=[RuleVersion(date=D(2026, 5, 1), text="Kuunnellaan.")]),
                Rule(id="r2", text="Puhelimet äänettömällä.", dropped=D(2026, 11, 1)),
            ],
            review_date=D(2027, 2, 1),
        ),
        wellbeing=Wellbeing(
            indicators=[Indicator(id="i1", name="Sairauspoissaolot", kind=IndicatorKind.OPERATIONS, value=4.5, unit="%",
                                  period="2026", source="HR", previous=5.25, target=4.0, note="laskussa"),
                        Indicator(id="i2", name="Työn imu", kind=IndicatorKind.IMPACT)],
            interpretation="Luvut paranevat.",
            observations=[Item(id="o1", text="Kiire aamuisin")],
            proposals=[Item(id="w1", text="Tauot"), Item(id="w2", text="Perehdytys")],
            votes=[approval],
            goal_count=2,
            target_date=D(2027, 6, 30),
            goals=[Goal(id="g1", title="Tauot toteutuvat", from_proposal="w1", benefit_me="jaksan", benefit_employer="vähemmän poissaoloja",
                        benefit_clients="levänneet hoitajat", obstacles="kiire", resources="sijaiset",
                        actions=[Action(id="a1", text="Taukolista", owner="Aino", due=D(2027, 1, 15))],
                        improvement="parempi suunnittelu", schedule="kevät", follow_up="kuukausittain",
                        indicator="i1", target_value=4.0, outcome="osittain")],
            carried_over=[carried],
            follow_up_date=D(2027, 3, 1),
        ),
        reviews=[
            Review(date=D(2027, 2, 1), kind="rules",
                   rules=[RuleReview(rule="r1", compliance=Compliance.PARTLY, decision=RuleDecision.REWORD,
                                     new_text="Kuunnellaan aina loppuun.", note="toimii")],
                   added_rules=["r3"], note="hyvä"),
            Review(date=D(2027, 3, 1), kind="plan",
                   actions=[ActionReview(action="a1", status=ActionStatus.DONE, note="valmis")],
                   indicators=[IndicatorReading(indicator="i1", value=4.1, previous=4.5, target=4.0)],
                   goals=[GoalOutcome(goal="g1", outcome="Tauot toteutuvat useimmiten")],
                   progress=ReviewProgress(step=2, position=1)),
        ],
    )


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip(), "utf-8")
    return path


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


# -- round trip ---------------------------------------------------------------------------


def test_rich_workshop_round_trips(tmp_path):
    workshop = rich_workshop()
    # the fixture really fills every section of the record
    for section in ("principles", "practices", "rules", "wellbeing"):
        assert getattr(workshop, section).model_dump(exclude_defaults=True), section
    assert workshop.reviews and workshop.agenda and workshop.participants

    path = tmp_path / "w.toml"
    store.save(path, workshop)
    loaded = store.load(path)
    assert loaded == workshop
    assert loaded.rules.proposals[3].active is False and loaded.rules.proposals[0].active is True
    assert loaded.next_review() == D(2027, 2, 1)

    # saving what was loaded gives the same bytes: the format is stable
    first = path.read_bytes()
    store.save(path, loaded)
    assert path.read_bytes() == first


def test_file_on_disk_is_plain_toml_with_schema(tmp_path):
    path = tmp_path / "w.toml"
    store.save(path, rich_workshop())
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["schema"] == SCHEMA == 1
    assert path.read_text("utf-8").startswith("schema = 1\n")
    assert data["title"] == 'Kotihoidon pelisäännöt — "syksy" 2026'
    assert data["date"] == D(2026, 11, 23)  # a real TOML date, not a string
    assert data["agenda"][2] == {"method": "rules", "status": "in_progress", "step": 2, "position": 1, "skipped": [1]}
    assert "Ödön" in path.read_text("utf-8")  # UTF-8, not escaped


def test_defaults_are_left_out_of_the_file(tmp_path):
    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="Lyhyt", date=D(2026, 1, 2)))
    data = tomllib.loads(path.read_text("utf-8"))
    assert data == {"schema": 1, "title": "Lyhyt", "date": D(2026, 1, 2)}


# -- atomic saves ---------------------------------------------------------------------------


def test_write_text_atomic_leaves_no_temp_files(tmp_path):
    path = tmp_path / "w.toml"
    for i in range(5):
        store.write_text_atomic(path, f"n = {i}\n")
    assert path.read_text("utf-8") == "n = 4\n"
    assert temp_files(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["w.toml"]


@posix_only.permission_bits
def test_saved_file_keeps_normal_permissions(tmp_path):
    """The temp file mkstemp makes is 0600; the saved file must not inherit that."""
    old = os.umask(0o022)
    try:
        path = tmp_path / "new.toml"
        store.save(path, Workshop(title="x", date=D(2026, 1, 2)))
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        os.chmod(path, 0o640)  # a facilitator made it private to the group: a save keeps that
        store.save(path, Workshop(title="y", date=D(2026, 1, 2)))
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(old)


@pytest.mark.parametrize("failing", ["replace", "fsync"])
@pytest.mark.parametrize(("error", "key"), [
    (OSError(28, "No space left on device"), "errors.disk_full"),
    (OSError(122, "Disk quota exceeded"), "errors.disk_full"),
    (OSError(5, "Input/output error"), "errors.cannot_write"),
], ids=["ENOSPC", "EDQUOT", "EIO"])
def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch, failing, error, key):
    path = tmp_path / "w.toml"
    store.save(path, rich_workshop())
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise error

    monkeypatch.setattr(os, failing, boom)
    changed = rich_workshop().model_copy(update={"title": "Changed"})
    with pytest.raises(CannotWrite) as caught:  # the user's to fix, not a bug (exit 1)
        store.save(path, changed)
    monkeypatch.undo()
    assert caught.value.key == key
    if key == "errors.disk_full":  # the cause, and that nothing is lost (not "check that the folder exists")
        assert "The disk is full" in caught.value.message() and "Nothing was lost" in caught.value.message()
    else:
        assert "Input/output error" in caught.value.message()
    assert path.read_bytes() == before
    assert store.load(path).title == rich_workshop().title
    assert temp_files(tmp_path) == []


def test_a_full_disk_during_a_session_says_so_and_keeps_what_was_saved(tmp_path, monkeypatch, capsys):
    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="x", date=D(2026, 1, 2), agenda=[AgendaItem(method=MethodId.PRINCIPLES)]))
    answers = tmp_path / "answers.toml"
    answers.write_text('agenda = "principles"\n', "utf-8")
    before = path.read_bytes()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert run_cli(["run", str(path), "--answers", str(answers)]) == ExitCode.CANNOT_WRITE
    err = capsys.readouterr().err
    assert err.startswith(f"The disk is full, so {path} could not be written. Nothing was lost")
    assert "Check that the folder exists" not in err
    assert path.read_bytes() == before and temp_files(tmp_path) == []


def test_failure_in_the_middle_of_writing_keeps_the_old_file(tmp_path, monkeypatch):
    """The write itself fails half-way (a full disk): the target is untouched."""
    path = tmp_path / "w.toml"
    store.write_text_atomic(path, "old = true\n")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, text):
            self.f.write(text[: len(text) // 2])
            raise OSError(28, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.f, name)

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(CannotWrite):
        store.write_text_atomic(path, "new = true\n" * 1000)
    monkeypatch.undo()
    assert path.read_text("utf-8") == "old = true\n"
    assert temp_files(tmp_path) == []


PAYLOAD = 100_000  # large enough that a kill often lands inside a write

CHILD = r"""
import sys
from pathlib import Path
from dialogi.record import store
path, PAYLOAD = Path(sys.argv[1]), int(sys.argv[2])
with store.editing(path) as workshop:
    start = int(workshop.team or 0)
    for n in range(start + 1, start + 100_000):
        workshop.team = str(n)
        workshop.wellbeing.interpretation = f"<{n}>" + "x" * PAYLOAD + f"</{n}>"
        store.save(path, workshop)
        if n == start + 1:  # one complete save first: it cleans up after the process killed before
            print("ready", flush=True)
"""


@posix_only.sigkill
def test_killed_saves_never_leave_a_broken_file(tmp_path):
    """SIGKILL saving processes at random moments, 30 times: the file is always a complete version.

    Three workshops in three folders are saved at once, to keep the test fast.
    """
    paths = [tmp_path / str(i) / "w.toml" for i in range(3)]
    for path in paths:
        path.parent.mkdir()
        store.save(path, rich_workshop().model_copy(update={"team": "0"}))
    rng = random.Random(20261123)
    versions: dict[Path, list[int]] = {path: [] for path in paths}
    for _ in range(10):
        children = [subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(PAYLOAD)], stdout=subprocess.PIPE, text=True)
                    for path in paths]
        for child in children:
            assert child.stdout.readline() == "ready\n"
        for child in children:
            time.sleep(rng.uniform(0, 0.03))
            child.send_signal(signal.SIGKILL)
        for child in children:
            child.wait()
            child.stdout.close()

        for path in paths:
            workshop = store.load(path)  # never raises: a complete old or new version
            n = int(workshop.team)
            assert workshop.wellbeing.interpretation == f"<{n}>" + "x" * PAYLOAD + f"</{n}>"
            assert workshop.rules == rich_workshop().rules
            versions[path].append(n)
            # a session removes the temp files of the saves killed before it; only the last kill's may remain
            assert len(temp_files(path.parent)) <= 1, temp_files(path.parent)
    for path, seen in versions.items():
        assert seen == sorted(seen) and len(set(seen)) == len(seen) and seen[0] >= 1  # progress, never lost
        with store.editing(path):  # the next session removes the temp file of the last kill
            pass
        assert temp_files(path.parent) == []


def test_write_errors_are_messages_not_bugs(tmp_path, capsys):
    with pytest.raises(CannotWrite) as caught:
        store.write_text_atomic(tmp_path / "no-such-folder" / "w.toml", "x = 1\n")
    assert caught.value.key == "errors.cannot_write"
    (tmp_path / "folder.toml").mkdir()
    with pytest.raises(CannotWrite) as caught:
        store.write_text_atomic(tmp_path / "folder.toml", "x = 1\n")
    assert caught.value.key == "errors.cannot_write"
    assert temp_files(tmp_path) == []


def test_create_never_leaves_an_empty_placeholder(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(CannotWrite):
        store.create(tmp_path / "w.toml", Workshop(title="x", date=D(2026, 1, 2)))
    assert list(tmp_path.iterdir()) == []


KILLED_NEW = r"""
import os, sys
from dialogi.cli import run_cli
where, folder = sys.argv[1], sys.argv[2]

def killed(*args, **kwargs):  # the process dies here as under SIGKILL: no finally, no clean-up
    os._exit(9)

setattr(os, where, killed)
run_cli(["new", "--title", "Kotihoito", "--date", "2026-11-23", "--dir", folder, "--template", "rules"])
"""


@pytest.mark.parametrize("where", ["fsync", "link", "replace", "unlink"])
def test_a_killed_new_never_leaves_an_empty_record(tmp_path, cli, where):
    """Killed while writing, at the rename (or link) that names the file, or just after it."""
    folder = tmp_path / "workshops"
    folder.mkdir()
    done = subprocess.run([sys.executable, "-c", KILLED_NEW, where, str(folder)], capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 9), done.stderr
    if where != "replace":  # create makes no rename: linking the complete file is what names it
        assert done.returncode == 9, "the kill never came"
    for record in folder.glob("*.toml"):  # a record, if there is one, is complete
        assert store.load(record).title == "Kotihoito"

    assert cli("list", str(folder)).exit_code == 0
    if where == "unlink":  # the temp file is the record itself under another name: gone at once
        assert temp_files(folder) == []
    for tmp in temp_files(folder):  # any other is removed once no save can still be finishing it
        os.utime(tmp, (time.time() - store.STALE_AFTER - 1,) * 2)
    assert cli("new", "--title", "Kotihoito", "--date", "2026-11-23", "--dir", str(folder), "--template", "rules").exit_code == 0
    assert temp_files(folder) == []
    assert all(store.load(record).title == "Kotihoito" for record in folder.glob("*.toml"))


def test_a_read_only_workshop_is_refused_before_the_first_question(tmp_path, capsys):
    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="x", date=D(2026, 1, 2), agenda=[AgendaItem(method=MethodId.PRINCIPLES)]))
    os.chmod(path, 0o444)  # on Windows: the read-only attribute
    before = path.read_bytes()
    answers = tmp_path / "answers.toml"
    answers.write_text('agenda = "principles"\n', "utf-8")
    for command in (["run", str(path), "--answers", str(answers)], ["review", str(path), "--answers", str(answers)]):
        assert run_cli(command) == ExitCode.CANNOT_WRITE
        out, err = capsys.readouterr()
        assert err.startswith(f"You have no permission to change {path} (it is read-only, or another user's)")
        assert "?" not in out  # not one question asked
    assert path.read_bytes() == before and not path.stat().st_mode & 0o222
    report = tmp_path / "w.md"
    report.write_text("kept\n", "utf-8")
    os.chmod(report, 0o444)
    assert run_cli(["export", str(path), "--format", "md", "--output", str(report)]) == ExitCode.CANNOT_WRITE
    assert report.read_text("utf-8") == "kept\n" and temp_files(tmp_path) == []


def test_a_session_removes_its_files_orphaned_temp_files_once_at_its_start(tmp_path, monkeypatch):
    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="x", date=D(2026, 1, 2)))
    killed = tmp_path / ".w.toml.abcd1234.tmp"  # a save killed half-way, even just now
    killed.write_text("half a fi", "utf-8")
    backup = tmp_path / ".w.toml.schema0.bak.efgh5678.tmp"  # a backup killed half-way
    backup.write_text("half a ba", "utf-8")
    other = tmp_path / ".other.toml.abcd1234.tmp"  # another file's temp file: its own session's business
    other.write_text("x", "utf-8")
    mine = tmp_path / ".w.toml.notes.txt"  # not a temp file dialogi makes
    mine.write_text("x", "utf-8")
    with store.editing(path) as workshop:
        assert not killed.exists() and not backup.exists()
        assert other.exists() and mine.exists()
        listed = []
        real_glob = Path.glob
        monkeypatch.setattr(Path, "glob", lambda self, pattern: listed.append(pattern) or real_glob(self, pattern))
        for n in range(20):  # saves do not look through the folder: it may hold thousands of files
            workshop.team = str(n)
            store.save(path, workshop)
        assert listed == []


def test_new_and_list_remove_temp_files_that_nobody_will_finish(tmp_path, cli):
    folder = tmp_path / "workshops"
    folder.mkdir()
    path = folder / "w.toml"
    store.save(path, Workshop(title="x", date=D(2026, 1, 2)))
    older = folder / ".w.toml.abcd1234.tmp"  # older than the version on disk: that save never finished
    older.write_text("x", "utf-8")
    os.utime(older, (time.time() - 60, time.time() - 60))
    linked = folder / ".new.w.toml.ijkl9012.tmp"  # a new killed after its file got its name
    os.link(path, linked)
    forgotten = folder / ".new.gone.toml.mnop3456.tmp"  # a new killed before: nobody will finish it
    forgotten.write_text("x", "utf-8")
    os.utime(forgotten, (time.time() - store.STALE_AFTER - 1,) * 2)
    running = folder / ".new.fresh.toml.qrst7890.tmp"  # a new writing right now in another process
    running.write_text("x", "utf-8")
    future = folder / ".w.toml.uvwx1234.tmp"  # newer than the file: a save under way
    future.write_text("x", "utf-8")
    os.utime(future, (time.time() + 60, time.time() + 60))

    assert cli("list", str(folder)).exit_code == 0
    assert sorted(p.name for p in temp_files(folder)) == [running.name, future.name]
    os.utime(running, (time.time() - store.STALE_AFTER - 1,) * 2)
    assert cli("new", "--title", "Toinen", "--date", "2026-01-03", "--dir", str(folder), "--template", "rules").exit_code == 0
    assert temp_files(folder) == [future]


# -- one editor at a time -------------------------------------------------------------------

HOLDER = r"""
import sys, time
from dialogi.record import store
with store.editing(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_second_editor_is_refused_and_a_killed_holder_releases_the_lock(tmp_path, capsys):
    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="x", date=D(2026, 1, 2)))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(InUse) as caught:
            with store.editing(path):
                pytest.fail("a second editor got the lock")
        message = caught.value.message()
        assert str(holder.pid) in message
        assert socket.gethostname() in message
        assert caught.value.code == ExitCode.IN_USE == 5

        answers = tmp_path / "answers.toml"
        answers.write_text('agenda = "quit"\n', "utf-8")
        assert run_cli(["run", str(path), "--answers", str(answers)]) == ExitCode.IN_USE
        assert str(holder.pid) in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()

    started = time.monotonic()
    with store.editing(path) as workshop:  # the OS released the dead holder's lock
        assert workshop.title == "x"
    assert time.monotonic() - started < 2


def test_the_lock_file_names_the_holder_in_the_same_process(tmp_path):
    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="x", date=D(2026, 1, 2)))
    with store.editing(path):
        holder = locks.read_holder(store.lock_path(path))
        assert (holder["pid"], holder["host"]) == (str(os.getpid()), socket.gethostname())
        assert store.lock_path(path).read_text("utf-8") == ""  # Windows refuses other handles on the lock file itself
    assert locks.read_holder(store.lock_path(path)) == locks.UNKNOWN  # forgotten on leaving
    with store.editing(path):  # released on leaving
        pass


def test_a_holder_file_that_cannot_be_written_never_stops_the_session(tmp_path, monkeypatch):
    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="x", date=D(2026, 1, 2)))
    store.lock_path(path).with_suffix(".holder").mkdir()  # in the way: writing it fails
    with store.editing(path) as workshop:
        workshop.team = "saved"
        store.save(path, workshop)
    assert store.load(path).team == "saved"


def test_editing_yields_the_version_on_disk_when_the_lock_is_taken(tmp_path, monkeypatch):
    """A session that ends between our first look and our lock may just have saved: use that save."""
    import filelock

    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="before", date=D(2026, 1, 2)))
    real_acquire = filelock.FileLock.acquire

    def acquire_after_a_last_save(self, *args, **kwargs):
        store.save(path, Workshop(title="saved by the session that just ended", date=D(2026, 1, 2)))
        return real_acquire(self, *args, **kwargs)

    monkeypatch.setattr(filelock.FileLock, "acquire", acquire_after_a_last_save)
    with store.editing(path) as workshop:
        assert workshop.title == "saved by the session that just ended"


def test_a_lock_that_cannot_be_made_is_a_message_not_a_bug(tmp_path, monkeypatch):
    import filelock

    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="x", date=D(2026, 1, 2)))

    def read_only(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(filelock.FileLock, "acquire", read_only)
    with pytest.raises(CannotWrite) as caught:
        with store.editing(path):
            pass
    assert caught.value.key == "errors.cannot_write"
    assert ".w.toml.lock" in caught.value.message()


def test_editing_a_missing_or_broken_file_reports_before_locking(tmp_path):
    with pytest.raises(NotFound):
        with store.editing(tmp_path / "nope" / "w.toml"):
            pass
    broken = write(tmp_path / "b.toml", "title = \n")
    with pytest.raises(InvalidFile):
        with store.editing(broken):
            pass


# -- schema versions --------------------------------------------------------------------------


def test_newer_schema_is_refused(tmp_path, capsys):
    path = write(tmp_path / "future.toml", """
        schema = 99
        title = "From the future"
        date = 2030-01-01
        hologram = true
    """)
    with pytest.raises(TooNew) as caught:
        store.load(path)
    assert "99" in caught.value.message() and "1" in caught.value.message()

    assert run_cli(["show", str(path)]) == ExitCode.TOO_NEW == 6
    err = capsys.readouterr().err
    assert str(path) in err and "newer dialogi" in err and "99" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("head", ["", "schema = 0\n"], ids=["no-schema-key", "schema-0"])
def test_schema_0_file_loads_and_is_migrated_on_save_with_a_backup(tmp_path, head):
    original = head.encode() + textwrap.dedent("""
        # written by hand
        title = "Vanha työpaja"
        date = 2025-05-01
        participants = "Aino, Pekka,  Sari ,"
        agenda = ["principles", "rules"]
    """).lstrip().encode("utf-8")
    path = tmp_path / "old.toml"
    path.write_bytes(original)

    workshop = store.load(path)
    assert workshop.participants == ["Aino", "Pekka", "Sari"]
    assert [a.method for a in workshop.agenda] == [MethodId.PRINCIPLES, MethodId.RULES]
    assert store.loaded_schema(path) == 0
    assert path.read_bytes() == original  # loading never writes

    store.save(path, workshop)
    backup = tmp_path / "old.toml.schema0.bak"
    assert backup.read_bytes() == original
    assert tomllib.loads(path.read_text("utf-8"))["schema"] == 1
    assert store.load(path) == workshop

    store.save(path, workshop.model_copy(update={"team": "B"}))  # later saves leave the backup alone
    assert backup.read_bytes() == original


# -- broken input --------------------------------------------------------------------------------


def test_toml_syntax_error_names_file_line_and_column(tmp_path, capsys):
    path = write(tmp_path / "syntax.toml", """
        title = "Hyvä"
        date = 2026-11-23
        team = "unterminated
    """)
    with pytest.raises(InvalidFile) as caught:
        store.load(path)
    message = caught.value.message()
    assert re.match(rf"{re.escape(str(path))}:3:\d+: TOML syntax error: ", message), message

    assert run_cli(["check", str(path)]) == ExitCode.INVALID_FILE
    assert f"{path}:3:" in capsys.readouterr().err


BROKEN = """
    title = "Broken"
    date = 2026-11-23
    participant_count = -2
    colour = "blue"
    agenda = [{ method = "principles", status = "half" }, { method = "knitting" }]

    [[principles.ratings]]
    number = 3
    counts = [1, 2]
"""


def _problems(path: Path) -> tuple[str, list[str]]:
    with pytest.raises(InvalidFile) as caught:
        store.load(path)
    return caught.value.message(), caught.value.details


def test_validation_errors_name_each_field_in_english(tmp_path):
    path = write(tmp_path / "broken.toml", BROKEN)
    header, details = _problems(path)
    assert str(path) in header and "not a valid workshop file" in header and "5" in header
    by_path = dict(line.split(": ", 1) for line in details)
    assert set(by_path) == {"participant_count", "colour", "agenda[1].status", "agenda[2].method", "principles.ratings[1].counts"}
    assert by_path["participant_count"] == "should be at least 0, not -2"
    assert by_path["colour"].startswith("unknown field")
    assert by_path["agenda[1].status"] == "should be one of 'not_started', 'in_progress', 'done', not 'half'"
    assert "'principles'" in by_path["agenda[2].method"] and "'knitting'" in by_path["agenda[2].method"]
    assert by_path["principles.ratings[1].counts"].startswith("should be five counts")


def test_validation_errors_name_each_field_in_finnish(tmp_path):
    path = write(tmp_path / "broken.toml", BROKEN)
    set_language("fi")
    header, details = _problems(path)
    assert "ei ole kelvollinen työpajan tiedosto" in header
    by_path = dict(line.split(": ", 1) for line in details)
    assert by_path["participant_count"] == "pitäisi olla vähintään 0 eikä -2"
    assert by_path["colour"].startswith("tuntematon kenttä")
    assert by_path["agenda[1].status"] == "pitäisi olla jokin näistä: 'not_started', 'in_progress', 'done', eikä 'half'"
    assert by_path["principles.ratings[1].counts"].startswith("pitäisi olla viisi lukua")
    for line in details:  # no English leaks into the Finnish lines
        assert " or " not in line and "should" not in line


def test_missing_required_fields(tmp_path):
    path = write(tmp_path / "bare.toml", 'schema = 1\nteam = "A"\n')
    _, details = _problems(path)
    assert details == ["title: this field is required but missing", "date: this field is required but missing"]


def test_validation_errors_through_the_cli(tmp_path, capsys):
    path = write(tmp_path / "broken.toml", BROKEN)
    assert run_cli(["--lang", "fi", "check", str(path)]) == ExitCode.INVALID_FILE
    err = capsys.readouterr().err
    assert "  • agenda[1].status: pitäisi olla" in err
    assert "  • participant_count: pitäisi olla vähintään 0" in err


@pytest.mark.parametrize(
    "make, key, code",
    [
        (lambda p: p.write_bytes(b'title = "Hyv\xe4"\ndate = 2026-11-23\n'), "errors.not_utf8", ExitCode.INVALID_FILE),
        (lambda p: p.write_bytes(b""), "errors.empty_file", ExitCode.INVALID_FILE),
        (lambda p: p.write_bytes(b"  \n\n"), "errors.empty_file", ExitCode.INVALID_FILE),
        (lambda p: p.mkdir(), "errors.is_directory", ExitCode.INVALID_FILE),
        (lambda p: None, "errors.missing_file", ExitCode.NOT_FOUND),
    ],
    ids=["not-utf8", "empty", "blank", "directory", "missing"],
)
def test_unreadable_files_have_their_own_message_and_exit_code(tmp_path, capsys, make, key, code):
    path = tmp_path / "w.toml"
    make(path)
    with pytest.raises(DialogiError) as caught:
        store.load(path)
    error = caught.value
    assert error.key == key
    assert error.code == code
    expected = error.message()
    assert str(path) in expected

    assert run_cli(["show", str(path)]) == code
    captured = capsys.readouterr()
    assert captured.err.strip() == expected
    assert "Traceback" not in captured.err + captured.out


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "w.toml"
    path.write_bytes('title = "ok"\ndate = 2026-11-23\nteam = "Hyvä"\n'.encode("latin-1"))
    with pytest.raises(InvalidFile) as caught:
        store.load(path)
    assert caught.value.message() == t("errors.not_utf8", "en", file=str(path), line=3)


def test_unreadable_file_says_why(tmp_path, monkeypatch, capsys):
    path = tmp_path / "w.toml"
    store.save(path, Workshop(title="x", date=D(2026, 1, 2)))

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InvalidFile) as caught:
        store.load(path)
    assert caught.value.key == "errors.unreadable"
    assert run_cli(["show", str(path)]) == ExitCode.INVALID_FILE
    err = capsys.readouterr().err
    assert str(path) in err and "Permission denied" in err
