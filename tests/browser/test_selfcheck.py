"""The symptom self-check in Debian's Chromium at phone size, with axe-core on every step."""

import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(make_page):
    return make_page(**PHONE)


@pytest.fixture
def check(live_url, assert_accessible):
    """check(page) -> a helper that walks the self-check and checks every page it meets."""

    class Walk:
        def __init__(self, page, javascript=True):
            self.page = page
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

        def start(self):
            self.page.goto(live_url + "/self-check/")
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

        def tick(self, *labels):
            for label in labels:
                self.page.get_by_label(label, exact=True).check()

        def go_on(self):
            with self.page.expect_navigation():
                self.page.get_by_role("button", name="Continue").click()

        def result(self, title):
            assert self.heading() == title
            self.checked()

        def none_of_these_until_about_you(self):
            """Answer "None of these" to the emergency, urgent and symptom steps."""
            for number, title in [
                (2, "Signs of an emergency"),
                (3, "Signs that need care today"),
                (4, "Common symptoms"),
            ]:
                self.step(number, title)
                self.tick("None of these")
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
    walk.result("Call 999 now")
    assert phone.get_by_role("link", name="Call 999").get_attribute("href") == "tel:999"
    assert phone.get_by_role("listitem").filter(has_text="chest pain or tightness right now").is_visible()


def test_someone_with_a_new_eyesight_change_is_told_to_get_care_today(phone, check):
    walk = check(phone).start()
    walk.step(2, "Signs of an emergency")
    walk.tick("None of these")
    walk.go_on()

    walk.step(3, "Signs that need care today")
    walk.tick("Changes in your eyesight, such as blurred or dim vision")
    walk.go_on()

    walk.step(4, "Common symptoms")
    walk.tick("None of these")
    walk.go_on()

    walk.step(5, "About you")
    walk.tick("None of these", "65 or over")
    walk.go_on()

    walk.result("Contact a clinician or urgent care today")
    assert phone.get_by_role("listitem").filter(has_text="changes in your eyesight").is_visible()


def test_someone_on_metformin_is_told_to_ask_at_their_next_routine_visit(phone, check):
    walk = check(phone).start()
    walk.none_of_these_until_about_you()
    walk.tick("Taking metformin, a diabetes medicine, for a long time", "18 to 64")
    walk.go_on()

    walk.result("Ask about a B12 test at your next routine visit")
    assert phone.get_by_role("heading", name="About your medicines").is_visible()
    assert phone.get_by_role("link", name="Causes of B12 deficiency").get_attribute("href") == (
        "/articles/causes-of-b12-deficiency/"
    )


def test_someone_with_nothing_to_report_gets_information_and_when_to_come_back(phone, check):
    walk = check(phone).start()
    walk.none_of_these_until_about_you()
    walk.tick("None of these", "18 to 64")
    walk.go_on()

    walk.result("Nothing in your answers needs action now")
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
    walk.tick("Fainting, passing out, or feeling about to pass out", "None of these")
    assert not phone.get_by_label("Fainting, passing out, or feeling about to pass out").is_checked()


def test_the_whole_check_works_without_javascript(make_page, check):
    page = make_page(javascript=False, **PHONE)
    walk = check(page, javascript=False).start()

    # The server refuses "none of these" together with a sign, and says why
    walk.tick("Fainting, passing out, or feeling about to pass out", "None of these")
    walk.go_on()
    assert page.get_by_text("You ticked ‘None of these’ and another answer").first.is_visible()
    walk.step(2, "Signs of an emergency")

    walk.tick("Fainting, passing out, or feeling about to pass out")
    page.get_by_label("None of these").uncheck()
    walk.go_on()
    walk.result("Call 999 now")
    assert not page.get_by_role("button", name="Print this page").is_visible()

    # Change my answers reopens the first step with the earlier answer still ticked
    with page.expect_navigation():
        page.get_by_role("button", name="Change my answers").click()
    walk.step(2, "Signs of an emergency")
    assert page.get_by_label("Fainting, passing out, or feeling about to pass out").is_checked()

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
