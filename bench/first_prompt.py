"""The first question of ``dialogi run`` on screen, in a real pseudo-terminal.

pexpect spawns ``python -m dialogi run FILE`` and waits until the agenda's question ("What
next?") is on the screen; then Ctrl-C ends it (exit 130, nothing lost). The floor is the same
bare typer app as in ``startup.py``: ``python bare_app.py --help`` until its last help line is
on the screen. Same interpreter, same environment, same terminal size, alternating runs.
Target: at most 2.5 times the floor.

Run alone: ``python bench/first_prompt.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from common import (
    BARE_HELP_END, DIALOGI, DIALOGI_SETTINGS, PYTHON, Report, Row, alternate, bench_env, make_workshop,
    print_machine, write_bare_app,
)

TARGET = 2.5
SIZE = (35, 100)  # rows, columns


def agenda_workshop(folder: Path) -> Path:
    """A fresh English workshop whose agenda holds every method dialogi can run, none started."""
    from dialogi.methods import registry
    from dialogi.record import models as m
    from dialogi.record import store

    workshop = make_workshop(random.Random(1), participants=12)
    workshop.language = "en"
    workshop.agenda = [m.AgendaItem(method=method) for method in registry()]
    path = folder / "first-prompt.toml"
    store.save(path, workshop)
    return path


def time_until(argv: list[str], text: str, env: dict[str, str], interrupt: bool) -> float:
    """Seconds from spawning ``argv`` in a pseudo-terminal until ``text`` is on its screen."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=SIZE, encoding="utf-8", timeout=30)
    child.expect_exact(text)
    elapsed = time.perf_counter() - start
    if interrupt:
        child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    expected = 130 if interrupt else 0
    if child.exitstatus != expected:
        raise SystemExit(f"{' '.join(argv)} ended with {child.exitstatus} (signal {child.signalstatus}), not {expected}:\n{child.before}")
    return elapsed


def measure(repeat: int = 20) -> Report:
    from dialogi.i18n import t

    with tempfile.TemporaryDirectory(prefix="dialogi-bench-") as tmp:
        folder = Path(tmp)
        env = bench_env(folder / "home")
        workshop = agenda_workshop(folder)
        question = t("engine.choose", "en")
        bare = write_bare_app(folder)
        plain = write_bare_app(folder, DIALOGI_SETTINGS, "bare_plain_app.py")
        times = alternate({
            "dialogi": lambda: time_until([*DIALOGI, "run", str(workshop)], question, env, interrupt=True),
            "bare": lambda: time_until([PYTHON, str(bare), "--help"], BARE_HELP_END, env, interrupt=False),
            "plain": lambda: time_until([PYTHON, str(plain), "--help"], BARE_HELP_END, env, interrupt=False),
        }, repeat)
    rows = [
        Row.compare("`dialogi run FILE`: first question on screen", times["dialogi"], times["bare"], TARGET,
                    "floor: bare typer app `--help` (typer's defaults) on screen"),
        Row.compare("the same (strict)", times["dialogi"], times["plain"], None,
                    "floor: the bare app with dialogi's typer settings (no rich help); informative"),
    ]
    notes = [
        f"Medians of {repeat} runs each, alternating, in a {SIZE[1]}×{SIZE[0]} pseudo-terminal (pexpect); "
        f"dialogi shows the agenda table and asks \"{question}\" (questionary). "
        "The CPU ratio counts each process to its end (dialogi's includes its exit after Ctrl-C).",
        "Before that question dialogi loads what the floor never needs: pydantic (typer coerces every "
        "option value with it, and the workshop record is validated with it), the record, rich for the "
        "agenda table, filelock for the editing lock, and questionary with prompt_toolkit for the question.",
    ]
    return Report("First question of `dialogi run` on screen", rows, notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs of each (default 20)")
    args = parser.parse_args()
    print_machine()
    measure(args.repeat).show()


if __name__ == "__main__":
    main()
