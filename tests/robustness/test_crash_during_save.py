"""Crashes while saving: processes that save a workshop over and over are killed (SIGKILL) at
random moments, a hundred times. After every kill the file on disk is a complete version the
process wrote - byte for byte - never an older one than before the kill, and at most the one
temp file of the killed save is left over, which the next session removes as it starts.

Two ways of saving: loading, changing one answer and saving again each time (what every
``dialogi`` command that writes does), and saving inside ``store.editing`` with the lock held
(what a session does). A third test kills a process in the middle of writing the backup of an
older-schema file, with a file-size limit that stops the write half-way.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

if sys.platform == "win32":
    pytest.skip("kills with SIGKILL and SIGXFSZ and limits file sizes (resource): POSIX only", allow_module_level=True)

import resource  # noqa: E402

from dialogi.record import store
from dialogi.record.models import Workshop
from harness import demo_records

PAYLOAD = 100_000  # large enough that a kill often lands inside a write
FOLDERS = 4  # killed side by side, to keep the test short
ROUNDS = {"load_and_save": 13, "editing": 12}  # 4 x (13 + 12) = 100 kills

SAVER = r"""
import sys
from pathlib import Path
from dialogi.record import store

path, how, payload = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])

def change(workshop):
    n = int(workshop.team) + 1
    workshop.team = str(n)
    workshop.wellbeing.interpretation = f"<{n}>" + "x" * payload + f"</{n}>"

first = True
if how == "editing":
    with store.editing(path) as workshop:
        while True:
            change(workshop)
            store.save(path, workshop)
            if first:  # one complete save first
                print("ready", flush=True)
                first = False
else:
    while True:
        workshop = store.load(path)
        change(workshop)
        store.save(path, workshop)
        if first:
            print("ready", flush=True)
            first = False
"""


def version(base: Workshop, n: int) -> Workshop:
    """What the saving process writes as its ``n``-th version."""
    workshop = base.model_copy(deep=True)
    workshop.team = str(n)
    workshop.wellbeing.interpretation = f"<{n}>" + "x" * PAYLOAD + f"</{n}>"
    return workshop


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def wait_for_a_temp_file(folder: Path, timeout: float = 2.0) -> None:
    deadline = time.monotonic() + timeout
    while not temp_files(folder) and time.monotonic() < deadline:
        pass


@pytest.fixture
def base() -> Workshop:
    """The English demo workshop (every method, a plan, reviews) as version 0."""
    english = next(d for d in demo_records() if d.language == "en")
    return Workshop.model_validate(english.data).model_copy(update={"team": "0"})


@pytest.mark.parametrize("how", list(ROUNDS))
def test_killed_saves_always_leave_a_whole_version(tmp_path, base, how, robustness_counts):
    paths = [tmp_path / f"folder{i}" / "w.toml" for i in range(FOLDERS)]
    for path in paths:
        path.parent.mkdir()
        store.save(path, base)
    rng = random.Random(f"dialogi-{how}")
    seen: dict[Path, list[int]] = {path: [0] for path in paths}
    mid_write = 0  # kills that left a temp file: they landed inside a save
    started = time.monotonic()
    for _ in range(ROUNDS[how]):
        children = [
            subprocess.Popen([sys.executable, "-c", SAVER, str(path), how, str(PAYLOAD)], stdout=subprocess.PIPE, text=True)
            for path in paths
        ]
        for child in children:
            assert child.stdout.readline() == "ready\n", "the saving process did not start"
        for child, path in zip(children, paths):
            if rng.random() < 0.3:  # now and then, wait for a save to be under way
                wait_for_a_temp_file(path.parent)
            else:
                time.sleep(rng.uniform(0, 0.03))
            child.send_signal(signal.SIGKILL)
        for child in children:
            assert child.wait() == -signal.SIGKILL
            child.stdout.close()
        for path in paths:
            workshop = store.load(path)  # never raises: parses and validates
            n = int(workshop.team)
            assert path.read_text("utf-8") == store.dump(version(base, n)), f"not the whole of version {n}"
            assert n > seen[path][-1], f"went back from version {seen[path][-1]} to {n}"
            seen[path].append(n)
            left = temp_files(path.parent)
            assert len(left) <= 1, left
            mid_write += len(left)
            with store.editing(path):  # the next session cleans up after the kill
                assert temp_files(path.parent) == []
            robustness_counts["kills survived"] += 1
    for path in paths:
        assert sorted(p.name for p in path.parent.iterdir()) == [".w.toml.lock", "w.toml"]
    assert time.monotonic() - started < 60
    print(f"{how}: {FOLDERS * ROUNDS[how]} kills, {mid_write} of them inside a save")
    assert mid_write > 0, "no kill landed inside a save: the test proves nothing"


# -- a crash in the middle of backing up an older file ---------------------------------------------

# Python ignores SIGXFSZ (a write past the limit fails with EFBIG instead); SIG_DFL makes it kill.
MIGRATE = r"""
import resource, signal, sys
from pathlib import Path
from dialogi.record import store

