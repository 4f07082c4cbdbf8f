"""Method cards: Gustavsen's principles and Isaacs' practices, with their sources."""

from __future__ import annotations

from typing import Any

from dialogi.i18n import content, t, ui_language


def principle_card(item: dict[str, Any], lang: str, total: int = 13) -> Any:
    """The principle's number in the border and its title as the body's first, bold line: a
    border title is cut to one line (mid-word at 80 columns), a body line wraps."""
    from rich.panel import Panel
    from rich.text import Text

    body = Text()
    body.append(item["title"] + "\n\n", style="bold")
    body.append(item["meaning"] + "\n\n")
    body.append(t("cli.cards.question", lang) + " ", style="bold")
    body.append(item["question"], style="italic")
    number = t("cli.cards.principle_number", lang, number=item["number"], total=total)
    return Panel(body, title=Text(number, style="bold"), title_align="left", padding=(1, 2))


def practice_card(item: dict[str, Any], lang: str) -> Any:
    from rich.panel import Panel
    from rich.text import Text

    body = Text()
    body.append(item["what"] + "\n\n")
    body.append(t("cli.cards.questions", lang) + "\n", style="bold")
    for question in item["questions"]:
        body.append(f"  • {question}\n")
    body.append("\n" + t("cli.cards.exercise", lang, name=item["exercise_name"]) + "\n", style="bold")
    body.append(item["exercise"])
    return Panel(body, title=Text(item["name"], style="bold"), title_align="left", padding=(1, 2))


def source_line(data: dict[str, Any], lang: str) -> Any:
    from rich.text import Text

    return Text(t("cli.cards.source", lang, source=data["source"]), style="dim")


def intro_card(name: str, lang: str) -> Any:
    """A method's title, introduction and source as one panel: the first card of a session."""
    from rich.panel import Panel
    from rich.text import Text

    data = content(name, lang)
    body = Text(data["intro"] + "\n\n")
    body.append_text(source_line(data, lang))
    return Panel(body, title=Text(data["title"], style="bold"), title_align="left", padding=(1, 2))


def print_cards(name: str, lang: str | None = None) -> None:
    """The reference cards of ``principles`` or ``practices`` with their introduction and source."""
    from rich.console import Console
    from rich.text import Text

    lang = lang or ui_language()
    data = content(name, lang)
    console = Console()
    console.print(Text(data["title"], style="bold underline"))
    console.print(Text(data["intro"]), "")
    for item in data["items"]:
        console.print(principle_card(item, lang, len(data["items"])) if name == "principles" else practice_card(item, lang))
    console.print(source_line(data, lang))
