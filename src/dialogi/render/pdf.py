"""HTML to PDF with a Chromium-based browser already on the machine, headless and offline.

The browser (Chromium or Chrome, on Windows usually Edge; ``dialogi.system.browsers`` finds
it) runs with a throw-away profile, no first-run, sync, component updates or background
networking, and without its own header and footer on the page.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from dialogi.errors import CannotWrite, InvalidFile, NotFound

TIMEOUT = 90  # seconds


def find_chromium() -> str | None:
    """The browser to print with (``DIALOGI_BROWSER``, the PATH, the system's usual places), or None."""
    from dialogi.system import browsers

    try:
        return browsers.find()
    except browsers.NamedBrowserMissing as missing:
        raise NotFound("print.command.browser_missing", value=str(missing)) from None


def chromium_command(browser: str, html_file: Path, pdf_file: Path, profile: Path) -> list[str]:
    return [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-default-apps", "--mute-audio",
        f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf_file}",
        html_file.resolve().as_uri(),
    ]


def html_to_pdf(html_file: Path, pdf_file: Path, browser: str | None = None, timeout: int = TIMEOUT) -> Path:
    """Print ``html_file`` to ``pdf_file`` (A4, as the page's CSS says); return ``pdf_file``."""
    from dialogi.i18n import t
    from dialogi.system import browsers, family, files

    browser = browser or find_chromium()
    if browser is None:
        raise NotFound(f"print.command.no_browser.{family()}", names=browsers.looked_for())
    pdf_file = pdf_file.resolve()
    try:
        pdf_file.unlink(missing_ok=True)  # so that an old PDF is never taken for a new one
    except OSError as e:
        if files.held_by_another_program(e):  # Windows: open in a PDF reader
            raise CannotWrite("print.command.pdf_open", file=str(pdf_file)) from None
        raise CannotWrite("errors.cannot_write", file=str(pdf_file), reason=e.strerror or str(e)) from None
    # The browser's helper processes may hold the profile a moment after it exits (Windows):
    # a profile left behind in the temp folder is no reason to fail.
    with tempfile.TemporaryDirectory(prefix="dialogi-chromium-", ignore_cleanup_errors=True) as profile:
        try:
            done = subprocess.run(
                chromium_command(browser, html_file, pdf_file, Path(profile)),
                stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace", timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise InvalidFile("print.command.pdf_failed", file=str(pdf_file),
                              reason=t("print.command.pdf_timeout", seconds=timeout)) from None
        except OSError as e:
            raise InvalidFile("print.command.pdf_failed", file=str(pdf_file), reason=e.strerror or str(e)) from None
    if done.returncode != 0 or not pdf_file.exists() or pdf_file.stat().st_size == 0:
        lines = [line for line in (done.stderr or "").splitlines() if line.strip() and "dbus" not in line]
        reason = lines[-1].strip() if lines else t("print.command.pdf_exit", code=done.returncode)
        raise InvalidFile("print.command.pdf_failed", file=str(pdf_file), reason=reason[:300])
    return pdf_file
