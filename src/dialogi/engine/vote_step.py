"""Voting as a step of a method: dot or approval voting on a list, and fist-to-five checks.

A vote is the moment a group decides whether to trust the tool, often on a projected screen,
so every screen says what is being decided, in full, and nothing the group is looking at
vanishes before the facilitator moves on.

:class:`VoteStep` runs a whole vote — its settings, the tie policy, the collection, a runoff
or discussion of a tie, the reveal — as ONE unit: nothing of a vote reaches the file until
it is counted, so a vote interrupted halfway is simply asked again from its start (secret
ballots given so far are lost by design, and the screen says so). The counting is
:mod:`dialogi.voting`; only the aggregated :class:`~dialogi.record.models.Vote` is saved,
with both rounds when a runoff settled a tie.

Question keys, with ``<id>`` the step's id (e.g. ``rules.vote``): ``<id>.again`` (replace |
keep, only when a vote is already recorded), ``<id>.method`` (dots | approval),
``<id>.budget``, ``<id>.cap``, ``<id>.facilitator_votes``, ``<id>.ties`` (runoff | discuss |
keep_all, only when there is a cut-off), ``<id>.collect`` (tallies | secret, only asked at a
keyboard), ``<id>.call`` (names | numbers, secret ballots in a workshop with names),
``<id>.voters`` (and ``<id>.voters_ok`` when the count is more than the people in the room),
then ``<id>.tally.<option id>`` for typed tallies (at a keyboard, ``<id>.tally.fix`` when they
do not add up), or ``<id>.secret.<n>.ready``, ``<id>.secret.<n>.<option id>`` (dots) or
``<id>.secret.<n>.choices`` (approval) and ``<id>.secret.<n>.confirm`` for voter n's ballot,
then ``<id>.reveal``; before a runoff ``<id>.tie.continue``, and the runoff repeats the
collection under ``<id>.runoff.…``; a discussed tie asks ``<id>.tie.chosen`` and
``<id>.tie.reason``.

:class:`ConsentStep` runs fist-to-five checks on each rule: ``<id>.<item key>.collect``
(counts | secret, only at a keyboard), ``<id>.<item key>.counts`` ("0 0 1 3 2 2": how many
showed 0, 1, 2, 3, 4 and 5) or ``<id>.<item key>.voters`` and
``<id>.<item key>.secret.<n>.value``. Below the threshold the group hears the concerns:
``<id>.<item key>.concerns``, then ``<id>.<item key>.next`` (reword | aside; an answers file
without it sets the rule aside), and to reword ``<id>.<item key>.text``; the next round's
keys are ``<id>.<item key>.round2.…``, and so on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

from dialogi.engine.steps import Step, in_memory
from dialogi.i18n import t
from dialogi.prompts import Choice
from dialogi.record.models import Rule, RuleVersion, Vote, VoteMethod

if TYPE_CHECKING:
    from dialogi.engine.items import Hints
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
    names: list[str]  # the voters in turn: a name each, or "" where voters are called by number

    @property
    def voters(self) -> int:
        return len(self.names)


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
        with in_memory("engine.interrupted_vote"):
            self._vote(session)

    def _vote(self, session: "Session") -> None:
        from dialogi import voting

        options = self.options(session)
        if len(options) < 2:
            say(session, session.t("vote.too_few"))
            return
        subject = session.t(self.subject_key) if self.subject_key else ""
        earlier = [v for v in self.votes(session) if v.method != VoteMethod.FIST]
        replace = bool(earlier) and self._replace(session, earlier[-1])
        session.show(options_panel(session, subject or self.title(session), options))
        select = self.select(session)
        settings = self._settings(session, options, select is not None and select < len(options))
        if settings.method == "dots":
            spec = voting.dots(options, budget=settings.budget, cap=settings.cap, select=select, policy=settings.policy)
        else:
            spec = voting.approval(options, select=select, policy=settings.policy)
        with in_memory("engine.interrupted_ballots" if settings.secret else "engine.interrupted_vote"):
            result = collect(session, self.id, spec, settings)
            session.show(chart(session, result, subject))
            if result.awaiting is voting.Policy.RUNOFF:
                result = self._runoff(session, result, settings)
            if result.awaiting is voting.Policy.DISCUSS:
                result = self._discuss(session, result)
        if result.tie is not None and result.tie.policy is not voting.Policy.KEEP_ALL:
            say(session, session.t("vote.final_winners", options=_names(session, result.options, result.winners)))
        vote = result.to_record(subject=subject, date=session.workshop.date)
        # Recorded here, saved by the engine in the same write that moves past this step, so
        # a resumed session never holds (and records) the same vote twice.
        votes = self.votes(session)
        if replace:
            votes[:] = [v for v in votes if v.method == VoteMethod.FIST]
        votes.append(vote)
        if self.on_result:
            self.on_result(session, vote)

    def _replace(self, session: "Session", earlier: Vote) -> bool:
        """A vote is recorded already: say so, and ask whether the new one replaces it."""
        from dialogi.render.text import format_date

        winners = _names(session, earlier.options, earlier.winners)
        say(session, session.t("vote.already", date=format_date(earlier.date, session.lang) or "—", winners=winners or "—"))
        choices = [Choice(c, session.t(f"vote.again_{c}")) for c in ("replace", "keep")]
        return session.asker.select(f"{self.id}.again", session.t("vote.again"), choices, "keep") == "replace"

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
        names = ask_voters(session, self.id, secret=secret, facilitator=facilitator)
        return Settings(method, budget, cap, policy, secret, names)

    def _runoff(self, session: "Session", result: "VoteResult", settings: Settings) -> "VoteResult":
        """The tie stays on screen until the facilitator moves on; the runoff's first screen says
        why, with the tied proposals in full; then the runoff's result and who went through."""
        from dialogi import voting

        tie = result.tie
        assert tie is not None
        spec = voting.runoff_spec(result)
        say(session, session.t("vote.tie_runoff", seats=spec.select))  # the chart above names the tied
        pause(session, f"{self.id}.tie.continue", "vote.to_runoff")
        second = collect(session, f"{self.id}.runoff", spec, settings, intro=runoff_panel(session, result, spec))
        result = voting.resolve_runoff(result, second)
        say(session, session.t("vote.runoff_result"))
        session.show(chart(session, second, session.t("vote.runoff_title")))
        if result.awaiting is voting.Policy.DISCUSS:
            say(session, session.t("vote.runoff_tied_again", seats=tie.seats - len(result.tie.chosen)))
        return result

    def _discuss(self, session: "Session", result: "VoteResult") -> "VoteResult":
        """The group settles the tie by talking; the facilitator records the choice and the reason."""
        from dialogi.errors import BadAnswers, UsageError
        from dialogi.voting import resolve_discussion

        tie = result.tie
        assert tie is not None
        seats = tie.seats - len(tie.chosen)
        if not tie.runoff:  # (after a runoff that tied again, that was said already)
            say(session, session.t("vote.discuss_intro", seats=seats))
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
    """A fist-to-five check on each rule, with the acceptance rule chosen earlier.

    A rule below the threshold is not simply dropped: the group hears the concerns, then
    rewords the rule and shows hands again — as many rounds as it needs — or sets it aside
    as not agreed. Each failed round is saved with its concerns before the next question;
    a passing round is saved by the engine as the unit ends.
    """

    id: str  # question-key prefix, e.g. "rules.consent" -> "rules.consent.<item key>.counts"
    title_key: str
    items: Callable[["Session"], Sequence[Rule]]
    key: Callable[[Rule], str]  # the rule's stable part of question keys
    threshold: Callable[["Session"], int]  # accepted if nobody shows less than this
    hints: "Hints | None" = None  # wording hints when a rule is reworded
    when: Callable[["Session"], bool] | None = None

    def units(self, session: "Session") -> int:
        return len(self.items(session)) if self.when is None or self.when(session) else 0

    def run_unit(self, session: "Session", position: int) -> None:
        rule = self.items(session)[position]
        base = f"{self.id}.{self.key(rule)}"
        say(session, session.t("vote.consent_progress", number=position + 1, count=len(self.items(session))))
        if rule.consent is not None and (rule.consent.accepted or rule.not_agreed):
            # checked before and the step is run again: a new check, the earlier one stays as history
            rule.earlier_checks = [*rule.earlier_checks, rule.consent]
            rule.consent, rule.not_agreed = None, None
        while True:
            round_ = len(rule.earlier_checks) + 1
            key = base if round_ == 1 else f"{base}.round{round_}"
            if rule.consent is None:  # (a failed check is saved; then the concerns are heard next)
                if round_ > 1:
                    say(session, session.t("vote.consent_again", round=round_))
                rule.consent = consent_check(session, key, rule.text, self.threshold(session), self.key(rule))
                if rule.consent.accepted:
                    return
                session.save()
            if self._hear_concerns(session, key, rule) == "aside":
                rule.not_agreed = session.workshop.date
                say(session, session.t("vote.not_agreed"))
                return
            self._reword(session, key, rule)

    def _hear_concerns(self, session: "Session", key: str, rule: Rule) -> str:
        check = rule.consent
        assert check is not None and check.threshold is not None
        below = sum(check.tallies.get(str(n), 0) for n in range(check.threshold))
        session.show(concerns_panel(session, rule.text, below, check.threshold))
        check.concerns = session.asker.text(f"{key}.concerns", session.t("vote.concerns"), check.concerns)
        session.save()
        choices = [Choice(c, session.t(f"vote.concerns_{c}")) for c in ("reword", "aside")]
        default = "reword" if session.asker.interactive() else "aside"
        return session.asker.select(f"{key}.next", session.t("vote.concerns_next"), choices, default)

    def _reword(self, session: "Session", key: str, rule: Rule) -> None:
        """The new wording (hints before it is accepted); the failed check goes to the history."""
        from dialogi.engine.items import ask_wording

        date = session.workshop.date
        text = ask_wording(session, f"{key}.text", session.t("vote.reword"), rule.text, self.hints, before=True) or rule.text
        assert rule.consent is not None
        rule.earlier_checks = [*rule.earlier_checks, rule.consent]
        rule.consent = None
        rule.text = text
        rule.history = [v for v in rule.history if v.date != date] + [RuleVersion(date=date, text=text)]
        session.save()


