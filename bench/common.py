"""Shared pieces of the benchmarks: timing in subprocesses, machine notes, generated workshops.

Every benchmark compares dialogi with a floor (a bare typer app, a bare tomllib loop) in the
same run, alternating the two so that a busy machine slows both alike, and prints a table.
``python bench/run_all.py`` runs them all and writes ``docs/benchmarks.md``.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DIALOGI = [PYTHON, "-m", "dialogi"]


# -- the environment every command runs in ---------------------------------------------------


def bench_env(home: Path) -> dict[str, str]:
    """The same environment for dialogi and its floor: English, no colour, fixed width, own HOME,
    and no ``PYTHON…`` variables (such as PYTHONPROFILEIMPORTTIME) that would change the runs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIALOGI_", "PYTHON"))}
    env.update(DIALOGI_LANG="en", NO_COLOR="1", COLUMNS="120", LINES="35", TERM="xterm", HOME=str(home))
    return env


# -- timing -------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """The 95th percentile (nearest rank): the value 95 % of the runs stay at or under."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def children_cpu() -> float:
    """CPU seconds (user + system) of all the children this process has waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_once(argv: Sequence[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one run of ``argv``; a failing command stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed with exit code {done.returncode}:\n{done.stderr.decode(errors='replace')}")
    return elapsed


@dataclass
class Timing:
    """One measurement's runs: wall-clock seconds, and the CPU seconds its process used.

    CPU time hardly changes when other programs keep the machine busy, wall-clock time does;
    where the two ratios differ, the machine was busy (see the notes in docs/benchmarks.md).
    """

    wall: list[float]
    cpu: list[float]

    @property
    def wall_ms(self) -> float:
        return median(self.wall) * 1000

    @property
    def cpu_ms(self) -> float:
        return median(self.cpu) * 1000


def alternate(runs: dict[str, Callable[[], float]], repeat: int, warmup: int = 2) -> dict[str, Timing]:
    """Call each measurement in turn, ``repeat`` rounds (after ``warmup`` unrecorded ones).

    Each call runs one child process to its end and returns the wall-clock seconds it counts;
    the child's CPU time is read from the process's accounts of its waited-for children.
    """
    timings = {name: Timing([], []) for name in runs}
    for round_ in range(warmup + repeat):
        for name, run in runs.items():
            cpu_before = children_cpu()
            elapsed = run()
            cpu = children_cpu() - cpu_before
            if round_ >= warmup:
                timings[name].wall.append(elapsed)
                timings[name].cpu.append(cpu)
    return timings


def alternate_commands(commands: dict[str, Sequence[str]], env: dict[str, str], repeat: int, warmup: int = 2) -> dict[str, Timing]:
    return alternate({name: (lambda argv=argv: time_once(argv, env)) for name, argv in commands.items()}, repeat, warmup)


# -- results ------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of a results table: ours against the floor, with the target as a ratio or a limit.

    ``cpu_ratio``: the same comparison in CPU time, for a machine that was busy while measuring.
    """

    what: str
    ours: float
    floor: float | None = None  # None: an absolute target (milliseconds, MiB), no floor
    unit: str = "ms"
    target: float | None = None  # a ratio when there is a floor, else a limit in ``unit``
    cpu_ratio: float | None = None
    note: str = ""

    @classmethod
    def compare(cls, what: str, ours: Timing, floor: Timing, target: float | None, note: str = "") -> "Row":
        return cls(what, ours.wall_ms, floor.wall_ms, target=target, cpu_ratio=ours.cpu_ms / floor.cpu_ms, note=note)

    @property
    def ratio(self) -> float | None:
        return self.ours / self.floor if self.floor else None

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        value = self.ratio if self.floor is not None else self.ours
        return value is not None and value <= self.target

    def cells(self) -> list[str]:
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        if self.target is None:
            target = "—"
        else:
            target = f"≤ {self.target:g}×" if self.floor is not None else f"≤ {self.target:g} {self.unit}"
        met = {True: "yes", False: "**no**", None: "—"}[self.met]
        floor = f"{self.floor:.1f} {self.unit}" if self.floor is not None else "—"
        cpu = f"{self.cpu_ratio:.2f}×" if self.cpu_ratio is not None else "—"
        return [self.what, f"{self.ours:.1f} {self.unit}", floor, ratio, target, met, cpu, self.note]


