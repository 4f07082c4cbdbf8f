"""What the renderers share: formatting, method names, cleaning of user text, and the layout.

The layout turns a workshop into a small tree of blocks (sections, fields, tables, lists,
votes). Every string in the tree is plain text - labels and the group's own words alike -
and each renderer escapes all of it in one place: ``markdown.escape_md``/``markdown.cell``
for Markdown, ``terminal.safe`` for the terminal. So the two outputs always carry the same
content, and no string in the record can turn into markup.

Nothing here imports rich.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from dialogi.i18n import content, plural, t
from dialogi.record.models import (
    Action,
    Goal,
    Indicator,
    IndicatorReading,
    Item,
    Review,
    Rule,
    TiePolicy,
    Vote,
    VoteMethod,
    Workshop,
)

if TYPE_CHECKING:
    from dialogi.followup.series import Series

# -- cleaning user text ---------------------------------------------------------------------

_ESCAPE_SEQUENCE = re.compile(
    r"""
      \x1b\[[0-?]*[ -/]*[@-~]                 # CSI: colours, cursor movement, erasing
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)       # OSC: window titles, hyperlinks, clipboard
    | \x1b[PX^_][^\x1b]*\x1b\\                # DCS, SOS, PM, APC strings
    | \x1b[ -/]*[0-~]                         # any other escape sequence (ESC c resets)
    | \x9b[0-?]*[ -/]*[@-~]                   # the 8-bit CSI
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, and the C1 controls; and the bidirectional
# embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069), with which a stray
# U+202E turns the rest of a line around in a terminal or on a Markdown page. The marks LRM,
# RLM and ALM stay: mixed Finnish and Arabic text needs them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: Any) -> str:
    """User text without terminal escape sequences, control characters and bidi overrides.

    Line breaks become ``\\n`` (``\\r\\n``, a lone ``\\r`` and the Unicode line and paragraph
    separators too), tabs stay, and everything else below U+0020 or in U+007F-U+009F goes, as do
    the bidirectional embedding, override and isolate controls.
    """
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    s = _ESCAPE_SEQUENCE.sub("", s)
    return _CONTROL.sub("", s)


def as_label(text: str) -> str:
    """A sentence used as a label before ":": its full stop goes ("…vastaväitteitä." -> "…vastaväitteitä",
    "…vastaväitteitä. ★" -> "…vastaväitteitä ★"), so no "vastaväitteitä.:" is ever printed."""
    return re.sub(r"(?<!\.)\.(?=[^\w.]*$)", "", text.rstrip(), count=1)


# -- dates and numbers ----------------------------------------------------------------------


def format_date(date: dt.date | None, lang: str) -> str:
    """Finnish ``23.11.2026``, otherwise ISO ``2026-11-23``; an empty string for no date."""
    if date is None:
        return ""
    if lang == "fi":
        return f"{date.day}.{date.month}.{date.year}"
    return date.isoformat()


def format_number(value: float | int | None, lang: str, decimals: int = 2) -> str:
    """``4``, ``4.25``; Finnish with a decimal comma and a real minus sign: ``−4,25``."""
    if value is None:
        return ""
    text = f"{float(value):.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:.0f}"
    if text in ("-0", ""):
        text = "0"
    if lang == "fi":
        text = text.replace(".", ",").replace("-", "\u2212")
    return text


def format_fixed(value: float, lang: str, decimals: int = 1) -> str:
    """A number with a fixed count of decimals, ``3.8`` / ``3,8`` (an average on screen)."""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",").replace("-", "\u2212") if lang == "fi" else text


def format_change(value: float | None, previous: float | None, lang: str, unit: str = "") -> str:
    """The signed difference ``+1.5`` / ``-2`` / ``±0``; empty when either value is missing.
    A figure in per cent changes by percentage points, ``+0.9 pp``: "+0.9 %" would read as relative."""
    if value is None or previous is None:
        return ""
    diff = round(value - previous, 6)
    text = "±0" if diff == 0 else ("+" if diff > 0 else "") + format_number(diff, lang)
    return t("render.reviews.points", lang, value=text) if unit.strip() == "%" else text


