"""What only POSIX systems have: the tests that need it skip on Windows, each saying why.

Everything else in the suite runs on Windows as well (the Windows behaviour dialogi has to
handle is simulated in ``tests/test_windows.py``, on any system).
"""

from __future__ import annotations

import sys

import pytest

WINDOWS = sys.platform == "win32"

sigkill = pytest.mark.skipif(WINDOWS, reason="kills processes with SIGKILL, which Windows does not have")
permission_bits = pytest.mark.skipif(WINDOWS, reason="checks POSIX permission bits, which Windows does not keep")
shebang = pytest.mark.skipif(WINDOWS, reason="the fake browser is a script started by its #! line, which Windows does not read")


def pexpect_spawn():
    """pexpect, for the runs in a real pseudo-terminal; skips where there is none (Windows)."""
    pexpect = pytest.importorskip("pexpect")
    if not hasattr(pexpect, "spawn"):
        pytest.skip("pexpect.spawn needs a POSIX pseudo-terminal, which Windows does not have", allow_module_level=True)
    return pexpect
