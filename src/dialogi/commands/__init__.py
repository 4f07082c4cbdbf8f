"""One small module per command: typer signatures and a call into the real work.

Only typer is imported at module level here; the work imports what it needs when it runs.
"""
