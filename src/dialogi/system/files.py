"""Files as Windows treats them: renames refused while another program reads, text with a BOM.

On Windows a file that another program has open without delete sharing cannot be replaced:
OneDrive uploading it, Defender or the search indexer scanning it, an editor showing it. The
rename that finishes every save then fails with a sharing violation, usually for some tens of
milliseconds. ``replace`` tries again for a moment and only then gives up; on other systems a
rename is never refused that way, and an error is reported at once.

Notepad and PowerShell 5.1 write text with a byte-order mark, and PowerShell 5.1's ``>``
writes UTF-16; ``decode`` reads both, so a workshop or answers file edited there still opens.
"""

from __future__ import annotations

import codecs
import os
import time

from dialogi.system import windows

# ERROR_ACCESS_DENIED (a file being deleted or scanned), ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
SHARING_VIOLATIONS = frozenset({5, 32, 33})
RETRY_DELAYS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8)  # seconds; about 1.6 s in all
pause = time.sleep  # the tests count the pauses instead of waiting them


def held_by_another_program(error: OSError) -> bool:
    """True for Windows' "the file is being used by another process" and its kin, as a rename or
    a removal meets them (creating a file refused with "access denied" is a permission matter)."""
    return windows() and isinstance(error, PermissionError) and getattr(error, "winerror", None) in SHARING_VIOLATIONS


def replace(source: str | os.PathLike, target: str | os.PathLike) -> None:
    """``os.replace``, tried again while another program holds the target (Windows)."""
    for delay in RETRY_DELAYS:
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            if not held_by_another_program(error):
                raise
            pause(delay)
    os.replace(source, target)  # the last try: its error is the caller's


def remove_quietly(path: str | os.PathLike) -> None:
    """Remove a temporary file if possible; one that a virus scan still holds is left for later."""
    try:
        os.unlink(path)
    except OSError:
        pass


def decode(raw: bytes) -> str:
    """Text that is UTF-8, with or without a BOM, or UTF-16 with its BOM.

    UnicodeDecodeError otherwise; its ``encoding`` is ``utf-16`` for text that looks like
    UTF-16 without a BOM, so that the message can say so.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    if _utf16_without_bom(raw[:400]):
        raise UnicodeDecodeError("utf-16", raw, 0, len(raw), "UTF-16 without a byte-order mark")
    return raw.decode("utf-8-sig")


def _utf16_without_bom(sample: bytes) -> bool:
    """Mostly ASCII text in UTF-16: a zero byte in nearly every other place, and hardly anywhere else."""
    if len(sample) < 16:
        return False
    half = len(sample) // 2
    zeros = sorted((sample[0::2].count(0), sample[1::2].count(0)))
    return zeros[1] >= 0.75 * half and zeros[0] <= 0.1 * half
