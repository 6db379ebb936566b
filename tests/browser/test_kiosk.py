"""The waiting-room kiosk in Debian's Chromium, on a portrait touch screen (1080 x 1920).

The live server runs in this process, so the `settings` fixture shortens the idle timings
for the server's pages as well.
"""

import contextlib
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.kiosk.qrcodes import encodes

pytestmark = pytest.mark.browser

PORTRAIT = {"width": 1080, "height": 1920}
ARTICLE = "/kiosk/articles/low-b12-and-cancer/"


@pytest.fixture
def screen(make_page):
    """The kiosk's screen: portrait, touch, and a record of anything the CSP refused."""
    page = make_page(**PORTRAIT, has_touch=True)
    page.csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
    return page


@pytest.fixture
def quick_reset(settings):
    """Two seconds idle, two seconds of countdown."""
    settings.KIOSK_IDLE_SECONDS = 2
    settings.KIOSK_COUNTDOWN_SECONDS = 2


def heading(page):
    return page.get_by_role("heading", level=1).inner_text()


def start_self_check(page, live_url):
    page.goto(live_url + "/kiosk/self-check/")
    page.get_by_role("link", name="Start the check").tap()
    page.wait_for_url("**/kiosk/self-check/check/")
    assert heading(page) == "Signs of an emergency"


def leaving_links(page, live_url):
    """Links and form targets on the page that lead anywhere but the kiosk."""
    targets = page.eval_on_selector_all(
        "a[href], form",
        # getAttribute: a form's .action is shadowed by its <button name="action">.
        "els => els.map(e => new URL(e.getAttribute(e.tagName === 'FORM' ? 'action' : 'href') || '', document.baseURI).href)",
    )
    kiosk = live_url + "/kiosk/"
    return [t for t in targets if not (t.startswith(kiosk) or t.startswith(page.url.split("#")[0] + "#"))]


def test_a_half_finished_self_check_is_gone_after_the_idle_reset_and_back_does_not_bring_it_back(
    screen, live_url, quick_reset, settings
):
    # Given someone two steps into the self-check on the kiosk, ticking boxes on the third
    start_self_check(screen, live_url)
    for next_title in ["Signs that need care today", "Common symptoms"]:
        screen.get_by_label("None of these", exact=True).check()
        with screen.expect_navigation():
            screen.get_by_role("button", name="Continue").tap()
        assert heading(screen) == next_title
    screen.get_by_label("None of these", exact=True).first.check()
    entries = screen.evaluate("history.length")

    # When they walk away, the dialog counts down and the screen starts over
    dialog = screen.get_by_role("dialog", name="Are you still there?")
    dialog.wait_for(state="visible", timeout=5_000)
    screen.wait_for_url(live_url + "/kiosk/", timeout=6_000)
    assert heading(screen) == "Questions about vitamin B12 and cancer?"
    assert screen.evaluate("history.length") == entries, "the reset replaced the page, not added one"

    # Then Back does not show their answers: the step before was a form post, which the
    # browser will not show again from its cache...
    settings.KIOSK_IDLE_SECONDS = 600  # no further reset while we look
    with contextlib.suppress(PlaywrightError):  # net::ERR_CACHE_MISS: the browser refuses
        screen.go_back()
    expect(screen.get_by_text("Signs that need care today")).to_have_count(0)
    # ...and sending that post again is refused, back to the kiosk home page
    with contextlib.suppress(PlaywrightError):
        screen.reload()
    screen.wait_for_url(live_url + "/kiosk/")
    expect(screen.get_by_role("heading", level=1)).to_have_text("Questions about vitamin B12 and cancer?")
    assert not screen.csp_errors, screen.csp_errors


def test_reading_pages_do_not_pile_up_in_history(screen, live_url):
    screen.goto(live_url + "/kiosk/")
    screen.get_by_role("link", name=re.compile("^Common questions")).tap()
    screen.wait_for_url("**/kiosk/faq/")
    screen.get_by_role("link", name="Home").tap()
    screen.wait_for_url(live_url + "/kiosk/")
    screen.get_by_role("link", name=re.compile("^Myths and facts")).tap()
    screen.wait_for_url("**/kiosk/articles/myths-and-facts/")
    assert screen.evaluate("history.length") == 2, "one entry for the blank tab, one for the kiosk"


