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


flat_tables = st.dictionaries(keys, st.one_of(scalars, st.text(max_size=90)), max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, st.dictionaries(keys, st.lists(flat_tables, min_size=9, max_size=20), min_size=1, max_size=2), min_size=1, max_size=2),
       st.data())
def test_long_lists_of_flat_tables_are_made_table_by_table_as_tomli_w_writes_them(table, data):
    """Such lists (300 rule proposals) reuse each unchanged table's text; one table changes, or its length."""
    toml_text._written.clear()
    assert toml_text.dumps(table) == tomli_w.dumps(table)
    key = data.draw(st.sampled_from(sorted(table)))
    name = data.draw(st.sampled_from(sorted(table[key])))
    tables = table[key][name]
    changed = dict(tables[data.draw(st.integers(0, len(tables) - 1))])
    changed[data.draw(keys)] = data.draw(st.one_of(scalars, st.text(min_size=100, max_size=120)))
    table = {**table, key: {**table[key], name: [*tables[:3], changed, *tables[4:]]}}
    assert toml_text.dumps(table) == tomli_w.dumps(table)


def test_a_proposal_edit_makes_one_proposals_text_again(monkeypatch):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        import autosave
    finally:
        sys.path.pop(0)
    w = autosave.big_workshop()
    toml_text.dumps(data(w))
    made = []
    real = tomli_w.dumps
    monkeypatch.setattr(tomli_w, "dumps", lambda obj, **kw: made.append(obj) or real(obj, **kw))
    w.rules.proposals[7].text = "Kysymme ennen kuin oletamme."
    assert toml_text.dumps(data(w)) == real(data(w))
    assert made and all(repr(obj).count("'id': ") == 1 for obj in made)  # the changed proposal alone, not the 300
