"""One form per self-check step, built from the step's questions in content/selfcheck.yaml.

The form checks only what a person could get wrong or what a forged post could contain:
an unknown option, nothing ticked, "none of these" ticked together with a sign, a missing
required answer. Which level of care the answers call for is the engine's job, not the form's.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext, gettext_noop

from selfcheck.definition import NONE, Question, Step

INVALID = gettext_noop("Choose from the answers shown.")
NOTHING_TICKED = gettext_noop("Tick the ones that apply, or ‘None of these’.")
NONE_AND_MORE = gettext_noop("You ticked ‘None of these’ and another answer. Tick only the ones that apply.")
NOTHING_CHOSEN = gettext_noop("Choose one answer.")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    hint: str
    checked: bool
    input_id: str
    # "None of these": shown apart from the others, and unticks them when JavaScript runs.
    exclusive: bool = False


@dataclass(frozen=True)
class QuestionField:
    """What the template needs to draw one question as a fieldset."""

    question: Question
    name: str
    input_type: str
    choices: list[Choice]
    errors: list[str]

    @property
    def id(self):
        return f"q-{self.question.id}"


class StepForm(forms.Form):
    def __init__(self, step: Step, *args, answers=None, **kwargs):
        """`answers`, when given, are this step's earlier answers, to show them ticked again."""
        super().__init__(*args, initial=_initial(step, answers), **kwargs)
        self.step = step
        for question in step.questions:
            choices = [(o.id, o.label) for o in question.options]
            messages = {"invalid_choice": gettext(INVALID), "invalid_list": gettext(INVALID)}
            if question.multiple:
                if question.none_label:
                    choices.append((NONE, question.none_label))
                field = forms.MultipleChoiceField(choices=choices, required=False, error_messages=messages)
            else:
                field = forms.ChoiceField(choices=choices, required=False, error_messages=messages)
            self.fields[question.id] = field

    def clean(self):
        data = super().clean()
        picked = {q.id: _picked(data.get(q.id)) for q in self.step.questions}
        for question in self.step.questions:
            if question.id in self.errors:
                continue
            value = data.get(question.id)
            if question.ask_if and not picked.get(question.ask_if):
                # Not asked (nothing ticked above it): an answer sent anyway is dropped.
                picked[question.id] = ()
            elif question.multiple and NONE in value and picked[question.id]:
                self.add_error(question.id, gettext(NONE_AND_MORE))
            elif question.required and not value:
                self.add_error(question.id, gettext(NOTHING_TICKED if question.multiple else NOTHING_CHOSEN))
        self.picked = picked
        return data

    def answers(self) -> dict[str, tuple[str, ...]]:
        """question id -> the options picked, without "none of these"; valid forms only."""
        return dict(self.picked)

    def questions(self) -> list[QuestionField]:
        fields = []
        for question in self.step.questions:
            bound = self[question.id]
            shown = bound.value()
            ticked = set(shown or ()) if question.multiple else {shown}
            choices = [
                Choice(
                    value=value,
                    label=label,
                    hint=question.option(value).hint if value != NONE else "",
                    checked=value in ticked,
                    input_id=f"q-{question.id}-{value}",
                    exclusive=value == NONE,
                )
                for value, label in bound.field.choices
            ]
            fields.append(
                QuestionField(
                    question=question,
                    name=bound.html_name,
                    input_type="checkbox" if question.multiple else "radio",
                    choices=choices,
                    errors=list(bound.errors),
                )
            )
        return fields


def _picked(value) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(v for v in value if v != NONE)
    return (value,) if value else ()


def _initial(step: Step, answers) -> dict:
    if answers is None:
        return {}
    initial = {}
    for question in step.questions:
        options = list(answers.get(question.id, ()))
        if question.multiple:
            initial[question.id] = options or ([NONE] if question.none_label else [])
        elif options:
            initial[question.id] = options[0]
    return initial