path, limit = Path(sys.argv[1]), int(sys.argv[2])
workshop = store.load(path)
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
store.save(path, workshop)  # the backup of the schema-0 original first, then the migrated file
print("saved", flush=True)
"""


def schema_0_original(size: int) -> bytes:
    """A hand-written schema-0 file (no ``schema`` key, participants as one string) of ``size``."""
    head = 'title = "Vanha työpaja"\r\ndate = 2025-05-01\r\nparticipants = "Aino, Pekka, Sari"\r\n'
    head += 'agenda = ["principles", "rules"]\r\n[wellbeing]\r\ninterpretation = """'
    tail = '"""\r\n'
    body = ("Vanha muistiinpano, jonka rivinvaihdot ovat Windowsin.\r\n" * (size // 50))[: size - len(head.encode()) - len(tail)]
    return (head + body + tail).encode("utf-8")


@pytest.mark.parametrize("stop", [0.1, 0.5, 0.9, "new version"])
def test_a_crash_while_backing_up_an_older_file_never_leaves_half_a_backup(tmp_path, stop, robustness_counts):
    """The process dies (SIGXFSZ) when a write passes the size limit: inside the backup (at a
    tenth, half, nine tenths of it), or inside the migrated file's temp file once the backup is
    whole (the migrated text is longer: its line breaks are written as escapes)."""
    original = schema_0_original(150_000)
    path = tmp_path / "old.toml"
    path.write_bytes(original)
    backup = store.backup_path(path, 0)
    if stop == "new version":
        limit = len(original) + 1
        assert len(store.dump(store.load(path)).encode()) > limit
    else:
        limit = int(len(original) * stop)
    child = subprocess.run([sys.executable, "-c", MIGRATE, str(path), str(limit)], capture_output=True, text=True)
    assert child.returncode == -signal.SIGXFSZ, child.stderr
    robustness_counts["kills survived"] += 1

    assert path.read_bytes() == original, "the original is untouched until the migrated version is whole"
    assert not backup.exists() or backup.read_bytes() == original, "a backup, when there is one, is whole"
    assert len(temp_files(tmp_path)) <= 1

    with store.editing(path) as workshop:  # the next session, without a limit
        store.save(path, workshop)
    assert backup.read_bytes() == original
    assert store.loaded_schema(path) == 1 and store.load(path).participants == ["Aino", "Pekka", "Sari"]
    assert temp_files(tmp_path) == []


def test_the_file_size_limit_really_stops_a_write_half_way(tmp_path):
    """The check above relies on this: a write past the limit kills the process, and what
    was written before stays."""
    target = tmp_path / "big.bin"
    script = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_DFL)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, resource.RLIM_INFINITY))\n"
        f"open({str(target)!r}, 'wb').write(b'x' * 5000)\n"
    )
    child = subprocess.run([sys.executable, "-c", script])
    assert child.returncode == -signal.SIGXFSZ
    assert target.stat().st_size == 1000
    assert resource.getrlimit(resource.RLIMIT_FSIZE)[0] == resource.RLIM_INFINITY  # the tests' own limit is untouched
