"""The example workshops shipped in workshops/: valid, and what the demo writes today."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogi.record import store
from dialogi.samples import write_samples

EXAMPLES = Path(__file__).resolve().parent.parent / "workshops"
FILES = sorted(EXAMPLES.glob("*.toml"))


def test_there_are_examples_in_both_languages():
    assert {store.load(p).language for p in FILES} == {"fi", "en"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_example_is_a_valid_record(path):
    workshop = store.load(path)
    assert all(item.status == "done" for item in workshop.agenda)
    assert workshop.reviews, "each example shows a follow-up review too"


def test_the_examples_are_what_the_demo_writes(tmp_path):
    """Regenerate with: dialogi demo --dir workshops (then remove the hidden lock files)."""
    written = {p.name: p.read_text("utf-8") for p in write_samples(tmp_path)}
    shipped = {p.name: p.read_text("utf-8") for p in FILES}
    assert shipped == written
