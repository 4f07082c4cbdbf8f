"""Vote counting: tallies, rankings, cut-off, ties, validation messages and secret ballots."""

from __future__ import annotations

import copy
import pickle
import re
import string
import subprocess
import sys
import tomllib
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogi import voting
from dialogi.errors import UsageError
from dialogi.record.models import Runoff, Tie, TiePolicy, Vote, VoteMethod
from dialogi.voting import (
    Ballot,
    Method,
    Policy,
    approval,
    count_tallies,
    default_budget,
    dots,
    fist_to_five,
    resolve_discussion,
    resolve_runoff,
    runoff_spec,
)

CONTENT = Path(voting.__file__).parent / "content"
OPTS = {"a": "Coffee rota", "b": "Quiet hours", "c": "Shared calendar", "d": "Stand-up", "e": "Lunch"}


@contextmanager
def raises(key: str, *numbers: object):
    """Expect UsageError ``key`` whose messages render in both languages with ``numbers``."""
    with pytest.raises(UsageError) as info:
        yield info
    err = info.value
    assert err.key == key
    for lang in ("en", "fi"):
        text = err.message(lang)
        assert "{" not in text
        for n in numbers:
            assert str(n) in text, (lang, n, text)


# -- setup --------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "budget"), [(0, 1), (1, 1), (2, 1), (3, 1), (5, 1), (6, 2), (11, 3), (30, 10)])
def test_default_budget(n, budget):
    assert default_budget(n) == budget


def test_dot_defaults():
    spec = dots({str(i): f"option {i}" for i in range(10)})
    assert (spec.method, spec.budget, spec.cap, spec.select, spec.policy) == (Method.DOTS, 3, 3, None, Policy.KEEP_ALL)
    assert dots(OPTS, budget=4, cap=1).cap == 1


def test_enums_match_the_record_models():
    assert {m.value for m in Method} == {m.value for m in VoteMethod}
    assert {p.value for p in Policy} == {p.value for p in TiePolicy}
    spec = dots(OPTS, select=2, policy=TiePolicy.RUNOFF)
    assert spec.policy is Policy.RUNOFF


@pytest.mark.parametrize(
    ("make", "key", "numbers"),
    [
        (lambda: dots(OPTS, budget=0), "voting.setup.budget", (0,)),
        (lambda: dots(OPTS, budget=2, cap=3), "voting.setup.cap", (3, 2)),
        (lambda: dots(OPTS, budget=2, cap=0), "voting.setup.cap", (0, 2)),
        (lambda: approval(OPTS, select=-1), "voting.setup.select", (-1,)),
        (lambda: fist_to_five("Quiet hours", threshold=6), "voting.setup.threshold", (6,)),
        (lambda: fist_to_five("Quiet hours", threshold=-1), "voting.setup.threshold", (-1,)),
    ],
)
def test_bad_setup(make, key, numbers):
    with raises(key, *numbers):
        make()


# -- dot voting from typed tallies --------------------------------------------------------


def test_dots_ranking_and_winners():
    spec = dots(OPTS, budget=3, select=2)
    r = count_tallies(spec, 4, {"a": 2, "b": 5, "c": 0, "d": 4, "e": 1})
    assert r.tallies == {"a": 2, "b": 5, "c": 0, "d": 4, "e": 1}
    assert r.ranking == ("b", "d", "a", "e", "c")
    assert r.winners == ("b", "d")
    assert r.tie is None and r.awaiting is None and r.accepted is None


def test_missing_options_count_zero_and_ties_keep_option_order():
    r = count_tallies(dots(OPTS, budget=3), 3, {"e": 3, "c": 3})
    assert r.tallies == {"a": 0, "b": 0, "c": 3, "d": 0, "e": 3}
    assert r.ranking == ("c", "e", "a", "b", "d")
    assert r.winners == ()  # no cut-off: ranking only


