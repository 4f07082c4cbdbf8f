"""Voting as a step of a method: dot or approval voting on a list, and fist-to-five checks.

:class:`VoteStep` runs a whole vote — its settings, the tie policy, the collection, a runoff
or discussion of a tie, the reveal — as ONE unit: nothing of a vote reaches the file until
it is counted, so a vote interrupted halfway is simply asked again from its start (secret
ballots given so far are lost by design, and the screen says so). The counting is
:mod:`dialogi.voting`; only the aggregated :class:`~dialogi.record.models.Vote` is saved.

Question keys, with ``<id>`` the step's id (e.g. ``rules.vote``): ``<id>.method``
(dots | approval), ``<id>.budget``, ``<id>.cap``, ``<id>.facilitator_votes``, ``<id>.ties``
(runoff | discuss | keep_all, only when there is a cut-off), ``<id>.collect`` (tallies |
secret, only asked at a keyboard), ``<id>.voters``, then ``<id>.tally.<option id>`` for
typed tallies, or ``<id>.secret.<n>.ready`` and ``<id>.secret.<n>.<option id>`` (dots) or
``<id>.secret.<n>.choices`` (approval) for voter n's ballot, then ``<id>.reveal``; a runoff repeats the
collection under ``<id>.runoff.…``; a discussed tie asks ``<id>.tie.chosen`` and
``<id>.tie.reason``.

:class:`ConsentStep` runs one fist-to-five check per item: ``<id>.<item key>.collect``
(counts | secret, only at a keyboard), ``<id>.<item key>.counts`` ("0 0 1 3 2 2": how many
showed 0, 1, 2, 3, 4 and 5) or ``<id>.<item key>.voters`` and ``<id>.<item key>.secret.<n>.value``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

from dialogi.engine.steps import Step
from dialogi.i18n import t
from dialogi.prompts import Choice
from dialogi.record.models import Vote

if TYPE_CHECKING:
    from dialogi.engine.session import Session
    from dialogi.voting import VoteResult, VoteSpec

LEVELS = range(6)


@dataclass
class Settings:
    """How a vote is run, fixed before anyone votes."""

    method: str
    budget: int | None
    cap: int | None
    policy: str
    secret: bool
    voters: int


@dataclass
class VoteStep(Step):
    """Dot or approval voting on the options, with a cut-off and a tie policy chosen first."""

    id: str  # question-key prefix, e.g. "rules.vote" -> "rules.vote.method", "rules.vote.tally.<option id>"
    title_key: str
    options: Callable[["Session"], dict[str, str]]  # option id -> text, e.g. the active proposals
    select: Callable[["Session"], int | None]  # how many go through (the cut-off); None = just rank
    votes: Callable[["Session"], list[Vote]]  # the record list the finished Vote is appended to
    on_result: Callable[["Session", Vote], None] | None = None  # e.g. create goals from vote.winners
    subject_key: str = ""  # message key describing what is voted on
    when: Callable[["Session"], bool] | None = None  # run the vote only when this says so

    def units(self, session: "Session") -> int:
        return 1 if self.when is None or self.when(session) else 0

    def run_unit(self, session: "Session", position: int) -> None:
        from dialogi import voting

        options = self.options(session)
        if len(options) < 2:
            say(session, session.t("vote.too_few"))
            return
        subject = session.t(self.subject_key) if self.subject_key else ""
        session.show(options_panel(session, subject or self.title(session), options))
        select = self.select(session)
        settings = self._settings(session, options, select is not None and select < len(options))
        if settings.method == "dots":
            spec = voting.dots(options, budget=settings.budget, cap=settings.cap, select=select, policy=settings.policy)
        else:
            spec = voting.approval(options, select=select, policy=settings.policy)
        result = collect(session, self.id, spec, settings)
        if result.awaiting is voting.Policy.RUNOFF:
            session.show(chart(session, result, subject))
            runoff = voting.runoff_spec(result)
            say(session, session.t("vote.runoff_intro", options=_names(session, result, result.tie.open), seats=runoff.select))
            result = voting.resolve_runoff(result, collect(session, f"{self.id}.runoff", runoff, settings).tallies)
        if result.awaiting is voting.Policy.DISCUSS:
            session.show(chart(session, result, subject))
            result = self._discuss(session, result)
        vote = result.to_record(subject=subject, date=session.workshop.date)
        session.show(chart(session, result, subject))
        # Recorded here, saved by the engine in the same write that moves past this step, so
        # a resumed session never holds (and records) the same vote twice.
        self.votes(session).append(vote)
        if self.on_result:
            self.on_result(session, vote)

    def _settings(self, session: "Session", options: dict[str, str], cut: bool) -> Settings:
        from dialogi.voting import default_budget

        ask = session.asker
        methods = [Choice(m, session.t(f"vote.method_{m}")) for m in ("dots", "approval")]
        method = ask.select(f"{self.id}.method", session.t("vote.method"), methods, "dots")
        budget = cap = None
        if method == "dots":
            budget = ask.integer(f"{self.id}.budget", session.t("vote.budget"), default_budget(len(options)), minimum=1, maximum=99)
            cap = ask.integer(f"{self.id}.cap", session.t("vote.cap", budget=budget), budget, minimum=1, maximum=budget)
        w = session.workshop
        question = session.t("vote.facilitator_votes_named", name=w.facilitator) if w.facilitator else session.t("vote.facilitator_votes")
        facilitator = ask.confirm(f"{self.id}.facilitator_votes", question, False)
        policy = "keep_all"
        if cut:  # a tie matters only where some options are left out
            policies = [Choice(p, session.t(f"vote.ties_{p}")) for p in ("runoff", "discuss", "keep_all")]
            policy = ask.select(f"{self.id}.ties", session.t("vote.ties"), policies, "runoff")
        secret = ask_way(session, self.id)
        voters = ask.integer(
            f"{self.id}.voters", session.t("vote.voters"), max(1, w.participant_count + int(facilitator)), minimum=1, maximum=10_000
        )
        return Settings(method, budget, cap, policy, secret, voters)

    def _discuss(self, session: "Session", result: "VoteResult") -> "VoteResult":
        """The group settles the tie by talking; the facilitator records the choice and the reason."""
        from dialogi.errors import BadAnswers, UsageError
        from dialogi.voting import resolve_discussion

        tie = result.tie
        assert tie is not None
        seats = tie.seats - len(tie.chosen)
        say(session, session.t("vote.discuss_intro", options=_names(session, result, tie.open), seats=seats))
        choices = [Choice(o, _plain(result.options[o])) for o in tie.open]
        chosen = session.asker.checkbox(f"{self.id}.tie.chosen", session.t("vote.tie_chosen", seats=seats), choices)
        while True:
            reason = session.asker.text(f"{self.id}.tie.reason", session.t("vote.tie_reason"))
            try:
                return resolve_discussion(result, chosen, reason)
            except UsageError as error:
                if not session.asker.interactive():
                    raise BadAnswers(
                        "prompts.missing_answer", file=_source(session), key=f"{self.id}.tie.reason", question=session.t("vote.tie_reason")
                    ) from None
                say(session, error.message(session.lang))


@dataclass
class ConsentStep(Step):
    """A fist-to-five consent check on each item, with the acceptance rule chosen earlier."""

    id: str  # question-key prefix, e.g. "rules.consent" -> "rules.consent.<item key>.counts"
    title_key: str
    items: Callable[["Session"], Sequence[Any]]
    key: Callable[[Any], str]  # the item's stable part of question keys
    text: Callable[["Session", Any], str]  # the wording the group checks
    threshold: Callable[["Session"], int]  # accepted if nobody shows less than this
    set: Callable[["Session", Any, Vote], None]  # store the check (e.g. in Rule.consent), passed or not
    when: Callable[["Session"], bool] | None = None

    def units(self, session: "Session") -> int:
        return len(self.items(session)) if self.when is None or self.when(session) else 0

    def run_unit(self, session: "Session", position: int) -> None:
        item = self.items(session)[position]
        items = len(self.items(session))
        say(session, session.t("vote.consent_progress", number=position + 1, count=items))
        vote = consent_check(session, f"{self.id}.{self.key(item)}", self.text(session, item), self.threshold(session), self.key(item))
        say(session, session.t("vote.consent_passed" if vote.accepted else "vote.consent_failed"))
        self.set(session, item, vote)  # saved by the engine together with the step's position


# -- one fist-to-five check ---------------------------------------------------------------


def consent_check(session: "Session", key: str, proposal: str, threshold: int, option_id: str = "proposal") -> Vote:
    """Check consent to ``proposal``: the scale on screen, counts typed or secret ballots.

    Returns the aggregated Vote (not yet stored anywhere); the caller keeps it and saves.
    """
    from dialogi import voting

    spec = voting.fist_to_five(proposal, threshold=threshold, option_id=option_id)
    session.show(scale_panel(session, proposal, threshold))
    if ask_way(session, key, "counts"):
        voters = session.asker.integer(f"{key}.voters", session.t("vote.voters"), max(1, session.workshop.participant_count), minimum=1, maximum=10_000)
        box = voting.Ballot(spec, voters)
        scale = [Choice(str(n), session.t(f"vote.scale_{n}")) for n in LEVELS]
        for n in range(1, voters + 1):
            _hand_over(session, key, n, voters)
            box.add(int(session.asker.select(f"{key}.secret.{n}.value", session.t("vote.fist_question"), scale, "3")))
            session.clear()
        _all_voted(session, key, voters)
        result = box.result()
    else:
        result = _typed_fist(session, key, spec)
    vote = result.to_record(subject=session.t("vote.consent_subject"), date=session.workshop.date)
    session.show(chart(session, result, vote.subject))
    return vote


def _typed_fist(session: "Session", key: str, spec: "VoteSpec") -> "VoteResult":
    from dialogi.errors import UsageError
    from dialogi.voting import count_tallies

    answer = ""
    while True:
        answer = session.asker.text(f"{key}.counts", session.t("vote.fist_counts"), answer)
        participants = session.workshop.participant_count
        counts, problem = parse_fist_counts(answer, participants)
        if not problem:
            try:
                return count_tallies(spec, sum(counts), {str(n): c for n, c in zip(LEVELS, counts)})
            except UsageError as error:  # not expected after the parsing above, but said clearly
                say(session, error.message(session.lang))
                _refuse_scripted(session, f"{key}.counts", error.message())
                continue
        say(session, session.t(problem, value=answer, count=participants))
        _refuse_scripted(session, f"{key}.counts", t(problem, value=answer, count=participants))


def parse_fist_counts(text: str, participants: int = 0) -> tuple[list[int], str]:
    """"0 0 1 3 2 2" -> how many showed 0..5; the second value names the problem's message key."""
    parts = [p for p in re.split(r"[\s,;/]+", str(text).strip()) if p]
    if len(parts) != 6 or not all(p.isdecimal() for p in parts):
        return [], "vote.bad_fist_counts"
    counts = [int(p) for p in parts]
    if not sum(counts):
        return [], "vote.no_fist_counts"
    if participants and sum(counts) > participants + 1:  # the facilitator may show a hand too
        return [], "vote.too_many_fist_counts"
    return counts, ""


