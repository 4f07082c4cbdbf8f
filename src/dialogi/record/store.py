"""Reading and writing workshop files: validated loads, atomic saves, one editor at a time."""

from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import stat
import tempfile
import time
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from dialogi.errors import CannotWrite, DialogiError, InUse, InvalidFile, NotFound, TooNew
from dialogi.record.migrate import migrate
from dialogi.record.models import SCHEMA, Workshop

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
    if not raw.strip():
        raise InvalidFile("errors.empty_file", file=str(path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InvalidFile("errors.not_utf8", file=str(path), line=line)
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
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise _cannot_write(path, e) from e
    try:
        with os.fdopen(fd, "wb") as f:
            _set_mode(tmp, path)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):  # a full disk, a folder in the way: the user's to fix, not a bug
            raise _cannot_write(path, e) from e
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _cannot_write(path: Path, error: OSError) -> DialogiError:
    return CannotWrite("errors.cannot_write", file=str(path), reason=error.strerror or str(error))


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
    _remove_stale_temp_files(path)


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


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files of saves that were killed half-way: any older than the version just saved."""
    try:
        saved = path.stat().st_mtime_ns
        stale = [p for p in path.parent.glob(f".{glob.escape(path.name)}.*.tmp") if p.stat().st_mtime_ns < saved]
    except OSError:
        return
    for tmp in stale:
        try:
            tmp.unlink()
        except OSError:
            pass


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.schema{version}.bak")


def _schema_on_disk(path: Path) -> int | None:
    try:
        with open(path, "rb") as f:  # what dump writes first: no need to parse the whole file on every save
            if f.read(len(_CURRENT_HEAD)) == _CURRENT_HEAD:
                return SCHEMA
        version = tomllib.loads(path.read_text("utf-8")).get("schema", 0)
    except (OSError, ValueError):
        return None
    return version if isinstance(version, int) else None


def create(path: Path, workshop: Workshop) -> Path:
    """Write a new workshop file; never overwrite: ``name-2.toml`` etc. when taken."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _cannot_write(path.parent, e) from e
    stem, n = path.stem, 1
    while True:
        try:
            with open(path, "x", encoding="utf-8"):
                pass
            break
        except FileExistsError:
            n += 1
            path = path.with_name(f"{stem}-{n}.toml")
        except OSError as e:
            raise _cannot_write(path, e) from e
    try:
        write_text_atomic(path, dump(workshop))
    except BaseException:
        path.unlink(missing_ok=True)  # the empty placeholder would list as a broken workshop
        raise
    return path


# -- one editor at a time -----------------------------------------------------------------


def lock_path(path: Path) -> Path:
    """Hidden, next to the file. It stays after release: unlinking a lock file breaks flock."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def editing(path: Path | str) -> Iterator[Workshop]:
    """Hold the file's lock while a session edits it; yield the loaded workshop.

    The lock is an OS lock (flock): when the holding process dies, however it dies, the lock
    is released, so a crashed session never blocks the next one.
    """
    from filelock import FileLock, Timeout

    path = Path(path)
    load(path)  # report a broken file before anything else
    lock = FileLock(lock_path(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise InUse("errors.in_use", file=str(path), **_holder(path))
    except OSError as e:  # a read-only folder: the lock file cannot be made
        raise _cannot_write(lock_path(path), e) from e
    try:
        lock_path(path).write_text(f"{os.getpid()} {socket.gethostname()} {time.time():.0f}\n", "utf-8")
        yield load(path)  # again, under the lock: a session that just ended may have saved since
    finally:
        lock.release()


def _holder(path: Path) -> dict[str, str]:
    try:
        pid, host, since = lock_path(path).read_text("utf-8").split()
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(float(since)))
    except (OSError, ValueError):
        pid, host, when = "?", "?", "?"
    return {"pid": pid, "host": host, "since": when}