def with_unit(value: float | None, unit: str, lang: str) -> str:
    """``5,8 %`` in Finnish, ``5.8%`` in English (a space before any other unit)."""
    number = format_number(value, lang)
    if not (number and unit):
        return number
    return f"{number}{unit}" if unit == "%" and lang != "fi" else f"{number} {unit}".strip()


def yes_no(value: bool | None, lang: str) -> str:
    return "" if value is None else t("render.answers." + ("yes" if value else "no"), lang)


# -- method content, with a fallback while a file or an entry is missing --------------------


def _names(name: str, lang: str, list_key: str, key: str, value: str) -> dict[str, str]:
    try:
        entries = content(name, lang)[list_key]
        return {str(e[key]): str(e[value]) for e in entries if key in e and value in e}
    except Exception:  # a missing or half-written content file must never break a record
        return {}


def method_name(method: Any, lang: str) -> str:
    key = getattr(method, "value", method)
    try:
        return t(f"render.methods.{key}", lang)
    except Exception:
        return str(key)


def principle_title(number: int, lang: str) -> str:
    """``3. Pelkkä mahdollisuus ei riitä…``, or ``Periaate 3`` without the content file."""
    title = _names("principles", lang, "items", "number", "title").get(str(number))
    if title:
        return t("render.principles.item", lang, number=number, title=title)
    return t("render.principles.number_only", lang, number=number)


def practice_name(practice: Any, lang: str) -> str:
    key = str(getattr(practice, "value", practice))
    return _names("practices", lang, "items", "id", "name").get(key, key)


def theme_name(theme: str, lang: str) -> str:
    """A theme id's name from rules.toml; the group's own theme names stay as they are."""
    return _names("rules", lang, "themes", "id", "name").get(theme, theme)


# -- the document tree ----------------------------------------------------------------------


@dataclass
class Paragraph:
    text: str


@dataclass
class Fields:
    """Label-value pairs; ``table`` draws them as a two-column table (the metadata)."""

    pairs: list[tuple[str, str]]
    table: bool = False


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Entry:
    text: str
    details: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Numbered:
    """A numbered list whose items carry details (the agreed rules).

    ``numbers``: each item's own number (a rule has the same number in every output);
    ``None`` numbers them 1, 2, …; ``bullets`` lists them without numbers (rules no longer in
    force must not seem to hold a number)."""

    items: list[Entry]
    numbers: list[int] | None = None
    bullets: bool = False

    def labels(self) -> list[str]:
        if self.bullets:
            return ["•"] * len(self.items)
        return [f"{n}." for n in (self.numbers or range(1, len(self.items) + 1))]


@dataclass
class Column:
    header: str
    numeric: bool = False


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[str]]
    title: str = ""  # a caption above the table, where a heading would end the section


@dataclass
class VoteRow:
    option: str
    count: int
    winner: bool = False


@dataclass
class VoteBlock:
    title: str
    fields: list[tuple[str, str]]
    rows: list[VoteRow]
    tie: list[tuple[str, str]]
    columns: tuple[str, str, str]  # the headings: option, count, chosen
    vote: Vote
    runoff_title: str = ""  # the second round, when a runoff settled a tie
    runoff_fields: list[tuple[str, str]] = field(default_factory=list)
    runoff_rows: list[VoteRow] = field(default_factory=list)


@dataclass
class Chart:
    """An indicator over time: drawn as SVG on printed pages, as a line of characters elsewhere."""

    series: Series
    caption: str
    lang: str

    def line(self) -> str:
        """The chart in one line of text: its caption, the trend and the first and last value."""
        from dialogi.followup.series import sparkline

        lang = self.lang
        values = [p.value for p in self.series.points]
        span = t("render.wellbeing.trend_values", lang, first=format_number(values[0], lang), last=format_number(values[-1], lang))
        return f"{self.caption}: {sparkline(values)} {span}" if values else self.caption


@dataclass
class Section:
    title: str
    blocks: list[Block]
    prominent: bool = False


Block = Union[Paragraph, Fields, Bullets, Numbered, Table, VoteBlock, Chart, Section]


@dataclass
class Document:
    title: str
    blocks: list[Block]


