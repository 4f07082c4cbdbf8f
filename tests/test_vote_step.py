"""The vote step and the fist-to-five step: settings, typed tallies, ties, secret ballots."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from pathlib import Path

import pytest
from rich.console import Console

from dialogi.engine.session import Session
from dialogi.engine.vote_step import ConsentStep, VoteStep, parse_fist_counts
from dialogi.errors import BadAnswers
from dialogi.prompts import ScriptedAsker, flatten
from dialogi.record import store
from dialogi.record.models import Rule, TiePolicy, VoteMethod, Workshop

from keyboard import BACKSPACE, DOWN, ENTER, SPACE, Keys

OPTIONS = {"a": "Vastaamme viesteihin samana päivänä", "b": "Tervehdimme toisiamme", "c": "Tiskaamme kupit", "d": "Pidämme tauot"}


def workshop(participants: int = 6, lang: str = "en") -> Workshop:
    return Workshop(title="Vote test", date=dt.date(2026, 11, 23), language=lang, participant_count=participants, facilitator="Sari")


def step(select: int | None = 2) -> VoteStep:
    return VoteStep(
        "t.vote", "rules_ui.step_vote",
        options=lambda s: dict(OPTIONS),
        select=lambda s: select,
        votes=lambda s: s.workshop.rules.votes,
        subject_key="rules_ui.vote_subject",
    )


def session(tmp_path: Path, asker, w: Workshop | None = None, console: Console | None = None) -> Session:
    path = tmp_path / "w.toml"
    w = w or workshop()
    store.save(path, w)
    return Session(path, w, asker, console or Console(file=io.StringIO(), width=100))


def scripted(answers: dict) -> ScriptedAsker:
    return ScriptedAsker(flatten(answers), "answers.toml")


def run_unit(step, s: Session, position: int) -> None:
    """One unit as the engine runs it: the step, then the save that moves past it."""
    step.run_unit(s, position)
    s.save()


def output(s: Session) -> str:
    return s.console.file.getvalue()


def said(s: Session) -> str:
    """What was shown, with the line wrapping undone."""
    return " ".join(output(s).split())


def dots(tallies: dict, **more) -> dict:
    return {"t": {"vote": {"method": "dots", "budget": 2, "cap": 1, "voters": 6, "tally": tallies, **more}}}


# -- typed tallies ------------------------------------------------------------------------


def test_typed_dot_tallies_are_counted_and_saved(tmp_path):
    s = session(tmp_path, scripted(dots({"a": 5, "b": 4, "c": 2, "d": 1})))
    run_unit(step(), s, 0)
    saved = store.load(s.path).rules.votes
    assert len(saved) == 1
    vote = saved[0]
    assert vote.method == VoteMethod.DOTS and vote.secret is False
    assert (vote.voters, vote.budget, vote.cap, vote.select) == (6, 2, 1, 2)
    assert vote.tallies == {"a": 5, "b": 4, "c": 2, "d": 1}
    assert vote.ranking == ["a", "b", "c", "d"] and vote.winners == ["a", "b"]
    assert vote.options == OPTIONS and vote.tie is None
    assert vote.subject == "Which proposals become our working agreements?"
    assert vote.date == dt.date(2026, 11, 23)
    assert "█" in said(s)  # the bar chart


def test_the_defaults_a_third_of_the_options_and_the_participants(tmp_path):
    s = session(tmp_path, scripted({"t": {"vote": {"tally": {"a": 3, "b": 2}}}}), workshop(participants=5))
    run_unit(step(), s, 0)
    vote = s.workshop.rules.votes[0]
    assert (vote.budget, vote.cap, vote.voters) == (1, 1, 5)  # 4 options // 3; cap = budget; facilitator not voting


def test_the_facilitator_voting_adds_one_voter(tmp_path):
    s = session(tmp_path, scripted({"t": {"vote": {"facilitator_votes": True, "tally": {"a": 3, "b": 2}}}}), workshop(participants=5))
    run_unit(step(), s, 0)
    assert s.workshop.rules.votes[0].voters == 6


def test_a_tally_over_voters_times_cap_stops_an_answers_file_naming_the_key(tmp_path):
    s = session(tmp_path, scripted(dots({"a": 7, "b": 1})))  # 6 voters x cap 1 = 6 at most
    with pytest.raises(BadAnswers) as caught:
        run_unit(step(), s, 0)
    message = caught.value.message("en")
    assert "“t.vote.tally”" in message and "answers.toml" in message
    assert "at most 6" in message and "“Vastaamme viesteihin samana päivänä”" in message
    assert store.load(s.path).rules.votes == []  # nothing half-counted on disk


def test_tallies_over_voters_times_budget_are_refused(tmp_path):
    s = session(tmp_path, scripted(dots({"a": 6, "b": 6, "c": 1})))  # 6 voters x 2 dots = 12 at most
    with pytest.raises(BadAnswers) as caught:
        run_unit(step(), s, 0)
    assert "add up to 13 in all" in caught.value.message("en") and "at most 12" in caught.value.message("en")


def test_approvals_over_the_number_of_voters_are_refused(tmp_path):
    answers = {"t": {"vote": {"method": "approval", "voters": 4, "tally": {"a": 5}}}}
    with pytest.raises(BadAnswers) as caught:
        step().run_unit(session(tmp_path, scripted(answers)), 0)
    assert "the number of voters is only 4" in caught.value.message("en")


def test_at_the_keyboard_wrong_tallies_are_explained_and_asked_again(tmp_path):
    keys = [
        ENTER,  # dots
        ENTER, ENTER,  # budget 1, cap 1
        ENTER,  # the facilitator does not vote
        ENTER,  # ties: runoff
        ENTER,  # typed tallies
        BACKSPACE + "3" + ENTER,  # 3 voters
        BACKSPACE + "2" + ENTER, BACKSPACE + "2" + ENTER, ENTER, ENTER,  # 4 dots > 3 voters x 1
        ENTER,  # what is wrong? a count
        BACKSPACE + "1" + ENTER, ENTER, ENTER, ENTER,  # again: a 1, b 2 (kept), c 0, d 0
    ]
    with Keys(keys) as asker:
        s = session(tmp_path, asker)
        run_unit(step(), s, 0)
    assert "The dots add up to 4 in all, but the voters can give at most 3" in said(s)
    assert s.workshop.rules.votes[0].tallies == {"a": 1, "b": 2, "c": 0, "d": 0}


def test_the_messages_are_in_the_workshops_language(tmp_path):
    s = session(tmp_path, scripted(dots({"a": 5, "b": 4})), workshop(lang="fi"))
    run_unit(step(), s, 0)
    shown = said(s)
    assert "Pisteitä kullakin äänestäjällä: 2." in shown and "Mistä ehdotuksista tulee pelisääntöjämme?" in shown


# -- ties ---------------------------------------------------------------------------------

TIED = {"a": 4, "b": 3, "c": 3, "d": 1}  # b and c tie for the second place


def test_tie_keep_all(tmp_path):
    s = session(tmp_path, scripted(dots(TIED, ties="keep_all")))
    run_unit(step(), s, 0)
    vote = store.load(s.path).rules.votes[0]
    assert vote.winners == ["a", "b", "c"]
    assert vote.tie.policy == TiePolicy.KEEP_ALL and vote.tie.options == ["b", "c"] and vote.tie.chosen == ["b", "c"]


def test_tie_settled_by_discussion_records_the_choice_and_the_reason(tmp_path):
    answers = dots(TIED, ties="discuss")
    answers["t"]["vote"]["tie"] = {"chosen": ["c"], "reason": "Kupit ovat arjen isoin riita."}
    s = session(tmp_path, scripted(answers))
    run_unit(step(), s, 0)
    vote = store.load(s.path).rules.votes[0]
    assert vote.winners == ["a", "c"]
    assert vote.tie.policy == TiePolicy.DISCUSS and vote.tie.chosen == ["c"]
    assert vote.tie.reason == "Kupit ovat arjen isoin riita."
    assert "Tie: “Tervehdimme toisiamme”, “Tiskaamme kupit”" in said(s)
    assert "A tie at the cut-off. As agreed before the vote, the group decides together which of the tied go through" in said(s)


def test_a_discussion_needs_a_reason(tmp_path):
    answers = dots(TIED, ties="discuss")
    answers["t"]["vote"]["tie"] = {"chosen": ["c"]}
    with pytest.raises(BadAnswers) as caught:
        step().run_unit(session(tmp_path, scripted(answers)), 0)
    assert "“t.vote.tie.reason”" in caught.value.message("en")


def test_tie_settled_by_a_runoff(tmp_path):
    answers = dots(TIED, ties="runoff")
    answers["t"]["vote"]["runoff"] = {"tally": {"b": 2, "c": 4}}  # runoff: 2 options -> 1 dot each, 6 voters
    s = session(tmp_path, scripted(answers))
    run_unit(step(), s, 0)
    vote = store.load(s.path).rules.votes[0]
    assert vote.winners == ["a", "c"]
    assert vote.tie.policy == TiePolicy.RUNOFF and vote.tie.runoff == {"b": 2, "c": 4} and vote.tie.chosen == ["c"]
    assert vote.tallies == TIED  # the first round stays as it was
    assert "As agreed before the vote, a runoff among the tied decides the remaining places: 1." in said(s)
    assert "Went through: “Vastaamme viesteihin samana päivänä”, “Tiskaamme kupit”" in said(s)


def test_a_runoff_is_checked_like_any_vote(tmp_path):
    answers = dots(TIED, ties="runoff")
    answers["t"]["vote"]["runoff"] = {"tally": {"b": 5, "c": 4}}  # 9 dots, but 6 voters x 1 dot
    with pytest.raises(BadAnswers) as caught:
        step().run_unit(session(tmp_path, scripted(answers)), 0)
    assert "“t.vote.runoff.tally”" in caught.value.message("en")


def test_a_runoff_that_ties_again_goes_to_discussion(tmp_path):
    answers = dots(TIED, ties="runoff")
    answers["t"]["vote"]["runoff"] = {"tally": {"b": 3, "c": 3}}
    answers["t"]["vote"]["tie"] = {"chosen": ["b"], "reason": "Arvonta ei tunnu reilulta; valitaan tervehtiminen."}
    s = session(tmp_path, scripted(answers))
    run_unit(step(), s, 0)
    vote = store.load(s.path).rules.votes[0]
    assert vote.winners == ["a", "b"]
    # what the group agreed, and how it ended: the runoff tied again, then a discussion with a reason
    assert vote.tie.policy == TiePolicy.RUNOFF and vote.tie.settled_by == TiePolicy.DISCUSS
    assert vote.tie.runoff == {"b": 3, "c": 3} and vote.tie.runoff_round.tied == ["b", "c"]
    assert vote.tie.runoff_round.voters == 6 and vote.tie.runoff_round.winners == []
    assert vote.tie.reason.startswith("Arvonta")
    shown = said(s)
    assert "The runoff tied again (places left: 1)." in shown and "the group decides together" not in shown


def test_no_tie_question_without_a_cut_off(tmp_path):
    asked = []

    class Recording(ScriptedAsker):
        def _get(self, key, message, default=None):
            asked.append(key)
            return super()._get(key, message, default)

    s = session(tmp_path, Recording(flatten(dots({"a": 1, "b": 1, "c": 1, "d": 1}))))
    run_unit(step(select=None), s, 0)
    assert "t.vote.ties" not in asked
    vote = s.workshop.rules.votes[0]
    assert vote.winners == [] and vote.ranking == ["a", "b", "c", "d"] and vote.select is None


def test_on_result_gets_the_vote_and_when_can_leave_the_step_out(tmp_path):
    seen = []
    vote_step = step()
    vote_step.on_result = lambda s, vote: seen.append(vote.winners)
    s = session(tmp_path, scripted(dots({"a": 3, "b": 2})))
    run_unit(vote_step, s, 0)
    assert seen == [["a", "b"]]
    vote_step.when = lambda s: False
    assert vote_step.units(s) == 0


def test_fewer_than_two_options_is_no_vote(tmp_path):
    vote_step = step()
    vote_step.options = lambda s: {"a": "Ainoa"}
    s = session(tmp_path, scripted({}))
    run_unit(vote_step, s, 0)
    assert s.workshop.rules.votes == [] and "nothing to vote on" in said(s)


# -- secret ballots at the keyboard ---------------------------------------------------------


def dot(n: int) -> str:
    return (BACKSPACE + str(n) if n else "") + ENTER


BALLOTS = [{"a": 2}, {"b": 1, "c": 1}, {"a": 1, "b": 1}]  # budget 2, cap 2


def secret_keys(ballots: list[dict]) -> list[str]:
    keys = [
        ENTER,  # dots
        BACKSPACE + "2" + ENTER,  # budget 2
        ENTER,  # cap = budget
        ENTER,  # the facilitator does not vote
        DOWN + ENTER,  # ties: discuss
        DOWN + ENTER,  # secret ballots
        ENTER,  # voters: the 3 participants
    ]
    for ballot in ballots:
        keys.append(ENTER)  # "I am ready"
        left = 2
        for option in OPTIONS:
            if left:
                keys.append(dot(ballot.get(option, 0)))
                left -= ballot.get(option, 0)
        keys.append(ENTER)  # "Is this your ballot?" yes
    keys.append(ENTER)  # show the result
    return keys


def test_secret_ballots_keep_only_the_totals(tmp_path):
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system=None)
    keys = secret_keys(BALLOTS)
    with Keys(keys) as asker:
        s = session(tmp_path, asker, workshop(participants=3), console)
        run_unit(step(), s, 0)
        assert asker.keys == []
    vote = store.load(s.path).rules.votes[0]
    assert vote.secret is True and vote.voters == 3
    assert vote.tallies == {"a": 3, "b": 2, "c": 1, "d": 0}
    assert vote.winners == ["a", "b"] and vote.tie is None
    shown = output(s)
    # the screen (and the scrollback) is cleared before and after every voter, and nothing is
    # counted on screen until everyone has voted
    assert shown.count("\x1b[3J") >= 2 * len(BALLOTS)
    before_reveal = shown[: shown.rindex("\x1b[3J")]
    assert "█" not in before_reveal
    assert "█" in shown[shown.rindex("\x1b[3J"):]
    assert_no_ballot_on_disk(tmp_path, vote.tallies)


def assert_no_ballot_on_disk(folder: Path, tallies: dict[str, int]) -> None:
    """No file in the folder holds one voter's choices: only the totals, once."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        assert b"secret." not in data and b"ballot" not in data.lower(), path
        if path.suffix == ".toml" and data.strip():
            numbers = list(_number_tables(tomllib.loads(data.decode("utf-8"))))
            assert numbers == [tallies], f"{path}: per-option numbers other than the totals: {numbers}"