HEADER = ["what", "ours", "floor", "ratio", "target", "met?", "CPU ratio", "note"]
COMPARISON = {"floor", "ratio", "CPU ratio"}


def columns(rows: Sequence[Row]) -> list[list[str]]:
    """The header and the rows' cells; without the comparison columns when nothing is compared."""
    keep = [i for i, name in enumerate(HEADER) if name not in COMPARISON or any(r.floor is not None for r in rows)]
    return [[HEADER[i] for i in keep]] + [[row.cells()[i] for i in keep] for row in rows]


def markdown_table(rows: Sequence[Row]) -> str:
    header, *body = columns(rows)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |" for cells in body]
    return "\n".join(lines)


def print_table(title: str, rows: Sequence[Row], notes: Sequence[str] = ()) -> None:
    """The table on the terminal, plain text with aligned columns."""
    table = [[c.replace("**", "") for c in cells] for cells in columns(rows)]
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    print(f"\n{title}\n")
    for n, r in enumerate(table):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    for note in notes:
        print(textwrap.fill(note, 100, initial_indent="  * ", subsequent_indent="    "))


@dataclass
class Report:
    """What one benchmark script found: a title, its rows and notes for docs/benchmarks.md."""

    title: str
    rows: list[Row]
    notes: list[str]

    def show(self) -> None:
        print_table(self.title, self.rows, self.notes)

    def markdown(self) -> str:
        notes = "\n".join(f"- {n}" for n in self.notes)
        return f"## {self.title}\n\n{markdown_table(self.rows)}\n" + (f"\n{notes}\n" if notes else "")


# -- the machine --------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def version_of(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_info() -> dict[str, str]:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    packages = ("dialogi", "typer", "rich", "pydantic", "pydantic-core", "questionary", "prompt-toolkit", "tomli-w", "filelock", "pexpect", "starlette", "uvicorn")
    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "system": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()} ({PYTHON})",
        "load average (1, 5, 15 min) at start": load,
        **{name: version_of(name) for name in packages},
    }


def print_machine() -> None:
    for key, value in machine_info().items():
        print(f"{key}: {value}")


# -- the bare typer app: the floor of start-up ----------------------------------------------

BARE_APP = '''\
"""A one-command typer app: the floor dialogi's start-up is compared with."""
import typer

app = typer.Typer({settings})


def version(value: bool) -> None:
    if value:
        typer.echo("bare 1.0")
        raise typer.Exit()


@app.command()
def hello(
    name: str = typer.Argument("world", help="Who to greet."),
    version: bool = typer.Option(False, "--version", callback=version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Greet someone."""
    typer.echo(f"Hello {{name}}")


if __name__ == "__main__":
    app()
'''
BARE_HELP_END = "Show this message and exit."
# typer's defaults (rich help), and the settings dialogi's own app uses (plain help, no rich)
DEFAULT_SETTINGS = ""
DIALOGI_SETTINGS = "rich_markup_mode=None, pretty_exceptions_enable=False"


def write_bare_app(folder: Path, settings: str = DEFAULT_SETTINGS, name: str = "bare_app.py") -> Path:
    path = folder / name
    path.write_text(BARE_APP.format(settings=settings), encoding="utf-8")
    return path


# -- realistic workshop files ---------------------------------------------------------------

