"""Hostile text in every text field of a whole record, through every output.

Each of the demo's two complete workshops gets, in every string field of the record that holds
the group's words or names (titles, participants, rule texts, proposals, goal fields, action
owners, indicator names, review notes, vote subjects and options...), a string with a heading,
bold and a table row in Markdown, a ``<script>``, rich markup, terminal escape sequences (a
colour and a window title) and a right-to-left override - each numbered, so that every field
can be found again - and one rule gets a 100 kB text. Then ``show`` (rich, in colour),
``export --format md|json``, ``print --format html|md|txt``, ``list``, ``actions`` and
``diff``: each field's visible text is there - verbatim, or in the escaped form of HTML and
Markdown - and none of it acts: no escape sequence reaches a terminal or a plain-text page,
rich markup shows as typed, Markdown gets no heading, emphasis, HTML or extra table column
from it, HTML no tag.
"""

from __future__ import annotations

import enum
import html
import io
import json
import re
import typing
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pydantic import BaseModel

from dialogi.record import store
from dialogi.record.models import Workshop
from dialogi.render import printing
from harness import demo_records, invoke

# Strings that point at other parts of the record (ids), not the group's words.
REFERENCES = {
    "id", "rule", "action", "from_proposal", "merged_into", "merged_from", "winners", "ranking", "added_rules",
    "chosen", "options@Tie", "indicator@IndicatorReading", "goal@GoalOutcome", "origin",
}
# Text fields the whole-record views leave out by design: the subject and option of each
# rule's fist-to-five check (the rule itself is shown, with the check's result), the list of
# the group's own wellbeing themes (each proposal shows its theme), an observation's theme
# (observations have none), and the earlier goal of an action (only carried-over actions have
# one, and the ``actions`` command shows it).
NOT_IN_RECORD_VIEWS = re.compile(
    r"\.consent\.(subject|options\.\w+)$|^wellbeing\.themes\[\d+\]$|^wellbeing\.observations\[\d+\]\.theme$"
    r"|\.actions\[\d+\]\.goal$|^wellbeing\.carried_over\[\d+\]\.goal$"
)
# The field that gets the 100 kB text: the first agreed rule, or the first goal's improvement.
BIG = {"rules.agreed[0].text": "rules", "wellbeing.goals[0].improvement": "plan"}
BIG_SIZE = 100_000


def hostile(n: int) -> str:
    return f"# H{n} **x** | a | b |\n<script>alert({n})</script> [bold red]markup{n}[/] \x1b[31mRED{n}\x1b]0;title\x07 \u202eRTL{n}"


def big(n: int) -> str:
    filler = "Pitkä sääntö, joka jatkuu ja jatkuu. " * (BIG_SIZE // 36)
    return (hostile(n) + " " + filler)[: BIG_SIZE - 8] + " BIG-END"


def visible(n: int) -> list[str]:
    """What a reader must see of field ``n``, as plain text."""
    return [f"# H{n} **x** | a | b |", f"<script>alert({n})</script>", f"[bold red]markup{n}[/]", f"RED{n}", f"RTL{n}"]


@dataclass
class Hostile:
    workshop: Workshop
    fields: dict[str, int]  # field path -> its number in the hostile text

    def expected(self, paths: typing.Iterable[str] | None = None) -> dict[str, int]:
        chosen = self.fields if paths is None else {p: self.fields[p] for p in paths}
        return {p: n for p, n in chosen.items() if p not in BIG}

    @property
    def big_on(self) -> str:
        """The printed document the 100 kB text is on."""
        return next(document for path, document in BIG.items() if path in self.fields)


def _literal(annotation: typing.Any) -> bool:
    return typing.get_origin(annotation) is typing.Literal or any(_literal(a) for a in typing.get_args(annotation))


def fill(model: BaseModel, fields: dict[str, int], where: str = "") -> None:
    """Every free-text string of ``model`` (and of the models inside it) made hostile."""

    def next_text(path: str) -> str:
        fields[path] = len(fields) + 1
        big_here = path in BIG and not any(p in fields for p in BIG if p != path)
        return big(fields[path]) if big_here else hostile(fields[path])

    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        path = f"{where}.{name}" if where else name
        if name in REFERENCES or f"{name}@{type(model).__name__}" in REFERENCES or _literal(info.annotation):
            continue
        if isinstance(value, BaseModel):
            fill(value, fields, path)
        elif isinstance(value, str) and not isinstance(value, enum.Enum):
            setattr(model, name, next_text(path))
        elif isinstance(value, list):
            for k, item in enumerate(value):
                if isinstance(item, BaseModel):
                    fill(item, fields, f"{path}[{k}]")
            if value and all(isinstance(v, str) and not isinstance(v, enum.Enum) for v in value):
                setattr(model, name, [next_text(f"{path}[{k}]") for k in range(len(value))])
        elif isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            setattr(model, name, {key: next_text(f"{path}.{key}") for key in value})


def make_hostile(raw_record: dict) -> Hostile:
    workshop = Workshop.model_validate(raw_record)
    fields: dict[str, int] = {}
    fill(workshop, fields)
    return Hostile(workshop, fields)


# -- what each kind of output must (not) contain ----------------------------------------------

SGR = re.compile(r"\x1b\[[0-9;]*m")
# A vote's options are shown beside their bars, in a column 40 characters wide.
BAR_CHART = re.compile(r"\.votes\[\d+\]\.options\.")


def check_terminal(out: str, expected: dict[str, int]) -> None:
    """Rich's own colours are fine; nothing of the user's escapes, markup read as text."""
    assert "\x1b]" not in out and "\x07" not in out, "a window-title (OSC) sequence reached the terminal"
    assert "\u202e" not in out
    for n in expected.values():
        assert f"\x1b[31mRED{n}" not in out, f"field {n}: the user's colour reached the terminal"
    text = SGR.sub("", out)
    assert "\x1b" not in text, "an escape sequence other than rich's own colours"
    flat = " ".join(text.split())
    words = set(text.split())
    for path, n in expected.items():
        for part in visible(n):
            if BAR_CHART.search(path):  # a narrow column of the bar chart: the words, each as typed
                assert set(part.split()) <= words, f"{path}: {part!r} is not shown"
            else:
                assert part in flat, f"{path}: {part!r} is not shown"


def check_plain(out: str, expected: dict[str, int]) -> None:
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), "a control character"
    flat = " ".join(out.split())
    for path, n in expected.items():
        for part in visible(n):
            assert part in flat, f"{path}: {part!r} is not in the text"


