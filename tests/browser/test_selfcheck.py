"""The symptom self-check in Debian's Chromium at phone size (and on the kiosk screen), with
axe-core on every page it shows."""

import re

import pytest

from tests.selfcheck.loaded import result_title

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KIOSK_SCREEN = {"width": 1080, "height": 1920, "has_touch": True}


@pytest.fixture
def phone(make_page):
    return make_page(**PHONE)


@pytest.fixture
def check(live_url, assert_accessible):
    """check(page) -> a helper that walks the self-check and checks every page it meets."""

    class Walk:
        def __init__(self, page, javascript=True, base="/self-check/"):
            self.page = page
            self.base = base
            # axe-core and the sideways-scroll measure run as scripts: only with JavaScript on.
            self.javascript = javascript
            self.csp_errors = []
            page.on(
                "console", lambda m: "Content Security Policy" in m.text and self.csp_errors.append(m.text)
            )

        def checked(self):
            if not self.javascript:
                return
            overflow = self.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{self.page.url} scrolls sideways by {overflow}px"
            assert_accessible(self.page)
            assert not self.csp_errors, self.csp_errors

        def open(self, path):
            self.page.goto(live_url + path)

        def start(self):
            self.open(self.base)
            assert self.heading() == "Check your symptoms"
            self.checked()
            with self.page.expect_navigation():
                self.page.get_by_role("link", name="Start the check").click()
            return self

        def heading(self):
            return self.page.get_by_role("heading", level=1).inner_text()

        def step(self, number, title):
            assert self.page.get_by_text(f"Step {number} of 5").is_visible()
            assert self.heading() == title
            self.checked()

        def tick(self, *labels, question=None):
            """Tick boxes by their label; `question` (its legend) when a label is on the page twice."""
            scope = self.page.get_by_role("group", name=question) if question else self.page
            for label in labels:
                scope.get_by_label(label, exact=True).check()

        def go_on(self):
            with self.page.expect_navigation():
                self.page.get_by_role("button", name="Continue").click()

        def result(self, title):
            assert self.heading() == title
            self.checked()

        def none_of_these_until_about_you(self):
            """Answer "None of these" to the emergency, urgent and symptom steps."""
            for number, title in [(2, "Signs of an emergency"), (3, "Signs that need care today")]:
                self.step(number, title)
                self.tick("None of these")
                self.go_on()
            self.step(4, "Common symptoms")
            self.tick("None of these", question="Which of these do you notice?")
            self.tick("None of these", question="Have you noticed any of these?")
            self.go_on()
            self.step(5, "About you")

    return Walk


def test_someone_with_chest_pain_is_told_to_call_the_emergency_number_at_once(phone, check):
    # Given a person on a phone at the first question
    walk = check(phone).start()
    walk.step(2, "Signs of an emergency")

    # When they tick chest pain
    walk.tick("Chest pain, or pressure or tightness in your chest")
    walk.go_on()

    # Then the next page is the emergency result, with no more questions
    walk.result(result_title("emergency"))
    assert phone.get_by_role("link", name="Call 999").get_attribute("href") == "tel:999"
    assert_call_button_readable(phone)
    assert phone.get_by_role("listitem").filter(has_text="chest pain or tightness right now").is_visible()


def test_someone_with_a_new_eyesight_change_is_told_to_get_care_today(phone, check):
    walk = check(phone).start()
    walk.step(2, "Signs of an emergency")
    walk.tick("None of these")
    walk.go_on()

    walk.step(3, "Signs that need care today")
    walk.tick("Eyesight getting blurred or dim over days or weeks")
    walk.go_on()

    walk.step(4, "Common symptoms")
    walk.tick("None of these", question="Which of these do you notice?")
    walk.tick("None of these", question="Have you noticed any of these?")
    walk.go_on()

    walk.step(5, "About you")
    walk.tick("None of these", "65 or over")
    walk.go_on()

    walk.result(result_title("urgent"))
    assert phone.get_by_role("listitem").filter(has_text="eyesight getting blurred or dim").is_visible()
    assert phone.get_by_role("link", name="111").get_attribute("href") == "tel:111"