# -- one fist-to-five check ---------------------------------------------------------------


def consent_check(session: "Session", key: str, proposal: str, threshold: int, option_id: str = "proposal") -> Vote:
    """Check consent to ``proposal``: the scale on screen, counts typed or secret ballots.

    Each voter's screen names the proposal in full, and so does the result. Returns the
    aggregated Vote (not yet stored anywhere); the caller keeps it and saves.
    """
    from dialogi import voting

    spec = voting.fist_to_five(proposal, threshold=threshold, option_id=option_id)
    session.show(scale_panel(session, proposal, threshold))
    if ask_way(session, key, "counts"):
        names = ask_voters(session, key, secret=True, facilitator=False)
        box = voting.Ballot(spec, len(names))
        scale = [Choice(str(n), session.t(f"vote.scale_{n}")) for n in LEVELS]
        with in_memory("engine.interrupted_ballots"):
            for n in range(1, len(names) + 1):
                _hand_over(session, key, n, names, proposal_panel(session, proposal))
                box.add(int(session.asker.select(f"{key}.secret.{n}.value", session.t("vote.fist_question"), scale, "3")))
                session.clear()
            _all_voted(session, key, len(names))
        result = box.result()
    else:
        result = _typed_fist(session, key, spec)
    vote = result.to_record(subject=session.t("vote.consent_subject"), date=session.workshop.date)
    session.show(consent_result(session, vote))
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
        total = sum(int(n) for n in re.findall(r"\d+", answer))
        say(session, session.t(problem, value=answer, count=participants, total=total))
        _refuse_scripted(session, f"{key}.counts", t(problem, value=answer, count=participants, total=total))


