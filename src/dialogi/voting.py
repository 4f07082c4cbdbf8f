"""Counting votes: dot voting, approval voting and fist-to-five, with cut-off and ties.

Pure logic: no I/O and no prompts. Votes come in either as tallies the facilitator types
after a paper or sticker vote (:func:`count_tallies`) or as secret ballots, one voter at a
time, into a :class:`Ballot` that keeps only running totals. Rejected input raises
:class:`~dialogi.errors.UsageError` with a message key in ``content/<lang>/voting.toml``.

The method and tie-policy values are the same strings as ``VoteMethod`` and ``TiePolicy``
in :mod:`dialogi.record.models`, so either enum can be passed in; the record models are
imported only by :meth:`VoteResult.to_record` to keep this module cheap to import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from dialogi.errors import UsageError

if TYPE_CHECKING:
    from dialogi.record.models import Vote


class Method(StrEnum):
    """Same values as ``record.models.VoteMethod``."""

    DOTS = "dots"
    APPROVAL = "approval"
    FIST = "fist_to_five"


class Policy(StrEnum):
    """Same values as ``record.models.TiePolicy``."""

    RUNOFF = "runoff"  # vote again among the tied options
    DISCUSS = "discuss"  # the group decides and the facilitator records the reason
    KEEP_ALL = "keep_all"  # every tied option goes through


LEVELS = tuple(str(n) for n in range(6))  # fist-to-five: 0 = I block it ... 5 = I champion it
DEFAULT_THRESHOLD = 3  # fist-to-five: accepted if nobody is below "I can live with it"
PROPOSAL = "proposal"  # the option id of the single proposal in a fist-to-five check


def default_budget(n_options: int) -> int:
    """Dots per voter: a third of the options, rounded down, at least 1."""
    return max(1, n_options // 3)


# -- what is voted on and how -------------------------------------------------------------


@dataclass(frozen=True)
class VoteSpec:
    """The rules of one vote, fixed before anyone votes. Build with :func:`dots`,
    :func:`approval` or :func:`fist_to_five`."""

    method: Method
    options: dict[str, str]  # option id -> text, in the order shown
    budget: int | None = None  # dots per voter
    cap: int | None = None  # dots per option per voter
    select: int | None = None  # how many options go through; None = rank only
    threshold: int | None = None  # fist-to-five: accepted if nobody is below this
    policy: Policy = Policy.KEEP_ALL  # what to do with a tie at the cut-off

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", Method(self.method))
        object.__setattr__(self, "policy", Policy(self.policy))
        object.__setattr__(self, "options", dict(self.options))
        if self.method is Method.DOTS:
            if self.budget is None or self.budget < 1:
                raise UsageError("voting.setup.budget", budget=self.budget)
            if self.cap is None or not 1 <= self.cap <= self.budget:
                raise UsageError("voting.setup.cap", cap=self.cap, budget=self.budget)
        if self.select is not None and self.select < 0:
            raise UsageError("voting.setup.select", select=self.select)
        if self.method is Method.FIST and (self.threshold is None or not 0 <= self.threshold <= 5):
            raise UsageError("voting.setup.threshold", threshold=self.threshold)


def dots(
    options: Mapping[str, str],
    *,
    budget: int | None = None,
    cap: int | None = None,
    select: int | None = None,
    policy: Policy | str = Policy.KEEP_ALL,
) -> VoteSpec:
    """Dot voting; ``budget`` defaults to :func:`default_budget`, ``cap`` to the budget."""
    budget = default_budget(len(options)) if budget is None else budget
    cap = budget if cap is None else cap
    return VoteSpec(Method.DOTS, dict(options), budget, cap, select, None, Policy(policy))


def approval(
    options: Mapping[str, str],
    *,
    select: int | None = None,
    policy: Policy | str = Policy.KEEP_ALL,
) -> VoteSpec:
    """Approval voting: each voter approves any number of options, each at most once."""
    return VoteSpec(Method.APPROVAL, dict(options), select=select, policy=Policy(policy))


def fist_to_five(
    proposal: str, *, threshold: int = DEFAULT_THRESHOLD, option_id: str = PROPOSAL
) -> VoteSpec:
    """A fist-to-five consent check on one proposal: accepted if nobody is below ``threshold``."""
    return VoteSpec(Method.FIST, {option_id: proposal}, threshold=threshold)


# -- the result ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TieState:
    """Options tied across the cut-off and how the tie was (or is still to be) settled.

    ``policy`` is what the group agreed before the vote; ``stage`` is where the tie stands:
    what it waits for while options are open, how it ended once none are (DISCUSS after a
    runoff that tied again).
    """

    options: tuple[str, ...]  # the tied option ids, in ranking order
    policy: Policy  # what the group agreed before the vote
    seats: int  # how many places the tied options competed for
    chosen: tuple[str, ...] = ()  # the tied options that went through so far
    open: tuple[str, ...] = ()  # still undecided: waiting for a runoff or a discussion
    reason: str = ""
    runoff: dict[str, int] = field(default_factory=dict)  # the runoff's tallies
    runoff_result: "VoteResult | None" = None  # the runoff as counted (its voters, secret or not)
    runoff_tied: tuple[str, ...] = ()  # tied again in the runoff
    stage: Policy | None = None  # None: the agreed policy

    @property
    def now(self) -> Policy:
        return self.stage or self.policy


@dataclass(frozen=True)
class VoteResult:
    """The counted vote. Fist-to-five: ``tallies`` are counts per level "0".."5", the ranking
    is empty and ``winners`` holds the proposal id when it was accepted."""

    spec: VoteSpec
    voters: int
    tallies: dict[str, int]
    ranking: tuple[str, ...] = ()
    winners: tuple[str, ...] = ()
    accepted: bool | None = None
    tie: TieState | None = None
    secret: bool = False

    @property
    def method(self) -> Method:
        return self.spec.method

    @property
    def options(self) -> dict[str, str]:
        return self.spec.options

    @property
    def awaiting(self) -> Policy | None:
        """RUNOFF or DISCUSS while a tie is open (winners are not final yet), else None."""
        return self.tie.now if self.tie and self.tie.open else None

    def to_record(self, *, subject: str = "", date: dt.date | None = None) -> Vote:
        """The aggregated result as the record model; never any individual ballot."""
        from dialogi.record.models import Runoff, Tie, TiePolicy, Vote, VoteMethod

        s = self.spec
        tie = None
        if self.tie:
            second = self.tie.runoff_result
            tie = Tie(
                options=list(self.tie.options),
                policy=TiePolicy(self.tie.policy),
                settled_by=None if self.tie.open else TiePolicy(self.tie.now),
                chosen=list(self.tie.chosen),
                reason=self.tie.reason,
                runoff=dict(self.tie.runoff),
                runoff_round=None if not self.tie.runoff else Runoff(
                    voters=second.voters if second else 0,
                    secret=bool(second and second.secret),
                    budget=second.spec.budget if second else None,
                    cap=second.spec.cap if second else None,
                    winners=[o for o in self.tie.chosen if o in self.tie.runoff and o not in self.tie.runoff_tied],
                    tied=list(self.tie.runoff_tied),
                ),
            )
        return Vote(
            method=VoteMethod(s.method),
            subject=subject,
            secret=self.secret,
            voters=self.voters,
            budget=s.budget,
            cap=s.cap,
            select=s.select,
            threshold=s.threshold,
            options=dict(s.options),
            tallies=dict(self.tallies),
            ranking=list(self.ranking),
            winners=list(self.winners),
            accepted=self.accepted,
            tie=tie,
            date=date,
        )


def rank(tallies: Mapping[str, int], order: Iterable[str]) -> list[str]:
    """``order`` sorted by tally, most first; equal tallies keep their order."""
    return sorted(order, key=lambda o: -tallies.get(o, 0))


def _cut(
    ranking: Sequence[str], tallies: Mapping[str, int], seats: int
) -> tuple[list[str], list[str]]:
    """(sure winners, options tied across the cut-off); no tie -> the top ``seats`` and []."""
    if seats <= 0 or seats >= len(ranking):
        return list(ranking[: max(seats, 0)]), []
    if tallies[ranking[seats - 1]] != tallies[ranking[seats]]:
        return list(ranking[:seats]), []
    line = tallies[ranking[seats - 1]]
    return [o for o in ranking if tallies[o] > line], [o for o in ranking if tallies[o] == line]


def _decide(spec: VoteSpec, voters: int, tallies: dict[str, int], secret: bool) -> VoteResult:
    if spec.method is Method.FIST:
        below = sum(tallies[level] for level in LEVELS[: spec.threshold])
        accepted = voters > 0 and below == 0
        winners = tuple(spec.options) if accepted else ()
        return VoteResult(spec, voters, tallies, winners=winners, accepted=accepted, secret=secret)
    ranking = rank(tallies, spec.options)
    if spec.select is None:
        return VoteResult(spec, voters, tallies, tuple(ranking), secret=secret)
    sure, tied = _cut(ranking, tallies, spec.select)
    tie = None
    if tied:
        seats = spec.select - len(sure)
        if spec.policy is Policy.KEEP_ALL:
            tie = TieState(tuple(tied), spec.policy, seats, chosen=tuple(tied))
            sure += tied
        else:
            tie = TieState(tuple(tied), spec.policy, seats, open=tuple(tied))
    return VoteResult(spec, voters, tallies, tuple(ranking), tuple(sure), tie=tie, secret=secret)


# -- typed tallies ------------------------------------------------------------------------


def count_tallies(spec: VoteSpec, voters: int, tallies: Mapping[Any, int]) -> VoteResult:
    """Check and count tallies typed after a paper vote. Options left out count as 0.
    Fist-to-five: counts per level 0..5 (int or str keys) that add up to ``voters``."""
    if voters < 0:
        raise UsageError("voting.tally.voters", voters=voters)
    if spec.method is Method.FIST:
        counts = dict.fromkeys(LEVELS, 0)
        for key, n in tallies.items():
            level = str(key)
            if level not in counts:
                raise UsageError("voting.tally.fist_level", level=level)
            if n < 0:
                raise UsageError("voting.tally.fist_negative", level=level, count=n)
            counts[level] += n
        total = sum(counts.values())
        if total != voters:
            raise UsageError("voting.tally.fist_total", total=total, voters=voters)
        return _decide(spec, voters, counts, secret=False)

    counts = _known_counts(spec.options, tallies)
    name = spec.options.get
    if spec.method is Method.APPROVAL:
        for option, n in counts.items():
            if n > voters:
                raise UsageError(
                    "voting.tally.approvals", option=name(option), count=n, voters=voters
                )
    else:
        assert spec.cap is not None and spec.budget is not None
        for option, n in counts.items():
            if n > voters * spec.cap:
                raise UsageError(
                    "voting.tally.cap", option=name(option), count=n, voters=voters,
                    cap=spec.cap, limit=voters * spec.cap,
                )
        total = sum(counts.values())
        if total > voters * spec.budget:
            raise UsageError(
                "voting.tally.budget", total=total, voters=voters, budget=spec.budget,
                limit=voters * spec.budget,
            )
    return _decide(spec, voters, counts, secret=False)


def _known_counts(options: Mapping[str, str], tallies: Mapping[str, int]) -> dict[str, int]:
    """Tallies for every option, in option order; unknown options and negatives rejected."""
    for option, n in tallies.items():
        if option not in options:
            raise UsageError("voting.unknown_option", option=option)
        if n < 0:
            raise UsageError("voting.tally.negative", option=options[option], count=n)
    return {o: tallies.get(o, 0) for o in options}


# -- secret ballots -----------------------------------------------------------------------


class Ballot:
    """A secret ballot box: ``add`` one voter's choices at a time, then ``result()``.

    Only running totals and the number of voters are kept; a ballot cannot be read back.
    Totals stay hidden until ``result()``, which closes the box (no later ballot can be
    compared against it). With ``voters`` given, ``result()`` waits for that many ballots.
    """

    __slots__ = ("_spec", "_expected", "_totals", "_cast", "_closed")

    def __init__(self, spec: VoteSpec, voters: int | None = None):
        if voters is not None and voters < 0:
            raise UsageError("voting.tally.voters", voters=voters)
        self._spec = spec
        self._expected = voters
        self._totals = dict.fromkeys(LEVELS if spec.method is Method.FIST else spec.options, 0)
        self._cast = 0
        self._closed = False

    @property
    def cast(self) -> int:
        """How many ballots have been added."""
        return self._cast

    @property
    def expected(self) -> int | None:
        return self._expected

    def add(self, choice: Mapping[str, int] | Iterable[str] | int) -> None:
        """One voter's ballot: dots ``{option: dots}``, approval an iterable of option ids,
        fist-to-five an int 0..5. An invalid ballot raises UsageError and is not counted."""
        if self._closed:
            raise UsageError("voting.ballot.closed")
        if self._expected is not None and self._cast >= self._expected:
            raise UsageError("voting.ballot.full", voters=self._expected)
        marks = self._check(choice)
        for key, n in marks.items():
            self._totals[key] += n
        self._cast += 1

    def _check(self, choice: Any) -> dict[str, int]:
        spec = self._spec
        if spec.method is Method.FIST:
            if isinstance(choice, bool) or not isinstance(choice, int):
                raise TypeError("a fist-to-five ballot is an int from 0 to 5")
            if not 0 <= choice <= 5:
                raise UsageError("voting.ballot.fist", value=choice)
            return {str(choice): 1}
        if spec.method is Method.APPROVAL:
            if isinstance(choice, (str, Mapping)) or not isinstance(choice, Iterable):
                raise TypeError("an approval ballot is an iterable of option ids")
            marks: dict[str, int] = {}
            for option in choice:
                if option not in spec.options:
                    raise UsageError("voting.unknown_option", option=option)
                if option in marks:
                    raise UsageError("voting.ballot.twice", option=spec.options[option])
                marks[option] = 1
            return marks
        if not isinstance(choice, Mapping):
            raise TypeError("a dot ballot is a mapping of option id to dots")
        assert spec.cap is not None and spec.budget is not None
        for option, n in choice.items():
            if option not in spec.options:
                raise UsageError("voting.unknown_option", option=option)
            text = spec.options[option]
            if n < 0:
                raise UsageError("voting.ballot.negative", option=text, count=n)
            if n > spec.cap:
                raise UsageError("voting.ballot.cap", option=text, count=n, cap=spec.cap)
        total = sum(choice.values())
        if total > spec.budget:
            raise UsageError("voting.ballot.budget", total=total, budget=spec.budget)
        return dict(choice)

    def result(self) -> VoteResult:
        """Close the box and count. Refused while expected voters have not all voted."""
        if self._expected is not None and self._cast < self._expected:
            raise UsageError("voting.ballot.incomplete", cast=self._cast, voters=self._expected)
        self._closed = True
        return _decide(self._spec, self._cast, dict(self._totals), secret=True)

    def __reduce_ex__(self, protocol: Any) -> Any:
        # No copies or pickles: comparing a copy's totals with later ones would reveal a ballot.
        raise TypeError("a ballot box cannot be copied or pickled")

    def __repr__(self) -> str:
        return f"<Ballot {self._spec.method.value}: {self._cast} cast>"


# -- settling a tie at the cut-off --------------------------------------------------------


def runoff_spec(result: VoteResult) -> VoteSpec:
    """The runoff vote among the open tied options: same method, places = the open seats."""
    tie = _open_tie(result, Policy.RUNOFF)
    options = {o: result.options[o] for o in tie.open}
    seats = tie.seats - len(tie.chosen)
    if result.method is Method.APPROVAL:
        return approval(options, select=seats, policy=Policy.DISCUSS)
    budget = default_budget(len(options))
    cap = min(result.spec.cap or budget, budget)
    return dots(options, budget=budget, cap=cap, select=seats, policy=Policy.DISCUSS)


def resolve_runoff(result: VoteResult, runoff: "VoteResult | Mapping[str, int]") -> VoteResult:
    """Settle a RUNOFF tie with the runoff (counted on :func:`runoff_spec`, or its tallies;
    options left out count 0). If the runoff ties again across the cut-off, the clear leaders
    go through and the rest stay open for a discussion: ``awaiting`` is then DISCUSS and
    :func:`resolve_discussion` must follow. The agreed policy stays RUNOFF."""
    tie = _open_tie(result, Policy.RUNOFF)
    counted = runoff if isinstance(runoff, VoteResult) else None
    tallies = counted.tallies if counted else runoff
    for option in tallies:
        if option not in tie.open:
            raise UsageError("voting.tie.not_tied", option=result.options.get(option, option))
    counts = _known_counts({o: result.options[o] for o in tie.open}, tallies)
    sure, tied = _cut(rank(counts, tie.open), counts, tie.seats - len(tie.chosen))
    new_tie = replace(
        tie,
        chosen=tie.chosen + tuple(sure),
        open=tuple(tied),
        runoff=counts,
        runoff_result=counted,
        runoff_tied=tuple(tied),
        stage=Policy.DISCUSS if tied else Policy.RUNOFF,
    )
    return replace(result, winners=result.winners + tuple(sure), tie=new_tie)


def resolve_discussion(result: VoteResult, chosen: Iterable[str], reason: str) -> VoteResult:
    """Settle a DISCUSS tie (or a runoff that tied again): the group chose ``chosen`` among
    the open tied options, for the recorded ``reason``. Any number of them may be chosen."""
    tie = _open_tie(result, Policy.DISCUSS)
    picked = tuple(dict.fromkeys(chosen))
    for option in picked:
        if option not in tie.open:
            raise UsageError("voting.tie.not_tied", option=result.options.get(option, option))
    if not reason.strip():
        raise UsageError("voting.tie.reason")
    picked = tuple(o for o in tie.open if o in picked)  # in ranking order
    new_tie = replace(tie, chosen=tie.chosen + picked, open=(), reason=reason.strip(), stage=Policy.DISCUSS)
    return replace(result, winners=result.winners + picked, tie=new_tie)


def _open_tie(result: VoteResult, policy: Policy) -> TieState:
    if result.tie is None or not result.tie.open:
        raise UsageError("voting.tie.none")
    if result.tie.now is not policy:
        raise UsageError(f"voting.tie.{result.tie.now.value}")
    return result.tie
