"""Autosave latency: the save after one answer, in a workshop with 300 proposals and 40 people.

In-process, as a session saves: the record changes by one answer (a remark, a proposal's
wording, a goal's action), then ``dialogi.record.store.save`` writes the whole file atomically
(a temporary file, fsync, rename, fsync of the folder). Each save is timed on its own; the
median and the 95th percentile are reported, with the two halves of a save (turning the record
into TOML, and writing it durably) measured apart. Target: median at most 10 ms.

Run alone: ``python bench/autosave.py [--repeat N] [--dir FOLDER]`` (the folder decides which
disk the saves go to; by default a temporary folder).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Callable

from common import Report, Row, make_workshop, median, p95, print_machine

TARGET_MS = 10.0
PROPOSALS = 300
PARTICIPANTS = 40


def big_workshop():
    """The generator's full record, with 300 rule proposals (and a vote over them) and 40 participants."""
    return make_workshop(random.Random(300), participants=PARTICIPANTS, proposals=PROPOSALS)


def answers(workshop):
    """One changed answer after another, the kinds a session gives, endlessly."""
    from dialogi.record.models import Item

    n = 0
    while True:
        n += 1
        kind = n % 3
        if kind == 0:
            note = workshop.principles.remarks[n % 13]
            note.remark = f"Kysytään hiljaisemmilta suoraan ({n})."
        elif kind == 1:
            item = workshop.rules.proposals[n % PROPOSALS]
            item.text = f"Vastaamme viesteihin saman työvuoron aikana ({n})."
        else:
            workshop.wellbeing.proposals = [*workshop.wellbeing.proposals[:-1], Item(id=f"w{n}", text=f"Uusi ehdotus {n}")]
        yield


def data(workshop) -> dict:
    from dialogi.record.models import SCHEMA

    return {"schema": SCHEMA, **workshop.model_dump(by_alias=True, exclude_defaults=True, exclude_none=True)}


def timed(repeat: int, prepare: Callable[[], object], action: Callable[[], object], warmup: int = 5) -> list[float]:
    """Milliseconds of ``action`` each time, ``prepare`` (a changed answer) untimed before it."""
    times = []
    for n in range(warmup + repeat):
        prepare()
        start = time.perf_counter()
        action()
        if n >= warmup:  # the first saves warm up caches, like the first answers of a session
            times.append((time.perf_counter() - start) * 1000)
    return times


def measure(repeat: int = 300, folder: Path | None = None) -> Report:
    import tomli_w

    from dialogi.record import store

    workshop = big_workshop()
    with tempfile.TemporaryDirectory(prefix="dialogi-bench-", dir=folder) as tmp:
        path = Path(tmp) / "iso-tyopaja.toml"
        store.save(path, workshop)
        size = path.stat().st_size
        change = answers(workshop)
        saves = timed(repeat, lambda: next(change), lambda: store.save(path, workshop))
        assert store.load(path) == workshop, "the saved file does not read back as the record"
        # the two halves apart, each after its own changed answer
        dumps = timed(repeat, lambda: next(change), lambda: store.dump(workshop))
        text = store.dump(workshop)
        writes = timed(repeat, lambda: None, lambda: store.write_text_atomic(path, text))
        whole = timed(max(repeat // 10, 5), lambda: next(change), lambda: tomli_w.dumps(data(workshop)))
    rows = [
        Row("save after one answer, median", median(saves), target=TARGET_MS),
        Row("save after one answer, 95th percentile", p95(saves), note="no target; for the spread"),
        Row("of which the record to TOML, median", median(dumps), note="`store.dump`: `model_dump`, then TOML for the changed parts"),
        Row("of which the durable write, median", median(writes), note="temp file, fsync, rename, fsync of the folder"),
        Row("the whole record to TOML with tomli-w, median", median(whole), note="what every save took before `record/toml_text.py`"),
    ]
    notes = [
        f"{repeat} saves, each after one changed answer; a {size / 1024:.0f} KiB file with {PROPOSALS} proposals, "
        f"a vote over them and {PARTICIPANTS} participants (plus the generator's rules, plan and reviews).",
        "The durable write depends on the disk: fsync is cheap on a laptop's SSD, slow on a network drive.",
    ]
    return Report("Autosave latency", rows, notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300, help="saves to time (default 300)")
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to save to (default: a temporary folder)")
    args = parser.parse_args()
    print_machine()
    measure(args.repeat, args.dir).show()


if __name__ == "__main__":
    main()
