"""Links on the kiosk stay on the kiosk: the one function that rewrites a kiosk page's HTML."""

import pytest

from kiosk.links import kiosk_href, public_path, rewrite


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/articles/low-b12-and-cancer/", "/kiosk/articles/low-b12-and-cancer/"),
        ("/articles/causes-of-b12-deficiency/#diet", "/kiosk/articles/causes-of-b12-deficiency/#diet"),
        ("/faq/#do-vegans-need-b12", "/kiosk/faq/#do-vegans-need-b12"),
        ("/glossary/#pernicious-anaemia", "/kiosk/glossary/#pernicious-anaemia"),
        ("/privacy/", "/kiosk/privacy/"),
        ("/self-check/", "/kiosk/self-check/"),
        ("/self-check/how-we-test/", "/kiosk/self-check/how-we-test/"),
        ("/my-result/", "/kiosk/my-result/"),
        ("/articles/", "/kiosk/articles/"),
        ("/", "/kiosk/"),
        ("#the-vital-study", "#the-vital-study"),
        ("/kiosk/faq/", "/kiosk/faq/"),
        # the path a browser would open, not the one written
        ("/kiosk//faq/", "/kiosk/faq/"),
        ("/kiosk/./faq/", "/kiosk/faq/"),
        ("/kiosk/articles/../faq/#x", "/kiosk/faq/#x"),
        ("/articles/x/../../faq/", "/kiosk/faq/"),
        ("/kiosk/%66aq/", "/kiosk/faq/"),
    ],
)
def test_it_points_site_links_at_their_kiosk_twin(href, expected):
    assert kiosk_href(href) == expected


@pytest.mark.parametrize(
    "href",
    [
        "https://www.nice.org.uk/guidance/ng239",
        "http://example.org/",
        "mailto:editors@example.org",
        "tel:999",
        "//evil.example/articles/x/",
        "javascript:alert(1)",
        "/admin/",
        "/admin/login/?next=/admin/",
        "/static/diagrams/b12-absorption.svg",
        "../../admin/",
        "other-page/",
        "",
        # climbing out of /kiosk/, however it is spelt
        "/kiosk/../admin/",
        "/kiosk/../admin/login/?next=/admin/",
        "/kiosk/%2e%2e/search/?q=x",
        "/kiosk/%2E%2E/%2e%2e/admin/",
        "/kiosk/.%2e/admin/",
        "/kiosk/..\\admin/",
        "/kiosk/.\t./admin/",
        "/kiosk/.\n./admin/",
        "/kiosk/..%2fadmin/",
        "/articles/../admin/",
        "/kiosk/../../search/",
        "/\\evil.example/",
    ],
)
def test_it_has_no_kiosk_twin_for_other_sites_the_admin_or_files(href):
    assert kiosk_href(href) is None


def test_it_rewrites_internal_links_and_keeps_everything_else_as_written():
    html = (
        '<p>See <a href="/articles/high-b12-levels/" title="High B12">high B12</a> &amp; '
        '<a href="/glossary/#anaemia">anaemia</a>&nbsp;&#8212; <img src="/static/x.svg" alt="A &quot;diagram&quot;"></p>'
    )
    assert rewrite(html) == (
        '<p>See <a href="/kiosk/articles/high-b12-levels/" title="High B12">high B12</a> &amp; '
        '<a href="/kiosk/glossary/#anaemia">anaemia</a>&nbsp;&#8212; <img src="/static/x.svg" alt="A &quot;diagram&quot;"></p>'
    )


def test_it_turns_external_links_into_their_text():
    html = (
        '<p>Read <a href="https://www.nice.org.uk/guidance/ng239" rel="noopener noreferrer">the '
        "<strong>NICE</strong> guideline</a> or write to "
        '<a href="mailto:editors@example.org">editors@example.org</a>.</p>'
    )
    assert rewrite(html) == (
        "<p>Read the <strong>NICE</strong> guideline or write to editors@example.org.</p>"
    )


def test_content_links_that_climb_out_of_the_kiosk_become_text():
    html = (
        '<p><a href="/kiosk/../admin/">climb out</a> and <a href="/kiosk/%2e%2e/search/?q=x">climb2</a> '
        'and <a href="/kiosk/../admin/login/?next=/admin/">Sign in</a></p>'
    )
    assert rewrite(html) == "<p>climb out and climb2 and Sign in</p>"


def test_it_keeps_footnote_and_contents_anchors():
    html = '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    assert rewrite(html) == html


@pytest.mark.parametrize(
    ("kiosk_path", "public"),
    [
        ("/kiosk/", "/"),
        ("/kiosk/articles/low-b12-and-cancer/", "/articles/low-b12-and-cancer/"),
        ("/kiosk/faq/", "/faq/"),
        ("/kiosk/glossary/", "/glossary/"),
        ("/kiosk/self-check/", "/self-check/"),
        ("/kiosk/self-check/check/", "/self-check/"),
    ],
)
def test_a_kiosk_page_maps_to_its_public_twin(kiosk_path, public):
    assert public_path(kiosk_path) == public