def _pairs(*pairs: tuple[str, Any]) -> list[tuple[str, str]]:
    """The pairs whose value says something; values as strings."""
    return [(label, str(value)) for label, value in pairs if value not in (None, "", [])]


def _fields(*pairs: tuple[str, Any]) -> list[Block]:
    kept = _pairs(*pairs)
    return [Fields(kept)] if kept else []


def _table(
    columns: list[Column], rows: list[list[str]], optional: tuple[int, ...] = (), title: str = ""
) -> list[Block]:
    """A table, or nothing without rows; the ``optional`` columns only when one row fills them."""
    if not rows:
        return []
    drop = {i for i in optional if not any(row[i] for row in rows)}
    cols = [c for i, c in enumerate(columns) if i not in drop]
    return [Table(cols, [[v for i, v in enumerate(row) if i not in drop] for row in rows], title)]


def _section(title: str, blocks: list[Block], prominent: bool = False) -> list[Block]:
    return [Section(title, blocks, prominent)] if blocks else []


# -- votes ----------------------------------------------------------------------------------


def vote_rows(vote: Vote, lang: str) -> list[VoteRow]:
    """The tallies in the order to show them: most votes first; fist-to-five from 5 down to 0."""
    if vote.method == VoteMethod.FIST:
        return [
            VoteRow(plural("render.votes.fingers", level, lang), vote.tallies.get(str(level), 0))
            for level in range(5, -1, -1)
        ]
    ids = [i for i in vote.ranking if i in vote.options or i in vote.tallies]
    rest = [i for i in {**vote.options, **vote.tallies} if i not in ids]
    ids += sorted(rest, key=lambda i: -vote.tallies.get(i, 0))  # stable: ties keep their order
    return [VoteRow(vote.options.get(i) or i, vote.tallies.get(i, 0), i in vote.winners) for i in ids]


def quoted_options(vote: Vote, ids: list[str], lang: str) -> str:
    """The options' texts, each in quotation marks: "“Talk directly”, “Take breaks”"."""
    return ", ".join(t("render.votes.quoted", lang, text=" ".join((vote.options.get(i) or i).split())) for i in ids)


def tie_outcome(vote: Vote, lang: str) -> str:
    """How a tie ended, in words: by the runoff; the runoff tied again, then a discussion; …"""
    tie = vote.tie
    if tie is None or tie.settled_by is None:
        return ""
    how = "runoff_discuss" if tie.policy == TiePolicy.RUNOFF and tie.settled_by == TiePolicy.DISCUSS else tie.settled_by.value
    return t(f"render.votes.settled.{how}", lang)


def vote_fields(vote: Vote, lang: str) -> list[tuple[str, str]]:
    fist = vote.method == VoteMethod.FIST
    result = ""
    if vote.accepted is not None:
        result = t("render.votes." + ("accepted" if vote.accepted else "rejected"), lang)
    return _pairs(
        (t("render.votes.proposal", lang), "\n".join(vote.options.values()) if fist else ""),
        (t("render.votes.method", lang), t(f"render.votes.methods.{vote.method.value}", lang)),
        (t("render.votes.date", lang), format_date(vote.date, lang)),
        (t("render.votes.voters", lang), vote.voters or ""),
        (t("render.votes.budget", lang), vote.budget),
        (t("render.votes.cap", lang), vote.cap),
        (t("render.votes.select", lang), vote.select),
        (t("render.votes.threshold", lang), vote.threshold),
        (t("render.votes.secret", lang), yes_no(True, lang) if vote.secret else ""),
        (t("render.votes.result", lang), result),
        (t("render.votes.concerns", lang), vote.concerns),
    )


def tie_fields(vote: Vote, lang: str) -> list[tuple[str, str]]:
    """The tie: what the group agreed before the vote, how it ended, who went through, why."""
    tie = vote.tie
    if tie is None:
        return []
    return _pairs(
        (t("render.votes.tie", lang), quoted_options(vote, tie.options, lang)),
        (t("render.votes.tie_policy", lang), t(f"render.votes.policies.{tie.policy.value}", lang)),
        (t("render.votes.tie_settled_by", lang), tie_outcome(vote, lang)),
        (t("render.votes.tie_chosen", lang), quoted_options(vote, tie.chosen, lang)),
        (t("render.votes.tie_reason", lang), tie.reason),
    )


