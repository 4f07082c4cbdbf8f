"""The printable HTML pages: the rules poster (one A4 sheet) and the wellbeing plan.

Each page is one standalone HTML5 file with the stylesheet ``print.css`` inline, so it can
be opened, mailed and printed anywhere, offline. Every string on the page - the group's
words and our own labels - goes through ``_e`` (``plain.printable``, then ``html.escape``);
the only markup is the structure written here.

The poster fits one A4 page at a readable size for up to about twelve rules: ``poster_fit``
estimates its height at each step of ``SIZES`` and takes the largest that fits, and in the
browser a small script measures the real page and corrects the step (``FIT_SCRIPT``).
"""

from __future__ import annotations

import html
import math
from functools import cache
from pathlib import Path

from dialogi.i18n import t
from dialogi.record.models import Workshop
from dialogi.render import plan as plan_doc
from dialogi.render.plain import one_line, printable
from dialogi.render.poster import Poster, poster
from dialogi.render.text import Block, Bullets, Chart, Document, Fields, Numbered, Paragraph, Section, Table, clean

CSS = Path(__file__).with_name("print.css")

# The steps of the rule text's size on the poster, in points. The poster takes the largest
# step at which it fits one page: first with each rule's details (how we notice it, who keeps
# an eye on it) down to DETAILS_MIN, then with the rules alone down to the smallest step; a
# set of rules too long even for that runs on to a second page.
SIZES = (28.0, 24.0, 21.0, 19.0, 17.0, 16.0, 15.0, 14.0, 13.0, 12.0)
DETAILS_MIN = 15.0

# A4 less the margins of print.css (12 mm top and bottom, 14 mm at the sides): the width in
# points, and the height the poster may take (FIT_HEIGHT, in mm: a little short of the page
# area, so that rounding never pushes the foot onto a second sheet).
_MM = 72 / 25.4
_WIDTH = (210 - 2 * 14) * _MM
FIT_HEIGHT = 265  # mm
# An average character's width in em, on the wide side (DejaVu Sans, the widest common
# fallback), with the room lost at line ends.
_CHAR = 0.6


@cache
def stylesheet() -> str:
    return CSS.read_text("utf-8")


def _e(text: object) -> str:
    """Any string as HTML text: cleaned, escaped, its line breaks kept."""
    return "<br>\n".join(html.escape(line) for line in printable(text).split("\n"))


def _foot(text: str, lang: str) -> str:
    line = f"<p>{_e(text)}</p>" if text else "<p></p>"
    return f'<footer class="foot">{line}<p class="brand">{_e(t("print.brand", lang))}</p></footer>'


# -- the poster -----------------------------------------------------------------------------


def _lines(text: str, size: float, width: float) -> int:
    per_line = max(1, int(width / (size * _CHAR)))
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n")) if text else 0


def _heading_size(size: float) -> float:
    return min(42.0, max(28.0, size * 1.55))  # as .poster h1 in print.css


def poster_height(p: Poster, size: float, details: bool) -> float:
    """An estimate of the poster's height in points with the rule text at ``size``,
    with or without the rules' details; it follows the measures of print.css."""
    height = _heading_size(size) * 1.1 + 4 * _MM + 1.5 + 6 * _MM  # heading, padding, line, space
    if p.team:
        height += 11 * 1.3 + 1.5 * _MM
    height += _lines(p.subtitle, 12.5, _WIDTH) * 12.5 * 1.3 + 2 * _MM
    height += 8 * _MM + 3 * _MM + _lines(p.footer, 10.5, _WIDTH * 0.8) * 10.5 * 1.3
    text_width = _WIDTH - 2.2 * size  # less the number and the gap after it
    small = max(9.5, size * 0.6)
    for index, group in enumerate(p.groups):
        if group.title:
            title = max(10.5, size * 0.62)
            height += _lines(group.title, title * 1.1, _WIDTH) * title * 1.3 + 1 * _MM + 0.75 + size * 0.35
        if index:
            height += size * 0.7
        for rule in group.rules:
            body = _lines(rule.text, size, text_width) * size * 1.28
            if details and rule.details:
                shown = " · ".join(f"{label}: {value}" for label, value in rule.details)
                body += size * 0.15 + _lines(shown, small, text_width) * small * 1.35
            height += max(body, size * 1.55) + size * 0.5
    return height


def fit_steps() -> list[tuple[float, bool]]:
    """The (size, with details) steps to try, best first."""
    return [(size, True) for size in SIZES if size >= DETAILS_MIN] + [(size, False) for size in SIZES]