def test_all_dots_on_one_option():
    r = count_tallies(dots(OPTS, budget=3, select=1), 4, {"d": 12})
    assert r.ranking[0] == "d" and r.winners == ("d",) and r.tie is None


def test_tie_not_at_the_cut_off_is_not_recorded():
    r = count_tallies(dots(OPTS, budget=3, select=3, policy=Policy.RUNOFF), 5, {"a": 5, "b": 5, "c": 2, "d": 1, "e": 1})
    assert r.winners == ("a", "b", "c") and r.tie is None


def test_select_at_least_the_number_of_options():
    for select in (5, 9):
        r = count_tallies(dots(OPTS, budget=2, select=select, policy=Policy.RUNOFF), 2, {"a": 1, "b": 1})
        assert r.winners == ("a", "b", "c", "d", "e") and r.tie is None


def test_select_zero():
    r = count_tallies(dots(OPTS, budget=2, select=0), 2, {"a": 2, "b": 2})
    assert r.winners == () and r.tie is None


def test_zero_voters():
    r = count_tallies(dots(OPTS, budget=1, select=5), 0, {})
    assert r.voters == 0 and set(r.tallies.values()) == {0}
    assert r.ranking == tuple(OPTS) and r.winners == tuple(OPTS) and r.tie is None
    with raises("voting.tally.cap", 0, 1):
        count_tallies(dots(OPTS, budget=1), 0, {"a": 1})


def test_zero_options():
    for spec in (dots({}, select=3, policy=Policy.RUNOFF), approval({}, select=1)):
        r = count_tallies(spec, 5, {})
        assert r.tallies == {} and r.ranking == () and r.winners == () and r.tie is None
    assert dots({}).budget == 1


def test_tie_among_options_with_zero_votes():
    r = count_tallies(dots(OPTS, budget=2, select=2, policy=Policy.KEEP_ALL), 2, {"a": 4})
    assert r.tie is not None
    assert r.tie.options == ("b", "c", "d", "e") and r.tie.seats == 1
    assert r.winners == ("a", "b", "c", "d", "e")


# -- validation of typed tallies ----------------------------------------------------------


def test_over_cap_message():
    spec = dots(OPTS, budget=3)
    with raises("voting.tally.cap", 14, 4, 3, 12) as info:
        count_tallies(spec, 4, {"a": 14})
    assert "“Coffee rota”" in info.value.message("en") and "”Coffee rota”" in info.value.message("fi")
    assert info.value.message("en") == (
        "The dots for “Coffee rota” add up to 14, but it can get at most 12: the number of voters "
        "is 4, and each of them can put at most 3 on one option."
    )


def test_over_budget_message():
    spec = dots(OPTS, budget=2)  # cap 2: each option at most 8 with 4 voters, all at most 8
    with raises("voting.tally.budget", 9, 4, 2, 8):
        count_tallies(spec, 4, {"a": 5, "b": 4})


def test_cap_one_makes_each_option_at_most_voters():
    spec = dots(OPTS, budget=3, cap=1)
    assert count_tallies(spec, 4, {"a": 4, "b": 4, "c": 4}).ranking[:3] == ("a", "b", "c")
    with raises("voting.tally.cap", 5, 4, 1):
        count_tallies(spec, 4, {"a": 5})


def test_negative_and_unknown_tallies():
    with raises("voting.tally.negative", -1) as info:
        count_tallies(dots(OPTS), 3, {"b": -1})
    assert "Quiet hours" in info.value.message("fi")
    with raises("voting.unknown_option") as info:
        count_tallies(dots(OPTS), 3, {"zz": 1})
    assert "zz" in info.value.message("en")
    with raises("voting.tally.voters", -2):
        count_tallies(dots(OPTS), -2, {})


