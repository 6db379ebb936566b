"""A Spanish reader's walk, in Debian's Chromium at phone size and on the kiosk screen, with
axe-core (WCAG 2.2 A and AA) on every page: home, an article, the questions, the self-check to a
result, the result explainer, and the kiosk in Spanish, started over back to English."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KIOSK_SCREEN = {"width": 1080, "height": 1920, "has_touch": True}


@pytest.fixture
def watch(assert_accessible):
    """watch(page) -> check(): fail on a CSP refusal, sideways scrolling or any axe violation."""

    def start(page):
        refused = []
        page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))

        def check():
            assert page.evaluate("document.documentElement.lang") in ("es", "en-GB")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
            assert_accessible(page)
            assert not refused, refused

        return check

    return start


def heading(page):
    return page.get_by_role("heading", level=1).inner_text()


def answer_until_result(page, check):
    """Answer "Ninguna de estas" where it is offered and the first choice of every other question."""
    for _ in range(8):
        if page.locator(".selfcheck-result").count():
            return
        check()
        for box in page.get_by_label("Ninguna de estas", exact=True).all():
            box.check()
        for name in sorted(
            set(page.eval_on_selector_all("main input[type=radio]", "els => els.map(e => e.name)"))
        ):
            page.locator(f"main input[type=radio][name='{name}']").first.check()
        with page.expect_navigation():
            page.get_by_role("button", name="Continuar").click()
    raise AssertionError(f"no result after 8 steps: {page.url}")


def test_a_spanish_reader_on_a_phone_walks_the_site_in_spanish(make_page, live_url_every_language, watch):
    live_url = live_url_every_language
    page = make_page(**PHONE)
    check = watch(page)

    # Given someone who follows the language link from the English home page
    page.goto(live_url + "/")
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/")
    assert page.evaluate("document.documentElement.lang") == "es"
    check()

    # When they open an article from the Spanish home page
    page.locator("main a[href='/es/articles/low-b12-and-cancer/']").first.click()
    page.wait_for_url("**/es/articles/low-b12-and-cancer/")
    check()
    assert page.get_by_role("heading", name="Fuentes").is_visible()
    assert page.get_by_text("Traducción pendiente de revisión").is_visible()

    # Then the questions, in Spanish, open
    page.goto(live_url + "/es/faq/")
    check()
    question = page.locator("details.faq").first
    question.locator("summary").click()
    assert question.locator(".prose").is_visible()

    # And the self-check, in Spanish, ends on a result that says how soon to get help
    page.goto(live_url + "/es/self-check/")
    check()
    with page.expect_navigation():
        page.get_by_role("link", name="Empezar la autoevaluación").click()
    answer_until_result(page, check)
    check()
    assert "/es/self-check/" in page.url
    assert page.locator(".selfcheck-panel__title").inner_text().strip()

    # And the result explainer reads a result in Spanish
    page.goto(live_url + "/es/my-result/")
    check()
    page.get_by_label("B12 total", exact=True).check()
    page.get_by_label("Su resultado").fill("150")
    page.get_by_label("ng/L", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Ver qué significa mi resultado").click()
    check()
    assert "/es/my-result/" in page.url
    assert "150" in page.locator("main").inner_text()

    # And the English link leads back to the same page in English
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/my-result/**")
    assert page.evaluate("document.documentElement.lang") == "en-GB"


def test_the_kiosk_in_spanish_and_starting_over_returns_to_english(make_page, live_url_every_language, watch):
    live_url = live_url_every_language
    page = make_page(**KIOSK_SCREEN)
    check = watch(page)

    page.goto(live_url + "/kiosk/")
    check()
    page.get_by_role("link", name="Español").tap()
    page.wait_for_url("**/kiosk/es/")
    assert page.evaluate("document.documentElement.lang") == "es"
    check()

    page.locator("a.kiosk-tile[href='/kiosk/es/faq/']").tap()
    page.wait_for_url("**/kiosk/es/faq/")
    check()
    links = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert all(link.startswith(("/kiosk/", "#")) for link in links), links

    page.get_by_role("link", name="Empezar de nuevo").tap()
    page.wait_for_url(live_url + "/kiosk/")
    assert page.evaluate("document.documentElement.lang") == "en-GB"
