"""The room's rounds without a server: one answer per device, changes, refusals, results at the close."""

from __future__ import annotations

import random

import pytest

from dialogi import voting
from dialogi.ui.group import RatingResult
from dialogi.ui.room import rounds
from dialogi.ui.room.rounds import Limits, Refused, Round

OPTIONS = {"p1": "Vastaamme viesteihin samana päivänä", "p2": "Tauot pidetään", "p3": "Kiitämme toisiamme"}


def dots_round(budget: int = 3, cap: int = 2) -> Round:
    return Round(rounds.ballot(voting.dots(OPTIONS, budget=budget, cap=cap), "Mitkä kolme?"))


def test_a_dot_ballot_counts_like_the_laptops_ballot_box():
    rnd = dots_round()
    ballots = [{"dots.p1": ["2"], "dots.p2": ["1"]}, {"dots.p3": ["2"], "dots.p1": ["0"]}, {"dots.p2": ["1"], "dots.p3": ["1"], "dots.p1": ["1"]}]
    for n, fields in enumerate(ballots):
        rnd.answer(f"device{n}", None, fields)
    assert rnd.answered == 3
    result = rnd.close()
    box = voting.Ballot(voting.dots(OPTIONS, budget=3, cap=2))
    for choice in ({"p1": 2, "p2": 1}, {"p3": 2}, {"p1": 1, "p2": 1, "p3": 1}):
        box.add(choice)
    assert result == box.result()
    vote = result.to_record(subject="Mitkä kolme?")
    assert (vote.secret, vote.voters, vote.tallies, vote.ranking) == (True, 3, {"p1": 3, "p2": 2, "p3": 3}, ["p1", "p3", "p2"])


def test_a_second_answer_from_the_same_device_is_refused_and_a_change_replaces_the_first():
    rnd = dots_round()
    receipt = rnd.answer("phone", None, {"dots.p1": ["2"]})
    with pytest.raises(Refused) as refused:
        rnd.answer("phone", None, {"dots.p2": ["2"]})
    assert (refused.value.key, refused.value.status) == ("room.refused.already", 409)
    with pytest.raises(Refused):
        rnd.answer("phone", "a-receipt-it-never-got", {"dots.p2": ["2"]})
    assert rnd.own(receipt) == {"p1": 2}
    assert rnd.answer("phone", receipt, {"dots.p2": ["1"], "dots.p3": ["1"]}) == receipt
    assert rnd.own(receipt) == {"p2": 1, "p3": 1}
    assert rnd.answered == 1
    assert rnd.close().tallies == {"p1": 0, "p2": 1, "p3": 1}


def test_a_receipt_from_a_device_that_has_not_answered_changes_nothing_of_anothers():
    rnd = dots_round()
    theirs = rnd.answer("them", None, {"dots.p1": ["2"]})
    mine = rnd.answer("stranger", theirs, {"dots.p3": ["2"]})  # its own first ballot, not a change
    assert mine != theirs
    assert rnd.own(theirs) == {"p1": 2}
    assert rnd.close().tallies == {"p1": 2, "p2": 0, "p3": 2}


def test_who_answered_and_what_was_answered_share_no_key():
    rnd = dots_round()
    receipts = [rnd.answer(f"device-{n}", None, {"dots.p1": ["1"]}) for n in range(3)]
    who, what = rnd._answered, rnd._answers
    assert who == {"device-0", "device-1", "device-2"}
    assert set(what) == set(receipts)
    assert not who & set(what)
    assert not any(device in receipt or receipt in device for device in who for receipt in what)


def test_the_close_drops_everything_per_phone_and_refuses_later_answers():
    rnd = dots_round()
    receipt = rnd.answer("phone", None, {"dots.p1": ["1"]})
    rnd.close()
    assert (rnd._answered, rnd._answers) == (set(), {})
    assert rnd.own(receipt) is None
    with pytest.raises(Refused) as refused:
        rnd.answer("late", None, {"dots.p1": ["1"]})
    assert refused.value.key == "room.refused.closed"
    with pytest.raises(Exception):
        rnd.close()


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"dots.p1": ["3"]}, "room.refused.number"),  # over the cap of 2
        ({"dots.p1": ["2"], "dots.p2": ["2"]}, "voting.ballot.budget"),  # 4 > 3 dots
        ({"dots.p1": ["-1"]}, "room.refused.number"),
        ({"dots.p1": ["1.5"]}, "room.refused.number"),
        ({"dots.p1": ["٣"]}, "room.refused.number"),  # an Arabic-Indic three is no number here
        ({"dots.p9": ["1"]}, "room.refused.malformed"),  # no such option
        ({"dots.p1": ["1", "1"]}, "room.refused.malformed"),  # the same field twice
    ],
)
def test_invalid_dot_ballots_are_refused_with_a_reason(fields, key):
    rnd = dots_round()
    with pytest.raises(Refused) as refused:
        rnd.answer("phone", None, fields)
    assert refused.value.key == key
    assert refused.value.message("fi") and refused.value.message("en")
    assert rnd.answered == 0


