"""The explainer's arithmetic: conversions, banding and the numbers people type.

The bands are the ones the site loaded at start-up from content/result-explainer.yaml. The
property tests check what must hold for every value, not only the ones we thought of.
"""

import ast
import contextlib
from fractions import Fraction
from pathlib import Path

import pytest
from django.apps import apps
from hypothesis import given
from hypothesis import strategies as st

from explainer import engine
from explainer.engine import (
    ABOVE_RANGE,
    ACTIVE,
    BELOW_RANGE,
    HIGH,
    INDETERMINATE,
    LOW,
    NG_L,
    NOT_LOW,
    PG_ML,
    PMOL_L,
    TOTAL,
    WITHIN_RANGE,
    Entry,
    NumberProblem,
    convert,
    parse_number,
    rank,
    shown,
)

EXPLAINER = apps.get_app_config("explainer").explainer
F = Fraction


def outcome(test, unit, value, lab_range=None):
    return EXPLAINER.read(Entry(test, unit, F(value), lab_range)).outcome


# Values a lab could print: up to two decimals, from just above zero to the largest allowed.
def values(largest):
    return st.integers(min_value=1, max_value=int(largest) * 100).map(lambda n: F(n, 100))


TOTAL_NG = values(20_000)
TOTAL_PMOL = values(20_000 * 0.738)
ACTIVE_PMOL = values(1_000)


# --- exact boundaries -------------------------------------------------------------------------


@pytest.mark.parametrize("unit", [PG_ML, NG_L])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("179", LOW),
        ("179.99", LOW),
        ("180", INDETERMINATE),
        ("350", INDETERMINATE),
        ("350.01", NOT_LOW),
        ("351", NOT_LOW),
    ],
)
def test_total_b12_in_mass_units_is_banded_on_nices_exact_edges(unit, value, expected):
    assert outcome(TOTAL, unit, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("132.102", LOW),  # 179 ng/L
        ("132.83", LOW),
        ("132.84", INDETERMINATE),  # 180 ng/L
        ("258.3", INDETERMINATE),  # 350 ng/L
        ("258.31", NOT_LOW),
        ("259.038", NOT_LOW),  # 351 ng/L
    ],
)
def test_total_b12_in_pmol_per_litre_is_banded_on_the_same_edges_converted(value, expected):
    assert outcome(TOTAL, PMOL_L, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("24", LOW),
        ("24.99", LOW),
        ("25", INDETERMINATE),
        ("70", INDETERMINATE),
        ("70.01", NOT_LOW),
        ("71", NOT_LOW),
    ],
)
def test_active_b12_is_banded_on_nices_exact_edges(value, expected):
    assert outcome(ACTIVE, PMOL_L, value) == expected


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        (PMOL_L, "600", NOT_LOW),
        (PMOL_L, "600.01", HIGH),
        (NG_L, "813", NOT_LOW),  # 600 / 0.738 = 813.008…
        (NG_L, "813.01", HIGH),
        (PG_ML, "814", HIGH),
    ],
)
def test_without_a_lab_range_a_total_b12_is_high_only_above_600_pmol_per_litre(unit, value, expected):
    assert outcome(TOTAL, unit, value) == expected


def test_active_b12_is_never_called_high_without_the_labs_range():
    assert outcome(ACTIVE, PMOL_L, "999") == NOT_LOW
    assert outcome(ACTIVE, PMOL_L, "999", (F(40), F(150))) == ABOVE_RANGE


@pytest.mark.parametrize(
    ("value", "expected"),
    [("196.9", BELOW_RANGE), ("197", WITHIN_RANGE), ("771", WITHIN_RANGE), ("771.1", ABOVE_RANGE)],
)
def test_the_labs_range_includes_both_its_ends(value, expected):
    assert outcome(TOTAL, PG_ML, value, (F(197), F(771))) == expected


def test_the_labs_range_comes_before_nices_bands():
    # 300 ng/L is NICE-borderline but inside this lab's range; 150 ng/L is NICE-low but not here.
    reading = EXPLAINER.read(Entry(TOTAL, NG_L, F(300), (F(200), F(900))))
    assert (reading.basis, reading.outcome, reading.nice_band) == (engine.LAB, WITHIN_RANGE, INDETERMINATE)
    assert outcome(TOTAL, NG_L, "150", (F(120), F(500))) == WITHIN_RANGE


def test_where_it_sits_is_measured_in_the_unit_typed():
    reading = EXPLAINER.read(Entry(TOTAL, PMOL_L, F("120")))
    assert reading.position.where == engine.BELOW
    assert reading.position.lower == F("132.84")
    assert reading.position.below_by == F("12.84")
    assert reading.in_units == {PG_ML: F(120) / F("0.738"), NG_L: F(120) / F("0.738"), PMOL_L: F(120)}


def test_a_unit_that_does_not_fit_the_test_is_refused():
    with pytest.raises(ValueError, match="does not fit"):
        EXPLAINER.read(Entry(ACTIVE, PG_ML, F(50)))


# --- properties -------------------------------------------------------------------------------


@given(pg=TOTAL_NG)
def test_pg_per_ml_to_pmol_per_litre_and_back_is_exact(pg):
    assert convert(convert(pg, PG_ML, PMOL_L), PMOL_L, PG_ML) == pg


@given(pg=st.integers(min_value=1, max_value=20_000))
def test_the_rounded_pmol_per_litre_shown_converts_back_within_rounding(pg):
    # The page shows pmol/L rounded to a whole number: converting that back lands within
    # half a pmol/L's worth of the original, so within 1 pg/mL once rounded again.
    pmol_shown = F(shown(convert(F(pg), PG_ML, PMOL_L)))
    back = convert(pmol_shown, PMOL_L, PG_ML)
    assert abs(back - pg) <= F(1, 2) / engine.PMOL_PER_NG
    assert abs(int(shown(back)) - pg) <= 1


