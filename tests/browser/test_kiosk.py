"""The waiting-room kiosk in Debian's Chromium, on a portrait touch screen (1080 x 1920).

Time on the screen moves only when a test moves it: the `clock` fixture installs Playwright's
clock, stopped, so the idle dialog and the countdown come after exactly the configured
seconds and never because the machine was slow. Tests wait on what the screen shows (the
dialog open, the address changed), never for a fixed time. Without JavaScript the page starts
over by a <meta> refresh the browser runs itself: that test shortens the timings instead.
"""

import contextlib
import datetime
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ArticleFactory
from tests.kiosk.qrcodes import encodes
from tests.selfcheck.loaded import site_definition

pytestmark = pytest.mark.browser

PORTRAIT = {"width": 1080, "height": 1920}
SLUG = "low-b12-and-cancer"
ARTICLE = f"/kiosk/articles/{SLUG}/"
HOME_HEADING = "Questions about vitamin B12 and cancer?"
CLOCK_START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def screen(make_page):
    """The kiosk's screen: portrait, touch, and a record of anything the CSP refused."""
    page = make_page(**PORTRAIT, has_touch=True)
    page.csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
    return page


class Clock:
    """The screen's clock, stopped until a test moves it on by the kiosk's own timings."""

    def __init__(self, page, settings):
        self.page = page
        self.idle_ms = settings.KIOSK_IDLE_SECONDS * 1000
        self.countdown_ms = settings.KIOSK_COUNTDOWN_SECONDS * 1000
        page.clock.install(time=CLOCK_START)
        page.clock.pause_at(CLOCK_START + datetime.timedelta(seconds=1))

    def forward(self, ms):
        self.page.clock.fast_forward(ms)

    def until_the_dialog(self):
        self.forward(self.idle_ms)

    def through_the_countdown(self):
        self.forward(self.countdown_ms)


@pytest.fixture
def clock(screen, settings):
    return Clock(screen, settings)


@pytest.fixture
def quick_reset(settings):
    """Without JavaScript only a <meta> refresh starts over: two seconds idle, two of countdown."""
    settings.KIOSK_IDLE_SECONDS = 2
    settings.KIOSK_COUNTDOWN_SECONDS = 2


def heading(page):
    return page.get_by_role("heading", level=1).inner_text()


def wait_until_scrolled(page):
    """Until the page has moved: a wheel scrolls smoothly, over several frames. (Not
    wait_for_function, whose polling evaluates a string, which the site's CSP forbids.)"""
    page.evaluate(
        """() => new Promise(resolve => {
            if (window.scrollY > 0) return resolve();
            window.addEventListener("scroll", () => resolve(), {once: true});
        })"""
    )


def start_self_check(page, live_url):
    page.goto(live_url + "/kiosk/self-check/")
    page.get_by_role("link", name="Start the check").tap()
    page.wait_for_url("**/kiosk/self-check/check/")
    expect(page.get_by_role("heading", level=1)).to_have_text(site_definition().steps[0].title)


def none_of_these():
    return site_definition().steps[0].questions[0].none_label


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
    screen, live_url, clock
):
    # Given someone two steps into the self-check on the kiosk, ticking boxes on the third
    steps = site_definition().steps
    start_self_check(screen, live_url)
    for next_step in steps[1:3]:
        screen.get_by_label(none_of_these(), exact=True).check()
        with screen.expect_navigation():
            screen.get_by_role("button", name="Continue").tap()
        expect(screen.get_by_role("heading", level=1)).to_have_text(next_step.title)
    screen.get_by_label(none_of_these(), exact=True).first.check()
    entries = screen.evaluate("history.length")

    # When they walk away, the dialog asks, counts down, and the screen starts over
    dialog = screen.get_by_role("dialog", name="Are you still there?")
    expect(dialog).to_be_hidden()
    clock.until_the_dialog()
    expect(dialog).to_be_visible()
    clock.through_the_countdown()
    screen.wait_for_url(live_url + "/kiosk/")
    expect(screen.get_by_role("heading", level=1)).to_have_text(HOME_HEADING)
    assert screen.evaluate("history.length") == entries, "the reset replaced the page, not added one"

    # Then Back does not show their answers: the step before was a form post, which the
    # browser will not show again from its cache...
    with contextlib.suppress(PlaywrightError):  # net::ERR_CACHE_MISS: the browser refuses
        screen.go_back()
    expect(screen.get_by_text(steps[1].title)).to_have_count(0)
    # ...and sending that post again is refused, back to the kiosk home page
    with contextlib.suppress(PlaywrightError):
        screen.reload()
    screen.wait_for_url(live_url + "/kiosk/")
    expect(screen.get_by_role("heading", level=1)).to_have_text(HOME_HEADING)
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


