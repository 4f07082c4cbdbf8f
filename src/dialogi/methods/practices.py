"""Isaacs' four dialogue practices: listening, voicing, respecting, suspending."""

from __future__ import annotations

from typing import Any

from dialogi.engine.steps import Field, Method, PerItem, Present
from dialogi.i18n import content
from dialogi.prompts import Choice
from dialogi.record.models import MethodId, PracticeId, PracticeNote


def items(session) -> list[dict[str, Any]]:
    return content("practices", session.lang)["items"]


def intro(session) -> Any:
    from dialogi.render.cards import intro_card

    return intro_card("practices", session.lang)


def card(session, item: dict[str, Any], position: int) -> Any:
    from dialogi.render.cards import practice_card

    return practice_card(item, session.lang)


def _note(session, item) -> PracticeNote:
    notes = session.workshop.practices.notes
    found = next((n for n in notes if n.practice == item["id"]), None)
    if found is None:
        found = PracticeNote(practice=PracticeId(item["id"]))
        order = [p.value for p in PracticeId]
        session.workshop.practices.notes = sorted([*notes, found], key=lambda n: order.index(n.practice.value))
    return found


def offer_round(session, item) -> None:
    """The exercise can be run as a timed speaking round right here."""
    if not session.asker.interactive():
        return
    choices = [Choice("no", session.t("practices_ui.skip_round")), Choice("yes", session.t("practices_ui.run_round"))]
    if session.asker.select(f"practices.round.{item['id']}", session.t("practices_ui.round_question"), choices, "no") == "yes":
        from dialogi.engine.rounds import speaking_round

        speaking_round(session, f"practices.round.{item['id']}")


def commitments(session) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=session.t("practices_ui.commitments_title"), title_justify="left", show_lines=True)
    table.add_column(session.t("practices_ui.practice"))
    table.add_column(session.t("practices_ui.commitment"))
    for item in items(session):
        table.add_row(item["name"], Text(_note(session, item).commitment or "—"))
    return table


PRACTICES = Method(
    MethodId.PRACTICES,
    [
        Present("practices.intro", "practices_ui.step_intro", intro),
        PerItem(
            "practices", "practices_ui.step_practice", items, lambda i: i["id"], card,
            [
                Field("observations", "practices_ui.observations", lambda s, i: _note(s, i).observations, lambda s, i, v: setattr(_note(s, i), "observations", v)),
                Field("commitment", "practices_ui.commitment_question", lambda s, i: _note(s, i).commitment, lambda s, i, v: setattr(_note(s, i), "commitment", v)),
            ],
            before_fields=offer_round,
        ),
        Present("practices.summary", "practices_ui.step_summary", commitments),
    ],
)
