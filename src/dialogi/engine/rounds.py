"""A speaking round (go-around) from inside a session: the workshop's participants in turn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogi.prompts import Choice

if TYPE_CHECKING:
    from dialogi.engine.session import Session

MINUTES = ("1", "2", "3", "5")


def speaking_round(session: "Session", key: str) -> None:
    """Ask the time per speaker, run the round, show its summary. Only at a keyboard."""
    from dialogi.speaking_round import render_summary, run_round, speakers_from

    w = session.workshop
    choices = [Choice(m, session.t("rounds.minutes", minutes=m)) for m in MINUTES]
    minutes = session.asker.select(f"{key}.minutes", session.t("rounds.how_long"), choices, "2")
    speakers = speakers_from(w.participants) if w.participants else speakers_from(count=max(w.participant_count, 1))
    summary = run_round(speakers, int(minutes) * 60)
    render_summary(summary, session.console)
