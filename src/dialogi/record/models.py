"""The workshop record: one TOML file per workshop, described by these models.

The models are the single source of truth for what a file may contain. Field names are
the TOML keys; lists of tables are ``[[...]]`` arrays. Optional values are left out of the
file when empty so that a record stays short and readable.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

SCHEMA = 1

Language = Literal["fi", "en"]
Text = Annotated[str, Field(max_length=200_000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# -- the agenda -----------------------------------------------------------------------------


class MethodId(StrEnum):
    PRINCIPLES = "principles"  # Gustavsen's principles as the day's ground rules (opening)
    PRACTICES = "practices"  # Isaacs' four practices
    RULES = "rules"  # rules of the game (pelisäännöt)
    WELLBEING = "wellbeing"  # the five-step wellbeing plan
    REFLECTION = "reflection"  # closing: how well did we live the principles today


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class AgendaItem(Model):
    method: MethodId
    status: Status = Status.NOT_STARTED
    step: int = Field(0, ge=0)  # the next step to run (index into the method's steps)
    position: int = Field(0, ge=0)  # where inside that step the session stopped
    skipped: list[int] = []  # steps the facilitator skipped


# -- shared pieces: votes and actions -----------------------------------------------------


class VoteMethod(StrEnum):
    DOTS = "dots"
    APPROVAL = "approval"
    FIST = "fist_to_five"


class TiePolicy(StrEnum):
    RUNOFF = "runoff"  # vote again among the tied options
    DISCUSS = "discuss"  # the group decides; the facilitator records the reason
    KEEP_ALL = "keep_all"  # all tied options pass the cut-off


class Runoff(Model):
    """How a runoff among the tied options was run and what it gave (its tallies: ``Tie.runoff``)."""

    voters: int = Field(0, ge=0)
    secret: bool = False
    budget: int | None = Field(None, ge=1)
    cap: int | None = Field(None, ge=1)
    winners: list[str] = []  # the tied options the runoff took through
    tied: list[str] = []  # tied again in the runoff: the group settled these in discussion


class Tie(Model):
    options: list[str]  # the option ids tied at the cut-off
    policy: TiePolicy  # what the group agreed before the vote
    settled_by: TiePolicy | None = None  # how it ended: the runoff, a discussion (also after a runoff that tied again), all kept
    chosen: list[str] = []  # the tied options that went through
    reason: Text = ""  # the group's reason (discussion) or the runoff's tallies in words
    runoff: dict[str, int] = {}  # the runoff's tallies
    runoff_round: Runoff | None = None

    @model_validator(mode="before")
    @classmethod
    def _agreed_policy(cls, data: object) -> object:
        """Files from before ``settled_by`` kept only how a tie ended: a tie with a runoff's
        tallies under "discuss" was a runoff that tied again, then settled in discussion."""
        if isinstance(data, dict) and "settled_by" not in data and data.get("policy") in ("discuss", "runoff", "keep_all"):
            data = dict(data)
            if data["policy"] == "discuss" and data.get("runoff"):
                data["policy"] = "runoff"
            settled = data.get("chosen") or data.get("reason") or data["policy"] == "keep_all"
            if settled:
                data["settled_by"] = "discuss" if data.get("reason") else data["policy"]
        return data


class Vote(Model):
    """Aggregated results only: a secret ballot's individual choices never reach a file."""

    method: VoteMethod
    subject: Text = ""  # what was voted on
    secret: bool = False  # collected as secret ballots on one laptop
    voters: int = Field(0, ge=0)
    budget: int | None = Field(None, ge=1)  # dots per voter
    cap: int | None = Field(None, ge=1)  # dots per option per voter
    select: int | None = Field(None, ge=0)  # how many options go through (the cut-off)
    threshold: int | None = Field(None, ge=0, le=5)  # fist-to-five: nobody below this
    options: dict[str, Text] = {}  # option id -> text, as voted on
    tallies: dict[str, int] = {}  # option id -> dots/approvals; fist-to-five: "0".."5" -> count
    ranking: list[str] = []  # option ids, most votes first
    winners: list[str] = []  # the option ids that went through
    accepted: bool | None = None  # fist-to-five: did the proposal pass the threshold
    tie: Tie | None = None
    date: dt.date | None = None
    concerns: Text = ""  # fist-to-five below the threshold: the concerns the group heard


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Action(Model):
    id: str
    text: Text
    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    note: Text = ""
    carried_from: str = ""  # the workshop file it was carried over from
    goal: Text = ""  # carried over: the title of the goal it served in that workshop
    origin: str = ""  # carried over: its id in that workshop (ids may change on the way)
    planned_on: dt.date | None = None  # carried over: the day of the workshop that first planned it


