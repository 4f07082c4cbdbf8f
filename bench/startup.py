"""Start-up: ``dialogi --help`` and ``dialogi --version`` against a one-command typer app.

Both run as ``python FILE`` in fresh subprocesses on the same interpreter and typer, in turn.
The floor is typer's default app (its help is drawn with rich); a second, informative row
uses the bare app with the settings dialogi's own app has (plain help, no rich), the strictest
comparison. Target: at most 1.1 times the floor.

Run alone: ``python bench/startup.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import DIALOGI, DIALOGI_SETTINGS, PYTHON, Report, Row, alternate_commands, bench_env, print_machine, write_bare_app

TARGET = 1.1


def measure(repeat: int = 30) -> Report:
    with tempfile.TemporaryDirectory(prefix="dialogi-bench-") as tmp:
        folder = Path(tmp)
        env = bench_env(folder / "home")
        bare = write_bare_app(folder)
        plain = write_bare_app(folder, DIALOGI_SETTINGS, "bare_plain_app.py")
        times = alternate_commands({
            "dialogi --help": [*DIALOGI, "--help"],
            "bare --help": [PYTHON, str(bare), "--help"],
            "plain --help": [PYTHON, str(plain), "--help"],
            "dialogi --version": [*DIALOGI, "--version"],
            "bare --version": [PYTHON, str(bare), "--version"],
            "plain --version": [PYTHON, str(plain), "--version"],
            "python": [PYTHON, "-c", "pass"],
        }, env, repeat)
    rows = []
    for option in ("--help", "--version"):
        ours = times[f"dialogi {option}"]
        rows.append(Row.compare(f"`dialogi {option}`", ours, times[f"bare {option}"], TARGET, "floor: one-command typer app, typer's defaults"))
        rows.append(Row.compare(f"`dialogi {option}` (strict)", ours, times[f"plain {option}"], None,
                                "floor: the same app with dialogi's typer settings (no rich help); informative"))
    notes = [
        f"Medians of {repeat} runs each, alternating; `python -m dialogi` against `python bare_app.py`, same interpreter and environment.",
        f"The interpreter alone (`python -c pass`) takes {times['python'].wall_ms:.1f} ms of every figure here.",
        "dialogi's app sets `rich_markup_mode=None`, so its help is plain text and rich is not imported; "
        "typer's default app imports rich for its help, so dialogi can come in under that floor.",
    ]
    return Report("Start-up: --help and --version", rows, notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="runs of each command (default 30)")
    args = parser.parse_args()
    print_machine()
    measure(args.repeat).show()


if __name__ == "__main__":
    main()
