"""The terminal's handle on the room, and the room as a :class:`~dialogi.ui.group.Group`.

:class:`Room` starts the server, lets phones join, opens one round at a time and closes
everything when the session ends (``with Room(...) as room:``). :class:`RoomGroup` is what a
step talks to: each call opens a round, lets the facilitator watch it fill (``watch``, the
terminal's live view by default) and returns the closed round's result.

One answer per device and round, by a per-device token (a cookie the phone gets when it
opens the join address), not by single-use codes: nothing to print, cut and hand out, and
nobody has to type a code on a phone. Its limit: a token is a browser's, not a person's, so
one person with two phones (or a private window) could answer twice. The terminal therefore
shows how many phones have joined next to how many have answered, and the facilitator, who
knows how many people are in the room, sees at once when the two disagree; ``Limits.devices``
caps the joins.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from dialogi.errors import UsageError
from dialogi.ui.group import RatingResult
from dialogi.ui.room import network, rounds
from dialogi.ui.room.page import Context
from dialogi.ui.room.rounds import Limits, Question, Result, Round

if TYPE_CHECKING:
    from dialogi.ui.room.server import Server
    from dialogi.voting import VoteResult, VoteSpec

Clock = Callable[[], float]
PREFERRED_PORT = 8765  # a steady, short address when it is free; otherwise any free port


class Room:
    """A room on the local network. ``host``: the address to bind (default: the laptop's
    address on the local network; loopback for tests); ``port``: ``None`` tries
    :data:`PREFERRED_PORT` first, ``0`` takes any free port."""

    def __init__(
        self,
        lang: str,
        *,
        title: str = "",
        host: str | None = None,
        port: int | None = None,
        limits: Limits = Limits(),
        clock: Clock = time.monotonic,
    ):
        self.lang = lang
        self.title = title
        self.limits = limits
        self.key = network.room_key()
        self.context = Context(lang, title, f"/{self.key}/", limits)
        self.errors = 0  # requests that failed inside the server (a bug); never logged
        self._host = host
        self._port = port
        self._clock = clock
        self._lock = threading.Lock()
        self._devices: set[str] = set()
        self._round: Round | None = None
        self._server: Server | None = None
        self._opened_at = 0.0
        self.url = ""

    # -- the room's life -----------------------------------------------------------------------

    def start(self) -> "Room":
        """Open the room; afterwards ``url`` is the join address."""
        from dialogi.ui.room.server import Server, build_app

        host = network.check_host(self._host) if self._host else network.lan_address()
        app = build_app(self)
        ports = [PREFERRED_PORT, 0] if self._port is None else [self._port]
        for port in ports:
            try:
                self._server = Server(app, host, port, self.limits)
                break
            except OSError as error:
                if port == ports[-1]:
                    raise UsageError("room.cannot_start", address=f"{host}:{port}", reason=error.strerror or str(error)) from None
        assert self._server is not None
        try:
            self._server.start()
        except OSError as error:
            raise UsageError("room.cannot_start", address=host, reason=str(error)) from None
        self.url = network.url(host, self._server.port, self.key)
        self._opened_at = self._clock()
        return self

    def close(self) -> None:
        """Close the room: an open round is dropped unseen, the server stops, phones are forgotten."""
        with self._lock:
            rnd, self._round = self._round, None
            self._devices.clear()
        if rnd is not None and not rnd.closed:
            rnd.close()
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> "Room":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- phones (called by the server) ---------------------------------------------------------

    def join(self) -> str:
        """A new device token, or "" when the room is full."""
        with self._lock:
            if len(self._devices) >= self.limits.devices:
                return ""
            token = secrets.token_urlsafe(16)
            self._devices.add(token)
            return token

    def known(self, token: str) -> bool:
        with self._lock:
            return bool(token) and token in self._devices

    @property
    def current(self) -> Round | None:
        """The open round, if any."""
        with self._lock:
            rnd = self._round
        return rnd if rnd is not None and not rnd.closed else None

    # -- the terminal --------------------------------------------------------------------------

    @property
    def joined(self) -> int:
        """How many phones have opened the join address."""
        with self._lock:
            return len(self._devices)

    def nobody_joined(self, seconds: float) -> bool:
        """True once ``seconds`` have passed since the room opened and no phone has joined:
        the phones probably cannot reach the laptop (see ``room.console.unreachable``)."""
        return self.joined == 0 and self._clock() - self._opened_at >= seconds

    def open(self, question: Question, expected: int | None = None) -> Round:
        """Open a round on every phone; close it with ``Round.close()``, which gives the result."""
        with self._lock:
            if self._round is not None and not self._round.closed:
                raise UsageError("room.setup.round_open")
            self._round = Round(question, self.limits, expected)
            return self._round

    def banner(self) -> str:
        """The QR code, the address and how to join, for the terminal."""
        from dialogi.ui.room.sheet import banner

        return banner(self.url, self.lang)

    def join_sheet(self, network_name: str = "") -> str:
        """The printable join sheet (A4 HTML) for this room's address."""
        from dialogi.ui.room.sheet import join_sheet

        return join_sheet(self.url, self.lang, title=self.title, network=network_name)


Watch = Callable[[Room, Round], None]


class RoomGroup:
    """The room as the group: each call opens a round, ``watch`` returns when the facilitator
    closes it (the terminal's live view, :func:`dialogi.ui.room.console.watch`, by default),
    and the closed round's result comes back. ``key`` (the answers file's) is not used."""

    def __init__(self, room: Room, watch: Watch | None = None):
        self.room = room
        self._watch = watch

    def _run(self, question: Question, expected: int | None) -> Result:
        rnd = self.room.open(question, expected)
        try:
            watch = self._watch
            if watch is None:
                from dialogi.ui.room.console import watch
            watch(self.room, rnd)
        except BaseException:
            if not rnd.closed:
                rnd.close()  # abandoned: counted by nobody, seen by nobody
            raise
        return rnd.close()

    def proposals(self, key: str, prompt: str) -> list[str]:
        return self._run(rounds.proposals(prompt), None)  # type: ignore[return-value]

    def ballot(self, key: str, spec: "VoteSpec", *, prompt: str = "", voters: int | None = None) -> "VoteResult":
        return self._run(rounds.ballot(spec, prompt), voters)  # type: ignore[return-value]

    def ratings(self, key: str, prompt: str, items: Mapping[str, str], *, voters: int | None = None) -> RatingResult:
        return self._run(rounds.ratings(prompt, items), voters)  # type: ignore[return-value]

    def answers(self, key: str, prompt: str, *, voters: int | None = None) -> list[str]:
        return self._run(rounds.answers(prompt), voters)  # type: ignore[return-value]
