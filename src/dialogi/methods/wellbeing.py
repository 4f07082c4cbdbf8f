"""The five-step wellbeing plan (työhyvinvointisuunnitelma), after Ahola & Furman (2015) and
the yearly cycle of Manka, Heikkilä-Tammi & Vauhkonen (2012).

1. The situation: the figures on operations and on impact, typed or read from a CSV file.
2. Interpretation together: notes, and the key observations the group agrees on.
3. Proposals by theme, tidied; the number of goals; a vote that chooses them; a target date.
4. Each goal worked through: benefits, obstacles, resources, actions with a responsible
   person (vastuuhenkilö) and a due date.
5. The written plan: per goal what could be better, the schedule, the follow-up and its
   indicator with a target value; earlier unfinished work carried in; the follow-up date.

The texts are in ``content/<lang>/wellbeing.toml`` (the method) and ``wellbeing_ui.toml``
(the questions and messages). "The plan so far" can be shown from the menus at any time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dialogi.engine.figures_step import Figures
from dialogi.engine.form_step import ONCE, Ask, Form
from dialogi.engine.items import Collect, Edit, Group, active
from dialogi.engine.steps import Method, Present, View
from dialogi.engine.vote_step import VoteStep
from dialogi.engine.worksheet_step import Worksheet, actions_table
from dialogi.i18n import content
from dialogi.prompts import Choice
from dialogi.record.models import Goal, MethodId, Vote


def wb(session):
    return session.workshop.wellbeing


def one_year_after(date: dt.date) -> dt.date:
    """The same day a year later; 29 February becomes 28 February."""
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return date.replace(year=date.year + 1, day=28)


# -- cards ----------------------------------------------------------------------------------


def _step(session, step_id: str) -> dict[str, Any]:
    return next(s for s in content("wellbeing", session.lang)["steps"] if s["id"] == step_id)


def _panel(title: str, *parts: Any) -> Any:
    from rich.console import Group as Stack
    from rich.panel import Panel
    from rich.text import Text

    return Panel(Stack(*parts), title=Text(title, style="bold"), title_align="left", padding=(1, 2))


def _bullets(lines: list[str], style: str = "") -> Any:
    from rich.text import Text

    from dialogi.render.terminal import safe

    text = Text()
    for n, line in enumerate(lines):
        text.append(("\n" if n else "") + "• ")
        text.append(safe(line, style))
    return text


def _bold(text: str) -> Any:
    from rich.text import Text

    return Text(text, style="bold")


def _stack(*parts: Any) -> Any:
    from rich.console import Group as Stack

    return Stack(*parts)


def step_card(session, step_id: str, *extra: Any) -> Any:
    """The step's name, the instruction and the questions for the group (from wellbeing.toml)."""
    from rich.text import Text

    step = _step(session, step_id)
    parts: list[Any] = [Text(step["instruction"]), Text("")]
    parts += [Text(session.t("wellbeing_ui.questions_for_group"), style="bold"), _bullets(step["questions"], "italic")]
    for renderable in extra:
        parts += [Text(""), renderable]
    return _panel(step["name"], *parts)


def intro(session) -> Any:
    from rich.text import Text

    data = content("wellbeing", session.lang)
    steps = [f"{n}. {s['name']}" for n, s in enumerate(data["steps"], 1)]
    return _panel(
        data["title"],
        Text(data["intro"]),
        Text(""),
        Text(session.t("wellbeing_ui.cycle_title"), style="bold"),
        _bullets(content("wellbeing_ui", session.lang)["cycle"]),
        Text(""),
        Text(session.t("wellbeing_ui.steps_title"), style="bold"),
        Text("\n".join(steps)),
        Text(""),
        Text(session.t("cli.cards.source", source=data["source"]), style="dim"),
    )


def situation_card(session) -> Any:
    from rich.text import Text

    examples = content("wellbeing", session.lang)["indicator_examples"]
    return step_card(
        session, "situation",
        Text(session.t("wellbeing_ui.examples_operations"), style="bold"), _bullets(examples["operations"]),
        Text(session.t("wellbeing_ui.examples_impact"), style="bold"), _bullets(examples["impact"]),
        Text(session.t("wellbeing_ui.csv_hint"), style="dim"),
    )


def indicators(session) -> Any:
    from dialogi.render.plan_view import indicators_renderable

    return indicators_renderable(session.workshop)


def plan_so_far(session) -> Any:
    from dialogi.render.plan_view import plan_so_far as view

    return view(session.workshop)


# -- 2. interpretation ----------------------------------------------------------------------


