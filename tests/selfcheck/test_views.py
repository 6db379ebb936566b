"""The self-check pages: every step validated on the server, forged posts refused cleanly,
results only by POST, and nothing kept but a daily count per level."""

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from common.wording import diagnostic_phrase
from selfcheck import progress as flow
from selfcheck.models import DailyCount
from tests.pages import text_of
from tests.selfcheck.loaded import result_title, site_definition
from tests.selfcheck.walk import walk

ROOT = Path(__file__).resolve().parents[2]
START = "/self-check/"
CHECK = "/self-check/check/"

NOTHING_URGENT = [{"emergency": "none"}, {"urgent": "none"}]
NO_SYMPTOMS = {"symptoms": "none", "other_signs": "none"}
ROUTINE_PATH = [
    *NOTHING_URGENT,
    NO_SYMPTOMS,
    {"risks": ["metformin"], "age": "from_16_to_64"},
]

pytestmark = pytest.mark.django_db


def sealed(**payload):
    """A state token made with the site's own key, holding whatever the test wants."""
    payload.setdefault("v", site_definition().version)
    payload.setdefault("n", "A" * 22)
    return flow.seal_payload(payload)


# --- the start page --------------------------------------------------------------------------


def test_the_start_page_says_what_the_check_is_and_is_not_and_shows_the_emergency_number(client, settings):
    settings.EMERGENCY_NUMBER = "112"

    response = client.get(START)
    text = text_of(response)

    assert response.status_code == 200
    assert "It is not a diagnosis" in text
    assert "It is not for emergencies" in text
    assert "Nothing you enter is stored" in text
    assert 'href="tel:112"' in response.content.decode()
    assert f'href="{CHECK}"' in response.content.decode()


def test_the_main_navigation_and_home_page_link_to_the_self_check(client, site_content):
    html = client.get("/").content.decode()

    assert f'<a href="{START}">Self-check</a>' in html
    assert "Check your symptoms" in html


# --- moving through the steps ------------------------------------------------------------------


def test_it_begins_with_the_emergency_signs_as_step_2_of_5(client):
    response = client.get(CHECK)

    assert response.context["step"].id == "emergency"
    assert "Step 2 of 5" in text_of(response)


def test_an_emergency_sign_goes_straight_to_the_emergency_result(client, settings):
    settings.EMERGENCY_NUMBER = "112"

    response = walk(client, [{"emergency": ["chest_pain"]}])

    assert response.templates[0].name == "selfcheck/result.html"
    assert response.context["level"] == "emergency"
    assert "Call 112 now" in text_of(response)
    assert "chest pain or tightness right now" in text_of(response)
    assert "Read more" not in text_of(response)


def test_an_urgent_sign_gives_the_urgent_result_after_the_remaining_steps(client):
    response = walk(
        client,
        [
            {"emergency": "none"},
            {"urgent": ["balance"]},
            NO_SYMPTOMS,
            {"risks": "none", "age": "from_65"},
        ],
    )

    assert response.context["level"] == "urgent"
    assert result_title("urgent") in text_of(response)


def test_the_result_shows_what_to_do_bring_and_ask_and_links_to_articles(client):
    response = walk(client, ROUTINE_PATH)
    text = text_of(response)

    assert response.context["level"] == "routine"
    assert result_title("routine") in text
    assert "You told us about" in text and "taking metformin for a long time" in text
    for heading in ("What to do", "What to bring", "Questions to ask", "Read more", "Your answers"):
        assert heading in text
    assert 'href="/articles/causes-of-b12-deficiency/"' in response.content.decode()
    assert "Do not stop metformin" in text
    assert "Print this page" in text and "Start over" in text and "Change my answers" in text


def test_people_in_cancer_treatment_are_pointed_to_their_cancer_care_team(client):
    response = walk(
        client,
        [*NOTHING_URGENT, NO_SYMPTOMS, {"risks": ["cancer_treatment"], "age": "from_16_to_64"}],
    )

    assert "Your cancer care team" in text_of(response)
    assert not re.search(r"cancer care team[^.]*\bfirst\b", text_of(response))


