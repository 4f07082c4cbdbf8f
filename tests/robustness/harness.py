"""What the robustness tests share: the demo's workshops, running the command line in-process with
its output captured, what a bug looks like to the user, and what an error message must say.

(Not a conftest.py: the test modules in tests/ import ``conftest`` by name, and a second
conftest.py here would take that name from them.)
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dialogi.errors import ExitCode
from dialogi.i18n import t

# Exit codes a user can cause (README, "Exit codes"); 1 is a bug, never acceptable here.
USER_ERRORS = {code for code in ExitCode if code not in (ExitCode.OK, ExitCode.BUG)}

# What a Python traceback or the unexpected-error message looks like in the output.
BUG_SIGNS = ("Traceback (most recent call last)", *(t("errors.bug", lang, error="\0").split("\0")[0] for lang in ("en", "fi")))

# A line: "FILE:12:3:" (TOML syntax), "line 12" / "rivi 12" (not UTF-8).
LINE = re.compile(r":\d+:\d+:|\bline \d+|\brivi \d+")
# A field path in a validation problem: "  • agenda[1].status: ..." (the details lines).
FIELD = re.compile(r"^  • [^\s:][^\n]*?: ", re.MULTILINE)


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def invoke(*argv: str) -> Outcome:
    """``dialogi ARGV`` in this process (fast), its output captured; the exit code returned."""
    from dialogi.cli import run_cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli([str(a) for a in argv])
    return Outcome(int(code), out.getvalue(), err.getvalue())


def assert_no_bug(outcome: Outcome, argv: tuple[str, ...]) -> None:
    for sign in BUG_SIGNS:
        assert sign not in outcome.text, f"dialogi {' '.join(argv)}: a bug shown to the user:\n{outcome.text[-3000:]}"
    assert outcome.code == 0 or outcome.code in USER_ERRORS, (
        f"dialogi {' '.join(argv)}: exit {outcome.code}, not a documented code:\n{outcome.text[-3000:]}"
    )


def names_a_place(message: str) -> bool:
    """A line of the file, or the field of the record, that the problem is in."""
    return bool(LINE.search(message) or FIELD.search(message))


@dataclass(frozen=True)
class Demo:
    """One demo workshop: its file name, its bytes and its parsed TOML."""

    name: str
    raw: bytes

    def __repr__(self) -> str:  # not the whole file in every failure report
        return f"Demo({self.name!r}, {len(self.raw)} bytes)"

    @property
    def data(self) -> dict:
        return tomllib.loads(self.raw.decode("utf-8"))

    @property
    def language(self) -> str:
        return self.data.get("language", "fi")


@functools.cache
def demo_records() -> list[Demo]:
    """The demo's two complete workshops (Finnish and English), written once per test run."""
    from dialogi.samples import write_samples

    folder = Path(tempfile.mkdtemp(prefix="dialogi-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return [Demo(path.name, path.read_bytes()) for path in write_samples(folder)]