def runoff_rows(vote: Vote) -> list[VoteRow]:
    """The runoff's tallies, most first; ticked: those the runoff itself took through."""
    tie = vote.tie
    if tie is None or not tie.runoff:
        return []
    again = set(tie.runoff_round.tied) if tie.runoff_round else set()
    ids = sorted(tie.runoff, key=lambda i: -tie.runoff[i])
    return [VoteRow(vote.options.get(i) or i, tie.runoff[i], i in tie.chosen and i not in again) for i in ids]


def runoff_fields(vote: Vote, lang: str) -> list[tuple[str, str]]:
    second = vote.tie.runoff_round if vote.tie else None
    if second is None:
        return []
    return _pairs(
        (t("render.votes.voters", lang), second.voters or ""),
        (t("render.votes.budget", lang), second.budget),
        (t("render.votes.cap", lang), second.cap),
        (t("render.votes.secret", lang), yes_no(True, lang) if second.secret else ""),
        (t("render.votes.tied_again", lang), quoted_options(vote, second.tied, lang)),
    )


def vote_block(vote: Vote, number: int, lang: str, earlier: bool = False) -> VoteBlock:
    """One vote; ``earlier``: a vote taken again later, kept as history."""
    title = vote.subject.strip() or t("render.votes.untitled", lang, number=number)
    if earlier:
        title = t("render.votes.earlier", lang, title=title)
    count = {VoteMethod.DOTS: "count_dots", VoteMethod.APPROVAL: "count_approvals"}.get(vote.method, "count")
    columns = (t("render.votes.option", lang), t(f"render.votes.{count}", lang), t("render.votes.chosen", lang))
    rows = runoff_rows(vote)
    return VoteBlock(title, vote_fields(vote, lang), vote_rows(vote, lang), tie_fields(vote, lang), columns, vote,
                     t("render.votes.runoff_round", lang) if rows else "", runoff_fields(vote, lang), rows)


def _votes(votes: list[Vote], lang: str) -> list[Block]:
    ranked = [v for v in votes if v.method != VoteMethod.FIST]
    current = ranked[-1] if ranked else None
    blocks = [vote_block(v, i, lang, v.method != VoteMethod.FIST and v is not current) for i, v in enumerate(votes, 1)]
    return _section(t("render.votes.heading", lang), blocks)


# -- items (proposals, observations) --------------------------------------------------------


def item_state(item: Item, lang: str) -> str:
    states = []
    if item.deleted:
        states.append(t("render.rules.deleted", lang))
    if item.merged_into:
        states.append(t("render.rules.merged_into", lang, id=item.merged_into))
    if item.merged_from:
        states.append(t("render.rules.merged_from", lang, ids=", ".join(item.merged_from)))
    return "; ".join(states) or t("render.rules.active", lang)


def _items_table(items: list[Item], lang: str, themes: list[str]) -> list[Block]:
    """Items grouped by theme (the workshop's theme order first), with their state."""
    order = {theme: i for i, theme in enumerate(themes)}
    def rank(pair: tuple[int, Item]) -> tuple[int, bool, str, int]:
        index, item = pair
        return order.get(item.theme, len(order)), item.theme == "", item.theme, index

    ranked = sorted(enumerate(items), key=rank)
    rows = [
        [
            theme_name(item.theme, lang) if item.theme else t("render.rules.no_theme", lang),
            item.id,
            item.text,
            item_state(item, lang),
        ]
        for _, item in ranked
    ]
    columns = [Column(t("render.rules.theme", lang)), Column(t("render.rules.id", lang)),
               Column(t("render.rules.proposal", lang)), Column(t("render.rules.state", lang))]
    if not any(item.theme for item in items):
        return _table(columns[1:], [row[1:] for row in rows])
    return _table(columns, rows)


# -- the sections ---------------------------------------------------------------------------


