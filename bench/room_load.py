"""The room under load: 60 simulated phones answer one secret dot ballot at the same moment.

Each phone is a thread with its own cookies and its own kept-alive connection to the room on
127.0.0.1 (local addresses only; nothing leaves the machine). All phones start together
(a barrier) and each one, as a phone's browser would: opens the join address (and gets its
device cookie), sends its ballot, reads the confirmation, sends the same ballot again as a
change (the room must replace it, not add it), and replays it once more without its receipt
(the room must refuse it). Then the round is closed and the tallies are compared with the sum
of the ballots the phones sent: a ballot lost or counted twice shows as a difference.

Bounded: a fixed number of phones and rounds, five requests per phone, a 10 s timeout on
each request. Reported: the time from the start signal until the last phone had its
confirmation, the request latency (median and 95th percentile), and lost and doubled ballots.

Run alone: ``python bench/room_load.py [--phones N] [--rounds N]``; ``run_all.py`` includes it.
``Phone`` is also the simulated phone of the room's tests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

PHONES = 60
OPTIONS = {f"o{n}": f"Option {n}" for n in range(1, 7)}
BUDGET, CAP = 3, 2
TIMEOUT = 10.0


class Phone:
    """One participant's phone: a cookie jar and a kept-alive connection to the room."""

    def __init__(self, url: str, timeout: float = TIMEOUT):
        parts = urlsplit(url)
        self.host, self.port, self.base = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.latencies: list[float] = []
        self._connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str | None = None, body: bytes | str | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        """(status, headers with lower-case names, body text); cookies set are kept."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile: once more
            if self._connection is None:
                self._connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self._connection.request(method, self.base if path is None else path, body=body, headers=headers)
                response = self._connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
        self.latencies.append(time.perf_counter() - started)
        got = {k.lower(): v for k, v in response.getheaders()}
        for line in response.headers.get_all("Set-Cookie") or []:
            name, _, value = line.split(";")[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        if got.get("connection", "").lower() == "close":
            self.close()
        return response.status, got, data.decode("utf-8", "replace")

    def open(self) -> tuple[int, str]:
        status, _, text = self.request("GET")
        return status, text

    def send(self, fields: dict[str, Any]) -> tuple[int, dict[str, str], str]:
        """Post a form as a browser does: ``fields`` values are strings or lists of strings."""
        pairs = [(k, v) for k, values in fields.items() for v in (values if isinstance(values, list) else [values])]
        return self.request("POST", body=urlencode(pairs), headers={"Content-Type": "application/x-www-form-urlencoded"})

    def send_json(self, data: Any) -> tuple[int, dict[str, str], str]:
        body = data if isinstance(data, (str, bytes)) else json.dumps(data)
        return self.request("POST", body=body, headers={"Content-Type": "application/json"})

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def ballot_of(n: int) -> dict[str, int]:
    """Phone n's dots: 2 on one option and 1 on another (offset 1..5, never the same), so the
    options end with different sums."""
    options = list(OPTIONS)
    return {options[n % len(options)]: 2, options[(n + 1 + (n // len(options)) % 5) % len(options)]: 1}


@dataclass
class Outcome:
    phones: int
    voters: int
    expected: dict[str, int]
    tallies: dict[str, int]
    seconds: float  # from the start signal until the last confirmation
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # what a phone got that it should not have

    @property
    def lost(self) -> int:
        return max(0, self.phones - self.voters) + sum(max(0, e - self.tallies.get(o, 0)) for o, e in self.expected.items())

    @property
    def doubled(self) -> int:
        return max(0, self.voters - self.phones) + sum(max(0, self.tallies.get(o, 0) - e) for o, e in self.expected.items())


def one_round(phones: int = PHONES, lang: str = "en") -> Outcome:
    """``phones`` phones vote at once in a fresh room on 127.0.0.1; the counted result."""
    from dialogi import voting
    from dialogi.ui.room import rounds
    from dialogi.ui.room.room import Room

    spec = voting.dots(OPTIONS, budget=BUDGET, cap=CAP)
    expected = dict.fromkeys(OPTIONS, 0)
    for n in range(phones):
        for option, dots in ballot_of(n).items():
            expected[option] += dots
    failures: list[str] = []
    done: list[float] = []
    start = threading.Barrier(phones + 1)
    clients = []
    with Room(lang, host="127.0.0.1", port=0) as room:
        rnd = room.open(rounds.ballot(spec, "Load"), expected=phones)

        def phone(n: int) -> None:
            client = Phone(room.url)
            clients.append(client)
            fields = {"round": rnd.id, **{f"dots.{o}": str(d) for o, d in ballot_of(n).items()}}
            start.wait()
            try:
                checks = [
                    ("join", client.open()[0], 200),
                    ("ballot", client.send(fields)[0], 303),
                    ("confirmation", client.open()[0], 200),
                    ("change", client.send(fields)[0], 303),
                ]
                done.append(time.perf_counter())
                receipt = client.cookies.pop("r")
                checks.append(("replay", client.send(fields)[0], 409))
                client.cookies["r"] = receipt
                failures.extend(f"phone {n} {what}: {got}" for what, got, want in checks if got != want)
            except OSError as error:
                failures.append(f"phone {n}: {error}")
            finally:
                client.close()

        threads = [threading.Thread(target=phone, args=(n,)) for n in range(phones)]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join(TIMEOUT * 6)
        result = rnd.close()
    seconds = (max(done) - began) if done else float("nan")
    latencies = [s for c in clients for s in c.latencies]
    return Outcome(phones, result.voters, expected, dict(result.tallies), seconds, latencies, failures)


def measure(rounds: int = 5, phones: int = PHONES):
    from common import Report, Row, median, p95

    outcomes = [one_round(phones) for _ in range(rounds)]
    latencies = [s for o in outcomes for s in o.latencies]
    rows = [
        Row(f"all {phones} ballots in (median round)", median([o.seconds for o in outcomes]) * 1000, target=5000.0),
        Row("request latency, median", median(latencies) * 1000),
        Row("request latency, 95th percentile", p95(latencies) * 1000, target=1000.0),
        Row("ballots lost or counted twice (all rounds)", float(sum(o.lost + o.doubled for o in outcomes)), unit="ballots", target=0.0),
        Row("requests answered wrongly (all rounds)", float(sum(len(o.failures) for o in outcomes)), unit="requests", target=0.0),
    ]
    notes = [
        f"{rounds} rounds of {phones} phones each (threads with their own cookies and kept-alive connection, "
        "started together), against one room on 127.0.0.1: join, ballot, confirmation, the same ballot as a "
        "change, and a replay without the receipt, which must be refused; then the tallies are compared with "
        "the ballots sent.",
        "The phones run in the same process as the room, so they share the two cores with the server; a real "
        "room's phones bring their own.",
    ]
    return Report(f"The room: {phones} phones in one round", rows, notes)


def main() -> None:
    from common import print_machine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=PHONES)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print_machine()
    measure(args.rounds, args.phones).show()


if __name__ == "__main__":
    main()
