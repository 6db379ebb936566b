"""The explainer on the kiosk (/kiosk/my-result/): no keyboard, so on-screen keys that work
without JavaScript, each press a form post; the same result, with every link kept on the kiosk."""

import html
import re

import pytest

from explainer import keypad
from explainer.keypad import CLEAR, DELETE, POINT, apply, press
from kiosk.links import kiosk_href
from tests.explainer.pages import checked, text_of

URL = "/kiosk/my-result/"

pytestmark = pytest.mark.django_db


def hidden(response, name):
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def type_in(client, response, keys, **fields):
    """Press `keys` one by one, each a post of the form as the page last showed it."""
    for key in keys:
        posted = {name: hidden(response, name) for name in ("slot", "value", "lab_low", "lab_high")}
        response = client.post(URL, {**posted, **fields, "key": key})
        assert response.status_code == 200
    return response


# --- the keys, as plain functions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "after"),
    [
        ("", "2", "2"),
        ("25", "0", "250"),
        ("", POINT, "0."),
        ("132", POINT, "132."),
        ("132.5", POINT, "132.5"),
        ("132.5", DELETE, "132."),
        ("", DELETE, ""),
        ("132.5", CLEAR, ""),
        ("12345678", "9", "12345678"),
        ("12345678", DELETE, "1234567"),
        ("abc", "1", "1"),
        ("25", "nonsense", "25"),
    ],
)
def test_each_key_changes_the_number_as_a_phone_keypad_would(text, key, after):
    assert press(text, key) == after


def test_the_keys_type_into_the_box_chosen_and_keep_everything_else():
    post = {
        "test": "total",
        "unit": "ng/L",
        "value": "250",
        "lab_low": "18",
        "slot": "lab_low",
        "key": "0",
        "nerve": "on",
    }
    state = apply(post)
    assert state.data == {
        "test": "total",
        "unit": "ng/L",
        "value": "250",
        "lab_low": "180",
        "lab_high": "",
        "nerve": "on",
    }
    assert (state.slot, state.action) == ("lab_low", "")


def test_touching_a_box_moves_the_keys_to_it_without_typing():
    state = apply({"value": "250", "slot": "value", "focus": "lab_high"})
    assert (state.slot, state.data["value"], state.data["lab_high"]) == ("lab_high", "250", "")


def test_a_forged_box_or_action_falls_back_to_the_result_box_and_a_key_press():
    state = apply({"slot": "csrfmiddlewaretoken", "key": "7", "action": "delete-everything"})
    assert (state.slot, state.data["value"], state.action) == ("value", "7", "")


# --- the pages ---------------------------------------------------------------------------------


def test_the_kiosk_form_has_big_keys_for_every_digit_the_point_delete_and_clear(client):
    response = client.get(URL)
    page = response.content.decode()

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    keys = re.findall(r'<button type="submit" name="key" value="([^"]+)"', page)
    assert keys == list(keypad.KEYS)
    assert 'type="text"' not in page, "the kiosk has no keyboard to type into a text box"
    assert '<span class="visually-hidden"> the last digit</span>' in page
    assert "/static/js/kiosk.js" in page
    assert 'action="/kiosk/my-result/"' in page


def test_each_press_posts_the_form_and_comes_back_with_the_number_so_far(client):
    response = type_in(client, client.get(URL), ["1", "3", "2", POINT, "5"], test="total", unit="pmol/L")

    assert hidden(response, "value") == "132.5"
    assert checked(response, "test-total") and checked(response, "unit-pmol-l")
    assert "There is a problem" not in text_of(response)


