"""dialogi print: the rules poster and the wellbeing plan as HTML, Markdown and plain text."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import posix_only

from dialogi.cli import run_cli
from dialogi.errors import ExitCode
from dialogi.record.models import Action, Goal, Indicator, Rule, Workshop
from dialogi.record.store import load, save
from dialogi.render import html as html_render
from dialogi.render.plan import plan_markdown, plan_text
from dialogi.render.poster import poster, poster_markdown, poster_text
from print_samples import plan_workshop, rules_workshop

SCRIPT = "<script>alert(1)</script>"
PIPE = "a | b"
HEADING = "# x"
BOLD = "**bold**"
ESC = "\x1b[31mred\x1b[0m\x1b]0;pwned\x07\x9b2J"
RLO = "\u202eevil\u202c"
LONG = ("Pitkä " * 1000).strip()  # 5,000 characters less one space
HOSTILE = [SCRIPT, PIPE, HEADING, BOLD, ESC, RLO, LONG]
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_workshop(lang: str = "fi") -> Workshop:
    """Every user string that reaches a printed page carries something hostile."""
    w = rules_workshop(3, lang)
    w.team = f"Tiimi {SCRIPT}"
    w.title = f"{HEADING} {BOLD}"
    rules = [Rule(id=f"h{i}", text=text, theme="own <b>theme</b> | x", observed_by=f"{ESC} {PIPE}", keeper=RLO)
             for i, text in enumerate(HOSTILE, 1)]
    w.rules.agreed = rules
    w.wellbeing.indicators = [Indicator(id="i", name=SCRIPT, value=1, unit=PIPE, source=ESC, previous=2)]
    w.wellbeing.goals = [Goal(id="g", title=f"{BOLD} {SCRIPT}", improvement=f"{HEADING}\n1. not a list", indicator="i",
                              target_value=3, actions=[Action(id="a", text=f"{PIPE} {SCRIPT}", owner=RLO + BOLD,
                                                              due=dt.date(2027, 1, 2))])]
    w.wellbeing.carried_over = [Action(id="c", text=LONG, owner=ESC)]
    return w


# -- HTML -----------------------------------------------------------------------------------


class Tags(HTMLParser):
    """The tags of a page and the text outside <style> and <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in: str = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.text.append(" ")  # a cell, a label or a line ends a word
        self._in = tag if tag in ("style", "script") else ""

    def handle_endtag(self, tag):
        self.text.append(" ")
        self._in = ""

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in != "style":
            self.text.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "header", "footer", "p", "h1", "h2",
                "h3", "section", "div", "ol", "ul", "li", "span", "dl", "dt", "dd", "table", "caption", "thead",
                "tbody", "tr", "th", "td", "br", "script"}


@pytest.mark.parametrize("render", [html_render.poster_html, html_render.plan_html], ids=["poster", "plan"])
def test_html_shows_hostile_text_as_text(render):
    page = render(hostile_workshop())
    parsed = parse(page)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert "b" not in parsed.tags  # the theme's <b> stayed text
    # the only script is our own fitting script (the poster); the group's <script> is text
    assert all(s.strip() == html_render.FIT_SCRIPT.strip() for s in parsed.scripts)
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = "".join(parsed.text)
    assert SCRIPT in text and PIPE in text and BOLD in text
    assert not FORBIDDEN.search(page)
    assert "evil" in text and "red" in text  # the words stay, the controls go


def test_the_poster_html_keeps_every_rule_and_the_long_one_whole():
    page = html_render.poster_html(hostile_workshop())
    text = "".join(parse(page).text)
    assert LONG in text
    assert HEADING in text
    assert "own <b>theme</b> | x".upper() in text.upper()


def test_html_page_is_standalone_a4_in_the_workshops_language():
    for lang in ("fi", "en"):
        page = html_render.poster_html(rules_workshop(8, lang))
        assert page.startswith("<!DOCTYPE html>")
        assert f'<html lang="{lang}">' in page
        assert "@page" in page and "size: A4" in page
        assert "<link" not in page and "http" not in page.replace("http-equiv", "")  # nothing fetched
        assert '<meta charset="utf-8">' in page


