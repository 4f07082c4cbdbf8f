"""How people find the room: a QR code in the terminal and a printable join sheet.

The QR code comes from segno (pure Python). In the terminal it is drawn with half blocks,
two rows of modules a line, light modules as the terminal's foreground: a dark terminal shows
the code the usual way round, a light one inverted, which phone cameras read as well. The join
sheet is one A4 page of HTML with the code as inline SVG, the address in large type and three
steps, in the workshop's language; it is made from a running room's address, since the
address (the laptop's address on the day's network, and a new key) exists only while the
room is open.
"""

from __future__ import annotations

import io
from html import escape

from dialogi.i18n import t

SHEET_CSS = """\
@page { size: A4; margin: 18mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; color: #000; }
.sheet { max-width: 174mm; margin: 0 auto; text-align: center; }
h1 { font-size: 26pt; margin: 0 0 2mm; }
.workshop { font-size: 14pt; margin: 0 0 8mm; color: #333; }
.qr svg { width: 95mm; height: 95mm; }
.address { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 17pt; font-weight: bold;
           overflow-wrap: anywhere; margin: 4mm 0 8mm; }
ol { text-align: left; font-size: 14pt; line-height: 1.5; margin: 0 auto 6mm; max-width: 150mm; }
li { margin-bottom: 2mm; }
.note { font-size: 11pt; color: #333; margin: 2mm 0; }
"""


def _qr(url: str):  # -> segno.QRCode
    import segno

    return segno.make(url, error="m", micro=False)


def qr_text(url: str) -> str:
    """The QR code of ``url`` for a terminal, two rows of modules a line."""
    out = io.StringIO()
    _qr(url).terminal(out=out, compact=True, border=2)
    return out.getvalue()


def banner(url: str, lang: str) -> str:
    """What the terminal prints when the room opens: the QR code, the address and how to join."""
    return f"{qr_text(url)}\n{t('room.console.join', lang, address=url)}\n{t('room.console.join_note', lang)}\n"


def join_sheet(url: str, lang: str, *, title: str = "", network: str = "") -> str:
    """The join sheet as one A4 page of HTML: the QR code (SVG), the address, three steps."""
    svg = _qr(url).svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff")
    steps = "".join(f"<li>{escape(t(f'room.sheet.step_{n}', lang))}</li>" for n in (1, 2, 3))
    wifi = f'<p class="note">{escape(t("room.sheet.network", lang, network=network))}</p>' if network else ""
    workshop = f'<p class="workshop">{escape(title)}</p>' if title else ""
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(t('room.sheet.title', lang))}</title>\n<style>\n{SHEET_CSS}</style>\n</head>\n"
        f'<body>\n<div class="sheet">\n<h1>{escape(t("room.sheet.title", lang))}</h1>\n{workshop}\n'
        f'<div class="qr" role="img" aria-label="{escape(t("room.sheet.address", lang))}: {escape(url)}">{svg}</div>\n'
        f'<p class="address">{escape(url)}</p>\n<ol>{steps}</ol>\n{wifi}'
        f'<p class="note">{escape(t("room.sheet.privacy", lang))}</p>\n'
        f'<p class="note">{escape(t("room.sheet.valid", lang))}</p>\n</div>\n</body>\n</html>\n'
    )