MARKDOWN = MarkdownIt("commonmark").enable("table")


def check_markdown(out: str, expected: dict[str, int]) -> None:
    """Parsed as a Markdown viewer would: the user's text makes no HTML, heading, emphasis or
    table cell of its own, and shows as typed."""
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), "a control character"
    tokens = MARKDOWN.parse(out)
    inline = [child for token in tokens for child in (token.children or [])]
    raw_html = [t.content for t in tokens + inline if t.type in ("html_block", "html_inline")]
    assert set(raw_html) <= {"<br>"}, f"raw HTML from the record: {raw_html[:5]}"  # <br>: a line break in a table cell
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            assert not re.match(r"H\d", tokens[i + 1].content), f"a heading made of user text: {tokens[i + 1].content!r}"
    assert not [t for t in inline if t.type == "strong_open" and t.markup == "**" and _next_text(inline, t).startswith("x")], \
        "the user's **x** became bold"
    _check_tables(out)
    page = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", MARKDOWN.render(out))).split())
    for path, n in expected.items():
        for part in visible(n):
            assert part in page, f"{path}: {part!r} does not show on the rendered page"


def _next_text(inline: list, opening) -> str:
    index = inline.index(opening)
    return next((t.content for t in inline[index + 1:] if t.type == "text"), "")


def _check_tables(out: str) -> None:
    """Every row of a table has as many cells as its header (no pipe of the user's splits one)."""
    cells = None
    for line in out.split("\n"):
        if line.startswith("|"):
            count = len(re.findall(r"(?<!\\)\|", line))
            cells = count if cells is None else cells
            assert count == cells, f"a table row with {count - 1} cells instead of {cells - 1}: {line[:200]!r}"
        else:
            cells = None


class _Tags(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1


def check_html(out: str, expected: dict[str, int], benign: str) -> None:
    """``benign``: the same page for the workshop before its text was made hostile."""
    tags, usual = _Tags(out).tags, _Tags(benign).tags
    assert set(tags) <= set(usual) | {"br"}, f"tags from the record: {set(tags) - set(usual) - {'br'}}"
    assert tags["script"] == usual["script"], "a script tag from the record"
    assert "<script>alert" not in out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), "a control character"
    page = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", out)).split())
    for path, n in expected.items():
        for part in visible(n):
            assert part in page, f"{path}: {part!r} does not show on the page"
        assert html.escape(f"<script>alert({n})</script>", quote=False) in out


def check_big(out: str) -> None:
    """The 100 kB rule is there, whole, to its very end."""
    assert "BIG-END" in out
    sentence = "Pitkä sääntö, joka jatkuu ja jatkuu."
    text = re.sub("[\u2500-\u257f]", " ", SGR.sub("", out))  # a terminal's styles and box borders on each line
    assert " ".join(text.split()).count(sentence) >= big(0).count(sentence)


