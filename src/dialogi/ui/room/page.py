"""The phone page: plain HTML forms in the workshop's language, escaped in one place.

Every page works without JavaScript: a form posts, the server answers with the confirmation
(or the same form with the reason it was refused and what was typed), and the waiting and
confirmation pages reload themselves (``<noscript>`` refresh). ``phone.js``, served by dialogi
itself, only adds comfort: it notices a new question without a reload every few seconds and
counts the dots left while one votes.

Every string that reaches the HTML goes through :func:`esc`, participants' words and the
workshop's texts alike. Labels are real ``<label>``s and radio groups are ``<fieldset>`` with
a ``<legend>``, so a screen reader reads each choice with its question.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from dialogi.i18n import plural, t
from dialogi.ui.room.rounds import SCALE, Fields, Kind, Limits, Question, Round
from dialogi.voting import LEVELS, Method

DOT_BUTTONS = 5  # up to this many choices (0..4 dots) are buttons in one row; a higher cap gets a number field
REFRESH_SECONDS = 5  # the waiting page reloads this often without JavaScript


def esc(text: Any) -> str:
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class Context:
    """What every page needs: the language, the room's title and its base path (``/KEY/``)."""

    lang: str
    title: str
    base: str
    limits: Limits = Limits()

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)


def layout(ctx: Context, body: str, *, round_id: str = "", refresh: bool = False) -> str:
    heading = ctx.title or ctx.t("room.page.title")
    noscript = f'<noscript><meta http-equiv="refresh" content="{REFRESH_SECONDS}"></noscript>' if refresh else ""
    return (
        f'<!doctype html>\n<html lang="{esc(ctx.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(heading)}</title>\n{noscript}"
        f'<link rel="stylesheet" href="{esc(ctx.base)}phone.css">\n'
        f'<script src="{esc(ctx.base)}phone.js" defer></script>\n</head>\n'
        f'<body>\n<main data-round="{esc(round_id)}" data-state="{esc(ctx.base)}state">\n'
        f'<p class="room">{esc(heading)}</p>\n{body}\n</main>\n</body>\n</html>\n'
    )


def waiting(ctx: Context) -> str:
    body = f'<h1>{esc(ctx.t("room.page.waiting"))}</h1>\n<p>{esc(ctx.t("room.page.waiting_note"))}</p>'
    return layout(ctx, body, refresh=True)


def message(ctx: Context, text: str, *, link: bool = True) -> str:
    back = f'<p><a class="button" href="{esc(ctx.base)}">{esc(ctx.t("room.page.back"))}</a></p>' if link else ""
    return layout(ctx, f'<h1 role="alert">{esc(text)}</h1>\n{back}')


def confirmation(ctx: Context, rnd: Round, answer: Any) -> str:
    q = rnd.question
    body = (
        f'<h1 role="status">{esc(ctx.t("room.page.sent"))}</h1>\n'
        f"<h2>{esc(_heading(ctx, q))}</h2>\n<p>{esc(ctx.t('room.page.your_answer'))}</p>\n{_answer(ctx, q, answer)}\n"
        f'<p>{esc(ctx.t("room.page.change_note"))}</p>\n'
        f'<p><a class="button secondary" href="{esc(ctx.base)}?change=1">{esc(ctx.t("room.page.change"))}</a></p>'
    )
    return layout(ctx, body, round_id=rnd.id, refresh=True)


def form(ctx: Context, rnd: Round, fields: Fields | None = None, error: str = "") -> str:
    """The question's form, filled with ``fields`` (the phone's own answer, or what it typed)."""
    q = rnd.question
    fields = fields or {}
    alert = f'<p class="error" role="alert">{esc(error)}</p>\n' if error else ""
    note = f'<p class="note">{esc(ctx.t("room.page.secret_note"))}</p>\n' if q.kind is not Kind.PROPOSALS else ""
    body = (
        f"<h1>{esc(_heading(ctx, q))}</h1>\n{alert}{note}"
        f'<form method="post" action="{esc(ctx.base)}" accept-charset="utf-8">\n'
        f'<input type="hidden" name="round" value="{esc(rnd.id)}">\n{_inputs(ctx, q, fields)}\n'
        f'<button type="submit">{esc(ctx.t("room.page.submit"))}</button>\n</form>'
    )
    return layout(ctx, body, round_id=rnd.id)


def _heading(ctx: Context, q: Question) -> str:
    return q.prompt or ctx.t("room.page.question")


# -- the inputs of each kind of question -------------------------------------------------------