def test_approval_tallies():
    spec = approval(OPTS, select=2)
    r = count_tallies(spec, 5, {"a": 5, "b": 3, "c": 4})
    assert r.ranking == ("a", "c", "b", "d", "e") and r.winners == ("a", "c")
    assert r.spec.budget is None and r.spec.cap is None
    with raises("voting.tally.approvals", 6, 5) as info:
        count_tallies(spec, 5, {"c": 6})
    assert "Shared calendar" in info.value.message("en")


# -- fist to five -------------------------------------------------------------------------


def test_fist_accepted_and_blocked():
    spec = fist_to_five("Phones away in meetings", threshold=2)
    ok = count_tallies(spec, 6, {2: 1, "3": 2, 5: 3})
    assert ok.tallies == {"0": 0, "1": 0, "2": 1, "3": 2, "4": 0, "5": 3}
    assert ok.accepted is True and ok.winners == ("proposal",) and ok.ranking == ()
    blocked = count_tallies(spec, 6, {"1": 1, "5": 5})
    assert blocked.accepted is False and blocked.winners == ()
    assert count_tallies(fist_to_five("x", threshold=0), 2, {"0": 2}).accepted is True


def test_fist_default_threshold_is_can_live_with_it():
    spec = fist_to_five("x")
    assert spec.threshold == 3
    assert count_tallies(spec, 2, {"3": 1, "4": 1}).accepted is True
    assert count_tallies(spec, 2, {"2": 1, "4": 1}).accepted is False


def test_fist_zero_voters_is_not_accepted():
    r = count_tallies(fist_to_five("x", threshold=0), 0, {})
    assert r.accepted is False and r.voters == 0


def test_fist_tally_errors():
    spec = fist_to_five("x")
    with raises("voting.tally.fist_total", 5, 6):
        count_tallies(spec, 6, {"3": 5})
    with raises("voting.tally.fist_level", 6):
        count_tallies(spec, 1, {"6": 1})
    with raises("voting.tally.fist_negative", 4, -1):
        count_tallies(spec, 1, {"4": -1, "3": 2})


# -- ties at the cut-off ------------------------------------------------------------------

TIED = {"a": 6, "b": 4, "c": 4, "d": 4, "e": 1}  # top 2: a, then b/c/d tied for one place


def test_keep_all():
    r = count_tallies(dots(OPTS, budget=3, select=2, policy=Policy.KEEP_ALL), 7, TIED)
    assert r.winners == ("a", "b", "c", "d")
    assert r.tie is not None and r.tie.options == ("b", "c", "d") and r.tie.chosen == ("b", "c", "d")
    assert r.tie.seats == 1 and r.awaiting is None
    with raises("voting.tie.none"):
        resolve_discussion(r, ["b"], "no")


def test_discuss():
    r = count_tallies(dots(OPTS, budget=3, select=2, policy=Policy.DISCUSS), 7, TIED)
    assert r.winners == ("a",) and r.awaiting is Policy.DISCUSS
    with raises("voting.tie.discuss"):
        resolve_runoff(r, {"b": 1})
    with raises("voting.tie.not_tied") as info:
        resolve_discussion(r, ["e"], "Lunch matters")
    assert "Lunch" in info.value.message("fi")
    with raises("voting.tie.reason"):
        resolve_discussion(r, ["c"], "  ")
    done = resolve_discussion(r, ["d", "c", "d"], " Both are cheap to try. ")
    assert done.winners == ("a", "c", "d") and done.awaiting is None
    assert done.tie.chosen == ("c", "d") and done.tie.reason == "Both are cheap to try."
    assert done.tie.policy is Policy.DISCUSS and done.tie.runoff == {}


