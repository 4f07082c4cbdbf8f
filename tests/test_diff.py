"""dialogi diff: the rules between two workshop files, and between two dates in one file."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console

from dialogi.errors import UsageError
from dialogi.followup.diff import compare, diff_files, match, similarity, trend
from dialogi.followup.history import RuleState, rules_on, text_before, text_on
from dialogi.record.models import Compliance, Review, RuleDecision, RuleReview, RuleVersion
from followup_workshops import WORKSHOP_DAY, workshop, write

FIRST_REVIEW = dt.date(2027, 3, 1)
SECOND_REVIEW = dt.date(2027, 6, 1)


def reviewed():
    """The Finnish rules after two reviews: r1 reworded twice, r3 dropped, r4 added, ratings changed."""
    w = workshop()
    r1, r2, r3 = w.rules.agreed
    r1.history = [
        RuleVersion(date=WORKSHOP_DAY, text="Vastaamme työviesteihin saman päivän aikana."),
        RuleVersion(date=FIRST_REVIEW, text="Vastaamme työviesteihin saman työvuoron aikana."),
        RuleVersion(date=SECOND_REVIEW, text="Vastaamme viesteihin työvuoron aikana."),
    ]
    r1.text = "Vastaamme viesteihin työvuoron aikana."
    r3.dropped = FIRST_REVIEW
    from dialogi.record.models import Rule

    w.rules.agreed.append(Rule(id="r4", text="Kiitämme toisiamme avusta.", history=[RuleVersion(date=FIRST_REVIEW, text="Kiitämme toisiamme avusta.")]))
    w.reviews = [
        Review(date=FIRST_REVIEW, kind="rules", added_rules=["r4"], rules=[
            RuleReview(rule="r1", compliance=Compliance.PARTLY, decision=RuleDecision.REWORD, new_text=r1.history[1].text),
            RuleReview(rule="r2", compliance=Compliance.FOLLOWED),
            RuleReview(rule="r3", compliance=Compliance.NOT_FOLLOWED, decision=RuleDecision.DROP),
        ]),
        Review(date=SECOND_REVIEW, kind="rules", rules=[
            RuleReview(rule="r1", compliance=Compliance.FOLLOWED, decision=RuleDecision.REWORD, new_text=r1.text),
            RuleReview(rule="r2", compliance=Compliance.PARTLY),
            RuleReview(rule="r4", compliance=Compliance.FOLLOWED),
        ]),
    ]
    return w


# -- the history ----------------------------------------------------------------------------


def test_the_rules_as_they_stood_at_each_date():
    w = reviewed()
    r1 = w.rules.agreed[0]
    assert text_on(r1, WORKSHOP_DAY) == "Vastaamme työviesteihin saman päivän aikana."
    assert text_on(r1, dt.date(2027, 2, 28)) == "Vastaamme työviesteihin saman päivän aikana."
    assert text_on(r1, FIRST_REVIEW) == "Vastaamme työviesteihin saman työvuoron aikana."  # after that day's review
    assert text_before(r1, FIRST_REVIEW) == "Vastaamme työviesteihin saman päivän aikana."
    assert text_before(r1, SECOND_REVIEW) == "Vastaamme työviesteihin saman työvuoron aikana."

    at_start = rules_on(w, WORKSHOP_DAY)
    assert [(r.id, r.compliance) for r in at_start] == [("r1", None), ("r2", None), ("r3", None)]
    after_first = rules_on(w, FIRST_REVIEW)
    assert [(r.id, r.compliance) for r in after_first] == [("r1", Compliance.PARTLY), ("r2", Compliance.FOLLOWED), ("r4", None)]
    now = rules_on(w)
    assert [(r.id, r.text, r.compliance) for r in now] == [
        ("r1", "Vastaamme viesteihin työvuoron aikana.", Compliance.FOLLOWED),
        ("r2", "Annamme lääkkeenjakajalle työrauhan.", Compliance.PARTLY),
        ("r4", "Kiitämme toisiamme avusta.", Compliance.FOLLOWED),
    ]
    assert rules_on(w, dt.date(2026, 1, 1)) == []  # before anything was agreed


def test_an_unfinished_review_does_not_count_as_a_rating():
    from dialogi.record.models import ReviewProgress

    w = reviewed()
    w.reviews[1].progress = ReviewProgress(step=0, position=2)
    assert [r.compliance for r in rules_on(w)] == [Compliance.PARTLY, Compliance.FOLLOWED, None]


# -- matching and comparing -----------------------------------------------------------------


def state(id: str, text: str, compliance: Compliance | None = None) -> RuleState:
    return RuleState(id, text, compliance)


def test_rules_match_by_id_then_by_wording():
    old = [state("r1", "Vastaamme työviesteihin saman päivän aikana."), state("r2", "Annamme lääkkeenjakajalle työrauhan.")]
    new = [
        state("x7", "Annamme lääkkeenjakajalle työrauhan aina."),  # another file, another id
        state("r1", "Vastaamme työviesteihin saman päivän aikana."),
        state("x8", "Pidämme tauot."),
    ]
    pairs = {(a.id, b.id) for a, b in match(old, new)}
    assert pairs == {("r1", "r1"), ("r2", "x7")}
    assert similarity("Pidämme tauot.", "Annamme lääkkeenjakajalle työrauhan.") < 0.6
    assert similarity("Pidämme  TAUOT.", "pidämme tauot.") == 1.0


def test_the_best_wording_match_wins():
    old = [state("a", "Kerromme muutoksista kaikille."), state("b", "Kerromme muutoksista kaikille heti.")]
    new = [state("c", "Kerromme muutoksista kaikille heti aamulla.")]
    assert [(a.id, b.id) for a, b in match(old, new)] == [("b", "c")]


def test_compare_sorts_rules_into_added_removed_reworded_and_unchanged():
    old = [state("r1", "A rule we keep."), state("r2", "A rule we reword."), state("r3", "A rule we drop.")]
    new = [state("r2", "A rule we reworded."), state("r1", "A  rule we keep."), state("r9", "Something else entirely.")]
    result = compare(old, new)
    assert [r.id for r in result.added] == ["r9"]
    assert [r.id for r in result.removed] == ["r3"]
    assert [(a.text, b.text) for a, b in result.reworded] == [("A rule we reword.", "A rule we reworded.")]
    assert [a.id for a, _ in result.unchanged] == ["r1"]  # spacing is no rewording
    assert result.changed
    assert not compare(old, old).changed


@pytest.mark.parametrize("before, after, expected", [
    (Compliance.PARTLY, Compliance.FOLLOWED, "better"),
    (Compliance.FOLLOWED, Compliance.NOT_FOLLOWED, "worse"),
    (Compliance.PARTLY, Compliance.PARTLY, "same"),
    (None, Compliance.PARTLY, "first"),
    (Compliance.PARTLY, None, "none"),
    (None, None, "none"),
])
def test_trend(before, after, expected):
    assert trend(before, after) == expected


# -- the command ----------------------------------------------------------------------------


def run(*args, **kwargs) -> tuple[str, object]:
    console = Console(file=io.StringIO(), width=160)
    result = diff_files(*args, console=console, **kwargs)
    return console.file.getvalue(), result


def test_within_one_file_from_the_first_version_to_now(tmp_path):
    path = write(tmp_path / "w.toml", reviewed())
    shown, result = run(path)
    assert [r.id for r in result.added] == ["r4"]
    assert [r.id for r in result.removed] == ["r3"]
    assert [(a.text, b.text) for a, b in result.reworded] == [
        ("Vastaamme työviesteihin saman päivän aikana.", "Vastaamme viesteihin työvuoron aikana.")]
    assert "Pelisäännöt 23.11.2026" in shown and "Pelisäännöt nyt (viimeisin seuranta 1.6.2027)" in shown
    assert "Uudet pelisäännöt (1)" in shown and "Poistetut pelisäännöt (1)" in shown
    assert "Uudelleen muotoillut pelisäännöt (1)" in shown
    assert "Yksi pelisääntö on voimassa ennallaan." in shown


def test_within_one_file_between_two_dates(tmp_path):
    path = write(tmp_path / "w.toml", reviewed())
    shown, result = run(path, since="1.3.2027", until="2027-06-01")
    assert not result.added and not result.removed
    assert [(a.text, b.text) for a, b in result.reworded] == [
        ("Vastaamme työviesteihin saman työvuoron aikana.", "Vastaamme viesteihin työvuoron aikana.")]
    changes = {b.id: (a.compliance, b.compliance) for a, b in result.rated}
    assert changes == {
        "r1": (Compliance.PARTLY, Compliance.FOLLOWED),
        "r2": (Compliance.FOLLOWED, Compliance.PARTLY),
        "r4": (None, Compliance.FOLLOWED),
    }
    assert "↑ parempi" in shown and "↓ heikompi" in shown and "arvioitu ensimmäistä kertaa" in shown


def test_between_two_files(tmp_path):
    old = write(tmp_path / "2026.toml", reviewed())
    later = workshop()
    later.date = dt.date(2027, 11, 20)
    from dialogi.record.models import Rule

    later.rules.agreed = [  # carried into a new workshop under new ids, one reworded, one new
        Rule(id="s1", text="Vastaamme viesteihin työvuoron aikana."),
        Rule(id="s2", text="Annamme lääkkeenjakajalle aina työrauhan."),
        Rule(id="s3", text="Pidämme tauot."),
    ]
    later.reviews = [Review(date=dt.date(2028, 2, 1), kind="rules", rules=[
        RuleReview(rule="s1", compliance=Compliance.PARTLY), RuleReview(rule="s2", compliance=Compliance.FOLLOWED)])]
    new = write(tmp_path / "2027.toml", later)
    shown, result = run(old, new)
    assert [r.text for r in result.added] == ["Pidämme tauot."]
    assert [r.text for r in result.removed] == ["Kiitämme toisiamme avusta."]
    assert [(a.id, b.id) for a, b in result.reworded] == [("r2", "s2")]
    assert [(a.id, b.id) for a, b in result.unchanged] == [("r1", "s1")]
    assert {b.id: (a.compliance, b.compliance) for a, b in result.rated} == {
        "s1": (Compliance.FOLLOWED, Compliance.PARTLY), "s2": (Compliance.PARTLY, Compliance.FOLLOWED)}
    assert "2026.toml (pelisäännöt 1.6.2027)" in shown and "2027.toml (pelisäännöt 1.2.2028)" in shown


def test_markdown_escapes_the_groups_words(tmp_path, capsys):
    w = workshop("en")
    w.rules.agreed[0].history = [RuleVersion(date=WORKSHOP_DAY, text=w.rules.agreed[0].text),
                                 RuleVersion(date=FIRST_REVIEW, text="# <b>Answer</b> | *today*")]
    w.rules.agreed[0].text = "# <b>Answer</b> | *today*"
    path = write(tmp_path / "w.toml", w)
    diff_files(path, format="md")
    md = capsys.readouterr().out
    assert "| 1. # &lt;b&gt;Answer&lt;/b&gt; \\| \\*today\\* |" in md  # a table cell: no heading there
    assert "<b>" not in md
    assert md.startswith("# Changes in the working agreements: Ward 4\n")


def test_terminal_output_shows_markup_as_text(tmp_path):
    w = workshop("en")
    w.rules.agreed[1].dropped = FIRST_REVIEW
    w.rules.agreed[1].text = "[red]Quiet[/red] \x1b[2J please"
    path = write(tmp_path / "w.toml", w)
    shown, _ = run(path)
    assert "[red]Quiet[/red]  please" in shown and "\x1b" not in shown


def test_nothing_to_compare(tmp_path):
    path = write(tmp_path / "w.toml", workshop("en", with_rules=False))
    shown, result = run(path)
    assert "Neither side has working agreements" in shown and not result.changed


def test_bad_options_get_clear_messages(tmp_path, cli):
    path = write(tmp_path / "w.toml", reviewed())
    with pytest.raises(UsageError) as raised:
        diff_files(path, path, since="2027-01-01")
    assert raised.value.key == "diff.dates_with_two_files"
    with pytest.raises(UsageError) as raised:
        diff_files(path, since="2027-06-01", until="2027-01-01")
    assert raised.value.key == "diff.from_after_to"
    with pytest.raises(UsageError) as raised:
        diff_files(path, format="pdf")
    assert raised.value.key == "errors.bad_format"
    with pytest.raises(UsageError) as raised:
        diff_files(path, since="eilen")
    assert raised.value.key == "errors.bad_date"


def test_the_command_line(tmp_path):
    from dialogi.cli import run_cli

    path = write(tmp_path / "w.toml", reviewed())
    assert run_cli(["diff", str(path), "--format", "md", "--from", "2027-03-01"]) == 0
    assert run_cli(["diff", str(tmp_path / "missing.toml")]) == 4
    assert run_cli(["diff", str(path), "--format", "pdf"]) == 2


def test_the_command_line_output(tmp_path, cli):
    path = write(tmp_path / "w.toml", reviewed())
    result = cli("diff", str(path), "--format", "md")
    assert result.exit_code == 0
    # each rule under the number it has on its side (as in show and on the poster)
    assert "| 1. Vastaamme työviesteihin saman päivän aikana. | 1. Vastaamme viesteihin työvuoron aikana. |" in result.output
    assert "| 2. Annamme lääkkeenjakajalle työrauhan. | — | osittain | arvioitu ensimmäistä kertaa |" in result.output
    assert "- 3\\. Kiitämme toisiamme avusta." in result.output and "- 3\\. Tervehdimme toisiamme, kun tulemme töihin." in result.output


@pytest.mark.parametrize("command", ["review", "diff"])
def test_help_of_review_and_diff_imports_nothing_heavy(subprocess_env, command):
    from test_startup import only_light_dialogi, probe

    found = probe(subprocess_env, command, "--help")
    assert found["code"] == 0 and "Usage" in found["out"]
    assert [m for m in found["after_run"] if m not in ("pydantic", "pydantic_core")] == []
    assert only_light_dialogi(found["dialogi"]) == []