def _inputs(ctx: Context, q: Question, fields: Fields) -> str:
    if q.kind in (Kind.PROPOSALS, Kind.ANSWERS):
        proposals = q.kind is Kind.PROPOSALS
        label = ctx.t("room.page.proposals_label" if proposals else "room.page.answer_label")
        limit = ctx.limits.lines * (ctx.limits.line_chars + 1) if proposals else ctx.limits.answer_chars
        value = _first(fields, "text")
        return (
            f'<label for="text">{esc(label)}</label>\n'
            f'<textarea id="text" name="text" rows="{6 if proposals else 5}" maxlength="{limit}">{esc(value)}</textarea>'
        )
    if q.kind is Kind.RATINGS:
        groups = [
            _radios(f"rate.{item}", f"r-{n}", label, [(str(v), str(v), ctx.t(f"steps.scale_{v}")) for v in SCALE], _first(fields, f"rate.{item}"), "scale")
            for n, (item, label) in enumerate(q.items.items())
        ]
        return f'<p class="help">{esc(ctx.t("room.page.rate_help"))}</p>\n' + "\n".join(groups)
    spec = q.spec
    assert spec is not None
    if spec.method is Method.FIST:
        levels = [(level, ctx.t(f"vote.scale_{level}"), "") for level in LEVELS]
        return _radios("level", "l", ctx.t("room.page.fist_legend"), levels, _first(fields, "level"), "levels")
    if spec.method is Method.APPROVAL:
        chosen = set(fields.get("approve", []))
        boxes = "\n".join(
            f'<label class="choice" for="a-{n}"><input type="checkbox" id="a-{n}" name="approve" value="{esc(option)}"'
            f'{" checked" if option in chosen else ""}> <span>{esc(text)}</span></label>'
            for n, (option, text) in enumerate(spec.options.items())
        )
        return f'<fieldset class="options"><legend>{esc(ctx.t("room.page.approval_legend"))}</legend>\n{boxes}\n</fieldset>'
    assert spec.budget is not None and spec.cap is not None
    rule = ctx.t("room.page.dots_rule", budget=spec.budget, cap=spec.cap)
    left, over = esc(ctx.t("room.page.dots_left", left="{left}")), esc(ctx.t("room.page.dots_over", over="{over}"))
    parts = [
        f'<p class="help" id="dots-rule">{esc(rule)}</p>',
        f'<p class="left" aria-live="polite" data-budget="{spec.budget}" data-template="{left}" data-over="{over}"></p>',
    ]
    for n, (option, text) in enumerate(spec.options.items()):
        name, given = f"dots.{option}", _first(fields, f"dots.{option}") or "0"
        if spec.cap < DOT_BUTTONS:
            choices = [(str(d), str(d), plural("room.page.dots", d, ctx.lang)) for d in range(spec.cap + 1)]
            parts.append(_radios(name, f"d-{n}", text, choices, given, "dots"))
        else:
            parts.append(
                f'<label for="d-{n}">{esc(text)}</label>\n'
                f'<input type="number" inputmode="numeric" class="dots" id="d-{n}" name="{esc(name)}" min="0" max="{spec.cap}" value="{esc(given)}">'
            )
    return "\n".join(parts)


def _radios(name: str, prefix: str, legend: str, choices: list[tuple[str, str, str]], checked: str, style: str) -> str:
    """A radio group: (value, visible label, label for a screen reader, if other) per choice."""
    buttons = []
    for n, (value, label, spoken) in enumerate(choices):
        said = f'<span class="sr">{esc(spoken)}</span><span aria-hidden="true">{esc(label)}</span>' if spoken else f"<span>{esc(label)}</span>"
        buttons.append(
            f'<label class="choice" for="{prefix}-{n}"><input type="radio" id="{prefix}-{n}" name="{esc(name)}" value="{esc(value)}"'
            f'{" checked" if value == checked else ""}> {said}</label>'
        )
    return f'<fieldset class="{style}"><legend>{esc(legend)}</legend>\n' + "\n".join(buttons) + "\n</fieldset>"


def _first(fields: Fields, name: str) -> str:
    values = fields.get(name, [])
    return values[0] if values else ""


# -- the phone's own answer, as sent -----------------------------------------------------------


def _answer(ctx: Context, q: Question, answer: Any) -> str:
    if q.kind is Kind.ANSWERS:
        return f'<p class="answer">{esc(answer)}</p>'
    if q.kind is Kind.PROPOSALS:
        return _list(answer)
    if q.kind is Kind.RATINGS:
        return _list(ctx.t("room.page.rated", item=q.items[item], value=ctx.t(f"steps.scale_{value}")) for item, value in answer.items())
    spec = q.spec
    assert spec is not None
    if spec.method is Method.FIST:
        return f'<p class="answer">{esc(ctx.t(f"vote.scale_{answer}"))}</p>'
    if spec.method is Method.APPROVAL:
        return _list(spec.options[o] for o in answer) if answer else f'<p class="answer">{esc(ctx.t("room.page.approved_none"))}</p>'
    if not answer:
        return f'<p class="answer">{esc(ctx.t("room.page.dots_none"))}</p>'
    return _list(ctx.t("room.page.dotted", option=spec.options[o], dots=plural("room.page.dots", n, ctx.lang)) for o, n in answer.items())


def _list(texts: Any) -> str:
    return '<ul class="answer">' + "".join(f"<li>{esc(text)}</li>" for text in texts) + "</ul>"


def fields_of(q: Question, answer: Any) -> dict[str, list[str]]:
    """A given answer as the form's fields, to fill the form when the phone changes it."""
    if q.kind is Kind.PROPOSALS:
        return {"text": ["\n".join(answer)]}
    if q.kind is Kind.ANSWERS:
        return {"text": [answer]}
    if q.kind is Kind.RATINGS:
        return {f"rate.{item}": [str(value)] for item, value in answer.items()}
    assert q.spec is not None
    if q.spec.method is Method.FIST:
        return {"level": [str(answer)]}
    if q.spec.method is Method.APPROVAL:
        return {"approve": list(answer)}
    return {f"dots.{option}": [str(n)] for option, n in answer.items()}
