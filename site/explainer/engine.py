"""Understand your B12 result: one lab number in; both units, the band and the basis out.

A pure module with no Django and no I/O, so the arithmetic can be tested exhaustively. The
bands themselves come from `content/result-explainer.yaml` (see `loader.py`).

- Arithmetic is exact: every number is a `Fraction`, from the digits typed to the band
  boundaries, so 180 ng/L is never 179.99999. Rounding happens only when a number is shown
  (`shown`), and the page says how it was rounded.
- One constant converts: 1 pg/mL = 1 ng/L = 0.738 pmol/L (`PMOL_PER_NG`). A total B12 typed
  in pmol/L is banded on the same boundaries converted with the same constant, so
  180 ng/L and 132.84 pmol/L fall in the same band.
- The lab's own range, when given, decides where the result sits (below, within or above);
  otherwise NICE NG239's bands do. NICE has no "high" band: a total B12 counts as high
  without a lab range only above the scale's `high_above` mark (the upper reference limit of
  the studies that measured what a high result means; see the data file).
- The outcome never goes down as the value goes up (`rank`).
"""

import math
import re
from dataclasses import dataclass
from fractions import Fraction

TOTAL = "total"
ACTIVE = "active"
TESTS = (TOTAL, ACTIVE)

PG_ML = "pg/mL"
NG_L = "ng/L"
PMOL_L = "pmol/L"
# Active B12 (holotranscobalamin) is only ever reported in pmol/L.
UNITS = {TOTAL: (PG_ML, NG_L, PMOL_L), ACTIVE: (PMOL_L,)}
# The mass units: 1 pg/mL is 1 ng/L exactly (a thousand-fold in both parts).
MASS_UNITS = (PG_ML, NG_L)

# 1 ng/L of cobalamin is 0.738 pmol/L (molar mass about 1355 g/mol), the factor labs and
# the site's articles use. Used for every conversion, in both directions.
PMOL_PER_NG = Fraction(738, 1000)

# Outcomes on each basis, lowest first.
LOW = "low"
INDETERMINATE = "indeterminate"
NOT_LOW = "not_low"
HIGH = "high"
BELOW_RANGE = "below_range"
WITHIN_RANGE = "within_range"
ABOVE_RANGE = "above_range"
NICE_BANDS = (LOW, INDETERMINATE, NOT_LOW)
NICE_OUTCOMES = (*NICE_BANDS, HIGH)
LAB_OUTCOMES = (BELOW_RANGE, WITHIN_RANGE, ABOVE_RANGE)
OUTCOMES = (*NICE_OUTCOMES, *LAB_OUTCOMES)

LAB = "lab"
NICE = "nice"

BELOW = "below"
WITHIN = "within"
ABOVE = "above"


@dataclass(frozen=True)
class Edge:
    value: Fraction
    # Whether the value itself belongs to the band on this side.
    inclusive: bool


@dataclass(frozen=True)
class Band:
    id: str
    lower: Edge | None = None
    upper: Edge | None = None

    def holds(self, x: Fraction) -> bool:
        if self.lower and (x < self.lower.value or (x == self.lower.value and not self.lower.inclusive)):
            return False
        return not (
            self.upper and (x > self.upper.value or (x == self.upper.value and not self.upper.inclusive))
        )


@dataclass(frozen=True)
class Scale:
    """One test's bands, lowest first, with every number in `unit`."""

    test: str
    unit: str
    bands: tuple[Band, ...]
    # No lab reports more than this: a larger number is a typing slip.
    largest: Fraction
    # Above this a result counts as high when no lab range is given; None when no limit
    # with a source is known for the test.
    high_above: Fraction | None = None

    def band(self, x: Fraction) -> Band:
        for band in self.bands:
            if band.holds(x):
                return band
        raise ValueError(f"{x} is in no band of the {self.test} scale")

    @property
    def middle(self) -> Band:
        """The band the others are described against ("below it", "above it")."""
        return self.bands[NICE_BANDS.index(INDETERMINATE)]


@dataclass(frozen=True)
class Entry:
    """What the person typed, as exact numbers. `lab_range` is (low, high) in `unit`."""

    test: str
    unit: str
    value: Fraction
    lab_range: tuple[Fraction, Fraction] | None = None


