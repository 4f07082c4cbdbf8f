"""``dialogi --help`` starts fast: the heavy libraries load only when a command needs them."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

HEAVY = ("questionary", "prompt_toolkit", "pydantic", "pydantic_core", "tomli_w", "filelock", "starlette", "uvicorn", "segno", "playwright", "matplotlib", "numpy")
# What dialogi itself may load before a command runs: the app, its command signatures, errors, messages.
LIGHT_DIALOGI = ("dialogi", "dialogi.__main__", "dialogi.cli", "dialogi.commands", "dialogi.errors", "dialogi.i18n",
                 "dialogi.system", "dialogi.system.language")

PROBE = textwrap.dedent("""
    import contextlib, io, json, sys
    from dialogi.cli import app, run_cli
    heavy = {heavy}
    after_import = sorted(m for m in heavy if m in sys.modules)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = run_cli(sys.argv[1:])
    print(json.dumps({{
        "code": code,
        "after_import": after_import,
        "after_run": sorted(m for m in heavy if m in sys.modules),
        "dialogi": sorted(m for m in sys.modules if m.startswith("dialogi")),
        "typer_adapters": "typer._adapters" in sys.modules,
        "out": out.getvalue(),
    }}))
""").format(heavy=repr(HEAVY))


def probe(subprocess_env, *argv: str) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, env=subprocess_env, timeout=30)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def only_light_dialogi(modules: list[str]) -> list[str]:
    return [m for m in modules if m not in LIGHT_DIALOGI and not m.startswith("dialogi.commands.")]


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_help_imports_nothing_heavy(subprocess_env, argv):
    found = probe(subprocess_env, *argv)
    assert found["code"] == 0
    assert "dialogi" in found["out"]
    assert found["after_import"] == []
    assert found["after_run"] == []
    assert only_light_dialogi(found["dialogi"]) == []


@pytest.mark.parametrize("command", ["new", "run", "list", "show", "check", "export", "round", "principles", "demo", "print", "diff"])
def test_command_help_imports_nothing_heavy_of_dialogis_own(subprocess_env, command):
    """A command's --help loads none of dialogi's heavy parts.

    typer (0.2x) itself coerces option values with pydantic once a command is parsed; that is
    typer's own import, so pydantic is allowed here only together with ``typer._adapters``.
    """
    found = probe(subprocess_env, command, "--help")
    assert found["code"] == 0
    assert "Usage" in found["out"]
    assert found["after_import"] == []
    assert [m for m in found["after_run"] if m not in ("pydantic", "pydantic_core")] == []
    if found["after_run"]:
        assert found["typer_adapters"]
    assert only_light_dialogi(found["dialogi"]) == []


def test_the_probe_would_notice_a_heavy_import(subprocess_env, tmp_path):
    """The same probe on a command that does load the record sees it: the check is real."""
    found = probe(subprocess_env, "check", str(tmp_path / "missing.toml"))
    assert found["code"] == 4
    assert found["after_import"] == []
    assert "pydantic" in found["after_run"]
    assert "dialogi.record.models" in found["dialogi"]


def test_commands_keep_their_annotations_as_objects():
    """typer evaluates string annotations (``from __future__ import annotations``) twice per
    command at every start, which doubled the time to build the app (docs/benchmarks.md)."""
    from dialogi.cli import app

    callbacks = [c.callback for c in app.registered_commands] + [app.registered_callback.callback]
    strings = [f"{f.__module__}.{f.__name__}({name})" for f in callbacks for name, a in f.__annotations__.items() if isinstance(a, str)]
    assert strings == []


def test_show_draws_its_trends_without_the_plotting_library(subprocess_env):
    """The charts' library (matplotlib) loads only for a printed page with charts."""
    from pathlib import Path

    example = next((Path(__file__).parent.parent / "workshops").glob("*ward*.toml"))
    found = probe(subprocess_env, "show", str(example))
    assert found["code"] == 0
    assert "matplotlib" not in found["after_run"] and "numpy" not in found["after_run"]
    assert "dialogi.followup.series" in found["dialogi"]
