"""The explainer's pages at /my-result/: answers only by POST, never stored, never in the
address or the log; every bad input gets a sentence beside its field and keeps what was typed."""

import html
import itertools
import logging
import re

import pytest
from django.apps import apps
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.readability import measure
from common.wording import diagnostic_phrase
from explainer import engine, forms, views
from tests.explainer.pages import checked, field_value, main_html, text_of

URL = "/my-result/"
TOTAL_250 = {"test": "total", "value": "250", "unit": "pg/mL"}

pytestmark = pytest.mark.django_db


def explain(client, **fields):
    return client.post(URL, {**TOTAL_250, **fields})


# --- the form --------------------------------------------------------------------------------


def test_the_form_asks_for_the_test_the_number_the_unit_the_range_and_three_ticks(client):
    response = client.get(URL)
    page = response.content.decode()

    assert response.status_code == 200
    assert "This is not a diagnosis." in text_of(response)
    assert "never appears in the page address" in text_of(response)
    for input_id in ["test-total", "test-active", "value", "unit-pg-ml", "unit-ng-l", "unit-pmol-l", "lab_low",
                     "lab_high", "on_b12-on", "pregnant-on", "nerve-on"]:  # fmt: skip
        assert f'id="{input_id}"' in page, input_id
    assert '<label class="explainer-number__label" for="value">Your result</label>' in page
    assert page.count("<fieldset") == 4 and page.count("<legend") == 4
    assert f'<form method="post" action="{URL}"' in page


def test_nothing_in_the_address_fills_in_the_form_or_reaches_a_result(client):
    response = client.get(URL, {"test": "total", "value": "987", "unit": "pg/mL", "action": "explain"})

    assert response.status_code == 200
    assert field_value(response, "value") == ""
    assert not checked(response, "test-total")
    assert "987" not in response.content.decode()


def test_every_answer_says_no_store_and_the_form_is_never_kept_by_the_page_cache(client, monkeypatch):
    renders = []
    real_render = views.render
    monkeypatch.setattr(views, "render", lambda *a, **k: renders.append(1) or real_render(*a, **k))

    first, second = client.get(URL), client.get(URL)
    answer = explain(client)

    assert len(renders) == 3
    for response in (first, second, answer):
        assert "no-store" in response["Cache-Control"]
        assert "ETag" not in response


def test_other_methods_are_refused_calmly(client):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


# --- results ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "title"),
    [
        ({"value": "150"}, "In the low band"),
        ({"value": "250"}, "In the borderline band"),
        ({"value": "400"}, "Not low"),
        ({"value": "900"}, "Not low, and higher than usual"),
        ({"value": "150", "lab_low": "160", "lab_high": "900"}, "Below your lab's range"),
        ({"value": "250", "lab_low": "160", "lab_high": "900"}, "Within your lab's range"),
        ({"value": "950", "lab_low": "160", "lab_high": "900"}, "Above your lab's range"),
        ({"test": "active", "unit": "pmol/L", "value": "30"}, "In the borderline band"),
    ],
)
def test_each_outcome_has_its_own_heading(client, fields, title):
    response = explain(client, **fields)
    assert response.status_code == 200
    assert re.search(r'<h1 class="explainer-panel__title">(.*?)</h1>', response.content.decode()).group(
        1
    ) == html.escape(title)


def test_the_result_shows_both_units_with_the_rounding_said(client):
    text = text_of(explain(client, value="250", unit="pg/mL"))

    assert "250 pg/mL is the same as 250 ng/L. In pmol/L it is about 185." in text
    assert "1 pg/mL = 1 ng/L = 0.738 pmol/L, and round to the nearest whole number" in text


def test_a_result_in_pmol_per_litre_is_shown_in_mass_units_too(client):
    text = text_of(explain(client, value="120", unit="pmol/L"))

    assert "120 pmol/L is about 163 pg/mL, which is the same as 163 ng/L." in text
    assert "Your result is 12.84 pmol/L below 132.84 pmol/L, where the borderline band starts." in text


def test_without_a_range_the_page_says_it_used_nices_bands_and_that_the_labs_range_comes_first(client):
    text = text_of(explain(client, value="250"))

    assert "we used the bands in NICE's guideline" in text
    assert "your lab's range comes first" in text
    assert "Borderline: 180 to 350 pg/mL (your result)" in text
    assert "Your result is between 180 and 350 pg/mL." in text


