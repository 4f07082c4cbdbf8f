"""``dialogi list`` and ``dialogi actions`` over 1,000 workshop files, against a bare tomllib loop.

The files are generated as dialogi writes them (``common.generate``: rules, goals with
actions, indicators, reviews). The floor is a fresh Python process that only reads and parses
the same files with tomllib, nothing else; dialogi must also validate every record, sort them
and draw the table. Target for ``list``: at most 2 times the floor. The issue sets no target of
its own for ``actions``; it is held to the same one.

Run alone: ``python bench/listing.py [--files N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import DIALOGI, PYTHON, Report, Row, alternate_commands, bench_env, folder_size, generate, print_machine

TARGET = 2.0
BARE_LOOP = """\
import sys, tomllib
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.toml")):
    tomllib.loads(path.read_text("utf-8"))
"""


def measure(files: int = 1000, repeat: int = 7, folder: Path | None = None) -> Report:
    """``folder``: workshops generated already (``run_all`` shares one folder); else ``files`` new ones."""
    with tempfile.TemporaryDirectory(prefix="dialogi-bench-") as tmp:
        if folder is None:
            folder = Path(tmp) / "workshops"
            generate(folder, files)
        paths = sorted(folder.glob("*.toml"))
        files = len(paths)
        env = bench_env(Path(tmp) / "home")
        times = alternate_commands({
            "list": [*DIALOGI, "list", str(folder)],
            "actions": [*DIALOGI, "actions", str(folder)],
            "tomllib": [PYTHON, "-c", BARE_LOOP, str(folder)],
        }, env, repeat, warmup=1)
        size = folder_size(paths)
    floor_note = "floor: a bare Python loop that parses the same files with tomllib"
    rows = [
        Row.compare(f"`dialogi list` over {files} files", times["list"], times["tomllib"], TARGET, floor_note),
        Row.compare(f"`dialogi actions` over {files} files", times["actions"], times["tomllib"], TARGET,
                    floor_note + "; the target is the one the issue sets for `list`"),
    ]
    notes = [
        f"Medians of {repeat} runs each, alternating; output to /dev/null (rich, 120 columns).",
        f"The generated folder: {size}.",
    ]
    return Report(f"Listing {files} workshops", rows, notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="workshop files to generate (default 1000)")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command (default 7)")
    args = parser.parse_args()
    print_machine()
    measure(args.files, args.repeat).show()


if __name__ == "__main__":
    main()