def _metadata(w: Workshop, lang: str) -> Fields:
    count = w.participant_count or len(w.participants)
    return Fields(
        _pairs(
            (t("render.meta.date", lang), format_date(w.date, lang)),
            (t("render.meta.team", lang), w.team),
            (t("render.meta.facilitator", lang), w.facilitator),
            (t("render.meta.language", lang), t(f"render.languages.{w.language}", lang)),
            (t("render.meta.participant_count", lang), count or ""),
            (t("render.meta.participants", lang), ", ".join(w.participants)),
            (t("render.meta.carried_from", lang), w.carried_from),
        ),
        table=True,
    )


def _agenda(w: Workshop, lang: str) -> list[Block]:
    rows = [[method_name(a.method, lang), t(f"render.status.{a.status.value}", lang)] for a in w.agenda]
    columns = [Column(t("render.agenda.method", lang)), Column(t("render.agenda.status", lang))]
    return _section(t("render.agenda.heading", lang), _table(columns, rows))


def _principles(w: Workshop, lang: str) -> list[Block]:
    p = w.principles
    blocks: list[Block] = _fields((t("render.principles.agreed", lang), yes_no(p.agreed, lang)))
    if p.emphasised:
        blocks += _section(t("render.principles.emphasised", lang),
                           [Bullets([principle_title(n, lang) for n in p.emphasised])])
    remarks = _pairs(*((principle_title(r.number, lang), r.remark) for r in p.remarks))
    if remarks:
        blocks += _section(t("render.principles.remarks", lang), [Fields(remarks)])
    rows = []
    for r in p.ratings:
        average = r.average
        if average is None and sum(r.counts):
            average = sum((i + 1) * c for i, c in enumerate(r.counts)) / sum(r.counts)
        counts = [str(c) for c in r.counts] if r.counts else [""] * 5
        rows.append([principle_title(r.number, lang), format_number(average, lang, 1), *counts, r.note])
    columns = [Column(t("render.principles.principle", lang)), Column(t("render.principles.average", lang), True),
               *(Column(str(i), True) for i in range(1, 6)), Column(t("render.principles.note", lang))]
    reflection = _table(columns, rows, optional=(7,))
    if reflection:
        reflection.insert(0, Paragraph(t("render.principles.scale", lang)))
    reflection += _fields((t("render.principles.summary", lang), p.reflection_note))
    blocks += _section(method_name("reflection", lang), reflection)
    return _section(method_name("principles", lang), blocks)


def _practices(w: Workshop, lang: str) -> list[Block]:
    blocks: list[Block] = []
    for note in w.practices.notes:
        blocks += _section(practice_name(note.practice, lang), _fields(
            (t("render.practices.observations", lang), note.observations),
            (t("render.practices.commitment", lang), note.commitment),
        ))
    return _section(method_name("practices", lang), blocks)


def _consent(vote: Vote | None, lang: str) -> str:
    if vote is None:
        return ""
    parts = []
    if vote.accepted is not None:
        parts.append(t("render.votes." + ("accepted" if vote.accepted else "rejected"), lang))
    spread = [f"{row.option}: {row.count}" for row in vote_rows(vote, lang) if row.count]
    if spread and vote.method == VoteMethod.FIST:
        parts.append(" · ".join(spread))
    return " — ".join(parts) or t(f"render.votes.methods.{vote.method.value}", lang)


def _checks(rule: Rule, lang: str) -> list[tuple[str, Any]]:
    """Every fist-to-five round on the rule: the earlier ones on the wording they checked,
    the concerns heard after each, then the latest."""
    pairs: list[tuple[str, Any]] = []
    for number, check in enumerate(rule.earlier_checks, 1):
        wording = next(iter(check.options.values()), "")
        label = t("render.rules.earlier_check", lang, number=number)
        pairs.append((label, t("render.rules.check_on", lang, text=" ".join(wording.split()), result=_consent(check, lang))))
        pairs.append((t("render.rules.concerns", lang), check.concerns))
    pairs.append((t("render.rules.consent", lang), _consent(rule.consent, lang)))
    pairs.append((t("render.rules.concerns", lang), rule.consent.concerns if rule.consent else ""))
    return pairs


