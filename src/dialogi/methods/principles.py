"""Gustavsen's 13 principles of democratic dialogue: the opening and the closing reflection."""

from __future__ import annotations

from typing import Any

from dialogi.engine.parsing import average_of
from dialogi.engine.steps import Confirm, Field, Method, PerItem, Pick, Present, Rate
from dialogi.i18n import content
from dialogi.prompts import Choice
from dialogi.record.models import MethodId, PrincipleNote, PrincipleRating


def items(session) -> list[dict[str, Any]]:
    return content("principles", session.lang)["items"]


def intro(session) -> Any:
    from dialogi.render.cards import intro_card

    return intro_card("principles", session.lang)


def card(session, item: dict[str, Any], position: int) -> Any:
    from dialogi.render.cards import principle_card

    return principle_card(item, session.lang, len(items(session)))


# -- remarks, emphasis, ratings: reading and writing the record ---------------------------


def _remark(session, item) -> str:
    found = next((r for r in session.workshop.principles.remarks if r.number == item["number"]), None)
    return found.remark if found else ""


def _set_remark(session, item, text: str) -> None:
    p = session.workshop.principles
    others = [r for r in p.remarks if r.number != item["number"]]
    p.remarks = sorted(others + ([PrincipleNote(number=item["number"], remark=text)] if text else []), key=lambda r: r.number)


def _rating(session, item) -> PrincipleRating:
    p = session.workshop.principles
    found = next((r for r in p.ratings if r.number == item["number"]), None)
    if found is None:
        found = PrincipleRating(number=item["number"])
        p.ratings = sorted([*p.ratings, found], key=lambda r: r.number)
    return found


def _set_counts(session, item, counts: list[int]) -> None:
    rating = _rating(session, item)
    rating.counts = counts
    rating.average = average_of(counts)


def _set_average(session, item, value: float) -> None:
    rating = _rating(session, item)
    rating.counts, rating.average = [], value


def _set_mode(session, mode: str) -> None:
    p = session.workshop.principles
    if p.rating_mode != mode and mode != "individual":  # a different way starts afresh (in turn: when its round is complete)
        p.ratings = [PrincipleRating(number=r.number, note=r.note) for r in p.ratings if r.note]
    p.rating_mode = mode


def _note_set(session, item, text: str) -> None:
    _rating(session, item).note = text


def label(session, item) -> str:
    star = " ★" if item["number"] in session.workshop.principles.emphasised else ""
    return f"{item['number']}. {item['title']}{star}"


def key(item) -> str:
    return str(item["number"])


def average(value: float) -> str:
    """An average on screen, with the UI language's decimal sign (3,8 in Finnish)."""
    from dialogi.i18n import ui_language
    from dialogi.render.text import format_fixed

    return format_fixed(value, ui_language())


def ratings_table(session) -> Any:
    from rich.table import Table

    table = Table(title=session.t("principles_ui.ratings_title"), title_justify="left")
    table.add_column(session.t("principles_ui.principle"))
    table.add_column(session.t("principles_ui.average"), justify="right")
    table.add_column("1 · 2 · 3 · 4 · 5")
    for item in items(session):
        r = _rating(session, item)
        table.add_row(label(session, item), "—" if r.average is None else average(r.average), " · ".join(map(str, r.counts)) if r.counts else "")
    return table


OPENING = Method(
    MethodId.PRINCIPLES,
    [
        Present("intro", "principles_ui.step_intro", intro),
        PerItem(
            "principles", "principles_ui.step_cards", items, key, card,
            [Field("remark", "principles_ui.remark", _remark, _set_remark)],
        ),
        Confirm(
            "principles.agree", "principles_ui.step_agree",
            question=lambda s: content("principles", s.lang)["agree_question"],
            get=lambda s: s.workshop.principles.agreed,
            set=lambda s, v: setattr(s.workshop.principles, "agreed", v),
        ),
        Pick(
            "principles.emphasise", "principles_ui.step_emphasise",
            question=lambda s: content("principles", s.lang)["emphasise_question"],
            choices=lambda s: [Choice(key(i), f"{i['number']}. {i['title']}") for i in items(s)],
            get=lambda s: [str(n) for n in s.workshop.principles.emphasised],
            set=lambda s, v: setattr(s.workshop.principles, "emphasised", sorted(int(n) for n in v)),
        ),
    ],
)

REFLECTION = Method(
    MethodId.REFLECTION,
    [
        Rate(
            "reflection", "principles_ui.step_rate", items, label, key,
            get_mode=lambda s: s.workshop.principles.rating_mode,
            set_mode=_set_mode,
            get_counts=lambda s, i: list(_rating(s, i).counts),
            set_counts=_set_counts,
            get_average=lambda s, i: _rating(s, i).average,
            set_average=_set_average,
            intro=lambda s: content("principles", s.lang)["reflection_intro"],
        ),
        PerItem(
            "reflection", "principles_ui.step_notes", items, key,
            card=lambda s, i, n: label(s, i) + (f"  ({average(_rating(s, i).average)})" if _rating(s, i).average else ""),
            fields=[Field("note", "principles_ui.note", lambda s, i: _rating(s, i).note, _note_set)],
            before_fields=None,
        ),
        Present("reflection.summary", "principles_ui.step_summary", ratings_table),
    ],
)
