"""TOML syntax errors explained in the user's language, not in tomllib's English."""

from __future__ import annotations

import inspect
import re
import tomllib

import pytest

from dialogi.errors import InvalidFile
from dialogi.i18n import set_language, t
from dialogi.record import store
from dialogi.record.toml_errors import explain

# A broken file for each kind of syntax error, and what its message must say.
BROKEN = [
    ("a = 1\na = 2\n", "overwrite", {}),
    ("[a]\nb = 1\n[a]\n", "declared_twice", {"key": "a"}),
    ("[rules.agreed]\n[rules.agreed]\n", "declared_twice", {"key": "rules.agreed"}),
    ("a = [1]\n[[a]]\n", "closed", {"key": "a"}),
    ("a = {b = 1, b = 2}\n", "duplicate_key", {"key": "b"}),
    ('a = "\\uD800"\n', "bad_escape_code", {}),
    ('a = "C:\\kansio"\n', "backslash", {}),
    ("title\n", "expected_equals", {}),
    ("[a\n", "table_heading", {}),
    ("[[a]\n", "array_heading", {}),
    ("a = 1 2\n", "more_on_line", {}),
    ("a = 2026-02-30\n", "bad_date", {}),
    ("= 1\n", "bad_statement", {}),
    ("title = Kotihoito\n", "bad_value", {}),
    ("a = [1, 2\n", "unclosed_array", {}),
    ("a = {b = 1\n", "unclosed_table", {}),
    ('a = "kesken', "unterminated_string", {}),
    ('a = "kesken\nb = 1\n', "unterminated_string", {}),
    ("a = 'x\x01'\n", "bad_character", {"char": "'\\x01'"}),
]


def syntax_error(text: str) -> str:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        return re.sub(r" \(at (line \d+, column \d+|end of document)\)", "", str(e))
    raise AssertionError(f"valid TOML: {text!r}")


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("text, key, params", BROKEN, ids=[f"{k}-{n}" for n, (_, k, _) in enumerate(BROKEN)])
def test_each_syntax_error_is_explained(lang, text, key, params):
    set_language(lang)
    detail = syntax_error(text)
    assert explain(detail) == t(f"toml.{key}", lang, **params) != detail


def test_every_message_tomllib_has_is_known():
    """The messages in this Python's tomllib (its f-strings with a sample value) all have an explanation."""
    source = inspect.getsource(tomllib._parser)
    messages = re.findall(r'suffixed_err\(\s*src,\s*\w+,\s*(f?)"([^"]*)"', source)
    assert len(messages) >= 15
    samples = {"key": "('a', 'b')", "abs_key_parent": "('a',)", "cont_key": "('a',)", "key_stem!r": "'b'",
               "expect!r": "'='", "src[pos]!r": "'\\x00'", "char!r": "'\\x7f'"}
    set_language("en")
    for is_f, message in messages:
        if is_f:
            message = re.sub(r"\{([^}]+)\}", lambda m: samples[m.group(1)], message)
        message = message.encode().decode("unicode_escape")  # the source's "\\" is one backslash
        assert explain(message) != message, f"no explanation for tomllib's {message!r}"


def test_an_unknown_message_is_shown_as_it_is():
    assert explain("Something new in Python 3.99") == "Something new in Python 3.99"


def test_the_finnish_message_has_no_english_in_it(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text('title = "Kotihoito"\ndate = 2026-11-23\nteam = Itäinen tiimi\n', "utf-8")
    set_language("fi")
    with pytest.raises(InvalidFile) as caught:
        store.load(path)
    message = caught.value.message()
    assert message == t("errors.toml_syntax", "fi", file=str(path), line=3, column=8, detail=t("toml.bad_value", "fi"))
    assert "Invalid" not in message and "value" not in message
