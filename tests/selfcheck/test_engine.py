"""The self-check rules: which answers lead to which level of care.

The scenarios read like the rules table in content/selfcheck.yaml; the property tests check
what must hold for every combination of answers, not just the ones we thought of.
"""

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcheck import engine
from selfcheck.definition import get_definition
from selfcheck.engine import (
    EMERGENCY,
    INFORMATION,
    LEVELS,
    ROUTINE,
    SOON,
    URGENT,
    Answer,
    Clause,
    Rule,
    evaluate,
    rank,
)

DEFINITION = get_definition()

# (what the person told us, the level, the rule that must be among those that decided it)
SCENARIOS = [
    ({"emergency": {"chest_pain"}}, EMERGENCY, "emergency-sign"),
    ({"emergency": {"self_harm"}}, EMERGENCY, "thoughts-of-self-harm"),
    ({"urgent": {"vision"}}, URGENT, "urgent-sign"),
    ({"urgent": {"fever_on_treatment"}}, URGENT, "temperature-during-cancer-treatment"),
    (
        {"symptoms": {"pins_and_needles"}, "duration": "under_two_weeks", "risks": {"nitrous_oxide"}},
        URGENT,
        "nitrous-oxide-with-tingling",
    ),
    ({"symptoms": {"weight_loss"}, "duration": "under_two_weeks"}, SOON, "weight-loss-or-night-sweats"),
    ({"symptoms": {"night_sweats"}, "duration": "under_two_weeks"}, SOON, "weight-loss-or-night-sweats"),
    ({"symptoms": {"memory"}, "duration": "under_two_weeks"}, SOON, "nerve-memory-or-mood-symptoms"),
    ({"symptoms": {"fast_heartbeat"}, "duration": "under_two_weeks"}, SOON, "fast-heartbeat"),
    (
        {"symptoms": {"tiredness"}, "duration": "two_weeks_to_three_months"},
        SOON,
        "symptoms-for-two-weeks-or-more",
    ),
    (
        {"symptoms": {"mouth_ulcers"}, "duration": "under_two_weeks", "risks": {"diet"}},
        SOON,
        "symptoms-with-a-risk-factor",
    ),
    (
        {"symptoms": {"sore_tongue"}, "duration": "under_two_weeks", "age": "under_18"},
        SOON,
        "symptoms-under-18",
    ),
    ({"b12_result": "low"}, SOON, "low-b12-result"),
    ({"b12_result": "high"}, SOON, "high-b12-result"),
    ({"symptoms": {"tiredness"}, "duration": "under_two_weeks"}, ROUTINE, "any-symptom"),
    ({"risks": {"alcohol"}}, ROUTINE, "risk-factor"),
    ({"age": "from_65"}, ROUTINE, "age-65-or-over"),
    ({"risks": {"metformin"}}, ROUTINE, "long-term-medicines"),
    ({"risks": {"gut_surgery"}}, ROUTINE, "stomach-or-bowel-surgery"),
    ({"risks": {"pernicious_anaemia"}}, ROUTINE, "pernicious-anaemia"),
    ({"risks": {"pregnancy"}}, ROUTINE, "pregnancy"),
    ({"risks": {"cancer_treatment"}}, ROUTINE, "cancer-treatment"),
]


def ids_of(scenario):
    answers, level, rule = scenario
    return f"{rule}->{level}"


@pytest.mark.parametrize("answers,level,rule", SCENARIOS, ids=[ids_of(s) for s in SCENARIOS])
def test_it_routes_each_scenario_to_its_level(answers, level, rule):
    outcome = DEFINITION.evaluate(answers)

    assert outcome.level == level
    assert rule in outcome.rules


def test_it_has_a_scenario_for_every_rule_in_the_file():
    covered = {rule for _, _, rule in SCENARIOS}

    assert covered == {rule.id for rule in DEFINITION.rules}


@pytest.mark.parametrize("rule", DEFINITION.rules, ids=lambda r: r.id)
def test_it_fires_every_rule_on_the_least_answers_that_satisfy_it(rule):
    answers = {}
    for clause in rule.when:
        answers.setdefault(clause.question, set()).add(sorted(clause.options)[0])

    outcome = DEFINITION.evaluate(answers)

    assert rule.id in outcome.rules
    assert rank(outcome.level) <= rank(rule.level)


def test_it_gives_information_when_nothing_was_ticked():
    answers = {"emergency": set(), "urgent": set(), "symptoms": set(), "risks": set()}

    outcome = DEFINITION.evaluate({**answers, "age": "from_18_to_64", "b12_result": "normal"})

    assert outcome == engine.Outcome(INFORMATION, (), (), ())


def test_it_gives_information_for_no_answers_at_all():
    assert DEFINITION.evaluate({}).level == INFORMATION


@pytest.mark.parametrize("option", DEFINITION.question("emergency").options, ids=lambda o: o.id)
def test_it_gives_emergency_for_every_emergency_sign_alone(option):
    outcome = DEFINITION.evaluate({"emergency": {option.id}})

    assert outcome.level == EMERGENCY
    assert Answer("emergency", option.id) in outcome.reasons


