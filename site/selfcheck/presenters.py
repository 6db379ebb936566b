"""Turn a step or an outcome into the plain values its template shows."""

from dataclasses import dataclass

from selfcheck.definition import PLACEHOLDER, Definition, Step
from selfcheck.engine import EMERGENCY, Answer, Outcome
from selfcheck.forms import StepForm
from selfcheck.progress import Progress


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
        # The start page is step 1, so the first question page reads "Step 2 of 5".
        "step_number": definition.steps.index(step) + 2,
        "total_steps": len(definition.steps) + 1,
        "form": form,
        "questions": questions,
        # (the input to jump to, the question, the problem) for the error summary.
        "errors": [(q.choices[0].input_id, q.question.label, m) for q in questions for m in q.errors],
    }


def result_page(definition: Definition, progress: Progress, outcome: Outcome, emergency_number: str) -> dict:
    def fill(text):
        return text.replace(PLACEHOLDER, emergency_number)

    result = definition.results[outcome.level]
    return {
        "level": outcome.level,
        "is_emergency": outcome.level == EMERGENCY,
        "title": fill(result.title),
        "summary": fill(result.summary),
        "reasons": definition.summaries(outcome.reasons),
        "advice": [
            {"title": advice.title, "text": fill(advice.text), "link": advice.link}
            for advice in (definition.advice[a] for a in outcome.advice)
        ],
        "do": [fill(text) for text in result.do],
        "bring": [fill(text) for text in result.bring],
        "ask": [fill(text) for text in result.ask],
        "safety_net": [fill(text) for text in result.safety_net],
        "articles": result.articles,
        "answered_steps": answered_steps(definition, progress),
    }


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
                text = "none of these" if question.none_label else "not answered"
            lines.append((question.label, text))
        steps.append(AnsweredStep(step.id, step.title, lines))
    return steps
