"""``--help`` speaks the UI language: every text of a help page comes from content/<lang>/help.toml."""

from __future__ import annotations

import inspect
import re

import pytest

from dialogi import i18n
from dialogi.cli import app, run_cli
from dialogi.commands import help_texts


def flat(text: str) -> str:
    """Help text without its wrapping (click breaks lines after a hyphen too)."""
    return re.sub(r"(?<=-) ", "", re.sub(r"\s+", " ", text)).strip()


def help_page(capsys, *argv: str) -> str:
    assert run_cli(list(argv)) == 0
    return flat(capsys.readouterr().out)


def commands() -> dict[str, dict[str, object]]:
    """Each command's name and its parameters, as typer knows them."""
    return {c.name: inspect.signature(c.callback).parameters for c in app.registered_commands}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_command_and_parameter_has_its_help_in_both_languages(lang):
    texts = i18n.content("help", lang)
    assert set(texts["commands"]) == set(commands())
    for name, params in commands().items():
        assert set(texts["commands"][name]) == {"help", *params}, name
    assert set(texts["options"]) >= set(inspect.signature(app.registered_callback.callback).parameters)


@pytest.mark.parametrize("lang, usage, headings", [
    ("fi", "Käyttö: dialogi [VALITSIMET] KOMENTO [ARGUMENTIT]...", ("Valitsimet:", "Komennot:")),
    ("en", "Usage: dialogi [OPTIONS] COMMAND [ARGS]...", ("Options:", "Commands:")),
])
def test_the_root_help_in_the_chosen_language(capsys, lang, usage, headings):
    texts = i18n.content("help", lang)
    page = help_page(capsys, "--lang", lang, "--help")
    assert page.startswith(usage)
    assert flat(texts["app"]) in page
    for heading in headings:
        assert heading in page
    for option in ("lang", "version", "install_completion", "show_completion"):
        assert flat(texts["options"][option]) in page, option
    assert flat(texts["chrome"]["help"]) in page
    for name in commands():
        assert f"{name} {' '.join(texts['commands'][name]['help'].split()[:2])}" in page, name  # the short help


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("name", sorted(commands()))
def test_each_commands_help_in_the_chosen_language(capsys, lang, name):
    texts = i18n.content("help", lang)["commands"][name]
    page = help_page(capsys, f"--lang={lang}", name, "--help")
    for key, text in texts.items():
        assert flat(text) in page, key
    other = "en" if lang == "fi" else "fi"
    assert flat(i18n.content("help", other)["commands"][name]["help"]) not in page


def test_finnish_help_translates_clicks_own_words(capsys):
    page = help_page(capsys, "--lang", "fi", "new", "--help")
    assert page.startswith("Käyttö: dialogi new [VALITSIMET]")
    assert "Valitsimet:" in page and "[oletus: 0; x>=0]" in page and "Näytä tämä ohje ja lopeta." in page
    assert "Options" not in page and "default" not in page and "Show this message" not in page
    page = help_page(capsys, "--lang", "fi", "export", "--help")
    assert "Argumentit:" in page and "[pakollinen]" in page and "[oletus: md]" in page


def test_the_language_comes_from_the_environment_unless_lang_is_given(capsys, monkeypatch):
    fi, en = (i18n.content("help", lang)["commands"]["run"]["help"] for lang in ("fi", "en"))
    monkeypatch.setenv("DIALOGI_LANG", "fi")
    assert flat(fi) in help_page(capsys, "run", "--help")
    run_cli([])  # dialogi alone shows the root's help page
    assert flat(i18n.content("help", "fi")["app"]) in flat(capsys.readouterr().err)
    assert flat(en) in help_page(capsys, "--lang=en", "run", "--help")
    assert flat(i18n.content("help", "en")["app"]) in help_page(capsys, "--lang", "en", "--help")


def test_only_a_help_page_reads_the_help_texts():
    assert help_texts.wanted([]) and help_texts.wanted(["new", "--help"])
    assert not help_texts.wanted(["--version"]) and not help_texts.wanted(["run", "w.toml"])
    assert help_texts.language(["--lang", "fi", "--help"]) == "fi"
    assert help_texts.language(["--lang=en", "--help"]) == "en"


def test_the_commands_carry_no_help_text_of_their_own():
    """help.toml is the one place for help texts: a text left in a signature would never be shown."""
    callbacks = [app.registered_callback.callback] + [c.callback for c in app.registered_commands]
    left = [f"{f.__name__}({name})" for f in callbacks for name, p in inspect.signature(f).parameters.items() if p.default.help]
    assert left == [] and not isinstance(app.info.help, str)


def test_shell_completion_describes_the_options_in_the_ui_language(capsys, monkeypatch):
    monkeypatch.setenv("DIALOGI_LANG", "fi")
    monkeypatch.setenv("_DIALOGI_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "dialogi new --te")
    with pytest.raises(SystemExit):  # the shell's completion ends there
        run_cli([])
    assert "Tiimi tai yksikkö." in capsys.readouterr().out
