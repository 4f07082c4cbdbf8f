"""The room in a real browser: Debian's Chromium driven by Playwright, one browser context a phone.

Each context has its own cookies, so it is a phone of its own. Needs the ``playwright`` package
(the test extra) and an installed Chromium (``.ci/run`` installs Debian's); Playwright's own
browser download is not used. Without either, these tests are skipped and say why.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from dialogi import voting
from dialogi.ui.room import rounds
from dialogi.ui.room.room import Room

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
OPTIONS = {"p1": "We answer messages the same day", "p2": "We take our breaks", "p3": "We thank each other", "p4": "We ask the quiet ones"}
WAIT = 15_000  # ms: the longest a page may take to show what it should (phone.js looks every 3 s)


def chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"chromium is not installed: none of {', '.join(BROWSERS)} is on the PATH (apt-get install chromium; .ci/run does this)")


@pytest.fixture(scope="module")
def browser():
    path = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def expect():
    from playwright.sync_api import expect

    return expect


def start(lang: str = "en", **kwargs) -> Room:
    return Room(lang, host="127.0.0.1", port=0, **kwargs).start()


def phones(browser, room: Room, count: int, **options):
    """``count`` phones (browser contexts, 390 × 844 like a phone) with the join page open."""
    pages = []
    for _ in range(count):
        context = browser.new_context(viewport={"width": 390, "height": 844}, **options)
        page = context.new_page()
        page.on("dialog", lambda dialog: pytest.fail(f"a page opened a dialog: {dialog.message}"))
        page.goto(room.url)
        pages.append(page)
    return pages


def close_all(pages) -> None:
    for page in pages:
        page.context.close()


def test_proposals_arrive_in_the_terminal_as_they_come(browser, expect):
    room = start(title="Home care <i>team</i>")
    pages = phones(browser, room, 3)
    try:
        expect(pages[0].get_by_role("heading", name="Please wait: the next question appears here.")).to_be_visible()
        rnd = room.open(rounds.proposals("What rules of the game do we need?"))
        seen = []
        written = [["We answer messages the same day", "We take our breaks"], ["<script>alert('x')</script>"], ["<img src=x onerror=alert(2)>"]]
        for page, lines in zip(pages, written):
            box = page.get_by_label("Your proposals — one on each line")
            expect(box).to_be_visible(timeout=WAIT)  # phone.js noticed the new round by itself
            box.fill("\n".join(lines))
            page.get_by_role("button", name="Send").click()
            expect(page.get_by_role("status")).to_have_text("Thank you, your answer has been sent.")
            for line in lines:
                expect(page.locator("ul.answer")).to_contain_text(line)  # shown as text, not run
            seen.append(rnd.lines())  # the terminal's side, before the round is closed
        assert seen == [written[0], written[0] + written[1], written[0] + written[1] + written[2]]
        assert "Home care <i>team</i>" == pages[0].locator("p.room").inner_text()
        assert rnd.close() == seen[-1]
        expect(pages[0].get_by_role("heading", name="Please wait: the next question appears here.")).to_be_visible(timeout=WAIT)
    finally:
        close_all(pages)
        room.close()
    assert room.errors == 0


def dot_vote(page, expect, choice: dict[str, int], left: str = "") -> None:
    for option, dots in choice.items():
        page.get_by_role("group", name=OPTIONS[option]).get_by_role("radio", name="1 dot" if dots == 1 else f"{dots} dots", exact=True).check()
    if left:
        expect(page.locator(".left")).to_have_text(left)
    page.get_by_role("button", name="Send").click()


def test_a_secret_dot_ballot_of_five_phones_gives_the_right_tallies(browser, expect):
    room = start()
    pages = phones(browser, room, 5)
    ballots = [{"p1": 2, "p2": 1}, {"p1": 1, "p3": 2}, {"p4": 2}, {"p2": 1, "p3": 1, "p4": 1}, {"p1": 2, "p4": 1}]
    try:
        rnd = room.open(rounds.ballot(voting.dots(OPTIONS, budget=3, cap=2, select=2), "Which rules do we take on?"), expected=5)
        for n, (page, choice) in enumerate(zip(pages, ballots)):
            page.reload()
            dot_vote(page, expect, choice, left="Dots left: 0" if sum(choice.values()) == 3 else "")
            expect(page.get_by_role("status")).to_have_text("Thank you, your answer has been sent.")
            assert rnd.answered == n + 1
        result = rnd.close()
        vote = result.to_record(subject="Which rules do we take on?")
        assert (vote.secret, vote.voters) == (True, 5)
        assert vote.tallies == {"p1": 5, "p2": 2, "p3": 3, "p4": 4}
        assert vote.ranking == ["p1", "p4", "p3", "p2"] and vote.winners == ["p1", "p4"]
    finally:
        close_all(pages)
        room.close()
    assert room.errors == 0


def test_a_second_ballot_from_the_same_phone_is_refused_and_a_change_is_not_a_second(browser, expect):
    room = start()
    (page,) = phones(browser, room, 1)
    try:
        rnd = room.open(rounds.ballot(voting.dots(OPTIONS, budget=3, cap=2), "Which rules?"))
        page.reload()
        second_tab = page.context.new_page()  # the same phone, the form open twice
        second_tab.goto(room.url)
        dot_vote(page, expect, {"p1": 2})
        expect(page.get_by_role("status")).to_be_visible()
        page.get_by_role("link", name="Change my answer").click()
        expect(page.get_by_role("group", name=OPTIONS["p1"]).get_by_role("radio", name="2 dots", exact=True)).to_be_checked()
        dot_vote(page, expect, {"p1": 0, "p2": 1})  # a change replaces the ballot
        expect(page.locator("ul.answer")).to_have_text("We take our breaks: 1 dot")
        page.context.clear_cookies(name="r")  # the phone forgets which ballot was its own ...
        dot_vote(second_tab, expect, {"p3": 2})  # ... and tries to vote again
        expect(second_tab.get_by_role("alert")).to_have_text("An answer to this question has already been sent from this phone.")
        assert rnd.answered == 1
        result = rnd.close()
        assert (result.voters, result.tallies) == (1, {"p1": 0, "p2": 1, "p3": 0, "p4": 0})
    finally:
        close_all([page])
        room.close()


def test_nothing_per_person_reaches_the_disk(browser, expect, tmp_path, monkeypatch):
    """No file is written by dialogi's process while phones join, vote and the round is counted
    (an audit hook sees every open for writing), and the folders it works in stay empty."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir(exist_ok=True)
    monkeypatch.chdir(work)
    written: list[str] = []
    watching = [False]

    def audit(event, args):
        if watching[0] and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            mode, flags = args[1], args[2]
            if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)):
                written.append(os.fsdecode(args[0]))

    sys.addaudithook(audit)
    room = start()
    pages = phones(browser, room, 3)
    try:
        rnd = room.open(rounds.ballot(voting.approval(OPTIONS), "Which do you support?"))
        watching[0] = True
        for page, chosen in zip(pages, (["p1"], ["p1", "p2"], ["p4"])):
            page.reload()
            for option in chosen:
                page.get_by_label(OPTIONS[option]).check()
            page.get_by_role("button", name="Send").click()
            expect(page.get_by_role("status")).to_be_visible()
        result = rnd.close()
        room.close()
        watching[0] = False
    finally:
        watching[0] = False
        close_all(pages)
        room.close()
    assert result.tallies == {"p1": 2, "p2": 1, "p3": 0, "p4": 1}
    assert [p for p in written if not p.startswith(("/dev/", "/proc/"))] == []
    assert list(work.rglob("*")) == [] and list(home.rglob("*")) == []