def test_runoff_settles_the_tie():
    r = count_tallies(dots(OPTS, budget=3, select=2, policy=Policy.RUNOFF), 7, TIED)
    assert r.winners == ("a",) and r.awaiting is Policy.RUNOFF
    assert r.tie.open == ("b", "c", "d") and r.tie.chosen == ()
    with raises("voting.tie.runoff"):
        resolve_discussion(r, ["b"], "because")
    spec = runoff_spec(r)
    assert spec.options == {"b": "Quiet hours", "c": "Shared calendar", "d": "Stand-up"}
    assert (spec.method, spec.select, spec.budget, spec.cap) == (Method.DOTS, 1, 1, 1)
    checked = count_tallies(spec, 5, {"b": 1, "c": 3, "d": 1})
    done = resolve_runoff(r, checked.tallies)
    assert done.winners == ("a", "c") and done.awaiting is None
    assert done.tie.chosen == ("c",) and done.tie.runoff == {"b": 1, "c": 3, "d": 1}
    assert done.tie.policy is Policy.RUNOFF
    assert done.ranking == r.ranking and done.tallies == r.tallies  # the first round stays
    with raises("voting.tie.none"):
        resolve_runoff(done, {"c": 1})


def test_runoff_that_ties_again_falls_back_to_discussion():
    spec = dots({**OPTS, "f": "Walks"}, budget=3, select=3, policy=Policy.RUNOFF)
    r = count_tallies(spec, 8, {"a": 6, "b": 4, "c": 4, "d": 4, "f": 4})  # a + 2 of b/c/d/f
    assert r.tie.options == ("b", "c", "d", "f") and r.tie.seats == 2
    again = resolve_runoff(r, {"d": 3, "b": 1, "f": 1})  # d clear, b/f tied for one place
    assert again.awaiting is Policy.DISCUSS and again.tie.policy is Policy.RUNOFF  # what the group agreed
    assert again.winners == ("a", "d") and again.tie.chosen == ("d",) and again.tie.open == ("b", "f")
    assert again.tie.runoff == {"b": 1, "c": 0, "d": 3, "f": 1}
    with raises("voting.tie.not_tied"):
        resolve_discussion(again, ["c"], "c lost the runoff")
    done = resolve_discussion(again, ["f"], "Walks help the most")
    assert done.winners == ("a", "d", "f") and done.tie.chosen == ("d", "f") and done.awaiting is None
    record = done.to_record(subject="Goals")
    assert record.tie == Tie(
        options=["b", "c", "d", "f"], policy=TiePolicy.RUNOFF, settled_by=TiePolicy.DISCUSS, chosen=["d", "f"],
        reason="Walks help the most", runoff={"b": 1, "c": 0, "d": 3, "f": 1},
        runoff_round=Runoff(winners=["d"], tied=["b", "f"]),
    )


def test_a_counted_runoff_is_recorded_as_the_second_round():
    r = count_tallies(dots(OPTS, budget=3, select=2, policy=Policy.RUNOFF), 7, TIED)
    box = Ballot(runoff_spec(r), voters=2)
    box.add({"c": 1})
    box.add({"b": 1})
    again = resolve_runoff(r, box.result())
    assert again.awaiting is Policy.DISCUSS and again.tie.open == ("b", "c")
    tie = resolve_discussion(again, ["b"], "Quiet hours first").to_record().tie
    assert (tie.policy, tie.settled_by) == (TiePolicy.RUNOFF, TiePolicy.DISCUSS)
    assert tie.runoff == {"b": 1, "c": 1, "d": 0}
    assert tie.runoff_round == Runoff(voters=2, secret=True, budget=1, cap=1, winners=[], tied=["b", "c"])
    settled = resolve_runoff(r, count_tallies(runoff_spec(r), 3, {"d": 2, "b": 1})).to_record().tie
    assert (settled.policy, settled.settled_by, settled.reason) == (TiePolicy.RUNOFF, TiePolicy.RUNOFF, "")
    assert settled.runoff_round == Runoff(voters=3, budget=1, cap=1, winners=["d"])