def poster_fit(p: Poster) -> tuple[float, bool]:
    """The first step of ``fit_steps`` at which the estimate fits one page, with a margin
    for the estimate's error; the last step when none does."""
    for size, details in fit_steps():
        if poster_height(p, size, details) <= FIT_HEIGHT * _MM * 0.93:
            return size, details
    return fit_steps()[-1]


# In a browser (and in Chromium printing to PDF) the page then measures itself with the
# fonts it really has and takes the first step at which the masthead, the rules and the foot
# take at most FIT_HEIGHT mm. Without JavaScript the estimate stays.
FIT_SCRIPT = """(function () {
  var page = document.querySelector("main.poster");
  var head = page.querySelector(".masthead"), area = page.querySelector(".rules-area");
  var foot = page.querySelector(".foot");
  var mm = 96 / 25.4, limit = parseFloat(page.dataset.height) * mm;
  var steps = page.dataset.steps.split(" ");
  function needed() {
    var last = area.lastElementChild || area;
    return last.getBoundingClientRect().bottom - head.getBoundingClientRect().top + 8 * mm + foot.offsetHeight;
  }
  for (var i = 0; i < steps.length; i++) {
    var brief = steps[i].slice(-1) === "b";
    page.style.setProperty("--size", parseFloat(steps[i]) + "pt");
    page.classList.toggle("brief", brief);
    if (needed() <= limit) return;
  }
})();
"""


def _rule(number: int, text: str, details: list[tuple[str, str]]) -> str:
    parts = [f'<li class="rule"><span class="rule-num" aria-hidden="true">{number}</span>',
             f'<div class="rule-body"><p class="rule-text">{_e(text)}</p>']
    if details:
        shown = '<span class="sep">·</span>'.join(
            f'<span class="detail"><span class="label">{_e(label)}:</span> {_e(value)}</span>'
            for label, value in details
        )
        parts.append(f'<p class="rule-details">{shown}</p>')
    parts.append("</div></li>")
    return "".join(parts)


def poster_html(workshop: Workshop) -> str:
    """The agreed rules as a poster: one A4 page for up to about twelve rules."""
    p = poster(workshop)
    size, details = poster_fit(p)
    body = ['<header class="masthead">']
    if p.team:
        body.append(f'<p class="kicker">{_e(p.team)}</p>')
    body.append(f"<h1>{_e(p.heading)}</h1>")
    body.append(f'<p class="subtitle">{_e(p.subtitle)}</p>')
    body.append("</header>")
    body.append('<div class="rules-area">')
    for group in p.groups:
        body.append('<section class="theme">')
        if group.title:
            body.append(f"<h2>{_e(group.title)}</h2>")
        start = group.rules[0].number if group.rules else 1
        body.append(f'<ol class="rules" start="{start}">')
        body += [_rule(rule.number, rule.text, rule.details) for rule in group.rules]
        body.append("</ol>")
        body.append("</section>")
    body.append("</div>")
    body.append(_foot(p.footer, p.lang))
    body.append(f"<script>\n{FIT_SCRIPT}</script>")
    steps = " ".join(f"{s:g}" + ("" if d else "b") for s, d in fit_steps())
    return _document(p.lang, p.page_title, "poster" if details else "poster brief", body,
                     style=f"--size: {size:g}pt", data={"steps": steps, "height": f"{FIT_HEIGHT:g}"})


def _document(lang: str, title: str, kind: str, body: list[str], style: str = "",
              data: dict[str, str] | None = None, head: str = "") -> str:
    attributes = f' style="{html.escape(style)}"' if style else ""
    attributes += "".join(f' data-{name}="{html.escape(value)}"' for name, value in (data or {}).items())
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="dialogi">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{stylesheet()}</style>",
        *([f"<style>\n{head}</style>"] if head else []),
        "</head>",
        "<body>",
        f'<main class="page {kind}"{attributes}>',
        *body,
        "</main>",
        "</body>",
        "</html>",
        "",
    ])


# -- a document tree (the plan) -------------------------------------------------------------


def _fields(block: Fields, css: str = "fields") -> str:
    rows = "".join(f'<div class="field"><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>' for label, value in block.pairs)
    return f'<dl class="{css}">{rows}</dl>'


