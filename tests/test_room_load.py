"""60 phones answer one secret ballot at the same moment: no ballot lost, none counted twice.

The same simulated phones as ``bench/room_load.py`` (which times them); here only correctness:
every phone's join, ballot, confirmation and change succeed, its replay without the receipt is
refused, and the tallies equal the sum of the ballots sent. Local addresses only (127.0.0.1).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_sixty_phones_in_one_round_lose_and_double_nothing(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import room_load

    outcome = room_load.one_round(phones=60)
    assert outcome.failures == []
    assert outcome.voters == 60
    assert outcome.tallies == outcome.expected
    assert sum(outcome.expected.values()) == 60 * 3  # two dots and one on another option, each phone
    assert (outcome.lost, outcome.doubled) == (0, 0)