def _number_tables(node):
    """Every table whose keys are option ids and whose values are counts."""
    if isinstance(node, dict):
        if node and set(node) <= set(OPTIONS) and all(isinstance(v, int) for v in node.values()):
            yield node
        for value in node.values():
            yield from _number_tables(value)
    elif isinstance(node, list):
        for value in node:
            yield from _number_tables(value)


def test_secret_approval_ballots_and_the_tie_discussed_after_the_reveal(tmp_path):
    keys = [
        DOWN + ENTER,  # approval
        ENTER,  # the facilitator does not vote
        DOWN + ENTER,  # ties: discuss
        DOWN + ENTER,  # secret
        ENTER,  # 3 voters
        ENTER, SPACE + ENTER, ENTER,  # voter 1: a; confirmed
        ENTER, SPACE + DOWN + SPACE + ENTER, ENTER,  # voter 2: a, b
        ENTER, DOWN + SPACE + DOWN + SPACE + ENTER, ENTER,  # voter 3: b, c
        ENTER,  # reveal
    ]
    with Keys(keys) as asker:
        s = session(tmp_path, asker, workshop(participants=3))
        run_unit(step(), s, 0)
    vote = store.load(s.path).rules.votes[0]
    assert vote.method == VoteMethod.APPROVAL and vote.secret
    assert vote.tallies == {"a": 2, "b": 2, "c": 1, "d": 0}
    assert vote.winners == ["a", "b"] and vote.tie is None  # a and b are the top two: no tie
    assert_no_ballot_on_disk(tmp_path, vote.tallies)


