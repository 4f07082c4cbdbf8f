"""A rule has the same number in every output: the run's summary, ``show``, the Markdown export,
the poster (Markdown, text, HTML), the review's card and ``diff``.

The numbers run by theme (the workshop's theme order, rules without a theme last), as on the
poster. The rules here were agreed in another order, so numbering them as stored would differ.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from rich.console import Console

from dialogi.engine.session import Session
from dialogi.followup.history import rule_numbers
from dialogi.followup.rules_review import rule_card
from dialogi.followup.steps import ReviewSession
from dialogi.methods.rules import summary
from dialogi.prompts import ScriptedAsker
from dialogi.record import store
from dialogi.record.models import Review, Rule, Vote, Workshop
from dialogi.render.html import poster_html
from dialogi.render.poster import poster_markdown, poster_text

DAY = dt.date(2026, 11, 23)
TEXTS = {
    "r1": "We greet each other in the morning.",  # encounter
    "r2": "We answer the team phone in turns.",  # information
    "r3": "We take our breaks.",  # no theme
    "r4": "We read the messages at the start of the shift.",  # information
}
NUMBERS = {"r2": 1, "r4": 2, "r1": 3, "r3": 4}


def workshop() -> Workshop:
    w = Workshop(title="Ward 4", date=DAY, language="en", participant_count=6)
    w.rules.themes = ["information", "encounter"]
    themes = {"r1": "encounter", "r2": "information", "r3": "", "r4": "information"}
    w.rules.agreed = [Rule(id=i, text=text, theme=themes[i]) for i, text in TEXTS.items()]
    w.rules.agreed += [
        Rule(id="r5", text="We tidy the coffee room.", dropped=dt.date(2027, 2, 1)),
        Rule(id="r6", text="We never shout.", not_agreed=DAY,
             consent=Vote(method="fist_to_five", accepted=False, threshold=3, options={"r6": "We never shout."})),
    ]
    return w


def numbered_in(text: str, number: int, rule: str) -> bool:
    """``number`` stands right before the rule's text (allowing markup and line breaks between)."""
    flat = " ".join(re.sub(r"<[^>]+>|[*│]", " ", text).split())
    return re.search(rf"\b{number}\.?\s+{re.escape(TEXTS[rule])}", flat) is not None


def test_one_numbering_for_the_rules_in_force():
    assert rule_numbers(workshop()) == NUMBERS  # the dropped and the not agreed have none


def test_the_same_number_in_every_output(tmp_path, cli):
    w = workshop()
    path = tmp_path / "w.toml"
    store.save(path, w)
    console = Console(file=io.StringIO(), width=120)
    console.print(summary(Session(path, w, ScriptedAsker({}), console)))
    outputs = {
        "run": console.file.getvalue(),
        "show": cli("show", str(path)).stdout,
        "export": cli("export", str(path), "--format", "md").stdout,
        "poster md": poster_markdown(w),
        "poster txt": poster_text(w),
    }
    for name, text in outputs.items():
        for rule, number in NUMBERS.items():
            if name == "run":  # a table: the number in its own column, on the rule's row
                row = next(line for line in text.splitlines() if TEXTS[rule][:18] in line)  # (the cell wraps)
                assert re.match(rf"\W*{number}\W", row), (name, rule, row)
            else:
                assert numbered_in(text, number, rule), (name, rule)
    html = poster_html(w)
    for rule, number in NUMBERS.items():
        item = html[: html.index(TEXTS[rule])].rsplit('<li class="rule">', 1)[1]
        assert f'<span class="rule-num" aria-hidden="true">{number}</span>' in item


def test_the_review_card_and_diff_use_the_same_numbers(tmp_path, cli):
    w = workshop()
    w.reviews = [Review(date=dt.date(2027, 3, 1), kind="rules")]
    path = tmp_path / "w.toml"
    store.save(path, w)
    console = Console(file=io.StringIO(), width=120)
    session = ReviewSession(path, w, ScriptedAsker({}), console)
    for rule in w.active_rules():
        console.print(rule_card(session, rule, len(w.active_rules())))
    shown = console.file.getvalue()
    for rule, number in NUMBERS.items():
        card = shown[: shown.index(TEXTS[rule])].rsplit("╭", 1)[1]
        assert f"Agreement {number}/4" in card, (rule, card)

    w = store.load(path)
    w.rules.agreed[1].text = "We answer the team phone in turns, all day."  # r2 reworded: still number 1
    w.rules.agreed[1].history = [dict(date=DAY, text=TEXTS["r2"]), dict(date=dt.date(2027, 3, 1), text=w.rules.agreed[1].text)]
    store.save(path, w)
    out = " ".join(cli("diff", str(path), "--format", "md").stdout.split())
    assert f"| 1. {TEXTS['r2']} | 1. We answer the team phone in turns, all day. |" in out
