"""The explainer's one form: which test, the number, its unit, the lab's range, and three ticks.

It checks what a person could get wrong from a lab report, with a sentence for each: a
missing or unreadable number, zero or less, a number no lab reports, a unit that does not fit
the test, half a range or a range the wrong way round. A comma as decimal mark is accepted.
Whatever was typed is shown again as typed. Where the number sits is the engine's job.
"""

from dataclasses import dataclass
from fractions import Fraction

from django import forms
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from explainer import engine
from explainer.definition import Explainer

VALUE = "value"
LAB_LOW = "lab_low"
LAB_HIGH = "lab_high"
NUMBER_FIELDS = (VALUE, LAB_LOW, LAB_HIGH)
FLAGS = ("on_b12", "pregnant", "nerve")

TEST_CHOICES = [
    (engine.TOTAL, gettext_lazy("Total B12")),
    (engine.ACTIVE, gettext_lazy("Active B12 (holotranscobalamin)")),
]
UNIT_CHOICES = [(unit, unit) for unit in engine.UNITS[engine.TOTAL]]
FLAG_LABELS = {
    "on_b12": gettext_lazy("I already take B12 tablets or have B12 injections"),
    "pregnant": gettext_lazy("I am pregnant"),
    "nerve": gettext_lazy("I have numbness, tingling, weakness, or problems with balance or memory"),
}

# The messages are in English here and translated where they are shown (gettext), so each
# constant stays the plain sentence the tests compare with.
CHOOSE_TEST = gettext_noop("Choose the test your report shows: total B12 or active B12.")
CHOOSE_UNIT = gettext_noop("Choose the unit printed next to your result.")
ACTIVE_IN_PMOL = gettext_noop(
    "Active B12 is always given in pmol/L. Check the unit on your report. "
    "If it says pg/mL or ng/L, choose total B12 instead."
)
HALF_A_RANGE = gettext_noop("Enter both ends of the range, or leave both empty.")
RANGE_BACKWARDS = gettext_noop(
    "The low end of the range must be smaller than the high end. Check the range on your report."
)
# What each number field is called inside a message, and an example that fits it.
NAMES = {
    VALUE: (gettext_noop("your result"), gettext_noop("250 or 132.5")),
    LAB_LOW: (gettext_noop("the low end of the range"), "180"),
    LAB_HIGH: (gettext_noop("the high end of the range"), "900"),
}
NUMBER_MESSAGES = {
    engine.EMPTY: gettext_noop("Enter the number from your report, for example {example}."),
    engine.NOT_A_NUMBER: gettext_noop("Enter {name} as a number only, for example {example}."),
    engine.LIMIT_SIGN: gettext_noop("Enter {name} without the < or > sign in front of it."),
    engine.NOT_POSITIVE: gettext_noop(
        "Enter {name} as a number above zero. A B12 level is never zero or less."
    ),
    engine.AMBIGUOUS_COMMA: gettext_noop(
        "We cannot tell if the comma in {name} is a decimal mark. Enter it again without the "
        "comma, for example 1200, or with a point, for example 1.2."
    ),
    engine.TOO_PRECISE: gettext_noop(
        "Enter {name} with no more than 3 digits after the decimal mark, as it is printed."
    ),
    engine.TOO_LARGE: gettext_noop(
        "No lab reports a B12 level this high. Check {name} and the unit on your report."
    ),
}


def number_message(field: str, code: str) -> str:
    name, example = NAMES[field]
    text = gettext(NUMBER_MESSAGES[code]).format(name=gettext(name), example=gettext(example))
    return text[0].upper() + text[1:]


@dataclass(frozen=True)
class Flags:
    on_b12: bool = False
    pregnant: bool = False
    nerve: bool = False


class ResultForm(forms.Form):
    test = forms.ChoiceField(
        choices=TEST_CHOICES, required=False, error_messages={"invalid_choice": gettext_lazy(CHOOSE_TEST)}
    )
    value = forms.CharField(required=False, strip=False)
    unit = forms.ChoiceField(
        choices=UNIT_CHOICES, required=False, error_messages={"invalid_choice": gettext_lazy(CHOOSE_UNIT)}
    )
    lab_low = forms.CharField(required=False, strip=False)
    lab_high = forms.CharField(required=False, strip=False)
    on_b12 = forms.BooleanField(required=False)
    pregnant = forms.BooleanField(required=False)
    nerve = forms.BooleanField(required=False)

    def __init__(self, *args, explainer: Explainer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.explainer = explainer
        for name in NUMBER_FIELDS:
            # A NUL byte or the like is "not a number" like any other stray character.
            self.fields[name].error_messages["null_characters_not_allowed"] = number_message(
                name, engine.NOT_A_NUMBER
            )

    def clean(self):
        data = super().clean()
        test, unit = data.get("test"), data.get("unit")
        if not test and "test" not in self.errors:
            self.add_error("test", gettext(CHOOSE_TEST))
        if not unit and "unit" not in self.errors:
            self.add_error("unit", gettext(CHOOSE_UNIT))
        if test and unit and not engine.fits(test, unit):
            self.add_error("unit", gettext(ACTIVE_IN_PMOL))
            unit = None
        numbers = {name: self._number(name, data.get(name), test, unit) for name in NUMBER_FIELDS}
        low, high = numbers[LAB_LOW], numbers[LAB_HIGH]
        typed = {name: bool((data.get(name) or "").strip()) for name in (LAB_LOW, LAB_HIGH)}
        if typed[LAB_LOW] != typed[LAB_HIGH]:
            self.add_error(LAB_HIGH if typed[LAB_LOW] else LAB_LOW, gettext(HALF_A_RANGE))
        elif low is not None and high is not None and low >= high:
            self.add_error(LAB_LOW, gettext(RANGE_BACKWARDS))
        self.numbers = numbers
        return data

    def _number(self, name, text, test, unit) -> Fraction | None:
        if name in self.errors:
            return None
        if name != VALUE and not (text or "").strip():
            return None  # the range is optional
        try:
            number = engine.parse_number(text)
        except engine.NumberProblem as problem:
            self.add_error(name, number_message(name, problem.code))
            return None
        if (
            test
            and unit
            and self.explainer
            and engine.too_large(self.explainer.tests[test].scale, number, unit)
        ):
            self.add_error(name, number_message(name, engine.TOO_LARGE))
            return None
        return number

    def entry(self) -> engine.Entry:
        """The exact numbers; valid forms only."""
        low, high = self.numbers[LAB_LOW], self.numbers[LAB_HIGH]
        return engine.Entry(
            test=self.cleaned_data["test"],
            unit=self.cleaned_data["unit"],
            value=self.numbers[VALUE],
            lab_range=(low, high) if low is not None else None,
        )

    def flags(self) -> Flags:
        return Flags(**{name: bool(self.cleaned_data.get(name)) for name in FLAGS})