def test_someone_on_metformin_is_told_to_ask_at_their_next_routine_visit(phone, check):
    walk = check(phone).start()
    walk.none_of_these_until_about_you()
    walk.tick("Taking metformin, a diabetes medicine, for a long time", "16 to 64")
    walk.go_on()

    walk.result(result_title("routine"))
    assert phone.get_by_role("heading", name="About your medicines").is_visible()
    assert phone.get_by_role("link", name="Causes of B12 deficiency").get_attribute("href") == (
        "/articles/causes-of-b12-deficiency/"
    )


def test_someone_with_nothing_to_report_gets_information_and_when_to_come_back(phone, check):
    walk = check(phone).start()
    walk.none_of_these_until_about_you()
    walk.tick("None of these", "16 to 64")
    walk.go_on()

    walk.result(result_title("information"))
    assert phone.get_by_role("heading", name="Get help sooner").is_visible()

    # The print button is there with JavaScript, and start over goes back to the start page
    assert phone.get_by_role("button", name="Print this page").is_visible()
    with phone.expect_navigation():
        phone.get_by_role("link", name="Start over").click()
    assert walk.heading() == "Check your symptoms"


def test_a_missed_question_is_explained_accessibly_and_none_of_these_unticks_the_rest(phone, check):
    walk = check(phone).start()

    # When they continue without ticking anything, the problem is listed and focused
    walk.go_on()
    assert phone.get_by_role("heading", name="There is a problem").is_visible()
    assert phone.evaluate("document.activeElement.classList.contains('selfcheck-error-summary')")
    assert phone.title().startswith("Error:")
    walk.checked()

    # Ticking "None of these" clears a sign ticked before it
    walk.tick("Passing out, or feeling about to pass out, right now", "None of these")
    assert not phone.get_by_label("Passing out, or feeling about to pass out, right now").is_checked()


def test_the_whole_check_works_without_javascript(make_page, check):
    page = make_page(javascript=False, **PHONE)
    walk = check(page, javascript=False).start()

    # The server refuses "none of these" together with a sign, and says why
    walk.tick("Passing out, or feeling about to pass out, right now", "None of these")
    walk.go_on()
    assert page.get_by_text("You ticked ‘None of these’ and another answer").first.is_visible()
    walk.step(2, "Signs of an emergency")

    walk.tick("Passing out, or feeling about to pass out, right now")
    page.get_by_label("None of these").uncheck()
    walk.go_on()
    walk.result(result_title("emergency"))
    assert not page.get_by_role("button", name="Print this page").is_visible()

    # Change my answers reopens the first step with the earlier answer still ticked
    with page.expect_navigation():
        page.get_by_role("button", name="Change my answers").click()
    walk.step(2, "Signs of an emergency")
    assert page.get_by_label("Passing out, or feeling about to pass out, right now").is_checked()

    # Back from the first step goes to the start page
    with page.expect_navigation():
        page.get_by_role("button", name="Back").click()
    assert walk.heading() == "Check your symptoms"


def test_the_result_prints_without_buttons_or_navigation(phone, check):
    walk = check(phone).start()
    walk.tick("Thoughts of harming yourself or ending your life")
    walk.go_on()

    phone.emulate_media(media="print")

    assert phone.get_by_role("heading", name="What to bring").is_visible()
    assert not phone.get_by_role("button", name="Change my answers").is_visible()
    assert not phone.get_by_role("navigation", name="Main").is_visible()
    assert re.search(r"stay with someone you trust", phone.content())


FEVER = (
    "During chemotherapy or other cancer treatment, or in the 6 weeks after it: a temperature of "
    "37.5 °C or more, or below 36 °C, or suddenly feeling unwell"
)
CAUDA_EQUINA = "New loss of control of your bladder or bowels, or new numbness around your bottom or genitals"
ACT_NOW_TITLE = "Call your cancer care team's 24-hour line now"


