"""Reading and writing workshop files: validated loads, atomic saves, one editor at a time."""

from __future__ import annotations

import errno
import glob
import os
import re
import shutil
import stat
import tempfile
import time
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from dialogi.errors import CannotWrite, DialogiError, FileHeld, InUse, InvalidFile, NotFound, TooNew
from dialogi.record.migrate import migrate
from dialogi.record.models import SCHEMA, Workshop
from dialogi.system import files, locks

DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
STALE_AFTER = 5 * 60  # seconds: no save takes this long, so an older temp file's writer is gone
_TEMP_NAME = re.compile(r"\.(?:new\.)?(?P<target>.+)\.[a-z0-9_]{8}\.tmp")  # what mkstemp makes in _temp_file
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_AT_END = re.compile(r"\(at end of document\)")
_CURRENT_HEAD = f"schema = {SCHEMA}\n".encode()


def read_data(path: Path) -> dict[str, Any]:
    """The file's TOML as a dict, or a clear error for each way it can be unreadable."""
    if not path.exists():
        raise NotFound("errors.missing_file", file=str(path))
    if path.is_dir():
        raise InvalidFile("errors.is_directory", file=str(path))
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InvalidFile("errors.unreadable", file=str(path), reason=e.strerror or str(e))
    try:
        text = files.decode(raw)  # UTF-8, with or without a BOM; UTF-16 with one (PowerShell 5.1)
    except UnicodeDecodeError as e:
        if e.encoding == "utf-16":
            raise InvalidFile("errors.utf16", file=str(path))
        line = raw[: e.start].count(b"\n") + 1
        raise InvalidFile("errors.not_utf8", file=str(path), line=line)
    if not text.strip():
        raise InvalidFile("errors.empty_file", file=str(path))
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        from dialogi.record.toml_errors import explain

        line, column = _error_position(str(e), text)
        detail = _TOML_AT_END.sub("", _TOML_POSITION.sub("", str(e))).strip()
        raise InvalidFile("errors.toml_syntax", file=str(path), line=line, column=column, detail=explain(detail))


def _error_position(message: str, text: str) -> tuple[int | str, int | str]:
    """Line and column of a TOML syntax error; "at end of document" is just after the last text."""
    found = _TOML_POSITION.search(message)
    if found:
        return int(found.group(1)), int(found.group(2))
    if _TOML_AT_END.search(message):
        written = text.rstrip()
        return written.count("\n") + 1, len(written.rsplit("\n", 1)[-1]) + 1
    return "?", "?"


def parse(data: dict[str, Any], path: Path) -> Workshop:
    """Validate a file's data, migrating an older schema in memory."""
    from pydantic import ValidationError

    version = data.get("schema", 0)
    if isinstance(version, int) and version > SCHEMA:
        raise TooNew("errors.too_new", file=str(path), version=version, known=SCHEMA)
    try:
        return Workshop.model_validate(migrate(data))
    except ValidationError as e:
        from dialogi.record.problems import describe

        raise InvalidFile("errors.invalid", file=str(path), count=e.error_count(), details=describe(e))


def load(path: Path | str) -> Workshop:
    path = Path(path)
    return parse(read_data(path), path)


def loaded_schema(path: Path) -> int:
    version = read_data(path).get("schema", 0)
    return version if isinstance(version, int) else 0


def dump(workshop: Workshop) -> str:
    """The record as TOML (what tomli-w writes; only the parts changed since the last save are made again)."""
    from dialogi.record import toml_text

    data = workshop.model_dump(by_alias=True, exclude_defaults=True, exclude_none=True)
    return toml_text.dumps({"schema": SCHEMA, **data})


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temp file in the same folder, fsync, then rename over the target."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """``write_text_atomic`` for bytes: the target is the old or the new content, never a part."""
    _refuse_read_only(path)
    tmp = _temp_file(path, data)
    with _removed_on_failure(tmp, path):
        try:
            files.replace(tmp, path)  # tried again while OneDrive or a virus scan holds the file (Windows)
        except PermissionError as e:
            if files.held_by_another_program(e):  # and still held after that
                raise FileHeld("errors.file_held", file=str(path)) from e
            raise
    _sync_folder(path.parent)


def _temp_file(path: Path, data: bytes, prefix: str = ".") -> str:
    """``data`` complete and on the disk (fsync) in a hidden temp file next to ``path``."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{prefix}{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise _cannot_write(path, e) from e
    with _removed_on_failure(tmp, path):
        with os.fdopen(fd, "wb") as f:
            _set_mode(tmp, path)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    return tmp


@contextmanager
def _removed_on_failure(tmp: str, path: Path) -> Iterator[None]:
    """Any failure removes the temp file; an OSError (a full disk, a folder in the way) is the
    user's to fix, not a bug."""
    try:
        yield
    except BaseException as e:
        files.remove_quietly(tmp)
        if isinstance(e, OSError):
            raise _cannot_write(path, e) from e
        raise


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows cannot open a folder, and needs no such step)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _cannot_write(path: Path, error: OSError) -> DialogiError:
    if error.errno in DISK_FULL:
        return CannotWrite("errors.disk_full", file=str(path))
    return CannotWrite("errors.cannot_write", file=str(path), reason=error.strerror or str(error))


def _refuse_read_only(path: Path) -> None:
    """A file marked read-only (no write permission; Windows' read-only attribute) is not replaced,
    although the rename that saves could replace it: it asks the folder, not the file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(path, os.W_OK)):
        raise CannotWrite("errors.read_only", file=str(path))


def _set_mode(tmp: str, path: Path) -> None:
    """mkstemp makes a 0600 file: give it the permissions of the file it replaces, or of a new file."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(tmp, mode)
    except OSError:  # a file system without permissions (a USB stick): keep what it gives
        pass