def _notes(session, _item) -> list[str]:
    return [line for line in wb(session).interpretation.splitlines() if line.strip()]


def _set_notes(session, _item, lines: list[str]) -> None:
    wb(session).interpretation = "\n".join(lines)


def observation_groups(session) -> list[Group]:
    return [Group("", session.t("wellbeing_ui.observations_group"))]


# -- 3. proposals and the choice --------------------------------------------------------------


def _set_themes(session, _item, names: list[str]) -> None:
    wb(session).themes = list(dict.fromkeys(" ".join(n.split())[:200] for n in names if n.strip()))


def proposal_groups(session) -> list[Group]:
    from dialogi.render.terminal import safe

    themes = wb(session).themes
    if not themes:
        return [Group("", session.t("wellbeing_ui.proposals_group"))]
    return [Group(theme, theme, safe(session.t("wellbeing_ui.theme_heading", theme=theme), "bold")) for theme in themes]


def theme_names(session) -> dict[str, str] | None:
    themes = wb(session).themes
    return {theme: theme for theme in themes} if themes else None


def vote_options(session) -> dict[str, str]:
    return {p.id: p.text for p in active(wb(session).proposals)}


def next_goal_id(goals: list[Goal]) -> str:
    numbers = [int(g.id[1:]) for g in goals if g.id.startswith("g") and g.id[1:].isdigit()]
    return f"g{max(numbers, default=0) + 1}"


def set_goals(session, chosen: list[str], texts: dict[str, str]) -> None:
    """The chosen proposals become the goals, in order. A goal chosen again (the vote held
    again) keeps what was already written about it; goals left out this time go."""
    plan = wb(session)
    earlier = {g.from_proposal: g for g in plan.goals if g.from_proposal}
    typed = [g for g in plan.goals if not g.from_proposal]
    goals: list[Goal] = []
    for option in chosen:
        goal = earlier.get(option)
        if goal is None:
            goal = Goal(id=next_goal_id(plan.goals + goals), title=texts.get(option, option), from_proposal=option)
        goals.append(goal)
    plan.goals = goals + typed


def goals_from_vote(session, vote: Vote) -> None:
    """The vote's winners, in ranking order, become the goals."""
    set_goals(session, vote.winners, {**{p.id: p.text for p in wb(session).proposals}, **vote.options})


def needs_vote(session) -> bool:
    """A vote chooses only when there are more proposals than goals to choose."""
    return len(vote_options(session)) > wb(session).goal_count


def take_all_proposals(session, _item, _key: str) -> None:
    """No more proposals than goals: every proposal becomes a goal, without a vote."""
    options = vote_options(session)
    set_goals(session, list(options), options)
    session.save()
    session.show(session.t("wellbeing_ui.all_become_goals", count=len(options)))


def choice_card(session, _item) -> Any:
    from rich.text import Text

    count = len(vote_options(session))
    return Text(session.t("wellbeing_ui.goal_count_intro", count=count))


def chosen_goals(session, _item) -> Any:
    from rich.text import Text

    goals = wb(session).goals
    if not goals:
        return Text(session.t("wellbeing_ui.no_goals_yet"))
    return _panel(session.t("wellbeing_ui.chosen_goals"), _bullets([g.title for g in goals]))


# -- 4. each goal worked through ------------------------------------------------------------

CANVAS = ("benefit_me", "benefit_employer", "benefit_clients", "obstacles", "resources")


def goals(session) -> list[Goal]:
    return wb(session).goals


def _canvas(name: str) -> Ask:
    return Ask(
        name,
        label=lambda s, g: content("wellbeing", s.lang)["canvas"][name],
        get=lambda s, g: getattr(g, name),
        set=lambda s, g, v: setattr(g, name, v),
    )


def goal_heading(session, goal: Goal) -> Any:
    from dialogi.render.terminal import safe

    number = goals(session).index(goal) + 1
    return safe(session.t("wellbeing_ui.goal_heading", number=number, count=len(goals(session)), title=goal.title), "bold")


def goal_card(session, goal: Goal) -> Any:
    from rich.text import Text

    if goal is not goals(session)[0]:
        return goal_heading(session, goal)
    actions = Text(content("wellbeing", session.lang)["canvas"]["actions"], style="dim")
    return step_card(session, "goals", goal_heading(session, goal), actions)


# -- 5. the written plan --------------------------------------------------------------------


def plan_card(session, goal: Goal) -> Any:
    parts: list[Any] = [goal_heading(session, goal)]
    if goal.actions:
        parts.append(actions_table(session, goal.actions))
    if goal is goals(session)[0]:
        return step_card(session, "plan", *parts)
    return _stack(*parts)


