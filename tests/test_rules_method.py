"""The rules-of-the-game method with the scripted asker: the whole drafting, resume, the sample."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path

import pytest
from rich.console import Console

from dialogi.engine.session import Session, run
from dialogi.errors import BadAnswers
from dialogi.prompts import ScriptedAsker, flatten
from dialogi.record import store
from dialogi.record.models import MethodId, Status, TiePolicy, VoteMethod, Workshop
from dialogi.record.store import read_data
from dialogi.samples import SAMPLES

DATE = dt.date(2026, 11, 23)

ANSWERS = {
    "agenda": "rules",
    "rules": {
        "themes": {"chosen": ["information", "overload"], "own": ["Yhteinen auto"]},
        "proposals": {
            "information": ["Vastaamme tiimipuhelimeen vuorotellen.", "Emme jätä viestejä lukematta."],
            "overload": ["Pyydämme apua ajoissa.", "Avun pyytäminen ajoissa"],
            "own1": ["Palautamme auton avaimet kaappiin.", "Tankkaamme auton, kun mittari näyttää alle neljäsosan."],
        },
        "edit": {
            "1": {"action": "edit", "item": "p2", "text": "Luemme tiimin viestit vuoron alussa."},
            "2": {"action": "merge", "items": ["p3", "p4"], "text": "Pyydämme ja tarjoamme apua ajoissa."},
            "3": {"action": "delete", "item": "p6"},
            "4": {"action": "done"},
        },
        "decide": {"how": "both", "top": 3, "threshold": "2"},
        "vote": {
            "method": "dots", "budget": 2, "cap": 1, "voters": 5, "ties": "discuss",
            "tally": {"p1": 4, "p2": 2, "p5": 2, "p7": 2},
            "tie": {"chosen": ["p5"], "reason": "Avainten etsiminen vie aamuisin eniten aikaa."},
        },
        "word": {
            "p1": {"text": "Vastaamme tiimipuhelimeen vuorotellen; vuorossa olevan nimi on taululla."},
            "p5": {"theme": "information"},
        },
        "consent": {"p1": {"counts": "0 0 0 2 2 1"}, "p5": {"counts": "0 0 1 1 2 1"}, "p7": {"counts": "0 1 0 2 1 1"}},
        "follow": {
            "observed": {"p1": "Puhelin ei jää soimaan.", "p5": "Avaimet löytyvät aamulla kaapista."},
            "keeper": {"p1": "Mikko", "p5": "Jussi"},
        },
        "review_date": "1.3.2027",
    },
}


def answers(**changes) -> dict:
    data = copy.deepcopy(ANSWERS)
    for key, value in changes.items():
        node = data
        *path, last = key.split("__")
        for part in path:
            node = node.setdefault(part, {})
        node[last] = value
    return flatten(data)


def new_file(folder: Path, lang: str = "fi") -> Path:
    from dialogi.engine.agenda import agenda_for

    w = Workshop(title="Pelisäännöt", date=DATE, language=lang, participant_count=5, facilitator="Sari", agenda=agenda_for([MethodId.RULES]))
    path = folder / "w.toml"
    store.save(path, w)
    return path


def run_with(path: Path, asker) -> tuple[bool, str]:
    console = Console(file=io.StringIO(), width=120)
    with store.editing(path) as workshop:
        done = run(Session(path, workshop, asker, console))
    return done, console.file.getvalue()


class Recording(ScriptedAsker):
    def __init__(self, answers: dict):
        super().__init__(answers, "answers.toml")
        self.asked: list[str] = []

    def _get(self, key, message, default=None):
        self.asked.append(key)
        return super()._get(key, message, default)


class InterruptAt(Recording):
    """Ctrl-C at the n-th question."""

    def __init__(self, answers: dict, n: int):
        super().__init__(answers)
        self.n = n

    def _get(self, key, message, default=None):
        if len(self.asked) + 1 == self.n:
            raise KeyboardInterrupt
        return super()._get(key, message, default)


def test_a_whole_drafting_field_by_field(tmp_path):
    path = new_file(tmp_path)
    done, shown = run_with(path, ScriptedAsker(answers()))
    assert done is True
    w = store.load(path)
    assert w.agenda_item(MethodId.RULES).status == Status.DONE
    r = w.rules
    assert r.themes == ["information", "overload", "Yhteinen auto"]
    assert [(p.id, p.theme, p.text) for p in r.proposals] == [
        ("p1", "information", "Vastaamme tiimipuhelimeen vuorotellen."),
        ("p2", "information", "Luemme tiimin viestit vuoron alussa."),
        ("p3", "overload", "Pyydämme apua ajoissa."),
        ("p4", "overload", "Avun pyytäminen ajoissa"),
        ("p5", "Yhteinen auto", "Palautamme auton avaimet kaappiin."),
        ("p6", "Yhteinen auto", "Tankkaamme auton, kun mittari näyttää alle neljäsosan."),
        ("p7", "overload", "Pyydämme ja tarjoamme apua ajoissa."),
    ]
    assert r.proposals[5].deleted is True
    assert (r.decision, r.top, r.threshold) == ("both", 3, 2)

    (vote,) = r.votes
    assert vote.method == VoteMethod.DOTS and (vote.voters, vote.budget, vote.cap, vote.select) == (5, 2, 1, 3)
    assert vote.options == {p.id: p.text for p in r.proposals if p.active}
    assert vote.tallies == {"p1": 4, "p2": 2, "p5": 2, "p7": 2}
    assert vote.tie.policy == TiePolicy.DISCUSS and vote.tie.options == ["p2", "p5", "p7"]
    assert vote.tie.chosen == ["p5"] and vote.tie.reason.startswith("Avainten")
    assert vote.winners == ["p1", "p5"]
    assert vote.date == DATE

    rules = {rule.from_proposal: rule for rule in r.agreed}
    assert list(rules) == [w for w in vote.winners]
    first = rules["p1"]
    assert first.id == "r1" and first.text == "Vastaamme tiimipuhelimeen vuorotellen; vuorossa olevan nimi on taululla."
    assert first.theme == "information"
    assert [(v.date, v.text) for v in first.history] == [(DATE, first.text)]
    assert first.observed_by == "Puhelin ei jää soimaan." and first.keeper == "Mikko"
    assert first.consent.method == VoteMethod.FIST and first.consent.accepted is True and first.dropped is None
    assert first.consent.tallies == {"0": 0, "1": 0, "2": 0, "3": 2, "4": 2, "5": 1} and first.consent.threshold == 2
    keys = rules["p5"]
    assert keys.text == "Palautamme auton avaimet kaappiin." and keys.theme == "information"  # the theme was changed
    assert keys.keeper == "Jussi" and keys.consent.accepted is True
    assert r.review_date == dt.date(2027, 3, 1)
    assert [rule.text for rule in w.active_rules()] == [rule.text for rule in r.agreed if rule.consent.accepted]
    assert "Meidän pelisääntömme" in shown


def test_the_vote_cut_off_and_the_tie(tmp_path):
    """Three places: p1 is clear, p2, p5 and p7 tie for two; the group takes p5 only."""
    path = new_file(tmp_path)
    run_with(path, ScriptedAsker(answers()))
    vote = store.load(path).rules.votes[0]
    assert vote.winners == ["p1", "p5"]
    assert [rule.from_proposal for rule in store.load(path).rules.agreed] == ["p1", "p5"]


def test_a_rule_the_group_does_not_accept_is_set_aside_with_its_check(tmp_path):
    path = new_file(tmp_path)
    run_with(path, ScriptedAsker(answers(rules__consent={"p1": {"counts": "0 1 0 2 2 0"}, "p5": {"counts": "0 0 0 2 2 1"}})))
    r = store.load(path).rules
    rejected = next(rule for rule in r.agreed if rule.from_proposal == "p1")
    # not agreed (its own state, with the date), never among the rules dropped at a review
    assert rejected.consent.accepted is False and rejected.not_agreed == DATE and rejected.dropped is None
    assert rejected.observed_by == ""  # no follow-up questions for a rule that was set aside
    assert [rule.from_proposal for rule in store.load(path).active_rules()] == ["p5"]


def test_merge_keeps_both_originals_in_the_record(tmp_path):
    path = new_file(tmp_path)
    run_with(path, ScriptedAsker(answers()))
    proposals = {p.id: p for p in store.load(path).rules.proposals}
    merged = proposals["p7"]
    assert merged.merged_from == ["p3", "p4"] and merged.active
    for original in ("p3", "p4"):
        assert proposals[original].merged_into == "p7" and not proposals[original].active
        assert proposals[original].text in ("Pyydämme apua ajoissa.", "Avun pyytäminen ajoissa")


def test_wording_hints_are_shown_and_never_block(tmp_path):
    path = new_file(tmp_path)
    done, shown = run_with(path, ScriptedAsker(answers()))
    flat = " ".join(shown.split())
    assert "Tämä on muotoiltu kielloksi." in flat  # "Emme jätä viestejä lukematta."
    assert "Tästä ei käy ilmi, mitä me teemme." in flat  # "Avun pyytäminen ajoissa"
    assert done is True
    assert any(p.text == "Avun pyytäminen ajoissa" for p in store.load(path).rules.proposals)


def test_the_questions_in_order_with_own_theme_keys(tmp_path):
    path = new_file(tmp_path)
    asker = Recording(answers())
    run_with(path, asker)
    asked = [k for k in asker.asked if not k.startswith(("nav.", "hints."))]
    assert asked[:6] == ["agenda", "rules.themes.chosen", "rules.themes.own", "rules.proposals.information", "rules.proposals.overload", "rules.proposals.own1"]
    assert asked.index("rules.decide.how") < asked.index("rules.vote.method") < asked.index("rules.word.p1.text")
    assert asked.index("rules.word.p5.theme") < asked.index("rules.consent.p1.counts") < asked.index("rules.follow.observed.p1")
    assert asked.index("rules.follow.keeper.p5") < asked.index("rules.review_date")
    navigation = [k for k in asker.asked if k.startswith("nav.rules.")]
    assert navigation == [f"nav.rules.{name}" for name in
                          ("intro", "themes", "collect", "edit", "decide", "vote", "word", "consent", "follow", "review", "summary")]


def test_consent_only_skips_the_vote_without_asking(tmp_path):
    path = new_file(tmp_path)
    asker = Recording(answers(rules__decide={"how": "consent", "threshold": "3"},
                              rules__consent={"p1": {"counts": "0 0 0 3 1 1"}, "p2": {"counts": "0 0 0 1 2 2"},
                                              "p5": {"counts": "0 0 0 5 0 0"}, "p7": {"counts": "0 0 2 3 0 0"}}))
    run_with(path, asker)
    assert not [k for k in asker.asked if k.startswith(("rules.vote", "nav.rules.vote", "rules.decide.top"))]
    r = store.load(path).rules
    assert r.votes == [] and r.decision == "consent" and r.top is None and r.threshold == 3
    assert [rule.from_proposal for rule in r.agreed] == ["p1", "p2", "p5", "p7"]  # every active proposal
    assert [rule.from_proposal for rule in store.load(path).active_rules()] == ["p1", "p2", "p5"]


def test_vote_only_asks_no_consent(tmp_path):
    path = new_file(tmp_path)
    asker = Recording(answers(rules__decide={"how": "vote", "top": 3}))
    run_with(path, asker)
    assert not [k for k in asker.asked if "consent" in k or k == "rules.decide.threshold"]
    assert all(rule.consent is None and rule.dropped is None for rule in store.load(path).rules.agreed)


def test_the_review_date_defaults_to_three_months_later(tmp_path):
    data = answers()
    del data["rules.review_date"]
    path = new_file(tmp_path)
    run_with(path, ScriptedAsker(data))
    assert store.load(path).rules.review_date == dt.date(2027, 2, 23)


@pytest.mark.parametrize("typed", ["huomenna", "1.1.2020"])
def test_a_bad_review_date_stops_an_answers_file_naming_the_key(tmp_path, typed):
    path = new_file(tmp_path)
    with pytest.raises(BadAnswers) as caught:
        run_with(path, ScriptedAsker(answers(rules__review_date=typed)))
    assert "”rules.review_date”" in caught.value.message("fi")
    w = store.load(path)
    assert len(w.rules.agreed) == 2 and w.rules.review_date is None  # everything before it stays saved


def test_going_back_from_the_consent_step_to_reword(tmp_path):
    data = answers()
    data["nav.rules.consent"] = "back"
    asker = Recording(data)
    path = new_file(tmp_path)
    run_with(path, asker)
    # back from the consent checks goes to the wording; its answers come again as defaults
    assert asker.asked.count("rules.word.p1.text") == 2
    assert len(store.load(path).rules.agreed) == 2 and len(store.load(path).rules.votes) == 1


def test_going_back_over_a_step_that_was_not_needed(tmp_path):
    data = answers(rules__decide={"how": "consent", "threshold": "3"},
                   rules__consent={k: {"counts": "0 0 0 5 0 0"} for k in ("p1", "p2", "p5", "p7")})
    data["nav.rules.word"] = "back"  # the vote was not needed: back goes to the decision
    asker = Recording(data)
    run_with(new_file(tmp_path), asker)
    assert asker.asked.count("rules.decide.how") == 2 and "rules.vote.method" not in asker.asked


def uninterrupted(folder: Path, data: dict) -> tuple[dict, int]:
    folder.mkdir()
    path = new_file(folder)
    asker = Recording(data)
    run_with(path, asker)
    return store.load(path).model_dump(), len(asker.asked)


def test_interrupt_at_every_question_then_resume_gives_the_same_record(tmp_path, monkeypatch, robustness_counts):
    monkeypatch.setattr("os.fsync", lambda fd: None)  # the rename keeps each file whole; no need to flush to disk
    data = answers()
    expected, total = uninterrupted(tmp_path / "reference", data)
    assert total > 40
    for n in range(1, total + 1):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        path = new_file(folder)
        with pytest.raises(KeyboardInterrupt):
            run_with(path, InterruptAt(data, n))
        store.load(path)  # whole at the moment of the interruption
        done, _ = run_with(path, ScriptedAsker(data))
        assert done is True
        assert store.load(path).model_dump() == expected, f"differs after an interruption at question {n}"
    robustness_counts["interrupts tested"] += total


def test_an_interruption_inside_the_vote_asks_the_whole_vote_again(tmp_path):
    data = answers()
    first = Recording(data)
    run_with(new_file(tmp_path), first)
    n = first.asked.index("rules.vote.tally.p5") + 1
    (tmp_path / "again").mkdir()
    path = new_file(tmp_path / "again")
    with pytest.raises(KeyboardInterrupt):
        run_with(path, InterruptAt(data, n))
    w = store.load(path)
    assert w.rules.votes == [] and w.agenda_item(MethodId.RULES).step == 5
    second = Recording(data)
    run_with(path, second)
    assert [k for k in second.asked if k.startswith("rules.")][0] == "rules.vote.method"  # from its start


def test_the_finnish_sample_record(tmp_path):
    """The demo's home-care team: an edit, a merge, a dot vote with a tie settled by discussion,
    fist to five on each rule that went through, one of them set aside."""
    from dialogi.samples import write_samples

    assert "rules" in flatten(read_data(SAMPLES / "kotihoito.fi.toml"))["new.methods"]

    path = next(p for p in write_samples(tmp_path) if p.name.startswith("2026-11-23"))
    w = store.load(path)
    r = w.rules
    assert w.agenda_item(MethodId.RULES).status == Status.DONE
    assert r.themes[-1] == "Yhteiset autot ja avaimet" and len(r.themes) == 5
    assert any(p.merged_from for p in r.proposals) and any(p.deleted for p in r.proposals)
    (vote,) = r.votes
    assert vote.tie.policy == TiePolicy.DISCUSS and vote.tie.reason
    assert len(vote.winners) == 5
    drafted = [rule for rule in r.agreed if rule.from_proposal]  # the sample's review adds and drops rules later
    assert [rule.from_proposal for rule in drafted] == vote.winners
    assert all(rule.consent is not None and rule.history[0].date == w.date for rule in drafted)
    accepted = [rule for rule in drafted if rule.consent.accepted]
    assert len(accepted) == 4 and all(rule.observed_by and rule.keeper for rule in accepted)
    (aside,) = [rule for rule in drafted if not rule.consent.accepted]
    assert aside.not_agreed == w.date and aside.dropped is None
    assert aside.consent.concerns  # the sample heard the concerns before setting it aside


# -- a "2" gets heard ---------------------------------------------------------------------


def concerns_answers(**p1) -> dict:
    """Threshold 3, and on p1 one hand shows 2: the concerns step comes."""
    return answers(rules__decide={"how": "both", "top": 3, "threshold": "3"},
                   rules__consent={"p1": {"counts": "0 0 1 2 2 0", **p1}, "p5": {"counts": "0 0 0 2 2 1"}})


def test_a_2_opens_the_concerns_the_rule_is_reworded_and_agreed_in_a_second_round(tmp_path):
    path = new_file(tmp_path)
    asker = Recording(concerns_answers(
        concerns="Puhelin soi myös tauolla; kuka silloin vastaa?", next="reword",
        text="Vastaamme tiimipuhelimeen vuorotellen, myös taukojen aikana.", round2={"counts": "0 0 0 2 2 1"},
    ))
    done, shown = run_with(path, asker)
    consent = [k for k in asker.asked if k.startswith("rules.consent.p1")]
    assert consent == ["rules.consent.p1.counts", "rules.consent.p1.concerns", "rules.consent.p1.next",
                       "rules.consent.p1.text", "rules.consent.p1.round2.counts"]
    assert "Kuullaan huolet" in shown and "1 näytti vähemmän kuin 3" in " ".join(shown.split())
    rule = next(r for r in store.load(path).rules.agreed if r.from_proposal == "p1")
    assert rule.text == "Vastaamme tiimipuhelimeen vuorotellen, myös taukojen aikana." and rule.in_force
    assert rule.history[-1].text == rule.text and rule.observed_by == "Puhelin ei jää soimaan."  # followed up as agreed
    assert rule.consent.accepted and rule.consent.tallies["2"] == 0
    (first,) = rule.earlier_checks  # both rounds, each on its wording
    assert first.accepted is False and first.tallies["2"] == 1
    assert first.concerns == "Puhelin soi myös tauolla; kuka silloin vastaa?"
    assert first.options == {"p1": "Vastaamme tiimipuhelimeen vuorotellen; vuorossa olevan nimi on taululla."}


def test_a_rule_set_aside_after_the_concerns_is_not_agreed_not_dropped(tmp_path, cli):
    path = new_file(tmp_path)
    run_with(path, ScriptedAsker(concerns_answers(concerns="Taulu ei ole kaikkien nähtävillä.", next="aside")))
    w = store.load(path)
    rule = next(r for r in w.rules.agreed if r.from_proposal == "p1")
    assert rule.not_agreed == DATE and rule.dropped is None and not rule.in_force
    assert rule.consent.concerns == "Taulu ei ole kaikkien nähtävillä."
    assert [r.from_proposal for r in w.active_rules()] == ["p5"]
    for output in (cli("show", str(path)).stdout, cli("export", str(path), "--format", "md").stdout):
        flat = " ".join(output.split())
        assert "Hyväksymättä jääneet ehdotukset" in flat and "Poistetut pelisäännöt" not in flat
        assert "Taulu ei ole kaikkien nähtävillä." in flat and "Jäi hyväksymättä" in flat and "23.11.2026" in flat


def test_a_file_that_recorded_a_failed_check_as_dropped_reads_as_not_agreed(tmp_path):
    """Before "not agreed", the check set the rule aside as dropped on the workshop's date."""
    path = new_file(tmp_path)
    run_with(path, ScriptedAsker(concerns_answers()))
    text = path.read_text("utf-8").replace("not_agreed = 2026-11-23", "dropped = 2026-11-23")
    assert "dropped = 2026-11-23" in text
    path.write_text(text, "utf-8")
    rule = next(r for r in store.load(path).rules.agreed if r.from_proposal == "p1")
    assert rule.not_agreed == DATE and rule.dropped is None


def test_a_hint_comes_before_the_proposal_is_taken_keep_or_reword(tmp_path):
    class StopAtTheEdit(Recording):  # the list as collected, before the edit step changes it
        def _get(self, key, message, default=None):
            if key == "rules.edit.1.action":
                raise KeyboardInterrupt
            return super()._get(key, message, default)

    path = new_file(tmp_path)
    asker = StopAtTheEdit(answers(hints={"rules": {"proposals": {"information": {"2": {
        "choice": "reword", "text": "Luemme kaikki viestit saman päivän aikana."}}}}}))
    with pytest.raises(KeyboardInterrupt):
        run_with(path, asker)
    asked = asker.asked
    assert asked.index("rules.proposals.information") < asked.index("hints.rules.proposals.information.2.choice") \
        < asked.index("hints.rules.proposals.information.2.text") < asked.index("rules.proposals.overload")
    assert "hints.rules.proposals.information.1.choice" not in asked  # "Vastaamme…" draws no hint
    texts = [p.text for p in store.load(path).rules.proposals]
    assert "Luemme kaikki viestit saman päivän aikana." in texts and "Emme jätä viestejä lukematta." not in texts
