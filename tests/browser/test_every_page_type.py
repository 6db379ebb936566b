"""axe-core (WCAG 2.2 A and AA) on one page of every type, public and kiosk: zero violations."""

import pytest

pytestmark = pytest.mark.browser

PHONE_AND_LAPTOP = {"width": 1280, "height": 900}
KIOSK_SCREEN = {"width": 1080, "height": 1920, "has_touch": True}

PAGES = [
    ("home", "/", 200, PHONE_AND_LAPTOP),
    ("article list", "/articles/", 200, PHONE_AND_LAPTOP),
    ("article", "/articles/low-b12-and-cancer/", 200, PHONE_AND_LAPTOP),
    ("FAQ", "/faq/", 200, PHONE_AND_LAPTOP),
    ("topic", "/topics/low-b12/", 200, PHONE_AND_LAPTOP),
    ("about", "/about/", 200, PHONE_AND_LAPTOP),
    ("glossary", "/glossary/", 200, PHONE_AND_LAPTOP),
    ("search with results", "/search/?q=injections", 200, PHONE_AND_LAPTOP),
    ("search with no results", "/search/?q=zzxqv", 200, PHONE_AND_LAPTOP),
    ("not found", "/articles/no-such-article/", 404, PHONE_AND_LAPTOP),
    ("self-check start", "/self-check/", 200, PHONE_AND_LAPTOP),
    ("kiosk home", "/kiosk/", 200, KIOSK_SCREEN),
    ("kiosk article", "/kiosk/articles/low-b12-and-cancer/", 200, KIOSK_SCREEN),
    ("kiosk topic", "/kiosk/topics/low-b12/", 200, KIOSK_SCREEN),
]


@pytest.mark.parametrize(("kind", "path", "status", "screen"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_type_has_no_wcag_violations(
    make_page, live_url, assert_accessible, kind, path, status, screen
):
    page = make_page(**screen)
    response = page.goto(live_url + path)
    assert response.status == status, f"{kind}: {path} answered {response.status}"
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible(page)


def test_the_search_results_page_marks_matches_and_the_search_box_is_a_landmark(page, live_url):
    page.goto(live_url + "/search/?q=injections")
    assert page.locator("ol.search-results mark").count() > 0
    assert page.get_by_role("search", name="Site").count() == 1


def test_a_search_from_the_header_works_without_javascript(make_page, live_url):
    page = make_page(javascript=False)
    page.goto(live_url + "/articles/")
    page.get_by_role("search", name="Site").get_by_label("Search this site").fill("folate")
    page.get_by_role("search", name="Site").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=folate")
    assert page.get_by_role("link", name="Can folic acid treat low B12?").count() == 1


def test_kiosk_pages_have_no_search_box(make_page, live_url):
    page = make_page(**KIOSK_SCREEN)
    for path in ["/kiosk/", "/kiosk/articles/low-b12-and-cancer/"]:
        page.goto(live_url + path)
        assert page.get_by_role("search").count() == 0, path
