"""The room's web server: starlette on uvicorn, in a background thread, for one room.

Why these: uvicorn (with h11 parsing HTTP) and starlette are small, well kept and pure Python;
asyncio serves a room of phones from one thread, with a cap on connections instead of a
thread each. What they do not do by themselves, and this module adds, because a hostile person
may share the network:

* no access log and no log output at all (uvicorn's loggers get a null handler and do not
  propagate): no address, device or answer is written anywhere; failures are only counted
  (``errors``) for the tests;
* a deadline for every request (:func:`deadline_protocol`): uvicorn times out idle kept-alive
  connections but waits forever for headers or a body that trickle in;
* bodies over ``Limits.body_bytes`` refused with 413 before they are read whole, headers over
  ``Limits.header_bytes`` by h11, more than ``Limits.connections`` connections with 503;
* the room key checked in constant time on every request; a wrong or missing key gets the same
  404 as an unknown path;
* pages that cannot be framed, cached, or run scripts from anywhere but the room
  (Content-Security-Policy), and cookies that stay in the room's path (SameSite=Strict).

The routes, all under ``/KEY/``: ``GET /KEY/`` the phone page (joins the room: a device
cookie), ``POST /KEY/`` an answer (a form, or JSON with the same field names),
``GET /KEY/state`` which round is open (for ``phone.js``), ``GET /KEY/phone.css`` and
``/KEY/phone.js``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import socket
import threading
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import parse_qsl

from dialogi.ui.room import page
from dialogi.ui.room.rounds import Limits, Refused

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from dialogi.ui.room.room import Room

STATIC = Path(__file__).parent / "static"
DEVICE_COOKIE = "d"  # the device token: who may answer (once per round)
RECEIPT_COOKIE = "r"  # "<round id>.<receipt>": which answer is this phone's own
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
STATIC_TYPES = {"phone.css": "text/css; charset=utf-8", "phone.js": "text/javascript; charset=utf-8"}
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")


class TooLarge(Exception):
    pass


# -- the application ---------------------------------------------------------------------------


def build_app(room: "Room") -> Callable[..., Any]:
    """The ASGI application of ``room`` (anything with ``key``, ``context``, ``join``,
    ``known`` and ``current``, see :class:`~dialogi.ui.room.room.Room`)."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    async def endpoint(request: "Request") -> "Response":
        try:
            if not secrets.compare_digest(request.path_params["key"].encode(), room.key.encode()):
                return _not_found(room)
            if sum(len(name) + len(value) for name, value in request.scope["headers"]) > room.limits.header_bytes:
                return _response("", status=431, headers={"Connection": "close"})
            rest = request.path_params["rest"]
            if request.method == "POST":
                return await _post(room, request) if rest == "" else _not_found(room)
            if request.method == "HEAD":  # a link preview: no page, and no device joins
                return _response("")
            if rest == "":
                return _get(room, request)
            if rest == "state":
                current = room.current
                return _json({"round": current.id if current else ""})
            if rest in STATIC_TYPES:
                return _response(_static(rest), media_type=STATIC_TYPES[rest])
            return _not_found(room)
        except Exception:  # a bug: the phone gets a plain page, nothing is logged
            room.errors += 1
            return _html(page.message(room.context, room.context.t("room.page.error")), 500)

    async def not_found(request: "Request", exc: Exception) -> "Response":
        return _not_found(room)

    async def not_allowed(request: "Request", exc: Exception) -> "Response":
        return _response("", status=405, headers={"Allow": "GET, HEAD, POST"})

    return Starlette(
        routes=[Route("/{key}/{rest:path}", endpoint, methods=["GET", "HEAD", "POST"])],
        exception_handlers={404: not_found, 405: not_allowed},
    )


def _get(room: "Room", request: "Request") -> "Response":
    ctx = room.context
    device = request.cookies.get(DEVICE_COOKIE, "")
    joined = ""
    if not room.known(device):
        device = joined = room.join()
        if not device:
            return _html(page.message(ctx, ctx.t("room.page.full"), link=False), 503)
    rnd = room.current
    if rnd is None:
        response = _html(page.waiting(ctx))
    else:
        own = rnd.own(_receipt(request, rnd.id))
        if own is not None and "change" not in request.query_params:
            response = _html(page.confirmation(ctx, rnd, own))
        elif own is None and rnd.has_answered(device):
            response = _html(page.message(ctx, ctx.t("room.refused.already")), 409)
        else:
            response = _html(page.form(ctx, rnd, page.fields_of(rnd.question, own) if own is not None else None))
    if joined:
        response.set_cookie(DEVICE_COOKIE, joined, path=ctx.base, httponly=True, samesite="strict")
    return response


