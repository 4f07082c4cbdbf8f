"""The room's server over real sockets on 127.0.0.1: joining, answering, and hostile requests.

Each hostile kind has its own test: wrong keys, huge bodies and headers, slow clients,
malformed forms and JSON, replayed answers and receipts, script in every text. Every test's
room must end with no request having failed inside the server (``room.errors == 0``).
"""

from __future__ import annotations

import json
import logging
import re
import socket
import time
from pathlib import Path

import pytest

from dialogi import voting
from dialogi.errors import UsageError
from dialogi.ui.room import network, rounds
from dialogi.ui.room.room import Room
from dialogi.ui.room.rounds import Limits

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = {"p1": "Vastaamme viesteihin", "p2": "Tauot pidetään", "p3": "<script>alert('p3')</script>"}


@pytest.fixture
def Phone(monkeypatch):
    """The simulated phone of the load benchmark (bench/room_load.py)."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import room_load

    return room_load.Phone


def open_room(lang: str = "en", **kwargs) -> Room:
    return Room(lang, host="127.0.0.1", port=0, **kwargs).start()


@pytest.fixture
def room():
    room = open_room(title="Kotihoito <b>tiimi</b>")
    yield room
    room.close()
    assert room.errors == 0


def dots(room: Room) -> rounds.Round:
    return room.open(rounds.ballot(voting.dots(OPTIONS, budget=3, cap=2), "Which rules?"))


def joined(room: Room) -> str:
    """The Cookie header of a phone that has joined, for raw requests."""
    from room_load import Phone

    phone = Phone(room.url)
    phone.open()
    return f"Cookie: d={phone.cookies['d']}\r\n"


def raw(room: Room, data: bytes, *, wait: float = 10.0) -> bytes:
    """Send raw bytes, then read until the server closes the connection (or ``wait`` passes)."""
    port = int(room.url.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        got = b""
        try:
            while chunk := s.recv(65536):
                got += chunk
        except (ConnectionResetError, socket.timeout):
            pass
        return got


def path(room: Room) -> str:
    return room.context.base


# -- joining -------------------------------------------------------------------------------------


def test_a_phone_joins_with_the_key_and_gets_a_cookie_for_the_room_only(room, Phone):
    phone = Phone(room.url)
    status, headers, text = phone.request("GET")
    assert status == 200 and room.joined == 1
    cookie = headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and f"Path={path(room)}" in cookie
    assert "Please wait" in text and '<html lang="en">' in text
    assert "default-src 'none'" in headers["content-security-policy"] and headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff" and "server" not in headers
    phone.open()
    assert room.joined == 1  # the same phone again is not a new one


@pytest.mark.parametrize("wrong", ["/", "/{upper}/", "/{key}x/", "/{short}/", "/x/{key}/", "/{key}/../", "/%2e%2e/{key}/", "/{key}/state/x", "/{key}/../../etc/passwd"])
def test_requests_without_the_right_key_are_refused(room, Phone, wrong):
    key = room.key
    target = wrong.format(key=key, upper=key.upper(), short=key[:-1])
    phone = Phone(room.url)
    status, _, text = phone.request("GET", target)
    assert status == 404
    assert room.joined == 0 and "set-cookie" not in phone.cookies and "<form" not in text
    status, _, _ = phone.request("POST", target, "round=x", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status in (404, 405)


def test_other_methods_are_not_allowed_and_head_joins_nobody(room, Phone):
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
        assert Phone(room.url).request(method)[0] == 405
    phone = Phone(room.url)
    assert phone.request("HEAD")[0] == 200
    assert room.joined == 0 and phone.cookies == {}


def test_the_room_is_bound_to_the_address_it_was_given_never_to_all(room):
    assert room._server._socket.getsockname()[0] == "127.0.0.1"
    with pytest.raises(UsageError):
        Room("en", host="0.0.0.0").start()
    with pytest.raises(UsageError):
        Room("en", host="laptop.local").start()
    with pytest.raises(UsageError) as error:  # binding sends nothing; this machine has no such address
        Room("en", host="192.0.2.1", port=0).start()
    assert error.value.key == "room.cannot_start" and "192.0.2.1" in error.value.message("en")


def test_the_lan_address_is_a_real_interface_or_a_clear_error():
    try:
        address = network.lan_address()
    except UsageError as error:
        assert error.key == "room.no_network"
    else:
        assert not address.startswith("127.") and address != "0.0.0.0"


def test_a_full_room_turns_away_more_phones(Phone):
    room = open_room(limits=Limits(devices=2))
    try:
        assert [Phone(room.url).open()[0] for _ in range(3)] == [200, 200, 503]
    finally:
        room.close()


def test_a_closed_room_answers_nothing(Phone):
    room = open_room()
    url = room.url
    room.close()
    with pytest.raises(OSError):
        Phone(url, timeout=2).open()


# -- answering -----------------------------------------------------------------------------------


def test_a_form_answer_is_confirmed_and_can_be_changed_until_the_close(room, Phone):
    rnd = dots(room)
    phone = Phone(room.url)
    assert phone.open()[0] == 200
    status, headers, _ = phone.send({"round": rnd.id, "dots.p1": "2", "dots.p2": "1"})
    assert (status, headers["location"]) == (303, path(room))
    status, text = phone.open()
    assert status == 200 and "Thank you, your answer has been sent." in text and "Vastaamme viesteihin: 2 dots" in text
    status, _, text = phone.request("GET", f"{path(room)}?change=1")
    assert 'value="2" checked' in text  # the form comes back filled with the phone's own answer
    assert phone.send({"round": rnd.id, "dots.p3": "2"})[0] == 303
    assert rnd.answered == 1
    result = rnd.close()
    assert (result.voters, result.tallies) == (1, {"p1": 0, "p2": 0, "p3": 2})
    assert "Please wait" in phone.open()[1]


def test_json_answers_work_like_forms(room, Phone):
    rnd = room.open(rounds.ballot(voting.approval(OPTIONS)))
    phone = Phone(room.url)
    phone.open()
    status, _, text = phone.send_json({"round": rnd.id, "approve": ["p1", "p2"]})
    assert (status, json.loads(text)) == (200, {"answered": True})
    status, _, text = phone.send_json({"round": rnd.id, "approve": ["p1", "p1"]})
    assert status == 400 and "error" in json.loads(text)
    assert rnd.close().tallies == {"p1": 1, "p2": 1, "p3": 0}


def test_the_state_says_only_which_round_is_open(room, Phone):
    phone = Phone(room.url)
    assert json.loads(phone.request("GET", f"{path(room)}state")[2]) == {"round": ""}
    rnd = dots(room)
    assert json.loads(phone.request("GET", f"{path(room)}state")[2]) == {"round": rnd.id}


def test_static_files_are_served_by_dialogi_itself(room, Phone):
    phone = Phone(room.url)
    status, headers, text = phone.request("GET", f"{path(room)}phone.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript") and "fetch(" in text
    status, headers, text = phone.request("GET", f"{path(room)}phone.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    links = re.findall(r'(?:src|href|action)="([^"]*)"', Phone(room.url).open()[1])
    assert links and all(link.startswith(path(room)) for link in links)  # nothing from anywhere else


# -- hostile requests ----------------------------------------------------------------------------


def test_a_huge_declared_body_is_refused_before_it_is_read(room, Phone):
    rnd = dots(room)
    head = f"POST {path(room)} HTTP/1.1\r\nHost: x\r\n{joined(room)}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000000\r\n\r\n"
    got = raw(room, head.encode() + b"round=" + rnd.id.encode() + b"&dots.p1=" + b"1" * 1000)
    assert got.startswith(b"HTTP/1.1 413")
    assert rnd.answered == 0


def test_a_huge_chunked_body_is_refused(room, Phone):
    rnd = dots(room)
    head = f"POST {path(room)} HTTP/1.1\r\nHost: x\r\n{joined(room)}Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    chunk = b"1" * 4096
    body = f"round={rnd.id}&dots.p1=".encode()
    framed = b"%x\r\n%s\r\n" % (len(body), body) + b"%x\r\n%s\r\n" % (len(chunk), chunk) * 100 + b"0\r\n\r\n"
    got = raw(room, head.encode() + framed)
    assert got.startswith(b"HTTP/1.1 413") and b"connection: close" in got.lower()
    assert rnd.answered == 0


def test_oversized_headers_are_refused(room, Phone):
    for size in (20_000, 40_000, 200_000):
        got = raw(room, f"GET {path(room)} HTTP/1.1\r\nHost: x\r\nX-Big: {'a' * size}\r\n\r\n".encode())
        assert got.split(b" ")[1] in (b"400", b"431"), size
    assert Phone(room.url).open()[0] == 200  # and the room goes on


def test_slow_clients_are_cut_off(Phone):
    room = open_room(limits=Limits(request_seconds=0.3))
    try:
        started = time.monotonic()
        assert raw(room, f"GET {path(room)} HTTP/1.1\r\nHost: x\r\n".encode()) == b""  # headers never finished
        slow_body = f"POST {path(room)} HTTP/1.1\r\nHost: x\r\n{joined(room)}Content-Length: 50\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nround="
        assert raw(room, slow_body.encode()) == b""  # the body never finished
        assert raw(room, b"") == b""  # connected, said nothing
        assert time.monotonic() - started < 9  # cut off by the room, not by the test's own 10 s wait
    finally:
        room.close()
    assert room.errors == 0


@pytest.mark.parametrize(
    "body",
    [b"\xff\xfe\x00garbage", b"round&dots.p1", b"=", "dots.p1=%ZZ&round={round}".encode(), b"round=" + b"&x=1" * 200],
    ids=["not-utf8", "no-equals", "empty-name", "bad-percent", "too-many-fields"],
)
def test_malformed_forms_are_refused(room, Phone, body):
    rnd = dots(room)
    phone = Phone(room.url)
    phone.open()
    status, _, text = phone.request("POST", body=body.replace(b"{round}", rnd.id.encode()), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status in (400, 409)
    assert "<form" in text or "Back to the question" in text
    assert rnd.answered == 0


@pytest.mark.parametrize(
    "body",
    ['{"round": ', "[1, 2]", '"text"', '{"round": "{round}", "dots.p1": {"x": 1}}', '{"round": "{round}", "dots.p1": true}',
     '{"round": "{round}", "dots.p1": 1e400}', '{"round": "{round}", "dots.p1": 99999999999999999999999}', "[" * 100_000 + "]" * 100_000,
     '{"round": "{round}", "dots.p1": "2", "dots.p1": "2", "dots.p2": [null]}'],
    ids=["truncated", "array", "string", "nested-object", "boolean", "infinite", "huge-number", "deep-nesting", "null-in-list"],
)
def test_malformed_json_is_refused(room, Phone, body):
    rnd = dots(room)
    phone = Phone(room.url)
    phone.open()
    status, headers, text = phone.send_json(body.replace("{round}", rnd.id))
    assert status in (400, 413)
    assert "error" in json.loads(text) if status == 400 else True
    assert rnd.answered == 0


def test_other_content_types_are_refused(room, Phone):
    rnd = dots(room)
    phone = Phone(room.url)
    phone.open()
    for kind in ("text/plain", "multipart/form-data; boundary=x", ""):
        status, _, _ = phone.request("POST", body=f"round={rnd.id}&dots.p1=1", headers={"Content-Type": kind} if kind else {})
        assert status == 415
    assert rnd.answered == 0


def test_answers_without_a_joined_device_are_refused(room, Phone):
    rnd = dots(room)
    stranger = Phone(room.url)
    assert stranger.send({"round": rnd.id, "dots.p1": "1"})[0] == 403  # never joined
    stranger.cookies["d"] = "made-up-token"
    assert stranger.send({"round": rnd.id, "dots.p1": "1"})[0] == 403
    assert rnd.answered == 0


def test_replayed_answers_and_receipts_are_refused_or_replace_never_add(room, Phone):
    rnd = dots(room)
    phone = Phone(room.url)
    phone.open()
    fields = {"round": rnd.id, "dots.p1": "2"}
    assert phone.send(fields)[0] == 303
    receipt = phone.cookies.pop("r")
    status, _, text = phone.send(fields)  # the same post again, without the receipt: a second ballot
    assert status == 409 and "already been sent from this phone" in text
    phone.cookies["r"] = receipt
    assert phone.send(fields)[0] == 303  # with it: the same ballot, replaced
    other = Phone(room.url)
    other.open()
    other.cookies["r"] = receipt  # a receipt replayed on another phone changes nothing of the first's
    assert other.send({"round": rnd.id, "dots.p2": "2"})[0] == 303
    assert rnd.answered == 2
    old_round = rnd.id
    assert rnd.close().tallies == {"p1": 2, "p2": 2, "p3": 0}
    assert phone.send(fields)[0] == 409  # after the close
    new = dots(room)
    assert phone.send(fields)[0] == 409  # the old round's form in a new round
    assert phone.send({**fields, "round": new.id})[0] == 303
    assert new.answered == 1 and old_round != new.id


def test_script_in_any_text_is_shown_as_text(room, Phone):
    rnd = room.open(rounds.proposals("<img src=x onerror=alert(1)> Proposals?"))
    phone = Phone(room.url)
    status, text = phone.open()
    assert "Kotihoito &lt;b&gt;tiimi&lt;/b&gt;" in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<img" not in text and "<b>" not in text
    assert phone.send({"round": rnd.id, "text": "<script>alert('x')</script>\n\"><svg onload=alert(2)>"})[0] == 303
    status, text = phone.open()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text and "&quot;&gt;&lt;svg onload=alert(2)&gt;" in text
    assert "<script>alert" not in text and "<svg" not in text
    assert rnd.lines() == ["<script>alert('x')</script>", '"><svg onload=alert(2)>']
    rnd.close()
    ballot = dots(room)  # option texts too
    text = phone.open()[1]
    assert "&lt;script&gt;alert(&#x27;p3&#x27;)&lt;/script&gt;" in text and "<script>alert" not in text
    status, _, text = phone.send({"round": ballot.id, "dots.p1": "<script>x</script>"})
    assert status == 400 and "“&lt;script&gt;x&lt;/script&gt;”" in text


def test_a_refused_answer_keeps_what_was_typed(room, Phone):
    rnd = room.open(rounds.proposals("Proposals?"), expected=3)
    phone = Phone(room.url)
    phone.open()
    typed = "\n".join(f"line {n}" for n in range(12))
    status, _, text = phone.send({"round": rnd.id, "text": typed})
    assert status == 400 and "at most 10 proposals" in text and "line 11</textarea>" in text


def test_nothing_is_logged(Phone):
    """No access log, no error log: not a client's address, not a device token, not an answer."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep(logging.DEBUG)
    room = open_room()
    loggers = [logging.getLogger(n) for n in ("", "uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi", "starlette")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(keep)
        lg.setLevel(logging.DEBUG)
    try:
        rnd = dots(room)
        phone = Phone(room.url)
        phone.open()
        phone.send({"round": rnd.id, "dots.p2": "2"})
        phone.send_json("{broken")
        raw(room, b"NOT HTTP AT ALL\r\n\r\n")
        raw(room, f"GET {path(room)} HTTP/1.1\r\nHost: x\r\nX-Big: {'a' * 40_000}\r\n\r\n".encode())
        client_port = str(phone._connection.sock.getsockname()[1]) if phone._connection else "none"
        rnd.close()
    finally:
        room.close()
        for lg, level in zip(loggers, levels):
            lg.removeHandler(keep)
            lg.setLevel(level)
    said = [r.getMessage() + str(r.args) + str(r.exc_info) for r in records]
    assert not [r for r in records if r.name == "uvicorn.access"]
    assert not [s for s in said if client_port in s or phone.cookies["d"] in s or "p2" in s]


# -- the terminal's side -------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_nobody_joined_after_n_seconds_is_noticed_on_the_rooms_clock(Phone):
    clock = FakeClock()
    room = Room("fi", host="127.0.0.1", port=0, clock=clock).start()
    try:
        from dialogi.ui.room.console import screen

        rnd = dots(room)
        clock.now += 89
        assert not room.nobody_joined(90)
        assert not [line for _, line in screen(room, rnd) if "Yksikään puhelin" in line]
        clock.now += 1
        assert room.nobody_joined(90)
        text = " ".join(line for _, line in screen(room, rnd))
        assert "Yksikään puhelin ei ole liittynyt 90 sekunnissa" in text and "mobiilitukiasema" in text and "kierrätä tietokonetta" in text
        Phone(room.url).open()
        assert not room.nobody_joined(90)
    finally:
        room.close()


def test_the_live_view_counts_answers_and_shows_proposals_but_never_a_ballot(room, Phone):
    from dialogi.ui.room.console import screen

    proposals = room.open(rounds.proposals("What rules do we need?"))
    phone = Phone(room.url)
    phone.open()
    phone.send({"round": proposals.id, "text": "We answer messages the same day\n\x1b[2Jclear"})
    text = "\n".join(line for _, line in screen(room, proposals, 60))
    assert "Answered: 1 · Phones in the room: 1" in text and "• We answer messages the same day" in text
    assert "\x1b" not in text and "• clear" in text
    assert all(len(line) <= 60 for _, line in screen(room, proposals, 60))
    proposals.close()
    ballot = room.open(rounds.ballot(voting.dots(OPTIONS, budget=3, cap=2), "Which?"), expected=8)
    phone.send({"round": ballot.id, "dots.p2": "2"})
    text = "\n".join(line for _, line in screen(room, ballot))
    assert "Answered: 1 of 8" in text and "shown only when you close" in text
    assert "Tauot" not in text and "p2" not in text


def test_the_room_group_returns_the_closed_rounds_result(room, Phone):
    from dialogi.ui.room.room import RoomGroup

    phones = [Phone(room.url) for _ in range(3)]
    for phone in phones:
        phone.open()

    def everyone_answers(room, rnd):  # stands in for the facilitator watching and pressing Enter
        for n, phone in enumerate(phones):
            if rnd.question.kind is rounds.Kind.RATINGS:
                phone.send({"round": rnd.id, "rate.1": str(n + 3), "rate.2": "5"})
            else:
                phone.send({"round": rnd.id, "text": f"answer {n}"})

    group = RoomGroup(room, everyone_answers)
    assert sorted(group.answers("reflection.answers", "What did we learn?", voters=3)) == ["answer 0", "answer 1", "answer 2"]
    rated = group.ratings("reflection", "How did we do?", {"1": "Dialogue is exchange", "2": "Everyone takes part"}, voters=3)
    assert (rated.voters, rated.counts) == (3, {"1": [0, 0, 1, 1, 1], "2": [0, 0, 0, 0, 3]})
    assert group.proposals("rules.proposals.x", "Proposals?") == ["answer 0", "answer 1", "answer 2"]

    def interrupted(room, rnd):
        phones[0].send({"round": rnd.id, "level": "0"})
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        RoomGroup(room, interrupted).ballot("rules.consent.r1", voting.fist_to_five("Tauot pidetään"))
    assert room.current is None  # the abandoned round is closed, its ballot gone


def test_the_live_view_closes_on_enter_and_stops_on_ctrl_c(room):
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from dialogi.ui.room.console import watch

    for keys, outcome in (("x\r", None), ("\x03", KeyboardInterrupt)):
        rnd = dots(room)
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            pipe.send_text(keys)
            if outcome:
                with pytest.raises(outcome):
                    watch(room, rnd, refresh=0.05)
            else:
                watch(room, rnd, refresh=0.05)
        rnd.close()


def test_banner_and_join_sheet(room):
    banner = room.banner()
    assert room.url in banner and "▄" in banner and "No app, no account, no name needed." in banner
    sheet = Room("fi", title="Kotihoito <script>", host="127.0.0.1", port=0)
    sheet.url = room.url
    html = sheet.join_sheet("Vieras <b>")
    assert '<html lang="fi">' in html and "<svg" in html and "Liity huoneeseen puhelimella" in html
    assert html.count(room.url) >= 2 and "Kotihoito &lt;script&gt;" in html and "Wi-Fi-verkko: Vieras &lt;b&gt;" in html
    assert "<script" not in html and "@page { size: A4" in html
