"""``dialogi actions``: open actions across workshops, overdue marked, filters, CSV and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import string
import tomllib
from pathlib import Path

import pytest

from dialogi.action_list import Filters, OPEN, collect, list_actions, parse_statuses
from dialogi.cli import run_cli
from dialogi.errors import ExitCode, UsageError
from dialogi.i18n import CONTENT
from dialogi.record import store
from dialogi.record.folder import scan
from dialogi.record.models import Action, ActionStatus, Goal, Wellbeing, Workshop

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)


def plan(title: str, date: dt.date, goals: list[Goal], carried: list[Action] = (), **fields) -> Workshop:
    return Workshop(title=title, date=date, wellbeing=Wellbeing(goals=goals, carried_over=list(carried)), **fields)


@pytest.fixture
def folder(tmp_path) -> Path:
    """Two workshops: a home-care plan (Finnish) and a ward plan (English), plus a broken file."""
    ws = tmp_path / "ws"
    ws.mkdir()
    store.save(ws / "kotihoito.toml", plan("Kotihoidon suunnitelma", TODAY - 300 * DAY, [
        Goal(id="g1", title="Tiedonkulku paranee", actions=[
            Action(id="a1", text="Viikkotiedote", owner="Aino Virtanen", due=TODAY - 10 * DAY),
            Action(id="a2", text="Ilmoitustaulu", owner="Mikko", due=TODAY - 20 * DAY, status=ActionStatus.DONE),
            Action(id="a3", text="Perehdytyskansio", owner="Leena", due=TODAY + 30 * DAY,
                   status=ActionStatus.IN_PROGRESS),
        ]),
    ], [Action(id="c1", text="Taukotilan remontti", owner="esihenkilö", carried_from="2024.toml",
               goal="Viihtyisä taukotila")], language="fi"))
    store.save(ws / "ward.toml", plan("Ward 3 plan", TODAY - 100 * DAY, [
        Goal(id="g1", title="Less hurry", actions=[
            Action(id="a1", text="Break rota", owner="aino", due=TODAY + 5 * DAY),
            Action(id="a2", text="Stopped trial", owner="Ben", due=TODAY - 50 * DAY, status=ActionStatus.DROPPED),
            Action(id="a3", text="Shift handover checklist", owner="Ben", due=TODAY),
        ]),
    ], language="en"))
    (ws / "broken.toml").write_text('title = "Rikki"\ndate = 2026-11-23\nparticipant_count = -2\n', "utf-8")
    return ws


def texts(rows) -> list[str]:
    return [r.action.text for r in rows]


# -- collecting, filtering, sorting ----------------------------------------------------------


def test_rows_from_every_workshop_soonest_first_no_due_date_last(folder):
    listing = list_actions(folder, Filters(), TODAY)
    assert texts(listing.rows) == ["Viikkotiedote", "Shift handover checklist", "Break rota", "Perehdytyskansio",
                                   "Taukotilan remontti"]
    first = listing.rows[0]
    assert (first.path.name, first.workshop.title, first.goal, first.overdue) == (
        "kotihoito.toml", "Kotihoidon suunnitelma", "Tiedonkulku paranee", True)
    # due today is not overdue yet; done and dropped actions are never overdue
    assert [r.overdue for r in listing.rows] == [True, False, False, False, False]
    assert listing.rows[-1].goal == "Viihtyisä taukotila"
    assert [e.path.name for e in listing.unreadable] == ["broken.toml"]


def test_owner_filter_is_a_case_insensitive_part_of_the_name(folder):
    assert texts(list_actions(folder, Filters(owner="AINO"), TODAY).rows) == ["Viikkotiedote", "Break rota"]
    assert texts(list_actions(folder, Filters(owner="virta"), TODAY).rows) == ["Viikkotiedote"]
    assert list_actions(folder, Filters(owner="nobody"), TODAY).rows == []


def test_status_filter(folder):
    done = list_actions(folder, Filters(statuses=(ActionStatus.DONE,)), TODAY)
    assert texts(done.rows) == ["Ilmoitustaulu"] and not done.rows[0].overdue
    every = list_actions(folder, Filters(statuses=parse_statuses(["all"])), TODAY)
    assert len(every.rows) == 7 and texts(every.rows)[0] == "Stopped trial"
    assert parse_statuses([]) == OPEN == parse_statuses(["open"])
    assert parse_statuses(["done", "in_progress,dropped", "DONE"]) == (
        ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.DROPPED)
    with pytest.raises(UsageError) as caught:
        parse_statuses(["finished"])
    assert "finished" in caught.value.message() and "not_started" in caught.value.message()


def test_due_before_and_overdue_filters(folder):
    soon = list_actions(folder, Filters(due_before=TODAY + 6 * DAY), TODAY)
    assert texts(soon.rows) == ["Viikkotiedote", "Shift handover checklist", "Break rota"]  # no due date: left out
    assert texts(list_actions(folder, Filters(due_before=TODAY), TODAY).rows) == ["Viikkotiedote"]
    assert texts(list_actions(folder, Filters(overdue_only=True), TODAY).rows) == ["Viikkotiedote"]
    # the day after tomorrow, the handover checklist is overdue as well
    later = list_actions(folder, Filters(overdue_only=True, owner="ben"), TODAY + 2 * DAY)
    assert texts(later.rows) == ["Shift handover checklist"]


def test_actions_handed_on_to_a_later_workshop_are_listed_once(folder):
    # next year's plan continues the home-care plan and carries one of its open actions over;
    # the others (left behind at the carry-over) stay listed from the earlier plan
    store.save(folder / "kotihoito-2.toml", plan("Kotihoidon suunnitelma 2", TODAY, [], [
        Action(id="a1", text="Viikkotiedote", owner="Aino Virtanen", due=TODAY - 10 * DAY,
               carried_from="kotihoito.toml", goal="Tiedonkulku paranee"),
    ], carried_from="kotihoito.toml"))
    listing = collect(scan(folder), Filters(), TODAY)
    assert texts(listing.rows) == ["Viikkotiedote", "Shift handover checklist", "Break rota", "Perehdytyskansio",
                                   "Taukotilan remontti"]
    assert listing.rows[0].path.name == "kotihoito-2.toml" and listing.rows[0].goal == "Tiedonkulku paranee"
    assert listing.rows[3].path.name == "kotihoito.toml"
    assert listing.handed_on == 1


def test_an_action_carried_into_two_workshops_is_listed_from_the_newest(cli, tmp_path):
    ws = tmp_path / "ws"
    last = tmp_path / "last.toml"
    store.save(last, plan("Ward plan 2025", TODAY - 365 * DAY, [Goal(id="g1", title="Less hurry", actions=[
        Action(id="a1", text="Break rota", owner="Ann", due=TODAY + 9 * DAY),
        Action(id="a2", text="Quiet room", owner="Ben"),
    ])]))
    for title, date in (("Rules day", TODAY - 30 * DAY), ("Plan 2026", TODAY - 2 * DAY)):
        assert cli("new", "--from", str(last), "--title", title, "--date", date.isoformat(), "--dir", str(ws)).exit_code == 0
    [newest] = ws.glob("*plan-2026.toml")
    with store.editing(newest) as w:  # at the newest workshop the quiet room was done
        w.wellbeing.carried_over[1].status = ActionStatus.DONE
        store.save(newest, w)
    listing = list_actions(ws, Filters(statuses=tuple(ActionStatus)), TODAY)
    assert [(r.action.text, r.action.status, r.path.name) for r in listing.rows] == [
        ("Break rota", ActionStatus.NOT_STARTED, newest.name), ("Quiet room", ActionStatus.DONE, newest.name)]
    assert listing.handed_on == 2
    # the older copy of the quiet room is still open, but the newest copy says it is done
    assert texts(list_actions(ws, Filters(), TODAY).rows) == ["Break rota"]
    out = cli("actions", str(ws)).stdout
    assert "Actions left out because they were carried over into a later workshop" in out and out.count("Break rota") == 1


# -- the command -----------------------------------------------------------------------------


def test_table_marks_overdue_rows_and_counts(cli, folder):
    result = cli("actions", str(folder))
    assert result.exit_code == 0
    out = result.stdout
    assert f"Open actions in {folder}" in out
    for header in ("Due", "Owner", "Action", "Status", "Goal", "Workshop"):
        assert header in out
    overdue_line = next(line for line in out.splitlines() if "Viikkotiedote" in line)
    assert "⚠" in overdue_line and "Aino Virtanen" in overdue_line and "kotihoito.toml" in overdue_line
    assert [line for line in out.splitlines() if "⚠" in line and "Overdue" not in line] == [overdue_line]
    assert "Actions: 5. Overdue (⚠): 1." in out
    assert out.index("Viikkotiedote") < out.index("Break rota") < out.index("Taukotilan remontti")
    # the broken file is named on stderr with its reason, and did not stop the listing
    assert "Could not read broken.toml" in result.stderr and "participant_count" in result.stderr
    assert "broken.toml" not in out


def test_overdue_rows_are_red_in_a_colour_terminal(folder, monkeypatch):
    from rich.console import Console

    monkeypatch.delenv("NO_COLOR")
    from dialogi.render.action_table import print_actions

    console = Console(force_terminal=True, color_system="standard", width=120, file=io.StringIO())
    print_actions(list_actions(folder, Filters(), TODAY), Filters(), folder, "en", console)
    lines = console.file.getvalue().splitlines()
    red = "\x1b[1;31m"
    assert red in next(line for line in lines if "Viikkotiedote" in line)
    assert all(red not in line for line in lines if "Break rota" in line or "Perehdytyskansio" in line)


def test_table_in_finnish(cli, folder):
    result = cli("--lang", "fi", "actions", str(folder), "--status", "all")
    out = result.stdout
    for word in ("Toimenpiteet – ", "Määräaika", "Vastuuhenkilö", "Toimenpide", "Tila", "Tavoite", "Työpaja",
                 "ei aloitettu", "käynnissä", "tehty", "lopetettu"):
        assert word in out, word
    assert f"{(TODAY - 10 * DAY).day}.{(TODAY - 10 * DAY).month}.{(TODAY - 10 * DAY).year}" in out
    assert "Toimenpiteitä 7, joista myöhässä (⚠) 1." in out
    assert "Tiedostoa broken.toml ei voitu lukea" in result.stderr


def test_narrow_terminal_gets_one_block_per_action(cli, folder):
    result = cli("actions", str(folder), env={"COLUMNS": "60"})
    lines = result.stdout.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("⚠"))
    assert "Aino Virtanen" in lines[heading] and "not started" in lines[heading]
    assert lines[heading + 1].strip() == "Viikkotiedote"
    assert lines[heading + 2].strip() == "Goal: Tiedonkulku paranee"
    assert lines[heading + 3].strip() == "Workshop: kotihoito.toml"
    assert all(len(line) <= 60 for line in lines)


def test_filters_through_the_command(cli, folder):
    out = cli("actions", str(folder), "--owner", "ben", "--status", "open", "--status", "dropped").stdout
    assert "Shift handover checklist" in out and "Stopped trial" in out and "Break rota" not in out
    assert "Actions in" in out and "Open actions" not in out
    out = cli("actions", str(folder), "--due-before", (TODAY + DAY).strftime("%d.%m.%Y")).stdout
    assert "Shift handover checklist" in out and "Break rota" not in out
    out = cli("actions", str(folder), "--overdue").stdout
    assert "Viikkotiedote" in out and "Actions: 1. Overdue (⚠): 1." in out
    out = cli("actions", str(folder), "--owner", "nobody").stdout
    assert f"No actions in {folder} match." in out


def test_csv_parses_back(cli, folder):
    result = cli("actions", str(folder), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["action"] for r in rows] == ["Viikkotiedote", "Shift handover checklist", "Break rota",
                                            "Perehdytyskansio", "Taukotilan remontti"]
    first = rows[0]
    assert first["due"] == (TODAY - 10 * DAY).isoformat() and first["overdue"] == "true"
    assert (first["owner"], first["status"], first["goal"], first["file"]) == (
        "Aino Virtanen", "not_started", "Tiedonkulku paranee", "kotihoito.toml")
    assert first["workshop_date"] == (TODAY - 300 * DAY).isoformat()
    assert rows[-1]["due"] == "" and rows[-1]["carried_from"] == "2024.toml"
    assert "Could not read broken.toml" in result.stderr and "Could not" not in result.stdout


def test_json_parses_back(cli, folder):
    result = cli("actions", str(folder), "--format", "json", "--status", "all", "--owner", "ben")
    data = json.loads(result.stdout)
    assert [(d["action"], d["status"], d["overdue"]) for d in data] == [
        ("Stopped trial", "dropped", False), ("Shift handover checklist", "not_started", False)]
    assert data[0]["due"] == (TODAY - 50 * DAY).isoformat() and data[0]["workshop"] == "Ward 3 plan"
    assert cli("actions", str(folder), "--format", "json", "--owner", "nobody").stdout.strip() == "[]"


def test_user_text_is_shown_harmlessly(cli, tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    store.save(ws / "odd.toml", plan("[bold]Title[/bold]", TODAY, [
        Goal(id="g1", title="Goal [link=http://x]click[/link]", actions=[
            Action(id="a1", text="Fix [red]this[/red]\x1b[2J\x1b]0;pwned\x07 now", owner="[i]Ann[/i]\x9b31m",
                   due=TODAY - DAY),
        ]),
    ]))
    out = cli("actions", str(ws), env={"COLUMNS": "160"}).stdout
    assert "Fix [red]this[/red] now" in out and "[i]Ann[/i]" in out
    assert "[link=http://x]click[/link]" in out  # (the goal column may wrap after "Goal")
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out and "pwned" not in out
    [data] = json.loads(cli("actions", str(ws), "--format", "json").stdout)
    assert (data["action"], data["owner"], data["goal"]) == (
        "Fix [red]this[/red] now", "[i]Ann[/i]", "Goal [link=http://x]click[/link]")
    [row] = csv.DictReader(io.StringIO(cli("actions", str(ws), "--format", "csv").stdout))
    assert (row["action"], row["owner"], row["workshop"]) == ("Fix [red]this[/red] now", "[i]Ann[/i]", "[bold]Title[/bold]")


def test_wrong_options_and_a_missing_folder(tmp_path, capsys, folder):
    assert run_cli(["actions", str(folder), "--status", "finished"]) == ExitCode.USAGE
    assert "Unknown status “finished”" in capsys.readouterr().err
    assert run_cli(["actions", str(folder), "--format", "xml"]) == ExitCode.USAGE
    assert "Unknown output format “xml”" in capsys.readouterr().err
    assert run_cli(["actions", str(folder), "--due-before", "31.2.2026"]) == ExitCode.USAGE
    assert "31.2.2026" in capsys.readouterr().err
    assert run_cli(["actions", str(tmp_path / "nowhere")]) == ExitCode.NOT_FOUND
    err = capsys.readouterr().err
    assert "nowhere" in err and "Traceback" not in err


def test_empty_folder(cli, tmp_path):
    result = cli("actions", str(tmp_path))
    assert result.exit_code == 0 and f"No actions in {tmp_path} match." in result.stdout


def test_messages_match_in_both_languages():
    def leaves(node, prefix=""):
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else key
            yield from leaves(value, name) if isinstance(value, dict) else [(name, value)]

    tables = {lang: dict(leaves(tomllib.loads((CONTENT / lang / "actions.toml").read_text("utf-8"))))
              for lang in ("fi", "en")}
    assert tables["fi"].keys() == tables["en"].keys()
    fields = lambda s: sorted(name for _, name, _, _ in string.Formatter().parse(s) if name)
    for key, text in tables["fi"].items():
        assert fields(text) == fields(tables["en"][key]), key


def test_the_command_module_imports_only_typer():
    import subprocess
    import sys

    code = ("import sys; import dialogi.commands.actions; "
            "bad = [m for m in ('rich', 'pydantic', 'questionary', 'dialogi.action_list') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_csv_keeps_formula_like_text_as_text():
    from dialogi.action_list import _not_a_formula

    assert _not_a_formula("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _not_a_formula("@SUM(A1)") == "'@SUM(A1)"
    assert _not_a_formula("Aino") == "Aino"
    assert _not_a_formula(3) == 3