def test_a_high_b12_result_is_routed_to_a_talk_with_a_clinician(client):
    response = walk(
        client,
        [
            *NOTHING_URGENT,
            NO_SYMPTOMS,
            {"risks": "none", "age": "from_16_to_64", "b12_result": "high"},
        ],
    )
    text = text_of(response)

    assert response.context["level"] == "soon"
    assert "Do not start or stop any supplement because of one reading" in text
    assert 'href="/articles/high-b12-levels/"' in response.content.decode()


def test_nothing_ticked_anywhere_gives_the_information_result(client):
    response = walk(client, [*NOTHING_URGENT, NO_SYMPTOMS, {"risks": "none", "age": "from_16_to_64"}])

    assert response.context["level"] == "information"
    assert "Nothing you told us needs care now" in text_of(response)
    assert "asks only about some signs" in text_of(response)


@pytest.mark.parametrize(
    "answers,level",
    [
        ([{"emergency": ["self_harm"]}], "emergency"),
        (
            [
                {"emergency": "none"},
                {"urgent": ["black_poo"]},
                NO_SYMPTOMS,
                {"risks": "none", "age": "under_16"},
            ],
            "urgent",
        ),
        ([{"emergency": "none"}, {"urgent": ["fever_on_treatment"]}], "act_now"),
        (
            [
                *NOTHING_URGENT,
                {"symptoms": ["tiredness"], "duration": "over_three_months", "other_signs": "none"},
                {"risks": "none", "age": "from_16_to_64"},
            ],
            "soon",
        ),
        (ROUTINE_PATH, "routine"),
        ([*NOTHING_URGENT, NO_SYMPTOMS, {"risks": "none", "age": "age_not_given"}], "information"),
    ],
)
def test_no_result_page_reads_as_a_diagnosis(client, answers, level):
    response = walk(client, answers)
    assert response.context["level"] == level
    assert diagnostic_phrase(text_of(response)) == ""


def test_no_step_page_reads_as_a_diagnosis(client):
    response = client.get(CHECK)
    for fields in ROUTINE_PATH[:-1]:
        assert diagnostic_phrase(text_of(response)) == ""
        response = client.post(CHECK, {"state": response.context["state"], **fields})
    assert diagnostic_phrase(text_of(response)) == ""


def test_back_shows_the_previous_step_with_its_answers_still_ticked(client):
    response = walk(client, [{"emergency": "none"}, {"urgent": ["vision"]}])

    response = client.post(CHECK, {"state": response.context["state"], "action": "back"})

    assert response.context["step"].id == "urgent"
    assert re.search(r'value="vision" checked', response.content.decode())


def test_back_from_the_first_step_returns_to_the_start_page(client):
    response = client.get(CHECK)

    response = client.post(CHECK, {"state": response.context["state"], "action": "back"})

    assert response.status_code == 302
    assert response.url == START


def test_change_my_answers_reopens_a_step_and_walks_on_from_there(client):
    result = walk(client, ROUTINE_PATH)

    response = client.post(CHECK, {"state": result.context["state"], "action": "change", "step": "symptoms"})
    assert response.context["step"].id == "symptoms"
    assert 'value="none" checked' in response.content.decode()

    response = walk(
        client,
        [{"symptoms": ["memory"], "duration": "under_two_weeks", "other_signs": "none"}],
        start=response,
    )
    response = walk(client, [{"risks": ["metformin"], "age": "from_16_to_64"}], start=response)
    assert response.context["level"] == "soon"


def test_changing_the_first_step_to_an_emergency_sign_gives_the_emergency_result(client):
    result = walk(client, ROUTINE_PATH)
    response = client.post(CHECK, {"state": result.context["state"], "action": "change", "step": "emergency"})

    response = walk(client, [{"emergency": ["stroke_signs"]}], start=response)

    assert response.context["level"] == "emergency"


# --- each step validates on the server ----------------------------------------------------------


def reach(client, step_id):
    """The response showing `step_id`, reached with harmless answers."""
    path = {"emergency": 0, "urgent": 1, "symptoms": 2, "background": 3}[step_id]
    return walk(client, ROUTINE_PATH[:path])


@pytest.mark.parametrize("step_id", ["emergency", "urgent", "symptoms", "background"])
def test_each_step_refuses_to_go_on_with_nothing_answered(client, step_id):
    shown = reach(client, step_id)

    response = client.post(CHECK, {"state": shown.context["state"]})

    assert response.status_code == 200
    assert response.context["step"].id == step_id
    assert "There is a problem" in text_of(response)
    assert "<title>Error:" in response.content.decode()


