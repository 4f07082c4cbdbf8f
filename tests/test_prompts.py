"""The questionary asker wired to prompt_toolkit pipe input, and the scripted asker's checks."""

from __future__ import annotations

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from dialogi import i18n
from dialogi.errors import BadAnswers
from dialogi.prompts import Choice, ScriptedAsker, TerminalAsker, flatten

ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
CTRL_C = "\x03"


@pytest.fixture
def terminal():
    with create_pipe_input() as pipe:
        yield pipe, TerminalAsker(input=pipe, output=DummyOutput())


def test_text_takes_the_typed_line(terminal):
    pipe, asker = terminal
    pipe.send_text("  Kysytään hiljaisemmilta  " + ENTER)
    assert asker.text("k", "Remark?") == "Kysytään hiljaisemmilta"


def test_text_keeps_the_default_on_enter(terminal):
    pipe, asker = terminal
    pipe.send_text(ENTER)
    assert asker.text("k", "Remark?", "earlier answer") == "earlier answer"


def test_select_moves_with_arrows(terminal):
    pipe, asker = terminal
    pipe.send_text(DOWN + ENTER)
    assert asker.select("k", "Which?", [Choice("a", "A"), Choice("b", "B")]) == "b"


def test_confirm_in_finnish_is_a_choice_of_kylla_and_ei(terminal):
    pipe, asker = terminal
    i18n.set_language("fi")
    labels = [c.label for c in __import__("dialogi.prompts", fromlist=["yes_no"]).yes_no()]
    assert labels == ["Kyllä", "Ei"]
    pipe.send_text(DOWN + ENTER)
    assert asker.confirm("k", "Sovitaanko?", True) is False
    pipe.send_text(ENTER)
    assert asker.confirm("k", "Sovitaanko?", True) is True


def test_checkbox_picks_with_space(terminal):
    pipe, asker = terminal
    pipe.send_text(SPACE + DOWN + DOWN + SPACE + ENTER)
    choices = [Choice("1", "one"), Choice("2", "two"), Choice("3", "three")]
    assert asker.checkbox("k", "Which?", choices) == ["1", "3"]


def test_integer_refuses_text_until_a_number_in_range(terminal):
    pipe, asker = terminal
    pipe.send_text("kahdeksan" + ENTER + "\x7f" * 9 + "99" + ENTER + "\x7f\x7f" + "8" + ENTER)
    assert asker.integer("k", "How many?", minimum=1, maximum=40) == 8


def test_lines_until_an_empty_line(terminal):
    pipe, asker = terminal
    pipe.send_text("Vastaamme viesteihin" + ENTER + "Tervehdimme" + ENTER + ENTER)
    assert list(asker.lines("k", "Proposals")) == ["Vastaamme viesteihin", "Tervehdimme"]


def test_ctrl_c_raises_keyboard_interrupt(terminal):
    pipe, asker = terminal
    pipe.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        asker.text("k", "Remark?")


def test_scripted_keys_come_from_nested_tables():
    answers = flatten({"principles": {"agree": True, "remark": {"3": "x"}}})
    assert answers == {"principles.agree": True, "principles.remark.3": "x"}


def test_scripted_missing_answer_without_default_names_the_key():
    asker = ScriptedAsker({}, "answers.toml")
    with pytest.raises(BadAnswers) as caught:
        asker.select("agenda", "What next?", [Choice("a", "A")])
    assert "agenda" in caught.value.message("en") and "answers.toml" in caught.value.message("fi")


@pytest.mark.parametrize(
    "method, args, answer",
    [
        ("confirm", ("k", "q"), "perhaps"),
        ("select", ("k", "q", [Choice("a", "A")]), "b"),
        ("integer", ("k", "q"), "many"),
        ("checkbox", ("k", "q", [Choice("a", "A")]), ["z"]),
        ("text", ("k", "q"), {"a": 1}),
    ],
)
def test_scripted_wrong_answers_are_refused_clearly(method, args, answer):
    asker = ScriptedAsker({"k": answer}, "answers.toml")
    with pytest.raises(BadAnswers) as caught:
        getattr(asker, method)(*args)
    assert "“k”" in caught.value.message("en")


def test_scripted_once_answers_only_the_first_time():
    asker = ScriptedAsker({"nav": "back"})
    choices = [Choice("start", "Start"), Choice("back", "Back")]
    assert asker.select("nav", "?", choices, "start", once=True) == "back"
    assert asker.select("nav", "?", choices, "start", once=True) == "start"


def test_scripted_lines_skip_what_is_already_saved():
    asker = ScriptedAsker({"k": ["a", "b", "c"]})
    assert list(asker.lines("k", "?", skip=2)) == ["c"]