def rule_entry(rule: Rule, lang: str) -> Entry:
    earlier = [
        (t("render.rules.earlier", lang, date=format_date(v.date, lang)), v.text)
        for v in rule.history
        if v.text != rule.text
    ]
    return Entry(rule.text, _pairs(
        (t("render.rules.theme", lang), theme_name(rule.theme, lang) if rule.theme else ""),
        (t("render.rules.observed_by", lang), rule.observed_by),
        (t("render.rules.keeper", lang), rule.keeper),
        *_checks(rule, lang),
        *earlier,
        (t("render.rules.not_agreed_on", lang), format_date(rule.not_agreed, lang)),
        (t("render.rules.dropped_on", lang), format_date(rule.dropped, lang)),
    ))


def _unnumbered(title: str, rules: list[Rule], lang: str) -> list[Block]:
    return _section(title, [Numbered([rule_entry(rule, lang) for rule in rules], bullets=True)] if rules else [])


def _rules(w: Workshop, lang: str) -> list[Block]:
    from dialogi.followup.history import numbered

    r = w.rules
    active = numbered(w)
    blocks: list[Block] = []
    agreed: list[Block] = []
    if active:
        agreed.append(Numbered([rule_entry(rule, lang) for _, rule in active], numbers=[n for n, _ in active]))
    agreed += _fields((t("render.rules.review_date", lang), format_date(r.review_date, lang)))
    blocks += _section(t("render.rules.agreed", lang), agreed, prominent=True)
    blocks += _unnumbered(t("render.rules.not_agreed", lang), [rule for rule in r.agreed if rule.not_agreed is not None], lang)
    blocks += _unnumbered(t("render.rules.dropped", lang), [rule for rule in r.agreed if rule.dropped is not None], lang)
    if r.themes:
        blocks += _section(t("render.rules.themes", lang), [Bullets([theme_name(x, lang) for x in r.themes])])
    blocks += _section(t("render.rules.proposals", lang), _items_table(r.proposals, lang, r.themes))
    blocks += _votes(r.votes, lang)
    return _section(method_name("rules", lang), blocks)


def _indicator(w: Workshop, ref: str) -> Indicator | None:
    return next((i for i in w.wellbeing.indicators if i.id == ref), None)


def _actions_table(actions: list[Action], lang: str, title: str = "") -> list[Block]:
    rows = [
        [a.text, a.owner, format_date(a.due, lang), t(f"render.action_status.{a.status.value}", lang),
         a.note, a.carried_from]
        for a in actions
    ]
    columns = [Column(t("render.wellbeing.action", lang)), Column(t("render.wellbeing.owner", lang)),
               Column(t("render.wellbeing.due", lang)), Column(t("render.wellbeing.status", lang)),
               Column(t("render.wellbeing.note", lang)), Column(t("render.wellbeing.carried_from", lang))]
    return _table(columns, rows, optional=(4, 5), title=title)


def _goal(w: Workshop, goal: Goal, number: int, lang: str) -> list[Block]:
    indicator = _indicator(w, goal.indicator)
    unit = indicator.unit if indicator else ""
    blocks = _fields(
        (t("render.wellbeing.benefit_me", lang), goal.benefit_me),
        (t("render.wellbeing.benefit_employer", lang), goal.benefit_employer),
        (t("render.wellbeing.benefit_clients", lang), goal.benefit_clients),
        (t("render.wellbeing.obstacles", lang), goal.obstacles),
        (t("render.wellbeing.resources", lang), goal.resources),
    )
    blocks += _actions_table(goal.actions, lang, t("render.wellbeing.actions", lang))
    blocks += _fields(
        (t("render.wellbeing.improvement", lang), goal.improvement),
        (t("render.wellbeing.schedule", lang), goal.schedule),
        (t("render.wellbeing.follow_up", lang), goal.follow_up),
        (t("render.wellbeing.indicator", lang), indicator.name if indicator else goal.indicator),
        (t("render.wellbeing.target", lang), with_unit(goal.target_value, unit, lang)),
        (t("render.wellbeing.outcome", lang), goal.outcome),
    )
    title = t("render.wellbeing.goal", lang, number=number, title=" ".join(goal.title.split()))
    return [Section(title, blocks)]


