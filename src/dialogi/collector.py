"""The garbage collector during start-up: off, and on again once dialogi waits for a person.

Start-up (typer, pydantic and the record's schemas, rich, questionary and prompt_toolkit)
makes a few hundred thousand objects that live as long as the process. The collector's passes
over them during start-up free nothing and took about a fifth of the time until the first
question was on the screen (``bench/first_prompt.py``). So ``main`` calls ``pause``, and
``resume`` — called where dialogi starts to wait for a person: a question, a speaking round —
moves everything made so far out of the collector's way (``gc.freeze``) and switches it on
again, so that a long session collects its garbage as usual. A command that asks nothing runs
to its end without the collector: such commands make little cyclic garbage (``dialogi list``
over 1,000 workshops peaks at the same memory either way).
"""

from __future__ import annotations

import gc


def pause() -> None:
    gc.disable()


def resume() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