def assert_call_button_readable(page):
    """The call button's words in a colour of their own: it once drew white on white."""
    button = page.get_by_role("link", name="Call 999")
    colour, background = button.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    )
    assert colour != background, (colour, background)
    assert colour == "rgb(138, 21, 56)", colour  # the dark red of the emergency panel


def walk_to_the_fever_result(walk):
    walk.step(2, "Signs of an emergency")
    walk.tick("None of these")
    walk.go_on()
    walk.step(3, "Signs that need care today")
    walk.tick(FEVER)
    walk.go_on()
    walk.result(ACT_NOW_TITLE)


def assert_act_now_page(page):
    """The cancer line first, the emergency number as the way out, nothing else to follow."""
    todo = page.get_by_role("heading", name="What to do").locator("xpath=following-sibling::ul[1]/li")
    assert "cancer care team's 24-hour number now" in todo.nth(0).inner_text()
    assert "call 999" in todo.nth(1).inner_text()
    assert page.get_by_text("This is not a diagnosis").is_visible()
    assert page.get_by_role("heading", name="Read more").count() == 0
    main = page.get_by_role("main").inner_text()
    assert "surgery" not in main.split("Your answers")[0]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_someone_with_a_temperature_on_chemotherapy_is_sent_to_the_24_hour_line_at_once(
    make_page, check, javascript
):
    # Given a person on a phone, a week after chemotherapy, with a temperature of 37.8 °C
    page = make_page(javascript=javascript, **PHONE)
    walk = check(page, javascript=javascript).start()

    # When they tick the temperature sign on the second page
    # Then the next page is the act-now result: no more questions
    walk_to_the_fever_result(walk)
    assert_act_now_page(page)
    if javascript:
        assert page.get_by_role("link", name="999").first.get_attribute("href") == "tel:999"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_someone_with_new_bladder_problems_and_numbness_is_told_to_call_999_at_once(
    make_page, check, javascript
):
    page = make_page(javascript=javascript, **PHONE)
    walk = check(page, javascript=javascript).start()
    walk.step(2, "Signs of an emergency")

    walk.tick(CAUDA_EQUINA)
    walk.go_on()

    walk.result(result_title("emergency"))
    assert page.get_by_role("link", name="Call 999").get_attribute("href") == "tel:999"
    assert_call_button_readable(page)
    assert page.get_by_role("listitem").filter(has_text="new loss of bladder or bowel control").is_visible()
    assert page.get_by_role("heading", name="Read more").count() == 0
    assert page.get_by_text("This is not a diagnosis").is_visible()


def test_thoughts_of_self_harm_show_the_crisis_line_above_what_to_do(phone, check):
    walk = check(phone).start()
    walk.tick("Thoughts of harming yourself or ending your life")
    walk.go_on()

    walk.result(result_title("emergency"))
    note = phone.get_by_role("heading", name="You do not need to face this alone")
    todo = phone.get_by_role("heading", name="What to do")
    assert note.bounding_box()["y"] < todo.bounding_box()["y"]
    assert phone.get_by_role("link", name="116 123").get_attribute("href") == "tel:116123"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_how_we_test_page_lists_every_case_from_the_start_page(make_page, check, javascript):
    page = make_page(javascript=javascript, **PHONE)
    walk = check(page, javascript=javascript)
    walk.open("/self-check/")

    with page.expect_navigation():
        page.get_by_role("link", name="See how we test this check").click()

    assert walk.heading() == "How we test the self-check"
    assert page.get_by_role("heading", name="Not yet checked by a clinician").is_visible()
    assert page.get_by_role("row").count() > 120
    walk.checked()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_on_the_kiosk_the_fever_result_and_the_cases_work_too(make_page, check, javascript):
    kiosk = make_page(javascript=javascript, **KIOSK_SCREEN)
    walk = check(kiosk, javascript=javascript, base="/kiosk/self-check/").start()

    walk_to_the_fever_result(walk)
    assert_act_now_page(kiosk)
    # A kiosk cannot dial, so numbers are plain text there.
    assert kiosk.locator('a[href^="tel:"]').count() == 0

    walk.open("/kiosk/self-check/how-we-test/")
    assert walk.heading() == "How we test the self-check"
    walk.checked()
