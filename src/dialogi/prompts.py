"""Asking questions: the one place that knows questionary, and the scripted asker.

Every question has a stable ``key`` (e.g. ``principles.remark.3``). In a terminal the
questionary asker shows it; with ``--answers FILE`` the scripted asker looks the key up in a
TOML file, where nested tables spell the key (``[principles.remark]`` then ``3 = "…"``).

Ctrl-C and Ctrl-D raise ``KeyboardInterrupt`` from every asker; the session turns it into a
clean stop. Yes/no questions are a choice between Kyllä and Ei in Finnish.

At the terminal, questions and choices are wrapped between words to the terminal's width
(prompt_toolkit would cut a long choice at the edge, and a voter must read every proposal in
full), and a number that does not fit is explained on the line under the question and asked
again, not on the bottom row of the screen.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence

from dialogi.errors import BadAnswers, NoTerminal
from dialogi.i18n import t


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


class Asker(Protocol):
    def text(self, key: str, message: str, default: str = "") -> str: ...

    def lines(self, key: str, message: str, skip: int = 0) -> Iterator[str]:
        """Lines one by one until an empty line, each yielded (and saved) before the next.

        ``skip``: how many of the answer's lines are already in the record (a resumed
        session); an answers file leaves those out, a person simply goes on.
        """

    def select(self, key: str, message: str, choices: Sequence[Choice], default: str | None = None, *, once: bool = False) -> str: ...

    def checkbox(self, key: str, message: str, choices: Sequence[Choice], default: Sequence[str] = ()) -> list[str]: ...

    def confirm(self, key: str, message: str, default: bool = True) -> bool: ...

    def integer(self, key: str, message: str, default: int | None = None, minimum: int = 0, maximum: int | None = None) -> int: ...

    def interactive(self) -> bool:
        """True when a person answers at the keyboard (so pauses and secret ballots make sense)."""


def yes_no(lang: str | None = None) -> list[Choice]:
    return [Choice("yes", t("prompts.yes", lang)), Choice("no", t("prompts.no", lang))]


def require_terminal() -> None:
    from dialogi.system.console import in_git_bash

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminal("prompts.no_terminal_git_bash" if in_git_bash() else "prompts.no_terminal")


# -- the terminal ---------------------------------------------------------------------------


class TerminalAsker:
    """questionary prompts; ``unsafe_ask`` so that Ctrl-C reaches the session as KeyboardInterrupt."""

    def __init__(self, input: Any = None, output: Any = None):
        self._io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}

    def _ask(self, question: Any) -> Any:
        from dialogi import collector

        collector.resume()  # waiting for a person from here on: collect garbage again
        try:
            answer = question.unsafe_ask()
        except EOFError:
            raise KeyboardInterrupt from None
        if answer is None:
            raise KeyboardInterrupt
        return answer

    def _print(self, text: str, style: str = "") -> None:
        """A line of our own under the questions (an answer, a problem), wrapped between words."""
        import questionary

        questionary.print(wrap_line(text), style=style, **({"output": self._io["output"]} if "output" in self._io else {}))

    def text(self, key: str, message: str, default: str = "") -> str:
        import questionary

        return self._ask(questionary.text(wrap_message(message), default=default, **self._io)).strip()

    def lines(self, key: str, message: str, skip: int = 0) -> Iterator[str]:
        import questionary

        count = skip
        while True:
            help = t("prompts.empty_to_finish")
            prompt = wrap_message(numbered(message, count + 1), help)  # the instruction too, or it breaks mid-word
            line = self._ask(questionary.text(prompt, instruction=help, **self._io)).strip()
            if not line:
                return
            count += 1
            yield line

    def select(self, key: str, message: str, choices: Sequence[Choice], default: str | None = None, *, once: bool = False) -> str:
        import questionary

        options = [questionary.Choice(wrap_label(c.label, 3), value=c.value) for c in choices]
        start = next((o for o in options if o.value == default), None)
        help = t("prompts.select_help")
        question = questionary.select(wrap_message(message, help), options, default=start, instruction=help, **self._io)
        question.application.erase_when_done = True  # its own answer line would show the label as wrapped
        picked = self._ask(question)
        self._print(f"? {message} {next(c.label for c in choices if c.value == picked)}", "bold")
        return picked

    def checkbox(self, key: str, message: str, choices: Sequence[Choice], default: Sequence[str] = ()) -> list[str]:
        import questionary

        options = [questionary.Choice(wrap_label(c.label, 5), value=c.value, checked=c.value in default) for c in choices]
        help = t("prompts.checkbox_help")
        question = questionary.checkbox(wrap_message(message, help), options, instruction=help, **self._io)
        question.application.erase_when_done = True  # questionary's own summary line is English only
        picked = list(self._ask(question))
        labels = " · ".join(c.label for c in choices if c.value in picked) or t("prompts.none_chosen")  # a label may end in "."
        self._print(f"? {message} {labels}", "bold")
        return picked

    def confirm(self, key: str, message: str, default: bool = True) -> bool:
        return self.select(key, message, yes_no(), "yes" if default else "no") == "yes"

    def integer(self, key: str, message: str, default: int | None = None, minimum: int = 0, maximum: int | None = None) -> int:
        """A whole number; an empty answer is the default. A wrong one is explained under the
        question, which is asked again with the typed text in place to mend."""
        typed = "" if default is None else str(default)
        while True:
            typed = self.text(key, message, typed)
            if not typed and default is not None:
                return default
            problem = _check_int(typed, minimum, maximum)
            if not problem:
                return int(typed)
            self._print(f"  {problem}", "bold fg:ansired")

    def interactive(self) -> bool:
        return True


def _columns() -> int:
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 30)


def wrap_label(label: str, indent: int) -> str:
    """A choice's label in lines that fit the terminal, the later ones under the first."""
    import textwrap

    lines = textwrap.wrap(label, _columns() - indent - 1) or [label]
    return ("\n" + " " * indent).join(lines)