@pytest.mark.parametrize(
    "step_id,field",
    [("emergency", "emergency"), ("urgent", "urgent"), ("symptoms", "symptoms"), ("background", "risks")],
)
def test_each_step_refuses_none_of_these_together_with_a_sign(client, step_id, field):
    shown = reach(client, step_id)
    option = site_definition().question(field).options[0].id

    response = client.post(
        CHECK,
        {"state": shown.context["state"], field: ["none", option], "age": "from_65", "other_signs": "none"},
    )

    assert response.context["step"].id == step_id
    assert "You ticked ‘None of these’ and another answer" in text_of(response)


@pytest.mark.parametrize(
    "step_id,field",
    [("emergency", "emergency"), ("urgent", "urgent"), ("symptoms", "symptoms"), ("background", "age")],
)
def test_each_step_refuses_an_option_that_is_not_on_the_page(client, step_id, field):
    shown = reach(client, step_id)

    response = client.post(CHECK, {"state": shown.context["state"], field: "<script>x</script>"})

    assert response.context["step"].id == step_id
    assert "Choose from the answers shown" in text_of(response)
    assert "<script>x</script>" not in response.content.decode()


def test_the_symptoms_step_asks_how_long_when_a_symptom_is_ticked(client):
    shown = reach(client, "symptoms")

    response = client.post(
        CHECK, {"state": shown.context["state"], "symptoms": ["tiredness"], "other_signs": "none"}
    )

    assert response.context["step"].id == "symptoms"
    assert "Choose one answer" in text_of(response)


def test_the_symptoms_step_needs_an_answer_about_the_signs_to_check_soon(client):
    shown = reach(client, "symptoms")

    response = client.post(CHECK, {"state": shown.context["state"], "symptoms": "none"})

    assert response.context["step"].id == "symptoms"
    assert "Have you noticed any of these? Tick the ones that apply" in text_of(response)


def test_the_symptoms_step_ignores_a_duration_sent_with_none_of_these(client):
    result = walk(
        client,
        [
            *NOTHING_URGENT,
            {**NO_SYMPTOMS, "duration": "over_three_months"},
            {"risks": "none", "age": "from_16_to_64"},
        ],
    )

    assert result.context["level"] == "information"


def test_the_about_you_step_needs_an_age_but_not_a_b12_result(client):
    shown = reach(client, "background")

    response = client.post(CHECK, {"state": shown.context["state"], "risks": "none"})
    assert response.context["step"].id == "background"
    assert "Choose one answer" in text_of(response)

    response = client.post(CHECK, {"state": shown.context["state"], "risks": "none", "age": "from_16_to_64"})
    assert response.context["level"] == "information"


# --- forged, tampered and malformed posts -------------------------------------------------------


def assert_restarted(response, notice):
    assert response.status_code == 200
    assert response.context["step"].id == "emergency"
    assert notice in response.context["notice"]


@pytest.mark.parametrize("state", ["", "not-a-token", "x" * 9000])
def test_a_missing_or_garbled_state_restarts_the_check_with_a_message(client, state):
    response = client.post(CHECK, {"state": state, "emergency": "none"})

    assert_restarted(response, "started again")


def test_a_post_with_no_state_at_all_restarts_the_check(client):
    assert_restarted(client.post(CHECK, {"emergency": "none"}), "missing")


def test_a_tampered_state_restarts_the_check(client):
    token = client.get(CHECK).context["state"]
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    assert_restarted(client.post(CHECK, {"state": tampered, "emergency": "none"}), "could not be read")


def test_a_state_signed_for_something_else_is_refused(client):
    token = signing.dumps({"v": 1, "at": "result", "a": {}}, compress=True)

    assert_restarted(client.post(CHECK, {"state": token}), "could not be read")


def test_an_expired_state_restarts_the_check(client, monkeypatch):
    token = client.get(CHECK).context["state"]
    monkeypatch.setattr(flow, "MAX_AGE", -1)

    assert_restarted(client.post(CHECK, {"state": token, "emergency": "none"}), "timed out")


def test_a_state_from_an_older_version_of_the_questions_restarts_the_check(client):
    token = sealed(v=0, at="emergency", a={})

    assert_restarted(client.post(CHECK, {"state": token, "emergency": "none"}), "questions have changed")