def test_with_a_range_the_page_says_it_used_the_labs_range_and_by_how_much(client):
    text = text_of(explain(client, value="150", lab_low="197", lab_high="771"))

    assert "You entered your lab's range: 197 to 771 pg/mL. Your lab's own range comes first" in text
    assert "Your result is 47 pg/mL below the bottom of this range." in text
    # Both call it low, so NICE's bands are not brought up as well
    assert "NICE's bands would put it" not in text
    assert "Borderline: 180 to 350" not in text


def test_inside_the_range_the_page_gives_the_distance_to_both_ends_and_where_nice_disagrees(client):
    text = text_of(explain(client, value="250", lab_low="197", lab_high="771"))

    assert "It is 53 pg/mL above the bottom and 521 pg/mL below the top." in text
    assert "NICE's bands would put it in the band called “borderline”." in text


def test_a_result_a_hair_from_an_edge_is_just_below_it(client):
    text = text_of(explain(client, value="179.999"))
    assert "Your result is just below 180 pg/mL, where the borderline band starts." in text


def test_a_high_result_without_a_range_says_where_high_starts_and_why(client):
    text = text_of(explain(client, value="900", unit="ng/L"))

    assert "NICE's bands do not say when a result is high." in text
    assert "above 600 pmol/L (about 813 ng/L)" in text
    assert "two large studies of high results, in Denmark and the UK" in text
    assert "Your result is about 87 ng/L above this mark." in text
    assert "Your result is 0.01 pmol/L above this mark." in text_of(
        explain(client, value="600.01", unit="pmol/L")
    )
    assert text.index("Why a B12 result can be high") < text.index("Could it be cancer?")
    assert "about 3 times" in text and "about 6 times" in text
    assert "Most people with a high result do not have cancer." in text
    assert "Arendt JFB" in text and "Arendt JFH" in text


def test_an_active_b12_is_only_called_high_by_the_labs_range(client):
    text = text_of(explain(client, test="active", unit="pmol/L", value="200"))
    assert "only your lab's range can show if it is high" in text
    assert "Could it be cancer?" not in text
    assert "Could it be cancer?" in text_of(
        explain(client, test="active", unit="pmol/L", value="200", lab_low="40", lab_high="150")
    )


def test_a_low_result_has_no_high_result_section_and_names_its_next_steps(client):
    text = text_of(explain(client, value="150"))
    assert "Could it be cancer?" not in text
    assert "Most people with a result in this band are offered B12" in text
    assert "What to bring" in text and "Questions to ask" in text


@pytest.mark.parametrize(
    ("fields", "shown", "not_shown"),
    [
        ({"value": "150", "nerve": "on"}, "Nerve symptoms with a low or borderline result: do not wait", "If you already take B12"),
        ({"value": "250", "nerve": "on"}, "Nerve symptoms with a low or borderline result: do not wait", "If you are pregnant"),
        ({"value": "300", "lab_low": "200", "lab_high": "900", "nerve": "on"}, "Nerve symptoms with a low or borderline result: do not wait", "needs a check by a clinician"),
        ({"value": "500", "nerve": "on"}, "Numbness, tingling or weakness needs a check by a clinician", "do not wait"),
        ({"value": "900", "on_b12": "on"}, "a high result is expected. It is not a reason to stop.", "Nerve symptoms"),
        ({"value": "150", "pregnant": "on"}, "NICE suggests active B12 as the better test in pregnancy.", "Nerve symptoms"),
    ],
)  # fmt: skip
def test_each_tick_adds_its_note(client, fields, shown, not_shown):
    text = text_of(explain(client, **fields))
    assert shown in text
    assert not_shown not in text


def test_nerve_symptoms_with_a_low_result_come_first_and_link_to_the_self_check(client):
    response = explain(client, value="150", nerve="on")
    text = text_of(response)

    assert text.index("do not wait") < text.index("Your number in both units")
    assert "Contact a clinician today." in text
    assert '<a href="/self-check/">Check your symptoms</a>' in response.content.decode()