async def _post(room: "Room", request: "Request") -> "Response":
    ctx = room.context
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    wants_json = kind == "application/json"
    fields: dict[str, list[str]] = {}
    rnd = room.current
    try:
        device = request.cookies.get(DEVICE_COOKIE, "")
        if not room.known(device):
            raise Refused("room.refused.no_device", status=403)
        if kind not in ("application/x-www-form-urlencoded", "application/json"):
            raise Refused("room.refused.unsupported", status=415)
        body = await _body(request, ctx.limits.body_bytes)
        fields = _json_fields(body, ctx.limits) if wants_json else _form_fields(body, ctx.limits)
        round_ids = fields.pop("round", [])
        if rnd is None or round_ids != [rnd.id]:
            raise Refused("room.refused.closed", status=409)
        receipt = rnd.answer(device, _receipt(request, rnd.id), fields)
    except TooLarge:
        response = _refusal(room, Refused("room.refused.too_large", status=413), wants_json, rnd, fields)
        response.headers["Connection"] = "close"
        return response
    except Refused as refused:
        return _refusal(room, refused, wants_json, rnd, fields)
    response = _json({"answered": True}) if wants_json else _redirect(ctx.base)
    response.set_cookie(RECEIPT_COOKIE, f"{rnd.id}.{receipt}", path=ctx.base, httponly=True, samesite="strict")
    return response


def _refusal(room: "Room", refused: Refused, wants_json: bool, rnd: Any, fields: dict[str, list[str]]) -> "Response":
    ctx = room.context
    text = refused.message(ctx.lang)
    if wants_json:
        return _json({"error": text}, refused.status)
    if rnd is not None and not rnd.closed and refused.status == 400:  # the same form again, as typed
        return _html(page.form(ctx, rnd, fields, text), refused.status)
    return _html(page.message(ctx, text), refused.status)


def _receipt(request: "Request", round_id: str) -> str | None:
    given, _, receipt = request.cookies.get(RECEIPT_COOKIE, "").partition(".")
    return receipt if given == round_id and receipt else None


async def _body(request: "Request", limit: int) -> bytes:
    from starlette.requests import ClientDisconnect

    declared = request.headers.get("content-length", "")
    if declared and (not declared.isdecimal() or int(declared) > limit):
        raise TooLarge
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise TooLarge
    except ClientDisconnect:  # gone, or its body was not valid HTTP: nobody reads the answer
        raise Refused("room.refused.malformed") from None
    return bytes(body)


def _form_fields(body: bytes, limits: Limits) -> dict[str, list[str]]:
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict", max_num_fields=limits.fields)
    except (UnicodeDecodeError, ValueError):
        raise Refused("room.refused.malformed") from None
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    return fields


def _json_fields(body: bytes, limits: Limits) -> dict[str, list[str]]:
    """A flat JSON object: each value a string, a whole number or a list of them."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused("room.refused.malformed") from None
    if not isinstance(data, dict) or len(data) > limits.fields:
        raise Refused("room.refused.malformed")
    fields = {}
    for name, value in data.items():
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool)) for v in values):
            raise Refused("room.refused.malformed")
        fields[name] = [str(v) for v in values]
    return fields


@cache
def _static(name: str) -> str:
    return (STATIC / name).read_text("utf-8")


def _response(content: str, *, status: int = 200, media_type: str = "text/plain; charset=utf-8", headers: dict[str, str] | None = None) -> "Response":
    from starlette.responses import Response

    return Response(content, status_code=status, media_type=media_type, headers={**HEADERS, **(headers or {})})


def _html(content: str, status: int = 200) -> "Response":
    return _response(content, status=status, media_type="text/html; charset=utf-8")


def _json(data: dict[str, Any], status: int = 200) -> "Response":
    return _response(json.dumps(data), status=status, media_type="application/json")


def _redirect(location: str) -> "Response":
    return _response("", status=303, headers={"Location": location})


def _not_found(room: "Room") -> "Response":
    return _html(page.message(room.context, room.context.t("room.page.not_found"), link=False), 404)


# -- the server in its thread ------------------------------------------------------------------


def deadline_protocol(seconds: float) -> type:
    """uvicorn's h11 protocol with a deadline: a request (headers and body) must arrive whole
    within ``seconds`` of its first byte, or of the connection's opening; else the connection
    is closed. Idle kept-alive connections are uvicorn's own keep-alive timeout."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class DeadlineProtocol(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            if self._deadline is None:
                self._arm()
            super().data_received(data)

        def on_response_complete(self) -> None:
            self._disarm()
            super().on_response_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._deadline = self.loop.call_later(seconds, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

    return DeadlineProtocol


def silence_logs() -> None:
    """uvicorn logs nothing anywhere: not to the terminal, not to a file, not to the root logger.

    Disabled loggers make no records at all, whatever handlers someone adds later; and uvicorn
    formats no access-log line for a logger without handlers."""
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = False
        logger.disabled = True


class Server:
    """uvicorn serving ``app`` on ``host:port`` in a daemon thread; :meth:`stop` ends it."""

    def __init__(self, app: Any, host: str, port: int, limits: Limits):
        import uvicorn

        silence_logs()
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._socket.bind((host, port))
        except OSError:
            self._socket.close()
            raise
        self.port = self._socket.getsockname()[1]
        config = uvicorn.Config(
            app,
            http=deadline_protocol(limits.request_seconds),
            ws="none",
            lifespan="off",
            interface="asgi3",
            log_config=None,
            access_log=False,
            server_header=False,
            proxy_headers=False,
            limit_concurrency=limits.connections,
            h11_max_incomplete_event_size=limits.header_bytes,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, name="dialogi-room", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        until = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > until:
                self._socket.close()
                raise OSError("the room's server did not start")
            time.sleep(0.01)

    def stop(self, timeout: float = 5.0) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._socket.close()