def test_the_page_reads_in_finnish_for_a_finnish_room(browser, expect):
    room = start("fi", title="Kotihoidon pelisäännöt")
    (page,) = phones(browser, room, 1)
    try:
        assert page.locator("html").get_attribute("lang") == "fi"
        expect(page.get_by_role("heading", name="Odota hetki: seuraava kysymys tulee tähän.")).to_be_visible()
        options = {"p1": "Vastaamme viesteihin saman päivän aikana", "p2": "Pidämme tauot"}
        rnd = room.open(rounds.ballot(voting.dots(options, budget=3, cap=2), "Mitkä säännöt otamme käyttöön?"))
        page.reload()
        expect(page.get_by_text("Pisteitä jaettavana: 3. Yhdelle vaihtoehdolle enintään 2.")).to_be_visible()
        expect(page.get_by_text("Vastaukset ovat nimettömiä")).to_be_visible()
        page.get_by_role("group", name=options["p1"]).get_by_role("radio", name="2 pistettä").check()
        page.get_by_role("group", name=options["p2"]).get_by_role("radio", name="2 pistettä").check()
        expect(page.locator(".left")).to_have_text("Pisteitä on 1 liikaa.")
        page.get_by_role("button", name="Lähetä").click()
        expect(page.get_by_role("alert")).to_have_text("Annoit yhteensä 4 pistettä, mutta jokaisella äänestäjällä on annettavanaan vain 3.")
        expect(page.get_by_role("group", name=options["p2"]).get_by_role("radio", name="2 pistettä")).to_be_checked()
        page.get_by_role("group", name=options["p2"]).get_by_role("radio", name="1 piste", exact=True).check()
        page.get_by_role("button", name="Lähetä").click()
        expect(page.get_by_role("status")).to_have_text("Kiitos, vastauksesi on lähetetty.")
        expect(page.locator("ul.answer")).to_have_text(f"{options['p1']}: 2 pistettä{options['p2']}: 1 piste")
        expect(page.get_by_role("link", name="Muuta vastaustani")).to_be_visible()
        assert rnd.close().tallies == {"p1": 2, "p2": 1}

        fist = room.open(rounds.ballot(voting.fist_to_five("Pidämme tauot", option_id="r2")))
        page.reload()
        expect(page.get_by_role("heading", name="Pidämme tauot")).to_be_visible()
        page.get_by_label("4 – kannatan", exact=True).check()
        page.get_by_role("button", name="Lähetä").click()
        expect(page.locator("p.answer")).to_have_text("4 – kannatan")
        assert fist.close().tallies["4"] == 1

        rate = room.open(rounds.ratings("Miten onnistuimme?", {"1": "Dialogi on vuorovaikutusta", "2": "Kaikki osallistuvat"}))
        page.reload()
        page.get_by_role("group", name="Dialogi on vuorovaikutusta").get_by_role("radio", name="4 – hyvin").check()
        page.get_by_role("button", name="Lähetä").click()
        expect(page.locator("ul.answer")).to_have_text("Dialogi on vuorovaikutusta: 4 – hyvin")
        assert rate.close().counts == {"1": [0, 0, 0, 1, 0], "2": [0, 0, 0, 0, 0]}
    finally:
        close_all([page])
        room.close()
    assert room.errors == 0


def test_the_page_works_without_javascript(browser, expect):
    room = start()
    (page,) = phones(browser, room, 1, java_script_enabled=False)
    try:
        rnd = room.open(rounds.answers("What did we learn today?"))
        page.reload()
        page.get_by_label("Your answer").fill("That listening takes time.")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("status")).to_have_text("Thank you, your answer has been sent.")
        expect(page.locator("p.answer")).to_have_text("That listening takes time.")
        page.get_by_role("link", name="Change my answer").click()
        expect(page.get_by_label("Your answer")).to_have_value("That listening takes time.")
        assert rnd.close() == ["That listening takes time."]
    finally:
        close_all([page])
        room.close()
    assert room.errors == 0
