"""Run every benchmark and write the results to ``docs/benchmarks.md``.

``python bench/run_all.py`` takes a few minutes (most of it ``dialogi list`` and ``actions``
over 1,000 workshops, several times). ``--quick`` runs fewer repetitions, for a first look.
Each benchmark also runs alone: ``python bench/startup.py`` and so on.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import autosave
import first_prompt
import listing
import memory
import room_load
import startup
from common import ROOT, Report, generate, machine_info

FILES = 1000

INTRODUCTION = """\
How fast dialogi starts, lists and saves, against the floor each can hardly beat, measured
side by side in one run. Written by `python bench/run_all.py` (the scripts are in `bench/`;
each also runs alone, e.g. `python bench/startup.py`). These are measurements, not tests:
the test suite has no timed tests."""

READING = """\
## How to read the tables

- **ours** and **floor** are medians of wall-clock time (memory: peak resident memory), the
  **ratio** is ours divided by the floor, **met?** compares it with the issue's target.
- **CPU ratio** is the same comparison in CPU time (user + system) of the processes. The
  machine these figures come from is shared: other programs often kept both of its cores busy,
  which stretches wall-clock times unevenly. CPU time hardly changes with that load, so where
  the two ratios differ the machine was busy, and the CPU ratio is the steadier figure. Both
  are reported as measured; the target is judged on wall-clock time.
- Every comparison alternates ours and the floor run by run, so that a busy moment slows both."""

FIXES = """\
## What was found and fixed

Targets missed at the first run, their causes, and the fixes (all in `src/dialogi/`):

- **Peak memory of `list` and `actions` over 1,000 workshops: ~200 MiB** (target 60 MiB).
  Cause: both kept every loaded record whole (some 140 KiB of Python objects each) until the
  table was printed, and rich then rendered the whole table in memory before writing it.
  Fixes: `record/folder.py` — `scan(folder, keep=…)` keeps only a summary of each record and
  drops the record at once; `render/listing.py` keeps a `Listed` row per workshop;
  `action_list.py` keeps a `Source` (title, date, the actions that can be listed) instead of
  the workshop; `render/in_parts.py` prints a long table a few hundred lines at a time (the
  same output); `render/action_table.py` makes one rich `Text` per distinct cell (owners,
  goals and files repeat).
- **Autosave after one answer: median 14–19 ms** (target 10 ms, depending on the load) in the
  300-proposal workshop. Cause (cProfile): tomli-w turning the whole 88 KiB record into TOML
  took 8–14 ms of it, on every save, although one answer changes one small part. Fix:
  `record/toml_text.py` builds the same text (byte for byte, tested) from the text of each
  part two levels down and asks tomli-w again only for the parts whose value changed since the
  last save.
- **First question of `dialogi run`: ~2.6–2.9× the floor** (target 2.5×). Causes
  (`python -X importtime`, in-process timings): almost all of it is loading what a session
  needs (pydantic, which typer itself also uses to convert every option value; rich;
  questionary and prompt_toolkit), but a fifth of the time was the garbage collector going
  again and again over the hundreds of thousands of objects these imports create, freeing
  nothing. Fix: `collector.py` — `main` switches the collector off; when dialogi starts to
  wait for a person (a question, a speaking round) the objects made so far are frozen out of
  its way (`gc.freeze`) and it is switched on again.