def parse_fist_counts(text: str, participants: int = 0) -> tuple[list[int], str]:
    """"0 0 1 3 2 2" -> how many showed 0..5; the second value names the problem's message key."""
    parts = [p for p in re.split(r"[\s,;/]+", str(text).strip()) if p]
    if not parts:
        return [], "vote.no_fist_counts_typed"
    if len(parts) != 6 or not all(p.isdecimal() for p in parts):
        return [], "vote.bad_fist_counts"
    counts = [int(p) for p in parts]
    if not sum(counts):
        return [], "vote.no_fist_counts"
    if participants and sum(counts) > participants + 1:  # the facilitator may show a hand too
        return [], "vote.too_many_fist_counts"
    return counts, ""


# -- who votes, and how -------------------------------------------------------------------


def ask_way(session: "Session", key: str, open_way: str = "tallies") -> bool:
    """True for secret ballots. Offered only at a keyboard: an answers file has no voters."""
    if not session.asker.interactive() or session.refuse_secrets():
        return False
    ways = [Choice(open_way, session.t(f"vote.collect_{open_way}")), Choice("secret", session.t("vote.collect_secret"))]
    return session.asker.select(f"{key}.collect", session.t(f"vote.collect_question_{open_way}"), ways, open_way) == "secret"


def ask_voters(session: "Session", key: str, *, secret: bool, facilitator: bool) -> list[str]:
    """The voters in turn. Secret ballots in a workshop with names call each voter by name,
    unless the facilitator prefers numbers; otherwise only how many vote is asked."""
    w = session.workshop
    if secret and w.participants:
        named = list(w.participants) + ([w.facilitator or session.t("vote.the_facilitator")] if facilitator else [])
        ways = [Choice("names", session.t("vote.call_names", names=", ".join(named))), Choice("numbers", session.t("vote.call_numbers"))]
        if session.asker.select(f"{key}.call", session.t("vote.call"), ways, "names") == "names":
            return named
    return [""] * ask_count(session, key, max(1, w.participant_count + int(facilitator)))