def test_approval_and_fist_to_five():
    approval = Round(rounds.ballot(voting.approval(OPTIONS)))
    approval.answer("a", None, {"approve": ["p1", "p3"]})
    approval.answer("b", None, {"approve": ["p3"]})
    approval.answer("c", None, {})  # approves nothing: a valid ballot
    with pytest.raises(Refused):
        approval.answer("d", None, {"approve": ["p1", "p1"]})
    result = approval.close()
    assert (result.voters, result.tallies) == (3, {"p1": 1, "p2": 0, "p3": 2})

    fist = Round(rounds.ballot(voting.fist_to_five("Tauot pidetään", option_id="r4", threshold=3)))
    assert fist.question.prompt == "Tauot pidetään"
    for n, level in enumerate("54335"):
        fist.answer(f"phone{n}", None, {"level": [level]})
    for bad in ({"level": ["6"]}, {"level": [""]}, {}):
        with pytest.raises(Refused):
            fist.answer("phone9", None, bad)
    result = fist.close()
    assert result.tallies == {"0": 0, "1": 0, "2": 0, "3": 2, "4": 1, "5": 2}
    assert result.accepted is True and result.winners == ("r4",)


def test_ratings_count_per_item_on_the_1_to_5_scale_and_items_may_be_left_out():
    items = {"1": "Dialogi perustuu vuorovaikutukseen", "2": "Kaikkien on osallistuttava", "3": "Kaikki ovat tasavertaisia"}
    rnd = Round(rounds.ratings("Miten onnistuimme?", items))
    rnd.answer("a", None, {"rate.1": ["5"], "rate.2": ["4"], "rate.3": ["4"]})
    rnd.answer("b", None, {"rate.1": ["3"], "rate.2": [""], "rate.3": ["4"]})
    for bad in ({"rate.1": ["0"]}, {"rate.9": ["3"]}, {"rate.1": [""]}, {}):
        with pytest.raises(Refused):
            rnd.answer("c", None, bad)
    assert rnd.close() == RatingResult(2, {"1": [0, 0, 1, 0, 1], "2": [0, 0, 0, 1, 0], "3": [0, 0, 0, 2, 0]})


def test_proposals_are_seen_as_they_come_and_cleaned():
    rnd = Round(rounds.proposals("Mitä pelisääntöjä tarvitsemme?"), Limits(lines=3, line_chars=40))
    first = rnd.answer("a", None, {"text": ["Vastaamme viesteihin\r\n\n  Pidämme   tauot \x1b[31mpunaisella\x1b[0m"]})
    assert rnd.lines() == ["Vastaamme viesteihin", "Pidämme tauot punaisella"]
    rnd.answer("b", None, {"text": ["<script>alert(1)</script>"]})
    assert rnd.lines()[-1] == "<script>alert(1)</script>"  # plain text; every output escapes it
    rnd.answer("a", first, {"text": ["Vastaamme viesteihin samana päivänä"]})  # a change keeps its place
    assert rnd.lines() == ["Vastaamme viesteihin samana päivänä", "<script>alert(1)</script>"]
    for bad, key in (({"text": ["a\nb\nc\nd"]}, "room.refused.too_many_lines"), ({"text": ["x" * 41]}, "room.refused.line_too_long"), ({"text": [" \n "]}, "room.refused.empty")):
        with pytest.raises(Refused) as refused:
            rnd.answer("c", None, bad)
        assert refused.value.key == key
    assert rnd.close() == ["Vastaamme viesteihin samana päivänä", "<script>alert(1)</script>"]


def test_secret_rounds_cannot_be_read_before_the_close():
    for rnd in (dots_round(), Round(rounds.answers("Mitä opimme?")), Round(rounds.ratings("?", {"1": "x"}))):
        with pytest.raises(TypeError):
            rnd.lines()


def test_free_text_answers_come_back_shuffled():
    rnd = Round(rounds.answers("Mitä opimme tänään?"), Limits(answer_chars=20))
    texts = [f"vastaus {n}" for n in range(10)]
    for n, text in enumerate(texts):
        rnd.answer(f"phone{n}", None, {"text": [text]})
    with pytest.raises(Refused) as refused:
        rnd.answer("long", None, {"text": ["x" * 21]})
    assert refused.value.key == "room.refused.too_long"
    got = rnd.close(random.Random(4))
    assert sorted(got) == sorted(texts) and got != texts


def test_too_many_fields_are_refused():
    with pytest.raises(Refused) as refused:
        dots_round().answer("phone", None, {f"dots.x{n}": ["0"] for n in range(101)})
    assert refused.value.key == "room.refused.malformed"
