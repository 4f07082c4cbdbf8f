"""Creating a workshop: its metadata from options or questions, and its first file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dialogi.engine.agenda import TEMPLATES, agenda_for
from dialogi.errors import BadAnswers, UsageError
from dialogi.i18n import LANGUAGES, t
from dialogi.prompts import Asker, Choice
from dialogi.record.models import MethodId, Workshop


@dataclass
class Metadata:
    title: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    team: str = ""
    facilitator: str = ""
    language: str = "fi"
    participant_count: int = 0
    participants: list[str] = field(default_factory=list)
    template: str = "dialogue"
    methods: list[MethodId] = field(default_factory=list)


def split_names(text: str) -> list[str]:
    return [n.strip() for n in text.replace("\n", ",").split(",") if n.strip()]


def check_template(template: str) -> None:
    if template not in TEMPLATES:
        raise UsageError("errors.bad_template", value=template, choices=", ".join(TEMPLATES))


def parse_methods(text: str) -> list[MethodId]:
    known = {m.value: m for m in MethodId}
    methods = []
    for name in split_names(text):
        if name not in known:
            raise UsageError("cli.new.bad_method", value=name, choices=", ".join(known))
        methods.append(known[name])
    return methods


def ask_metadata(asker: Asker, meta: Metadata, title_default: str = "") -> Metadata:
    """Ask for what the options left open; each answer has a sensible default but the title."""
    from dialogi.dates import parse_date

    while not meta.title:
        meta.title = asker.text("new.title", t("cli.new.ask_title"), title_default)
        if not meta.title and not asker.interactive():  # an answers file would give "" forever
            raise BadAnswers("prompts.missing_answer", file=getattr(asker, "source", "--answers"), key="new.title", question=t("cli.new.ask_title"))
    while True:
        answer = asker.text("new.date", t("cli.new.ask_date"), meta.date.isoformat())
        try:
            meta.date = parse_date(answer)
            break
        except UsageError as error:
            if not asker.interactive():  # asking again would get the same answer: name the file and the key
                raise BadAnswers("prompts.bad_answer", file=getattr(asker, "source", "--answers"), key="new.date",
                                 value=repr(answer), expected=t("form.expect_date")) from None
            print(error.message())
    meta.team = asker.text("new.team", t("cli.new.ask_team"), meta.team)
    meta.facilitator = asker.text("new.facilitator", t("cli.new.ask_facilitator"), meta.facilitator)
    languages = [Choice(code, t(f"cli.language.{code}")) for code in LANGUAGES]
    meta.language = asker.select("new.language", t("cli.new.ask_language"), languages, meta.language)
    meta.participants = split_names(asker.text("new.names", t("cli.new.ask_names"), ", ".join(meta.participants)))
    meta.participant_count = asker.integer(
        "new.participants", t("cli.new.ask_count"), max(meta.participant_count, len(meta.participants)), minimum=len(meta.participants), maximum=10_000
    )
    templates = [Choice(name, t(f"cli.template.{name}")) for name in TEMPLATES]
    meta.template = asker.select("new.template", t("cli.new.ask_template"), templates, meta.template)
    if meta.template == "custom":
        choices = [Choice(m.value, t(f"cli.method.{m.value}")) for m in MethodId]
        meta.methods = [MethodId(v) for v in asker.checkbox("new.methods", t("cli.new.ask_methods"), choices, [m.value for m in meta.methods] or [MethodId.PRINCIPLES.value])]
    return meta


def build(meta: Metadata) -> Workshop:
    from pydantic import ValidationError

    methods = meta.methods if meta.template == "custom" else TEMPLATES[meta.template]
    try:
        return _workshop(meta, methods)
    except ValidationError as e:  # a 300-character title, say: the user's to fix, not a bug
        from dialogi.record.problems import describe

        raise UsageError("errors.bad_details", details=describe(e)) from None


def _workshop(meta: Metadata, methods: list[MethodId]) -> Workshop:
    return Workshop(
        title=meta.title.strip(),
        date=meta.date,
        team=meta.team.strip(),
        facilitator=meta.facilitator.strip(),
        language=meta.language,
        participant_count=max(meta.participant_count, len(meta.participants)),
        participants=meta.participants,
        agenda=agenda_for(methods),
    )


def create(folder: Path, workshop: Workshop) -> Path:
    from dialogi.record import store
    from dialogi.record.naming import file_name

    path = store.create(folder / file_name(workshop.title, workshop.date), workshop)
    store.remove_orphans(folder)  # what a killed new or session left here
    return path


def fill_from_last(meta: Metadata, last: Workshop, template_given: bool) -> Metadata:
    """``dialogi new --from``: last year's details where the options left them open (not the date)."""
    from dialogi.carry_over import template_of

    meta.team = meta.team or last.team
    meta.facilitator = meta.facilitator or last.facilitator
    if not meta.participants and not meta.participant_count:
        meta.participants = list(last.participants)
        meta.participant_count = last.participant_count
    if not template_given:
        meta.template, meta.methods = template_of(last)
    return meta