def test_the_result_links_to_the_articles_and_offers_print_change_and_start_again(client):
    response = explain(client, value="900")
    page = response.content.decode()

    for href in [
        "/articles/your-b12-result/",
        "/articles/high-b12-levels/",
        "/articles/b12-tests-explained/",
    ]:
        assert f'href="{href}"' in page
    assert "data-print hidden" in page
    assert f'<a class="button button--secondary" href="{URL}">Start again</a>' in page
    assert 'value="change"' in page
    assert "This page has not yet been signed off by a clinical reviewer." in text_of(response)


def test_change_what_i_entered_brings_the_form_back_filled_in_by_post(client):
    result = explain(client, value="132,5", unit="pmol/L", lab_low="150", lab_high="600", pregnant="on")
    entered = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', result.content.decode()))

    form = client.post(URL, {**entered, "action": "change"})

    assert "There is a problem" not in text_of(form)
    assert field_value(form, "value") == "132.5"
    assert (field_value(form, "lab_low"), field_value(form, "lab_high")) == ("150", "600")
    assert checked(form, "unit-pmol-l") and checked(form, "test-total") and checked(form, "pregnant-on")
    assert not checked(form, "nerve-on")


def test_every_result_reads_at_grade_eight_or_below_and_never_as_a_diagnosis(client):
    ranges = [{}, {"lab_low": "200", "lab_high": "900"}]
    ticks = [{}, {"on_b12": "on", "pregnant": "on", "nerve": "on"}]
    cases = [
        ({"test": test, "unit": unit, "value": value}, lab, tick)
        for (test, unit, values) in [("total", "pg/mL", ["150", "250", "400", "950"]), ("active", "pmol/L", ["20", "40", "90"])]
        for value, lab, tick in itertools.product(values, ranges, ticks)
    ]  # fmt: skip
    outcomes = set()
    for fields, lab, tick in cases:
        response = client.post(URL, {**fields, **lab, **tick})
        outcomes.add(response.context["outcome"].id)
        grade = measure(main_html(response)).grade
        assert grade <= 8.0, (fields, lab, tick, grade)
        # The page's own words: a source keeps its published title ("…: diagnosis and management").
        words = text_of(response, sources=False)
        assert not diagnostic_phrase(words), (fields, lab, tick, diagnostic_phrase(words))
    assert outcomes == set(engine.OUTCOMES)


def test_the_disclaimer_is_the_only_mention_of_a_diagnosis():
    assert diagnostic_phrase("This is not a diagnosis. It explains one number.") == ""
    assert diagnostic_phrase("This is a diagnosis.") == "diagnos"
    assert diagnostic_phrase("So you have low B12, and this is not a diagnosis.") == "you have"


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": ""}, "value", "Enter the number from your report, for example 250 or 132.5."),
        ({"value": "abc"}, "value", "Enter your result as a number only, for example 250 or 132.5."),
        ({"value": "250 pg/mL"}, "value", "Enter your result as a number only, for example 250 or 132.5."),
        ({"value": "-250"}, "value", "Enter your result as a number above zero. A B12 level is never zero or less."),
        ({"value": "0"}, "value", "Enter your result as a number above zero. A B12 level is never zero or less."),
        ({"value": "250000"}, "value", "No lab reports a B12 level this high. Check your result and the unit on your report."),
        ({"test": "active", "unit": "pmol/L", "value": "5000"}, "value", "No lab reports a B12 level this high."),
        ({"value": ">2000"}, "value", "Enter your result without the < or > sign in front of it."),
        ({"value": "1,200"}, "value", "We cannot tell if the comma in your result is a decimal mark."),
        ({"lab_low": "900", "lab_high": "180"}, "lab_low", forms.RANGE_BACKWARDS),
        ({"lab_low": "180", "lab_high": "180"}, "lab_low", forms.RANGE_BACKWARDS),
        ({"lab_low": "180"}, "lab_high", forms.HALF_A_RANGE),
        ({"lab_high": "900"}, "lab_low", forms.HALF_A_RANGE),
        ({"lab_low": "low", "lab_high": "900"}, "lab_low", "Enter the low end of the range as a number only, for example 180."),
        ({"lab_low": "180", "lab_high": "99999"}, "lab_high", "No lab reports a B12 level this high. Check the high end of the range"),
        ({"test": "active", "unit": "pg/mL"}, "unit", forms.ACTIVE_IN_PMOL),
        ({"test": "active", "unit": "ng/L"}, "unit", forms.ACTIVE_IN_PMOL),
        ({"test": ""}, "test", forms.CHOOSE_TEST),
        ({"test": "folate"}, "test", forms.CHOOSE_TEST),
        ({"unit": ""}, "unit", forms.CHOOSE_UNIT),
        ({"unit": "mg/dL"}, "unit", forms.CHOOSE_UNIT),
        ({"value": "25\x000"}, "value", "Enter your result as a number only"),
    ],
)  # fmt: skip
def test_bad_input_gets_a_sentence_beside_its_field_and_in_the_summary(client, fields, field, message):
    response = explain(client, **fields)
    page = response.content.decode()

    assert response.status_code == 200
    assert "There is a problem" in text_of(response)
    beside = re.search(rf'<p class="selfcheck-error" id="{field}-error">(.*?)</p>', page, re.DOTALL)
    assert beside and message in html.unescape(beside.group(1)), page
    anchor = {"test": "test-total", "unit": "unit-pg-ml"}.get(field, field)
    assert re.search(rf'<li><a href="#{anchor}">[^<]*{re.escape(html.escape(message[:30]))}', page)
    assert "<title>Error: Understand your B12 result" in page


