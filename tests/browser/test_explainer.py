"""Understand your B12 result, in Debian's Chromium: on a phone (390 x 844) and on the kiosk
(1080 x 1920, touch, on-screen keys), with and without JavaScript, printed, and axe-core
(WCAG 2.2 A and AA) on every page met, on screen and in print."""

import contextlib
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KIOSK = {"width": 1080, "height": 1920, "has_touch": True}


def heading(page):
    return page.get_by_role("heading", level=1).inner_text()


@pytest.fixture
def watch(assert_accessible):
    """watch(page) -> check(): fail on a CSP refusal, sideways scrolling or any axe violation."""

    def start(page):
        refused = []
        page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))

        def check():
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
            assert_accessible(page)
            assert not refused, refused

        return check

    return start


def printed(page, tmp_path, check):
    """Check the page as printed: the answer is there, the buttons and forms are not; and a PDF."""
    page.emulate_media(media="print")
    try:
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_text("This is not a diagnosis.")).to_be_visible()
        expect(page.get_by_role("heading", name="What usually happens next")).to_be_visible()
        expect(page.get_by_role("heading", name="Sources")).to_be_visible()
        expect(page.get_by_role("button", name="Change what I entered")).to_be_hidden()
        expect(page.get_by_role("link", name="Start again")).to_be_hidden()
        check()
    finally:
        page.emulate_media(media="screen")
    pdf = tmp_path / "result.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


# --- on a phone --------------------------------------------------------------------------------


def test_someone_on_a_phone_enters_a_high_result_reads_it_and_prints_it(make_page, live_url, watch, tmp_path):
    # Given the form on a phone
    page = make_page(**PHONE)
    check = watch(page)
    page.goto(live_url + "/my-result/")
    assert heading(page) == "Understand your B12 result"
    check()

    # When they enter a total B12 of 900 ng/L and say they take B12
    page.get_by_label("Total B12", exact=True).check()
    page.get_by_label("Your result").fill("900")
    page.get_by_label("ng/L", exact=True).check()
    page.get_by_label("I already take B12 tablets or have B12 injections").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Show what my result means").click()

    # Then the result explains it, with nothing in the address
    assert page.url == live_url + "/my-result/"
    assert heading(page) == "Not low, and higher than usual"
    expect(page.get_by_text("900 ng/L is the same as 900 pg/mL. In pmol/L it is about 664.")).to_be_visible()
    expect(page.get_by_text("we count a total B12 as high only above 600 pmol/L")).to_be_visible()
    expect(page.get_by_role("heading", name="If you already take B12")).to_be_visible()
    expect(page.get_by_role("heading", name="Could it be cancer?")).to_be_visible()
    expect(page.get_by_role("link", name="High B12 levels: what a high result can mean")).to_have_attribute(
        "href", "/articles/high-b12-levels/"
    )
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    check()

    # And it prints without its buttons
    printed(page, tmp_path, check)

    # And "Start again" gives an empty form
    page.get_by_role("link", name="Start again").click()
    page.wait_for_url(live_url + "/my-result/")
    expect(page.get_by_label("Your result")).to_have_value("")


def test_a_mistake_on_a_phone_is_explained_beside_the_field_and_what_was_typed_stays(
    make_page, live_url, watch
):
    page = make_page(**PHONE)
    check = watch(page)
    page.goto(live_url + "/my-result/")
    page.get_by_label("Active B12 (holotranscobalamin)").check()
    page.get_by_label("Your result").fill("55,5")
    page.get_by_label("pg/mL", exact=True).check()
    page.get_by_label("Low end").fill("70")
    page.get_by_label("High end").fill("25")
    with page.expect_navigation():
        page.get_by_role("button", name="Show what my result means").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Active B12 is always given in pmol/L.")).to_have_attribute(
        "href", "#unit-pg-ml"
    )
    expect(page.get_by_label("Your result")).to_have_value("55,5")
    expect(page.get_by_label("Low end")).to_have_value("70")
    expect(page.get_by_label("Low end")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("pg/mL", exact=True)).to_be_checked()
    check()

    page.get_by_label("pmol/L", exact=True).check()
    page.get_by_label("Low end").fill("25")
    page.get_by_label("High end").fill("70")
    with page.expect_navigation():
        page.get_by_role("button", name="Show what my result means").click()
    assert heading(page) == "Within your lab's range"
    check()


