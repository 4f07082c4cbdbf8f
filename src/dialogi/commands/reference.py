import typer


def principles_command() -> None:
    """Reference cards: Gustavsen's 13 principles of democratic dialogue."""
    from dialogi.render.cards import print_cards

    print_cards("principles")


def practices_command() -> None:
    """Reference cards: Isaacs' four dialogue practices."""
    from dialogi.render.cards import print_cards

    print_cards("practices")
