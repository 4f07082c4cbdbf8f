"""The follow-up report (dialogi print FILE --what review): what it holds, in both languages."""

from __future__ import annotations

import datetime as dt

from dialogi.cli import run_cli
from dialogi.errors import ExitCode
from dialogi.record import store
from dialogi.record.models import Compliance, Review, RuleReview
from dialogi.render.review_report import report_markdown, report_text
from test_cycle_defects import REVIEW, quiet
from followup_workshops import workshop, write


def reviewed(tmp_path, language="en"):
    from dialogi.followup.runner import review_file
    from dialogi.prompts import ScriptedAsker

    w = workshop(language, with_rules=True, with_plan=True)
    w.team = "Kotihoito itä" if language == "fi" else "Ward 4"
    w.reviews = [
        Review(date=dt.date(2027, 2, 23), kind="rules", rules=[
            RuleReview(rule="r1", compliance=Compliance.PARTLY), RuleReview(rule="r2", compliance=Compliance.FOLLOWED)]),
        Review(date=dt.date(2027, 5, 23), kind="rules", rules=[
            RuleReview(rule="r1", compliance=Compliance.FOLLOWED), RuleReview(rule="r3", compliance=Compliance.NOT_FOLLOWED)]),
    ]
    path = write(tmp_path / "w.toml", w)
    review_file(path, date=dt.date(2027, 10, 15), what="plan", console=quiet(), asker=ScriptedAsker(dict(REVIEW)))
    return path


def test_the_rules_with_how_well_each_was_followed_at_each_review(tmp_path):
    path = reviewed(tmp_path)
    md = report_markdown(store.load(path), path)
    assert "## Working agreements: how well they were kept" in md
    assert "| Agreement | 2027-02-23 | 2027-05-23 |" in md
    assert "| Vastaamme työviesteihin saman päivän aikana. | ◐ partly | ● followed |" in md
    assert "| Annamme lääkkeenjakajalle työrauhan. | ● followed |  |" in md
    assert "| Tervehdimme toisiamme, kun tulemme töihin. |  | ○ not followed |" in md


def test_goals_indicators_actions_and_notes(tmp_path):
    path = reviewed(tmp_path)
    text = " ".join(report_text(store.load(path), path).split())
    assert "Team: Ward 4" in text and "Reviewed on: 2027-10-15" in text and "Next review: 2028-05-01" in text
    assert "Goal 1: Breaks happen Result: partly reached How did we succeed: Breaks happen on most days." in text
    assert "Goal 2: Information flows Result: partly reached Indicator: Wellbeing index: 3.4 at planning, 3.6 on 2027-10-15" in text
    assert "Wellbeing index At planning: 3.4 2027-10-15: 3.6 Target: 3.8 Change: +0.2 Reached: not yet" in text
    assert "Done: 2 of 4 actions." in text
    assert "Quiet lunch Goal: Breaks happen Owner: Dina Status: in progress Note: Half of the team has tried it." in text
    assert "Notes from the reviews" in text and "2027-10-15: A heavy autumn." in text
    assert text.endswith("The next review of the plan is on 2028-05-01.")


def test_in_finnish(tmp_path):
    path = reviewed(tmp_path, "fi")
    text = " ".join(report_text(store.load(path), path).split())
    assert text.startswith("SEURANTARAPORTTI")
    assert "Työyhteisö: Kotihoito itä" in text and "Arvioitu: 15.10.2027" in text
    assert "Tehty: 2/4 toimenpidettä." in text
    assert "Sickness absence: 5,2 % suunnitteluhetkellä, 4,9 % seurannassa 15.10.2027" in text
    assert "Suunnitelman seuraava seuranta on 1.5.2028." in text


def test_every_page_has_the_team_and_the_page_number(tmp_path, capsys):
    path = reviewed(tmp_path, "fi")
    assert run_cli(["print", str(path), "--what", "review", "--output", "-"]) == ExitCode.OK
    page = capsys.readouterr().out
    assert '@bottom-left { content: "Kotihoito itä \\0000b7  Seurantaraportti";' in page
    assert '@bottom-right { content: "Sivu " counter(page) "\\00002f " counter(pages);' in page


def test_a_team_name_cannot_break_out_of_the_page_style(tmp_path, capsys):
    path = reviewed(tmp_path)
    with store.editing(path) as w:
        w.team = 'Ward"; } body { display: none } </style><script>alert(1)</script>'
        store.save(path, w)
    assert run_cli(["print", str(path), "--what", "review", "--output", "-"]) == ExitCode.OK
    page = capsys.readouterr().out
    style = page.split("<style>")[2].split("</style>")[0]  # the page's own: the running foot
    assert "<" not in style and "display: none" not in style and style.count('"') == 6  # three strings, each closed
    assert page.count("</style>") == 2 + page.count("<svg") and "<script>" not in page  # each chart has its own style


def test_no_review_no_report(tmp_path, capsys):
    path = write(tmp_path / "w.toml", workshop("en", with_rules=False, with_plan=True))
    assert run_cli(["print", str(path), "--what", "review"]) == ExitCode.NOT_FOUND
    assert "has no reviewed wellbeing plan yet" in capsys.readouterr().err
    assert run_cli(["print", str(path)]) == ExitCode.OK  # all it has: the plan, no report
    assert not (tmp_path / "w.review.html").exists() and (tmp_path / "w.plan.html").exists()