def test_im_still_here_keeps_the_page(screen, live_url, clock, settings):
    # Given someone reading an article, part-way down
    screen.goto(live_url + ARTICLE)
    screen.mouse.wheel(0, 800)
    wait_until_scrolled(screen)

    # When the dialog appears, focus is on its one button, and it counts down the seconds left
    dialog = screen.get_by_role("dialog", name="Are you still there?")
    clock.until_the_dialog()
    expect(dialog).to_be_visible()
    button = dialog.get_by_role("button", name="I'm still here")
    expect(button).to_be_focused()
    count = dialog.locator("[data-countdown]")
    expect(count).to_have_text(str(settings.KIOSK_COUNTDOWN_SECONDS))
    clock.forward(5_000)
    expect(count).to_have_text(str(settings.KIOSK_COUNTDOWN_SECONDS - 5))

    # And they touch "I'm still here"
    button.tap()

    # Then the page stays and the dialog goes; it comes back only after a whole new wait
    expect(dialog).to_be_hidden()
    clock.forward(clock.idle_ms - 1_000)
    expect(dialog).to_be_hidden()
    assert screen.url == live_url + ARTICLE
    expect(screen.get_by_role("heading", level=1)).to_have_text(
        Article.objects.get(language="en", slug=SLUG).title
    )
    clock.forward(1_000)
    expect(dialog).to_be_visible()


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
    bleeding = site_definition().steps[0].questions[0].option("bleeding")
    screen.get_by_label(bleeding.label).check()
    with screen.expect_navigation():
        screen.get_by_role("button", name="Continue").tap()
    assert "?" not in screen.url, "the result is never in the address"
    expect(screen.get_by_text("Your result")).to_be_visible()
    assert leaving_links(screen, live_url) == []
    expect(screen.get_by_role("button", name="Print this page")).to_be_hidden()


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
    expect(panel.get_by_text("b12facts.example.org" + public_path, exact=True)).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 200, "big enough to scan from arm's length"


@pytest.mark.parametrize(
    "path", ["/kiosk/", ARTICLE, "/kiosk/faq/", "/kiosk/articles/", "/kiosk/topics/low-b12/"]
)
def test_kiosk_pages_meet_wcag_22_aa(screen, live_url, assert_accessible, path):
    screen.goto(live_url + path)
    assert_accessible(screen)


def test_a_self_check_step_on_the_kiosk_meets_wcag_22_aa(screen, live_url, assert_accessible):
    start_self_check(screen, live_url)
    assert_accessible(screen)


def test_the_idle_dialog_meets_wcag_22_aa(screen, live_url, assert_accessible, clock):
    screen.goto(live_url + ARTICLE)
    clock.until_the_dialog()
    expect(screen.get_by_role("dialog")).to_be_visible()
    # axe-core schedules its own work on timers: let time run again (the countdown has 20 s).
    screen.clock.resume()
    assert_accessible(screen)


@pytest.mark.parametrize(
    "path", ["/kiosk/", ARTICLE, "/kiosk/faq/", "/kiosk/articles/", "/kiosk/topics/low-b12/"]
)
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
    wait_until_scrolled(screen)
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
    page.get_by_label(none_of_these(), exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(site_definition().steps[1].title)
    expect(page.get_by_role("dialog")).to_be_hidden()

    # And left alone, the page goes back to the kiosk home page by itself
    page.wait_for_url(live_url + "/kiosk/", timeout=8_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_HEADING)


def test_an_article_with_a_heading_named_like_the_idle_dialog_still_starts_over(screen, live_url, clock):
    # Given an article whose text has the headings "Idle dialog" and "Main", and raw HTML
    # claiming the dialog's id
    ArticleFactory(
        slug="heading-probe",
        body='Some text.\n\n## Idle dialog\n\nPlain words.\n\n## Main\n\n<h3 id="idle-dialog">Raw</h3>\n',
    )
    errors = []
    screen.on("pageerror", lambda error: errors.append(str(error)))

    # When nobody touches the kiosk page
    screen.goto(live_url + "/kiosk/articles/heading-probe/")
    expect(screen.locator("#section-idle-dialog")).to_have_text("Idle dialog")

    # Then the dialog appears and the screen starts over, with no script error
    clock.until_the_dialog()
    expect(screen.get_by_role("dialog", name="Are you still there?")).to_be_visible()
    clock.through_the_countdown()
    screen.wait_for_url(live_url + "/kiosk/")
    assert errors == []


def test_the_screen_starts_over_even_when_part_of_the_page_is_missing(screen, live_url, clock):
    # Given a page whose dialog has lost its button (a template change, an extension,
    # anything), which used to stop kiosk.js before it started the idle timer
    def without_the_button(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("data-still-here", ""))

    screen.route("**" + ARTICLE, without_the_button)
    screen.goto(live_url + ARTICLE)
    # Then the screen still starts over
    clock.until_the_dialog()
    clock.through_the_countdown()
    screen.wait_for_url(live_url + "/kiosk/")


def test_the_screen_starts_over_even_when_the_dialog_cannot_be_shown(screen, live_url, clock):
    # Given a page whose dialog is taken out of the page before it is due
    screen.goto(live_url + ARTICLE)
    screen.evaluate("document.querySelector('dialog[data-idle-dialog]').remove()")
    # Then nobody is asked, but the screen still starts over
    clock.until_the_dialog()
    screen.wait_for_url(live_url + "/kiosk/")