def wrap_line(text: str) -> str:
    """``text`` in lines that fit the terminal (the terminal itself would break mid-word)."""
    import textwrap

    return "\n".join(textwrap.wrap(text, _columns() - 1)) if len(text) >= _columns() else text


def wrap_message(message: str, instruction: str = "") -> str:
    """A question in lines that fit after its "? " mark; an instruction that would not fit
    after it goes on a line of its own."""
    if len(message) + len(instruction) + 4 < _columns():
        return message
    wrapped = wrap_line("? " + message)[2:]
    return wrapped + "\n" if instruction else wrapped


def numbered(message: str, number: int) -> str:
    """The question for line ``number`` of a list: "Oma teema {number}" names it, others get "(2)"."""
    return message.format(number=number) if "{number}" in message else f"{message} ({number})"


def _expected_int(minimum: int, maximum: int | None) -> str:
    """What an answers file should give: "a whole number from 1 to 99"."""
    if maximum is None:
        return t("prompts.expect_number_from", minimum=minimum)
    return t("prompts.expect_number_between", minimum=minimum, maximum=maximum)


def _check_int(text: str, minimum: int, maximum: int | None) -> str:
    """An empty string when ``text`` is a whole number in range, else the message to show."""
    if not str(text).strip():
        return t("prompts.empty_number")
    try:
        value = int(str(text).strip())
    except ValueError:
        return t("prompts.not_a_number", value=text)
    if value < minimum or (maximum is not None and value > maximum):
        return t("prompts.out_of_range", value=value, minimum=minimum, maximum="∞" if maximum is None else maximum)
    return ""


# -- an answers file -------------------------------------------------------------------------


class ScriptedAsker:
    """Answers from a TOML file, for rehearsals, demos and tests.

    A question whose key is not in the file takes its default; one without a default stops
    the session with a message naming the key. A ``once`` question (navigation) uses its
    scripted answer the first time only, so that "back" does not loop forever.
    """

    def __init__(self, answers: dict[str, Any], source: str = "answers", echo: Any = None):
        self.answers = answers
        self.source = source
        self.used_once: set[str] = set()
        self.echo = echo  # a callable(message, answer) to show the dialogue, or None

    @classmethod
    def from_file(cls, path: Path | str, echo: Any = None) -> "ScriptedAsker":
        from dialogi.errors import InvalidFile
        from dialogi.record.store import read_data

        try:
            data = read_data(Path(path))
        except InvalidFile as error:
            if error.key != "errors.empty_file":
                raise
            data = {}  # an empty answers file answers nothing: every question takes its default
        return cls(flatten(data), str(path), echo)

    def _get(self, key: str, message: str, default: Any = None) -> Any:
        if key in self.answers:
            answer = self.answers[key]
        elif default is not None:
            answer = default
        else:
            raise BadAnswers("prompts.missing_answer", file=self.source, key=key, question=message)
        if self.echo:
            self.echo(message, answer)
        return answer

    def _bad(self, key: str, value: Any, expected: str) -> BadAnswers:
        return BadAnswers("prompts.bad_answer", file=self.source, key=key, value=repr(value), expected=expected)

    def text(self, key: str, message: str, default: str = "") -> str:
        answer = self._get(key, message, default)
        if isinstance(answer, dt.date):  # a TOML date, e.g. date = 2026-11-23
            return answer.isoformat()
        if not isinstance(answer, (str, int, float)) or isinstance(answer, bool):
            raise self._bad(key, answer, t("prompts.expect_text"))
        return str(answer).strip()

    def lines(self, key: str, message: str, skip: int = 0) -> Iterator[str]:
        answer = self._get(key, numbered(message, skip + 1), [])
        if isinstance(answer, str):
            answer = [answer]
        if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
            raise self._bad(key, answer, t("prompts.expect_lines"))
        yield from [a.strip() for a in answer if a.strip()][skip:]

    def select(self, key: str, message: str, choices: Sequence[Choice], default: str | None = None, *, once: bool = False) -> str:
        if once and key in self.used_once:
            answer = default
        else:
            self.used_once.add(key)
            answer = self._get(key, message, default)
        for c in choices:
            if str(answer) in (c.value, c.label):  # a number in the file matches the choice "2"
                return c.value
        raise self._bad(key, answer, ", ".join(c.value for c in choices))

    def checkbox(self, key: str, message: str, choices: Sequence[Choice], default: Sequence[str] = ()) -> list[str]:
        answer = self._get(key, message, list(default))
        if not isinstance(answer, list):
            answer = [answer]
        values = {str(c.value): c.value for c in choices} | {c.label: c.value for c in choices}
        picked = []
        for a in answer:
            if str(a) not in values:
                raise self._bad(key, a, ", ".join(c.value for c in choices))
            picked.append(values[str(a)])
        return picked

    def confirm(self, key: str, message: str, default: bool = True) -> bool:
        answer = self._get(key, message, default)
        if isinstance(answer, str):
            answer = {"yes": True, "no": False, "kyllä": True, "ei": False}.get(answer.lower(), answer)
        if not isinstance(answer, bool):
            raise self._bad(key, answer, "true / false")
        return answer

    def integer(self, key: str, message: str, default: int | None = None, minimum: int = 0, maximum: int | None = None) -> int:
        answer = self._get(key, message, default)
        if isinstance(answer, bool) or _check_int(str(answer), minimum, maximum):
            raise self._bad(key, answer, _expected_int(minimum, maximum))
        return int(answer)

    def interactive(self) -> bool:
        return False


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` -> ``{"a.b": 1}``: nested tables spell the question keys."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat

