"""What each result page says, in what order, through the real pages: the safety wording."""

import re

import pytest

from tests.pages import text_of
from tests.selfcheck.loaded import site_definition
from tests.selfcheck.walk import walk

CHECK = "/self-check/check/"
DEFINITION = site_definition()
NONE_URGENT = [{"emergency": "none"}, {"urgent": "none"}]
NO_SYMPTOMS = {"symptoms": "none", "other_signs": "none"}
ADULT = {"risks": "none", "age": "from_16_to_64"}

PATHS = {
    "emergency": [{"emergency": ["chest_pain"]}],
    "act_now": [{"emergency": "none"}, {"urgent": ["fever_on_treatment"]}],
    "urgent": [{"emergency": "none"}, {"urgent": ["black_poo"]}, NO_SYMPTOMS, ADULT],
    "soon": [*NONE_URGENT, {"symptoms": "none", "other_signs": ["swallowing"]}, ADULT],
    "routine": [*NONE_URGENT, NO_SYMPTOMS, {"risks": ["metformin"], "age": "from_16_to_64"}],
    "information": [*NONE_URGENT, NO_SYMPTOMS, ADULT],
}

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("level", PATHS)
def test_every_result_says_it_is_not_a_diagnosis_near_the_top(client, level):
    response = walk(client, PATHS[level])
    text = text_of(response)

    assert response.context["level"] == level
    assert text.index("This is not a diagnosis") < text.index("What to do")
    assert text.index("This is not a diagnosis") < text.index("You told us about")


@pytest.mark.parametrize("level", ["emergency", "act_now"])
def test_a_page_that_says_to_act_now_has_no_reading_list(client, level):
    response = walk(client, PATHS[level])

    main = re.search(r"<main\b.*?</main>", response.content.decode(), re.DOTALL).group()

    assert "Read more" not in text_of(response)
    assert not re.search(r'href="/articles/', main)


def test_the_cauda_equina_signs_end_the_check_at_once_with_the_emergency_number(client):
    response = walk(client, [{"emergency": ["bladder_bowel"]}])
    text = text_of(response)

    assert response.context["level"] == "emergency"
    assert "Call 999 now" in text
    assert 'href="tel:999"' in response.content.decode()
    assert [s.id for s in response.context["answered_steps"]] == ["emergency"]


def test_fever_on_cancer_treatment_leads_with_the_24_hour_line_then_the_emergency_number(client, settings):
    settings.EMERGENCY_NUMBER = "112"
    response = walk(client, PATHS["act_now"])
    text = text_of(response)
    todo = response.context["do"]

    assert response.context["level"] == "act_now"
    assert "Call your cancer care team's 24-hour line now" in text
    assert "24-hour number now" in todo[0]
    assert 'href="tel:112"' in todo[1]
    assert [s.id for s in response.context["answered_steps"]] == ["emergency", "urgent"]
    for wrong in ("surgery", "GP today", "today and say", "first."):
        assert wrong not in text.split("Your answers")[0], wrong


def test_an_emergency_page_puts_its_own_notes_above_what_to_do(client, settings):
    settings.CRISIS_LINE = {"name": "Listening Line", "number": "0800 123 456"}
    settings.URGENT_CARE_NUMBER = "0300 111"
    response = walk(client, [{"emergency": ["self_harm"]}])
    text = text_of(response)
    page = response.content.decode()

    assert text.index("You do not need to face this alone") < text.index("What to do")
    assert "Listening Line on 0800 123 456" in text
    assert 'href="tel:0800123456"' in page
    assert 'href="tel:0300111"' in page
    assert 'href="tel:999"' in page


def test_an_emergency_reached_by_changing_answers_never_says_to_tell_the_cancer_team_first(client):
    result = walk(
        client, [*NONE_URGENT, NO_SYMPTOMS, {"risks": ["cancer_treatment"], "age": "from_16_to_64"}]
    )
    changed = client.post(CHECK, {"state": result.context["state"], "action": "change", "step": "emergency"})

    response = walk(client, [{"emergency": ["chest_pain"]}], start=changed)
    text = text_of(response)

    assert response.context["level"] == "emergency"
    assert not re.search(r"\bfirst\b", text.replace("first page", ""))
    assert text.index("What to do") < text.index("Your cancer care team")


def test_the_urgent_result_names_the_out_of_hours_number(client, settings):
    settings.URGENT_CARE_NUMBER = "0300 123 4567"
    response = walk(client, PATHS["urgent"])
    text = text_of(response)

    assert "call 0300 123 4567 for help out of hours" in text
    assert 'href="tel:03001234567"' in response.content.decode()
    assert "not an emergency" not in text


