"""Turn a step, an outcome or the case set into the plain values its template shows."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from selfcheck import engine
from selfcheck.cases import OVER, UNDER, CaseSet
from selfcheck.definition import CRISIS_LINE, EMERGENCY_NUMBER, URGENT_CARE_NUMBER, Definition, Step
from selfcheck.engine import Answer, Outcome
from selfcheck.forms import StepForm
from selfcheck.progress import Progress

# Levels whose page leads with the call to make: the notes that belong with it come before
# "What to do", and nothing else (no reading list) competes with it.
ACT_NOW_LEVELS = (engine.EMERGENCY, engine.ACT_NOW)


@dataclass(frozen=True)
class AnsweredStep:
    id: str
    title: str
    # (question label, what was picked in words)
    lines: list[tuple[str, str]]


def step_page(definition: Definition, step: Step, form: StepForm) -> dict:
    questions = form.questions()
    return {
        "step": step,
        "intro": linked(step.intro),
        # The start page is step 1, so the first question page reads "Step 2 of 5".
        "step_number": definition.steps.index(step) + 2,
        "total_steps": len(definition.steps) + 1,
        "form": form,
        "questions": questions,
        # (the input to jump to, the question, the problem) for the error summary.
        "errors": [(q.choices[0].input_id, q.question.label, m) for q in questions for m in q.errors],
    }


def result_page(definition: Definition, progress: Progress, outcome: Outcome) -> dict:
    result = definition.results[outcome.level]
    act_now = outcome.level in ACT_NOW_LEVELS
    notes = [
        {"id": advice.id, "title": fill(advice.title), "text": linked(advice.text), "link": advice.link}
        for advice in (definition.advice[a] for a in outcome.advice)
    ]
    leading = [note for note in notes if note["id"] in outcome.leading]
    return {
        "level": outcome.level,
        "is_emergency": outcome.level == engine.EMERGENCY,
        "acts_now": act_now,
        "title": fill(result.title),
        "summary": linked(result.summary),
        "reasons": definition.summaries(outcome.reasons),
        # On a page that says to act now, its own notes come before "What to do" and the
        # rest after it; elsewhere they all follow "What to do", the ones behind the level first.
        "advice_first": leading if act_now else [],
        "advice": [n for n in notes if n not in leading]
        if act_now
        else leading + [n for n in notes if n not in leading],
        "do": [linked(text) for text in result.do],
        "bring": [linked(text) for text in result.bring],
        "ask": [linked(text) for text in result.ask],
        "safety_net": [linked(text) for text in result.safety_net],
        "articles": () if act_now else result.articles,
        "answered_steps": answered_steps(definition, progress),
    }


def fill(text: str) -> str:
    """`text` with its placeholders replaced by the configured numbers, as plain text."""
    return _replace(
        text, lambda name, number: _name_on_number().format(name=name, number=number) if name else number
    )


def linked(text: str) -> SafeString:
    """`text`, escaped, with each configured number a link that dials it."""

    def link(name, number):
        anchor = format_html('<a href="tel:{}">{}</a>', re.sub(r"[^0-9+]", "", number), number)
        return format_html(_name_on_number(), name=name, number=anchor) if name else anchor

    return mark_safe(_replace(escape(text), link))  # noqa: S308 (escaped above; links built by format_html)


def _name_on_number() -> str:
    # A helpline named with its number, as in "call Samaritans on 116 123".
    return pgettext("a helpline and its number", "{name} on {number}")


def _replace(text: str, render) -> str:
    crisis = settings.CRISIS_LINE
    values = {
        EMERGENCY_NUMBER: render("", settings.EMERGENCY_NUMBER),
        URGENT_CARE_NUMBER: render("", settings.URGENT_CARE_NUMBER),
        CRISIS_LINE: render(crisis["name"], crisis["number"]),
    }
    for placeholder, value in values.items():
        text = text.replace(placeholder, str(value))
    return text


def answered_steps(definition: Definition, progress: Progress) -> list[AnsweredStep]:
    """Every answer given, step by step, in words: for "change my answers" and for printing."""
    steps = []
    for step in definition.steps:
        given = progress.answers.get(step.id)
        if given is None:
            continue
        lines = []
        for question in step.questions:
            picked = given.get(question.id, ())
            if picked:
                text = "; ".join(definition.summaries(tuple(Answer(question.id, o) for o in picked)))
            elif question.ask_if and not given.get(question.ask_if):
                continue
            else:
                text = gettext("none of these") if question.none_label else gettext("not answered")
            lines.append((question.label, text))
        steps.append(AnsweredStep(step.id, step.title, lines))
    return steps


def cases_page(definition: Definition, case_set: CaseSet) -> dict:
    """Every published case with the level the check gives it today, grouped as in the file."""

    def label(level):
        return fill(definition.results[level].label)

    groups, counts = [], {UNDER: 0, OVER: 0}
    for group in case_set.groups:
        rows = []
        for case in group.cases:
            level = definition.evaluate(case.answers).level
            verdict = case.verdict(level)
            counts[verdict] = counts.get(verdict, 0) + 1
            answers = tuple(Answer(q, o) for q, options in case.answers.items() for o in options)
            expected = label(case.lowest)
            if case.highest != case.lowest:
                expected = pgettext("from one result to a more urgent one", "{lowest} to {highest}").format(
                    lowest=label(case.lowest), highest=label(case.highest)
                )
            rows.append(
                {
                    "number": case.number,
                    "description": case.description,
                    "answers": definition.summaries(answers)
                    or [gettext("none of the signs or risks asked about")],
                    "expected": expected,
                    "today": label(level),
                    "verdict": verdict,
                    "source": case.source,
                }
            )
        groups.append({"id": group.id, "title": group.title, "rows": rows})
    return {
        "groups": groups,
        "total": len(case_set.cases),
        "under": counts[UNDER],
        "over": counts[OVER],
        "case_set": case_set,
        "levels": [(label(level), fill(definition.results[level].title)) for level in engine.LEVELS],
    }