# -- collecting the votes -----------------------------------------------------------------


def ask_way(session: "Session", key: str, open_way: str = "tallies") -> bool:
    """True for secret ballots. Offered only at a keyboard: an answers file has no voters."""
    if not session.asker.interactive() or session.refuse_secrets():
        return False
    ways = [Choice(open_way, session.t(f"vote.collect_{open_way}")), Choice("secret", session.t("vote.collect_secret"))]
    return session.asker.select(f"{key}.collect", session.t(f"vote.collect_question_{open_way}"), ways, open_way) == "secret"


def collect(session: "Session", key: str, spec: "VoteSpec", settings: Settings) -> "VoteResult":
    """Collect the votes the chosen way and count them."""
    say(session, rules_line(session, spec))
    if settings.secret:
        return secret_ballots(session, key, spec, settings.voters)
    return typed_tallies(session, key, spec, settings.voters)


def typed_tallies(session: "Session", key: str, spec: "VoteSpec", voters: int) -> "VoteResult":
    """Tallies from a paper or sticker vote, checked against voters × budget and voters × cap."""
    from dialogi.errors import UsageError
    from dialogi.voting import count_tallies

    typed = dict.fromkeys(spec.options, 0)
    question = "vote.tally_dots" if spec.method == "dots" else "vote.tally_approvals"
    while True:
        for option, text in spec.options.items():
            typed[option] = session.asker.integer(f"{key}.tally.{option}", session.t(question, option=_plain(text)), typed[option], minimum=0)
        try:
            return count_tallies(spec, voters, typed)
        except UsageError as error:
            say(session, error.message(session.lang))
            _refuse_scripted(session, f"{key}.tally", error.message())
            say(session, session.t("vote.tally_again"))