@dataclass(frozen=True)
class Position:
    """Where the value sits against two edges, all in the unit the person used."""

    where: str  # BELOW, WITHIN or ABOVE
    lower: Fraction
    upper: Fraction
    value: Fraction

    @property
    def below_by(self) -> Fraction:
        return self.lower - self.value

    @property
    def above_by(self) -> Fraction:
        return self.value - self.upper

    @property
    def from_lower(self) -> Fraction:
        return self.value - self.lower

    @property
    def to_upper(self) -> Fraction:
        return self.upper - self.value


@dataclass(frozen=True)
class Reading:
    entry: Entry
    basis: str  # LAB or NICE
    outcome: str  # one of OUTCOMES
    # NICE's band, whatever the basis: for a comparison line and the nerve-symptom note.
    nice_band: str
    # Against the lab's range, or against NICE's middle band.
    position: Position
    # The high mark in the unit the person used (None when the scale has none), and whether
    # the value is above it.
    high_mark: Fraction | None
    above_high_mark: bool
    # The value in every unit of its test, exact.
    in_units: dict[str, Fraction]

    @property
    def high(self) -> bool:
        return self.outcome in (HIGH, ABOVE_RANGE)

    @property
    def low_or_borderline(self) -> bool:
        """Low or borderline on either basis: what makes nerve symptoms urgent."""
        return self.outcome == BELOW_RANGE or self.nice_band in (LOW, INDETERMINATE)


def convert(value: Fraction, unit: str, to: str) -> Fraction:
    """`value` in `unit`, expressed in `to`, exactly. Mass units convert to pmol/L and back."""
    if unit == to or (unit in MASS_UNITS and to in MASS_UNITS):
        return value
    if unit in MASS_UNITS and to == PMOL_L:
        return value * PMOL_PER_NG
    if unit == PMOL_L and to in MASS_UNITS:
        return value / PMOL_PER_NG
    raise ValueError(f"cannot convert {unit} to {to}")


def fits(test: str, unit: str) -> bool:
    return unit in UNITS.get(test, ())


def too_large(scale: Scale, value: Fraction, unit: str) -> bool:
    return convert(value, unit, scale.unit) > scale.largest


def read(entry: Entry, scale: Scale) -> Reading:
    """Where `entry` sits: against its lab range when it has one, otherwise NICE's bands."""
    if not fits(entry.test, entry.unit) or entry.test != scale.test:
        raise ValueError(f"{entry.unit} does not fit the {entry.test} test")
    x = convert(entry.value, entry.unit, scale.unit)
    nice_band = scale.band(x).id
    above_mark = scale.high_above is not None and x > scale.high_above
    if entry.lab_range:
        lower, upper = entry.lab_range
        if not lower < upper:
            raise ValueError("a lab range needs its low end below its high end")
        basis = LAB
        outcome = LAB_OUTCOMES[_where_index(entry.value, lower, upper)]
    else:
        middle = scale.middle
        lower = convert(middle.lower.value, scale.unit, entry.unit)
        upper = convert(middle.upper.value, scale.unit, entry.unit)
        basis = NICE
        outcome = HIGH if above_mark else nice_band
    position = Position(
        where=(BELOW, WITHIN, ABOVE)[_where_index(entry.value, lower, upper)],
        lower=lower,
        upper=upper,
        value=entry.value,
    )
    return Reading(
        entry=entry,
        basis=basis,
        outcome=outcome,
        nice_band=nice_band,
        position=position,
        high_mark=None if scale.high_above is None else convert(scale.high_above, scale.unit, entry.unit),
        above_high_mark=above_mark,
        in_units={unit: convert(entry.value, entry.unit, unit) for unit in UNITS[entry.test]},
    )


def rank(outcome: str) -> int:
    """The outcome's place on its own basis, lowest first: it never goes down as the value goes up."""
    return (NICE_OUTCOMES if outcome in NICE_OUTCOMES else LAB_OUTCOMES).index(outcome)