def test_im_still_here_keeps_the_page(screen, live_url, quick_reset):
    # Given someone reading an article, part-way down
    screen.goto(live_url + ARTICLE)
    screen.mouse.wheel(0, 800)

    # When the dialog appears, focus is on its one button
    dialog = screen.get_by_role("dialog", name="Are you still there?")
    dialog.wait_for(state="visible", timeout=5_000)
    button = dialog.get_by_role("button", name="I'm still here")
    assert screen.evaluate("document.activeElement.textContent.trim()") == "I'm still here"
    assert int(dialog.locator("[data-countdown]").inner_text()) <= 2

    # And they touch "I'm still here"
    button.tap()

    # Then the page stays, the dialog goes, and the countdown starts again only after a new wait
    assert not dialog.is_visible()
    screen.wait_for_timeout(2_500)
    assert screen.url == live_url + ARTICLE
    assert heading(screen) == "Can low B12 be a sign of cancer?"


@pytest.mark.parametrize(
    "path",
    [
        "/kiosk/",
        "/kiosk/articles/",
        ARTICLE,
        "/kiosk/articles/myths-and-facts/",
        "/kiosk/faq/",
        "/kiosk/glossary/",
    ],
)
def test_no_kiosk_page_has_a_link_leaving_the_kiosk(screen, live_url, path):
    screen.goto(live_url + path)
    assert leaving_links(screen, live_url) == []
    assert not screen.csp_errors, screen.csp_errors


def test_no_self_check_page_has_a_link_leaving_the_kiosk(screen, live_url):
    start_self_check(screen, live_url)
    assert leaving_links(screen, live_url) == []
    screen.get_by_label("Vomiting blood, or heavy bleeding that will not stop").check()
    with screen.expect_navigation():
        screen.get_by_role("button", name="Continue").tap()
    assert "?" not in screen.url, "the result is never in the address"
    assert screen.get_by_text("Your result").is_visible()
    assert leaving_links(screen, live_url) == []
    assert not screen.get_by_role("button", name="Print this page").is_visible()


@pytest.mark.parametrize(
    ("path", "public_path"),
    [("/kiosk/", "/"), (ARTICLE, "/articles/low-b12-and-cancer/"), ("/kiosk/faq/", "/faq/")],
)
def test_the_qr_code_encodes_the_public_address_of_the_page_it_is_on(
    screen, live_url, settings, path, public_path
):
    settings.SITE_URL = "https://b12facts.example.org"
    screen.goto(live_url + path)
    panel = screen.get_by_role("region", name="Take this page home")
    qr = panel.get_by_role("img", name=re.compile("^QR code"))
    svg = qr.evaluate("svg => svg.outerHTML")
    assert encodes(svg, "https://b12facts.example.org" + public_path)
    assert qr.get_attribute("style") is None
    assert panel.get_by_text("b12facts.example.org" + public_path, exact=True).is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 200, "big enough to scan from arm's length"


@pytest.mark.parametrize("path", ["/kiosk/", ARTICLE, "/kiosk/faq/"])
def test_kiosk_pages_meet_wcag_22_aa(screen, live_url, assert_accessible, path):
    screen.goto(live_url + path)
    assert_accessible(screen)


def test_a_self_check_step_on_the_kiosk_meets_wcag_22_aa(screen, live_url, assert_accessible):
    start_self_check(screen, live_url)
    assert_accessible(screen)


def test_the_idle_dialog_meets_wcag_22_aa(screen, live_url, assert_accessible, settings):
    settings.KIOSK_IDLE_SECONDS, settings.KIOSK_COUNTDOWN_SECONDS = 1, 30
    screen.goto(live_url + ARTICLE)
    screen.get_by_role("dialog").wait_for(state="visible", timeout=5_000)
    assert_accessible(screen)