def secret_ballots(session: "Session", key: str, spec: "VoteSpec", voters: int) -> "VoteResult":
    """Each voter in turn on the one laptop; no totals until everyone has voted.

    The box keeps only running totals in memory; nothing is saved until the result.
    """
    from dialogi.errors import UsageError
    from dialogi.voting import Ballot

    box = Ballot(spec, voters)
    for n in range(1, voters + 1):
        _hand_over(session, key, n, voters)
        while True:
            choice = _dot_ballot(session, key, spec, n) if spec.method == "dots" else _approval_ballot(session, key, spec, n)
            try:
                box.add(choice)
                break
            except UsageError as error:
                say(session, error.message(session.lang))
        session.clear()
    _all_voted(session, key, voters)
    return box.result()


def _hand_over(session: "Session", key: str, n: int, voters: int) -> None:
    session.clear()
    say(session, session.t("vote.secret_turn", number=n, voters=voters))
    if n == 1:
        say(session, session.t("vote.secret_note"))
    session.asker.select(f"{key}.secret.{n}.ready", session.t("vote.secret_ready"), [Choice("ok", session.t("vote.secret_start"))], "ok")


def _all_voted(session: "Session", key: str, voters: int) -> None:
    session.clear()
    session.asker.select(f"{key}.reveal", session.t("vote.all_voted", voters=voters), [Choice("ok", session.t("vote.reveal"))], "ok")


