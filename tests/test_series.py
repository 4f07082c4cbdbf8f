"""An indicator over the years: its values along the chain of workshops that continue one another."""

from __future__ import annotations

import datetime as dt

from dialogi.followup.series import PLANNING, REVIEW, chain, series, sparkline
from dialogi.record import store
from dialogi.record.models import Indicator, IndicatorReading, Review, Wellbeing, Workshop

D = dt.date


def year(title: str, date: dt.date, value: float | None, readings: list[tuple[dt.date, float]], carried_from: str = "",
         **indicator) -> Workshop:
    absence = Indicator(id="absence", name="Sickness absence", unit="%", value=value, **{"target": 4.5, **indicator})
    reviews = [Review(date=d, kind="plan", indicators=[IndicatorReading(indicator="absence", value=v)]) for d, v in readings]
    return Workshop(title=title, date=date, language="en", carried_from=carried_from, wellbeing=Wellbeing(indicators=[absence]), reviews=reviews)


def three_years(folder):
    folder.mkdir()
    store.save(folder / "y1.toml", year("Y1", D(2026, 11, 23), 5.8, [(D(2027, 5, 18), 5.4), (D(2027, 11, 1), 5.1)]))
    store.save(folder / "y2.toml", year("Y2", D(2027, 11, 22), 5.1, [(D(2028, 10, 30), 4.6)], "y1.toml"))
    store.save(folder / "y3.toml", year("Y3", D(2028, 11, 20), 4.6, [], "y2.toml", direction="lower"))
    return folder / "y3.toml"


def test_the_series_runs_along_the_chain_oldest_first_each_measurement_once(tmp_path):
    last = three_years(tmp_path / "w")
    assert [name for name, _ in chain(last)] == ["y1.toml", "y2.toml", "y3.toml"]
    (absence,) = series(last)
    assert [(p.date, p.value, p.kind, p.file) for p in absence.points] == [
        (D(2026, 11, 23), 5.8, PLANNING, "y1.toml"),
        (D(2027, 5, 18), 5.4, REVIEW, "y1.toml"),
        (D(2027, 11, 1), 5.1, REVIEW, "y1.toml"),  # y2's 5.1 at planning is this reading, taken over
        (D(2028, 10, 30), 4.6, REVIEW, "y2.toml"),  # and y3's 4.6 this one
    ]
    assert (absence.better, absence.target, absence.unit, absence.reached) == ("lower", 4.5, "%", False)


def test_without_a_direction_it_is_read_from_the_first_value_and_the_target(tmp_path):
    folder = tmp_path / "w"
    folder.mkdir()
    store.save(folder / "y1.toml", year("Y1", D(2026, 11, 23), 3.4, [(D(2027, 5, 1), 3.9)], target=None))
    w = store.load(folder / "y1.toml")
    w.wellbeing.indicators[0].target = 3.8
    store.save(folder / "y1.toml", w)
    (index,) = series(folder / "y1.toml")
    assert (index.better, index.reached) == ("higher", True)


def test_a_missing_or_circular_link_ends_the_chain(tmp_path):
    folder = tmp_path / "w"
    folder.mkdir()
    store.save(folder / "a.toml", year("A", D(2027, 1, 1), 5.0, [], "gone.toml"))
    assert [name for name, _ in chain(folder / "a.toml")] == ["a.toml"]
    store.save(folder / "b.toml", year("B", D(2028, 1, 1), 5.0, [], "c.toml"))
    store.save(folder / "c.toml", year("C", D(2029, 1, 1), 5.0, [], "b.toml"))
    assert [name for name, _ in chain(folder / "c.toml")] == ["b.toml", "c.toml"]


def test_sparkline():
    assert sparkline([5.8, 5.4, 5.1, 4.6]) == "█▆▄▁"
    assert sparkline([3.0, 3.0]) == "▄▄"
    assert sparkline([]) == ""


def test_show_draws_the_trend_in_the_terminal(tmp_path, cli):
    last = three_years(tmp_path / "w")
    shown = cli("show", str(last)).stdout
    assert "The indicators over time" in shown
    line = next(line for line in shown.splitlines() if "Sickness absence (%)" in line and "█" in line)
    assert "█▆▄▁" in line and "5.8 → 4.6" in line and "2026-11-23 – 2028-10-30" in line and "lower" in line
