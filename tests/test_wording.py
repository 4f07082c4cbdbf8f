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


# -- the prohibition hint: main clauses only ----------------------------------------------
# A prohibition said in the main clause gets the hint; a negative in a subordinate clause
# ("jos emme ehdi", "so that nobody has to wait") or a "need not" is no prohibition.

PROHIBITIONS = {
    "fi": [
        "Puhumme toisillemme suoraan emmekä hänen selkänsä takana.",
        "Emmekä juoruile.",
        "Puhelimen käyttö on kiellettyä.",
        "Puhelimen käyttö palaverissa on kielletty.",
        "Älä jätä astioita tiskialtaaseen.",
        "Älkää keskeyttäkö lääkkeenjakajaa.",
        "Emme puhu selän takana.",
        "Emme jätä viestejä lukematta.",
        "Ei saa huutaa.",
        "Kahvihuoneessa ei saa kiroilla.",
        "Kahvihuoneessa ei kiroilla.",
        "Ei puhelimia palaverissa.",
        "Raportilla ei keskeytetä toista.",
        "Asiakkaan kotona emme puhu työkavereista.",
        "Kun tulemme töihin, emme jätä ketään tervehtimättä.",
        "Jos joku sairastuu, emme syytä häntä.",
        "Vastaamme puhelimeen, emmekä anna sen soida.",
        "Tauolla ei puhuta työasioista.",
        "Emme koskaan jätä kollegaa yksin hankalaan tilanteeseen.",
        "Autoa ei jätetä tankkaamatta.",
        "Kiroilu on kielletty kaikilta.",
        "Älä koskaan lähde kesken raportin.",
    ],
    "en": [
        "Don't talk behind people's backs.",
        "Don’t leave dishes in the sink.",
        "We never interrupt the person preparing medicines.",
        "Do not park the shared car in front of the door.",
        "No phones in meetings.",
        "We do not gossip.",
        "We don't leave anyone out when we plan the week.",
        "When we arrive, we never skip the greeting.",
        "If someone falls ill, we don't blame them.",
        "You mustn't shout at each other.",
        "Phones are not allowed in the handover.",
        "Smoking is forbidden at the clients' homes.",
        "Swearing is prohibited in the coffee room.",
        "We answer the phone and never let it ring.",
        "Never leave the shared car without fuel.",
        "No shouting in the corridor.",
        "We won't talk about clients in the lift.",
        "We do not interrupt the handover, even when we are in a hurry.",
        "Don't start the meeting before everyone has arrived.",
        "We never park in the ambulance bay.",
        "We talk directly and not behind each other's backs.",
    ],
}

NOT_PROHIBITIONS = {
    "fi": [
        "Vastaamme tiimipuhelimeen vuorotellen, jotta kenenkään ei tarvitse kysellä.",
        "Kerromme ajoissa, jos emme ehdi vuoroon.",
        "Kenenkään ei tarvitse jäädä yksin.",
        "Kerromme muutoksista kaikille, ei vain aamuvuorolle.",
        "Meille kuuluu myös iltavuoron kuulumiset.",
        "Vastaamme tiimipuhelimeen vuorotellen.",
        "Pyydämme apua, kun emme jaksa.",
        "Kerromme, jos emme ymmärrä ohjetta.",
        "Jos emme ehdi vastata, kerromme milloin ehdimme.",
        "Kysymme, koska emme halua arvailla.",
        "Tarkistamme listan, ettei kukaan jää ilman vuoroa.",
        "Kirjaamme havainnot, jottei tieto katoa.",
        "Otamme puheeksi asiat, joita emme ymmärrä.",
        "Autamme toisiamme, vaikka emme olisi samassa vuorossa.",
        "Sovimme uudesta ajasta heti, kun tiedämme, ettemme ehdi.",
        "Kenenkään ei tarvitse vastata puhelimeen tauolla.",
        "Eilen sovimme uudesta vuorolistasta.",
        "Kukaan meistä ei tarvitse lupaa avun pyytämiseen.",
        "Tervehdimme toisiamme, kun tulemme töihin.",
        "Kerromme kiireestä ajoissa, ellemme ehdi tauolle.",
        "Palautamme avaimet kaappiin heti käynnin jälkeen.",
    ],
    "en": [
        "We tell in good time if we cannot make the shift.",
        "We answer the team phone in turns so that nobody has to wait.",
        "Nobody has to stay alone with the calls.",
        "We answer e-mail no later than the next morning.",
        "We tell everyone about changes, not only the morning shift.",
        "We ask for help when we do not cope.",
        "We say so if we don't understand an instruction.",
        "If we can't answer at once, we say when we will.",
        "We check the list so that no one is left without a shift.",
        "We take up things that we don't understand.",
        "We help each other even when we are not on the same shift.",
        "You don't have to answer the phone during your break.",
        "We greet each other when we arrive.",
        "We take notes at every meeting.",
        "We answer now or say when we can.",
        "We ask, because we do not want to guess.",
        "We agree on a new time as soon as we know we won't make it.",
        "Nobody needs to ask permission to take a break.",
        "We say it in the meeting when something does not work.",
        "We return the car keys to the cupboard after each visit.",
        "We write down what we could not finish before we leave.",
    ],
}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_tables_are_long_enough(lang):
    assert len(PROHIBITIONS[lang]) >= 20 and len(NOT_PROHIBITIONS[lang]) >= 20


@pytest.mark.parametrize("lang, rule", [(lang, rule) for lang, rules in PROHIBITIONS.items() for rule in rules])
def test_a_prohibition_in_the_main_clause_gets_the_hint(lang, rule):
    assert is_prohibition(rule, lang), rule
    assert PROHIBITION[lang] in hints(rule, lang)


@pytest.mark.parametrize("lang, rule", [(lang, rule) for lang, rules in NOT_PROHIBITIONS.items() for rule in rules])
def test_a_negative_subordinate_clause_or_a_need_not_gets_no_hint(lang, rule):
    assert not is_prohibition(rule, lang), rule
    assert PROHIBITION[lang] not in hints(rule, lang)