@pytest.mark.parametrize("stored, agreed, settled", [
    ({"policy": "discuss", "chosen": ["b"], "reason": "x", "runoff": {"b": 1, "c": 1}}, "runoff", "discuss"),
    ({"policy": "discuss", "chosen": ["b"], "reason": "x"}, "discuss", "discuss"),
    ({"policy": "runoff", "chosen": ["b"], "runoff": {"b": 2, "c": 1}}, "runoff", "runoff"),
    ({"policy": "keep_all", "chosen": ["b", "c"]}, "keep_all", "keep_all"),
    ({"policy": "runoff"}, "runoff", None),  # still open
])
def test_ties_in_older_files_read_as_agreed_and_settled(stored, agreed, settled):
    """Before ``settled_by``, a runoff that tied again was stored as policy "discuss"."""
    tie = Tie.model_validate({"options": ["b", "c"], **stored})
    assert (tie.policy, tie.settled_by) == (agreed, settled)


def test_runoff_tally_errors():
    r = count_tallies(dots(OPTS, budget=3, select=2, policy=Policy.RUNOFF), 7, TIED)
    with raises("voting.tie.not_tied") as info:
        resolve_runoff(r, {"a": 2})
    assert "Coffee rota" in info.value.message("en")
    with raises("voting.tally.negative", -3):
        resolve_runoff(r, {"b": -3})


def test_approval_runoff_spec():
    r = count_tallies(approval(OPTS, select=1, policy="runoff"), 3, {"a": 2, "b": 2})
    spec = runoff_spec(r)
    assert spec.method is Method.APPROVAL and spec.select == 1 and list(spec.options) == ["a", "b"]


def test_tie_among_zero_vote_options_with_runoff():
    r = count_tallies(dots(OPTS, budget=1, select=2, policy=Policy.RUNOFF), 1, {"c": 1})
    assert r.winners == ("c",) and r.tie.options == ("a", "b", "d", "e")
    done = resolve_runoff(r, {"e": 1})
    assert done.winners == ("c", "e")


# -- secret ballots -----------------------------------------------------------------------


def test_dot_ballots_match_typed_tallies():
    spec = dots(OPTS, budget=3, cap=2, select=2)
    box = Ballot(spec, voters=3)
    box.add({"a": 2, "b": 1})
    box.add({"b": 2})
    box.add({})
    assert box.cast == 3
    r = box.result()
    assert r.secret is True and r.voters == 3
    assert r.tallies == {"a": 2, "b": 3, "c": 0, "d": 0, "e": 0}
    typed = count_tallies(spec, 3, r.tallies)
    assert (typed.ranking, typed.winners, typed.secret) == (r.ranking, r.winners, False)


def test_invalid_ballots_are_not_counted():
    box = Ballot(dots(OPTS, budget=3, cap=2))
    box.add({"a": 1})
    with raises("voting.ballot.cap", 3, 2) as info:
        box.add({"b": 3})
    assert "Quiet hours" in info.value.message("en")
    with raises("voting.ballot.budget", 4, 3):
        box.add({"a": 2, "b": 2})
    with raises("voting.ballot.negative", -1):
        box.add({"c": 2, "a": -1})
    with raises("voting.unknown_option"):
        box.add({"c": 1, "x": 1})
    assert box.cast == 1
    assert box.result().tallies == {"a": 1, "b": 0, "c": 0, "d": 0, "e": 0}


def test_approval_ballots():
    box = Ballot(approval(OPTS, select=1))
    box.add(["a", "c"])
    box.add(("c",))
    box.add([])
    with raises("voting.ballot.twice") as info:
        box.add(["b", "b"])
    assert "Quiet hours" in info.value.message("fi")
    with raises("voting.unknown_option"):
        box.add(["q"])
    with pytest.raises(TypeError):
        box.add("a")
    r = box.result()
    assert r.voters == 3 and r.tallies["a"] == 1 and r.tallies["c"] == 2 and r.winners == ("c",)


