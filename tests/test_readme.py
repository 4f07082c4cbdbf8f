"""The README tells the truth about the commands and the exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dialogi.cli import app
from dialogi.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no section «{title}»"
    return match.group(1)


def command_names() -> list[str]:
    names = [info.name or info.callback.__name__ for info in app.registered_commands]
    names += [info.name for info in app.registered_groups]
    return names


def test_the_app_has_the_commands_we_expect():
    assert {"new", "run", "list", "show", "check", "export", "round", "principles", "practices", "demo"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_in_the_command_reference(name):
    table = section("Commands")
    assert re.search(rf"^\| `dialogi {re.escape(name)}(?: [^`]*)?` \|", table, re.M), f"dialogi {name} is not in the command table"


def test_the_command_reference_lists_no_command_that_does_not_exist():
    listed = re.findall(r"^\| `dialogi ([a-z-]+)", section("Commands"), re.M)
    assert sorted(listed) == sorted(command_names())


def exit_code_table() -> dict[int, str]:
    rows = re.findall(r"^\| (\d+) \| (.+?) \|$", section("Exit codes"), re.M)
    return {int(code): meaning for code, meaning in rows}


@pytest.mark.parametrize("code", list(ExitCode), ids=lambda c: c.name)
def test_every_exit_code_is_in_the_table(code):
    assert int(code) in exit_code_table(), f"exit code {int(code)} ({code.name}) is missing from the README"


def test_the_exit_code_table_has_no_unknown_codes():
    assert sorted(exit_code_table()) == sorted(int(c) for c in ExitCode)