@pytest.mark.parametrize(
    "fields",
    [
        {"value": "abc", "lab_low": "180", "lab_high": "900", "on_b12": "on", "nerve": "on"},
        {"value": "-250", "unit": "ng/L", "pregnant": "on"},
        {"value": "0", "lab_low": "180", "lab_high": "900", "nerve": "on"},
        {"value": "250000", "unit": "ng/L", "on_b12": "on"},
        {"test": "active", "unit": "pmol/L", "value": "5000", "lab_low": "25", "lab_high": "70"},
        {"value": "1,200", "lab_low": "900", "lab_high": "180"},
        {"test": "active", "unit": "pg/mL", "value": "55,5", "lab_low": "<25", "lab_high": "70"},
        {"value": "<script>alert(1)</script>", "lab_low": '"><b>', "lab_high": "900"},
    ],
)
def test_bad_input_keeps_everything_that_was_typed_and_ticked(client, fields):
    response = explain(client, **fields)
    sent = {**TOTAL_250, **fields}

    assert "There is a problem" in text_of(response)
    for name in ("value", "lab_low", "lab_high"):
        assert field_value(response, name) == sent.get(name, ""), name
    assert checked(response, f"test-{sent['test']}")
    assert checked(response, "unit-" + sent["unit"].replace("/", "-").lower())
    for flag in ("on_b12", "pregnant", "nerve"):
        assert checked(response, f"{flag}-on") == (flag in fields), flag
    assert "<script>alert" not in response.content.decode()


def test_a_comma_as_decimal_mark_is_accepted(client):
    response = explain(client, value="132,84", unit="pmol/L", lab_low="110,5", lab_high="600")

    assert "There is a problem" not in text_of(response)
    assert "Your result: Total B12, 132.84 pmol/L" in text_of(response)
    assert "You entered your lab's range: 110.5 to 600 pmol/L." in text_of(response)
    assert response.context["reading"].nice_band == engine.INDETERMINATE


def test_a_forged_post_never_answers_500(client):
    client.raise_request_exception = False
    for fields in [
        {"test": ["total", "active"], "value": ["1", "2"]},
        {"value": "9" * 5000},
        {"value": "0." + "0" * 3000 + "1"},
        {"lab_low": "1" * 400, "lab_high": "2" * 400},
        {"action": "nonsense"},
        {"on_b12": "maybe"},
    ]:
        assert explain(client, **fields).status_code == 200, fields


# --- privacy ---------------------------------------------------------------------------------


