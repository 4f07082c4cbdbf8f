"""Hand-made workshops for the print tests: realistic rules and a wellbeing plan, fi and en."""

from __future__ import annotations

import datetime as dt

from dialogi.record.models import Action, Goal, Indicator, Rule, Rules, Wellbeing, Workshop

FI_RULES = [
    ("information", "Vastaamme työviesteihin saman päivän aikana tai kerromme, milloin ehdimme vastata.",
     "Kukaan ei joudu kysymään samaa asiaa kahteen kertaan.", "Aino"),
    ("information", "Kirjaamme raportin tärkeimmät asiat yhteiseen paikkaan ennen vuoron vaihtumista, "
     "jotta seuraava vuoro pääsee alkuun ilman kyselyä.", "Raportti on luettavissa vuoron alkaessa.", "Mikko"),
    ("information", "Kerromme muutoksista myös poissaoleville ja osa-aikaisille viikkotiedotteessa.",
     "", "Leena"),
    ("encounter", "Tervehdimme toisiamme, kun tulemme töihin, ja toivotamme hyvää iltaa, kun lähdemme.",
     "Kukaan ei tule aamulla hiljaiseen kansliaan.", ""),
    ("encounter", "Puhumme asioista suoraan sen kanssa, jota asia koskee, emmekä selän takana.",
     "Erimielisyydet otetaan puheeksi viikkopalaverissa.", "Kaikki"),
    ("encounter", "Otamme uuden työntekijän ja sijaisen vastaan nimetyn perehdyttäjän kanssa ensimmäisestä "
     "päivästä alkaen.", "Jokaisella uudella on perehdyttäjä listalla.", "Sari"),
    ("conduct", "Tulemme palavereihin ajoissa ja pidämme puhelimet äänettöminä, ellei asiakas tarvitse meitä.",
     "Palaveri alkaa sovittuna aikana.", "Esihenkilö"),
    ("conduct", "Huolehdimme kahvinkeitosta ja keittiön siisteydestä sovitun vuorolistan mukaan.",
     "Vuorolista on jääkaapin ovessa ja ajan tasalla.", "Pekka"),
    ("conduct", "Esihenkilö perustelee päätökset ja kertoo niistä kaikille samaan aikaan.",
     "Päätökset löytyvät viikkotiedotteesta.", ""),
    ("overload", "Kun kiire kasautuu, pyydämme apua ajoissa ja sovimme yhdessä, mikä voi odottaa huomiseen.",
     "Kiireestä puhutaan aamupalaverissa.", "Vuorovastaava"),
    ("overload", "Pidämme lakisääteiset tauot, ja työkaverit tuuraavat tauon ajan.",
     "Taukolista täyttyy joka päivä.", "Mikko"),
    ("overload", "Emme lue työsähköpostia vapaapäivinä, eikä siihen odoteta vastausta ennen seuraavaa työvuoroa.",
     "", "Kaikki"),
]

EN_RULES = [
    ("information", "We answer work messages the same day, or say when we will have time to answer.",
     "Nobody has to ask the same thing twice.", "Aino"),
    ("information", "We write the key points of the handover in the shared log before the shift changes.",
     "The handover can be read when the shift starts.", "Mikko"),
    ("information", "We tell those away and part-timers about changes in the weekly bulletin.", "", "Leena"),
    ("encounter", "We greet each other when we come to work and say goodbye when we leave.",
     "Nobody walks into a silent office in the morning.", ""),
    ("encounter", "We speak directly with the person a matter concerns, never behind their back.",
     "Disagreements are raised in the weekly meeting.", "Everyone"),
    ("encounter", "We welcome every newcomer and substitute with a named mentor from their first day.",
     "Every newcomer has a mentor on the list.", "Sari"),
    ("conduct", "We come to meetings on time and keep phones silent unless a client needs us.",
     "Meetings start at the agreed time.", "Team leader"),
    ("conduct", "We make the coffee and keep the kitchen tidy by the agreed rota.",
     "The rota is on the fridge door and up to date.", "Pekka"),
    ("conduct", "The team leader explains decisions and tells everyone about them at the same time.",
     "Decisions are in the weekly bulletin.", ""),
    ("overload", "When work piles up we ask for help early and agree together what can wait until tomorrow.",
     "Workload is discussed at the morning huddle.", "Shift lead"),
    ("overload", "We take the breaks the law gives us, and colleagues cover for each other.",
     "The break list fills up every day.", "Mikko"),
    ("overload", "We do not read work e-mail on days off, and nobody expects an answer before the next shift.",
     "", "Everyone"),
]