class Item(Model):
    """A proposal, idea or remark collected from the group."""

    id: str
    text: Text
    theme: str = ""
    merged_from: list[str] = []  # ids of the originals this item replaces
    merged_into: str = ""  # set on an original that was merged
    deleted: bool = False

    @property
    def active(self) -> bool:
        return not self.deleted and not self.merged_into


# -- Gustavsen's principles ---------------------------------------------------------------


class PrincipleNote(Model):
    number: int = Field(ge=1, le=13)
    remark: Text = ""


class PrincipleRating(Model):
    number: int = Field(ge=1, le=13)
    counts: list[int] = []  # how many gave 1, 2, 3, 4, 5
    average: float | None = Field(None, ge=1, le=5)
    note: Text = ""

    @field_validator("counts")
    @classmethod
    def _five_counts(cls, v: list[int]) -> list[int]:
        if v and (len(v) != 5 or any(c < 0 for c in v)):
            # its own error type, so that problems.describe can say it in the UI language
            raise PydanticCustomError("five_counts", "five non-negative counts, for ratings 1 to 5")
        return v


class Principles(Model):
    remarks: list[PrincipleNote] = []
    agreed: bool | None = None  # the group took them as the ground rules of the day
    emphasised: list[int] = []  # principle numbers to keep in mind today
    rating_mode: Literal["counts", "average", "individual"] | None = None
    ratings: list[PrincipleRating] = []  # the closing reflection
    reflection_note: Text = ""


# -- Isaacs' practices --------------------------------------------------------------------


class PracticeId(StrEnum):
    LISTENING = "listening"
    VOICING = "voicing"
    RESPECTING = "respecting"
    SUSPENDING = "suspending"


class PracticeNote(Model):
    practice: PracticeId
    observations: Text = ""
    commitment: Text = ""


class Practices(Model):
    notes: list[PracticeNote] = []


# -- rules of the game --------------------------------------------------------------------


class Compliance(StrEnum):
    FOLLOWED = "followed"
    PARTLY = "partly"
    NOT_FOLLOWED = "not_followed"


class RuleDecision(StrEnum):
    KEEP = "keep"
    REWORD = "reword"
    DROP = "drop"


class RuleVersion(Model):
    date: dt.date
    text: Text


class Rule(Model):
    id: str
    text: Text
    theme: str = ""
    observed_by: Text = ""  # how following it is observed
    keeper: str = ""  # who keeps an eye on it
    from_proposal: str = ""
    consent: Vote | None = None  # the (latest) fist-to-five check, when one was made
    earlier_checks: list[Vote] = []  # checks before it, oldest first, each on the wording then
    history: list[RuleVersion] = []  # the wording agreed at each date
    not_agreed: dt.date | None = None  # the group did not agree to it (it never was in force)
    dropped: dt.date | None = None  # dropped at a review, after being in force

    @model_validator(mode="before")
    @classmethod
    def _not_agreed(cls, data: object) -> object:
        """Files from before ``not_agreed`` set a rule that failed its check aside as dropped.
        A rule that failed its check was never in force, so it cannot have been dropped."""
        if isinstance(data, dict) and data.get("dropped") and not data.get("not_agreed"):
            consent = data.get("consent")
            accepted = consent.get("accepted") if isinstance(consent, dict) else getattr(consent, "accepted", None)
            if accepted is False:
                data = {**data, "not_agreed": data["dropped"], "dropped": None}
        return data

    @property
    def in_force(self) -> bool:
        return self.dropped is None and self.not_agreed is None


class Rules(Model):
    themes: list[str] = []  # theme ids (information, encounter, conduct, overload) or own names
    proposals: list[Item] = []
    decision: Literal["vote", "consent", "both"] | None = None  # how the group decides on the proposals
    top: int | None = Field(None, ge=1)  # how many proposals a vote takes through (the cut-off)
    threshold: int | None = Field(None, ge=0, le=5)  # consent: accepted if nobody shows less
    votes: list[Vote] = []
    agreed: list[Rule] = []
    review_date: dt.date | None = None


# -- the wellbeing plan -------------------------------------------------------------------


class IndicatorKind(StrEnum):
    OPERATIONS = "operations"  # sickness absence, attendance, retirements, safety observations
    IMPACT = "impact"  # wellbeing index, work engagement, self-assessments


Direction = Literal["lower", "higher"]  # which way is better


