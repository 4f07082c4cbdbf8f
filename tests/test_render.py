"""The renderers: Markdown and JSON export, the terminal view, the bar chart, the labels."""

from __future__ import annotations

import datetime as dt
import io
import re
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console
from rich.text import Text

import dialogi
from dialogi.record.models import (
    Action,
    ActionReview,
    AgendaItem,
    GoalOutcome,
    Goal,
    Indicator,
    IndicatorReading,
    Item,
    PracticeNote,
    Practices,
    PrincipleNote,
    PrincipleRating,
    Principles,
    Review,
    Rule,
    RuleReview,
    RuleVersion,
    Rules,
    Tie,
    Vote,
    Wellbeing,
    Workshop,
)
from dialogi.render import text
from dialogi.render.markdown import cell, escape_md, to_json, to_markdown
from dialogi.render.terminal import bar_chart, safe, show
from dialogi.render.text import format_date

CONTENT = Path(dialogi.__file__).parent / "content"
SCRIPT = "<script>alert(1)</script>"
MARKUP = "[bold red]x[/]"
ESC = "\x1b[31mred\x1b[0m\x1b]0;pwned\x07\x9b2J"


def workshop(lang: str = "fi") -> Workshop:
    """A record with something in every section, and hostile text in many places."""
    day = dt.date(2026, 11, 23)
    dots = Vote(
        method="dots", subject="Mitkä ehdotukset jatkoon?", voters=8, budget=3, cap=2, select=2,
        options={"p1": "Info | viikkopalaveri", "p3": "Tauot pidetään", "p4": "Puhelin äänettömälle"},
        tallies={"p1": 12, "p3": 6, "p4": 6}, ranking=["p1", "p3", "p4"], winners=["p1", "p3"],
        tie=Tie(options=["p3", "p4"], policy="discuss", chosen=["p3"], reason="Tauot ovat kiireisempiä"),
        date=day,
    )
    fist = Vote(method="fist_to_five", subject="Kelpaako sääntö?", voters=6, threshold=2,
                options={"r1": "Kerromme muutoksista viikkopalaverissa"},
                tallies={"5": 3, "4": 2, "3": 1}, accepted=True)
    return Workshop(
        title="Syksyn työpaja # 1",
        date=day,
        team="Osasto 3 | yövuoro",
        facilitator="Maija Meikäläinen",
        language=lang,
        participant_count=9,
        participants=["Aino", "Pekka", f"Bob {SCRIPT}"],
        carried_from="2026-05-10-kevat.toml",
        agenda=[
            AgendaItem(method="principles", status="done"),
            AgendaItem(method="practices", status="done"),
            AgendaItem(method="rules", status="done"),
            AgendaItem(method="wellbeing", status="in_progress"),
            AgendaItem(method="reflection", status="not_started"),
        ],
        principles=Principles(
            agreed=True,
            emphasised=[3, 7],
            remarks=[PrincipleNote(number=3, remark="Hiljaisetkin *ääneen*")],
            ratings=[
                PrincipleRating(number=3, counts=[0, 1, 2, 3, 2], average=3.75, note="Hyvä | parempi"),
                PrincipleRating(number=7, counts=[1, 0, 0, 0, 1]),
            ],
            reflection_note="Ensi kerralla enemmän aikaa.",
        ),
        practices=Practices(notes=[
            PracticeNote(practice="listening", observations=f"Keskeytimme\n{MARKUP}", commitment="Annetaan puhua loppuun"),
            PracticeNote(practice="suspending", observations="Hidastimme"),
        ]),
        rules=Rules(
            themes=["information", "Oma teema"],
            proposals=[
                Item(id="p1", text="Info | viikkopalaveri", theme="information", merged_from=["p2"]),
                Item(id="p2", text="Viikkopalaveri", theme="information", merged_into="p1"),
                Item(id="p3", text="Tauot pidetään", theme="Oma teema"),
                Item(id="p5", text="Poistettava", theme="Oma teema", deleted=True),
                Item(id="p4", text="Puhelin äänettömälle"),
            ],
            votes=[dots],
            agreed=[
                Rule(id="r1", text="Kerromme muutoksista viikkopalaverissa", theme="information",
                     observed_by="Muistio kertoo", keeper="Aino", consent=fist,
                     history=[RuleVersion(date=dt.date(2026, 5, 10), text="Kerromme muutoksista")]),
                Rule(id="r2", text=f"Tauot pidetään\n# heading {SCRIPT} a | b", theme="Oma teema",
                     observed_by="Kysytään kierroksella", keeper=f"Pekka {MARKUP}"),
                Rule(id="r3", text="Vanha sääntö", dropped=dt.date(2026, 11, 1)),
            ],
            review_date=dt.date(2027, 2, 1),
        ),
        wellbeing=Wellbeing(
            indicators=[
                Indicator(id="sick", name="Sairauspoissaolot", value=4.5, unit="%", period="2026",
                          source="HR-raportti", previous=5.0, target=4.0),
                Indicator(id="index", name="Hyvinvointi-indeksi", kind="impact", value=72, previous=70,
                          unit="pistettä", period="kevät 2026", source="Kysely", note="n = 40"),
            ],
            interpretation="Poissaolot laskivat.\n> ei lainaus",
            observations=[Item(id="o1", text="Kiire kasautuu iltaan"), Item(id="o2", text="Poistettu", deleted=True)],
            proposals=[Item(id="w1", text="Taukojärjestely"), Item(id="w2", text="Perehdytys")],
            votes=[Vote(method="approval", voters=5, options={"w1": "Taukojärjestely", "w2": "Perehdytys"},
                        tallies={"w1": 5, "w2": 2}, ranking=["w1", "w2"], winners=["w1"])],
            goal_count=1,
            target_date=dt.date(2027, 6, 30),
            goals=[Goal(
                id="g1", title="Tauot toteutuvat", from_proposal="w1",
                benefit_me="Jaksan paremmin", benefit_employer="Vähemmän poissaoloja", benefit_clients="Rauhallisempi hoito",
                obstacles="Kiire", resources="Tiimivastaava",
                actions=[Action(id="a1", text="Taukolista seinälle", owner="Aino", due=dt.date(2026, 12, 15), status="in_progress"),
                         Action(id="a2", text=f"Kokeilu | {SCRIPT}", owner="Pekka", status="dropped", note="Ei ehditty")],
                improvement="Sijaisjärjestelyt", schedule="Joulukuu–helmikuu", follow_up="Viikkopalaverissa",
                indicator="sick", target_value=4.0,
            )],
            carried_over=[Action(id="c1", text="Ergonomiakartoitus", owner="Työsuojelu", carried_from="2026-05-10-kevat.toml")],
            follow_up_date=dt.date(2027, 3, 1),
        ),
        reviews=[Review(
            date=dt.date(2027, 2, 1), kind="rules",
            rules=[RuleReview(rule="r1", compliance="partly", decision="reword", new_text="Kerromme kaikista muutoksista"),
                   RuleReview(rule="r3", compliance="not_followed", decision="drop", note="Ei toiminut")],
            added_rules=["r2"],
            actions=[ActionReview(action="a1", status="done")],
            indicators=[IndicatorReading(indicator="sick", value=4.2, previous=4.5, target=4.0)],
            goals=[GoalOutcome(goal="g1", outcome="Tauot toteutuivat useimpina päivinä")],
            note="Hyvä kierros",
        )],
    )


