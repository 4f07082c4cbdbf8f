"""Messages and method texts: Finnish and English say the same things with the same blanks."""

from __future__ import annotations

import ast
import functools
import re
import string
import tomllib
from pathlib import Path
from typing import Any

import pytest

from dialogi import i18n

SRC = Path(i18n.__file__).parent
CONTENT = i18n.CONTENT
STEMS = sorted(p.stem for p in (CONTENT / "en").glob("*.toml") if p.stem != "glossary")  # a glossary has its own terms per language


def flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    """Tables and arrays as paths: ``{"items": [{"title": "x"}]}`` -> ``{"items.0.title": "x"}``."""
    if isinstance(node, dict):
        pairs = node.items()
    elif isinstance(node, list):
        pairs = enumerate(node)
    else:
        return {prefix: node}
    flat: dict[str, Any] = {}
    for key, value in pairs:
        flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    if not flat and prefix:  # an empty table or array is a value of its own
        flat[prefix] = node
    return flat


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def load(lang: str, stem: str) -> dict[str, Any]:
    return flatten(tomllib.loads((CONTENT / lang / f"{stem}.toml").read_text("utf-8")))


def test_both_languages_have_the_same_files():
    assert STEMS
    assert sorted(p.name for p in (CONTENT / "en").iterdir()) == sorted(p.name for p in (CONTENT / "fi").iterdir())
    assert set(i18n.LANGUAGES) == {p.name for p in CONTENT.iterdir() if p.is_dir()}


@pytest.mark.parametrize("stem", STEMS)
def test_same_keys_and_placeholders(stem):
    en, fi = load("en", stem), load("fi", stem)
    assert sorted(set(en) - set(fi)) == [], "missing in fi"
    assert sorted(set(fi) - set(en)) == [], "missing in en"
    for key in en:
        assert type(en[key]) is type(fi[key]), key
        if isinstance(en[key], str):
            assert placeholders(en[key]) == placeholders(fi[key]), f"{stem}.{key}"
        elif not isinstance(en[key], (list, dict)):  # numbers and ids are not translated
            assert en[key] == fi[key], f"{stem}.{key}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_formats(lang):
    """Each message fills in with its own placeholders: no stray single braces."""
    for stem in STEMS:
        for key, value in load(lang, stem).items():
            if isinstance(value, str):
                value.format(**{name: "X" for name in placeholders(value)})
                assert value.strip(), f"{lang}/{stem}.{key} is empty"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_plural_forms_come_in_pairs(lang):
    for stem in STEMS:
        keys = set(load(lang, stem))
        for key in keys:
            if key.endswith(".one"):
                assert key[:-4] + ".other" in keys, f"{stem}.{key}"


# -- every message key the code uses exists ------------------------------------------------------

KEY = re.compile(r"^(%s)\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$" % "|".join(map(re.escape, STEMS)))
FILE_NAME = re.compile(r"\.(css|html|md|json|toml|txt|csv|py|bak|lock|tmp)$")  # "print.css" is a file, not a key


MESSAGE_FUNCTIONS = {"t", "plural"}  # their ``key`` is a message key