def _dot_ballot(session: "Session", key: str, spec: "VoteSpec", n: int) -> dict[str, int]:
    assert spec.budget is not None and spec.cap is not None
    say(session, session.t("vote.ballot_dots", budget=spec.budget, cap=spec.cap))
    left, ballot = spec.budget, {}
    for option, text in spec.options.items():
        if not left:
            break
        dots = session.asker.integer(
            f"{key}.secret.{n}.{option}", session.t("vote.ballot_option", option=_plain(text), left=left), 0, minimum=0, maximum=min(spec.cap, left)
        )
        if dots:
            ballot[option] = dots
            left -= dots
    return ballot


def _approval_ballot(session: "Session", key: str, spec: "VoteSpec", n: int) -> list[str]:
    choices = [Choice(o, _plain(text)) for o, text in spec.options.items()]
    return session.asker.checkbox(f"{key}.secret.{n}.choices", session.t("vote.ballot_approval"), choices)


def _refuse_scripted(session: "Session", key: str, problem: str) -> None:
    """An answers file cannot be asked again: stop with the key and the reason."""
    if not session.asker.interactive():
        from dialogi.errors import BadAnswers

        raise BadAnswers("vote.bad_answers", file=_source(session), key=key, problem=problem)


def _source(session: "Session") -> str:
    return getattr(session.asker, "source", "answers")


# -- what is shown ------------------------------------------------------------------------


def say(session: "Session", text: str) -> None:
    """A message that may carry the group's words: plain text, never read as markup."""
    from dialogi.render.terminal import safe

    session.show(safe(text))


def _plain(text: str) -> str:
    """User text on one line without control characters, for a question."""
    from dialogi.render.text import clean

    return " ".join(clean(text).split())


def _names(session: "Session", result: "VoteResult", ids: Sequence[str]) -> str:
    return ", ".join(session.t("vote.quoted", text=_plain(result.options[o])) for o in ids)


def options_panel(session: "Session", title: str, options: dict[str, str]) -> Any:
    from rich.panel import Panel
    from rich.text import Text

    from dialogi.render.terminal import safe

    body = Text()
    for n, text in enumerate(options.values(), 1):
        body.append(f"{n:>2}. ", style="bold")
        body.append_text(safe(text))
        body.append("\n")
    body.append("\n" + session.t("vote.restart_note"), style="dim")
    return Panel(body, title=safe(title, "bold"), title_align="left", padding=(0, 1))


def rules_line(session: "Session", spec: "VoteSpec") -> str:
    """The vote's rules in one sentence, said before anyone votes."""
    if spec.method == "dots":
        text = session.t("vote.rules_dots", budget=spec.budget, cap=spec.cap)
    else:
        text = session.t("vote.rules_approval")
    if spec.select is not None:
        text += " " + session.t("vote.rules_select", select=spec.select)
    return text


def scale_panel(session: "Session", proposal: str, threshold: int) -> Any:
    from rich.panel import Panel
    from rich.text import Text

    from dialogi.render.terminal import safe

    body = Text()
    body.append_text(safe(proposal, "bold"))
    body.append("\n\n")
    for n in LEVELS:
        body.append(session.t(f"vote.scale_{n}") + "\n", style="bold" if n in (0, 3, 5) else "")
    body.append("\n" + session.t("vote.threshold_rule", threshold=threshold))
    return Panel(body, title=Text(session.t("vote.consent_subject"), style="bold"), title_align="left", padding=(0, 1))


def chart(session: "Session", result: "VoteResult", subject: str) -> Any:
    from dialogi.render.terminal import bar_chart

    return bar_chart(result.to_record(subject=subject), session.lang)