def _plan_text(name: str) -> Ask:
    return Ask(
        name,
        label=lambda s, g: content("wellbeing", s.lang)["plan"][name],
        get=lambda s, g: getattr(g, name),
        set=lambda s, g, v: setattr(g, name, v),
    )


def _indicator_of(session, goal: Goal):
    return next((i for i in wb(session).indicators if i.id == goal.indicator), None)


def ask_indicator(session, goal: Goal, key: str) -> None:
    """Which indicator shows success: one from the figures, one described in words (it becomes
    an indicator too, so the review asks for its reading), or none."""
    from dialogi.indicators_csv import named

    listed = wb(session).indicators
    choices = [Choice(i.id, f"{i.name} ({i.unit})" if i.unit else i.name) for i in listed]
    choices += [Choice("other", session.t("wellbeing_ui.indicator_other")), Choice("none", session.t("wellbeing_ui.indicator_none"))]
    current = goal.indicator if _indicator_of(session, goal) else ("other" if goal.indicator else "none")
    picked = session.asker.select(key, content("wellbeing", session.lang)["plan"]["indicator"], choices, current)
    if picked == "other":
        text = session.asker.text(f"{key}_text", session.t("wellbeing_ui.indicator_text"), goal.indicator if current == "other" else "")
        goal.indicator = named(listed, text).id if text.strip() else ""
    else:
        goal.indicator = "" if picked == "none" else picked
    if not goal.indicator:
        goal.target_value = None
    session.save()


def _target_label(session, goal: Goal) -> str:
    found = _indicator_of(session, goal)
    name = found.name if found else goal.indicator
    if found and found.unit:
        return session.t("wellbeing_ui.target_with_unit", indicator=name, unit=found.unit)
    return session.t("wellbeing_ui.target", indicator=name)


def ask_target(session, goal: Goal, key: str) -> None:
    """The target value; a unit written after it (``20 h``) becomes the indicator's unit when
    it has none. The follow-up compares the indicator with the target."""
    from dialogi.engine.form_step import ask_figure
    from dialogi.indicators_csv import unit_after

    goal.target_value, answer = ask_figure(session, key, _target_label(session, goal), goal.target_value)
    found = _indicator_of(session, goal)
    if found is not None and goal.target_value is not None:
        found.target = goal.target_value
        found.unit = found.unit or unit_after(answer)
    session.save()


def ask_direction(session, goal: Goal, key: str) -> None:
    """Which way is better for the goal's indicator; the default is read from the value now
    and the target (a target below the value: lower is better)."""
    from dialogi.followup.figures import direction

    found = _indicator_of(session, goal)
    assert found is not None
    start = found.value if found.value is not None else found.previous
    default = found.direction or direction(start, goal.target_value) or "unknown"
    choices = [Choice(d, session.t(f"wellbeing_ui.direction_{d}")) for d in ("lower", "higher", "unknown")]
    picked = session.asker.select(key, session.t("wellbeing_ui.direction", indicator=found.name), choices, default)
    found.direction = None if picked == "unknown" else picked
    session.save()


def carry_card(session, _item) -> Any:
    from rich.text import Text

    question = content("wellbeing", session.lang)["plan"]["carry_over"]
    carried = wb(session).carried_over
    if not carried:
        return _panel(session.t("wellbeing_ui.carry_title"), Text(question), Text(""), Text(session.t("wellbeing_ui.carry_none_yet")))
    return _panel(session.t("wellbeing_ui.carry_title"), Text(question), Text(""), actions_table(session, carried))


def ask_keep(session, _item, key: str) -> None:
    """Of the earlier unfinished actions carried into this workshop, which stay in this plan."""
    plan = wb(session)
    choices = [Choice(a.id, a.text) for a in plan.carried_over]
    keep = session.asker.checkbox(key, session.t("wellbeing_ui.carry_keep"), choices, [a.id for a in plan.carried_over])
    left = [a.text for a in plan.carried_over if a.id not in keep]
    plan.carried_over = [a for a in plan.carried_over if a.id in keep]
    session.save()
    if left:
        session.show(session.t("wellbeing_ui.carry_left", actions="; ".join(left)))


# -- the method -----------------------------------------------------------------------------