def test_fist_ballots():
    box = Ballot(fist_to_five("Phones away", threshold=2))
    for value in (3, 5, 2):
        box.add(value)
    with raises("voting.ballot.fist", 6):
        box.add(6)
    with pytest.raises(TypeError):
        box.add(True)
    r = box.result()
    assert r.tallies == {"0": 0, "1": 0, "2": 1, "3": 1, "4": 0, "5": 1} and r.accepted is True


def test_ballot_box_waits_for_everyone_and_then_closes():
    box = Ballot(approval(OPTS), voters=2)
    box.add(["a"])
    with raises("voting.ballot.incomplete", 1, 2):
        box.result()
    box.add(["b"])
    with raises("voting.ballot.full", 2):
        box.add(["c"])
    assert box.result().voters == 2
    with raises("voting.ballot.closed"):
        box.add(["c"])
    assert box.result().tallies["a"] == 1  # asking again gives the same count


def test_zero_voters_with_ballots():
    assert Ballot(fist_to_five("x"), voters=0).result().accepted is False
    r = Ballot(dots(OPTS, select=2, policy=Policy.DISCUSS)).result()
    assert r.voters == 0 and r.winners == () and r.tie.options == tuple(OPTS)


def test_ballots_cannot_be_read_back():
    box = Ballot(dots(OPTS, budget=3))
    box.add({"a": 3})
    assert not hasattr(box, "__dict__")
    assert set(Ballot.__slots__) == {"_spec", "_expected", "_totals", "_cast", "_closed"}
    assert not [v for v in (getattr(box, s) for s in Ballot.__slots__) if isinstance(v, (list, tuple))]
    assert repr(box) == "<Ballot dots: 1 cast>"
    for leak in (copy.copy, copy.deepcopy, pickle.dumps):
        with pytest.raises(TypeError):
            leak(box)
    assert not any(name for name in dir(box) if "tall" in name or "ballots" in name)


# -- the record ---------------------------------------------------------------------------


def test_to_record_dots():
    r = count_tallies(dots(OPTS, budget=3, select=2, policy=Policy.KEEP_ALL), 7, TIED)
    vote = r.to_record(subject="Rules to keep")
    assert isinstance(vote, Vote)
    assert vote.method is VoteMethod.DOTS and vote.subject == "Rules to keep" and vote.secret is False
    assert (vote.voters, vote.budget, vote.cap, vote.select, vote.threshold) == (7, 3, 3, 2, None)
    assert vote.options == OPTS and vote.tallies == TIED
    assert vote.ranking == ["a", "b", "c", "d", "e"] and vote.winners == ["a", "b", "c", "d"]
    assert vote.tie == Tie(options=["b", "c", "d"], policy=TiePolicy.KEEP_ALL, chosen=["b", "c", "d"])
    assert Vote.model_validate(vote.model_dump()) == vote


def test_to_record_fist_and_secret():
    box = Ballot(fist_to_five("Phones away", threshold=2, option_id="r3"))
    box.add(4)
    vote = box.result().to_record()
    assert vote.method is VoteMethod.FIST and vote.secret is True and vote.threshold == 2
    assert vote.options == {"r3": "Phones away"} and vote.accepted is True and vote.winners == ["r3"]
    assert vote.tallies["4"] == 1 and vote.budget is None and vote.tie is None


def test_to_record_with_an_open_tie():
    r = count_tallies(approval(OPTS, select=1, policy=Policy.RUNOFF), 2, {"a": 1, "b": 1})
    vote = r.to_record()
    assert vote.winners == [] and vote.tie.chosen == [] and vote.tie.policy is TiePolicy.RUNOFF


def test_import_is_cheap_and_pure():
    code = "import sys, dialogi.voting; print(sorted({'pydantic', 'rich', 'questionary'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    source = Path(voting.__file__).read_text()
    for banned in ("import rich", "questionary", "open(", "print(", "input("):
        assert banned not in source


# -- messages -----------------------------------------------------------------------------


