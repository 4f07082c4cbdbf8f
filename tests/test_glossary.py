"""The field's terms stay put: no content file or sample uses a variant the glossary rejects.

``content/<lang>/glossary.toml`` lists, per term, the word we write, the variants we do not, a
``find`` pattern for those variants and ``allow`` patterns (or ``skip_keys``) for the contexts
where such a word is right. Entries marked ``level = "advisory"`` (te-forms, a comma before
”ja”) need a reader, not a regex: they are listed by ``python tests/test_glossary.py``, and
never fail a test.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest

from dialogi import i18n

SAMPLES = Path(i18n.__file__).parent / "samples"
GLOSSARY = "glossary"
SAMPLE_IDS = ("methods", "chosen", "emphasise", "template", "language", "what", "decide", "method", "status", "kind")


@dataclass(frozen=True)
class Term:
    id: str
    find: re.Pattern[str]
    allow: tuple[re.Pattern[str], ...]
    skip_keys: frozenset[str]
    advisory: bool

    def hits(self, key: str, text: str) -> list[str]:
        """The rejected variants in ``text``, except those inside an allowed context."""
        if key in self.skip_keys:
            return []
        allowed = [m.span() for pattern in self.allow for m in pattern.finditer(text)]
        return [m.group() for m in self.find.finditer(text)
                if not any(start <= m.start() and m.end() <= end for start, end in allowed)]


def terms(lang: str) -> list[Term]:
    with open(i18n.CONTENT / lang / f"{GLOSSARY}.toml", "rb") as f:
        entries = tomllib.load(f)["terms"]
    return [Term(e["id"], re.compile(e["find"]), tuple(re.compile(a) for a in e.get("allow", [])),
                 frozenset(e.get("skip_keys", [])), e.get("level", "error") == "advisory")
            for e in entries if "find" in e]


def strings(node: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key, text) for every string; list items keep their parent's key, ids are skipped."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "id":
                yield from strings(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(node, list):
        for value in node:
            yield from strings(value, prefix)
    elif isinstance(node, str):
        yield prefix, node


def texts(lang: str) -> Iterator[tuple[str, str, str]]:
    """(file, key, text) of every content file of ``lang`` and of the samples written in it."""
    for path in sorted((i18n.CONTENT / lang).glob("*.toml")):
        if path.stem != GLOSSARY:
            for key, text in strings(tomllib.loads(path.read_text("utf-8"))):
                yield f"content/{lang}/{path.name}", f"{path.stem}.{key}", text
    for path in sorted(SAMPLES.glob(f"*.{lang}.toml")):
        for key, text in strings(tomllib.loads(path.read_text("utf-8"))):
            if key.rpartition(".")[2] not in SAMPLE_IDS:  # answers that name a choice, not text
                yield f"samples/{path.name}", key, text


def findings(lang: str, advisory: bool) -> list[str]:
    found = []
    for term in (t for t in terms(lang) if t.advisory == advisory):
        for file, key, text in texts(lang):
            found += [f"{file} {key}: {term.id}: {hit!r} in {text!r}" for hit in term.hits(key, text)]
    return found


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_rejected_variant_in_content_or_samples(lang):
    assert findings(lang, advisory=False) == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_pattern_finds_what_its_entry_rejects(lang):
    """A ``find`` that matches none of its own rejected variants would let them all through."""
    with open(i18n.CONTENT / lang / f"{GLOSSARY}.toml", "rb") as f:
        entries = {e["id"]: e for e in tomllib.load(f)["terms"]}
    blind = []
    for term in terms(lang):
        rejected = [r for r in entries[term.id]["rejected"] if "(" not in r]  # "(as a label)" notes are not text
        if rejected and not any(term.hits("", variant.replace("…", "x")) for variant in rejected):
            blind.append(term.id)
    assert blind == []


def test_the_check_sees_a_planted_variant_and_respects_the_allowed_contexts():
    fi = {t.id: t for t in terms("fi")}
    assert fi["workshop_file"].hits("errors.x", "Se säilyy tallenteessa.") == ["tallenteessa"]
    assert fi["workshop_file"].hits("errors.x", "Tiedot on tallennettu tiedostoon.") == []
    assert fi["quotation_marks"].hits("errors.x", "«{value}» ei ole luku.") == ["«", "»"]
    assert fi["follow_up"].hits("x", "Pelisääntöjen arviointi") == ["arviointi"]
    assert fi["follow_up"].hits("x", "Loppuarviointi ja itsearviointi") == []
    en = {t.id: t for t in terms("en")}
    assert en["agreement"].hits("x", "Rule 1/3") == ["Rule"]
    assert en["agreement"].hits("x", "The day's ground rules; print them with --what rules.") == []


if __name__ == "__main__":  # the advisory list, for a writer to read through
    for lang in sys.argv[1:] or i18n.LANGUAGES:
        for line in findings(lang, advisory=True):
            print(line)
