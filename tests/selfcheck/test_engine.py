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
from selfcheck.engine import (
    ACT_NOW,
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
from tests.selfcheck.loaded import site_definition

DEFINITION = site_definition()

# (what the person told us, the level, the rule that must be among those that decided it)
SCENARIOS = [
    ({"emergency": {"chest_pain"}}, EMERGENCY, "chest-breathing-or-consciousness"),
    ({"emergency": {"stroke_signs"}}, EMERGENCY, "stroke-or-tia-signs"),
    ({"emergency": {"sight_loss"}}, EMERGENCY, "sudden-loss-of-sight"),
    ({"emergency": {"black_poo_unwell"}}, EMERGENCY, "bleeding"),
    ({"emergency": {"bladder_bowel"}}, EMERGENCY, "bladder-bowel-or-saddle-numbness"),
    ({"emergency": {"back_pain_legs"}}, EMERGENCY, "cancer-back-pain-with-leg-signs"),
    ({"urgent": {"back_pain_cancer", "numbness"}}, EMERGENCY, "cancer-back-pain-and-nerve-signs"),
    ({"emergency": {"self_harm"}}, EMERGENCY, "thoughts-of-self-harm"),
    ({"urgent": {"fever_on_treatment"}}, ACT_NOW, "temperature-during-cancer-treatment"),
    ({"urgent": {"weakness"}}, URGENT, "new-or-worsening-nerve-signs"),
    ({"urgent": {"vision"}}, URGENT, "eyesight-getting-dim"),
    ({"urgent": {"fainted_today"}}, URGENT, "fainted-in-the-last-day"),
    ({"urgent": {"black_poo"}}, URGENT, "black-or-dark-red-poo"),
    ({"urgent": {"racing_heart"}}, URGENT, "racing-heart-at-rest"),
    ({"urgent": {"breathless"}}, URGENT, "breathless-with-light-effort"),
    ({"urgent": {"yellow_skin"}}, URGENT, "yellow-skin-or-eyes"),
    ({"urgent": {"back_pain_cancer"}}, URGENT, "cancer-back-pain"),
    ({"urgent": {"bruising"}}, URGENT, "unexplained-bruising-or-bleeding"),
    ({"urgent": {"nitrous_oxide"}}, URGENT, "nitrous-oxide-nerve-signs"),
    (
        {"symptoms": {"pins_and_needles"}, "duration": "under_two_weeks", "risks": {"nitrous_oxide"}},
        URGENT,
        "nitrous-oxide-with-tingling",
    ),
    (
        {"symptoms": {"memory"}, "duration": "under_two_weeks", "b12_result": "low"},
        URGENT,
        "low-b12-with-nerve-symptoms",
    ),
    ({"other_signs": {"swallowing"}}, SOON, "difficulty-swallowing"),
    ({"other_signs": {"vomiting"}}, SOON, "vomiting-again-and-again"),
    ({"other_signs": {"lump"}}, SOON, "new-lump"),
    ({"other_signs": {"weight_loss"}}, SOON, "weight-loss-or-night-sweats"),
    ({"other_signs": {"night_sweats"}}, SOON, "weight-loss-or-night-sweats"),
    ({"other_signs": {"blood_streak"}}, SOON, "bright-red-blood"),
    ({"symptoms": {"memory"}, "duration": "under_two_weeks"}, SOON, "nerve-or-memory-symptoms"),
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
        {"symptoms": {"sore_tongue"}, "duration": "under_two_weeks", "age": "under_16"},
        SOON,
        "symptoms-under-16",
    ),
    ({"b12_result": "low"}, SOON, "low-b12-result"),
    ({"b12_result": "high"}, SOON, "high-b12-result"),
    ({"b12_result": "normal"}, INFORMATION, "normal-b12-result"),
    ({"symptoms": {"tiredness"}, "duration": "under_two_weeks"}, ROUTINE, "any-symptom"),
    ({"risks": {"alcohol"}}, ROUTINE, "risk-factor"),
    ({"age": "from_65"}, ROUTINE, "age-65-or-over"),
    ({"risks": {"metformin"}}, ROUTINE, "long-term-medicines"),
    ({"risks": {"gut_surgery"}}, ROUTINE, "stomach-or-bowel-surgery"),
    ({"risks": {"pernicious_anaemia"}}, ROUTINE, "pernicious-anaemia"),
    ({"risks": {"pregnancy"}}, ROUTINE, "pregnancy"),
    ({"risks": {"cancer_treatment"}}, ROUTINE, "cancer-treatment"),
    ({"risks": {"nitrous_oxide"}}, ROUTINE, "nitrous-oxide-use"),
    ({"age": "under_16"}, ROUTINE, "under-16"),
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

    outcome = DEFINITION.evaluate({**answers, "age": "from_16_to_64", "b12_result": "unknown"})

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


# Each sign the check did not ask about before, alone, and the level its source asks for.
NEW_RED_FLAGS = [
    ({"emergency": {"stroke_signs"}}, EMERGENCY),
    ({"emergency": {"sight_loss"}}, EMERGENCY),
    ({"emergency": {"black_poo_unwell"}}, EMERGENCY),
    ({"emergency": {"bladder_bowel"}}, EMERGENCY),
    ({"emergency": {"back_pain_legs"}}, EMERGENCY),
    ({"urgent": {"fever_on_treatment"}}, ACT_NOW),
    ({"urgent": {"fainted_today"}}, URGENT),
    ({"urgent": {"back_pain_cancer"}}, URGENT),
    ({"urgent": {"bruising"}}, URGENT),
    ({"urgent": {"racing_heart"}}, URGENT),
    ({"urgent": {"black_poo"}}, URGENT),
    ({"b12_result": "low", "symptoms": {"pins_and_needles"}, "duration": "over_three_months"}, URGENT),
    ({"other_signs": {"swallowing"}}, SOON),
    ({"other_signs": {"vomiting"}}, SOON),
    ({"other_signs": {"lump"}}, SOON),
    ({"other_signs": {"blood_streak"}}, SOON),
]


@pytest.mark.parametrize("answers,level", NEW_RED_FLAGS, ids=[str(a) for a, _ in NEW_RED_FLAGS])
def test_each_red_flag_the_check_now_asks_about_reaches_its_level_alone(answers, level):
    assert DEFINITION.evaluate(answers).level == level


def test_fever_on_cancer_treatment_is_an_act_now_result_and_never_the_gp_today():
    outcome = DEFINITION.evaluate({"urgent": {"fever_on_treatment"}, "risks": {"cancer_treatment"}})

    assert outcome.level == ACT_NOW
    assert "temperature-during-cancer-treatment" in outcome.rules


def test_a_stroke_sign_is_asked_as_sudden_and_on_one_side_even_if_it_has_passed():
    label = DEFINITION.question("emergency").option("stroke_signs").label

    for words in ("suddenly", "one side", "even if they have passed"):
        assert words in label


def test_numbness_that_is_there_all_the_time_has_a_box():
    assert "all the time" in DEFINITION.question("symptoms").option("pins_and_needles").label


def test_a_streak_of_bright_red_blood_is_not_asked_together_with_black_poo():
    assert DEFINITION.evaluate({"other_signs": {"blood_streak"}}).level == SOON
    for option in DEFINITION.question("urgent").options:
        assert "bright red" not in option.label


def test_low_mood_or_a_racing_heart_for_under_2_weeks_is_not_sent_to_a_clinician_within_2_weeks():
    for symptom in ("mood", "fast_heartbeat"):
        assert DEFINITION.evaluate({"symptoms": {symptom}, "duration": "under_two_weeks"}).level == ROUTINE


# NICE NG239's risk factors that the check did not ask about at first (box 2), with the word
# that names each in its option.
MORE_RISK_FACTORS = {
    "radiotherapy": "radiotherapy",
    "other_autoimmune": "thyroid",
    "other_medicines": "colchicine",
    "breastfeeding": "breastfeeding",
    "restricted_diet": "eating disorder",
}


@pytest.mark.parametrize("option,words", MORE_RISK_FACTORS.items(), ids=list(MORE_RISK_FACTORS))
def test_each_nice_risk_factor_with_a_short_symptom_leads_to_a_clinician_within_2_weeks(option, words):
    # NG239: one symptom and one risk factor is reason to offer a test, however short the symptom.
    assert words in DEFINITION.question("risks").option(option).label.lower()
    assert DEFINITION.evaluate({"risks": {option}}).level == ROUTINE
    answers = {"risks": {option}, "symptoms": {"tiredness"}, "duration": "under_two_weeks"}
    assert DEFINITION.evaluate(answers).level == SOON


def test_the_advice_on_long_term_medicines_covers_every_medicine_asked_about():
    # Stopping a medicine for epilepsy on one's own is dangerous: the note must reach it too.
    for option in ("metformin", "acid_medicines", "other_medicines"):
        assert "keep-taking-medicines" in DEFINITION.evaluate({"risks": {option}}).advice


@pytest.mark.parametrize(
    "answers",
    [
        {"urgent": {"nitrous_oxide"}},
        {"risks": {"nitrous_oxide"}},
        {"risks": {"nitrous_oxide"}, "symptoms": {"memory"}, "duration": "under_two_weeks"},
        {"risks": {"nitrous_oxide"}, "symptoms": {"pins_and_needles"}, "duration": "under_two_weeks"},
        {"risks": {"nitrous_oxide"}, "emergency": {"chest_pain"}},
    ],
    ids=["urgent-box", "no-symptoms", "memory", "tingling", "with-an-emergency"],
)
def test_every_path_with_nitrous_oxide_ticked_gets_the_advice_to_stop(answers):
    assert "nitrous-oxide" in DEFINITION.evaluate(answers).advice


def test_the_adults_only_note_never_lowers_an_emergency():
    outcome = DEFINITION.evaluate({"emergency": {"chest_pain"}, "age": "under_16"})

    assert outcome.level == EMERGENCY
    assert "under-16" in outcome.advice


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
    assert LEVELS == (EMERGENCY, ACT_NOW, URGENT, SOON, ROUTINE, INFORMATION)
    assert [rank(level) for level in LEVELS] == [0, 1, 2, 3, 4, 5]
    assert engine.at_least(ACT_NOW, URGENT)
    assert not engine.at_least(ACT_NOW, EMERGENCY)
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


def test_the_property_tests_draw_from_every_question_and_option_in_the_file():
    # answer_sets() is built from DEFINITION.questions: a question added to the file is
    # drawn from without a change here. This pins that down for the ones added for safety.
    drawn = {q.id: q.option_ids() for q in DEFINITION.questions}

    assert {
        "emergency",
        "urgent",
        "symptoms",
        "duration",
        "other_signs",
        "risks",
        "age",
        "b12_result",
    } == set(drawn)
    assert {"sight_loss", "bladder_bowel", "back_pain_legs", "black_poo_unwell"} <= drawn["emergency"]
    assert {"fever_on_treatment", "back_pain_cancer", "fainted_today", "bruising", "racing_heart"} <= drawn[
        "urgent"
    ]
    assert {"swallowing", "vomiting", "lump", "blood_streak"} <= drawn["other_signs"]


def test_adding_any_one_answer_to_any_published_case_never_lowers_its_level():
    from django.apps import apps

    cases = apps.get_app_config("selfcheck").cases.cases
    for case in cases:
        before = rank(DEFINITION.evaluate(case.answers).level)
        for question in DEFINITION.questions:
            picked = set(case.answers.get(question.id, ()))
            if not question.multiple and picked:
                continue  # a single answer can be changed, not added to
            for option in question.option_ids() - picked:
                larger = {**case.answers, question.id: picked | {option}}
                after = rank(DEFINITION.evaluate(larger).level)
                assert after <= before, (case.description, question.id, option)


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
