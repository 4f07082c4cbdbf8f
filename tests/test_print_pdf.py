"""The printed poster is one A4 page: headless Chromium prints it to PDF, and we read the PDF.

Needs Chromium or Google Chrome (``.ci/run`` installs Debian's chromium when it is missing).
Without one, these tests are skipped and say why.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from dialogi.cli import run_cli
from dialogi.errors import ExitCode
from dialogi.record.store import load, save
from dialogi.render.html import plan_html, poster_html
from print_samples import plan_workshop, rules_workshop

A4 = (595.28, 841.89)  # points


def chromium() -> str:
    """The browser ``print --pdf`` would use (on Windows usually Edge), or the test is skipped."""
    from dialogi.system import browsers

    found = browsers.find()
    if not found:
        pytest.skip(f"no Chromium-based browser found: none of {browsers.looked_for()} is on the PATH "
                    "(install chromium with: apt-get install chromium; .ci/run does this)")
    return found


def print_to_pdf(page: str, tmp_path: Path, name: str) -> bytes:
    html_file = tmp_path / f"{name}.html"
    html_file.write_text(page, "utf-8")
    pdf_file = tmp_path / f"{name}.pdf"
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}", "--no-pdf-header-footer",
        f"--print-to-pdf={pdf_file}", html_file.as_uri(),
    ]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert pdf_file.exists(), f"chromium wrote no PDF (exit {done.returncode}): {done.stderr[-2000:]}"
    return pdf_file.read_bytes()


def pages(pdf: bytes) -> list[tuple[float, float]]:
    """The (width, height) of each page: the page objects (``/Type /Page``, not ``/Pages``)
    and their ``/MediaBox``. Chromium's PDFs keep the page dictionaries uncompressed."""
    assert pdf.startswith(b"%PDF-")
    found = []
    for match in re.finditer(rb"/Type\s*/Page(?![A-Za-z])", pdf):
        start = pdf.rfind(b"obj", 0, match.start())
        end = pdf.find(b"endobj", match.end())
        box = re.search(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf[start:end])
        assert box, "a page without a /MediaBox of its own"
        x0, y0, x1, y1 = (float(v) for v in box.groups())
        found.append((x1 - x0, y1 - y0))
    return found


def assert_a4(size: tuple[float, float]) -> None:
    width, height = size
    assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2, f"not A4 portrait: {size}"


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_twelve_long_rules_print_on_one_a4_page(tmp_path, lang):
    w = rules_workshop(12, lang)
    assert len(w.active_rules()) == 12 and min(len(r.text) for r in w.active_rules()) > 40
    found = pages(print_to_pdf(poster_html(w), tmp_path, f"poster-{lang}"))
    assert len(found) == 1, f"the poster took {len(found)} pages"
    assert_a4(found[0])


def test_a_few_rules_print_on_one_a4_page_with_everything(tmp_path):
    found = pages(print_to_pdf(poster_html(rules_workshop(3, "fi")), tmp_path, "poster-3"))
    assert len(found) == 1
    assert_a4(found[0])


def test_the_probe_counts_pages(tmp_path):
    """The page count would notice a poster that spills: a rule of 5,000 characters does."""
    w = rules_workshop(12, "fi")
    w.rules.agreed[0].text = ("Pitkä " * 1000).strip()
    found = pages(print_to_pdf(poster_html(w), tmp_path, "spill"))
    assert len(found) >= 2
    for size in found:
        assert_a4(size)


def test_the_plan_prints_on_a4(tmp_path):
    found = pages(print_to_pdf(plan_html(plan_workshop("fi")), tmp_path, "plan"))
    assert len(found) >= 1
    for size in found:
        assert_a4(size)