def trend_rows(trends: list[Series], lang: str) -> list[list[str]]:
    """Each indicator over time: a small trend drawn in characters, first and last value, when
    measured, which way is better, the target and whether it is reached."""
    from dialogi.followup.series import sparkline

    rows = []
    for s in trends:
        if not s.points:
            continue
        first, last = s.points[0], s.points[-1]
        rows.append([
            t("render.reviews.indicator_unit", lang, name=s.name, unit=s.unit) if s.unit else s.name,
            sparkline([p.value for p in s.points]),
            t("render.wellbeing.trend_values", lang, first=format_number(first.value, lang), last=format_number(last.value, lang)),
            t("render.wellbeing.trend_span", lang, first=format_date(first.date, lang), last=format_date(last.date, lang)),
            t(f"render.wellbeing.direction_{s.better}", lang) if s.better else "",
            format_number(s.target, lang),
            t("render.reviews.reached", lang) if s.reached else "",
        ])
    return rows


def trends_section(trends: list[Series], lang: str) -> list[Block]:
    keys = ("indicator", "trend", "value", "span", "direction", "target", "result")
    columns = [Column(t(f"render.wellbeing.{k}", lang)) for k in keys]
    return _section(t("render.wellbeing.trends", lang), _table(columns, trend_rows(trends, lang), optional=(4, 5, 6)))


def _wellbeing(w: Workshop, lang: str, trends: list[Series] | None = None) -> list[Block]:
    wb = w.wellbeing
    rows = [
        [i.name, t(f"render.wellbeing.kinds.{i.kind.value}", lang), format_number(i.value, lang), i.unit, i.period,
         i.source, format_number(i.previous, lang), format_change(i.value, i.previous, lang, i.unit),
         format_number(i.target, lang), i.note]
        for i in wb.indicators
    ]
    keys = ("indicator", "kind", "value", "unit", "period", "source", "previous", "change", "target", "note")
    numeric = {"value", "previous", "change", "target"}
    columns = [Column(t(f"render.wellbeing.{k}", lang), k in numeric) for k in keys]
    # fields before the subsections: in Markdown, whatever follows a heading belongs to it
    blocks = _fields((t("render.wellbeing.follow_up_date", lang), format_date(wb.follow_up_date, lang)))
    blocks += _section(t("render.wellbeing.indicators", lang), _table(columns, rows, optional=(8, 9)))
    blocks += trends_section(trends or [], lang)
    if wb.interpretation.strip():
        blocks += _section(t("render.wellbeing.interpretation", lang), [Paragraph(wb.interpretation)])
    observations = [o.text for o in wb.observations if o.active]
    if observations:
        blocks += _section(t("render.wellbeing.observations", lang), [Bullets(observations)])
    blocks += _section(t("render.wellbeing.proposals", lang), _items_table(wb.proposals, lang, []))
    blocks += _votes(wb.votes, lang)
    goals: list[Block] = []
    if wb.goals:
        goals += _fields(
            (t("render.wellbeing.goal_count", lang), wb.goal_count),
            (t("render.wellbeing.target_date", lang), format_date(wb.target_date, lang)),
        )
        for number, goal in enumerate(wb.goals, 1):
            goals += _goal(w, goal, number, lang)
    else:
        goals += _fields((t("render.wellbeing.target_date", lang), format_date(wb.target_date, lang)))
    blocks += _section(t("render.wellbeing.goals", lang), goals)
    blocks += _section(t("render.wellbeing.carried_over", lang), _actions_table(wb.carried_over, lang))
    return _section(method_name("wellbeing", lang), blocks)


def format_percent(value: float | None, lang: str) -> str:
    """A signed percentage with one decimal, ``+12.5 %``; empty for no value."""
    if value is None:
        return ""
    sign = "+" if value > 0 else ""
    return t("render.reviews.percent_value", lang, value=sign + format_number(value, lang, 1))


def reading_columns(lang: str) -> list[Column]:
    """The columns of ``reading_row``."""
    keys = ("indicator", "previous", "reading", "change", "percent", "target", "state")
    return [Column(t(f"render.reviews.{k}", lang), k in ("previous", "reading", "change", "percent", "target")) for k in keys]


