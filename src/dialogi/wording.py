"""Wording hints for a rule of the game: gentle suggestions, never a refusal.

``hints(text, lang)`` returns the hint messages (from ``content/<lang>/rules.toml``,
table ``[hints]``) that fit a proposed rule. Three heuristics, all on whole words:

* **A prohibition in the main clause.** One of the content's ``prohibition_words`` ("ei",
  "emme", "emmekä", "älä", "don't", "never" …) stands as a word of its own, or as a run of
  words ("do not"), or a word begins with one of ``prohibition_stems`` ("kiellet…",
  "forbid…"): "ei" inside "meille" or "not" inside "cannot" does not count. Only main
  clauses count: a clause starts at a comma (or other stop) or at one of the
  ``subordinators``, and a clause that starts with one ("jos emme ehdi", "jotta kenenkään
  ei tarvitse…", "if we don't…", "so that nobody…") is subordinate — a negative there
  describes a situation and forbids nothing. The phrases in ``prohibition_exceptions``
  ("ei vain", "ei tarvitse", "no later than", "don't have to") are not prohibitions.
* **Too long.** More than :data:`MAX_WORDS` words: hard to remember.
* **No verb that says what we do.** A noun phrase ("Avoin viestintä", "Punctuality at
  meetings") names a value but not an action. The test is deliberately simple and errs on
  the side of silence:

  - Finnish: a finite verb form — the first person plural (``-mme``: *vastaamme*,
    *kerromme*), the passive (``-taan``/``-tään``, ``-daan``/``-dään``, ``-llaan``,
    ``-nnaan``, ``-rraan``: *vastataan*, *sovitaan*, *tehdään*, *mennään*), the plural
    imperative (``-kaa``/``-kää``: *kertokaa*), the third person plural after a vowel
    (``-vat``/``-vät``: *vastaavat*), or one of :data:`FINNISH_VERBS` (*on*, *voi*, *saa*,
    *pitää* …).
  - English: a subject pronoun followed by a word ("we answer", "everyone helps"), or one
    of :data:`ENGLISH_VERBS` anywhere (also as an imperative: "Answer messages …"), or a
    word ending in "-s" right after a subject word ("the supervisor tells").

  Possessive forms such as *tiimimme* also end in ``-mme``; a noun phrase with one slips
  through. That is the right way to be wrong: a missing hint costs nothing, a wrong one
  nags.
"""

from __future__ import annotations

import re
from functools import cache

from dialogi.i18n import content, t

MAX_WORDS = 15

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_CLAUSE_STOP = re.compile(r"[,;:.!?()\[\]\u2013\u2014\n]")  # commas, stops, dashes, brackets

FINNISH_ENDINGS = ("mme", "taan", "tään", "daan", "dään", "llaan", "llään", "nnaan", "nnään", "rraan", "rrään", "kaa", "kää")
FINNISH_VERBS = frozenset(
    """
    on ovat ole olla oli olivat voi voivat voidaan saa saavat saadaan pitää pitävät täytyy
    kuuluu kuuluvat tulee tulevat kannattaa auttaa autetaan huolehtii huolehtivat vastaa kertoo
    sovitaan sopii ei eivät emme en älä älkää tehdään tee tehkää
    """.split()
)
FINNISH_VOWELS = "aeiouyäö"

ENGLISH_PRONOUNS = frozenset("we i you they he she".split())  # the next word is their verb
ENGLISH_SUBJECTS = frozenset("everyone everybody each someone nobody whoever who team supervisor it he she".split())
ENGLISH_VERBS = frozenset(
    """
    is are am be being been was were can could will would shall should must may might do does did
    don't doesn't can't won't let lets have has make makes take takes give gives keep keeps say says
    tell tells answer answers reply replies respond responds greet greets thank thanks ask asks help
    helps offer offers listen listens speak speaks talk talks share shares agree agrees come comes
    go goes arrive arrives leave leaves start starts finish finishes check checks note notes write
    writes read reads inform informs use uses return returns put puts clean cleans tidy tidies wash
    washes respect respects support supports welcome welcomes explain explains book books call calls
    follow follows update updates record records report reports plan plans mark marks fill fills
    """.split()
)


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased; typographic apostrophes as plain ones."""
    return _WORD.findall(text.replace("\u2019", "'").lower())


@cache
def _settings(lang: str) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...], tuple[str, ...], frozenset[str]]:
    data = content("rules", lang)["hints"]

    def listed(key: str) -> list[str]:  # comma-separated in the content: the lists differ in length by language
        return [part.strip() for part in data[key].split(",") if part.strip()]

    prohibitions = tuple(tuple(words(w)) for w in listed("prohibition_words"))
    exceptions = tuple(tuple(words(w)) for w in listed("prohibition_exceptions"))
    return prohibitions, exceptions, tuple(listed("prohibition_stems")), frozenset(listed("subordinators"))


def main_clauses(text: str, lang: str) -> list[list[str]]:
    """The words of each main clause of ``text``: clauses start at a stop or a subordinator,
    and those that start with a subordinator are left out."""
    subordinators = _settings(lang)[3]
    found: list[list[str]] = []
    for piece in _CLAUSE_STOP.split(text):
        clause: list[str] = []
        for word in words(piece):
            if word in subordinators:
                found.append(clause)
                clause = [word]
            else:
                clause.append(word)
        found.append(clause)
    return [clause for clause in found if clause and clause[0] not in subordinators]


def _runs(tokens: list[str], phrase: tuple[str, ...]) -> list[int]:
    """Where the words of ``phrase`` stand in a row in ``tokens``."""
    n = len(phrase)
    return [i for i in range(len(tokens) - n + 1) if n and tuple(tokens[i : i + n]) == phrase]


def is_prohibition(text: str, lang: str) -> bool:
    prohibitions, exceptions, stems, _ = _settings(lang)
    for tokens in main_clauses(text, lang):
        excused = {i for phrase in exceptions for start in _runs(tokens, phrase) for i in range(start, start + len(phrase))}
        if any(start not in excused for phrase in prohibitions for start in _runs(tokens, phrase)):
            return True
        if any(word.startswith(stems) for word in tokens):
            return True
    return False


def is_too_long(text: str) -> bool:
    return len(text.split()) > MAX_WORDS


def _finnish_verb(word: str) -> bool:
    if word in FINNISH_VERBS:
        return True
    if len(word) > 4 and word.endswith(FINNISH_ENDINGS):
        return True
    return len(word) > 4 and word.endswith(("vat", "vät")) and word[-4] in FINNISH_VOWELS


def _english_verb(tokens: list[str], i: int) -> bool:
    word = tokens[i]
    if word in ENGLISH_VERBS:
        return True
    before = tokens[i - 1] if i else ""
    if before in ENGLISH_PRONOUNS:
        return True  # "we <word>": the word after a pronoun is (nearly always) its verb
    return before in ENGLISH_SUBJECTS and len(word) > 3 and word.endswith("s") and not word.endswith("ss")


def has_verb(text: str, lang: str) -> bool:
    tokens = words(text)
    if lang == "fi":
        return any(_finnish_verb(w) for w in tokens)
    return any(_english_verb(tokens, i) for i in range(len(tokens)))


def hints(text: str, lang: str) -> list[str]:
    """The wording hints for a proposed rule, as messages in ``lang``; empty when it reads well."""
    if not text.strip():
        return []
    found = []
    if is_prohibition(text, lang):
        found.append(t("rules.hints.prohibition", lang))
    if is_too_long(text):
        found.append(t("rules.hints.too_long", lang))
    if not has_verb(text, lang):
        found.append(t("rules.hints.no_verb", lang))
    return found