def test_nothing_but_method_path_and_status_is_logged(client, caplog):
    caplog.set_level(logging.DEBUG)

    client.get(URL)
    explain(
        client, value="987,65", unit="ng/L", lab_low="123,45", lab_high="876,54", nerve="on", pregnant="on"
    )
    explain(client, value="-4321", unit="ng/L")
    client.post("/kiosk/my-result/", {**TOTAL_250, "value": "5678", "key": "9"})

    assert len(caplog.records) == 4
    lines = [record.getMessage() for record in caplog.records]
    assert [record.name for record in caplog.records] == ["b12.requests"] * 4
    for line, expected in zip(lines, ["GET /my-result/ 200", "POST /my-result/ 200", "POST /my-result/ 200", "POST /kiosk/my-result/ 200"], strict=True):  # fmt: skip
        assert re.fullmatch(rf"{expected} [0-9.]+ms", line), line
    for typed in ("987", "123", "876", "4321", "5678", "pregnant", "nerve", "ng/L"):
        assert typed not in caplog.text


def test_what_is_posted_is_hidden_from_error_reports():
    request = RequestFactory().post(URL, TOTAL_250)
    request.resolver_match = type("Match", (), {"namespace": "explainer"})()
    views.explain(request)
    assert request.sensitive_post_parameters == "__ALL__"


def test_the_forms_carry_a_csrf_token_and_work_with_csrf_checks_on():
    client = Client(enforce_csrf_checks=True)
    form = client.get(URL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)

    assert client.post(URL, TOTAL_250).status_code == 403
    answer = client.post(URL, {**TOTAL_250, "csrfmiddlewaretoken": token})
    assert answer.status_code == 200
    assert answer.context["outcome"].id == engine.INDETERMINATE


def test_the_app_answers_from_the_file_it_loaded_at_start_up(client, monkeypatch):
    config = apps.get_app_config("explainer")
    outcome = config.explainer.outcomes[engine.INDETERMINATE]
    monkeypatch.setitem(
        config.explainer.outcomes,
        engine.INDETERMINATE,
        type(outcome)(**{**outcome.__dict__, "title": "Changed"}),
    )
    assert '<h1 class="explainer-panel__title">Changed</h1>' in explain(client).content.decode()


# --- links to it -----------------------------------------------------------------------------


def test_the_home_page_names_the_explainer(client, site_content):
    page = client.get("/").content.decode()
    assert f'<a href="{URL}">Understand your B12 result</a>' in page


def test_the_sitemap_lists_the_explainer(client, settings):
    settings.SITE_URL = "https://b12.example.org"
    assert "<loc>https://b12.example.org/my-result/</loc>" in client.get("/sitemap.xml").content.decode()


# --- fuzz ------------------------------------------------------------------------------------

plausible = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "250",
            "132,5",
            "1,200",
            "-5",
            ">2000",
            "99999999",
            "0.",
            ".",
            "1e3",
            "total",
            "active",
            "pg/mL",
            "ng/L",
            "pmol/L",
            "on",
            "explain",
            "change",
            "point",
            "delete",
            "clear",
            "value",
            "lab_low",
            "lab_high",
            "\x00",
            "٣",
        ]
    ),  # fmt: skip
    st.text(max_size=20),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    url=st.sampled_from([URL, "/kiosk/my-result/"]),
    fields=st.dictionaries(
        st.sampled_from(
            [
                "test",
                "value",
                "unit",
                "lab_low",
                "lab_high",
                "on_b12",
                "pregnant",
                "nerve",
                "action",
                "key",
                "focus",
                "slot",
            ]
        ),  # fmt: skip
        plausible | st.lists(plausible, max_size=3),
        max_size=12,
    ),
)
def test_no_post_of_the_explainers_fields_answers_500(client, url, fields):
    client.raise_request_exception = False
    response = client.post(url, fields)
    assert response.status_code == 200, (url, fields)
    assert "no-store" in response["Cache-Control"]


def test_the_sites_fuzz_finds_both_mounts_by_itself():
    from tests.production.test_fuzz import FORM_FIELDS, ROUTES

    assert {"/my-result/", "/kiosk/my-result/"} <= set(ROUTES)
    assert {"test", "value", "unit", "lab_low", "lab_high", "key", "focus", "slot"} <= set(FORM_FIELDS)


@pytest.mark.parametrize("url", [URL, "/kiosk/my-result/"])
def test_the_form_says_whether_its_texts_have_been_signed_off(client, url):
    response = client.get(url)
    assert "This page has not yet been signed off by a clinical reviewer." in text_of(response)
