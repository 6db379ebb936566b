"""The published case set: every case walked through the real pages, and the page that shows them.

A case is walked the way a person would answer it: the real forms, posted one step after
another with the encrypted state the previous page gave back, until a result page comes.
Under-triage (a result less urgent than the case's lowest acceptable level) fails the test;
over-triage (more urgent than its highest proportionate level) is listed as a warning.
"""

import re
import warnings

import pytest
from django.apps import apps

from selfcheck import cases as case_file
from selfcheck import engine
from tests.pages import text_of
from tests.selfcheck.loaded import site_definition

CHECK = "/self-check/check/"
DEFINITION = site_definition()
CASES = apps.get_app_config("selfcheck").cases

pytestmark = pytest.mark.django_db


class OverTriage(UserWarning):
    """Cases the check sends to care sooner than they need."""


def walk_case(client, case, url=CHECK):
    """Answer `case` page by page; the result page's response."""
    response = client.get(url)
    for fields in case.posts(DEFINITION):
        assert "step" in response.context, f"case {case.number}: a result came before the answers ran out"
        response = client.post(url, {"state": response.context["state"], "action": "next", **fields})
        assert response.status_code == 200
        assert not response.context.get("errors"), (case.number, response.context.get("errors"))
        if "level" in response.context:
            return response
    pytest.fail(f"case {case.number} ({case.description}) never reached a result")


@pytest.fixture
def no_rate_limit(settings):
    """Hundreds of walks from one test client, which the per-visitor limit would stop."""
    settings.RATE_LIMITS = {}


def test_there_are_at_least_120_cases_covering_every_kind_of_answer():
    answered = {(q, o) for case in CASES.cases for q, options in case.answers.items() for o in options}
    levels = {case.lowest for case in CASES.cases}

    assert len(CASES.cases) >= 120
    for question in DEFINITION.questions:
        for option in question.options:
            assert (question.id, option.id) in answered, f"no case answers {question.id}: {option.id}"
    assert levels == set(engine.LEVELS)


def test_every_case_names_its_source_and_a_range_that_makes_sense():
    for case in CASES.cases:
        assert case.source and case.description
        assert engine.rank(case.highest) <= engine.rank(case.lowest), case.description


def test_the_case_set_is_not_claimed_as_signed_off():
    assert CASES.reviewed_by == ""
    assert "awaiting" in CASES.status.lower()


def test_every_case_walked_through_the_real_pages_gets_at_least_its_lowest_safe_level(client, no_rate_limit):
    under, over = [], []
    for case in CASES.cases:
        response = walk_case(client, case)
        level = response.context["level"]
        # The pages and the engine agree, also when the check ended early.
        assert level == DEFINITION.evaluate(case.answers).level, case.description
        verdict = case.verdict(level)
        if verdict == case_file.UNDER:
            under.append(f"{case.number}. {case.description}: {level}, needs at least {case.lowest}")
        elif verdict == case_file.OVER:
            over.append(f"{case.number}. {case.description}: {level}, at most {case.highest} needed")

    if over:
        warnings.warn(OverTriage("over-triage:\n" + "\n".join(over)), stacklevel=1)
    assert under == []


def test_under_triage_fails_the_walk(client, monkeypatch):
    # A case that expects more than the check gives must be reported, not passed over.
    case = CASES.cases[0]
    lowered = case_file.Case(**{**case.__dict__, "lowest": engine.EMERGENCY, "highest": engine.EMERGENCY})
    milder = case_file.Case(**{**case.__dict__, "answers": {"age": ("from_16_to_64",)}})

    assert lowered.verdict(walk_case(client, case).context["level"]) == case_file.WITHIN
    assert lowered.verdict(walk_case(client, milder).context["level"]) == case_file.UNDER


def test_a_fever_on_chemotherapy_case_ends_after_the_second_page(client):
    case = next(
        c
        for c in CASES.cases
        if c.answers.get("urgent") == ("fever_on_treatment",) and "emergency" not in c.answers
    )
    response = walk_case(client, case)

    assert response.context["level"] == engine.ACT_NOW
    assert [s.id for s in response.context["answered_steps"]] == ["emergency", "urgent"]


