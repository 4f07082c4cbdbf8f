"""record/toml_text.py writes exactly what tomli-w writes, also when it reuses earlier text."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogi.record import store, toml_text
from dialogi.record.models import SCHEMA, Action, Goal, Item, PrincipleNote, Rule, Workshop


@pytest.fixture(autouse=True)
def _forget_earlier_text():
    toml_text._written.clear()
    yield
    toml_text._written.clear()


def data(workshop: Workshop) -> dict:
    return {"schema": SCHEMA, **workshop.model_dump(by_alias=True, exclude_defaults=True, exclude_none=True)}


@pytest.fixture
def samples(tmp_path) -> list[Workshop]:
    from dialogi.samples import write_samples

    return [store.load(path) for path in write_samples(tmp_path / "demo")]


def test_the_complete_samples_come_out_as_tomli_w_writes_them(samples):
    for workshop in samples:
        assert toml_text.dumps(data(workshop)) == tomli_w.dumps(data(workshop))
        assert toml_text.dumps(data(workshop)) == tomli_w.dumps(data(workshop))  # now from the reused text


def test_after_each_change_only_the_changed_part_is_new_and_the_whole_is_still_right(samples):
    w = samples[0]
    first = toml_text.dumps(data(w))
    changes = [
        lambda: setattr(w.principles, "remarks", [*w.principles.remarks, PrincipleNote(number=7, remark='Sanoi "ei" ja \\ kenoviiva')]),
        lambda: setattr(w.rules, "proposals", [*w.rules.proposals, Item(id="p99", text="Uusi ehdotus\nkahdella rivillä")]),
        lambda: setattr(w.rules, "agreed", [*w.rules.agreed, Rule(id="r99", text="Kiitämme toisiamme.")]),
        lambda: setattr(w.wellbeing, "goals", [*w.wellbeing.goals, Goal(id="g9", title="Tavoite", actions=[
            Action(id="g9a1", text="Toimenpide", owner="Aino", due=dt.date(2027, 3, 1))])]),
        lambda: setattr(w, "title", "Uusi nimi"),
        lambda: setattr(w, "participants", []),  # a part disappears
        lambda: setattr(w.rules, "proposals", []),
    ]
    texts = [first]
    for change in changes:
        change()
        text = toml_text.dumps(data(w))
        assert text == tomli_w.dumps(data(w))
        texts.append(text)
    assert len(set(texts)) == len(texts)  # every change shows
    assert store.parse(tomllib.loads(texts[-1]), Path("w.toml")) == w


def test_a_save_writes_the_reused_text_and_it_reads_back(tmp_path, samples):
    path = tmp_path / "w.toml"
    w = samples[1]
    store.save(path, w)
    w.principles.reflection_note = "Kiitos kaikille."
    store.save(path, w)
    assert path.read_text("utf-8") == tomli_w.dumps(data(w))
    assert store.load(path) == w


# -- any TOML data, not only records -----------------------------------------------------------

keys = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)
scalars = st.one_of(
    st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, width=32), st.dates(),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
)
tables = st.recursive(
    st.dictionaries(keys, scalars, max_size=4),
    lambda inner: st.dictionaries(keys, st.one_of(scalars, inner, st.lists(inner, max_size=3), st.lists(scalars, max_size=4)), max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_any_data_comes_out_as_tomli_w_writes_it(table):
    toml_text._written.clear()
    expected = tomli_w.dumps(table)
    assert toml_text.dumps(table) == expected
    assert toml_text.dumps(table) == expected  # the second time from the reused text
