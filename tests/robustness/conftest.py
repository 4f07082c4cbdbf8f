"""Fixtures of the robustness suite; the helpers are in ``harness.py``.

The counts the suite reports at the end of the run (``robustness_counts``) live in
``tests/conftest.py``, so that the per-method interrupt tests elsewhere can add theirs.
"""

from __future__ import annotations

import pytest

from harness import Demo


@pytest.fixture(scope="session")
def demo_records(tmp_path_factory) -> list[Demo]:
    """The demo's two complete workshops (Finnish and English), written once per session."""
    from dialogi.samples import write_samples

    folder = tmp_path_factory.mktemp("demo")
    return [Demo(path.name, path.read_bytes()) for path in write_samples(folder)]