# --- the file is checked ---------------------------------------------------------------------


def write_cases(tmp_path, text):
    path = tmp_path / case_file.FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


HEAD = "updated: 2026-11-22\nstatus: Awaiting sign-off.\nreviewed_by:\ndefaults: {age: from_16_to_64}\n"


@pytest.mark.parametrize(
    "case,message",
    [
        (
            "{description: x, answers: {urgent: [flying]}, lowest: urgent, highest: urgent, source: y}",
            "no option 'flying'",
        ),
        (
            "{description: x, answers: {mood: [low]}, lowest: urgent, highest: urgent, source: y}",
            "'mood' does not exist",
        ),
        (
            "{description: x, answers: {}, lowest: sometime, highest: urgent, source: y}",
            "unknown level 'sometime'",
        ),
        (
            "{description: x, answers: {}, lowest: urgent, highest: soon, source: y}",
            "less urgent than lowest",
        ),
        ("{description: x, answers: {}, lowest: urgent, highest: urgent}", "missing source"),
        (
            "{description: x, answers: {age: [under_16, from_65]}, lowest: soon, highest: soon, source: y}",
            "takes one answer",
        ),
        (
            "{description: x, answers: {duration: [under_two_weeks]}, lowest: soon, highest: soon, source: y}",
            "only asked when",
        ),
        (
            "{description: x, answers: {symptoms: [mood]}, lowest: soon, highest: soon, source: y}",
            "needs an answer when",
        ),
    ],
)
def test_a_broken_case_is_refused_naming_the_problem(tmp_path, case, message):
    path = write_cases(tmp_path, HEAD + f"groups:\n  - id: g\n    title: G\n    cases:\n      - {case}\n")

    with pytest.raises(case_file.CasesError, match=re.escape(message)):
        case_file.load(path, DEFINITION)


def test_a_broken_case_file_stops_the_site_at_start_up(content_copy, settings):
    path = content_copy / case_file.FILE_NAME
    path.write_text(
        path.read_text(encoding="utf-8").replace("lowest: soon", "lowest: later", 1), encoding="utf-8"
    )
    settings.CONTENT_DIR = content_copy
    config = apps.get_app_config("selfcheck")
    loaded = config.cases

    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="unknown level 'later'"):
        config.ready()
    assert config.cases is loaded


# --- the published page ------------------------------------------------------------------------


def test_the_how_we_test_page_shows_every_case_with_its_levels_and_source(client):
    response = client.get("/self-check/how-we-test/")
    text = text_of(response)

    assert response.status_code == 200
    assert f"against {len(CASES.cases)} example cases" in text
    for case in CASES.cases:
        assert f"{case.number}. {case.description}" in text
        assert case.source in text
    assert text.count("As expected") + text.count("More urgent than needed") == len(CASES.cases)
    assert "Less urgent than needed" not in text


def test_the_how_we_test_page_says_plainly_the_cases_await_a_clinicians_sign_off(client):
    text = text_of(client.get("/self-check/how-we-test/"))

    assert "Not yet checked by a clinician" in text
    assert "Awaiting review and sign-off by a clinician" in text
    assert "not proof that it is clinically safe" in text
    assert not re.search(r"\b(validated|clinically proven|approved by)\b", text, re.IGNORECASE)


def test_the_start_page_links_to_how_we_test(client):
    html = client.get("/self-check/").content.decode()

    assert 'href="/self-check/how-we-test/"' in html
    assert "A clinician has not yet signed them off" in html


def test_the_how_we_test_page_is_served_on_the_kiosk_with_kiosk_links(client):
    response = client.get("/kiosk/self-check/how-we-test/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "kiosk" in html
    assert 'href="/kiosk/self-check/"' in html
    assert 'href="/self-check/' not in html