WELLBEING = Method(
    MethodId.WELLBEING,
    [
        Present("wellbeing.intro", "wellbeing_ui.step_intro", intro),
        # 1. the situation
        Figures("wellbeing.figures", "wellbeing_ui.step_situation", lambda s: wb(s).indicators, intro=situation_card, table=indicators),
        # 2. interpretation together
        Form(
            "wellbeing.interpretation", "wellbeing_ui.step_interpretation",
            [Ask("", lambda s, i: s.t("wellbeing_ui.interpretation_notes"), _notes, _set_notes, kind="lines")],
            card=lambda s, i: _stack(step_card(s, "interpretation"), indicators(s)),
        ),
        Collect(
            "wellbeing.observations", "wellbeing_ui.step_observations", observation_groups, lambda s: wb(s).observations,
            prefix="o", prompt_key="wellbeing_ui.collect_observations",
        ),
        # 3. proposals and the choice of goals
        Form(
            "wellbeing.themes", "wellbeing_ui.step_themes",
            [Ask("", lambda s, i: s.t("wellbeing_ui.themes_question"), lambda s, i: list(wb(s).themes), _set_themes, kind="lines")],
            card=lambda s, i: step_card(s, "proposals"),
        ),
        Collect("wellbeing.proposals", "wellbeing_ui.step_proposals", proposal_groups, lambda s: wb(s).proposals, prefix="p"),
        Edit("wellbeing.tidy", "wellbeing_ui.step_tidy", lambda s: wb(s).proposals, groups=theme_names, prefix="p"),
        Form(
            "wellbeing", "wellbeing_ui.step_goal_count",
            [Ask("goal_count", lambda s, i: s.t("wellbeing_ui.goal_count"), lambda s, i: wb(s).goal_count,
                 lambda s, i, v: setattr(wb(s), "goal_count", v), kind="integer", minimum=1, maximum=10),
             Ask("goals", lambda s, i: "", ask=take_all_proposals, when=lambda s, i: not needs_vote(s))],
            card=choice_card,
        ),
        VoteStep(
            "wellbeing.vote", "wellbeing_ui.step_vote", options=vote_options, select=lambda s: wb(s).goal_count,
            votes=lambda s: wb(s).votes, on_result=goals_from_vote, subject_key="wellbeing_ui.vote_subject",
            when=needs_vote,
        ),
        Form(
            "wellbeing", "wellbeing_ui.step_target_date",
            [Ask("target_date", lambda s, i: s.t("wellbeing_ui.target_date"), lambda s, i: wb(s).target_date,
                 lambda s, i, v: setattr(wb(s), "target_date", v), kind="date", optional=False,
                 default=lambda s, i: one_year_after(s.workshop.date))],
            card=chosen_goals,
        ),
        # 4. each goal worked through
        Worksheet(
            "wellbeing.goals", "wellbeing_ui.step_goals", goals, key=lambda g: g.id, actions=lambda s, g: g.actions,
            card=goal_card, heading=goal_heading, questions=[_canvas(name) for name in CANVAS],
            action_key="wellbeing_ui.action_text", empty_key="wellbeing_ui.no_goals_yet",
        ),
        # 5. the written plan
        Form(
            "wellbeing.plan", "wellbeing_ui.step_plan",
            [
                _plan_text("improvement"),
                _plan_text("schedule"),
                _plan_text("follow_up"),
                Ask("indicator", lambda s, g: "", ask=ask_indicator),
                Ask("target", _target_label, ask=ask_target, when=lambda s, g: bool(g.indicator)),
                Ask("direction", lambda s, g: "", ask=ask_direction,
                    when=lambda s, g: _indicator_of(s, g) is not None and g.target_value is not None),
            ],
            items=goals, key=lambda g: g.id, card=plan_card, empty_key="wellbeing_ui.no_goals_yet",
        ),
        Worksheet(
            "wellbeing.carry", "wellbeing_ui.step_carry", lambda s: [ONCE], key=lambda i: "",
            actions=lambda s, i: wb(s).carried_over, card=carry_card,
            heading=lambda s, i: _bold(s.t("wellbeing_ui.carry_title")),
            questions=[Ask("keep", lambda s, i: "", ask=ask_keep, when=lambda s, i: bool(wb(s).carried_over))],
            action_key="wellbeing_ui.carry_text",
        ),
        Form(
            "wellbeing", "wellbeing_ui.step_follow_up",
            [Ask("follow_up_date", lambda s, i: s.t("wellbeing_ui.follow_up_date"), lambda s, i: wb(s).follow_up_date,
                 lambda s, i, v: setattr(wb(s), "follow_up_date", v), kind="date", optional=False,
                 default=lambda s, i: one_year_after(s.workshop.date))],
            card=lambda s, i: step_card(s, "plan"),
        ),
        Present("wellbeing.summary", "wellbeing_ui.step_summary", plan_so_far),
    ],
    views=[View("wellbeing.plan", "wellbeing_ui.show_plan", plan_so_far)],
)