- **`dialogi --version`: ~1.15–1.4× the floor** (target 1.1×). Cause (cProfile of building the
  app): typer evaluates string annotations (`from __future__ import annotations`) twice per
  command at every start — over half of the time to build dialogi's 15 commands. Fix: the
  modules in `commands/` and `cli.py` keep their annotations as objects (a test in
  `tests/test_startup.py` keeps it so)."""


def run(quick: bool) -> tuple[dict[str, str], list[Report], float]:
    started = time.perf_counter()
    info = machine_info()
    reports = [
        startup.measure(repeat=10 if quick else 40),
        first_prompt.measure(repeat=8 if quick else 25),
    ]
    with tempfile.TemporaryDirectory(prefix="dialogi-bench-") as tmp:
        folder = Path(tmp) / "workshops"
        generate(folder, FILES)
        reports.append(listing.measure(repeat=3 if quick else 7, folder=folder))
        reports.append(autosave.measure(repeat=100 if quick else 500))
        reports.append(memory.measure(folder=folder))
    reports.append(room_load.measure(rounds=2 if quick else 5))
    return info, reports, time.perf_counter() - started


REMAINS = {
    "Start-up: --help and --version": (
        "dialogi imports its 15 small command modules (~1.5 ms) and typer builds 15 commands where the "
        "bare app has one (~2 ms, after the fix below)."
    ),
    "First question of `dialogi run` on screen": (
        "What remains is loading what a session needs, measured in-process (CPU ms): typer ~45 (the "
        "floor pays it too), pydantic ~55 (typer converts option values with it) and the record's "
        "models ~28, questionary with prompt_toolkit ~56 and the question ~16, rich ~17, the methods "
        "~8, the store with filelock ~10; dialogi's own engine, loading the file and the agenda table ~15. Of what is "
        "left, replacing filelock with a hand-made lock would save the most."
    ),
    "Listing 1000 workshops": (
        "`actions` lists ~4,500 open actions here: rich takes ~2.4 s to lay out and draw a table of "
        "that many rows with wrapped cells; reading and validating the files costs what the floor's "
        "tomllib does plus ~0.3 s for pydantic."
    ),
    "Peak memory of each command": (
        "Any command that parses options takes ~29 MiB before it does anything (Python, typer, and "
        "pydantic, which typer converts option values with); `actions` adds the ~4,500 listed actions "
        "and rich's layout of their table."
    ),
}


def close_calls(reports: list[Report]) -> str:
    """The results within a tenth of their target, with what is left in them."""
    lines = []
    for report in reports:
        for row in report.rows:
            value = row.ratio if row.floor is not None else row.ours
            if row.met and row.target and value is not None and value > 0.9 * row.target:
                lines.append(f"- {row.what}: {value:.2f} of {row.target:g} ({report.title}). {REMAINS.get(report.title, '')}".rstrip())
    if not lines:
        return ""
    return "## Close to the target\n\nMet, but by less than a tenth; on a busier moment of the machine they may not be:\n\n" + "\n".join(lines)


def summary(reports: list[Report]) -> str:
    lines = ["| benchmark | targets met |", "|---|---|"]
    for report in reports:
        judged = [row for row in report.rows if row.met is not None]
        met = sum(1 for row in judged if row.met)
        missed = [row.what for row in judged if not row.met]
        lines.append(f"| {report.title} | {met} of {len(judged)}" + (f"; missed: {', '.join(missed)}" if missed else "") + " |")
    return "\n".join(lines)


def markdown(info: dict[str, str], reports: list[Report], seconds: float, quick: bool) -> str:
    machine = "\n".join(f"- {key}: {value}" for key, value in info.items())
    how = "`python bench/run_all.py --quick` (fewer repetitions)" if quick else "`python bench/run_all.py`"
    parts = [
        "# Benchmarks",
        INTRODUCTION,
        f"Measured {info['date']} with {how}, in {seconds / 60:.1f} minutes.",
        f"## The machine\n\n{machine}",
        f"## Summary\n\n{summary(reports)}",
        READING,
        *(report.markdown().rstrip() for report in reports),
        close_calls(reports),
        FIXES,
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a first look, not for the record)")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md", help="where to write (default docs/benchmarks.md)")
    args = parser.parse_args()
    info, reports, seconds = run(args.quick)
    for key, value in info.items():
        print(f"{key}: {value}")
    for report in reports:
        report.show()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(markdown(info, reports, seconds, args.quick), encoding="utf-8")
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