@pytest.mark.parametrize(
    "payload",
    [
        {"at": "symptoms", "a": {"emergency": {"emergency": []}}},
        {"at": "result", "a": {"emergency": {"emergency": []}}},
        {"at": "result", "a": {}},
        {"at": "urgent", "a": {"urgent": {"urgent": []}}},
    ],
    ids=["skips-a-step", "result-too-early", "result-with-no-answers", "gap-before"],
)
def test_a_sealed_state_that_skips_a_step_restarts_the_check(client, payload):
    assert_restarted(client.post(CHECK, {"state": sealed(**payload)}), "step was missing")


@pytest.mark.parametrize(
    "payload",
    [
        {"at": "nowhere", "a": {}},
        {"at": "urgent", "a": {"emergency": {"emergency": ["made_up"]}}},
        {"at": "urgent", "a": {"emergency": {"age": ["from_65"]}}},
        {"at": "urgent", "a": {"emergency": "chest_pain"}},
        {"at": "urgent", "a": {"emergency": {"emergency": [{"not": "a string"}]}}},
        {"at": "urgent", "a": {"elsewhere": {}}},
        {"at": "urgent", "a": []},
        {"at": ["urgent"], "a": {}},
        {"at": "urgent", "a": {"emergency": {"emergency": []}}, "n": "short"},
        {"at": "urgent", "a": {"emergency": {"emergency": []}}, "n": None},
    ],
)
def test_a_sealed_state_with_unknown_contents_restarts_the_check(client, payload):
    response = client.post(CHECK, {"state": sealed(**payload)})

    assert response.status_code == 200
    assert response.context["step"].id == "emergency"
    assert response.context["notice"]