def test_the_range_is_typed_with_the_same_keys_after_touching_its_box(client):
    response = type_in(client, client.get(URL), ["2", "5", "0"], test="total", unit="ng/L")
    response = client.post(
        URL, {"slot": "value", "value": "250", "focus": "lab_low", "test": "total", "unit": "ng/L"}
    )
    assert 'id="slot-lab_low" class="explainer-slot__button" aria-pressed="true"' in response.content.decode()
    response = type_in(client, response, ["1", "8", "0"], test="total", unit="ng/L")
    response = client.post(
        URL,
        {
            "slot": "lab_low",
            "value": "250",
            "lab_low": "180",
            "focus": "lab_high",
            "test": "total",
            "unit": "ng/L",
        },
    )
    response = type_in(client, response, ["9", "0", "0"], test="total", unit="ng/L")

    assert (hidden(response, "value"), hidden(response, "lab_low"), hidden(response, "lab_high")) == (
        "250",
        "180",
        "900",
    )


def test_show_what_it_means_gives_the_same_result_in_the_kiosk_layout(client):
    response = client.post(
        URL,
        {
            "test": "total",
            "unit": "pg/mL",
            "value": "900",
            "lab_low": "180",
            "lab_high": "771",
            "action": "explain",
        },
    )
    page = response.content.decode()
    text = text_of(response)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Above your lab's range" in text
    assert "This is not a diagnosis." in text
    assert "Could it be cancer?" in text
    assert 'class="kiosk-header"' in page


def test_every_link_and_form_on_a_kiosk_result_stays_on_the_kiosk(client):
    response = client.post(
        URL, {"test": "total", "unit": "pg/mL", "value": "150", "nerve": "on", "action": "explain"}
    )
    page = response.content.decode()

    hrefs = re.findall(r'<a [^>]*href="([^"]*)"', page)
    actions = re.findall(r'<form [^>]*action="([^"]*)"', page)
    assert "/kiosk/self-check/" in hrefs and "/kiosk/articles/b12-tests-explained/" in hrefs
    assert "/kiosk/my-result/" in hrefs
    assert all(h.startswith(("/kiosk/", "#")) for h in hrefs), hrefs
    assert actions and all(a.startswith("/kiosk/") for a in actions), actions
    assert "https://www.nice.org.uk" in page, "the sources' addresses are shown as text"
    assert 'href="https://' not in page
    assert "tel:" not in page


def test_a_kiosk_answer_with_problems_shows_them_and_keeps_the_number(client):
    response = client.post(URL, {"value": "25", "unit": "pg/mL", "action": "explain"})
    page = response.content.decode()

    assert "There is a problem" in text_of(response)
    assert '<li><a href="#test-total">' in page
    assert hidden(response, "value") == "25"
    assert checked(response, "unit-pg-ml")


def test_a_kiosk_answer_with_an_unreadable_number_links_the_problem_to_its_box(client):
    response = client.post(URL, {"test": "total", "unit": "pg/mL", "value": "0.", "action": "explain"})
    page = response.content.decode()
    assert '<li><a href="#slot-value">' in page
    assert 'id="slot-value-error"' in page


def test_change_what_i_entered_on_the_kiosk_brings_back_the_keypad_filled_in(client):
    response = client.post(
        URL, {"test": "active", "unit": "pmol/L", "value": "40", "pregnant": "on", "action": "change"}
    )
    assert hidden(response, "value") == "40"
    assert checked(response, "test-active") and checked(response, "pregnant-on")
    assert "There is a problem" not in text_of(response)


def test_the_kiosk_home_names_the_explainer(client, site_content):
    page = client.get("/kiosk/").content.decode()
    assert 'href="/kiosk/my-result/"' in page
    assert "Understand your B12 result" in page


def test_a_link_to_the_explainer_in_content_leads_to_its_kiosk_twin():
    assert kiosk_href("/my-result/") == "/kiosk/my-result/"


def test_the_take_home_code_opens_the_empty_public_form(client, settings):
    settings.SITE_URL = "https://b12.example.org"
    page = client.post(
        URL, {"test": "total", "unit": "pg/mL", "value": "250", "action": "explain"}
    ).content.decode()
    assert re.search(r'data-public-url="([^"]*)"', page).group(1) == "https://b12.example.org/my-result/"