def reading_row(w: Workshop, reading: IndicatorReading, lang: str) -> list[str]:
    """An indicator at a review: new value, previous value, change (absolute and per cent),
    target, and whether the target is reached or how far it still is (``followup.figures``)."""
    from dialogi.followup.figures import figures

    indicator = _indicator(w, reading.indicator)
    name = indicator.name if indicator else reading.indicator
    unit = indicator.unit if indicator else ""
    if indicator and indicator.unit:  # the unit once, with the name: the numbers stay short
        name = t("render.reviews.indicator_unit", lang, name=name, unit=indicator.unit)
    f = figures(reading.value, reading.previous, reading.target)
    if f.reached:
        state = t("render.reviews.reached", lang)
    elif f.to_go is not None:
        state = t("render.reviews.to_go", lang, gap=format_number(f.to_go, lang))
    else:
        state = ""
    return [
        name,
        format_number(reading.previous, lang),
        format_number(reading.value, lang),
        format_change(reading.value, reading.previous, lang, unit),
        "" if unit.strip() == "%" else format_percent(f.percent, lang),  # a per cent of a per cent confuses
        format_number(reading.target, lang),
        state,
    ]


def _review(w: Workshop, review: Review, lang: str) -> list[Block]:
    from dialogi.followup.history import text_before

    rules = {r.id: r for r in w.rules.agreed}
    actions = {a.id: a for _, a in w.all_actions()}
    goals = {g.id: g for g in w.wellbeing.goals}

    def rule_text(ref: str) -> str:
        return rules[ref].text if ref in rules else ref

    def reviewed_text(ref: str) -> str:  # the wording the review looked at, before any rewording
        return text_before(rules[ref], review.date) if ref in rules else ref

    rows = [
        [reviewed_text(r.rule), t(f"render.compliance.{r.compliance.value}", lang),
         t(f"render.decision.{r.decision.value}", lang), r.new_text, r.note]
        for r in review.rules
    ]
    columns = [Column(t(f"render.reviews.{k}", lang)) for k in ("rule", "compliance", "decision", "new_text", "note")]
    blocks = _fields((t("render.reviews.notes", lang), review.note))
    blocks += _section(t("render.reviews.rules", lang), _table(columns, rows, optional=(3, 4)))
    if review.added_rules:
        blocks += _section(t("render.reviews.added_rules", lang), [Bullets([rule_text(r) for r in review.added_rules])])
    rows = [
        [actions[a.action].text if a.action in actions else a.action,
         t(f"render.action_status.{a.status.value}", lang), a.note]
        for a in review.actions
    ]
    columns = [Column(t(f"render.reviews.{k}", lang)) for k in ("action", "status", "note")]
    blocks += _section(t("render.reviews.actions", lang), _table(columns, rows, optional=(2,)))
    rows = [reading_row(w, reading, lang) for reading in review.indicators]
    blocks += _section(t("render.reviews.indicators", lang), _table(reading_columns(lang), rows, optional=(4, 5, 6)))
    outcomes = _pairs(*((goals[g.goal].title if g.goal in goals else g.goal, g.outcome) for g in review.goals))
    if outcomes:
        blocks += _section(t("render.reviews.goals", lang), [Fields(outcomes)])
    title = t("render.reviews.title" if review.complete else "render.reviews.title_unfinished", lang,
              kind=t(f"render.reviews.kinds.{review.kind}", lang), date=format_date(review.date, lang))
    return [Section(title, blocks)]


def layout(w: Workshop, trends: list[Series] | None = None) -> Document:
    """The whole record as a document tree, in the workshop's own language; with ``trends``
    (``followup.series``), the indicators over time too."""
    lang = w.language
    blocks: list[Block] = [_metadata(w, lang)]
    blocks += _agenda(w, lang)
    blocks += _principles(w, lang)
    blocks += _practices(w, lang)
    blocks += _rules(w, lang)
    blocks += _wellbeing(w, lang, trends)
    reviews: list[Block] = []
    for review in w.reviews:
        reviews += _review(w, review, lang)
    blocks += _section(t("render.reviews.heading", lang), reviews)
    return Document(w.title, blocks)