def test_the_poster_has_the_team_title_date_and_review():
    page = html_render.poster_html(rules_workshop(12, "fi"))
    text = " ".join("".join(parse(page).text).split())
    assert "Kotihoito Itä" in text
    assert "Kotihoidon pelisäännöt · 23.11.2026" in text
    assert "Sovitut pelisäännöt" in text
    assert "Arvioimme yhdessä 15.2.2027, miten olemme noudattaneet pelisääntöjä." in text
    assert "<title>Sovitut pelisäännöt – Kotihoito Itä</title>" in page
    en = " ".join("".join(parse(html_render.poster_html(rules_workshop(3, "en", review=False))).text).split())
    assert "Home care East" in en and "2026-11-23" in en and "Agreed together on 2026-11-23." in en


def test_the_poster_groups_by_theme_and_numbers_straight_through():
    w = rules_workshop(12, "fi")
    w.rules.agreed[4].dropped = dt.date(2027, 1, 1)  # a dropped rule is not on the poster
    w.rules.agreed.append(Rule(id="x", text="Ilman teemaa oleva sääntö."))
    p = poster(w)
    assert [g.title for g in p.groups] == ["Tiedonkulku ja viestintä", "Toistemme kohtaaminen",
                                           "Hyvä käytös työssä ja johtamisessa", "Kiireen ja kuormituksen ehkäisy",
                                           "Muut"]
    assert [r.number for r in p.rules] == list(range(1, 13))
    assert w.rules.agreed[4].text not in [r.text for r in p.rules]
    assert p.groups[-1].rules[0].text == "Ilman teemaa oleva sääntö."
    page = html_render.poster_html(w)
    assert page.count('class="rule"') == 12
    assert '<ol class="rules" start="4">' in page  # the second theme goes on from 4


def test_rules_with_the_groups_own_theme_are_one_group():
    w = rules_workshop(2, "fi")
    w.rules.agreed += [Rule(id="o1", text="Yksi.", theme="Yhteiset autot"),
                       Rule(id="o2", text="Kaksi.", theme="Yhteiset autot")]
    p = poster(w)
    assert [(g.title, len(g.rules)) for g in p.groups] == [("Tiedonkulku ja viestintä", 2), ("Yhteiset autot", 2)]
    assert [r.number for r in p.rules] == [1, 2, 3, 4]
    page = html_render.poster_html(hostile_workshop())
    assert page.count('class="rule"') == len(HOSTILE)  # each rule once


def test_rules_without_themes_are_one_list_without_a_heading():
    w = rules_workshop(3, "en")
    for rule in w.rules.agreed:
        rule.theme = ""
    p = poster(w)
    assert len(p.groups) == 1 and p.groups[0].title == ""
    assert "<h2>" not in html_render.poster_html(w)


def test_the_poster_shows_details_while_there_is_room_and_drops_them_for_many_long_rules():
    few = rules_workshop(3, "fi")
    size, details = html_render.poster_fit(poster(few))
    assert details and size >= 21
    page = html_render.poster_html(few)
    assert "Mistä huomaamme:" in page and "Vastuuhenkilö:</span> Aino" in page
    assert '<main class="page poster"' in page
    many = rules_workshop(12, "fi")
    size12, details12 = html_render.poster_fit(poster(many))
    assert size12 < size
    assert size12 >= html_render.SIZES[-1]
    assert '<main class="page poster brief"' in html_render.poster_html(many) or details12


def test_poster_size_never_grows_with_more_rules():
    fits = [html_render.poster_fit(poster(rules_workshop(n, "fi"))) for n in range(1, 13)]
    ranks = [html_render.fit_steps().index(fit) for fit in fits]
    assert ranks == sorted(ranks)


def test_a_very_long_rule_gets_the_smallest_size():
    w = rules_workshop(1, "fi")
    w.rules.agreed[0].text = LONG
    assert html_render.poster_fit(poster(w)) == html_render.fit_steps()[-1]


# -- Markdown -------------------------------------------------------------------------------


def markdown_tokens(text: str) -> list:
    parser = MarkdownIt("commonmark").enable("table")
    out = []

    def walk(tokens):
        for token in tokens:
            out.append(token)
            walk(token.children or [])

    walk(parser.parse(text))
    return out