def _where_index(value: Fraction, lower: Fraction, upper: Fraction) -> int:
    # Both edges belong to the middle: a lab's "180-900" includes 180 and 900, and NICE's
    # borderline band is "180 to 350" inclusive.
    if value < lower:
        return 0
    if value > upper:
        return 2
    return 1


# --- numbers as typed -------------------------------------------------------------------------

EMPTY = "empty"
NOT_A_NUMBER = "not_a_number"
LIMIT_SIGN = "limit_sign"
NOT_POSITIVE = "not_positive"
AMBIGUOUS_COMMA = "ambiguous_comma"
TOO_PRECISE = "too_precise"
TOO_LARGE = "too_large"
# Labs print B12 with at most two decimals; three leave room, more is a slip (and a thousand
# digits must not reach int()). Nine whole digits are far beyond any result already.
MAX_DECIMALS = 3
MAX_WHOLE_DIGITS = 9

# Digits, with one optional decimal mark: a point, or a comma as much of Europe writes it.
NUMBER = re.compile(r"(?P<whole>[0-9]*)(?:(?P<mark>[.,])(?P<fraction>[0-9]*))?")
MINUS = ("-", "\u2212", "\u2013")
LIMIT_SIGNS = ("<", ">", "\u2264", "\u2265")


class NumberProblem(ValueError):
    """A typed number that cannot be read; `code` says why (EMPTY, NOT_A_NUMBER, …)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_number(text: str) -> Fraction:
    """The exact value of a number as a person types it from a lab report.

    Accepts "250", "132.5", "132,5" (a comma as decimal mark) and a trailing mark ("250.").
    Refuses, with a NumberProblem: nothing typed, anything that is not digits and one mark,
    a leading < or >, zero or a negative number, more than three decimals or nine whole
    digits, and "1,200" (a comma before exactly three digits may be a thousands separator or a
    decimal mark; guessing could be a thousand-fold wrong).
    """
    text = (text or "").strip()
    if not text:
        raise NumberProblem(EMPTY)
    if text.startswith(LIMIT_SIGNS):
        raise NumberProblem(LIMIT_SIGN)
    negative = text.startswith(MINUS)
    digits = text[1:].strip() if negative else text
    match = NUMBER.fullmatch(digits)
    if not match or not (match["whole"] or match["fraction"]):
        raise NumberProblem(NOT_A_NUMBER)
    if match["mark"] == "," and len(match["fraction"]) == 3 and 1 <= len(match["whole"]) <= 3:
        raise NumberProblem(AMBIGUOUS_COMMA)
    fraction = match["fraction"] or ""
    if len(fraction) > MAX_DECIMALS:
        raise NumberProblem(TOO_PRECISE)
    if len(match["whole"].lstrip("0")) > MAX_WHOLE_DIGITS:
        raise NumberProblem(TOO_LARGE)
    value = Fraction(int(match["whole"] or "0")) + (
        Fraction(int(fraction), 10 ** len(fraction)) if fraction else 0
    )
    if negative or value <= 0:
        raise NumberProblem(NOT_POSITIVE)
    return value


# --- numbers as shown -------------------------------------------------------------------------


def round_half_up(x: Fraction, places: int = 0) -> Fraction:
    """`x` rounded to `places` decimal places, halves away from zero (0.5 -> 1, 1.25 -> 1.3)."""
    scale = 10**places
    sign = -1 if x < 0 else 1
    return Fraction(sign * math.floor(abs(x) * scale + Fraction(1, 2)), scale)


def shown(x: Fraction, places: int = 0) -> str:
    """`x` rounded half up to at most `places` decimals, without trailing zeros: 184.5 -> "185"."""
    r = round_half_up(x, places)
    whole, rest = divmod(abs(r.numerator), r.denominator)
    sign = "-" if r < 0 else ""
    if not rest:
        return f"{sign}{whole}"
    decimals = str(rest * 10**places // r.denominator).rjust(places, "0").rstrip("0")
    return f"{sign}{whole}.{decimals}"


def exact(x: Fraction, places: int = 2) -> str | None:
    """`x` written out exactly when it needs at most `places` decimals (132.84), else None."""
    return shown(x, places) if (x * 10**places).denominator == 1 else None
