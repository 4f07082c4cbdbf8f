"""Entering the figures on the team's wellbeing: typed one by one or read from a CSV file.

The table of figures (with the change from the previous value) is shown before each
operation: add an indicator, read a CSV file, correct one, remove one, or done. Each
operation is one unit (``<id>.<n>.action``, then ``.name``, ``.kind``, ``.value``, ``.unit``,
``.period``, ``.source``, ``.previous``; ``.file`` for a CSV file; ``.which`` to correct or
remove). The same name (case and spacing aside) always means the same indicator: adding it
again corrects it, and a CSV row with that name updates it. That also makes a resumed
operation safe: it finds the indicator it had started. Ids are made from the first name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from dialogi.engine.form_step import ask_number, refuse_scripted
from dialogi.engine.steps import FINISHED, Step
from dialogi.indicators_csv import indicator_id, same_name
from dialogi.prompts import Choice
from dialogi.record.models import Indicator, IndicatorKind

if TYPE_CHECKING:
    from dialogi.engine.session import Session

TEXT_FIELDS = ("unit", "period", "source")


def merge(indicators: list[Indicator], read: list[Indicator]) -> tuple[int, int]:
    """Add the indicators read from a file; one with a known name gets the fields its row
    filled in, and keeps the others. Returns (added, updated)."""
    known = {same_name(i.name): i for i in indicators}
    added = updated = 0
    for new in read:
        old = known.get(same_name(new.name))
        if old is None:
            new.id = indicator_id(new.name, {i.id for i in indicators})
            indicators.append(new)
            known[same_name(new.name)] = new
            added += 1
            continue
        for name, value in new.model_dump(include=new.model_fields_set - {"id", "name"}).items():
            setattr(old, name, value)
        updated += 1
    return added, updated


@dataclass
class Figures(Step):
    id: str
    title_key: str
    indicators: Callable[["Session"], list[Indicator]]  # the record's list
    intro: Callable[["Session"], Any] | None = None
    table: Callable[["Session"], Any] | None = None

    def units(self, session: "Session") -> None:
        return None

    def run_unit(self, session: "Session", position: int) -> str | None:
        indicators = self.indicators(session)
        if position == 0 and self.intro:
            session.show(self.intro(session))
        if self.table:
            session.show(self.table(session))
        key = f"{self.id}.{position + 1}"
        actions = ["add", "csv"] + (["edit", "delete"] if indicators else []) + ["done"]
        choices = [Choice(a, session.t(f"wellbeing_ui.figures.{a}")) for a in actions]
        default = "add" if session.asker.interactive() and not indicators else "done"
        action = session.asker.select(f"{key}.action", session.t("wellbeing_ui.figures.action"), choices, default)
        if action == "done":
            return FINISHED
        if action == "csv":
            self._csv(session, key, indicators)
        elif action == "add":
            self._add(session, key, indicators)
        else:
            pick = [Choice(i.id, f"{n}. {i.name}") for n, i in enumerate(indicators, 1)]
            chosen = session.asker.select(f"{key}.which", session.t("wellbeing_ui.figures.which"), pick)
            indicator = next(i for i in indicators if i.id == chosen)
            if action == "delete":
                indicators.remove(indicator)
                session.show(session.t("wellbeing_ui.figures.removed", name=indicator.name))
            else:
                self._rename(session, key, indicators, indicator)
                self._fields(session, key, indicator)
        return None

    def _add(self, session: "Session", key: str, indicators: list[Indicator]) -> None:
        name = " ".join(session.asker.text(f"{key}.name", session.t("wellbeing_ui.figures.name")).split())[:200]
        if not name:
            refuse_scripted(session, f"{key}.name", name, session.t("wellbeing_ui.figures.expect_name"))
            return
        found = next((i for i in indicators if same_name(i.name) == same_name(name)), None)
        if found is not None:
            session.show(session.t("wellbeing_ui.figures.known", name=found.name))
            indicator = found
        else:
            indicator = Indicator(id=indicator_id(name, {i.id for i in indicators}), name=name)
            indicators.append(indicator)
            session.save()
        self._fields(session, key, indicator)

    def _rename(self, session: "Session", key: str, indicators: list[Indicator], indicator: Indicator) -> None:
        name = " ".join(session.asker.text(f"{key}.name", session.t("wellbeing_ui.figures.name_again"), indicator.name).split())[:200]
        if not name or name == indicator.name:
            return
        other = next((i for i in indicators if same_name(i.name) == same_name(name) and i is not indicator), None)
        if other is not None:
            session.show(session.t("wellbeing_ui.figures.name_taken", name=name))
            return
        indicator.name = name  # the id stays: goals may refer to it
        session.save()

    def _fields(self, session: "Session", key: str, indicator: Indicator) -> None:
        asker = session.asker
        kinds = [Choice(k.value, session.t(f"wellbeing_ui.figures.kind_{k.value}")) for k in IndicatorKind]
        indicator.kind = IndicatorKind(asker.select(f"{key}.kind", session.t("wellbeing_ui.figures.kind"), kinds, indicator.kind.value))
        session.save()
        indicator.value = ask_number(session, f"{key}.value", session.t("wellbeing_ui.figures.value", name=indicator.name), indicator.value)
        session.save()
        for name in TEXT_FIELDS:
            setattr(indicator, name, asker.text(f"{key}.{name}", session.t(f"wellbeing_ui.figures.{name}"), getattr(indicator, name)))
            session.save()
        indicator.previous = ask_number(session, f"{key}.previous", session.t("wellbeing_ui.figures.previous"), indicator.previous)
        session.save()

    def _csv(self, session: "Session", key: str, indicators: list[Indicator]) -> None:
        from dialogi.errors import BadAnswers, DialogiError
        from dialogi.indicators_csv import read_csv

        while True:
            path = session.asker.text(f"{key}.file", session.t("wellbeing_ui.figures.file"))
            if not path:
                return
            try:
                read = read_csv(path)
                break
            except DialogiError as error:
                if not session.asker.interactive():
                    raise BadAnswers("wellbeing_ui.figures.csv_failed", file=getattr(session.asker, "source", "answers"),
                                     key=f"{key}.file", reason=error.message(session.lang)) from None
                session.show(error.message(session.lang))
                session.show(session.t("wellbeing_ui.figures.csv_again"))
        added, updated = merge(indicators, read)
        session.save()
        session.show(session.t("wellbeing_ui.figures.csv_read", file=path, added=added, updated=updated))