def _table(block: Table) -> str:
    def cls(numeric: bool, value: str = "") -> str:
        if numeric:
            return ' class="num"'
        # a date, a period or a figure with its unit breaks nowhere
        return ' class="short"' if 0 < len(value) <= 14 and " " not in value.strip() else ""

    parts = ["<table>"]
    if block.title:
        parts.append(f"<caption>{_e(block.title)}</caption>")
    parts.append("<thead><tr>" + "".join(f"<th{cls(c.numeric)}>{_e(c.header)}</th>" for c in block.columns)
                 + "</tr></thead>")
    parts.append("<tbody>")
    for row in block.rows:
        cells = "".join(f"<td{cls(c.numeric, v)}>{_e(v)}</td>" for c, v in zip(block.columns, row))
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)


def _chart(block: Chart) -> str:
    """The chart as inline SVG (matplotlib escapes the text in it), captioned; the caption
    also labels the figure for screen readers."""
    from dialogi.render.charts import chart_svg

    if not block.series.points:
        return ""
    caption = _e(block.caption)
    return (f'<figure class="chart" role="img" aria-label="{caption}">'
            f"<figcaption>{caption}</figcaption>{chart_svg(block.series, block.lang)}</figure>")


def _blocks(blocks: list[Block], level: int) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Section):
            out.append(f'<section class="level-{level}">')
            out.append(f"<h{min(level, 6)}>{_e(block.title)}</h{min(level, 6)}>")
            out += _blocks(block.blocks, level + 1)
            out.append("</section>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{_e(block.text)}</p>")
        elif isinstance(block, Fields):
            out.append(_fields(block))
        elif isinstance(block, Bullets):
            out.append("<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Numbered):
            items = []
            for label, entry in zip(block.labels(), block.items):
                details = _fields(Fields(entry.details)) if entry.details else ""
                value = "" if block.bullets else f' value="{_e(label.rstrip("."))}"'
                items.append(f"<li{value}><p>{_e(entry.text)}</p>{details}</li>")
            tag = "ul" if block.bullets else "ol"
            out.append(f"<{tag}>" + "".join(items) + f"</{tag}>")
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Chart):
            out.append(_chart(block))
        else:
            raise TypeError(f"no HTML form for {type(block).__name__}")
    return out


def document_body(doc: Document) -> list[str]:
    """A document tree as the body of a page: the title, a first block of fields as the
    masthead's details, then the sections."""
    blocks = list(doc.blocks)
    body = ['<header class="masthead">', f"<h1>{_e(doc.title)}</h1>"]
    if blocks and isinstance(blocks[0], Fields):
        body.append(_fields(blocks.pop(0), "fields meta"))
    body.append("</header>")
    return body + _blocks(blocks, 2)


def css_string(text: str) -> str:
    """Any text as a quoted CSS string: all but letters, digits and spaces as hex escapes, so
    that nothing in it can end the string or the ``<style>`` element."""
    # the space after six hex digits ends the escape and is not part of the string
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x} " for c in clean(text)) + '"'


def page_margins(left: str, page_label: str) -> str:
    """The running foot of every printed page (``@page`` margin boxes): ``left`` (the team) on
    the left, the page number as ``page_label`` says it (``Page {page} of {pages}``) on the right."""
    import re

    parts = []
    for piece in re.split(r"(\{pages?\})", page_label):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(css_string(piece))
    font = "font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; color: #4f5a63;"
    return (f"@page {{ @bottom-left {{ content: {css_string(one_line(left))}; {font} }}"
            f" @bottom-right {{ content: {' '.join(parts)}; {font} }} }}\n")


def review_html(workshop: Workshop, path: Path | None = None) -> str:
    """The follow-up report as printable pages: A4, the team and the page number on each,
    a chart of each indicator over the years."""
    from dialogi.render import review_report

    lang = workshop.language
    body = document_body(review_report.report_document(workshop, path))
    body.append(_foot("", lang))  # the report closes with the next follow-up date itself
    title = review_report.page_title(workshop)
    foot = " · ".join(x for x in (one_line(workshop.team) or one_line(workshop.title), t("print.review.heading", lang)) if x)
    return _document(lang, title, "plan report", body, head=page_margins(foot, t("print.review.page", lang)))


def plan_html(workshop: Workshop) -> str:
    """The wellbeing plan as a printable document (as many A4 pages as it takes)."""
    lang = workshop.language
    body = document_body(plan_doc.plan_document(workshop))
    body.append(_foot(plan_doc.footer(workshop), lang))
    return _document(lang, plan_doc.page_title(workshop), "plan", body)