def test_change_to_a_step_not_yet_reached_restarts_the_check(client):
    shown = reach(client, "urgent")

    response = client.post(CHECK, {"state": shown.context["state"], "action": "change", "step": "background"})

    assert_restarted(response, "cannot be changed")


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_huge_post_gets_a_friendly_400_page(client, settings, encoding):
    body = {"state": "x" * (300 * 1024)}
    if encoding == "urlencoded":
        response = client.post(
            CHECK, "state=" + body["state"], content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.post(CHECK, body)

    assert response.status_code == 400
    assert f"call {settings.EMERGENCY_NUMBER}" in text_of(response)


def test_a_post_with_too_many_fields_gets_a_friendly_400_page(client, settings):
    response = client.post(CHECK, {f"field{i}": "x" for i in range(500)})

    assert response.status_code == 400
    assert f"call {settings.EMERGENCY_NUMBER}" in text_of(response)


def test_other_methods_are_refused_without_an_error(client):
    assert client.put(CHECK).status_code == 405
    assert client.delete(CHECK).status_code == 405


# --- results only by POST, and nothing kept -------------------------------------------------------


def test_a_get_never_shows_a_result_even_with_a_valid_state_in_the_address(client):
    token = walk(client, [{"emergency": ["chest_pain"]}]).context["state"]

    response = client.get(CHECK, {"state": token})

    assert response.context["step"].id == "emergency"
    assert "level" not in response.context


def test_answers_never_appear_in_an_address(client):
    response = walk(client, ROUTINE_PATH)
    html = re.search(r"<main\b.*?</main>", response.content.decode(), re.DOTALL).group()

    assert re.findall(r"<form\b", html)
    assert not re.search(r'<form(?![^>]*method="post")', html)
    for href in re.findall(r'href="([^"]+)"', html):
        assert "?" not in href, href
        assert "metformin" not in href


def test_pages_with_answers_are_never_cached(client):
    for response in (client.get(CHECK), walk(client, ROUTINE_PATH)):
        assert "no-store" in response["Cache-Control"]


def test_a_finished_check_writes_only_a_daily_count(client):
    before = {model: model.objects.count() for model in apps.get_models()}

    walk(client, ROUTINE_PATH)

    changed = {model.__name__ for model in apps.get_models() if model.objects.count() != before[model]}
    assert changed == {"DailyCount"}
    row = DailyCount.objects.get()
    assert (row.level, row.count) == ("routine", 1)
    assert not client.session.keys()


def test_the_daily_count_holds_only_a_date_a_level_and_a_number():
    assert [f.name for f in DailyCount._meta.get_fields()] == ["id", "date", "level", "count"]


def test_each_finished_check_adds_one_to_the_day_and_level_it_ended_on(client):
    walk(client, ROUTINE_PATH)
    result = walk(client, ROUTINE_PATH)
    walk(client, [{"emergency": ["fainting"]}])

    # Looking at the result again (e.g. after "print") does not count again.
    client.post(CHECK, {"state": result.context["state"]})

    assert {(r.level, r.count) for r in DailyCount.objects.all()} == {("routine", 2), ("emergency", 1)}


def test_the_result_is_shown_even_when_the_count_cannot_be_written(client, monkeypatch):
    from django.db import OperationalError

    def database_down(level):
        raise OperationalError("database is down")

    monkeypatch.setattr(DailyCount, "record", database_down)

    response = walk(client, [{"emergency": ["stroke_signs"]}])

    assert response.context["level"] == "emergency"
    assert "Call 999 now" in text_of(response)


def test_nothing_a_person_answers_is_logged(client, caplog):
    caplog.set_level(logging.DEBUG)

    walk(
        client,
        [
            {"emergency": "none"},
            {"urgent": ["vision"]},
            {"symptoms": ["weight_loss"], "duration": "over_three_months"},
        ],
    )

    for answer in ("vision", "weight_loss", "over_three_months", "eyesight", "weight"):
        assert answer not in caplog.text


def test_the_forms_carry_a_csrf_token_and_work_with_csrf_checks_on():
    client = Client(enforce_csrf_checks=True)
    response = client.get(CHECK)

    for fields in ROUTINE_PATH:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
        response = client.post(
            CHECK, {"csrfmiddlewaretoken": token, "state": response.context["state"], **fields}
        )
        assert response.status_code == 200

    assert response.context["level"] == "routine"


def test_editors_see_the_counts_read_only_in_the_admin(admin_client):
    DailyCount.record("soon")

    assert admin_client.get("/admin/selfcheck/dailycount/").status_code == 200
    assert admin_client.get("/admin/selfcheck/dailycount/add/").status_code == 403
    row = DailyCount.objects.get()
    assert (
        admin_client.post(f"/admin/selfcheck/dailycount/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert DailyCount.objects.get().count == 1


# --- the same views under another prefix, with another base template --------------------------------


@pytest.fixture
def kiosk(settings, tmp_path):
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "kiosk" / "base.html").write_text(
        "<!doctype html><title>Kiosk</title><p>KIOSK FRAME</p>{% block content %}{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    settings.ROOT_URLCONF = "tests.selfcheck.kiosk_urls"


def test_the_views_work_under_another_prefix_with_another_base_template(client, kiosk):
    start = client.get("/kiosk/self-check/")
    assert "KIOSK FRAME" in start.content.decode()
    assert 'href="/kiosk/self-check/check/"' in start.content.decode()

    step = client.get("/kiosk/self-check/check/")
    assert 'action="/kiosk/self-check/check/"' in step.content.decode()
    assert "/self-check/check/" not in step.content.decode().replace("/kiosk/self-check/check/", "")

    result = walk(client, [{"emergency": ["bleeding"]}], start=step, url="/kiosk/self-check/check/")
    assert "KIOSK FRAME" in result.content.decode()

    back = client.post("/kiosk/self-check/check/", {"state": step.context["state"], "action": "back"})
    assert back.url == "/kiosk/self-check/"


# --- the definition is checked when the site starts ----------------------------------------------


def test_a_broken_definition_stops_the_site_at_start_up_naming_the_problem(content_copy, settings):
    path = content_copy / "selfcheck.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: soon", "level: sometime", 1), encoding="utf-8"
    )
    settings.CONTENT_DIR = content_copy
    config = apps.get_app_config("selfcheck")
    loaded = config.definition

    with pytest.raises(ImproperlyConfigured, match="unknown level 'sometime'"):
        config.ready()
    assert config.definition is loaded


def test_manage_py_check_refuses_to_start_with_a_broken_definition(content_copy):
    path = content_copy / "selfcheck.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("selected: [high]", "selected: [sky-high]"), encoding="utf-8"
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "CONTENT_DIR": str(content_copy)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "The self-check cannot start" in result.stderr
    assert "has no option 'sky-high'" in result.stderr