FIRST_NAMES = (
    "Aino", "Mikko", "Leena", "Juha", "Sanna", "Pekka", "Tiina", "Jari", "Kaisa", "Ville", "Riikka", "Antti",
    "Heidi", "Timo", "Outi", "Markku", "Minna", "Sami", "Päivi", "Eero", "Hanna", "Olli", "Johanna", "Kari",
)
SURNAMES = ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen")
TEAMS = {
    "fi": ("Kotihoito, itäinen alue", "Osasto 4B", "Vastaanotto", "Suun terveydenhuolto", "Lastensuojelu", "Palveluasuminen Koivukoti"),
    "en": ("Home care, east", "Ward 4B", "Outpatient clinic", "Dental care", "Child welfare", "Sheltered housing"),
}
TITLES = {
    "fi": ("Pelisäännöt {year}", "Työhyvinvointisuunnitelma {year}", "Dialogipäivä {year}", "Pelisääntöjen seuranta {year}"),
    "en": ("Rules of the game {year}", "Wellbeing plan {year}", "Dialogue day {year}", "Rules follow-up {year}"),
}
RULES = {
    "fi": (
        "Vastaamme sähköposteihin kahden arkipäivän kuluessa, kiireellisissä asioissa soitamme.",
        "Puhumme toisistamme vain niin kuin puhuisimme asianomaisen kuullen.",
        "Tervehdimme toisiamme aamulla ja kysymme kuulumisia.",
        "Vuorolistan muutoksista sovitaan esihenkilön kanssa viimeistään viikkoa ennen.",
        "Kahvinkeitto ja taukotilan siisteys kiertävät viikoittain listan mukaan.",
        "Palavereissa jokainen saa puheenvuoron, eikä toisen puhetta keskeytetä.",
        "Kerromme ajoissa, jos työt eivät ehdi valmiiksi, ja pyydämme apua.",
        "Etäpäivinä olemme tavoitettavissa Teamsissa klo 8–15.",
        "Raportointi tehdään rauhassa, puhelimet äänettömällä.",
        "Uusi työntekijä saa nimetyn perehdyttäjän ensimmäiseksi kuukaudeksi.",
    ),
    "en": (
        "We answer e-mail within two working days; urgent matters by phone.",
        "We speak of each other only as we would with the person present.",
        "We greet each other in the morning and ask how things are.",
        "Changes to the rota are agreed with the manager at least a week ahead.",
        "Making the coffee and tidying the break room go round weekly by the list.",
        "In meetings everyone gets a turn, and nobody is interrupted.",
        "We say early when work will not be finished, and ask for help.",
        "On remote days we can be reached on Teams from 8 to 3.",
        "Handovers happen in peace, phones on silent.",
        "A new colleague gets a named mentor for the first month.",
    ),
}
GOALS = {
    "fi": (
        "Työn kuormitus tasaantuu viikon aikana",
        "Tiedonkulku vuorojen välillä paranee",
        "Jokainen pääsee koulutukseen vähintään kerran vuodessa",
        "Sairauspoissaolot vähenevät",
        "Perehdytys on suunnitelmallista",
    ),
    "en": (
        "The workload evens out over the week",
        "Information flows better between shifts",
        "Everyone gets training at least once a year",
        "Sickness absence goes down",
        "Induction follows a plan",
    ),
}
ACTIONS = {
    "fi": (
        "Laaditaan viikkosuunnitelma, jossa raskaat käynnit jaetaan tasaisesti.",
        "Otetaan käyttöön yhteinen raportointipohja.",
        "Sovitaan koulutusvuorot kehityskeskusteluissa.",
        "Esihenkilö käy läpi poissaolotilaston joka kuukausi tiimipalaverissa.",
        "Kirjoitetaan perehdytyksen tarkistuslista.",
        "Kokeillaan lyhyttä aamupalaveria kolmen kuukauden ajan.",
    ),
    "en": (
        "Draw up a weekly plan that spreads the heavy visits evenly.",
        "Start using a shared handover template.",
        "Agree training turns in the appraisal talks.",
        "The manager goes through the absence figures monthly in the team meeting.",
        "Write an induction checklist.",
        "Try a short morning huddle for three months.",
    ),
}
PROPOSALS = {
    "fi": (
        "Lisää yhteistä aikaa tiimipalaveriin",
        "Selkeät ohjeet sijaisten perehdytykseen",
        "Työvuorotoiveet huomioidaan tasapuolisesti",
        "Taukotilaan rauhallinen nurkkaus",
        "Palautetta myös onnistumisista",
        "Kirjaamiselle oma aika vuoron lopussa",
        "Yhteiset pelisäännöt etätyöhön",
        "Esihenkilö tavoitettavissa myös iltavuorossa",
    ),
    "en": (
        "More shared time in the team meeting",
        "Clear instructions for inducting substitutes",
        "Shift wishes are treated fairly",
        "A quiet corner in the break room",
        "Feedback on successes too",
        "Time for records at the end of each shift",
        "Shared rules for remote work",
        "The manager reachable on evening shifts too",
    ),
}
REMARKS = {
    "fi": (
        "Tämä toteutui hyvin, mutta kiireessä unohtuu helposti. Kysytään hiljaisemmilta suoraan.",
        "Keskustelu pysyi asiassa, ja jokainen sai sanoa sanottavansa loppuun.",
        "Tähän tarvitaan esihenkilön tuki ja aikaa tiimipalaverista.",
        "Seuranta sovitaan vastuuhenkilön kanssa; mittarina poissaolotilasto.",
    ),
    "en": (
        "This went well, but is easily forgotten in a hurry. We ask the quieter ones directly.",
        "The talk stayed on topic, and everyone could finish what they had to say.",
        "This needs the manager's support and time in the team meeting.",
        "Follow-up is agreed with the person responsible; the measure is the absence figures.",
    ),
}


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def make_workshop(rng: random.Random, participants: int | None = None, proposals: int | None = None):
    """A complete, valid workshop record that looks like a real one a year after the day.

    Rules with their history and consent checks, a wellbeing plan with indicators, goals and
    actions, principles remarks and ratings, and one or two follow-up reviews.
    """
    from dialogi.record import models as m

    lang = "fi" if rng.random() < 0.7 else "en"
    day = dt.date(2019, 1, 7) + dt.timedelta(days=rng.randrange(7 * 365))

    def remark() -> str:
        return rng.choice(REMARKS[lang])

    names = sorted({person(rng) for _ in range(participants if participants is not None else rng.randint(6, 16))})
    while participants is not None and len(names) < participants:  # two people may share a name
        names.append(f"{person(rng)} {len(names) + 1}")
    done = m.Status.DONE
    n_proposals = proposals if proposals is not None else rng.randint(8, 24)

    def items(pool: Sequence[str], count: int, prefix: str) -> list[m.Item]:
        return [m.Item(id=f"{prefix}{i + 1}", text=f"{pool[i % len(pool)]} ({i + 1})", theme=rng.choice(["information", "encounter", "conduct", "overload"])) for i in range(count)]

    def dots_vote(options: list[m.Item], select: int) -> m.Vote:
        tallies = {o.id: rng.randint(0, len(names)) for o in options}
        ranking = sorted(tallies, key=lambda k: -tallies[k])
        return m.Vote(
            method=m.VoteMethod.DOTS, subject="", secret=rng.random() < 0.3, voters=len(names), budget=3, cap=2,
            select=select, options={o.id: o.text for o in options}, tallies=tallies, ranking=ranking,
            winners=ranking[:select], date=day,
        )

    rule_proposals = items(RULES[lang], n_proposals, "p")
    rules = []
    for i in range(rng.randint(4, 8)):
        text = RULES[lang][i % len(RULES[lang])]
        consent = {str(k): rng.randint(0, 4) for k in range(6)}
        rules.append(m.Rule(
            id=f"r{i + 1}", text=text, theme=rule_proposals[i].theme, observed_by=remark()[:60], keeper=rng.choice(names),
            from_proposal=rule_proposals[i].id,
            consent=m.Vote(method=m.VoteMethod.FIST, voters=len(names), threshold=3, tallies=consent, accepted=True, date=day),
            history=[m.RuleVersion(date=day, text=text)],
        ))
    indicators = [
        m.Indicator(id="absence", name="Sairauspoissaolot" if lang == "fi" else "Sickness absence", value=round(rng.uniform(3, 9), 1), unit="%", period=str(day.year - 1), previous=round(rng.uniform(3, 9), 1), target=4.0, source="HR"),
        m.Indicator(id="engagement", name="Työn imu" if lang == "fi" else "Work engagement", kind=m.IndicatorKind.IMPACT, value=round(rng.uniform(3, 5), 1), unit="1–6", period=str(day.year - 1), source="Kysely" if lang == "fi" else "Survey"),
        m.Indicator(id="safety", name="Turvallisuushavainnot" if lang == "fi" else "Safety observations", value=rng.randint(0, 30), period=str(day.year - 1)),
        m.Indicator(id="index", name="Hyvinvointi-indeksi" if lang == "fi" else "Wellbeing index", kind=m.IndicatorKind.IMPACT, value=round(rng.uniform(50, 90)), target=80),
    ]
    plan_proposals = items(PROPOSALS[lang], rng.randint(8, 20), "w")
    goals = []
    for g in range(3):
        actions = [
            m.Action(
                id=f"g{g + 1}a{a + 1}", text=ACTIONS[lang][(g + a) % len(ACTIONS[lang])], owner=rng.choice(names),
                due=day + dt.timedelta(days=rng.randint(30, 400)), status=rng.choice(list(m.ActionStatus)),
            )
            for a in range(rng.randint(2, 4))
        ]
        goals.append(m.Goal(
            id=f"g{g + 1}", title=GOALS[lang][g], from_proposal=plan_proposals[g].id, benefit_me=remark(), benefit_employer=remark(),
            benefit_clients=remark(), obstacles=remark(), resources=remark(), actions=actions,
            improvement=remark(), schedule=str(day.year + 1), follow_up=remark(), indicator=indicators[g].id,
        ))
    all_actions = [a for goal in goals for a in goal.actions]
    reviews = [m.Review(
        date=day + dt.timedelta(days=180), kind="rules", note=remark(),
        rules=[m.RuleReview(rule=r.id, compliance=rng.choice(list(m.Compliance))) for r in rules],
    )]
    if rng.random() < 0.5:
        reviews.append(m.Review(
            date=day + dt.timedelta(days=360), kind="plan", note=remark(),
            actions=[m.ActionReview(action=a.id, status=a.status, note=remark()[:40]) for a in all_actions],
            indicators=[m.IndicatorReading(indicator=i.id, value=round(rng.uniform(1, 9), 1)) for i in indicators],
            goals=[m.GoalOutcome(goal=g.id, outcome=remark()) for g in goals],
        ))
    return m.Workshop(
        title=rng.choice(TITLES[lang]).format(year=day.year), date=day, team=rng.choice(TEAMS[lang]),
        facilitator=person(rng), language=lang, participant_count=len(names), participants=names,
        agenda=[m.AgendaItem(method=method, status=done) for method in m.MethodId],
        principles=m.Principles(
            remarks=[m.PrincipleNote(number=n, remark=remark()) for n in range(1, 14)], agreed=True, emphasised=[3, 10],
            rating_mode="counts", ratings=[m.PrincipleRating(number=n, counts=[rng.randint(0, 4) for _ in range(5)]) for n in range(1, 14)],
        ),
        practices=m.Practices(notes=[m.PracticeNote(practice=p, observations=remark(), commitment=remark()) for p in m.PracticeId]),
        rules=m.Rules(themes=["information", "encounter", "conduct", "overload"], proposals=rule_proposals, votes=[dots_vote(rule_proposals, len(rules))], agreed=rules, review_date=day + dt.timedelta(days=180)),
        wellbeing=m.Wellbeing(
            indicators=indicators, interpretation=remark(), observations=items(PROPOSALS[lang], 4, "o"), proposals=plan_proposals,
            votes=[dots_vote(plan_proposals, 3)], goal_count=3, target_date=day + dt.timedelta(days=365), goals=goals,
            follow_up_date=day + dt.timedelta(days=180),
        ),
        reviews=reviews,
    )


def generate(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """``count`` workshop files in ``folder``, written with the store like ``dialogi new`` writes them.

    Names come from the date and title; a name already taken gets ``-2``, ``-3``… as in dialogi.
    """
    from dialogi.record import store
    from dialogi.record.naming import file_name

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for _ in range(count):
        workshop = make_workshop(rng)
        paths.append(store.create(folder / file_name(workshop.title, workshop.date), workshop))
    return paths


def folder_size(paths: Sequence[Path]) -> str:
    sizes = [p.stat().st_size for p in paths]
    return f"{len(sizes)} files, {sum(sizes) / 2**20:.1f} MiB, median {median(sizes) / 1024:.1f} KiB per file"
