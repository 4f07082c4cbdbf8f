"""Three years of one team, from answers files, through the command line as a facilitator runs
them: plan (year 1) -> review -> new --from (year 2) -> plan -> review -> new --from (year 3).
Then the actions overview, the indicator series, the follow-up report and diff across years."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from dialogi.cli import run_cli
from dialogi.followup.series import PLANNING, REVIEW, series
from dialogi.record import store
from dialogi.samples import SAMPLES

D = dt.date
YEAR_3 = '[new]\ntitle = "Ward 4 wellbeing plan 2029"\ndate = "2028-11-20"\n'


@pytest.fixture(scope="module")
def years(tmp_path_factory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("cycle")
    folder = root / "workshops"
    answers = [Path(shutil.copy(SAMPLES / name, root / name)) for name in ("ward.en.toml", "ward-2027.en.toml")]
    answers.append(root / "year3.toml")
    answers[2].write_text(YEAR_3, "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DIALOGI_LANG", "en")
        mp.setattr("os.fsync", lambda fd: None)  # hundreds of saves; durability is test_store's
        assert run_cli(["new", "--answers", str(answers[0]), "--dir", str(folder), "--run"]) == 0
        (first,) = folder.glob("*.toml")
        assert run_cli(["review", str(first), "--answers", str(answers[0])]) == 0
        assert run_cli(["new", "--from", str(first), "--answers", str(answers[1]), "--dir", str(folder), "--run"]) == 0
        second = folder / "2027-11-15-ward-4-wellbeing-plan-2028.toml"
        assert run_cli(["review", str(second), "--answers", str(answers[1])]) == 0
        assert run_cli(["new", "--from", str(second), "--answers", str(answers[2]), "--dir", str(folder), "--no-run"]) == 0
        third = folder / "2028-11-20-ward-4-wellbeing-plan-2029.toml"
    return folder, [first, second, third]


def cli_out(capsys, *argv: str) -> str:
    capsys.readouterr()
    assert run_cli(list(argv)) == 0
    return capsys.readouterr().out


def test_each_year_continues_the_one_before(years):
    _, (first, second, third) = years
    assert store.load(second).carried_from == first.name and store.load(third).carried_from == second.name
    assert [r.date for r in store.load(first).reviews] == [D(2027, 5, 18)]
    assert [r.date for r in store.load(second).reviews] == [D(2028, 10, 30)]


def test_the_actions_overview_keeps_every_year_and_lists_carried_work_once(years, capsys, monkeypatch):
    monkeypatch.setenv("DIALOGI_LANG", "en")
    folder, (first, second, third) = years
    rows = json.loads(cli_out(capsys, "actions", str(folder), "--status", "all", "--format", "json"))
    where = {}
    for row in rows:
        where.setdefault(row["action"], []).append((row["file"], row["status"]))
    # done in year 1 and never carried: still listed, from year 1
    assert where["Make a cover list: who can take extra shifts, and when"] == [(first.name, "done")]
    assert where["Finish the induction folder for new nurses (started in 2025)"] == [(first.name, "done")]
    # carried from year 1 into year 2 and done there: once, from year 2
    assert where["Agree with the substitute pool on a standing booking for night shifts"] == [(second.name, "done")]
    # carried twice (year 1 -> 2 -> 3), still open: once, from year 3
    assert where["Try the break pairs for three months and collect the experiences"] == [(third.name, "in_progress")]
    # year 2's own action, still open and carried into year 3 with the owner the review named
    assert where["Break pairs on the evening and night shifts"] == [(third.name, "in_progress")]
    assert all(len(places) == 1 for places in where.values())
    assert len(rows) == 9 + 7 - 3 + 0  # year 1's nine, year 2's seven, less the three year 2 carried; year 3 adds none new
    owners = {row["action"]: row["owner"] for row in rows}
    assert owners["Break pairs on the evening and night shifts"] == "Fatima"


def test_the_indicator_series_runs_over_three_years(years):
    _, (first, second, third) = years
    by_id = {s.id: s for s in series(third)}
    absence = by_id["sickness-absence-rate"]
    assert [(p.date, p.value, p.kind) for p in absence.points] == [
        (D(2026, 11, 16), 5.8, PLANNING),
        (D(2027, 5, 18), 5.1, REVIEW),
        (D(2027, 11, 15), 4.9, PLANNING),
        (D(2028, 10, 30), 4.4, REVIEW),
    ]
    assert (absence.better, absence.target, absence.unit, absence.reached) == ("lower", 4.5, "%", True)
    assert [p.file for p in absence.points] == [first.name, first.name, second.name, second.name]
    overtime = by_id["overtime-hours"]
    assert [p.value for p in overtime.points] == [212, 168, 151, 128] and overtime.better == "lower"
    breaks = by_id["share-of-shifts-with-a-real-break-self-reported"]
    assert [p.value for p in breaks.points] == [72, 84] and (breaks.better, breaks.target) == ("higher", 90)
    # year 3 starts from year 2's readings: nothing typed twice
    carried = {i.id: (i.value, i.previous) for i in store.load(third).wellbeing.indicators}
    assert carried["sickness-absence-rate"] == (4.4, 4.9)


def test_the_follow_up_report(years, capsys, monkeypatch):
    monkeypatch.setenv("DIALOGI_LANG", "en")
    _, (_, second, _) = years
    text = cli_out(capsys, "print", str(second), "--what", "review", "--format", "txt", "--output", "-")
    flat = " ".join(text.split())
    assert "FOLLOW-UP REPORT" in text
    assert "Goal 1: A night-shift cover pool shared with Ward 5 Result: reached" in flat
    assert "How did we succeed: The shared pool works: nights are covered and absence is below the target." in flat
    assert "Goal 2: Protected breaks on evening and night shifts too" in flat and "Result: partly reached" in flat
    assert "Sickness absence rate: 4.9% at planning, 4.4% on 2028-10-30" in flat
    assert "Sickness absence rate (%) At planning: 4.9 2028-10-30: 4.4 Target: 4.5 Change: -0.5 pp Reached: ✓ yes" in flat
    assert "Done: 5 of 7 actions." in flat
    assert ("Break pairs on the evening and night shifts Goal: Protected breaks on evening and night shifts too: a colleague "
            "covers your patients while you eat Owner: Fatima By: 2028-01-31 Status: in progress "
            "Note: Evenings yes, nights only on calm shifts.") in flat
    assert "Over the years: 2026-11-16 – 2028-10-30" in flat
    assert "Sickness absence rate: lower is better ↓: █▄▄▁ 5.8 → 4.4" in flat
    assert "The next review of the plan is on 2029-05-15." in flat

    page = cli_out(capsys, "print", str(second), "--what", "review", "--output", "-")
    assert page.count('<figure class="chart"') == 6  # every indicator is measured more than once
    assert page.count("<svg") == 6 and "Page {page}" not in page and 'counter(page)' in page


def test_diff_compares_the_plans_of_two_years(years, capsys, monkeypatch):
    monkeypatch.setenv("DIALOGI_LANG", "en")
    _, (first, second, third) = years
    md = cli_out(capsys, "diff", str(first), str(second), "--format", "md")
    flat = " ".join(md.split())
    assert "# From one plan to the next: Ward 4 wellbeing plan 2028" in md
    assert "**Goals kept (1)**" in md
    assert ("| Protected breaks: a colleague covers your patients while you eat | Protected breaks on evening and night "
            "shifts too: a colleague covers your patients while you eat |") in md
    assert "New goals (2)" in md and "Goals dropped (2)" in md
    assert "| Sickness absence rate (%) | 5.1 | 4.4 | -0.7 pp | 4.5 | ↑ better |" in md
    assert "| Overtime hours (hours per month) | 168 | 128 | -40 | 120 | ↑ better |" in md
    assert "Done: 5 of 9 (56%) in the earlier plan, 5 of 7 (71%) in this one." in flat
    assert "still open after two plans" not in md

    md = cli_out(capsys, "diff", str(second), str(third), "--format", "md")
    assert "Carried over again, still open after two plans (1)" in md
    assert "| Try the break pairs for three months and collect the experiences | Chen | 2026-11-16 | in progress |" in md
