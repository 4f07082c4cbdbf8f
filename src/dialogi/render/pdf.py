"""HTML to PDF with a Chromium or Chrome already on the machine, headless and offline.

Chromium runs with a throw-away profile, no first-run, sync, component updates or background
networking, and without the browser's own header and footer on the page.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from dialogi.errors import InvalidFile, NotFound

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 90  # seconds


def find_chromium() -> str | None:
    """The path of the first browser of ``BROWSERS`` on the PATH, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


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

    browser = browser or find_chromium()
    if browser is None:
        raise NotFound("print.command.no_chromium", names=", ".join(BROWSERS))
    pdf_file = pdf_file.resolve()
    pdf_file.unlink(missing_ok=True)  # so that an old PDF is never taken for a new one
    with tempfile.TemporaryDirectory(prefix="dialogi-chromium-") as profile:
        try:
            done = subprocess.run(
                chromium_command(browser, html_file, pdf_file, Path(profile)),
                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout,
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