def ask_count(session: "Session", key: str, default: int) -> int:
    """How many vote; a count larger than the people in the room (the participants and the
    facilitator) is questioned before it is taken."""
    w = session.workshop
    room = w.participant_count + 1
    while True:
        voters = session.asker.integer(f"{key}.voters", session.t("vote.voters"), default, minimum=1, maximum=10_000)
        if not w.participant_count or voters <= room:
            return voters
        question = session.t("vote.voters_more", voters=voters, count=w.participant_count)
        if session.asker.confirm(f"{key}.voters_ok", question, True):
            return voters
        _refuse_scripted(session, f"{key}.voters_ok", t("vote.voters_refused"))
        default = voters


def collect(session: "Session", key: str, spec: "VoteSpec", settings: Settings, intro: Any = None) -> "VoteResult":
    """Collect the votes the chosen way and count them. ``intro`` (default: the vote's rules
    in a sentence) opens the collection: on the first voter's screen for secret ballots."""
    from rich.text import Text

    intro = intro if intro is not None else Text(rules_line(session, spec))
    if settings.secret:
        return secret_ballots(session, key, spec, settings.names, intro)
    session.show(intro)
    return typed_tallies(session, key, spec, settings)


def typed_tallies(session: "Session", key: str, spec: "VoteSpec", settings: Settings) -> "VoteResult":
    """Tallies from a paper or sticker vote, checked against voters × budget and voters × cap.

    At the keyboard, tallies that do not add up can be typed again or the number of voters
    corrected there and then (the correction holds for a runoff too)."""
    from dialogi.errors import UsageError
    from dialogi.voting import count_tallies

    typed = dict.fromkeys(spec.options, 0)
    question = "vote.tally_dots" if spec.method == "dots" else "vote.tally_approvals"
    while True:
        for option, text in spec.options.items():
            typed[option] = session.asker.integer(f"{key}.tally.{option}", session.t(question, option=_plain(text)), typed[option], minimum=0)
        while True:
            try:
                return count_tallies(spec, settings.voters, typed)
            except UsageError as error:
                say(session, error.message(session.lang))
                _refuse_scripted(session, f"{key}.tally", error.message())
            fixes = [Choice("retype", session.t("vote.fix_retype")), Choice("voters", session.t("vote.fix_voters", voters=settings.voters))]
            if session.asker.select(f"{key}.tally.fix", session.t("vote.fix"), fixes, "retype") == "retype":
                break
            settings.names = [""] * ask_count(session, key, settings.voters)