@pytest.mark.parametrize("render", [poster_markdown, plan_markdown], ids=["poster", "plan"])
def test_markdown_shows_hostile_text_as_text(render):
    md = render(hostile_workshop())
    tokens = markdown_tokens(md)
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    rendered = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "<strong>bold</strong>" not in rendered and BOLD in rendered
    assert not FORBIDDEN.search(md)
    # our headings only: the user's "# x" is not one
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert HEADING not in headings


def test_poster_markdown_has_no_table_and_numbers_straight_through():
    md = poster_markdown(hostile_workshop())
    assert not [t for t in markdown_tokens(md) if t.type.startswith("table")]
    md = poster_markdown(rules_workshop(12, "fi"))
    tokens = markdown_tokens(md)
    starts = [t.attrGet("start") for t in tokens if t.type == "ordered_list_open"]
    assert starts == [None, 4, 7, 10]  # 1, then 4, 7 and 10: the numbers run on
    assert "# Sovitut pelisäännöt" in md and "Kotihoito Itä · Kotihoidon pelisäännöt · 23.11.2026" in md
    assert "*Arvioimme yhdessä 15.2.2027, miten olemme noudattaneet pelisääntöjä.*" in md
    assert "*Vastuuhenkilö:* Aino" in md


def test_plan_markdown_tables_keep_their_columns_with_pipes_in_cells():
    md = plan_markdown(hostile_workshop())
    rows = [t for t in markdown_tokens(md) if t.type == "tr_open"]
    assert rows  # the action table and the indicator table are tables
    rendered = MarkdownIt("commonmark").enable("table").render(md)
    assert "<td>a | b &lt;script&gt;alert(1)&lt;/script&gt;</td>" in rendered


# -- plain text -----------------------------------------------------------------------------


@pytest.mark.parametrize("render", [poster_text, plan_text], ids=["poster", "plan"])
def test_plain_text_has_no_control_characters_and_fits_78_columns(render):
    text = render(hostile_workshop())
    assert not FORBIDDEN.search(text)
    assert max(len(line) for line in text.splitlines()) <= 78
    assert SCRIPT in text and BOLD in text and "evil" in text


def test_poster_text_reads_as_a_list():
    text = poster_text(rules_workshop(12, "fi"))
    assert text.startswith("SOVITUT PELISÄÄNNÖT\n===================\nKotihoito Itä\n")
    assert " 9. Esihenkilö perustelee päätökset ja kertoo niistä kaikille samaan aikaan." in text
    assert "10. Kun kiire kasautuu" in text
    assert "    Vastuuhenkilö: Vuorovastaava" in text
    assert text.rstrip().endswith("Arvioimme yhdessä 15.2.2027, miten olemme noudattaneet pelisääntöjä.")


# -- the plan -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_plan_has_each_goal_with_its_actions_owners_and_due_dates(lang):
    w = plan_workshop(lang)
    html_text = " ".join("".join(parse(html_render.plan_html(w)).text).split())
    outputs = {"html": html_text, "md": plan_markdown(w), "txt": " ".join(plan_text(w).split())}
    for name, out in outputs.items():
        for number, goal in enumerate(w.wellbeing.goals, 1):
            heading = ("Tavoite" if lang == "fi" else "Goal") + f" {number}: {goal.title}"
            assert heading in out, (name, heading)
            for action in goal.actions:
                assert action.text in out and action.owner in out, (name, action.text)
                due = f"{action.due.day}.{action.due.month}.{action.due.year}" if lang == "fi" else action.due.isoformat()
                assert due in out, (name, due)
        assert w.wellbeing.carried_over[0].text in out


def test_the_plan_in_finnish_names_everything_with_the_fields_own_words():
    w = plan_workshop("fi")
    page = html_render.plan_html(w)
    text = " ".join("".join(parse(page).text).split())
    for words in ("Työhyvinvointisuunnitelma", "Mikä voisi olla paremmin", "Toimenpiteet", "Vastuuhenkilö",
                  "Aikataulu", "Seuranta", "Tunnusluku", "Tavoitearvo", "Aiemmin kesken jäänyt kehittämistyö",
                  "Arvioimme yhdessä 15.5.2027, miten suunnitelma on edennyt.", "Tavoitteet saavutetaan viimeistään 30.6.2027"):
        assert words in text, words
    assert "Sairauspoissaolot (nyt 6,1 %)" in text  # the indicator and where it stands
    assert "Tavoitearvo 5 %" in text  # the goal's target with the indicator's unit
    assert "Tammi–maaliskuu 2027" in text
    assert "Perehdytyskysely" in text  # a free-text indicator stays as written
    assert '<html lang="fi">' in page
    assert "break-inside: avoid" in page


