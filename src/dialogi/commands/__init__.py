"""One small module per command: typer signatures and a call into the real work.

Only typer is imported at module level here; the work imports what it needs when it runs.
No ``from __future__ import annotations`` here: typer would evaluate the string annotations
at every start (twice per command), which doubles the time it takes to build the app.
"""