# -- the outputs ----------------------------------------------------------------------------------


@pytest.fixture(params=["fi", "en"])
def record(request, tmp_path, monkeypatch) -> tuple[Hostile, Path]:
    """The hostile workshop and its file; the demo workshop it was made from is next to the
    folder, as ``benign.toml``."""
    monkeypatch.setenv("COLUMNS", "4000")  # wide enough that no table cell wraps
    demo = next(d for d in demo_records() if d.language == request.param)
    made = make_hostile(demo.data)
    path = tmp_path / "workshops" / "hostile.toml"
    path.parent.mkdir()
    store.save(path, made.workshop)
    assert store.load(path) == made.workshop  # the file keeps every hostile string as it is
    (tmp_path / "benign.toml").write_bytes(demo.raw)
    return made, path


def record_views(made: Hostile) -> dict[str, int]:
    return made.expected(p for p in made.fields if not NOT_IN_RECORD_VIEWS.search(p))


def test_show_in_colour(record, robustness_counts):
    from rich.console import Console

    from dialogi.render.terminal import show

    made, _ = record
    out = io.StringIO()
    show(made.workshop, Console(file=out, force_terminal=True, color_system="truecolor", width=4000, height=50))
    check_terminal(out.getvalue(), record_views(made))
    check_big(out.getvalue())
    robustness_counts["hostile fields checked"] += len(made.fields)


def test_export_markdown_and_json(record):
    made, path = record
    md = invoke("export", path, "--format", "md")
    assert md.code == 0, md.err
    check_markdown(md.out, record_views(made))
    check_big(md.out)

    js = invoke("export", path, "--format", "json")
    assert js.code == 0, js.err
    assert "\x1b" not in js.out and "\x07" not in js.out  # JSON escapes them: \u001b
    assert json.loads(js.out) == json.loads(made.workshop.model_dump_json(by_alias=True)), "JSON keeps every string as it is"


def printed_fields(made: Hostile, document: str) -> dict[str, int]:
    """The fields a printed document shows at least: the rules and their details on the poster;
    the goals, their actions and the earlier work in the plan."""
    pattern = {
        "rules": r"^(title|team)$|^rules\.agreed\[\d+\]\.(text|observed_by|keeper)$",
        "plan": r"^(title|team)$|^wellbeing\.goals\[\d+\]\.(title|improvement|schedule|follow_up)$"
                r"|^wellbeing\.goals\[\d+\]\.actions\[\d+\]\.(text|owner)$|^wellbeing\.carried_over\[\d+\]\.(text|owner)$",
        "review": r"^(title|team)$|^wellbeing\.goals\[\d+\]\.(title|outcome)$|^wellbeing\.indicators\[\d+\]\.name$"
                  r"|^wellbeing\.goals\[\d+\]\.actions\[\d+\]\.(text|owner)$|^wellbeing\.carried_over\[\d+\]\.(text|owner)$"
                  r"|^reviews\[\d+\]\.note$",
    }[document]
    active = {f"rules.agreed[{k}]" for k, rule in enumerate(made.workshop.rules.agreed) if rule.in_force}
    return made.expected(p for p in made.fields if re.search(pattern, p)
                         and (not p.startswith("rules.agreed[") or p.rsplit(".", 1)[0] in active))


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_print(record, fmt):
    made, path = record
    documents = printing.available(made.workshop)
    assert documents
    for document in documents:
        result = invoke("print", path, "--what", document, "--format", fmt, "--output", "-")
        assert result.code == 0, result.err
        expected = printed_fields(made, document)
        assert expected
        if fmt == "html":
            benign = invoke("print", path.parent.parent / "benign.toml", "--what", document, "--format", fmt, "--output", "-")
            check_html(result.out, expected, benign.out)
        else:
            {"md": check_markdown, "txt": check_plain}[fmt](result.out, expected)
        if document == made.big_on:
            check_big(result.out)


def test_list_actions_and_diff_in_the_terminal(record):
    made, path = record
    listing = invoke("list", path.parent)
    assert listing.code == 0, listing.err
    check_terminal(listing.out, made.expected(["title", "team"]))

    actions = invoke("actions", path.parent, "--status", "all")
    assert actions.code == 0, actions.err
    owners = [p for p in made.fields if re.search(r"\.actions\[\d+\]\.(text|owner)$|^wellbeing\.carried_over\[\d+\]\.(text|owner)$", p)]
    check_terminal(actions.out, made.expected(owners))

    diff = invoke("diff", path)
    assert diff.code == 0, diff.err
    check_terminal(diff.out, {})
    diff_md = invoke("diff", path, "--format", "md")
    assert diff_md.code == 0, diff_md.err
    check_markdown(diff_md.out, {})