def test_the_urgent_step_tells_people_when_to_call_the_emergency_number_instead(client):
    response = walk(client, [{"emergency": "none"}])
    text = text_of(response)

    assert "A clinician should check these today" in text
    assert "call 999 instead" in text
    assert "not an emergency" not in text


@pytest.mark.parametrize(
    "answers",
    [
        [{"emergency": "none"}, {"urgent": ["nitrous_oxide"]}, NO_SYMPTOMS, ADULT],
        [*NONE_URGENT, NO_SYMPTOMS, {"risks": ["nitrous_oxide"], "age": "from_16_to_64"}],
        [
            *NONE_URGENT,
            {"symptoms": ["memory"], "duration": "under_two_weeks", "other_signs": "none"},
            {"risks": ["nitrous_oxide"], "age": "from_16_to_64"},
        ],
        [
            *NONE_URGENT,
            {"symptoms": ["pins_and_needles"], "duration": "under_two_weeks", "other_signs": "none"},
            {"risks": ["nitrous_oxide"], "age": "from_16_to_64"},
        ],
    ],
    ids=["urgent-box", "no-symptoms", "memory", "tingling"],
)
def test_every_path_where_nitrous_oxide_was_ticked_says_to_stop(client, answers):
    text = text_of(walk(client, answers))

    assert "About nitrous oxide" in text
    assert "Stop using it" in text
    assert "A normal B12 blood test does not rule out nerve damage from nitrous oxide" in text


def test_after_stomach_or_bowel_surgery_the_result_says_b12_is_usually_needed_for_life(client):
    text = text_of(walk(client, [*NONE_URGENT, NO_SYMPTOMS, {"risks": ["gut_surgery"], "age": "from_65"}]))

    assert "B12 treatment is usually needed for life" in text
    assert "stores B12 for years" not in text


def test_the_information_result_gives_the_uk_daily_intake_and_what_the_check_did_not_ask(client):
    response = walk(client, PATHS["information"])
    text = text_of(response)

    assert "about 1.5 micrograms" in text and "UK advice" in text
    assert "US advice is 2.4 micrograms" in text
    assert "This check asks only about some signs" in text
    assert "None of your answers point to a need for care" not in text


def test_the_information_result_names_signs_the_check_did_not_ask_about(client):
    # "Only some signs" alone leaves a person guessing whether their symptom was covered.
    text = text_of(walk(client, PATHS["information"]))
    # Each example, and the word that would show the check asks about it after all.
    examples = {
        "pain in your tummy": "pain in your tummy",
        "a cough that will not go away": "cough",
        "a rash": "rash",
    }
    asked = " ".join(
        f"{question.label} {option.label}" for question in DEFINITION.questions for option in question.options
    ).lower()

    assert "It does not ask about many others, such as" in text
    for example, word in examples.items():
        assert example in text
        assert word not in asked, f"the check does ask about {example}"


def test_someone_under_16_is_told_the_site_is_for_adults_and_pointed_to_their_gp(client):
    response = walk(client, [*NONE_URGENT, NO_SYMPTOMS, {"risks": "none", "age": "under_16"}])
    text = text_of(response)

    assert "This site is written for adults" in text
    assert "people aged 16 and over" in text
    assert "see your GP" in text


def test_an_emergency_answer_is_never_hidden_by_being_under_16(client):
    result = walk(client, [*NONE_URGENT, NO_SYMPTOMS, {"risks": "none", "age": "under_16"}])
    changed = client.post(CHECK, {"state": result.context["state"], "action": "change", "step": "emergency"})

    response = walk(client, [{"emergency": ["severe_breathlessness"]}], start=changed)
    text = text_of(response)

    assert response.context["level"] == "emergency"
    assert text.index("Call 999 now") < text.index("This site is written for adults")


def test_the_start_page_says_the_check_is_for_adults_and_that_answers_travel_encrypted(client):
    text = text_of(client.get("/self-check/"))

    assert "people aged 16 and over" in text
    assert "in encrypted form" in text


def test_the_act_now_result_works_on_the_kiosk_too(client, site_content):
    url = "/kiosk/self-check/check/"

    response = walk(client, PATHS["act_now"], url=url)

    assert response.context["level"] == "act_now"
    assert "Call your cancer care team's 24-hour line now" in text_of(response)
    assert response.context["base_template"] == "kiosk/base.html"
    # A kiosk cannot dial: numbers are shown as text.
    assert "tel:" not in response.content.decode()