def save(path: Path | str, workshop: Workshop) -> None:
    """Save atomically; an older-schema file is first backed up next to itself."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        old = _schema_on_disk(path)
        if old is not None and old < SCHEMA:
            backup = backup_path(path, old)
            if not backup.exists():
                _back_up(path, backup)
    write_text_atomic(path, dump(workshop))


def _back_up(path: Path, backup: Path) -> None:
    """Copy the original whole or not at all: half a backup from a crash would never be made
    again (it exists), and the next save would migrate the original away."""
    try:
        original = path.read_bytes()
    except OSError as e:
        raise InvalidFile("errors.unreadable", file=str(path), reason=e.strerror or str(e)) from e
    write_bytes_atomic(backup, original)
    try:
        shutil.copystat(path, backup)  # the original's permissions and time
    except OSError:
        pass


def remove_orphans(folder: Path) -> None:
    """Remove the temp files in ``folder`` of saves that nobody will finish (a killed ``new``,
    a killed session): a temp file that is its file itself (``new`` killed after linking it),
    is older than its file's current version, or is older than any save takes.

    Called by ``new`` and ``list``; a session removes its own file's at its start. Never per
    save: the folder may hold thousands of files.
    """
    now = time.time()
    for tmp, target in _temp_files(folder, ".*.tmp"):
        if _orphaned(tmp, folder / target, now):
            files.remove_quietly(tmp)


def _remove_temp_files(path: Path) -> None:
    """With the file's lock held: every temp file of it is a save that nobody will finish."""
    for tmp, _ in _temp_files(path.parent, f".{glob.escape(path.name)}.*.tmp"):
        files.remove_quietly(tmp)


def _temp_files(folder: Path, pattern: str) -> list[tuple[Path, str]]:
    """The temp files ``_temp_file`` made in ``folder``, each with the name of its target."""
    try:
        found = list(folder.glob(pattern))
    except OSError:
        return []
    return [(p, m.group("target")) for p in found if (m := _TEMP_NAME.fullmatch(p.name))]


def _orphaned(tmp: Path, target: Path, now: float) -> bool:
    try:
        made = tmp.stat()
    except OSError:
        return False
    if now - made.st_mtime > STALE_AFTER:
        return True
    try:
        current = target.stat()
    except OSError:
        return False
    return os.path.samestat(made, current) or made.st_mtime_ns < current.st_mtime_ns


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.schema{version}.bak")


def _schema_on_disk(path: Path) -> int | None:
    try:
        with open(path, "rb") as f:  # what dump writes first: no need to parse the whole file on every save
            if f.read(len(_CURRENT_HEAD)) == _CURRENT_HEAD:
                return SCHEMA
        version = tomllib.loads(files.decode(path.read_bytes())).get("schema", 0)
    except (OSError, ValueError):
        return None
    return version if isinstance(version, int) else None


def create(path: Path, workshop: Workshop) -> Path:
    """Write a new workshop file, whole or not at all; never overwrite: ``name-2.toml`` etc. when taken.

    The complete first version goes into a temp file, which is then linked under the first free
    name (a hard link fails when the name is taken): a ``new`` killed at any moment leaves no
    empty or half-written record, at most a temp file that the next ``new`` or ``list`` removes
    (``remove_orphans``).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _cannot_write(path.parent, e) from e
    # named apart from the temp files of an existing file that a session may be cleaning up
    tmp = _temp_file(path, dump(workshop).encode("utf-8"), prefix=".new.")
    stem, n = path.stem, 1
    with _removed_on_failure(tmp, path):
        while True:
            try:
                _link_or_fill(tmp, path)
                break
            except FileExistsError:
                n += 1
                path = path.with_name(f"{stem}-{n}.toml")
    files.remove_quietly(tmp)  # the record has its name now; the temp name goes
    _sync_folder(path.parent)
    return path


def _link_or_fill(tmp: str, path: Path) -> None:
    """``tmp`` under the new name ``path``; FileExistsError when the name is taken."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise
    except OSError:  # no hard links here (a FAT-formatted stick): reserve the name, then fill it
        pass
    with open(path, "x"):
        pass
    try:
        files.replace(tmp, path)
    except BaseException:
        files.remove_quietly(path)  # our own empty reservation would list as a broken workshop
        raise


# -- one editor at a time -----------------------------------------------------------------


def lock_path(path: Path) -> Path:
    """Hidden, next to the file. It stays after release: unlinking a lock file breaks flock."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def editing(path: Path | str) -> Iterator[Workshop]:
    """Hold the file's lock while a session edits it; yield the loaded workshop.

    The lock is an OS lock (``dialogi.system.locks``): when the holding process dies, however
    it dies, the lock is released, so a crashed session never blocks the next one. A file the
    user may not write is refused here, before the first question.
    """
    from filelock import Timeout

    path = Path(path)
    load(path)  # report a broken file before anything else
    _refuse_read_only(path)
    lock_file = lock_path(path)
    lock = locks.os_lock(lock_file)
    try:
        lock.acquire()
    except Timeout:
        raise InUse("errors.in_use", file=str(path), **locks.read_holder(lock_file))
    except OSError as e:  # a read-only folder: the lock file cannot be made
        raise _cannot_write(lock_file, e) from e
    try:
        locks.write_holder(lock_file)
        _remove_temp_files(path)  # once a session, not at every save
        yield load(path)  # again, under the lock: a session that just ended may have saved since
    finally:
        locks.forget_holder(lock_file)
        lock.release()