def test_secret_ballots_are_not_offered_to_an_answers_file(tmp_path):
    asked = []

    class Recording(ScriptedAsker):
        def _get(self, key, message, default=None):
            asked.append(key)
            return super()._get(key, message, default)

    s = session(tmp_path, Recording(flatten(dots({"a": 2, "b": 1}))))
    run_unit(step(), s, 0)
    assert "t.vote.collect" not in asked and s.workshop.rules.votes[0].secret is False


def test_an_interrupted_secret_vote_leaves_nothing_on_disk(tmp_path):
    keys = secret_keys(BALLOTS)[:10] + ["\x03"]  # Ctrl-C in the middle of the second voter
    with Keys(keys) as asker:
        s = session(tmp_path, asker, workshop(participants=3))
        with pytest.raises(KeyboardInterrupt):
            run_unit(step(), s, 0)
    assert store.load(s.path).rules.votes == []
    assert "starts again from the first voter" in said(s)
    assert_no_ballot_on_disk_at_all(tmp_path)


def assert_no_ballot_on_disk_at_all(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix == ".toml":
            assert list(_number_tables(tomllib.loads(path.read_text("utf-8")))) == []


# -- fist to five -------------------------------------------------------------------------


def consent_step() -> ConsentStep:
    from dialogi.methods.rules import hints

    return ConsentStep(
        "t.consent", "rules_ui.step_consent",
        items=lambda s: s.workshop.rules.agreed,
        key=lambda rule: rule.id,
        threshold=lambda s: 2,
        hints=hints,
    )


def with_rules(w: Workshop) -> Workshop:
    w.rules.agreed = [Rule(id="r1", text="Vastaamme viesteihin samana päivänä"), Rule(id="r2", text="Tiskaamme kupit")]
    return w


def test_fist_to_five_accepts_when_nobody_is_below_the_threshold(tmp_path):
    s = session(tmp_path, scripted({"t": {"consent": {"r1": {"counts": "0 0 1 2 2 1"}, "r2": {"counts": "0 1 0 2 2 1"}}}}), with_rules(workshop()))
    cs = consent_step()
    assert cs.units(s) == 2
    run_unit(cs, s, 0)
    run_unit(cs, s, 1)
    first, second = store.load(s.path).rules.agreed
    assert first.consent.accepted is True and first.dropped is None and first.not_agreed is None
    assert first.consent.tallies == {"0": 0, "1": 0, "2": 1, "3": 2, "4": 2, "5": 1}
    assert first.consent.voters == 6 and first.consent.threshold == 2
    assert first.consent.options == {"r1": "Vastaamme viesteihin samana päivänä"}
    # an answers file that does not say what to do with the concerns sets the rule aside
    assert second.consent.accepted is False and second.not_agreed == dt.date(2026, 11, 23) and second.dropped is None
    shown = said(s)
    assert "0 – a fist: I block it" in shown and "3 – I can live with it" in shown and "5 – I champion it" in shown
    assert "becomes an agreement if nobody shows less than 2." in shown


@pytest.mark.parametrize(
    "typed, expected",
    [("0 0 1 2 2 1", [0, 0, 1, 2, 2, 1]), ("0,0,1,2,2,1", [0, 0, 1, 2, 2, 1]), ("1 2 3", []), ("0 0 0 0 0 0", []), ("a b c d e f", []), ("0 0 0 0 0 9", [])],
)
def test_parse_fist_counts(typed, expected):
    counts, problem = parse_fist_counts(typed, participants=6)
    assert counts == expected and bool(problem) == (not expected)


def test_bad_fist_counts_stop_an_answers_file_naming_the_key(tmp_path):
    s = session(tmp_path, scripted({"t": {"consent": {"r1": {"counts": "3 3"}}}}), with_rules(workshop()))
    with pytest.raises(BadAnswers) as caught:
        run_unit(consent_step(), s, 0)
    assert "“t.consent.r1.counts”" in caught.value.message("en") and "six whole numbers" in caught.value.message("en")


def test_secret_fist_to_five_at_the_keyboard(tmp_path):
    keys = [
        DOWN + ENTER,  # secret
        BACKSPACE + "3" + ENTER,  # 3 voters
        ENTER, DOWN + DOWN + ENTER,  # voter 1: 5 (the list starts at 3)
        ENTER, ENTER,  # voter 2: 3
        ENTER, "\x1b[A" * 3 + ENTER,  # voter 3: 0, a fist
        ENTER,  # reveal
        "Pelkkä kiire ei riitä syyksi." + ENTER,  # the concerns
        DOWN + ENTER,  # set it aside
    ]
    with Keys(keys) as asker:
        s = session(tmp_path, asker, with_rules(workshop()))
        run_unit(consent_step(), s, 0)
    rule = store.load(s.path).rules.agreed[0]
    assert rule.consent.secret and rule.consent.voters == 3
    assert rule.consent.tallies == {"0": 1, "1": 0, "2": 0, "3": 1, "4": 0, "5": 1}
    assert rule.consent.accepted is False and rule.not_agreed is not None and rule.dropped is None
    assert rule.consent.concerns == "Pelkkä kiire ei riitä syyksi."
    assert b"secret." not in s.path.read_bytes()


def test_the_groups_words_are_shown_literally(tmp_path):
    tricky = {"a": "Kaikki [/] [bold]tervehtivät[/bold]", "b": "Vastaamme \x1b[31mheti\x1b[0m", "c": "Tiskaamme", "d": "Tauot"}
    vote_step = step()
    vote_step.options = lambda s: dict(tricky)
    answers = dots({"a": 4, "b": 3, "c": 3}, ties="discuss")
    answers["t"]["vote"]["tie"] = {"chosen": ["b"], "reason": "[red]Syy[/red]"}
    s = session(tmp_path, scripted(answers))
    run_unit(vote_step, s, 0)
    shown = said(s)
    assert "Kaikki [/] [bold]tervehtivät[/bold]" in shown and "“Vastaamme heti”" in shown
    assert "\x1b" not in output(s)
    assert store.load(s.path).rules.votes[0].tie.reason == "[red]Syy[/red]"
