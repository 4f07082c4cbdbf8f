"""The benchmarks' generator writes valid, realistic workshop files (no timing here)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def common(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import common

    return common


def test_generated_workshops_pass_dialogi_check(common, tmp_path, subprocess_env):
    import subprocess

    paths = common.generate(tmp_path / "ws", 12, seed=5)
    assert len(paths) == 12 and len({p.name for p in paths}) == 12  # names taken get -2, -3…
    result = subprocess.run([sys.executable, "-m", "dialogi", "check", *map(str, paths)], capture_output=True, text=True, env=subprocess_env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": valid") == 12


def test_generated_workshops_are_filled_like_real_ones(common, tmp_path):
    from dialogi.record import store

    (path,) = common.generate(tmp_path / "ws", 1, seed=9)
    w = store.load(path)
    assert w.participants and len(w.principles.remarks) == 13 and w.practices.notes
    assert len(w.active_rules()) >= 4 and w.rules.votes[0].tallies
    assert w.wellbeing.indicators and len(w.wellbeing.goals) == 3 and all(g.actions for g in w.wellbeing.goals)
    assert w.reviews and w.next_review() is not None
    assert path.stat().st_size > 8_000


def test_the_autosave_workshop_has_300_proposals_and_40_participants(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import autosave

    w = autosave.big_workshop()
    assert (len(w.rules.proposals), len(w.participants)) == (300, 40)
    assert len(w.rules.votes[0].options) == 300

