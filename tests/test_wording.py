"""Wording hints for rules of the game: prohibitions, length, a verb that says what we do."""

from __future__ import annotations

import pytest

from dialogi.i18n import content, t
from dialogi.wording import has_verb, hints, is_prohibition, is_too_long

PROHIBITION = {lang: t("rules.hints.prohibition", lang) for lang in ("fi", "en")}
TOO_LONG = {lang: t("rules.hints.too_long", lang) for lang in ("fi", "en")}
NO_VERB = {lang: t("rules.hints.no_verb", lang) for lang in ("fi", "en")}


def example_rules(lang: str) -> list[str]:
    return [rule for theme in content("rules", lang)["themes"] for rule in theme["example_rules"]]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_content_example_rules_get_no_hints(lang):
    rules = example_rules(lang)
    assert len(rules) >= 8
    for rule in rules:
        assert hints(rule, lang) == [], rule


GOOD = {
    "fi": [
        "Vastaamme tiimipuhelimeen vuorotellen.",
        "Auton avaimet palautetaan avainkaappiin käynnin jälkeen.",
        "Sairauspoissaoloista sovitaan yhdessä aamupalaverissa.",
        "Kertokaa muutoksista heti koko tiimille.",
        "Kaikki tiimiläiset vastaavat omista kupeistaan.",
        "Meille kuuluu myös iltavuoron kuulumiset.",  # "ei" inside "meille" is no prohibition
        "Kerromme muutoksista kaikille, ei vain aamuvuorolle.",  # "ei vain" = not only
        "Tervehdimme toisiamme, kun tulemme töihin.",
    ],
    "en": [
        "We answer the team phone in turns.",
        "Answer messages the same day.",
        "Everyone washes their own cup.",
        "We answer e-mail no later than the next morning.",  # "no later than" is no prohibition
        "The supervisor tells everyone about changes at the same time.",
        "We cannot always answer at once, so we say when we will.",  # "not" inside "cannot"
        "We greet each other when we arrive.",
    ],
}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_good_rules_get_no_hints(lang):
    for rule in GOOD[lang]:
        assert hints(rule, lang) == [], rule


@pytest.mark.parametrize(
    "lang, rule",
    [
        ("fi", "Emme puhu selän takana."),
        ("fi", "Älä jätä astioita tiskialtaaseen."),
        ("fi", "Älkää keskeyttäkö lääkkeenjakajaa."),
        ("fi", "Kahvihuoneessa ei kiroilla."),
        ("en", "Don't talk behind people's backs."),
        ("en", "Don’t leave dishes in the sink."),  # a typographic apostrophe
        ("en", "We never interrupt the person preparing medicines."),
        ("en", "Do not park the shared car in front of the door."),
        ("en", "No phones in meetings."),
    ],
)
def test_prohibitions_are_noticed(lang, rule):
    assert is_prohibition(rule, lang)
    assert PROHIBITION[lang] in hints(rule, lang)


def test_prohibition_words_match_whole_words_only():
    assert not is_prohibition("Meille kerrotaan muutoksista heti.", "fi")
    assert not is_prohibition("Eilen sovimme uudesta vuorolistasta.", "fi")
    assert not is_prohibition("We take notes at every meeting.", "en")
    assert not is_prohibition("We answer now or say when we can.", "en")
    assert is_prohibition("Ei puhelimia palaverissa.", "fi")


@pytest.mark.parametrize(
    "lang, rule",
    [
        ("fi", "Avoin viestintä"),
        ("fi", "Kahvihuoneen siisteys"),
        ("fi", "Viesteihin vastaaminen samana päivänä"),
        ("fi", "Raportti iltavuorolle"),
        ("en", "Open communication"),
        ("en", "Punctuality at meetings"),
        ("en", "Car keys back on the hook"),
        ("en", "Coffee room tidiness"),
    ],
)
def test_a_rule_without_a_verb_is_noticed(lang, rule):
    assert not has_verb(rule, lang)
    assert hints(rule, lang) == [NO_VERB[lang]]


@pytest.mark.parametrize(
    "lang, rule",
    [
        ("fi", "Vastaamme puhelimeen ja kirjaamme soitot, jotta tieto kulkee, vaikka itse lähtisimme kesken päivän käynneille ja joku muu jatkaisi."),
        ("en", "We answer the phone and write down every call so that the information reaches whoever takes over when we leave early."),
    ],
)
def test_a_long_rule_is_noticed(lang, rule):
    assert is_too_long(rule)
    assert hints(rule, lang) == [TOO_LONG[lang]]


def test_fifteen_words_is_still_fine():
    rule = "We " + " ".join(["answer"] * 14)
    assert len(rule.split()) == 15 and not is_too_long(rule)
    assert is_too_long(rule + " more")


def test_several_hints_at_once_in_the_users_language():
    text = "Ei kiroilua eikä huutamista kahvihuoneessa, asiakkaiden kotona, autossa, puhelimessa, palavereissa, raportilla eikä missään muuallakaan työpäivän aikana koskaan"
    found = hints(text, "fi")
    assert PROHIBITION["fi"] in found and TOO_LONG["fi"] in found
    assert all(h in PROHIBITION.values() or h in TOO_LONG.values() or h in NO_VERB.values() for h in found)


def test_empty_text_gets_no_hints():
    assert hints("", "fi") == [] and hints("   ", "en") == []