@pytest.mark.parametrize("option", DEFINITION.question("urgent").options, ids=lambda o: o.id)
def test_it_gives_at_least_urgent_for_every_urgent_sign_alone(option):
    outcome = DEFINITION.evaluate({"urgent": {option.id}})

    assert rank(outcome.level) <= rank(URGENT)
    assert Answer("urgent", option.id) in outcome.reasons


@pytest.mark.parametrize("option", DEFINITION.question("emergency").options, ids=lambda o: o.id)
def test_it_keeps_emergency_whatever_else_was_answered(option):
    everything = {q.id: {o.id for o in q.options} for q in DEFINITION.questions}

    assert DEFINITION.evaluate({**everything, "emergency": {option.id}}).level == EMERGENCY


def test_it_tells_people_in_cancer_treatment_to_contact_their_cancer_team():
    for answers in (
        {"risks": {"cancer_treatment"}},
        {"risks": {"cancer_treatment"}, "symptoms": {"tiredness"}, "duration": "over_three_months"},
    ):
        assert "cancer-team" in DEFINITION.evaluate(answers).advice


def test_it_adds_the_high_result_advice_even_when_something_else_decides_the_level():
    outcome = DEFINITION.evaluate({"b12_result": "high", "urgent": {"vision"}})

    assert outcome.level == URGENT
    assert "high-result" in outcome.advice


def test_it_lists_as_reasons_only_the_answers_behind_the_deciding_level():
    outcome = DEFINITION.evaluate({"urgent": {"balance"}, "symptoms": {"tiredness"}, "risks": {"alcohol"}})

    assert outcome.level == URGENT
    assert outcome.reasons == (Answer("urgent", "balance"),)


# --- the engine itself, on small hand-made rules -------------------------------------------

RULES = (
    Rule("a", ROUTINE, (Clause("q", frozenset({"x"})),), advice=("tip",)),
    Rule("b", URGENT, (Clause("q", frozenset({"y"})), Clause("r", frozenset({"z"}))), ("tip",)),
)


def test_it_picks_the_most_urgent_level_of_the_rules_that_fire():
    outcome = evaluate(RULES, {"q": {"x", "y"}, "r": "z"})

    assert outcome.level == URGENT
    assert outcome.rules == ("a", "b")


def test_it_needs_every_clause_of_a_rule_to_match():
    assert evaluate(RULES, {"q": {"y"}}).level == INFORMATION


def test_it_gives_each_piece_of_advice_once():
    assert evaluate(RULES, {"q": {"x", "y"}, "r": {"z"}}).advice == ("tip",)


def test_it_treats_a_single_answer_string_as_one_option_not_as_letters():
    rules = (Rule("c", SOON, (Clause("q", frozenset({"x"})),)),)

    assert evaluate(rules, {"q": "xyz"}).level == INFORMATION
    assert evaluate(rules, {"q": "x"}).level == SOON


def test_it_ignores_answers_no_rule_asks_about():
    assert evaluate(RULES, {"other": {"x"}}).level == INFORMATION


def test_it_orders_levels_from_most_to_least_urgent():
    assert [rank(level) for level in LEVELS] == [0, 1, 2, 3, 4]
    assert engine.at_least(EMERGENCY, URGENT)
    assert not engine.at_least(ROUTINE, SOON)


def test_it_imports_nothing_but_pure_standard_library_modules():
    tree = ast.parse(Path(engine.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }

    assert imported <= {"collections.abc", "dataclasses"}


# --- properties over every combination of answers ------------------------------------------


@st.composite
def answer_sets(draw):
    """Any answers a person could give, plus the same answers with more added."""
    smaller, larger = {}, {}
    for question in DEFINITION.questions:
        ids = [o.id for o in question.options]
        if question.multiple:
            picked = draw(st.sets(st.sampled_from(ids)))
            extra = draw(st.sets(st.sampled_from(ids)))
            smaller[question.id], larger[question.id] = picked, picked | extra
        else:
            # A single answer can only be added, not changed: unanswered -> answered.
            picked = draw(st.one_of(st.none(), st.sampled_from(ids)))
            added = draw(st.sampled_from(ids))
            smaller[question.id] = set() if picked is None else {picked}
            larger[question.id] = {added} if picked is None else {picked}
    return smaller, larger


@settings(max_examples=500)
@given(answer_sets())
def test_it_never_lowers_the_level_when_an_answer_is_added(pair):
    smaller, larger = pair

    before = DEFINITION.evaluate(smaller).level
    after = DEFINITION.evaluate(larger).level

    assert rank(after) <= rank(before)


@settings(max_examples=300)
@given(answer_sets())
def test_it_only_gives_reasons_the_person_actually_answered(pair):
    answers, _ = pair

    outcome = DEFINITION.evaluate(answers)

    assert outcome.level in LEVELS
    for reason in outcome.reasons:
        assert reason.option in answers[reason.question]
    assert bool(outcome.reasons) == (outcome.level != INFORMATION)
