"""Workshops with agreed rules and a wellbeing plan, as the rules and wellbeing methods leave
them, for the follow-up tests (review and diff)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dialogi.record import store
from dialogi.record.models import Action, ActionStatus, Goal, Indicator, IndicatorKind, Rule, Workshop

WORKSHOP_DAY = dt.date(2026, 11, 23)


def rules() -> list[Rule]:
    return [
        Rule(id="r1", text="Vastaamme työviesteihin saman päivän aikana.", theme="information",
             observed_by="Kukaan ei odota vastausta yli päivää.", keeper="Sari"),
        Rule(id="r2", text="Annamme lääkkeenjakajalle työrauhan.", theme="overload"),
        Rule(id="r3", text="Tervehdimme toisiamme, kun tulemme töihin.", theme="encounter"),
    ]


def plan(w: Workshop) -> None:
    w.wellbeing.indicators = [
        Indicator(id="sickness", name="Sickness absence", unit="%", value=5.2, previous=4.8, target=4.5),
        Indicator(id="index", name="Wellbeing index", kind=IndicatorKind.IMPACT, value=3.4),
    ]
    w.wellbeing.goals = [
        Goal(id="g1", title="Breaks happen", indicator="sickness", actions=[
            Action(id="a1", text="A break rota", owner="Ben", due=dt.date(2027, 1, 31)),
            Action(id="a2", text="Quiet lunch", owner="Dina"),
        ]),
        Goal(id="g2", title="Information flows", indicator="index", target_value=3.8, actions=[
            Action(id="a3", text="A weekly info", owner="Anna"),
        ]),
    ]
    w.wellbeing.carried_over = [
        Action(id="a4", text="Induction of new staff", status=ActionStatus.IN_PROGRESS, carried_from="2025-plan.toml"),
    ]


def workshop(language: str = "fi", with_rules: bool = True, with_plan: bool = False) -> Workshop:
    w = Workshop(title="Kotihoito" if language == "fi" else "Ward 4", date=WORKSHOP_DAY, language=language, participant_count=8)
    if with_rules:
        w.rules.agreed = rules()
        w.rules.review_date = dt.date(2027, 2, 23)
    if with_plan:
        plan(w)
    return w


def write(path: Path, w: Workshop) -> Path:
    store.save(path, w)
    return path