@given(value=TOTAL_NG)
def test_the_same_amount_gets_the_same_band_in_every_unit(value):
    in_pmol = convert(value, NG_L, PMOL_L)
    expected = outcome(TOTAL, NG_L, value)
    assert outcome(TOTAL, PG_ML, value) == expected
    assert outcome(TOTAL, PMOL_L, in_pmol) == expected


@pytest.mark.parametrize(
    ("test", "unit", "strategy"),
    [
        (TOTAL, NG_L, TOTAL_NG),
        (TOTAL, PG_ML, TOTAL_NG),
        (TOTAL, PMOL_L, TOTAL_PMOL),
        (ACTIVE, PMOL_L, ACTIVE_PMOL),
    ],
)
def test_the_band_never_goes_down_as_the_value_goes_up(test, unit, strategy):
    @given(a=strategy, b=strategy)
    def check(a, b):
        low, high = sorted((a, b))
        assert rank(outcome(test, unit, low)) <= rank(outcome(test, unit, high))

    check()


@given(a=TOTAL_NG, b=TOTAL_NG, ends=st.lists(TOTAL_NG, min_size=2, max_size=2, unique=True))
def test_against_a_lab_range_the_position_never_goes_down_as_the_value_goes_up(a, b, ends):
    low, high = sorted((a, b))
    lab_range = tuple(sorted(ends))
    assert rank(outcome(TOTAL, NG_L, low, lab_range)) <= rank(outcome(TOTAL, NG_L, high, lab_range))


@pytest.mark.parametrize(("test", "unit"), [(TOTAL, NG_L), (TOTAL, PG_ML), (TOTAL, PMOL_L), (ACTIVE, PMOL_L)])
def test_every_edge_is_exact_however_close_the_value_comes(test, unit):
    scale = EXPLAINER.tests[test].scale
    # (the edge in the unit typed, the band at the edge, the band just below, the band just above)
    edges = [
        (convert(scale.bands[0].upper.value, scale.unit, unit), INDETERMINATE, LOW, INDETERMINATE),
        (convert(scale.bands[1].upper.value, scale.unit, unit), INDETERMINATE, INDETERMINATE, NOT_LOW),
    ]

    @given(digits=st.integers(min_value=1, max_value=12))
    def check(digits):
        step = F(1, 10**digits)
        for edge, at, below, above in edges:
            assert outcome(test, unit, edge) == at
            assert outcome(test, unit, edge - step) == below
            assert outcome(test, unit, edge + step) in (above, HIGH)

    check()


@given(value=TOTAL_NG)
def test_every_value_falls_in_exactly_one_band(value):
    assert sum(band.holds(value) for band in EXPLAINER.tests[TOTAL].scale.bands) == 1


# --- numbers as typed -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("250", 250), (" 250 ", 250), ("132.5", F("132.5")), ("132,5", F("132.5")), ("250.", 250), (".5", F("0.5")),
     ("1234,567", F("1234.567")), ("0250", 250), ("000000000000250", 250)],
)  # fmt: skip
def test_a_number_is_read_exactly_with_a_point_or_a_comma(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", engine.EMPTY),
        ("   ", engine.EMPTY),
        ("abc", engine.NOT_A_NUMBER),
        ("250 pg/mL", engine.NOT_A_NUMBER),
        ("1e5", engine.NOT_A_NUMBER),
        ("inf", engine.NOT_A_NUMBER),
        ("1.2.3", engine.NOT_A_NUMBER),
        (".", engine.NOT_A_NUMBER),
        ("١٢٣", engine.NOT_A_NUMBER),  # digits of another script
        ("12\x00", engine.NOT_A_NUMBER),
        ("<150", engine.LIMIT_SIGN),
        ("> 2000", engine.LIMIT_SIGN),
        ("-5", engine.NOT_POSITIVE),
        ("\u22125", engine.NOT_POSITIVE),
        ("0", engine.NOT_POSITIVE),
        ("0,0", engine.NOT_POSITIVE),
        ("1,200", engine.AMBIGUOUS_COMMA),
        ("12,500", engine.AMBIGUOUS_COMMA),
        ("132.8456", engine.TOO_PRECISE),
        ("1234567890", engine.TOO_LARGE),
        ("9" * 5000, engine.TOO_LARGE),
        ("0." + "0" * 3000 + "1", engine.TOO_PRECISE),
    ],
)
def test_a_number_that_cannot_be_read_says_why(text, code):
    with pytest.raises(NumberProblem) as problem:
        parse_number(text)
    assert problem.value.code == code


@given(st.text(max_size=30))
def test_any_text_is_either_a_positive_number_or_a_problem(text):
    with contextlib.suppress(NumberProblem):
        assert parse_number(text) > 0


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [(F("184.5"), 0, "185"), (F("184.49"), 0, "184"), (F("1.25"), 1, "1.3"), (F("1.05"), 2, "1.05"), (F(7, 3), 2, "2.33"), (F(0), 1, "0")],
)  # fmt: skip
def test_numbers_are_shown_rounded_half_up_without_trailing_zeros(value, places, text):
    assert shown(value, places) == text


def test_the_engine_imports_nothing_but_the_standard_library():
    tree = ast.parse(Path(engine.__file__).read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    }
    assert imported <= {"math", "re", "dataclasses", "fractions"}, imported