def _flatten(node: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for key, value in node.items():
        path = f"{prefix}{key}"
        out.update(_flatten(value, path + ".") if isinstance(value, dict) else {path: value})
    return out


def test_messages_match_in_both_languages():
    en, fi = (_flatten(tomllib.loads((CONTENT / lang / "voting.toml").read_text())) for lang in ("en", "fi"))
    assert en.keys() == fi.keys()

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key in en:
        assert fields(en[key]) == fields(fi[key]), key
    used = set(re.findall(r'"voting\.([a-z_.]+)"', Path(voting.__file__).read_text()))
    used |= {f"tie.{p.value}" for p in (Policy.RUNOFF, Policy.DISCUSS)}
    assert used <= en.keys(), used - en.keys()


# -- properties ---------------------------------------------------------------------------


def _ballot(picks: list[str], cap: int) -> dict[str, int]:
    """One voter's dots: one per pick, an option's dots stopping at the cap."""
    ballot: dict[str, int] = {}
    for option in picks:
        ballot[option] = min(cap, ballot.get(option, 0) + 1)
    return ballot


@st.composite
def dot_votes(draw):
    n = draw(st.integers(0, 8))
    options = {f"o{i}": f"Option {i}" for i in range(n)}
    budget = draw(st.integers(1, 5))
    cap = draw(st.integers(1, budget))
    select = draw(st.none() | st.integers(0, n + 1))
    policy = draw(st.sampled_from(list(Policy)))
    picks = st.lists(st.sampled_from(list(options)), max_size=budget) if n else st.just([])
    ballots = draw(st.lists(picks.map(lambda p: _ballot(p, cap)), max_size=12))
    return dots(options, budget=budget, cap=cap, select=select, policy=policy), ballots


@settings(max_examples=300, deadline=None)
@given(dot_votes())
def test_dot_ballots_property(vote):
    spec, ballots = vote
    box = Ballot(spec, voters=len(ballots))
    for b in ballots:
        box.add(b)
    r = box.result()
    assert r.voters == len(ballots)
    for option in spec.options:
        assert r.tallies[option] == sum(b.get(option, 0) for b in ballots)
    assert sum(r.tallies.values()) <= len(ballots) * spec.budget
    assert sorted(r.ranking) == sorted(spec.options)
    scores = [r.tallies[o] for o in r.ranking]
    assert scores == sorted(scores, reverse=True)
    order = list(spec.options)
    for x, y in zip(r.ranking, r.ranking[1:]):
        assert r.tallies[x] > r.tallies[y] or order.index(x) < order.index(y)
    # typed tallies of the same vote count the same
    typed = count_tallies(spec, len(ballots), r.tallies)
    assert (typed.ranking, typed.winners, typed.tie) == (r.ranking, r.winners, r.tie)

    n, k = len(spec.options), spec.select
    if k is None:
        assert r.winners == () and r.tie is None
        return
    assert set(r.winners) <= set(spec.options) and len(set(r.winners)) == len(r.winners)
    if r.tie is None:
        assert r.winners == r.ranking[: min(k, n)]
        return
    tie = r.tie
    assert 0 < k < n and len(tie.options) > tie.seats >= 1
    assert len({r.tallies[o] for o in tie.options}) == 1
    assert all(r.tallies[w] > r.tallies[tie.options[0]] for w in r.winners if w not in tie.options)
    if spec.policy is Policy.KEEP_ALL:
        assert len(r.winners) > k and r.awaiting is None
    else:
        assert len(r.winners) == k - tie.seats and r.awaiting is spec.policy
        if spec.policy is Policy.RUNOFF:
            done = resolve_runoff(r, {tie.options[-1]: 1})
            assert done.winners[-1] == tie.options[-1]
            if tie.seats == 1:
                assert len(done.winners) == k and done.awaiting is None
        else:
            done = resolve_discussion(r, tie.options[: tie.seats], "agreed")
            assert len(done.winners) == k
    r.to_record()  # always a valid record