def test_the_explainer_works_on_a_phone_without_javascript(make_page, live_url, tmp_path):
    page = make_page(**PHONE, javascript=False)
    page.goto(live_url + "/my-result/")
    page.get_by_label("Total B12", exact=True).check()
    page.get_by_label("Your result").fill("150")
    page.get_by_label("pg/mL", exact=True).check()
    page.get_by_label("I have numbness, tingling, weakness, or problems with balance or memory").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Show what my result means").click()

    assert heading(page) == "In the low band"
    expect(
        page.get_by_role("heading", name="Nerve symptoms with a low or borderline result: do not wait")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Check your symptoms")).to_have_attribute("href", "/self-check/")
    # Printing is the browser's own menu here: the button needs the script, so it stays hidden.
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()

    with page.expect_navigation():
        page.get_by_role("button", name="Change what I entered").click()
    expect(page.get_by_label("Your result")).to_have_value("150")
    expect(
        page.get_by_label("I have numbness, tingling, weakness, or problems with balance or memory")
    ).to_be_checked()


# --- on the kiosk -------------------------------------------------------------------------------


def tap_keys(page, *keys):
    for key in keys:
        with page.expect_navigation():
            page.get_by_role("button", name=key, exact=True).tap()


def enter_on_the_kiosk(page, live_url):
    """From the kiosk home: total B12 of 132.5 pmol/L, with the lab's range 150 to 600."""
    page.goto(live_url + "/kiosk/")
    page.get_by_role("link", name=re.compile("^Understand your B12 result")).tap()
    page.wait_for_url("**/kiosk/my-result/")
    page.get_by_label("Total B12", exact=True).tap()
    tap_keys(page, "1", "3", "2", ". (decimal point)", "5")
    expect(page.get_by_role("button", name=re.compile("^Your result"))).to_have_text(re.compile(r"132\.5"))
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Range: low end")).tap()
    tap_keys(page, "1", "5", "9", "Delete the last digit", "0")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Range: high end")).tap()
    tap_keys(page, "6", "0", "0")
    expect(page.get_by_role("button", name=re.compile("^Range: high end"))).to_have_text(re.compile("600"))
    expect(page.get_by_label("Total B12", exact=True)).to_be_checked()
    page.get_by_label("pmol/L", exact=True).tap()
    with page.expect_navigation():
        page.get_by_role("button", name="Show what my result means").tap()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_someone_at_the_kiosk_enters_a_result_with_the_keys_reads_it_and_prints_it(
    make_page, live_url, watch, tmp_path, javascript
):
    page = make_page(**KIOSK, javascript=javascript)
    check = watch(page) if javascript else (lambda: None)
    page.goto(live_url + "/kiosk/my-result/")
    check()

    enter_on_the_kiosk(page, live_url)

    assert page.url == live_url + "/kiosk/my-result/"
    assert heading(page) == "Below your lab's range"
    expect(
        page.get_by_text("132.5 pmol/L is about 180 pg/mL, which is the same as 180 ng/L.")
    ).to_be_visible()
    expect(page.get_by_text("You entered your lab's range: 150 to 600 pmol/L.")).to_be_visible()
    expect(page.get_by_text("Your result is 17.5 pmol/L below the bottom of this range.")).to_be_visible()
    targets = page.eval_on_selector_all(
        "main a[href], main form",
        "els => els.map(e => e.getAttribute(e.tagName === 'FORM' ? 'action' : 'href'))",
    )
    assert targets and all(t.startswith(("/kiosk/", "#")) for t in targets), targets
    check()
    if javascript:
        printed(page, tmp_path, check)


def test_the_kiosk_form_has_large_text_and_big_touch_targets(make_page, live_url, watch):
    page = make_page(**KIOSK)
    page.goto(live_url + "/kiosk/my-result/")
    small_text = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(el => el.offsetParent !== null && !el.closest('.visually-hidden, svg'))
            .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .filter(el => parseFloat(getComputedStyle(el).fontSize) < 20)
            .map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 40))"""
    )
    assert small_text == []
    small_targets = page.evaluate(
        """() => [...document.querySelectorAll('main button, main input, main label')]
            .filter(el => el.offsetParent !== null)
            .filter(el => el.getBoundingClientRect().height < 48)
            .map(el => el.tagName + ': ' + (el.textContent || el.id).trim().slice(0, 40))"""
    )
    assert small_targets == []
    keys = page.locator(".explainer-key")
    assert keys.count() == 13
    assert all(keys.nth(i).bounding_box()["height"] >= 80 for i in range(keys.count()))
    assert keys.last.bounding_box()["y"] + keys.last.bounding_box()["height"] < KIOSK["height"], (
        "every key is on screen without scrolling"
    )


def test_a_kiosk_mistake_is_shown_beside_its_box_and_meets_wcag(make_page, live_url, watch):
    page = make_page(**KIOSK)
    check = watch(page)
    page.goto(live_url + "/kiosk/my-result/")
    tap_keys(page, "0")
    with page.expect_navigation():
        page.get_by_role("button", name="Show what my result means").tap()

    expect(page.get_by_role("alert")).to_contain_text("Enter your result as a number above zero.")
    expect(page.locator("#slot-value-error")).to_contain_text("A B12 level is never zero or less.")
    expect(page.get_by_role("button", name=re.compile("^Your result"))).to_have_text(re.compile("0"))
    check()


def test_the_idle_reset_forgets_a_kiosk_result_and_back_does_not_bring_it_back(make_page, live_url, settings):
    # The live server runs in this process: short timings reach its pages too.
    settings.KIOSK_IDLE_SECONDS, settings.KIOSK_COUNTDOWN_SECONDS = 3, 2
    page = make_page(**KIOSK)
    enter_on_the_kiosk(page, live_url)
    assert heading(page) == "Below your lab's range"
    entries = page.evaluate("history.length")

    # Left alone, the screen asks, counts down and starts over, replacing the page
    page.get_by_role("dialog", name="Are you still there?").wait_for(state="visible", timeout=6_000)
    page.wait_for_url(live_url + "/kiosk/", timeout=6_000)
    assert heading(page) == "Questions about vitamin B12 and cancer?"
    assert page.evaluate("history.length") == entries

    # Back does not show the result (a post the browser was told not to store), and sending
    # that post again is refused and leads home (the reset changed the form token)
    settings.KIOSK_IDLE_SECONDS = 600
    with contextlib.suppress(PlaywrightError):  # net::ERR_CACHE_MISS
        page.go_back()
    expect(page.get_by_text("132.5")).to_have_count(0)
    with contextlib.suppress(PlaywrightError):
        page.reload()
    page.wait_for_url(live_url + "/kiosk/")
    expect(page.get_by_text("132.5")).to_have_count(0)
