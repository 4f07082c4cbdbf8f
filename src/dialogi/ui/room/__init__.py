"""The room: participants answer and vote from their own phones, on the laptop's local network.

The parts, each with one reason to change:

* ``rounds`` - what a round asks and what a phone may answer; one answer per device; results
  only at the close, as the same shapes the laptop flow gives. Pure state, no web.
* ``network`` - the laptop's address on the local network and the room key.
* ``server`` - the web server (starlette on uvicorn) in a background thread, hardened for a
  hostile neighbour on the same network, with no access log.
* ``page`` - the phone page: plain HTML forms in the workshop's language, escaped in one place.
* ``sheet`` - the QR code in the terminal and the printable join sheet.
* ``room`` - :class:`~dialogi.ui.room.room.Room`, the terminal's handle on all of it, and
  :class:`~dialogi.ui.room.room.RoomGroup`, the room as a :class:`~dialogi.ui.group.Group`.
* ``console`` - the terminal's live view of an open round (Enter closes it).

Importing this package loads nothing heavy: starlette, uvicorn and segno load when a room starts.
"""
