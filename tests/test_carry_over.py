"""Next year's workshop from last year's: indicators, unfinished actions, agreed rules, defaults."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from dialogi.carry_over import carried_counts, carried_message, carry_over, template_of
from dialogi.cli import run_cli
from dialogi.errors import ExitCode
from dialogi.record import store
from dialogi.record.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Goal,
    Indicator,
    IndicatorKind,
    MethodId,
    Rule,
    Rules,
    RuleVersion,
    Vote,
    VoteMethod,
    Wellbeing,
    Workshop,
)

D = dt.date


def last_year() -> Workshop:
    return Workshop(
        title="Kotihoidon työhyvinvointisuunnitelma 2025",
        date=D(2025, 11, 20),
        team="Kotihoito itä",
        facilitator="Sari Saarinen",
        language="fi",
        participant_count=9,
        participants=["Aino", "Mikko", "Leena"],
        agenda=[AgendaItem(method=m) for m in (MethodId.PRINCIPLES, MethodId.WELLBEING, MethodId.REFLECTION)],
        rules=Rules(
            proposals=[],
            agreed=[
                Rule(id="r1", text="Kerromme muutoksista viikkopalaverissa.", keeper="Aino", from_proposal="p3"),
                Rule(id="r2", text="Palaverit alkavat ajallaan.", dropped=D(2026, 5, 1)),
                Rule(
                    id="r3",
                    text="Tervehdimme toisiamme aamulla.",
                    theme="encounter",
                    consent=Vote(method=VoteMethod.FIST, tallies={"4": 3, "5": 6}, accepted=True),
                    history=[
                        RuleVersion(date=D(2024, 11, 1), text="Moikataan."),
                        RuleVersion(date=D(2025, 6, 1), text="Tervehdimme toisiamme aamulla."),
                    ],
                ),
            ],
        ),
        wellbeing=Wellbeing(
            indicators=[
                Indicator(id="i1", name="Sairauspoissaolot", value=4.2, previous=5.0, target=3.5, unit="%",
                          period="12 kk", source="HR-raportti", note="nousua keväällä"),
                Indicator(id="i2", name="Työn imu", kind=IndicatorKind.IMPACT, previous=3.9, target=4.2),
            ],
            goals=[
                Goal(id="g1", title="Tiedonkulku paranee", indicator="i1", actions=[
                    Action(id="a1", text="Viikkotiedote perjantaisin", owner="Aino", due=D(2026, 3, 1)),
                    Action(id="a2", text="Ilmoitustaulu siivottu", owner="Mikko", status=ActionStatus.DONE),
                    Action(id="a3", text="Perehdytyskansio", owner="Leena", due=D(2026, 9, 30),
                           status=ActionStatus.IN_PROGRESS, note="puolet valmiina"),
                ]),
                Goal(id="g2", title="Kiire hallintaan", actions=[
                    Action(id="a1", text="Taukojen vuorolista", owner="esihenkilö"),
                    Action(id="a4", text="Kokeilu, josta luovuttiin", status=ActionStatus.DROPPED),
                ]),
            ],
            carried_over=[
                Action(id="c1", text="Taukotilan remontti", owner="esihenkilö", carried_from="2024.toml",
                       goal="Viihtyisä taukotila"),
                Action(id="c2", text="Vanha ja tehty", status=ActionStatus.DONE, carried_from="2024.toml"),
            ],
        ),
    )


def fresh(**fields) -> Workshop:
    return Workshop(**{"title": "Työhyvinvointisuunnitelma 2026", "date": D(2026, 11, 23), **fields})


# -- the pure carry-over -------------------------------------------------------------------


def test_indicators_take_last_value_as_previous_and_keep_the_target():
    new = carry_over(last_year(), Path("x/last.toml"), fresh())
    i1, i2 = new.wellbeing.indicators
    assert (i1.id, i1.name, i1.unit, i1.period, i1.source) == ("i1", "Sairauspoissaolot", "%", "12 kk", "HR-raportti")
    assert (i1.previous, i1.value, i1.target, i1.note) == (4.2, None, 3.5, "")
    # never measured last year: no previous value rather than a two-year-old one
    assert (i2.kind, i2.previous, i2.value, i2.target) == (IndicatorKind.IMPACT, None, None, 4.2)


def test_only_unfinished_actions_carry_over_with_their_goal_and_source():
    new = carry_over(last_year(), Path("x/last.toml"), fresh())
    carried = new.wellbeing.carried_over
    assert [(a.text, a.goal) for a in carried] == [
        ("Taukotilan remontti", "Viihtyisä taukotila"),
        ("Viikkotiedote perjantaisin", "Tiedonkulku paranee"),
        ("Perehdytyskansio", "Tiedonkulku paranee"),
        ("Taukojen vuorolista", "Kiire hallintaan"),
    ]
    assert {a.carried_from for a in carried} == {"last.toml"}
    perehdytys = carried[2]
    assert (perehdytys.owner, perehdytys.due, perehdytys.status, perehdytys.note) == (
        "Leena", D(2026, 9, 30), ActionStatus.IN_PROGRESS, "puolet valmiina")
    ids = [a.id for _, a in new.all_actions()]
    assert len(ids) == len(set(ids)) and ids == ["c1", "a1", "a3", "a1-2"]
    assert new.wellbeing.goals == []  # the new plan's goals are the group's to choose


def test_agreed_rules_carry_over_with_history_dropped_ones_stay_behind():
    new = carry_over(last_year(), Path("last.toml"), fresh())
    r1, r3 = new.rules.agreed
    assert (r1.id, r1.text, r1.keeper, r1.from_proposal) == ("r1", "Kerromme muutoksista viikkopalaverissa.", "Aino", "")
    assert r1.history == [RuleVersion(date=D(2025, 11, 20), text=r1.text)]  # dated on the day it stood
    assert [v.date for v in r3.history] == [D(2024, 11, 1), D(2025, 6, 1)]
    assert r3.consent is not None and r3.consent.accepted and r3.theme == "encounter"
    assert new.active_rules() == [r1, r3]


def test_details_are_defaults_and_the_source_is_named():
    new = carry_over(last_year(), Path("x/last.toml"), fresh())
    assert (new.team, new.facilitator, new.participants, new.participant_count) == (
        "Kotihoito itä", "Sari Saarinen", ["Aino", "Mikko", "Leena"], 9)
    assert new.carried_from == "last.toml"
    assert (new.title, new.date) == ("Työhyvinvointisuunnitelma 2026", D(2026, 11, 23))
    given = carry_over(last_year(), Path("last.toml"), fresh(team="Kotihoito länsi", participant_count=4))
    assert (given.team, given.participant_count, given.participants) == ("Kotihoito länsi", 4, [])


def test_the_new_workshop_is_left_untouched_and_nothing_doubles():
    base = fresh(wellbeing=Wellbeing(indicators=[Indicator(id="i1", name="Oma mittari", value=1)]))
    before = base.model_copy(deep=True)
    last = last_year()
    new = carry_over(last, Path("last.toml"), base)
    assert base == before and last == last_year()
    assert [i.name for i in new.wellbeing.indicators] == ["Oma mittari", "Työn imu"]
    assert carried_counts(base, new).__dict__ == {"indicators": 1, "actions": 4, "rules": 2}


def test_carried_message_counts_in_both_languages():
    new = carry_over(last_year(), Path("last.toml"), fresh())
    from dialogi.i18n import set_language

    set_language("fi")
    fi = carried_message(fresh(), new, Path("last.toml"))
    assert fi.splitlines() == [
        "Edellisestä työpajasta (last.toml) siirrettiin:",
        "  tunnusluvut, viimeisimmässä seurannassa kirjatut arvot nykyarvoina (tai viime kerran arvot edellisinä): 2",
        "  keskeneräiset toimenpiteet tavoitteineen: 4",
        "  sovitut pelisäännöt historioineen: 2",
    ]
    set_language("en")
    assert "unfinished actions, with the goal they served: 4" in carried_message(fresh(), new, Path("last.toml"))


def test_template_of_the_last_agenda():
    assert template_of(last_year()) == ("wellbeing", [])
    custom = fresh(agenda=[AgendaItem(method=MethodId.RULES), AgendaItem(method=MethodId.PRACTICES)])
    assert template_of(custom) == ("custom", [MethodId.RULES, MethodId.PRACTICES])
    assert template_of(fresh()) == ("dialogue", [])


# -- through the command line --------------------------------------------------------------


@pytest.fixture
def last_file(tmp_path) -> Path:
    path = tmp_path / "old" / "2025-11-20-suunnitelma.toml"
    path.parent.mkdir()
    store.save(path, last_year())
    return path


def test_new_from_with_options(cli, tmp_path, last_file):
    result = cli("new", "--from", str(last_file), "--title", "Suunnitelma 2026", "--date", "2026-11-23",
                 "--dir", str(tmp_path / "ws"))
    assert result.exit_code == 0, result.output
    [path] = (tmp_path / "ws").glob("*.toml")
    new = store.load(path)
    assert (new.title, new.date, new.team, new.language) == ("Suunnitelma 2026", D(2026, 11, 23), "Kotihoito itä", "fi")
    assert [a.method for a in new.agenda] == [MethodId.PRINCIPLES, MethodId.WELLBEING, MethodId.REFLECTION]
    assert new.carried_from == last_file.name
    assert [i.previous for i in new.wellbeing.indicators] == [4.2, None]
    assert len(new.wellbeing.carried_over) == 4 and len(new.rules.agreed) == 2
    assert f"Carried over from {last_file.name}:" in result.output
    assert "indicators, with the values from the latest review as the values now (or the last recorded values as the previous ones): 2" in result.output
    assert "working agreements, with their history: 2" in result.output
    assert store.load(last_file) == last_year()  # last year's file is only read


def test_new_from_options_win_over_the_last_workshop(cli, tmp_path, last_file):
    result = cli("new", "--from", str(last_file), "--title", "Rules day", "--team", "Ward 3", "--language", "en",
                 "--template", "rules", "--participants", "4", "--dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    [path] = tmp_path.glob("*.toml")
    new = store.load(path)
    assert (new.team, new.language, new.participant_count, new.participants) == ("Ward 3", "en", 4, [])
    assert new.facilitator == "Sari Saarinen" and new.date == dt.date.today()
    assert [a.method for a in new.agenda] == [MethodId.PRINCIPLES, MethodId.RULES, MethodId.REFLECTION]


def test_new_from_with_an_answers_file_takes_last_years_details_as_defaults(cli, tmp_path, last_file):
    answers = tmp_path / "answers.toml"
    answers.write_text(textwrap.dedent("""
        [new]
        date = "23.11.2026"
        names = "Aino, Mikko, Leena, Pekka"
        run = false
    """), "utf-8")
    result = cli("new", "--from", str(last_file), "--answers", str(answers), "--dir", str(tmp_path / "ws"))
    assert result.exit_code == 0, result.output
    [path] = (tmp_path / "ws").glob("*.toml")
    new = store.load(path)
    # the title, team, facilitator, language, count and template were not answered: last year's
    assert (new.title, new.team, new.facilitator, new.language) == (
        "Kotihoidon työhyvinvointisuunnitelma 2025", "Kotihoito itä", "Sari Saarinen", "fi")
    assert new.participants == ["Aino", "Mikko", "Leena", "Pekka"] and new.participant_count == 9
    assert new.date == D(2026, 11, 23)
    assert MethodId.WELLBEING in [a.method for a in new.agenda]
    assert len(new.wellbeing.carried_over) == 4


def test_new_from_a_custom_agenda_offers_its_methods(cli, tmp_path):
    last = tmp_path / "custom.toml"
    store.save(last, fresh(agenda=[AgendaItem(method=MethodId.RULES), AgendaItem(method=MethodId.REFLECTION)]))
    answers = tmp_path / "answers.toml"
    answers.write_text('[new]\ntitle = "Seuraava"\nrun = false\n', "utf-8")
    result = cli("new", "--from", str(last), "--answers", str(answers), "--dir", str(tmp_path / "ws"))
    assert result.exit_code == 0, result.output
    [path] = (tmp_path / "ws").glob("*.toml")
    assert [a.method for a in store.load(path).agenda] == [MethodId.RULES, MethodId.REFLECTION]


def test_new_from_a_missing_or_broken_file_says_so_and_creates_nothing(tmp_path, capsys):
    code = run_cli(["new", "--from", str(tmp_path / "nope.toml"), "--title", "X", "--dir", str(tmp_path / "ws")])
    assert code == ExitCode.NOT_FOUND
    assert "nope.toml" in capsys.readouterr().err
    broken = tmp_path / "broken.toml"
    broken.write_text("title = \n", "utf-8")
    code = run_cli(["new", "--from", str(broken), "--title", "X", "--dir", str(tmp_path / "ws")])
    err = capsys.readouterr().err
    assert code == ExitCode.INVALID_FILE and "broken.toml:1:" in err and "Traceback" not in err
    assert not (tmp_path / "ws").exists()