class Indicator(Model):
    id: str
    name: Name
    kind: IndicatorKind = IndicatorKind.OPERATIONS
    value: float | None = None
    unit: str = ""
    period: str = ""
    source: str = ""
    previous: float | None = None
    target: float | None = None
    note: Text = ""
    direction: Direction | None = None  # lower or higher is better; None: read from the target


class Result(StrEnum):
    """How far a goal got, as the group judged it at a review."""

    REACHED = "reached"
    PARTLY = "partly"
    NOT_REACHED = "not_reached"


class Goal(Model):
    id: str
    title: Text
    from_proposal: str = ""
    benefit_me: Text = ""
    benefit_employer: Text = ""
    benefit_clients: Text = ""
    obstacles: Text = ""
    resources: Text = ""
    actions: list[Action] = []
    improvement: Text = ""  # what could be better
    schedule: Text = ""
    follow_up: Text = ""  # how progress is followed
    indicator: str = ""  # an indicator id or a free description
    target_value: float | None = None
    outcome: Text = ""  # "how did we succeed", written at the review
    result: Result | None = None  # reached, partly or not, judged at the review


class Wellbeing(Model):
    indicators: list[Indicator] = []
    interpretation: Text = ""  # notes: what the figures mean for own work and the team
    observations: list[Item] = []  # the key observations the group agreed on
    themes: list[str] = []  # the group's own themes for the proposals (Item.theme), if any
    proposals: list[Item] = []
    votes: list[Vote] = []
    goal_count: int = Field(3, ge=1, le=10)
    target_date: dt.date | None = None
    goals: list[Goal] = []
    carried_over: list[Action] = []  # unfinished earlier work taken into this plan
    follow_up_date: dt.date | None = None


# -- follow-up reviews --------------------------------------------------------------------


class RuleReview(Model):
    rule: str  # rule id
    compliance: Compliance
    decision: RuleDecision = RuleDecision.KEEP
    new_text: Text = ""
    note: Text = ""


class ActionReview(Model):
    action: str  # action id
    status: ActionStatus
    note: Text = ""
    owner: str | None = None  # a responsible person named or changed at the review


class IndicatorReading(Model):
    indicator: str  # indicator id
    value: float
    previous: float | None = None
    target: float | None = None


class GoalOutcome(Model):
    goal: str
    outcome: Text = ""
    result: Result | None = None


class ReviewProgress(Model):
    """Where an unfinished review stopped, like an agenda item's step and position."""

    step: int = Field(0, ge=0)  # the next step of the review to run
    position: int = Field(0, ge=0)  # where inside that step


class Review(Model):
    date: dt.date
    kind: Literal["rules", "plan"]
    rules: list[RuleReview] = []
    added_rules: list[str] = []  # ids of rules added at this review
    actions: list[ActionReview] = []
    indicators: list[IndicatorReading] = []
    goals: list[GoalOutcome] = []
    note: Text = ""
    # set while the review is under way; None once it is complete (and its decisions applied)
    progress: ReviewProgress | None = None

    @property
    def complete(self) -> bool:
        return self.progress is None


# -- the workshop -------------------------------------------------------------------------


class Workshop(Model):
    # strict: "99" or 99.0 is no record format (and must not slip past the newer-version check)
    schema_: int = Field(SCHEMA, alias="schema", ge=0, strict=True)
    title: Name
    date: dt.date
    team: str = ""
    facilitator: str = ""
    language: Language = "fi"
    participant_count: int = Field(0, ge=0, le=10_000)
    participants: list[Name] = []
    carried_from: str = ""  # the earlier workshop this one continues
    agenda: list[AgendaItem] = []
    principles: Principles = Principles()
    practices: Practices = Practices()
    rules: Rules = Rules()
    wellbeing: Wellbeing = Wellbeing()
    reviews: list[Review] = []

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True)

    def agenda_item(self, method: MethodId) -> AgendaItem | None:
        return next((a for a in self.agenda if a.method == method), None)

    def methods_done(self) -> list[MethodId]:
        return [a.method for a in self.agenda if a.status == Status.DONE]

    def active_rules(self) -> list[Rule]:
        return [r for r in self.rules.agreed if r.in_force]

    def next_review(self) -> dt.date | None:
        dates = [d for d in (self.rules.review_date, self.wellbeing.follow_up_date) if d]
        return min(dates) if dates else None

    def all_actions(self) -> list[tuple[Goal | None, Action]]:
        pairs: list[tuple[Goal | None, Action]] = [(None, a) for a in self.wellbeing.carried_over]
        for goal in self.wellbeing.goals:
            pairs.extend((goal, a) for a in goal.actions)
        return pairs