def test_the_command_makes_the_pdfs(tmp_path, capsys):
    chromium()
    w = rules_workshop(12, "fi")
    w.wellbeing = plan_workshop("fi").wellbeing
    path = tmp_path / "kotihoito.toml"
    save(path, w)
    assert run_cli(["print", str(path), "--pdf"]) == ExitCode.OK
    out = capsys.readouterr().out
    poster_pdf, plan_pdf = tmp_path / "kotihoito.rules.pdf", tmp_path / "kotihoito.plan.pdf"
    assert f"Wrote {poster_pdf} (PDF)" in out and f"Wrote {plan_pdf} (PDF)" in out
    assert len(pages(poster_pdf.read_bytes())) == 1
    assert len(pages(plan_pdf.read_bytes())) >= 1


def test_without_javascript_the_estimate_alone_keeps_twelve_rules_on_one_page(tmp_path):
    """A browser with JavaScript off prints at the size dialogi estimated: still one page."""
    page = re.sub(r"<script>.*?</script>", "", poster_html(rules_workshop(12, "fi")), flags=re.S)
    assert "<script>" not in page
    found = pages(print_to_pdf(page, tmp_path, "no-script"))
    assert len(found) == 1
    assert_a4(found[0])


def test_in_the_browser_the_poster_takes_the_largest_size_that_fits(tmp_path):
    """The page measures itself: three rules grow past the cautious estimate, twelve do not spill."""
    from dialogi.render.html import poster_fit
    from dialogi.render.poster import poster

    for count in (3, 12):
        w = rules_workshop(count, "fi")
        html_file = tmp_path / f"dom-{count}.html"
        html_file.write_text(poster_html(w), "utf-8")
        done = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'chromium-profile'}", "--dump-dom", html_file.as_uri()],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        )
        main = re.search(r'<main class="([^"]*)" style="--size: ([\d.]+)pt;?"', done.stdout)
        assert main, done.stdout[:500]
        estimated, _ = poster_fit(poster(w))
        assert float(main.group(2)) >= estimated
        if count == 3:
            assert float(main.group(2)) == 28 and "brief" not in main.group(1)


# -- the follow-up report with its charts -----------------------------------------------------


@pytest.fixture(scope="module")
def second_year(tmp_path_factory) -> Path:
    """The demo's ward in its second year: planned, reviewed, continuing the first year."""
    from dialogi.samples import second_year as later, write_samples

    return later(write_samples(tmp_path_factory.mktemp("demo")))


def test_the_follow_up_report_prints_on_a4_with_its_charts(second_year, capsys):
    chromium()
    assert run_cli(["print", str(second_year), "--what", "review", "--pdf"]) == ExitCode.OK
    page = second_year.with_suffix(".review.html").read_text("utf-8")
    charts = re.findall(r'<figure class="chart"[^>]*>.*?</figure>', page, flags=re.S)
    assert len(charts) == 6 and all("<svg" in chart and "<path" in chart for chart in charts)
    found = pages(second_year.with_suffix(".review.pdf").read_bytes())
    assert len(found) == 4  # the goals and the table; three charts; two charts and the actions; the actions' table
    for size in found:
        assert_a4(size)


def test_each_chart_is_visible_in_chromium(second_year, tmp_path):
    """A chart of the report on its own, as Chromium draws it: black lines, markers and labels on
    white, over most of its width and height (an empty or broken SVG leaves the page white)."""
    from PIL import Image

    from dialogi.render.html import review_html

    page = review_html(load(second_year), second_year)
    chart = re.search(r'<figure class="chart"[^>]*>.*?</figure>', page, flags=re.S).group(0)
    html_file = tmp_path / "chart.html"
    html_file.write_text(f'<!DOCTYPE html><html><body style="margin:0;background:#fff;width:640px">{chart}</body></html>', "utf-8")
    png = tmp_path / "chart.png"
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=640,320", f"--screenshot={png}",
                    html_file.as_uri()], stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    image = Image.open(png).convert("L")
    dark = [(x, y) for x in range(image.width) for y in range(image.height) if image.getpixel((x, y)) < 100]
    assert len(dark) > 2000, "the chart is (nearly) blank"
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    assert max(xs) - min(xs) > image.width * 0.7 and max(ys) - min(ys) > image.height * 0.5