def secret_ballots(session: "Session", key: str, spec: "VoteSpec", names: list[str], intro: Any) -> "VoteResult":
    """Each voter in turn on the one laptop; no totals until everyone has voted.

    The box keeps only running totals in memory; nothing is saved until the result.
    """
    from dialogi.voting import Ballot

    box = Ballot(spec, len(names))
    for n in range(1, len(names) + 1):
        _hand_over(session, key, n, names, intro if n == 1 else None)
        box.add(_dot_ballot(session, key, spec, n) if spec.method == "dots" else _approval_ballot(session, key, spec, n))
        session.clear()
    _all_voted(session, key, len(names))
    return box.result()


def _hand_over(session: "Session", key: str, n: int, names: list[str], shown: Any = None) -> None:
    session.clear()
    if shown is not None:
        session.show(shown)
    name = names[n - 1]
    if name:
        say(session, session.t("vote.secret_turn_named", name=name, number=n, voters=len(names)))
    else:
        say(session, session.t("vote.secret_turn", number=n, voters=len(names)))
    if n == 1:
        say(session, session.t("vote.secret_note"))
    session.asker.select(f"{key}.secret.{n}.ready", session.t("vote.secret_ready"), [Choice("ok", session.t("vote.secret_start"))], "ok")


def _all_voted(session: "Session", key: str, voters: int) -> None:
    session.clear()
    session.asker.select(f"{key}.reveal", session.t("vote.all_voted", voters=voters), [Choice("ok", session.t("vote.reveal"))], "ok")


def _dot_ballot(session: "Session", key: str, spec: "VoteSpec", n: int) -> dict[str, int]:
    """One voter's dots, option by option (each shown in full); then the voter sees the whole
    ballot, with any dots left, and confirms it or changes it."""
    assert spec.budget is not None and spec.cap is not None
    numbers = {option: i for i, option in enumerate(spec.options, 1)}
    ballot: dict[str, int] = {}
    while True:
        say(session, session.t("vote.ballot_dots", budget=spec.budget, cap=spec.cap))
        left, earlier, ballot = spec.budget, ballot, {}
        for option, text in spec.options.items():
            if not left:
                break
            session.show(numbered(numbers[option], text))
            dots = session.asker.integer(
                f"{key}.secret.{n}.{option}", session.t("vote.ballot_option", left=left),
                min(earlier.get(option, 0), spec.cap, left), minimum=0, maximum=min(spec.cap, left),
            )
            if dots:
                ballot[option] = dots
                left -= dots
        lines = [(session.t("vote.ballot_line", dots=dots), f"{numbers[o]}. {spec.options[o]}") for o, dots in ballot.items()]
        if _confirm_ballot(session, key, n, lines, left):
            return ballot


def _approval_ballot(session: "Session", key: str, spec: "VoteSpec", n: int) -> list[str]:
    choices = [Choice(o, _plain(text)) for o, text in spec.options.items()]
    picked: list[str] = []
    while True:
        picked = session.asker.checkbox(f"{key}.secret.{n}.choices", session.t("vote.ballot_approval"), choices, picked)
        if _confirm_ballot(session, key, n, [("•", spec.options[o]) for o in picked], 0):
            return picked


