"""An indicator over the years as a chart: SVG for the printed plan and the follow-up report.

matplotlib draws it: a well-kept library with an SVG backend that needs no display, full
control of markers, line styles and labels, and reproducible output. It is imported only
here, when a page with charts is made (loading it takes a good part of a second), so no
command but ``print`` ever loads it. pyplot and its global state are not used: each chart is
its own ``Figure`` on an SVG canvas.

Readable in black and white, on paper: the values are a solid black line, the values at
planning filled circles and the readings at reviews open squares, each point labelled with
its value; the target is a dashed grey line labelled with its value. The text stays text in
the SVG (``svg.fonttype: none``), so it prints sharp, is selectable and uses the page's fonts.
Every string from the record goes in with ``parse_math=False``: a ``$`` in a unit is a dollar.
"""

from __future__ import annotations

import io
import re

from dialogi.followup.series import PLANNING, REVIEW, Series
from dialogi.i18n import t
from dialogi.render.plain import one_line
from dialogi.render.text import format_date, format_number, with_unit

WIDTH, HEIGHT = 6.4, 2.5  # inches: the width of an A4 page's text column, a low strip
INK, GREY = "#000000", "#555555"
MARKERS = {PLANNING: dict(marker="o", markerfacecolor=INK), REVIEW: dict(marker="s", markerfacecolor="#ffffff")}


def _style(salt: str) -> dict[str, object]:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": salt,  # the same chart, the same file; ids differ between charts on a page
        "font.family": "DejaVu Sans",
        "font.size": 8.5,
        "axes.edgecolor": INK,
        "axes.linewidth": 0.8,
        "xtick.color": INK,
        "ytick.color": INK,
    }


def chart_svg(series: Series, lang: str) -> str:
    """The series as an SVG element (no XML declaration), ready to stand inside an HTML page."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter

    points = series.points
    with matplotlib.rc_context(_style(f"dialogi-{series.id}")):
        figure = Figure(figsize=(WIDTH, HEIGHT))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        x = [date2num(p.date) for p in points]
        y = [p.value for p in points]
        axes.plot(x, y, color=INK, linewidth=1.6, linestyle="-", zorder=2)
        for kind, style in MARKERS.items():
            shown = [(a, b) for a, b, p in zip(x, y, points) if (p.kind == PLANNING) == (kind == PLANNING)]
            if shown:
                axes.plot(*zip(*shown), linestyle="none", markersize=6.5, markeredgecolor=INK, markeredgewidth=1.3,
                          zorder=3, **style)
        low, high = min(y), max(y)
        if series.target is not None:
            low, high = min(low, series.target), max(high, series.target)
            axes.axhline(series.target, color=GREY, linewidth=1.2, linestyle=(0, (5, 3)), zorder=1)
        pad = (high - low) * 0.3 or abs(high) * 0.1 or 1.0
        axes.set_ylim(low - pad, high + pad)
        for a, b in zip(x, y):
            axes.annotate(format_number(b, lang), (a, b), xytext=(0, 7), textcoords="offset points", ha="center",
                          fontweight="bold", parse_math=False)
        span = (x[-1] - x[0]) or 60.0
        axes.set_xlim(x[0] - span * 0.08, x[-1] + span * 0.22)
        if series.target is not None:
            label = t("print.review.chart_target", lang, value=with_unit(series.target, series.unit, lang))
            above = y[-1] < series.target  # on the side away from the last value
            axes.annotate(one_line(label), (1, series.target), xycoords=("axes fraction", "data"),
                          xytext=(-2, 3 if above else -3), textcoords="offset points", ha="right",
                          va="bottom" if above else "top", color=GREY, parse_math=False)
        axes.set_xticks(x, [format_date(p.date, lang) for p in points])
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value, lang)))
        if series.unit:
            axes.set_ylabel(one_line(series.unit), parse_math=False)
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6, zorder=0)
        handles = [
            Line2D([], [], color=INK, linewidth=1.6, markersize=6, markeredgecolor=INK, **MARKERS[PLANNING]),
            Line2D([], [], color=INK, linewidth=1.6, markersize=6, markeredgecolor=INK, **MARKERS[REVIEW]),
        ]
        labels = [t("print.review.chart_planning", lang), t("print.review.chart_review", lang)]
        if series.target is not None:
            handles.append(Line2D([], [], color=GREY, linewidth=1.2, linestyle=(0, (5, 3))))
            labels.append(t("print.review.chart_target_legend", lang))
        axes.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.02), ncols=3, frameon=False,
                    handlelength=2.6, borderaxespad=0)
        figure.tight_layout(pad=0.4)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return _element(out.getvalue())


def _element(document: str) -> str:
    """The ``<svg>`` element alone: no XML declaration, doctype or comments before it."""
    start = document.index("<svg")
    return re.sub(r"<!--.*?-->", "", document[start:], flags=re.S).strip()