def test_the_indicators_table_has_value_unit_period_source_previous_and_change():
    md = plan_markdown(plan_workshop("fi"))
    assert "| Tunnusluku | Arvo | Yksikkö | Ajanjakso | Lähde | Edellinen | Muutos | Tavoitearvo |" in md
    assert "| Sairauspoissaolot | 6,1 | % | 1–6/2026 | HR\\-raportti | 7,4 | −1,3 %-yks. | 5 |" in md or \
        "| Sairauspoissaolot | 6,1 | % | 1–6/2026 | HR-raportti | 7,4 | −1,3 %-yks. | 5 |" in md
    assert "| Turvallisuushavainnot | 14 | kpl | 2026 |  | 9 | +5 |  |" in md


def test_a_status_column_only_once_an_action_has_moved():
    w = plan_workshop("en")
    md = plan_markdown(w)
    first_table = md.split("**Actions**")[1].split("\n\n")[1]
    assert "Status" not in first_table.splitlines()[0]
    w.wellbeing.goals[0].actions[0].status = "done"
    md = plan_markdown(w)
    assert "| Action | Owner | By | Status |" in md and "| done |" in md


# -- the command ----------------------------------------------------------------------------


def workshop_file(tmp_path: Path, w: Workshop, name: str = "2026-11-23-kotihoito.toml") -> Path:
    path = tmp_path / name
    save(path, w)
    return path


def both(lang: str = "fi") -> Workshop:
    w = rules_workshop(8, lang)
    w.wellbeing = plan_workshop(lang).wellbeing
    return w


def test_print_writes_both_documents_next_to_the_workshop(tmp_path, capsys):
    path = workshop_file(tmp_path, both())
    before = path.read_text("utf-8")
    assert run_cli(["print", str(path)]) == ExitCode.OK
    out = capsys.readouterr().out
    rules, plan = tmp_path / "2026-11-23-kotihoito.rules.html", tmp_path / "2026-11-23-kotihoito.plan.html"
    assert f"Wrote {rules}" in out and f"Wrote {plan}" in out
    assert "Ctrl+P" in out
    assert "Sovitut pelisäännöt" in rules.read_text("utf-8")
    assert "Työhyvinvointisuunnitelma" in plan.read_text("utf-8")
    assert path.read_text("utf-8") == before  # printing changes nothing in the record
    load(path)


def test_print_only_what_the_workshop_has(tmp_path, capsys):
    path = workshop_file(tmp_path, rules_workshop(3, "en"))
    assert run_cli(["print", str(path), "--format", "md"]) == ExitCode.OK
    assert (tmp_path / "2026-11-23-kotihoito.rules.md").exists()
    assert not (tmp_path / "2026-11-23-kotihoito.plan.md").exists()
    assert "Ctrl+P" not in capsys.readouterr().out  # nothing to print from a browser


