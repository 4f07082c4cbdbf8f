"""The language review's points that content alone could not fix (docs/language-review.md):
labels joined to a colon, the rating example and counts, wrapped card titles, dates in ``list``,
numbered own themes, an empty number, the count column of a vote, per cent and percentage points,
and the not-agreed summary that counts its proposals."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from dialogi import i18n
from dialogi.cli import run_cli
from dialogi.engine.parsing import example_counts, parse_counts
from dialogi.engine.session import Session
from dialogi.prompts import ScriptedAsker, _check_int, numbered
from dialogi.record import store
from dialogi.record.models import Vote, VoteMethod, Workshop
from dialogi.render.text import as_label, format_change, vote_block, with_unit

EXAMPLES = Path(__file__).resolve().parent.parent / "workshops"


def flat(text: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


# -- a sentence before a colon; quoted texts joined -----------------------------------------


def test_a_sentence_used_as_a_label_loses_its_full_stop():
    assert as_label("1. Dialogi on vuoropuhelua, jossa saa esittää myös vastaväitteitä.") == \
        "1. Dialogi on vuoropuhelua, jossa saa esittää myös vastaväitteitä"
    assert as_label("3. Pelkkä mahdollisuus ei riitä. ★") == "3. Pelkkä mahdollisuus ei riitä ★"
    assert as_label("Miten onnistuimme?") == "Miten onnistuimme?" and as_label("esim. 5") == "esim. 5"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_exports_have_no_full_stop_before_a_colon_or_a_comma_after_one(path, capsys):
    for fmt in ("md",):
        assert run_cli(["export", str(path), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert not re.search(r"\.:|\.\*\*:|[.?!], [”“]|[a-zåäö]\., [A-ZÅÄÖ]", out), re.findall(r".{30}(?:\.:|\., ).{20}", out)


class Typed(ScriptedAsker):
    """A facilitator at the keyboard: typed answers in turn, every question and message kept."""

    def __init__(self, typed: list[str]):
        super().__init__({}, "answers.toml")
        self.typed, self.questions = typed, []

    def interactive(self) -> bool:
        return True

    def text(self, key: str, message: str, default: str = "") -> str:
        self.questions.append(message)
        return self.typed.pop(0)


def rating_session(tmp_path: Path, participants: int, typed: list[str]) -> tuple[Session, Typed]:
    from dialogi.methods.principles import REFLECTION, items

    w = Workshop(title="Periaatteet", date=dt.date(2026, 11, 23), language="fi", participant_count=participants)
    asker = Typed(typed)
    session = Session(tmp_path / "w.toml", w, asker, Console(file=io.StringIO(), width=100))
    REFLECTION.steps[0]._counts(session, items(session)[0])
    return session, asker


def test_the_rating_question_names_the_principle_without_a_stray_full_stop_and_fits_the_group(tmp_path):
    session, asker = rating_session(tmp_path, 3, ["0 0 1 2 0"])
    (question,) = asker.questions
    assert question.startswith("1. Dialogi on vuoropuhelua, jossa saa esittää myös vastaväitteitä: kuinka moni")
    assert "esim. 0 0 1 2 0)" in question  # three people: an example of three ratings, not of ten
    assert session.workshop.principles.ratings[0].counts == [0, 0, 1, 2, 0]


def test_too_many_ratings_says_how_many_were_typed(tmp_path):
    session, asker = rating_session(tmp_path, 6, ["3 3 3 1 0", "0 1 2 2 1"])
    assert "Arvioita on yhteensä 10, mutta osallistujia on 6." in session.console.file.getvalue()
    assert "esim. 0 1 2 2 1)" in asker.questions[0]


@pytest.mark.parametrize("participants", [0, 1, 2, 3, 5, 6, 7, 12, 25])
def test_the_rating_example_is_five_counts_the_group_could_give(participants):
    example = example_counts(participants)
    counts, problem = parse_counts(example, participants)
    assert problem == "" and len(counts) == 5
    assert sum(counts) <= (participants or 6) and sum(counts) >= min(participants or 6, 6)


# -- cards, lists and prompts ---------------------------------------------------------------


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("width", [80, 60])
def test_principle_card_titles_wrap_instead_of_being_cut(lang, width):
    from dialogi.render.cards import principle_card

    data = i18n.content("principles", lang)
    for item in data["items"]:
        console = Console(file=io.StringIO(), width=width)
        console.print(principle_card(item, lang, len(data["items"])))
        shown = console.file.getvalue()
        assert item["title"] in flat(shown), (width, item["number"])
        assert max(len(line) for line in shown.splitlines()) <= width


def test_list_shows_dates_in_the_language_of_the_ui(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    assert run_cli(["new", "--title", "Ward", "--date", "2026-11-23", "--language", "en", "--dir", str(tmp_path)]) == 0
    assert run_cli(["--lang", "fi", "list", str(tmp_path)]) == 0
    shown = capsys.readouterr().out
    assert "23.11.2026" in shown
    assert run_cli(["--lang", "en", "list", str(tmp_path)]) == 0
    assert "23.11.2026" not in capsys.readouterr().out


def test_an_own_theme_is_asked_by_its_number_and_other_lines_keep_theirs():
    assert numbered(i18n.t("rules_ui.own_themes", "fi"), 1) == "Oma teema 1"
    assert numbered(i18n.t("rules_ui.own_themes", "en"), 2) == "Own theme 2"
    assert numbered("Ehdotukset", 3) == "Ehdotukset (3)"


def test_an_empty_number_asks_for_a_number_instead_of_quoting_nothing():
    i18n.set_language("fi")
    assert _check_int("", 0, None) == "Kirjoita kokonaisluku."
    assert _check_int("x", 0, None) == "”x” ei ole kokonaisluku."
    i18n.set_language("en")
    assert _check_int("  ", 0, None) == "Type a whole number."


# -- votes, figures and the rules' summary ----------------------------------------------------


@pytest.mark.parametrize("method, fi, en", [
    (VoteMethod.DOTS, "Pisteitä", "Dots"), (VoteMethod.APPROVAL, "Kannatuksia", "Approvals"), (VoteMethod.FIST, "Ääniä", "Votes"),
])
def test_the_count_column_of_a_vote_says_what_was_counted(method, fi, en):
    vote = Vote(method=method, options={"a": "A", "b": "B"}, tallies={"a": 1, "b": 0}, voters=1, date=dt.date(2026, 11, 23))
    assert vote_block(vote, 1, "fi").columns[1] == fi and vote_block(vote, 1, "en").columns[1] == en


def test_a_per_cent_figure_is_written_as_each_language_writes_it_and_changes_by_points():
    assert with_unit(5.8, "%", "en") == "5.8%" and with_unit(5.8, "%", "fi") == "5,8 %"
    assert with_unit(20, "h", "en") == "20 h"
    assert format_change(5.8, 4.9, "en", "%") == "+0.9 pp" and format_change(4.4, 4.9, "fi", "%") == "−0,5 %-yks."
    assert format_change(5.8, 4.9, "en", "h") == "+0.9"


def test_the_summary_counts_the_proposals_not_agreed_in_a_sentence(tmp_path):
    from test_rules_method import answers, new_file, run_with

    path = new_file(tmp_path)
    run_with(path, ScriptedAsker(answers(rules__consent={"p1": {"counts": "0 1 0 2 2 0"}, "p5": {"counts": "0 0 0 2 2 1"}})))
    w = store.load(path)
    assert [r.from_proposal for r in w.rules.agreed if r.not_agreed] == ["p1"]
    from dialogi.methods.rules import summary

    console = Console(file=io.StringIO(), width=100)
    console.print(summary(Session(path, w, ScriptedAsker({}), console)))
    assert "Nyrkistä viiteen -kierroksella hyväksymättä jäi yksi ehdotus." in flat(console.file.getvalue())


def test_an_empty_answer_asks_for_the_numbers_instead_of_quoting_nothing(tmp_path):
    from dialogi.engine.parsing import parse_average
    from dialogi.engine.vote_step import parse_fist_counts

    session, _ = rating_session(tmp_path, 6, ["", "0 1 2 2 1"])
    shown = session.console.file.getvalue()
    assert "Kirjoita viisi lukua: kuinka moni antoi 1, 2, 3, 4 ja 5, esimerkiksi: 0 1 2 2 1" in shown
    assert "””" not in shown
    assert parse_average("  ")[1] == "steps.no_average" and parse_fist_counts("")[1] == "vote.no_fist_counts_typed"
    for key in ("steps.no_average", "vote.no_fist_counts_typed"):
        assert "””" not in i18n.t(key, "fi") and "“”" not in i18n.t(key, "en")
