"""The command line, run in-process through ``run_cli`` (and as a real process where it matters)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from dialogi import __version__
from dialogi.cli import run_cli
from dialogi.errors import ExitCode
from dialogi.i18n import content, t
from dialogi.record import store
from dialogi.record.models import (
    Action,
    AgendaItem,
    Goal,
    MethodId,
    PracticeId,
    PracticeNote,
    Practices,
    Principles,
    Review,
    Rule,
    Rules,
    Status,
    Wellbeing,
    Workshop,
)


def python_dialogi(*args: str) -> list[str]:
    return [sys.executable, "-m", "dialogi", *args]


D = dt.date


def plain(text: str) -> str:
    """Terminal output without box drawing and line wrapping: one line of single-spaced words."""
    return " ".join(re.sub(r"[│┃║╭╮╰╯─━┏┓┗┛┡┩╇┳┻┣┫╞╡═╤╧┼┬┴├┤┌┐└┘]", " ", text).split())


def new(folder: Path, title: str, date: str = "2026-11-23", *extra: str) -> int:
    return run_cli(["new", "--title", title, "--date", date, "--dir", str(folder), *extra])


def only_file(folder: Path) -> Path:
    files = sorted(folder.glob("*.toml"))
    assert len(files) == 1, files
    return files[0]


def sample_workshop(language: str = "en") -> Workshop:
    return Workshop(
        title=f"Sample workshop {language}",
        date=D(2026, 11, 23),
        team="Ward 4",
        facilitator="Jonna",
        language=language,
        participant_count=3,
        participants=["Anna", "Ben", "Chen"],
        agenda=[AgendaItem(method=m, status=Status.DONE) for m in MethodId],
        principles=Principles(agreed=True, emphasised=[3]),
        practices=Practices(notes=[PracticeNote(practice=PracticeId.LISTENING, commitment="We let everyone finish.")]),
        rules=Rules(agreed=[Rule(id="r1", text="Phones stay silent.")], review_date=D(2027, 2, 1)),
        wellbeing=Wellbeing(goals=[Goal(id="g1", title="Breaks happen", actions=[Action(id="a1", text="A break rota", owner="Ben")])]),
        reviews=[Review(date=D(2027, 2, 1), kind="rules", note="Going well.")],
    )


# -- new ------------------------------------------------------------------------------------------


def test_new_from_options(tmp_path, capsys):
    folder = tmp_path / "ws"
    code = run_cli([
        "new", "--title", "Kotihoidon pelisäännöt", "--date", "2026-11-23", "--team", "Kotihoito, Itäinen tiimi",
        "--facilitator", "Sari", "--language", "fi", "--participants", "5", "--names", "Aino, Mikko,Leena",
        "--template", "rules", "--dir", str(folder),
    ])
    assert code == ExitCode.OK
    path = folder / "2026-11-23-kotihoidon-pelisaannot.toml"
    assert only_file(folder) == path
    out = capsys.readouterr().out
    assert t("cli.new.created", "en", file=str(path)) in out
    assert f"dialogi run {path}" in out

    workshop = store.load(path)
    assert workshop.title == "Kotihoidon pelisäännöt"
    assert workshop.date == D(2026, 11, 23)
    assert (workshop.team, workshop.facilitator, workshop.language) == ("Kotihoito, Itäinen tiimi", "Sari", "fi")
    assert workshop.participants == ["Aino", "Mikko", "Leena"] and workshop.participant_count == 5
    assert [a.method for a in workshop.agenda] == [MethodId.PRINCIPLES, MethodId.RULES, MethodId.REFLECTION]
    assert tomllib.loads(path.read_text("utf-8"))["schema"] == 1


def test_new_custom_methods_put_the_reflection_last(tmp_path):
    assert new(tmp_path, "Custom", "2026-11-23", "--template", "custom", "--methods", "reflection, wellbeing,principles") == 0
    workshop = store.load(only_file(tmp_path))
    assert [a.method for a in workshop.agenda] == [MethodId.WELLBEING, MethodId.PRINCIPLES, MethodId.REFLECTION]


@pytest.mark.parametrize(
    "title, name",
    [
        ("../../etc/passwd", "2026-11-23-etc-passwd.toml"),
        ("..", "2026-11-23-workshop.toml"),
        ("/etc/passwd", "2026-11-23-etc-passwd.toml"),
        ("..\\..\\windows\\system32", "2026-11-23-windows-system32.toml"),
        ("Åland Ärjä Öljy", "2026-11-23-aland-arja-oljy.toml"),
        ("x" * 200, f"2026-11-23-{'x' * 60}.toml"),
    ],
)
def test_new_file_names_stay_inside_the_folder(tmp_path, title, name):
    folder = tmp_path / "a" / "ws"
    assert new(folder, title) == ExitCode.OK
    path = only_file(folder)
    assert path.name == name
    assert path.resolve().parent == folder.resolve()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [name]
    assert store.load(path).title == title


def test_new_with_details_too_long_is_a_message_not_a_bug(tmp_path, capsys):
    assert run_cli(["new", "--title", "x" * 201, "--participants", "20000", "--dir", str(tmp_path)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith(t("errors.bad_details", "en"))
    assert "  • title: is too long (at most 200 characters)" in err
    assert "  • participant_count: should be at most 10000, not 20000" in err
    assert list(tmp_path.iterdir()) == []


def test_new_never_overwrites(tmp_path):
    assert new(tmp_path, "Kotihoidon pelisäännöt", "2026-11-23", "--team", "first") == 0
    first = tmp_path / "2026-11-23-kotihoidon-pelisaannot.toml"
    before = first.read_bytes()
    assert new(tmp_path, "Kotihoidon pelisäännöt", "23.11.2026", "--team", "second") == 0
    assert new(tmp_path, "Kotihoidon  PELISÄÄNNÖT!", "2026-11-23", "--team", "third") == 0
    assert first.read_bytes() == before
    assert store.load(tmp_path / "2026-11-23-kotihoidon-pelisaannot-2.toml").team == "second"
    assert store.load(tmp_path / "2026-11-23-kotihoidon-pelisaannot-3.toml").team == "third"


def test_new_with_an_answers_file(tmp_path, capsys):
    answers = tmp_path / "answers.toml"
    answers.write_text(textwrap.dedent("""
        [new]
        title = "Osaston dialogipäivä"
        date = "24.11.2026"
        team = "Osasto 4"
        facilitator = "Jonna"
        language = "fi"
        names = "Aino, Mikko, Leena"
        participants = 4
        template = "wellbeing"
    """), "utf-8")
    folder = tmp_path / "ws"
    assert run_cli(["new", "--answers", str(answers), "--dir", str(folder)]) == ExitCode.OK
    path = only_file(folder)
    assert path.name == "2026-11-24-osaston-dialogipaiva.toml"
    workshop = store.load(path)
    assert (workshop.title, workshop.date, workshop.team, workshop.language) == ("Osaston dialogipäivä", D(2026, 11, 24), "Osasto 4", "fi")
    assert workshop.participants == ["Aino", "Mikko", "Leena"] and workshop.participant_count == 4
    assert [a.method for a in workshop.agenda] == [MethodId.PRINCIPLES, MethodId.WELLBEING, MethodId.REFLECTION]


@pytest.mark.parametrize(
    "answers, key",
    [
        ('[new]\nteam = "no title"\n', "new.title"),
        ('[new]\ntitle = ""\n', "new.title"),
        ('[new]\ntitle = "T"\ndate = "2026-13-45"\n', "2026-13-45"),
        ('[new]\ntitle = "T"\ntemplate = "knitting"\n', "new.template"),
    ],
    ids=["no-title", "empty-title", "bad-date", "bad-template"],
)
def test_new_with_answers_that_do_not_fit(tmp_path, capsys, answers, key):
    """A wrong answer stops with exit 9 and a message; it is never asked again for ever."""
    file = tmp_path / "answers.toml"
    file.write_text(answers, "utf-8")
    assert run_cli(["new", "--answers", str(file), "--dir", str(tmp_path / "ws")]) == ExitCode.BAD_ANSWERS
    assert key in capsys.readouterr().err
    assert not (tmp_path / "ws").exists() or not list((tmp_path / "ws").iterdir())


def test_new_without_a_title_or_a_terminal(tmp_path, subprocess_env):
    folder = tmp_path / "ws"
    result = subprocess.run(python_dialogi("new", "--dir", str(folder)), stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, env=subprocess_env, timeout=30)
    assert result.returncode == ExitCode.NO_TERMINAL == 8
    assert "--answers" in result.stderr
    assert "Traceback" not in result.stderr
    assert not folder.exists() or not list(folder.iterdir())


def test_new_dates(tmp_path, capsys):
    assert new(tmp_path, "Finnish date", "23.11.2026") == ExitCode.OK
    assert store.load(only_file(tmp_path)).date == D(2026, 11, 23)
    capsys.readouterr()

    for bad in ("2026-13-45", "31.2.2026", "tomorrow"):
        assert new(tmp_path / bad, "Bad date", bad) == ExitCode.USAGE
        err = capsys.readouterr().err
        assert err.strip() == t("errors.bad_date", "en", value=bad)
        assert not (tmp_path / bad).exists()


def test_new_without_a_date_uses_today(tmp_path):
    assert run_cli(["new", "--title", "Today", "--dir", str(tmp_path)]) == 0
    assert store.load(only_file(tmp_path)).date == D.today()


@pytest.mark.parametrize(
    "args, key, params",
    [
        (["--title", "   "], "errors.empty_title", {}),
        (["--title", "x", "--language", "sv"], "errors.bad_language", {"value": "sv"}),
        (["--title", "x", "--template", "knitting"], "errors.bad_template", {"value": "knitting", "choices": "rules, wellbeing, dialogue, custom"}),
        (["--title", "x", "--template", "custom", "--methods", "principles,knitting"], "cli.new.bad_method",
         {"value": "knitting", "choices": "principles, practices, rules, wellbeing, reflection"}),
    ],
)
def test_new_wrong_options(tmp_path, capsys, args, key, params):
    assert run_cli(["new", *args, "--dir", str(tmp_path / "ws")]) == ExitCode.USAGE
    assert capsys.readouterr().err.strip() == t(key, "en", **params)
    assert not (tmp_path / "ws").exists()


def test_new_in_the_default_folder_and_list_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run_cli(["new", "--title", "Default folder", "--date", "2026-11-23"]) == 0
    assert (tmp_path / "workshops" / "2026-11-23-default-folder.toml").exists()
    capsys.readouterr()
    assert run_cli(["list"]) == 0
    assert "Default folder" in capsys.readouterr().out


def test_new_into_a_folder_that_cannot_exist(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    code = run_cli(["new", "--title", "x", "--dir", str(blocker / "ws")])
    assert code == ExitCode.CANNOT_WRITE
    err = capsys.readouterr().err
    assert "Cannot write" in err and "Traceback" not in err and "unexpected" not in err


# -- list -----------------------------------------------------------------------------------------


def test_list_newest_first_with_broken_files_and_their_reasons(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "400")  # no folding inside the table cells
    for title, date in (("Alpha", "2026-01-05"), ("Beta", "2026-03-01"), ("Gamma", "2025-12-31")):
        assert new(tmp_path, title, date) == 0
    (tmp_path / "broken.toml").write_text('title = "Delta"\ndate = 2027-01-01\nparticipant_count = -1\n', "utf-8")
    (tmp_path / "syntax.toml").write_text('title = "Epsilon\n', "utf-8")
    (tmp_path / "notes.txt").write_text("not a workshop", "utf-8")
    (tmp_path / ".hidden.toml").write_text("not = 'listed'", "utf-8")
    with store.editing(tmp_path / "2026-01-05-alpha.toml"):
        pass  # leaves a .lock file behind, which must not be listed
    capsys.readouterr()

    assert run_cli(["list", str(tmp_path)]) == ExitCode.OK
    captured = capsys.readouterr()
    out = plain(captured.out)
    assert "Traceback" not in captured.out + captured.err
    order = [out.index(word) for word in ("Beta", "Alpha", "Gamma", "broken.toml", "syntax.toml")]
    assert order == sorted(order), out
    assert "participant_count: should be at least 0, not -1" in out
    assert f"{tmp_path / 'syntax.toml'}:1:" in out
    assert out.count(t("cli.list.unreadable", "en")) == 2
    for hidden in ("notes.txt", ".hidden.toml", ".lock", "Delta"):
        assert hidden not in out


def test_list_empty_missing_and_not_a_folder(tmp_path, capsys):
    assert run_cli(["list", str(tmp_path)]) == ExitCode.OK
    assert plain(capsys.readouterr().out) == t("errors.no_workshops", "en", folder=str(tmp_path))
    assert run_cli(["list", str(tmp_path / "nope")]) == ExitCode.NOT_FOUND
    assert str(tmp_path / "nope") in capsys.readouterr().err
    file = tmp_path / "file.toml"
    file.write_text("", "utf-8")
    assert run_cli(["list", str(file)]) == ExitCode.NOT_FOUND
    assert capsys.readouterr().err.strip() == t("errors.not_a_folder", "en", folder=str(file))


# -- show, check, export ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fi"])
def test_show_renders_the_title_and_every_section(tmp_path, capsys, language):
    path = tmp_path / "w.toml"
    store.save(path, sample_workshop(language))
    assert run_cli(["show", str(path)]) == ExitCode.OK
    out = plain(capsys.readouterr().out)
    assert f"Sample workshop {language}" in out
    headings = [t("render.agenda.heading", language)] + [t(f"render.methods.{m.value}", language) for m in MethodId if m != MethodId.REFLECTION]
    headings.append(t("render.reviews.heading", language))
    for heading in headings:
        assert heading in out, heading
    for text in ("Phones stay silent.", "We let everyone finish.", "Breaks happen", "A break rota", "Going well.", "Anna, Ben, Chen"):
        assert text in out, text


def test_check(tmp_path, capsys):
    good = [tmp_path / "a.toml", tmp_path / "b.toml"]
    for path in good:
        store.save(path, sample_workshop())
    assert run_cli(["check", *map(str, good)]) == ExitCode.OK
    out = capsys.readouterr().out
    for path in good:
        assert t("cli.check.ok", "en", file=str(path)) in out

    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\ndate = 2026-01-01\nlanguage = "sv"\n', "utf-8")
    assert run_cli(["check", str(good[0]), str(bad), str(good[1])]) == ExitCode.INVALID_FILE
    captured = capsys.readouterr()
    assert captured.out.count(": valid") == 2
    assert str(bad) in captured.err and "language" in captured.err

    # several files: 3 whatever the reason; one file: that file's own exit code
    assert run_cli(["check", str(good[0]), str(tmp_path / "missing.toml")]) == ExitCode.INVALID_FILE
    assert run_cli(["check", str(tmp_path / "missing.toml")]) == ExitCode.NOT_FOUND
    assert run_cli(["check"]) == ExitCode.USAGE


def test_export_markdown_and_json(tmp_path, capsys):
    path = tmp_path / "w.toml"
    store.save(path, sample_workshop())

    assert run_cli(["export", str(path), "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Sample workshop en\n")
    assert "Phones stay silent." in md and f"## {t('render.agenda.heading', 'en')}" in md

    assert run_cli(["export", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1 and data["title"] == "Sample workshop en" and data["date"] == "2026-11-23"
    assert data["rules"]["agreed"][0]["text"] == "Phones stay silent."

    out_md, out_json = tmp_path / "out" / "w.md", tmp_path / "w.json"
    out_md.parent.mkdir()
    assert run_cli(["export", str(path), "--format", "md", "--output", str(out_md)]) == 0
    assert run_cli(["export", str(path), "-f", "json", "-o", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert t("cli.export.written", "en", file=str(out_md)) in out
    assert out_md.read_text("utf-8") == md  # the same text as on the screen
    assert json.loads(out_json.read_text("utf-8")) == data
    assert out_md.stat().st_mode & 0o044 == 0o044  # readable by others, like any exported document
    assert not list(tmp_path.rglob(".*.tmp"))


def test_export_wrong_format_or_output(tmp_path, capsys):
    path = tmp_path / "w.toml"
    store.save(path, sample_workshop())
    assert run_cli(["export", str(path), "--format", "pdf"]) == ExitCode.USAGE
    assert capsys.readouterr().err.strip() == t("errors.bad_format", "en", value="pdf", choices="md, json")

    assert run_cli(["export", str(path), "--output", str(tmp_path / "no" / "w.md")]) == ExitCode.CANNOT_WRITE
    err = capsys.readouterr().err
    assert "Cannot write" in err and "unexpected" not in err
    assert run_cli(["export", str(tmp_path / "missing.toml")]) == ExitCode.NOT_FOUND


# -- reference cards ----------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["option", "environment"])
@pytest.mark.parametrize("language", ["en", "fi"])
@pytest.mark.parametrize("command, count", [("principles", 13), ("practices", 4)])
def test_reference_cards(monkeypatch, capsys, command, count, language, how):
    monkeypatch.setenv("COLUMNS", "200")
    if how == "option":
        code = run_cli(["--lang", language, command])
    else:
        monkeypatch.setenv("DIALOGI_LANG", language)
        code = run_cli([command])
    assert code == ExitCode.OK
    out = plain(capsys.readouterr().out)
    data = content(command, language)
    assert len(data["items"]) == count
    assert plain(data["title"]) in out
    for item in data["items"]:
        if command == "principles":
            number = plain(t("cli.cards.principle_number", language, number=item["number"], total=count))
            assert f"{number} {plain(item['title'])}" in out  # the number on the border, the title first in the card
        else:
            assert item["name"] in out
            assert plain(t("cli.cards.exercise", language, name=item["exercise_name"])) in out
    assert out.endswith(plain(t("cli.cards.source", language, source=data["source"])))
    other = "fi" if language == "en" else "en"
    assert plain(content(command, other)["title"]) not in out


def test_unknown_ui_language(capsys):
    assert run_cli(["--lang", "sv", "principles"]) == ExitCode.USAGE
    assert "sv" in capsys.readouterr().err


# -- version, help, demo ---------------------------------------------------------------------------------


def test_version(capsys):
    assert run_cli(["--version"]) == ExitCode.OK
    assert capsys.readouterr().out.strip() == f"dialogi {__version__}"


def test_version_as_a_real_process(subprocess_env):
    result = subprocess.run(python_dialogi("--version"), capture_output=True, text=True, env=subprocess_env, timeout=30)
    assert (result.returncode, result.stdout.strip()) == (0, f"dialogi {__version__}")


def test_unknown_command_and_option(capsys):
    assert run_cli(["knit"]) == ExitCode.USAGE
    assert run_cli(["list", "--knit"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "knit" in err and "Traceback" not in err


def test_demo_writes_valid_workshops_and_a_second_year_with_its_report(tmp_path, capsys, monkeypatch):
    import os

    monkeypatch.setattr(os, "fsync", lambda fd: None)  # hundreds of saves; durability is test_store's
    folder = tmp_path / "demo"
    assert run_cli(["demo", "--dir", str(folder)]) == ExitCode.OK
    files = sorted(folder.glob("*.toml"))
    assert len(files) == 3
    languages = sorted(store.load(f).language for f in files)
    assert languages == ["en", "en", "fi"]
    second = store.load(files[2])  # the ward's second year continues its first
    assert second.carried_from == files[0].name and [r.kind for r in second.reviews if r.complete] == ["plan"]
    report = folder / "2027-11-15-ward-4-wellbeing-plan-2028.review.html"
    assert report.read_text("utf-8").count('<figure class="chart"') >= 4
    out = capsys.readouterr().out
    for f in files:
        assert str(f) in plain(out) or f.name in plain(out)
        assert all(a.status == Status.DONE for a in store.load(f).agenda)

    assert run_cli(["check", *map(str, files)]) == ExitCode.OK