def _confirm_ballot(session: "Session", key: str, n: int, lines: list[tuple[str, str]], left: int) -> bool:
    """The voter's own ballot on screen (a mark and an option a line): confirm it, or change
    it. Dots left over are said."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from dialogi.render.terminal import safe

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for mark, option in lines:
        grid.add_row(mark, safe(option))
    body: list[Any] = [grid if lines else Text(session.t("vote.ballot_empty"))]
    if left:
        body.append(Text("\n" + session.t("vote.ballot_left", left=left), style="bold yellow"))
    session.show(Panel(Group(*body), title=Text(session.t("vote.ballot_title"), style="bold"), title_align="left", padding=(0, 1)))
    choices = [Choice("confirm", session.t("vote.ballot_confirm_left" if left else "vote.ballot_confirm", left=left)),
               Choice("change", session.t("vote.ballot_change"))]
    return session.asker.select(f"{key}.secret.{n}.confirm", session.t("vote.ballot_confirm_question"), choices, "confirm") == "confirm"


def pause(session: "Session", key: str, label_key: str) -> None:
    """At a keyboard, what is on screen stays there until the facilitator moves on."""
    if session.asker.interactive():
        session.asker.select(key, session.t("vote.pause"), [Choice("ok", session.t(label_key))], "ok")


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


def _names(session: "Session", options: dict[str, str], ids: Sequence[str]) -> str:
    """The options, each in quotation marks, on one line."""
    return ", ".join(session.t("vote.quoted", text=_plain(options.get(o, o))) for o in ids)


def numbered(number: int, text: str) -> Any:
    """``12. text`` with the text's later lines under its first: a proposal in full."""
    from rich.table import Table
    from rich.text import Text

    from dialogi.render.terminal import safe

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(f"{number}.", style="bold"), safe(text, "bold"))
    return grid


def _listed(session: "Session", options: dict[str, str], note: str = "") -> Any:
    from rich.console import Group
    from rich.text import Text

    parts: list[Any] = [numbered(n, text) for n, text in enumerate(options.values(), 1)]
    if note:
        parts.append(Text("\n" + note, style="dim"))
    return Group(*parts)


def options_panel(session: "Session", title: str, options: dict[str, str]) -> Any:
    from rich.panel import Panel

    from dialogi.render.terminal import safe

    return Panel(_listed(session, options, session.t("vote.restart_note")), title=safe(title, "bold"), title_align="left", padding=(0, 1))


def runoff_panel(session: "Session", result: "VoteResult", spec: "VoteSpec") -> Any:
    """Why there is a runoff, the tied proposals in full, and the runoff's rules."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    tie = result.tie
    assert tie is not None
    votes = result.tallies.get(tie.open[0], 0)
    why = session.t("vote.runoff_why", votes=votes, seats=spec.select)
    body = Group(Text(why + "\n"), _listed(session, spec.options), Text("\n" + rules_line(session, spec)))
    return Panel(body, title=Text(session.t("vote.runoff_title"), style="bold"), title_align="left", padding=(0, 1))


def rules_line(session: "Session", spec: "VoteSpec") -> str:
    """The vote's rules in one sentence, said before anyone votes."""
    if spec.method == "dots":
        text = session.t("vote.rules_dots", budget=spec.budget, cap=spec.cap)
    else:
        text = session.t("vote.rules_approval")
    if spec.select is not None:
        text += " " + session.t("vote.rules_select", select=spec.select)
    return text


def proposal_panel(session: "Session", proposal: str) -> Any:
    from rich.panel import Panel
    from rich.text import Text

    from dialogi.render.terminal import safe

    return Panel(safe(proposal, "bold"), title=Text(session.t("vote.consent_subject"), style="bold"), title_align="left", padding=(0, 1))


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


def consent_result(session: "Session", vote: Vote) -> Any:
    """The proposal in full, the hands, and the result said once."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from dialogi.render.terminal import bar_chart, safe

    body = Group(safe(next(iter(vote.options.values()), ""), "bold"), Text(""), bar_chart(vote, session.lang))
    return Panel(body, title=Text(session.t("vote.consent_result"), style="bold"), title_align="left", padding=(0, 1))


def concerns_panel(session: "Session", proposal: str, below: int, threshold: int) -> Any:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from dialogi.render.terminal import safe

    body = Group(safe(proposal, "bold"), Text("\n" + session.t("vote.concerns_intro", below=below, threshold=threshold)))
    return Panel(body, title=Text(session.t("vote.concerns_title"), style="bold"), title_align="left", padding=(0, 1))


def chart(session: "Session", result: "VoteResult", subject: str) -> Any:
    from dialogi.render.terminal import bar_chart

    return bar_chart(result.to_record(subject=subject), session.lang)