def test_print_to_an_output_file_a_folder_and_the_screen(tmp_path, capsys):
    path = workshop_file(tmp_path, both("en"))
    target = tmp_path / "poster.html"
    assert run_cli(["print", str(path), "--what", "rules", "--output", str(target)]) == ExitCode.OK
    assert "Our working agreements" in target.read_text("utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    assert run_cli(["print", str(path), "-f", "txt", "-o", str(folder)]) == ExitCode.OK
    assert sorted(p.name for p in folder.iterdir()) == ["2026-11-23-kotihoito.plan.txt", "2026-11-23-kotihoito.rules.txt"]
    capsys.readouterr()
    assert run_cli(["print", str(path), "-w", "plan", "-f", "md", "-o", "-"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith("# Wellbeing plan\n")
    assert "Wrote" not in out


@pytest.mark.parametrize("args, code, message", [
    (["--format", "pdf"], ExitCode.USAGE, "Unknown format “pdf”. Choose one of: html, md, txt."),
    (["--what", "both"], ExitCode.USAGE, "Unknown document “both”. Choose one of: all, rules, plan, review."),
    (["--output", "{tmp}/one.html"], ExitCode.USAGE, "--output names one file, but there are several documents"),
    (["--output", "-"], ExitCode.USAGE, "Several documents cannot go to the screen as one HTML page."),
    (["--output", "{tmp}/nowhere/x.html", "--what", "rules"], ExitCode.NOT_FOUND, "The folder {tmp}/nowhere does not exist."),
    (["--output", "{file}", "--what", "rules"], ExitCode.EXISTS, "is the workshop file itself; dialogi will not print over it"),
    (["--format", "md", "--pdf"], ExitCode.USAGE, "--pdf makes the PDF from the HTML page"),
])
def test_print_errors_are_clear(tmp_path, capsys, args, code, message):
    path = workshop_file(tmp_path, both("en"))
    before = path.read_text("utf-8")
    args = [a.format(tmp=tmp_path, file=path) for a in args]
    assert run_cli(["print", str(path), *args]) == code
    err = capsys.readouterr().err
    assert message.format(tmp=tmp_path) in err
    assert "Traceback" not in err
    assert path.read_text("utf-8") == before


def test_nothing_to_print_says_what_to_do(tmp_path, capsys, monkeypatch):
    w = rules_workshop(0, "fi")
    path = workshop_file(tmp_path, w)
    assert run_cli(["print", str(path)]) == ExitCode.NOT_FOUND
    err = capsys.readouterr().err
    assert "has no working agreements and no wellbeing plan yet" in err and f"dialogi run {path}" in err
    monkeypatch.setenv("DIALOGI_LANG", "fi")
    from dialogi import i18n

    monkeypatch.setattr(i18n, "_ui_language", None)
    assert run_cli(["print", str(path), "--what", "plan"]) == ExitCode.NOT_FOUND
    err = capsys.readouterr().err
    assert f"Tiedostossa {path} ei ole vielä työhyvinvointisuunnitelmaa." in err
    assert list(tmp_path.glob("*.html")) == []


def test_a_dropped_rule_alone_is_nothing_to_print(tmp_path, capsys):
    w = rules_workshop(1, "en")
    w.rules.agreed[0].dropped = dt.date(2027, 1, 1)
    path = workshop_file(tmp_path, w)
    assert run_cli(["print", str(path), "--what", "rules"]) == ExitCode.NOT_FOUND
    assert "has no working agreements yet" in capsys.readouterr().err


def test_a_missing_or_broken_workshop_is_reported(tmp_path, capsys):
    assert run_cli(["print", str(tmp_path / "nope.toml")]) == ExitCode.NOT_FOUND
    broken = tmp_path / "broken.toml"
    broken.write_text("title = ", "utf-8")
    assert run_cli(["print", str(broken)]) == ExitCode.INVALID_FILE
    err = capsys.readouterr().err
    assert "no such file" in err and "TOML syntax error" in err


def test_pdf_without_chromium_says_what_to_do(tmp_path, capsys, monkeypatch):
    from dialogi.render import pdf

    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    path = workshop_file(tmp_path, rules_workshop(3, "en"))
    assert run_cli(["print", str(path), "--pdf"]) == ExitCode.NOT_FOUND
    err = capsys.readouterr().err
    assert "--pdf needs Chromium or Google Chrome, and neither was found" in err and "sudo apt install chromium" in err
    assert (tmp_path / "2026-11-23-kotihoito.rules.html").exists()  # the HTML is there to print by hand


@posix_only.shebang
def test_a_failing_chromium_is_reported_without_a_traceback(tmp_path, capsys, monkeypatch):
    from dialogi.render import pdf

    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'it broke' >&2\nexit 3\n", "utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "find_chromium", lambda: str(fake))
    path = workshop_file(tmp_path, rules_workshop(3, "en"))
    assert run_cli(["print", str(path), "--pdf"]) == ExitCode.INVALID_FILE
    err = capsys.readouterr().err
    assert "Chromium could not make the PDF" in err and "(it broke)" in err and "Traceback" not in err