def _step_classes(trees: list[ast.Module]) -> set[str]:
    """Steps take an id first (a question-key prefix such as ``principles.agree``), not a message.

    Every class that derives from ``Step``, in whichever module it is defined.
    """
    bases: dict[str, set[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                )
    steps = {"Step"}
    while True:
        more = {name for name, parents in bases.items() if parents & steps} - steps
        if not more:
            return steps
        steps |= more


def _question_key_parameters(trees: list[ast.Module]) -> dict[str, set[int | str]]:
    """Functions of dialogi that take a question key (a parameter ``key`` or ``id``), by name.

    ``asker.text("new.title", ...)`` or ``ask_review_date(session, "review.date", ...)`` name a
    question of an answers file, not a message; ``t(key)`` and ``plural(key)`` take messages.
    """
    found: dict[str, set[int | str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name not in MESSAGE_FUNCTIONS:
                params = [a.arg for a in node.args.posonlyargs + node.args.args if a.arg not in ("self", "cls")]
                for i, name in enumerate(params):
                    if name in ("key", "id"):
                        found.setdefault(node.name, set()).update({i, name})
                for a in node.args.kwonlyargs:
                    if a.arg in ("key", "id"):
                        found.setdefault(node.name, set()).add(a.arg)
    return found


@functools.cache
def used_keys() -> list[tuple[str, int, str, str]]:
    """(file, line, key, how) for every plain string literal in the code that looks like a message key.

    f-strings are dynamic and skipped, and so are question keys (see above) and step ids.
    ``how`` is ``plural`` for the first argument of ``plural(...)``.
    """
    files = sorted(SRC.rglob("*.py"))
    trees = [ast.parse(path.read_text("utf-8"), str(path)) for path in files]
    step_classes = _step_classes(trees)
    question_keys = _question_key_parameters(trees)
    found = []
    for path, tree in zip(files, trees):
        skip: set[int] = set()
        plurals: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                skip.update(id(v) for v in ast.walk(node))
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if name in step_classes and node.args:
                    skip.add(id(node.args[0]))
                if name == "plural" and node.args:
                    plurals.add(id(node.args[0]))
                positions = question_keys.get(name, set())
                offset = 1 if name in step_classes else 0
                skip.update(id(arg) for i, arg in enumerate(node.args, offset) if i in positions)
                skip.update(id(kw.value) for kw in node.keywords if kw.arg in positions)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip and KEY.match(node.value)
                    and not FILE_NAME.search(node.value)):
                how = "plural" if id(node) in plurals else "message"
                found.append((str(path.relative_to(SRC)), node.lineno, node.value, how))
    return found


def test_the_scan_finds_the_keys_it_should():
    keys = {key for _, _, key, _ in used_keys()}
    assert len(keys) > 50
    for expected in ("errors.missing_file", "errors.in_use", "cli.new.created", "problems.line", "prompts.no_terminal", "principles_ui.step_cards"):
        assert expected in keys
    assert "principles.agree" not in keys  # a step id, not a message


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_key_used_in_the_code_exists(lang):
    missing = []
    for file, line, key, how in used_keys():
        try:
            value = i18n.lookup(key, lang)
        except (KeyError, IndexError, ValueError, TypeError, OSError):
            missing.append(f"{file}:{line}: {key}")
            continue
        if how == "plural" and not (isinstance(value, dict) and {"one", "other"} <= set(value)):
            missing.append(f"{file}:{line}: {key} (plural needs one and other)")
    assert missing == [], f"not in {lang}: " + ", ".join(missing)


def test_dialogi_error_keys_exist_in_both_languages():
    """The first argument of every error raised: ``raise NotFound("errors.missing_file", ...)``."""
    from dialogi import errors

    classes = {name for name, obj in vars(errors).items() if isinstance(obj, type) and issubclass(obj, errors.DialogiError)}
    seen, missing = 0, []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in classes
                    and node.args and isinstance(node.args[0], ast.Constant)):
                seen += 1
                for lang in i18n.LANGUAGES:
                    try:
                        ok = isinstance(i18n.lookup(node.args[0].value, lang), str)
                    except (KeyError, IndexError, ValueError, TypeError, OSError):
                        ok = False
                    if not ok:
                        missing.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.args[0].value} ({lang})")
    assert seen > 10
    assert missing == []


# -- the language itself ---------------------------------------------------------------------------


def test_language_detection(monkeypatch):
    for var in ("DIALOGI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(i18n, "_locale_names", lambda: [])
    assert i18n.detect_language() == "en"
    assert i18n.detect_language("fi") == "fi"
    monkeypatch.setenv("DIALOGI_LANG", "fi_FI.UTF-8")
    assert i18n.detect_language() == "fi"
    assert i18n.detect_language("en") == "en"  # --lang wins
    monkeypatch.setenv("DIALOGI_LANG", "sv")
    monkeypatch.setattr(i18n, "_locale_names", lambda: ["fi_FI.UTF-8"])
    assert i18n.detect_language() == "fi"  # an unknown language falls through to the locale


def test_t_and_plural():
    assert i18n.t("errors.missing_file", "fi", file="x.toml").startswith("x.toml: tiedostoa ei löydy")
    i18n.set_language("fi")
    assert i18n.ui_language() == "fi"
    assert i18n.t("errors.not_a_folder", folder="k") == "k ei ole kansio."
    i18n.set_language("xx")
    assert i18n.ui_language() == i18n.DEFAULT
    assert i18n.plural("render.votes.fingers", 1, "en") == "1 finger"
    assert i18n.plural("render.votes.fingers", 3, "en") == "3 fingers"
