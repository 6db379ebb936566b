"""A reader's journey through the public site, in Debian's Chromium, with axe-core on every page."""

import pytest

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_home_to_an_article_to_the_faq(page, live_url, assert_accessible):
    # Given a reader on the home page
    page.goto(live_url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Is vitamin B12 linked to cancer?"
    assert_accessible(page)

    # When they open an article from its topic
    page.get_by_role("link", name="Can low B12 be a sign of cancer?").first.click()
    page.wait_for_url("**/articles/low-b12-and-cancer/")
    assert_accessible(page)

    # Then the contents list leads into the page and the sources and review line are there
    contents = page.get_by_role("navigation", name="On this page")
    first_section = contents.get_by_role("link").first
    target = first_section.get_attribute("href")
    first_section.click()
    assert page.url.endswith(target)
    assert page.get_by_role("heading", name="Sources").is_visible()
    assert page.get_by_text("Page last updated").is_visible()

    # When they go to the common questions and open one
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
    page.wait_for_url("**/faq/")
    assert_accessible(page)
    question = page.locator("details.faq").first
    question.locator("summary").click()
    assert question.get_attribute("open") is not None
    assert question.locator(".prose").is_visible()


def test_a_link_to_a_question_opens_its_answer(page, live_url):
    page.goto(live_url + "/faq/")
    slug = page.locator("details.faq").nth(2).get_attribute("id")
    page.goto(f"{live_url}/faq/#{slug}")
    assert page.locator(f"details#{slug}").get_attribute("open") is not None


def test_every_page_reads_at_phone_width_without_sideways_scrolling(make_page, live_url, assert_accessible):
    from articles.models import Article, Page

    paths = ["/", "/articles/", "/faq/", "/self-check/", "/search/?q=injections"]
    paths += [a.get_absolute_url() for a in Article.objects.published()]
    paths += [p.get_absolute_url() for p in Page.objects.all()]
    page = make_page(width=320, height=640)
    for path in paths:
        page.goto(live_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    assert_accessible(page)


def test_an_article_prints_with_its_content_and_sources_but_not_the_navigation(page, live_url):
    page.goto(live_url + "/articles/high-b12-levels/")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert not page.locator("form.feedback").is_visible()
    assert page.get_by_role("heading", name="Sources").is_visible()
    assert page.locator(".callout").first.is_visible()


def test_the_not_found_page_is_accessible(page, live_url, assert_accessible):
    response = page.goto(live_url + "/articles/no-such-article/")
    assert response.status == 404
    assert_accessible(page)