@pytest.mark.parametrize("path", ["/kiosk/", ARTICLE, "/kiosk/faq/"])
def test_text_is_large_and_touch_targets_are_big(screen, live_url, path):
    screen.goto(live_url + path)
    small_text = screen.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(el => el.offsetParent !== null && !el.closest('.visually-hidden, .skip-link, svg'))
            .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .filter(el => parseFloat(getComputedStyle(el).fontSize) < 20)
            .map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 40))"""
    )
    assert small_text == []
    body_size = screen.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.prose, main')).fontSize)"
    )
    assert body_size >= 20
    # Links in running text are exempt (WCAG 2.5.8 "inline"); every other control is 48px or more.
    small_targets = screen.evaluate(
        """() => [...document.querySelectorAll('a[href], button, summary, input, label')]
            .filter(el => el.offsetParent !== null && !el.closest('.prose, .skip-link, dialog'))
            .filter(el => el.getBoundingClientRect().height < 48)
            .map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 40))"""
    )
    assert small_targets == []


def test_home_and_start_over_stay_on_screen_while_reading(screen, live_url):
    screen.goto(live_url + ARTICLE)
    screen.mouse.wheel(0, 3000)
    screen.wait_for_timeout(200)
    nav = screen.get_by_role("navigation", name="Kiosk")
    for name in ["Home", "Start over"]:
        box = nav.get_by_role("link", name=name).bounding_box()
        assert 0 <= box["y"] < PORTRAIT["height"], f"{name} scrolled away"


def test_without_javascript_the_kiosk_works_and_still_starts_over(make_page, live_url, quick_reset):
    page = make_page(**PORTRAIT, javascript=False, has_touch=True)
    page.goto(live_url + "/kiosk/")
    refresh = page.locator('head meta[http-equiv="refresh"]')
    assert refresh.get_attribute("content") == "4;url=/kiosk/reset/"

    # Pages, answers and the self-check work without JavaScript
    page.get_by_role("link", name=re.compile("^Common questions")).tap()
    page.wait_for_url("**/kiosk/faq/")
    question = page.locator("details.faq").first
    question.locator("summary").tap()
    assert question.get_attribute("open") is not None
    page.get_by_role("link", name="Start over").tap()
    page.wait_for_url(live_url + "/kiosk/")
    page.goto(live_url + "/kiosk/self-check/check/")
    page.get_by_label("None of these", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").tap()
    assert heading(page) == "Signs that need care today"
    assert not page.get_by_role("dialog").is_visible()

    # And left alone, the page goes back to the kiosk home page by itself
    page.wait_for_url(live_url + "/kiosk/", timeout=8_000)
    assert heading(page) == "Questions about vitamin B12 and cancer?"


def test_an_article_with_a_heading_named_like_the_idle_dialog_still_starts_over(
    screen, live_url, quick_reset
):
    from articles.models import Article, Topic

    # Given an article whose text has the headings "Idle dialog" and "Main", and raw HTML
    # claiming the dialog's id
    Article.objects.create(
        slug="heading-probe",
        title="Heading probe",
        summary="A page whose headings are named like parts of the layout.",
        topic=Topic.objects.first(),
        status="published",
        updated="2026-12-01",
        body='Some text.\n\n## Idle dialog\n\nPlain words.\n\n## Main\n\n<h3 id="idle-dialog">Raw</h3>\n',
    )
    errors = []
    screen.on("pageerror", lambda error: errors.append(str(error)))

    # When nobody touches the kiosk page
    screen.goto(live_url + "/kiosk/articles/heading-probe/")
    assert screen.locator("#section-idle-dialog").inner_text() == "Idle dialog"

    # Then the dialog appears and the screen starts over, with no script error
    dialog = screen.get_by_role("dialog", name="Are you still there?")
    dialog.wait_for(state="visible", timeout=5_000)
    screen.wait_for_url(live_url + "/kiosk/", timeout=6_000)
    assert errors == []


def test_the_screen_starts_over_even_when_part_of_the_page_is_missing(screen, live_url, quick_reset):
    # Given a page whose dialog has lost its button (a template change, an extension,
    # anything), which used to stop kiosk.js before it started the idle timer
    def without_the_button(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("data-still-here", ""))

    screen.route("**" + ARTICLE, without_the_button)
    screen.goto(live_url + ARTICLE)
    # Then the screen still starts over
    screen.wait_for_url(live_url + "/kiosk/", timeout=8_000)


def test_the_screen_starts_over_even_when_the_dialog_cannot_be_shown(screen, live_url, quick_reset):
    # Given a page whose dialog is taken out of the page before it is due
    screen.goto(live_url + ARTICLE)
    screen.evaluate("document.querySelector('dialog[data-idle-dialog]').remove()")
    # Then nobody is asked, but the screen still starts over
    screen.wait_for_url(live_url + "/kiosk/", timeout=8_000)