def rules_workshop(count: int = 12, lang: str = "fi", review: bool = True) -> Workshop:
    """A workshop with ``count`` agreed rules (up to 12), in four themes."""
    source = FI_RULES if lang == "fi" else EN_RULES
    rules = [
        Rule(id=f"r{i}", text=text, theme=theme, observed_by=observed, keeper=keeper)
        for i, (theme, text, observed, keeper) in enumerate(source[:count], 1)
    ]
    return Workshop(
        title="Kotihoidon pelisäännöt" if lang == "fi" else "Working agreements for home care",
        date=dt.date(2026, 11, 23),
        team="Kotihoito Itä" if lang == "fi" else "Home care East",
        facilitator="Maija",
        language=lang,
        rules=Rules(themes=["information", "encounter", "conduct", "overload"], agreed=rules,
                    review_date=dt.date(2027, 2, 15) if review else None),
    )


def plan_workshop(lang: str = "fi") -> Workshop:
    """A workshop with a complete wellbeing plan: indicators, three goals, carried-over work."""
    fi = lang == "fi"
    indicators = [
        Indicator(id="absence", name="Sairauspoissaolot" if fi else "Sickness absence", value=6.1, unit="%",
                  period="1–6/2026", source="HR-raportti" if fi else "HR report", previous=7.4, target=5.0),
        Indicator(id="engagement", name="Työn imu" if fi else "Work engagement", kind="impact", value=4.2,
                  unit="1–6", period="2026", source="Henkilöstökysely" if fi else "Staff survey", previous=4.0),
        Indicator(id="safety", name="Turvallisuushavainnot" if fi else "Safety observations", value=14,
                  unit="kpl" if fi else "pcs", period="2026", previous=9),
    ]
    goals = [
        Goal(
            id="g1",
            title="Tieto kulkee vuorosta toiseen" if fi else "Information flows from shift to shift",
            improvement="Raportti jää usein kesken, ja iltavuoro joutuu soittelemaan." if fi
            else "The handover is often cut short, and the evening shift has to phone around.",
            actions=[
                Action(id="a1", text="Otetaan käyttöön yhteinen raporttipohja" if fi else "Introduce a shared handover template",
                       owner="Aino", due=dt.date(2027, 1, 31)),
                Action(id="a2", text="Kokeillaan kymmenen minuutin päällekkäisyyttä vuoronvaihdossa" if fi
                       else "Try ten minutes of overlap at shift change", owner="Esihenkilö" if fi else "Team leader",
                       due=dt.date(2027, 3, 31)),
            ],
            schedule="Tammi–maaliskuu 2027" if fi else "January to March 2027",
            follow_up="Käydään läpi kuukausipalaverissa." if fi else "Reviewed at the monthly meeting.",
            indicator="engagement",
            target_value=4.5,
            benefit_me="Vähemmän soittelua illalla." if fi else "Fewer phone calls in the evening.",
            benefit_clients="Hoito jatkuu katkoitta." if fi else "Care continues without breaks.",
            obstacles="Kiireisinä aamuina raportti unohtuu." if fi else "On busy mornings the handover is forgotten.",
        ),
        Goal(
            id="g2",
            title="Sairauspoissaolot vähenevät" if fi else "Less sickness absence",
            improvement="Kuormitus kasautuu muutamalle." if fi else "The load piles up on a few people.",
            actions=[Action(id="a3", text="Taukolista jokaiseen vuoroon" if fi else "A break list for every shift",
                            owner="Mikko", due=dt.date(2026, 12, 15))],
            schedule="Joulukuu 2026" if fi else "December 2026",
            follow_up="HR-raportti puolen vuoden välein." if fi else "HR report every six months.",
            indicator="absence",
            target_value=5.0,
        ),
        Goal(
            id="g3",
            title="Uudet työntekijät viihtyvät" if fi else "Newcomers feel at home",
            actions=[Action(id="a4", text="Nimetään perehdyttäjä jokaiselle uudelle" if fi
                            else "Name a mentor for every newcomer", owner="Sari", due=dt.date(2027, 2, 28))],
            follow_up="Uusilta kysytään kuukauden kohdalla." if fi else "Newcomers are asked after a month.",
            indicator="Perehdytyskysely" if fi else "Induction survey",
        ),
    ]
    return Workshop(
        title="Työhyvinvoinnin kehittämispäivä" if fi else "Wellbeing development day",
        date=dt.date(2026, 11, 23),
        team="Kotihoito Itä" if fi else "Home care East",
        language=lang,
        wellbeing=Wellbeing(
            indicators=indicators,
            interpretation="Poissaolot ovat laskeneet, mutta kuormitus on epätasaista." if fi
            else "Absence is down, but the load is uneven.",
            goals=goals,
            carried_over=[Action(id="c1", text="Ergonomiakartoitus" if fi else "Ergonomics survey", owner="Leena",
                                 status="in_progress", carried_from="2025-11-20-kehittamispaiva.toml")],
            target_date=dt.date(2027, 6, 30),
            follow_up_date=dt.date(2027, 5, 15),
        ),
    )