def parse(markdown: str) -> list:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def render_terminal(w: Workshop) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    show(w, console)
    return console.file.getvalue()


def table_rows(markdown: str) -> list[list[str]]:
    """Every table body row of the Markdown, as the text of its cells."""
    tokens = parse(markdown)
    rows, row, in_body = [], None, False
    for i, tok in enumerate(tokens):
        if tok.type == "tbody_open":
            in_body = True
        elif tok.type == "tbody_close":
            in_body = False
        elif in_body and tok.type == "tr_open":
            row = []
        elif in_body and tok.type == "td_open":
            row.append(tokens[i + 1].content if tokens[i + 1].type == "inline" else "")
        elif in_body and tok.type == "tr_close":
            rows.append(row)
    return rows


def headings(markdown: str) -> list[tuple[int, str]]:
    tokens = parse(markdown)
    return [(int(tok.tag[1]), tokens[i + 1].content) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def unescape(s: str) -> str:
    """The text a Markdown inline shows (backslash escapes and the entities we write)."""
    s = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", s)
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# -- Markdown -------------------------------------------------------------------------------


def test_markdown_has_every_section_in_finnish():
    out = to_markdown(workshop("fi"))
    found = [(level, unescape(title)) for level, title in headings(out)]
    assert found[0] == (1, "Syksyn työpaja # 1")
    for title in ("Ohjelma", "Demokraattisen dialogin periaatteet", "Dialogin neljä käytäntöä", "Pelisäännöt",
                  "Työhyvinvointisuunnitelma", "Seuranta"):
        assert (2, title) in found
    for title in ("Sovitut pelisäännöt", "Loppuarviointi: miten periaatteet toteutuivat", "Tavoitteet",
                  "Tunnusluvut", "Äänestykset", "Poistetut pelisäännöt", "Aiemmista suunnitelmista siirretyt toimenpiteet"):
        assert (3, title) in found
    assert (4, "Tavoite 1: Tauot toteutuvat") in found
    assert (3, "Pelisääntöjen seuranta 1.2.2027") in found


def test_markdown_has_every_section_in_english():
    out = to_markdown(workshop("en"))
    titles = [unescape(title) for _, title in headings(out)]
    for title in ("Agenda", "Principles of democratic dialogue", "The four practices of dialogue", "Working agreements",
                  "Our working agreements", "Wellbeing plan", "Goal 1: Tauot toteutuvat", "Reviews",
                  "Review of the working agreements 2027-02-01"):
        assert title in titles
    assert "| Date | 2026-11-23 |" in out


def test_agreed_rules_are_a_numbered_list_with_their_details():
    out = to_markdown(workshop("fi"))
    tokens = parse(out)
    start = next(i for i, tok in enumerate(tokens) if tok.type == "ordered_list_open")
    items, depth, text_of_items = 0, 0, []
    for tok in tokens[start:]:
        if tok.type == "list_item_open" and tok.level == tokens[start].level + 1:
            items += 1
            text_of_items.append("")
        if tok.type == "inline" and text_of_items:
            text_of_items[-1] += tok.content + "\n"
        depth += tok.nesting
        if depth == 0:
            break
    assert items == 2  # the dropped rule is not among the agreed ones
    first, second = (unescape(s) for s in text_of_items)
    assert "Kerromme muutoksista viikkopalaverissa" in first
    assert "**Teema:** Tiedonkulku ja viestintä" in first
    assert "Mistä noudattaminen näkyy" in first and "Muistio kertoo" in first
    assert "Vastuuhenkilö" in first and "Aino" in first
    assert "Aiempi muotoilu (10.5.2026)" in first
    assert "hyväksytty" in first and "5 sormea: 3" in first
    # the rule's second line ("# heading …") stays inside the same list item
    assert "# heading <script>alert(1)</script> a | b" in second
    assert "Pekka [bold red]x[/]" in second
    assert "**Pelisääntöjen seurantapäivä:** 1.2.2027" in out


def test_markdown_tables_rows():
    out = to_markdown(workshop("fi"))
    rows = [[unescape(c) for c in row] for row in table_rows(out)]
    assert ["Päivämäärä", "23.11.2026"] in rows
    assert ["Tiimi", "Osasto 3 | yövuoro"] in rows
    assert ["Osallistujat", "Aino, Pekka, Bob <script>alert(1)</script>"] in rows
    assert ["Työhyvinvointisuunnitelma", "kesken"] in rows
    # ratings: principle, average, counts 1-5, note; the average is computed when missing
    rating = next(r for r in rows if r[0].startswith("3. "))
    assert rating[1:] == ["3,8", "0", "1", "2", "3", "2", "Hyvä | parempi"]
    assert next(r for r in rows if r[0].startswith("7. "))[1] == "3"
    # proposals grouped by theme, in the workshop's theme order, with their state
    proposals = [r for r in rows if len(r) == 4 and r[1] in ("p1", "p2", "p3", "p4", "p5")]
    assert [r[1] for r in proposals] == ["p1", "p2", "p3", "p5", "p4"]
    assert proposals[0] == ["Tiedonkulku ja viestintä", "p1", "Info | viikkopalaveri", "yhdistelmä ehdotuksista p2"]
    assert proposals[1][3] == "yhdistetty ehdotukseen p1"
    assert proposals[3][3] == "poistettu"
    assert proposals[4][0] == "muut"
    # votes: option, tally, winner
    assert ["Info | viikkopalaveri", "12", "✓"] in rows
    assert ["Puhelin äänettömälle", "6", ""] in rows
    assert ["Taukojärjestely", "5", "✓"] in rows
    # indicators: name, kind, value, unit, period, source, previous, change, target, note
    assert ["Sairauspoissaolot", "toimintaa kuvaava tunnusluku", "4,5", "%", "2026", "HR-raportti", "5", "−0,5 %-yks.", "4", ""] in rows
    assert ["Hyvinvointi-indeksi", "vaikuttavuutta kuvaava tunnusluku", "72", "pistettä", "kevät 2026", "Kysely", "70", "+2", "", "n = 40"] in rows
    # actions: action, owner, due, status, note
    assert ["Taukolista seinälle", "Aino", "15.12.2026", "käynnissä", ""] in rows
    assert ["Kokeilu | <script>alert(1)</script>", "Pekka", "", "lopetettu", "Ei ehditty"] in rows
    assert ["Ergonomiakartoitus", "Työsuojelu", "", "ei aloitettu", "2026-05-10-kevat.toml"] in rows
    # reviews: rules with compliance and decision, actions, indicator readings
    assert ["Kerromme muutoksista viikkopalaverissa", "osittain", "muotoillaan uudelleen",
            "Kerromme kaikista muutoksista", ""] in rows
    assert ["Vanha sääntö", "ei noudatettu", "poistetaan", "", "Ei toiminut"] in rows
    assert ["Taukolista seinälle", "tehty"] in rows
    # indicator (unit), previous, new value, change, change %, target, against the target
    assert ["Sairauspoissaolot (%)", "4,5", "4,2", "−0,3 %-yks.", "4", "vielä 0,2"]  # no relative change of a per cent in rows


def test_markdown_wellbeing_goal_and_vote_details():
    out = unescape(to_markdown(workshop("fi")))
    for line in ("- **Hyöty minulle:** Jaksan paremmin", "- **Hyöty työnantajalle:** Vähemmän poissaoloja",
                 "- **Hyöty asiakkaille:** Rauhallisempi hoito", "- **Esteet:** Kiire",
                 "- **Voimavarat:** Tiimivastaava", "- **Mikä voisi olla paremmin:** Sijaisjärjestelyt",
                 "- **Aikataulu:** Joulukuu–helmikuu", "- **Seuranta:** Viikkopalaverissa",
                 "- **Tunnusluku:** Sairauspoissaolot", "- **Tavoitearvo:** 4 %",
                 "- **Seurantapäivä:** 1.3.2027", "- **Tavoitteet saavutetaan viimeistään:** 30.6.2027",
                 "- **Äänestystapa:** pisteäänestys", "- **Äänestäjiä:** 8", "- **Pisteitä äänestäjää kohden:** 3",
                 "- **Tasatilanne:** ”Tauot pidetään”, ”Puhelin äänettömälle”",
                 "- **Ennen äänestystä sovittiin:** ryhmä ratkaisee keskustelemalla",
                 "- **Miten ratkesi:** ratkaistiin keskustelemalla", "- **Jatkoon:** ”Tauot pidetään”",
                 "- **Perustelu:** Tauot ovat kiireisempiä", "- **Sovittiin päivän periaatteiksi:** kyllä",
                 "- **Tauot toteutuvat:** Tauot toteutuivat useimpina päivinä", "- **Muistiinpanot:** Hyvä kierros",
                 "- Kiire kasautuu iltaan", "- **Sitoumus:** Annetaan puhua loppuun"):
        assert line in out
    assert "Poistettu" not in out.split("Keskeiset havainnot")[1].split("##")[0]  # deleted observation left out


def test_markdown_escapes_everything_from_the_workshop():
    out = to_markdown(workshop("fi"))
    rendered = html(out)
    assert "<script>" not in out and "<script>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    # the only raw HTML we write is <br> inside cells
    assert set(re.findall(r"<(/?\w+)", out)) <= {"br"}
    # "a | b" inside a table stays one cell: every row has as many cell borders as its header
    for table in re.findall(r"(?:^\|.*\n)+", out, flags=re.M):
        borders = [len(re.findall(r"(?<!\\)\|", line)) for line in table.splitlines()]
        assert len(set(borders)) == 1, table
    # the "# heading" inside a rule is no heading, and "> ei lainaus" is no quote
    assert all("heading" not in title for _, title in headings(out))
    assert "<blockquote>" not in rendered
    # markup-looking text is literal
    assert "\\[bold red\\]x\\[/\\]" in out and "\\*ääneen\\*" in out
    assert "<em>" not in rendered


def test_heading_text_keeps_its_hashes():
    w = Workshop(title="Tiimi # 2 #", date=dt.date(2026, 1, 5), language="fi")
    assert html(to_markdown(w)).startswith("<h1>Tiimi # 2 #</h1>")


def test_escape_md_and_cell():
    assert escape_md(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape_md("# heading") == "\\# heading"
    assert escape_md("1. eka") == "1\\. eka"
    assert escape_md("- lista\n+ toinen") == "\\- lista\\\n\\+ toinen"
    assert escape_md("*a* _b_ `c` [d](e) ~f~ $g$ \\") == "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\~f\\~ \\$g\\$ \\\\"
    assert escape_md("a\nb", indent="   ") == "a\\\n   b"
    assert escape_md("a\n\n  b  ", breaks=False) == "a b"
    assert escape_md("AT&T &amp;") == "AT&amp;T &amp;amp;"
    assert cell("a | b") == "a \\| b"
    assert cell("eka\ntoka") == "eka<br>toka"
    assert cell("# ei otsikko") == "# ei otsikko"  # inline content: no line-start escapes needed
    assert cell("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert cell("") == ""
    # each escaped text shows exactly the original in a rendered paragraph and cell
    for original in (SCRIPT, "a | b", "# heading", "*x* _y_", "1986. vuosi", "[l](http://x)", "C:\\temp", "&copy;"):
        assert html(escape_md(original)).strip() == f"<p>{_html_text(original)}</p>"
        assert f"<td>{_html_text(original)}</td>" in html(f"| h |\n| --- |\n| {cell(original)} |\n")


def _html_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_markdown_strips_escape_sequences():
    w = workshop("fi")
    w.team = f"Tiimi {ESC}"
    out = to_markdown(w)
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "| Tiimi | Tiimi red |" in out


def test_empty_sections_are_left_out():
    w = Workshop(title="Tyhjä", date=dt.date(2026, 1, 5), language="fi")
    out = to_markdown(w)
    assert [title for _, title in headings(out)] == ["Tyhjä"]
    assert "| Päivämäärä | 5.1.2026 |" in out
    assert "Tiimi" not in out and "Osallistujat" not in out
    plain = render_terminal(w)
    assert "Tyhjä" in plain and "5.1.2026" in plain
    for section in ("Ohjelma", "Pelisäännöt", "Työhyvinvointisuunnitelma", "Seuranta"):
        assert section not in plain


def test_only_the_sections_with_content():
    w = Workshop(title="Vain säännöt", date=dt.date(2026, 1, 5), language="en",
                 rules=Rules(agreed=[Rule(id="r1", text="Be on time")]))
    titles = [title for _, title in headings(to_markdown(w))]
    assert titles == ["Vain säännöt", "Working agreements", "Our working agreements"]


def test_to_json_round_trips():
    w = workshop("fi")
    out = to_json(w)
    assert out.lstrip().startswith("{") and '"schema": 1' in out
    assert Workshop.model_validate_json(out) == w


# -- the terminal ---------------------------------------------------------------------------


def test_terminal_shows_everything():
    plain = render_terminal(workshop("fi"))
    for text_ in ("Syksyn työpaja # 1", "23.11.2026", "Osasto 3 | yövuoro", "Maija Meikäläinen",
                  "Demokraattisen dialogin periaatteet", "Dialogin neljä käytäntöä", "Sovitut pelisäännöt",
                  "Kerromme muutoksista viikkopalaverissa", "Muistio kertoo", "Pelisääntöjen seurantapäivä",
                  "1.2.2027", "Työhyvinvointisuunnitelma", "Tavoite 1: Tauot toteutuvat", "Taukolista seinälle",
                  "käynnissä", "Sairauspoissaolot", "−0,5", "Loppuarviointi: miten periaatteet toteutuivat",
                  "Seuranta", "Pelisääntöjen seuranta 1.2.2027", "muotoillaan uudelleen", "Hyvä kierros",
                  "Tasatilanne", "Kuunteleminen", SCRIPT):
        assert text_ in plain, text_


def test_terminal_agreed_rules_are_prominent():
    plain = render_terminal(workshop("en"))
    header = next(line for line in plain.splitlines() if "Our working agreements" in line)
    assert "╔" in header  # a double-lined panel of its own
    rules = plain.split("Our working agreements")[1].split("╚")[0]
    assert "1. Kerromme muutoksista viikkopalaverissa" in rules
    assert "2. Tauot pidetään" in rules
    assert "Vanha sääntö" not in rules
    # the second line of a rule is shown as a line of its own, inside the rule
    lines = rules.splitlines()
    second = next(i for i, line in enumerate(lines) if "2. Tauot pidetään" in line)
    assert "# heading <script>alert(1)</script> a | b" in lines[second + 1]


def test_terminal_shows_markup_literally():
    plain = render_terminal(workshop("fi"))
    assert f"Pekka {MARKUP}" in plain
    assert MARKUP in plain  # the practice observation too
    w = Workshop(title=MARKUP, date=dt.date(2026, 1, 5), team=":smile: [link=http://x]y[/link]")
    plain = render_terminal(w)
    assert MARKUP in plain and ":smile: [link=http://x]y[/link]" in plain


def test_terminal_strips_escape_sequences():
    w = workshop("en")
    w.team = f"Team {ESC}"
    w.rules.agreed[0].keeper = "A\x00i\x07n\x08o\x7f\u0085"
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    show(w, console)
    raw = console.file.getvalue()
    # with colours on, the only escape sequences left are rich's own SGR styles
    without_styles = re.sub(r"\x1b\[[0-9;]*m", "", raw)
    assert "\x1b" not in without_styles and "\x9b" not in raw and "\x07" not in raw and "\x00" not in raw
    assert "pwned" not in raw and "2J" not in without_styles
    assert "Team red" in without_styles and "Aino" in without_styles


def test_safe():
    assert isinstance(safe("x"), Text)
    assert safe(MARKUP).plain == MARKUP
    assert safe(ESC).plain == "red"
    assert safe("rivi\r\ntoinen\rkolmas\tsarake").plain == "rivi\ntoinen\nkolmas\tsarake"
    assert safe("\x1bc\x1b(Bok\x1b").plain == "ok"
    assert safe(None).plain == ""
    assert safe(5).plain == "5"


# -- the bar chart --------------------------------------------------------------------------


def chart_lines(vote: Vote, lang: str = "en", width: int = 30) -> list[str]:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(bar_chart(vote, lang, width=width))
    return console.file.getvalue().splitlines()


def test_bar_chart_bars_are_proportional():
    vote = Vote(method="dots", options={"a": "Alpha", "b": "Beta", "c": "Gamma", "d": "Delta"},
                tallies={"a": 10, "b": 5, "c": 2, "d": 0}, ranking=["a", "b", "c", "d"], winners=["a"])
    lines = chart_lines(vote, width=30)
    bars = {line.split()[0]: line.count("█") for line in lines if line.strip()}
    assert bars == {"Alpha": 30, "Beta": 15, "Gamma": 6, "Delta": 0}
    alpha = next(line for line in lines if line.startswith("Alpha"))
    assert alpha.rstrip().endswith("10 ✓")
    assert "✓" not in next(line for line in lines if line.startswith("Beta"))
    assert [line.split()[0] for line in lines if line.strip()] == ["Alpha", "Beta", "Gamma", "Delta"]


def test_bar_chart_small_counts_still_show():
    vote = Vote(method="approval", options={"a": "A", "b": "B"}, tallies={"a": 100, "b": 1}, ranking=["a", "b"])
    lines = chart_lines(vote, width=20)
    assert [line.count("█") for line in lines] == [20, 1]


def test_bar_chart_notes_a_tie_and_keeps_text_literal():
    vote = Vote(method="dots", options={"a": MARKUP, "b": "Beta"}, tallies={"a": 4, "b": 4},
                ranking=["a", "b"], tie=Tie(options=["a", "b"], policy="runoff"))
    lines = chart_lines(vote, "fi")
    assert lines[0].startswith(MARKUP)
    assert "Tasatilanne: ”[bold red]x[/]”, ”Beta”" in lines
    settled = vote.model_copy(update={"tie": Tie(options=["a", "b"], policy="discuss", chosen=["b"]), "winners": ["b"]})
    assert "Went through: “Beta”" in chart_lines(settled)


def test_bar_chart_fist_to_five():
    vote = Vote(method="fist_to_five", tallies={"5": 4, "3": 2, "0": 1}, threshold=1, accepted=False)
    lines = [line for line in chart_lines(vote, "fi") if line.strip()]
    assert [line.split("█")[0].split("  ")[0].strip() for line in lines[:6]] == [
        "5 sormea", "4 sormea", "3 sormea", "2 sormea", "1 sormi", "0 sormea"]
    assert [line.count("█") for line in lines[:6]] == [30, 0, 15, 0, 0, 8]
    assert lines[6] == "Tulos: ei hyväksytty"


def test_bar_chart_without_votes():
    assert chart_lines(Vote(method="dots", options={"a": "A"}), width=10)[0].count("█") == 0


# -- dates, numbers, names ------------------------------------------------------------------


def test_format_date():
    assert format_date(dt.date(2026, 11, 23), "fi") == "23.11.2026"
    assert format_date(dt.date(2026, 1, 5), "fi") == "5.1.2026"
    assert format_date(dt.date(2026, 1, 5), "en") == "2026-01-05"
    assert format_date(None, "fi") == ""


def test_format_number_and_change():
    assert text.format_number(4.5, "fi") == "4,5"
    assert text.format_number(4.5, "en") == "4.5"
    assert text.format_number(72.0, "fi") == "72"
    assert text.format_number(-0.5, "fi") == "−0,5"
    assert text.format_change(4.5, 5.0, "en") == "-0.5"
    assert text.format_change(72, 70, "fi") == "+2"
    assert text.format_change(3, 3, "fi") == "±0"
    assert text.format_change(3, None, "fi") == ""


def test_method_names_fall_back_when_content_is_missing(monkeypatch):
    def missing(name, lang):
        raise FileNotFoundError(name)

    monkeypatch.setattr(text, "content", missing)
    assert text.principle_title(3, "fi") == "Periaate 3"
    assert text.principle_title(3, "en") == "Principle 3"
    assert text.practice_name("listening", "fi") == "listening"
    assert text.theme_name("information", "fi") == "information"
    out = to_markdown(workshop("fi"))
    assert "Periaate 3" in out and "### listening" in out


def test_unknown_entries_fall_back_to_their_id():
    assert text.theme_name("Oma teema", "fi") == "Oma teema"
    assert text.principle_title(3, "fi").startswith("3. ")


# -- the labels -----------------------------------------------------------------------------


def _leaves(node, prefix=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, node


def test_label_files_match():
    tables = {}
    for lang in ("fi", "en"):
        with open(CONTENT / lang / "render.toml", "rb") as f:
            tables[lang] = dict(_leaves(tomllib.load(f)))
    assert tables["fi"].keys() == tables["en"].keys()
    for key, fi in tables["fi"].items():
        fields = lambda s: sorted(name for _, name, _, _ in string.Formatter().parse(s) if name)
        assert fields(fi) == fields(tables["en"][key]), key


def test_finnish_labels():
    out = to_markdown(workshop("fi"))
    for word in ("Osallistujat", "Fasilitaattori", "Vastuuhenkilö", "Tavoitearvo", "Toimenpide", "Aikataulu",
                 "Seuranta", "Tunnusluku", "ei aloitettu", "kesken", "valmis", "lopetettu", "noudatettu"):
        assert word in out, word


def test_importing_the_package_does_not_import_rich():
    src = str(Path(dialogi.__file__).parent.parent)
    code = ("import sys; import dialogi.render, dialogi.render.markdown, dialogi.render.text; "
            "from dialogi.render import to_markdown; assert 'rich' not in sys.modules, 'rich'")
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": src})


# -- properties -----------------------------------------------------------------------------

TYPED = st.text(st.characters(min_codepoint=32, max_codepoint=126) | st.sampled_from("äöÅ\n\t"), max_size=40)


def _shown(line: str) -> str:
    """How markdown-it prints a line of plain text in HTML."""
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_any_typed_text_shows_as_itself(s):
    lines = [line.strip() for line in s.split("\n") if line.strip()]
    if not lines:
        return
    assert html(escape_md(s)) == "<p>" + "<br />\n".join(_shown(line) for line in lines) + "</p>\n"
    table = html(f"| h |\n| --- |\n| {cell(s)} |\n")
    assert "<td>" + "<br>".join(_shown(line) for line in lines) + "</td>" in table
    listed = html("1. **" + escape_md(s, indent="   ") + "**\n   - x\n")
    assert listed.count("<li>") == 2 and listed.count("<ol>") == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_safe_leaves_no_control_characters(s):
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", safe(s).plain)


# -- a vote in two rounds, a vote taken again ---------------------------------------------


def two_rounds(lang: str) -> Workshop:
    """Rules chosen by a dot vote whose tie went to a runoff that tied again, then a discussion."""
    from dialogi.record.models import Runoff, Tie

    w = Workshop(title="Two rounds", date=dt.date(2026, 11, 23), language=lang, participant_count=6)
    options = {"p1": "Puhumme suoraan.", "p2": "Pidämme tauot.", "p3": "Tervehdimme.", "p4": "Tiskaamme."}
    tie = Tie(options=["p2", "p3", "p4"], policy="runoff", settled_by="discuss", chosen=["p3"], reason="Tervehtiminen on helpoin aloittaa.",
              runoff={"p2": 3, "p3": 3, "p4": 0}, runoff_round=Runoff(voters=6, secret=True, budget=1, cap=1, tied=["p2", "p3"]))
    earlier = Vote(method="approval", voters=5, options=options, tallies={"p1": 5}, ranking=["p1"], winners=["p1"], select=1)
    vote = Vote(method="dots", voters=6, budget=1, cap=1, select=2, options=options,
                tallies={"p1": 3, "p2": 1, "p3": 1, "p4": 1}, ranking=["p1", "p2", "p3", "p4"], winners=["p1", "p3"], tie=tie)
    w.rules.votes = [earlier, vote]
    w.rules.agreed = [Rule(id="r1", text="Puhumme suoraan."), Rule(id="r2", text="Tervehdimme.")]
    return w


def test_markdown_and_show_give_both_rounds_and_how_the_tie_ended():
    w = two_rounds("en")
    md = unescape(to_markdown(w))
    assert "**Round 2: the runoff among the tied**" in md
    assert "- **Agreed before the vote:** a runoff vote among the tied" in md
    assert "- **How it ended:** the runoff tied again; decided in discussion" in md
    assert "- **Tied again:** “Pidämme tauot.”, “Tervehdimme.”" in md
    rows = table_rows(to_markdown(w))
    second = rows.index(["Pidämme tauot.", "3"])  # the runoff's table, after the first round's
    assert rows[second: second + 3] == [["Pidämme tauot.", "3"], ["Tervehdimme.", "3"], ["Tiskaamme.", "0"]]
    assert ["Pidämme tauot.", "1", ""] in rows[:second]
    assert "(an earlier vote, kept as history)" in md and md.count("(an earlier vote") == 1
    shown = " ".join(render_terminal(w).split())
    for line in ("Round 2: the runoff among the tied", "How it ended the runoff tied again; decided in discussion",
                 "Agreed before the vote a runoff vote among the tied", "(an earlier vote, kept as history)"):
        assert line in shown, line


@pytest.mark.parametrize("lang, sentence", [
    ("fi", "valintarajan tasatilanteesta äänestettiin uudelleen. Kun sekin päättyi tasan, ryhmä ratkaisi keskustelemalla"),
    ("en", "a tie at the cut-off went to a runoff, which tied again, and the group decided in discussion"),
])
def test_the_poster_says_when_the_rules_were_chosen_in_two_rounds(lang, sentence):
    from dialogi.render.html import poster_html
    from dialogi.render.poster import poster_markdown, poster_text

    w = two_rounds(lang)
    for output in (poster_markdown(w), poster_text(w), poster_html(w)):
        assert sentence in " ".join(output.split())
    w.rules.votes[-1].tie = None
    assert sentence not in " ".join(poster_text(w).split())
