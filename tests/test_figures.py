"""The arithmetic of a plan review: change, per cent, direction, target reached, distance to go."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogi.followup.figures import (
    HIGHER,
    LOWER,
    change,
    direction,
    figures,
    improved,
    percent_change,
    reached,
    to_go,
)


def test_change_is_new_minus_previous_without_float_noise():
    assert change(4.1, 4.5) == -0.4
    assert change(3.6, 3.4) == 0.2
    assert change(5, 5) == 0.0
    assert change(0.3, 0.1) == 0.2  # not 0.19999999999999998


@pytest.mark.parametrize("value, previous", [(None, 4.5), (4.5, None), (None, None)])
def test_change_needs_both_values(value, previous):
    assert change(value, previous) is None
    assert percent_change(value, previous) is None


def test_percent_change_of_the_previous_value():
    assert percent_change(4.0, 5.0) == -20.0
    assert percent_change(3.6, 3.4) == pytest.approx(5.882352941)
    assert percent_change(6.0, 4.0) == 50.0


def test_percent_change_from_zero():
    assert percent_change(3.0, 0.0) is None  # no percentage describes 0 -> 3
    assert percent_change(0.0, 0.0) == 0.0
    assert percent_change(0.0, 2.0) == -100.0


def test_percent_change_from_a_negative_value_keeps_the_sign_of_the_change():
    assert percent_change(-1.0, -2.0) == 50.0  # up from -2 to -1
    assert percent_change(-3.0, -2.0) == -50.0


def test_direction_is_read_from_the_target_against_the_previous_value():
    assert direction(previous=5.2, target=4.5) == LOWER  # sickness absence: lower is better
    assert direction(previous=3.4, target=3.8) == HIGHER  # a wellbeing index: higher is better
    assert direction(previous=4.0, target=4.0) is None  # keep the level: which side is good is not said
    assert direction(previous=None, target=4.0) is None
    assert direction(previous=4.0, target=None) is None


def test_reached_depends_on_the_direction():
    assert reached(4.1, 4.5, LOWER) is True
    assert reached(4.5, 4.5, LOWER) is True  # exactly on target counts
    assert reached(4.6, 4.5, LOWER) is False
    assert reached(3.9, 3.8, HIGHER) is True
    assert reached(3.6, 3.8, HIGHER) is False
    assert reached(4.0, 4.0, None) is True
    assert reached(4.1, 4.0, None) is None  # no direction: nothing claimed
    assert reached(None, 4.0, HIGHER) is None
    assert reached(4.0, None, HIGHER) is None


def test_to_go_is_the_distance_left_in_the_better_direction():
    assert to_go(3.6, 3.8, HIGHER) == 0.2
    assert to_go(4.9, 4.5, LOWER) == 0.4
    assert to_go(4.1, 4.5, LOWER) == 0.0  # reached: nothing to go, never negative
    assert to_go(4.0, 3.8, HIGHER) == 0.0
    assert to_go(4.0, 3.8, None) is None
    assert to_go(None, 3.8, HIGHER) is None


def test_improved_means_moved_the_better_way():
    assert improved(4.1, 5.2, LOWER) is True
    assert improved(5.5, 5.2, LOWER) is False
    assert improved(5.2, 5.2, LOWER) is False  # no change is no improvement
    assert improved(3.6, 3.4, HIGHER) is True
    assert improved(3.6, None, HIGHER) is None
    assert improved(3.6, 3.4, None) is None


def test_figures_for_sickness_absence_and_a_wellbeing_index():
    absence = figures(value=4.1, previous=5.2, target=4.5)
    assert (absence.change, absence.better, absence.reached, absence.to_go, absence.improved) == (-1.1, LOWER, True, 0.0, True)
    assert absence.percent == pytest.approx(-21.153846, abs=1e-5)
    index = figures(value=3.6, previous=3.4, target=3.8)
    assert (index.change, index.better, index.reached, index.to_go, index.improved) == (0.2, HIGHER, False, 0.2, True)


def test_figures_with_nothing_to_compare():
    f = figures(value=3.0, previous=None, target=None)
    assert (f.change, f.percent, f.better, f.reached, f.to_go, f.improved) == (None,) * 6
    f = figures(value=0.0, previous=0.0, target=1.0)
    assert (f.change, f.percent, f.better, f.reached, f.to_go, f.improved) == (0.0, 0.0, HIGHER, False, 1.0, False)


numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(numbers, numbers, numbers)
def test_reached_and_to_go_agree(value, previous, target):
    f = figures(value, previous, target)
    if f.better is not None:
        assert f.reached == (f.to_go == 0.0) or abs(value - target) < 1e-6
        assert f.to_go >= 0


@given(numbers, numbers)
def test_the_change_takes_previous_to_value(value, previous):
    assert previous + change(value, previous) == pytest.approx(value, abs=1e-6)
