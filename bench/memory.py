"""Peak memory of every dialogi command, each in a fresh process.

A small wrapper process runs the command and reports ``ru_maxrss`` of its children (the
command's peak resident memory). Each command dialogi has is run the way a facilitator runs
it, on generated workshops (``common.make_workshop``; ``list`` and ``actions`` over a folder
of 1,000). Interactive commands (``round``) run in a pseudo-terminal and are ended with their
keys. A command added later without a recipe here is measured with ``--help`` only, and the
table says so. Target: at most 60 MiB each.

Run alone: ``python bench/memory.py [--files N]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from common import DIALOGI, PYTHON, Report, Row, bench_env, generate, make_workshop, print_machine

TARGET_MIB = 60
SAMPLE = Path(__file__).resolve().parent.parent / "src" / "dialogi" / "samples" / "kotihoito.fi.toml"

WRAPPER = """\
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
with open(sys.argv[1], "w") as out:
    out.write(f"{code} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
"""


@dataclass
class Case:
    """How to run one command: its arguments, what to prepare first, keys for a terminal."""

    args: list[str]
    prepare: Callable[[], None] = lambda: None
    keys: list[tuple[str, str]] = field(default_factory=list)  # in a pseudo-terminal: (wait for this text, then send this)
    note: str = ""


@dataclass
class Fixtures:
    """The files the commands work on, in one temporary folder."""

    root: Path
    folder: Path  # many workshops, for list and actions

    @property
    def workshop(self) -> Path:
        return self.root / "big.toml"

    @property
    def older(self) -> Path:
        return self.root / "older.toml"

    @property
    def run_file(self) -> Path:
        return self.root / "session" / "run.toml"

    @property
    def review_answers(self) -> Path:
        return self.root / "review-answers.toml"


def make_fixtures(root: Path, folder: Path) -> Fixtures:
    import tomli_w

    from dialogi.record import store

    fx = Fixtures(root, folder)
    rng = random.Random(7)
    older = make_workshop(rng, participants=20)
    store.save(fx.older, older)
    newer = make_workshop(rng, participants=20)
    newer.title, newer.rules.agreed = older.title, [*older.rules.agreed[:3], *newer.rules.agreed[3:]]
    store.save(fx.workshop, newer)
    rules = {r.id: {"compliance": "partly", "note": "Iltavuorossa unohtuu.", "decision": "keep"} for r in newer.active_rules()}
    fx.review_answers.write_text(tomli_w.dumps({"review": {
        "rules": rules, "add": {"1": {"text": ""}}, "note": "Hyvä keskustelu.", "next_date": "2027-06-01",
    }}), encoding="utf-8")
    return fx


def fresh_session_file(fx: Fixtures) -> None:
    """A new workshop from the sample's details, not yet run (``dialogi new --answers``)."""
    shutil.rmtree(fx.run_file.parent, ignore_errors=True)
    fx.run_file.parent.mkdir()
    subprocess.run([*DIALOGI, "new", "--answers", str(SAMPLE), "--dir", str(fx.run_file.parent), "--no-run"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    made = next(fx.run_file.parent.glob("*.toml"))
    made.rename(fx.run_file)


def fresh_review_file(fx: Fixtures) -> None:
    shutil.copy(fx.workshop, fx.root / "review.toml")


def recipes(fx: Fixtures) -> dict[str, Case]:
    """The commands a facilitator runs, by name; the ones dialogi does not have are left out."""
    out = fx.root / "out"
    many = f"{len(list(fx.folder.glob('*.toml'))):,}"
    return {
        "new": Case(["new", "--title", "Pelisäännöt 2027", "--date", "2027-01-15", "--team", "Kotihoito", "--language", "fi",
                     "--participants", "8", "--template", "dialogue", "--dir", str(out / "new"), "--no-run"],
                    note="every detail given as an option"),
        "run": Case(["run", str(fx.run_file), "--answers", str(SAMPLE)], prepare=lambda: fresh_session_file(fx),
                    note="the Finnish sample session, every method, from its answers file"),
        "list": Case(["list", str(fx.folder)], note=f"{many} workshops"),
        "actions": Case(["actions", str(fx.folder)], note=f"{many} workshops"),
        "show": Case(["show", str(fx.workshop)]),
        "check": Case(["check", str(fx.workshop)]),
        "export": Case(["export", str(fx.workshop), "--format", "md"]),
        "print": Case(["print", str(fx.workshop), "--what", "all", "--output", str(out / "print")],
                      prepare=lambda: (out / "print").mkdir(parents=True, exist_ok=True), note="HTML, the rules and the plan"),
        "review": Case(["review", str(fx.root / "review.toml"), "--what", "rules", "--date", "2027-03-01",
                        "--answers", str(fx.review_answers)], prepare=lambda: fresh_review_file(fx), note="rules review"),
        "diff": Case(["diff", str(fx.older), str(fx.workshop)]),
        "round": Case(["round", "Aino", "Mikko", "Leena", "--minutes", "1"], keys=[("Aino", "\r"), ("Mikko", "q")],
                      note="in a pseudo-terminal: two speakers, then q"),
        "principles": Case(["principles"]),
        "practices": Case(["practices"]),
        "demo": Case(["demo", "--dir", str(out / "demo")], note="writes and runs both sample workshops"),
    }


def command_names() -> list[str]:
    from dialogi.cli import app

    return [c.name or c.callback.__name__ for c in app.registered_commands]


def peak(case: Case, env: dict[str, str], report: Path) -> tuple[int, float]:
    """The exit code and peak resident memory (MiB) of one fresh run of the case."""
    case.prepare()
    argv = [PYTHON, "-c", WRAPPER, str(report), *DIALOGI, *case.args]
    if case.keys:
        import pexpect

        child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(35, 100), encoding="utf-8", timeout=30)
        for text, send in case.keys:
            child.expect_exact(text)
            child.send(send)
        child.expect(pexpect.EOF)
        child.close()
    else:
        subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    code, kib = report.read_text().split()
    return int(code), int(kib) / 1024


def shown(args: list[str], root: Path) -> str:
    """The arguments as a reader wants to see them: file names without the temporary folder, not too long."""
    words = [Path(a).name if a.startswith(("/", str(root))) else a for a in args]
    text = " ".join(words)
    return text if len(text) <= 60 else text[:57] + "…"


def measure(files: int = 1000, folder: Path | None = None) -> Report:
    """``folder``: workshops generated already (``run_all`` shares one folder); else ``files`` new ones."""
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="dialogi-bench-") as tmp:
        root = Path(tmp)
        if folder is None:
            folder = root / "workshops"
            generate(folder, files)
        fx = make_fixtures(root, folder)
        env = bench_env(root / "home")
        known = recipes(fx)
        cases = [("--help", Case(["--help"])), ("--version", Case(["--version"]))]
        for name in command_names():
            cases.append((name, known.get(name) or Case([name, "--help"], note="no recipe here yet: only `--help` measured")))
        for name, case in cases:
            code, mib = peak(case, env, root / "peak.txt")
            what = f"`dialogi {shown(case.args, root)}`"
            note = case.note if code == 0 else f"**ended with exit code {code}**: measured up to that point"
            rows.append(Row(what, mib, unit="MiB", target=TARGET_MIB, note=note))
    notes.insert(0, "Peak resident set size (`ru_maxrss`) of a fresh process per command, output to /dev/null.")
    return Report("Peak memory of each command", rows, notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="workshop files for list and actions (default 1000)")
    args = parser.parse_args()
    print_machine()
    measure(args.files).show()


if __name__ == "__main__":
    main()
