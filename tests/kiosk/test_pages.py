"""The kiosk pages: what a stranger at the waiting-room screen can reach, and what they cannot."""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client

from articles.models import FAQ, Article, Page
from kiosk.middleware import KioskMiddleware
from tests.kiosk.qrcodes import encodes

pytestmark = pytest.mark.usefixtures("site_content")

CHECK = "/kiosk/self-check/check/"
# Wording that would read as telling someone what they have.
DIAGNOSTIC = re.compile(
    r"\byou(?:'ve| have)\b|\byou(?: do not|\s+don't|\s+don’t) have\b|\bthis means you\b|\bdiagnosis:",
    re.IGNORECASE,
)


class PageParts(HTMLParser):
    """The parts of a page these tests look at."""

    def __init__(self, html):
        super().__init__()
        self.hrefs, self.actions, self.scripts, self.styled = [], [], [], []
        self.inline_scripts = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "form":
            self.actions.append(attrs.get("action", ""))
        if tag == "script":
            if attrs.get("src"):
                self.scripts.append(attrs["src"])
            else:
                self.inline_scripts += 1
        if "style" in attrs:
            self.styled.append(tag)


def kiosk_pages():
    """Every kiosk page a reader can open, from the content in the database."""
    paths = ["/kiosk/", "/kiosk/articles/", "/kiosk/faq/", "/kiosk/self-check/", CHECK]
    paths += [f"/kiosk/articles/{a.slug}/" for a in Article.objects.published()]
    paths += [f"/kiosk/{p.slug}/" for p in Page.objects.all()]
    return paths


def crawl(client, start="/kiosk/"):
    """Open `start` and every page reachable from it by links; {path: response}."""
    seen, queue = {}, [start]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response
        if response.status_code != 200:
            continue
        for href in PageParts(response.content.decode()).hrefs:
            target = urlsplit(href).path
            if target.startswith("/kiosk/") and target not in seen:
                queue.append(target)
    return seen


def main_of(response):
    html = response.content.decode()
    return re.search(r"<main\b.*?</main>", html, re.DOTALL).group()


def test_every_kiosk_page_answers_and_is_never_stored(client):
    for path in kiosk_pages():
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


def test_a_kiosk_page_served_from_the_page_cache_is_still_never_stored(client, monkeypatch):
    first = client.get("/kiosk/articles/high-b12-levels/")
    monkeypatch.setattr("articles.views.render", lambda *args, **kwargs: pytest.fail("not from the cache"))
    monkeypatch.setattr("kiosk.middleware.rewrite", lambda *args, **kwargs: pytest.fail("rewritten again"))
    second = client.get("/kiosk/articles/high-b12-levels/")
    assert second.content == first.content
    assert "no-store" in second["Cache-Control"]


def test_every_link_on_every_kiosk_page_stays_in_the_kiosk(client):
    pages = crawl(client)
    assert set(kiosk_pages()) - {CHECK} <= set(pages), "the crawl missed pages"
    for path, response in pages.items():
        if path in ("/kiosk/reset/", "/kiosk/es/reset/"):
            assert response.status_code == 302
            continue
        assert response.status_code == 200, path
        parts = PageParts(response.content.decode())
        for href in parts.hrefs:
            assert href.startswith(("/kiosk/", "#")), f"{path} links to {href}"
        for action in parts.actions:
            assert action.startswith("/kiosk/"), f"{path} posts to {action}"


def test_a_self_check_result_on_the_kiosk_links_only_into_the_kiosk_and_is_not_in_the_address(client):
    # An urgent result: an emergency result has no reading list, so nothing competes with the call.
    result = client.get(CHECK)
    for fields in [
        {"emergency": "none"},
        {"urgent": ["black_poo"]},
        {"symptoms": "none", "other_signs": "none"},
        {"risks": "none", "age": "from_16_to_64"},
    ]:
        result = client.post(CHECK, {"state": result.context["state"], **fields})
    assert result.status_code == 200
    assert result.context["level"] == "urgent"
    assert "Your result" in result.content.decode()
    hrefs = PageParts(result.content.decode()).hrefs
    assert any(h.startswith("/kiosk/articles/") for h in hrefs), "the result's reading list is gone"
    assert all(h.startswith(("/kiosk/", "#")) for h in hrefs), hrefs
    assert "tel:" not in result.content.decode()
    assert "no-store" in result["Cache-Control"]


def test_a_self_check_page_from_the_page_cache_is_rewritten_too(client):
    for _ in range(2):  # the second answer comes from the page cache, compressed
        response = client.get("/kiosk/self-check/", HTTP_ACCEPT_ENCODING="gzip")
        body = response.content
        if response.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        html = body.decode()
        assert "Start the check" in html
        assert "tel:" not in html
        assert int(response["Content-Length"]) == len(response.content)
    assert response["Content-Encoding"] == "gzip", "the stored page is the rewritten one"


@pytest.mark.parametrize(
    "path",
    [
        "/kiosk/anything/",
        "/kiosk/articles/no-such-article/",
        "/kiosk/articles/a/b/c/",
        "/kiosk/admin/",
        "/kiosk/search/",
        "/kiosk/%ff/",
    ],
)
def test_an_unknown_kiosk_address_goes_back_to_kiosk_home(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/kiosk/"
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_kiosk_address_without_a_slash_also_ends_at_kiosk_home(client):
    response = client.get("/kiosk/anything", follow=True)
    assert response.redirect_chain[-1][0] == "/kiosk/"
    assert response.status_code == 200


def test_a_missing_kiosk_home_is_a_404_not_a_redirect_loop(rf):
    def missing(request):
        return HttpResponse(status=404)

    assert KioskMiddleware(missing)(rf.get("/kiosk/")).status_code == 404
    assert KioskMiddleware(missing)(rf.get("/kiosk/gone/"))["Location"] == "/kiosk/"


def test_an_unpublished_article_is_not_on_the_kiosk(client):
    Article.objects.filter(slug="low-b12-and-cancer").update(status="draft")
    assert client.get("/kiosk/articles/low-b12-and-cancer/")["Location"] == "/kiosk/"
    assert "/kiosk/articles/low-b12-and-cancer/" not in client.get("/kiosk/articles/").content.decode()


def test_the_home_page_offers_the_questions_the_myths_and_the_self_check(client):
    html = client.get("/kiosk/").content.decode()
    for href in [
        'href="/kiosk/faq/"',
        'href="/kiosk/articles/myths-and-facts/"',
        'href="/kiosk/self-check/"',
    ]:
        assert href in html
    assert 'class="kiosk-tile' in html


def test_sources_are_text_not_links(client):
    article = Article.objects.get(slug="myths-and-facts")
    with_address = next(ref for ref in article.sources() if ref.url)
    html = client.get("/kiosk/articles/myths-and-facts/").content.decode()
    sources = re.search(r'<section class="references".*?</section>', html, re.DOTALL).group()
    assert "<a " not in sources
    assert with_address.citation in sources and with_address.url in sources
    assert f'href="{with_address.url}"' not in html


def test_a_kiosk_article_shows_the_shared_emergency_box_without_a_phone_link(client):
    html = client.get("/kiosk/articles/high-b12-levels/").content.decode()
    box = html.split('id="emergency-box"', 1)[1].split("</div>", 1)[0]
    assert "Call 999 now for any of these" in box
    assert "sudden loss of sight" in box and "24-hour line" in box
    assert "tel:" not in box


def test_a_link_to_another_website_in_the_text_becomes_plain_text(client):
    article = Article.objects.get(slug="high-b12-levels")
    article.body += "\nSee [the NICE guideline](https://www.nice.org.uk/guidance/ng239) for more.\n"
    article.save()
    html = main_of(client.get("/kiosk/articles/high-b12-levels/"))
    assert "See the NICE guideline for more." in html
    assert 'nice.org.uk/guidance/ng239"' not in html


def test_faq_answers_link_into_the_kiosk(client):
    faq = FAQ.objects.published().filter(answer_html__contains='href="/articles/').first()
    html = client.get("/kiosk/faq/").content.decode()
    assert 'href="/articles/' not in html
    assert re.search(r'href="/kiosk/articles/[a-z0-9-]+/', html)
    assert faq.question in html


def test_no_kiosk_page_has_search_feedback_admin_or_login(client):
    for path in kiosk_pages():
        html = client.get(path).content.decode()
        assert 'type="search"' not in html, path
        assert "Was this page helpful" not in html, path
        assert "/admin/" not in html, path
        assert "log in" not in html.lower(), path


def test_no_kiosk_page_uses_diagnostic_phrasing(client):
    for path in kiosk_pages():
        text = re.sub(r"<[^>]+>", " ", client.get(path).content.decode())
        found = DIAGNOSTIC.findall(text)
        assert not found, f"{path} says {found}"


def test_kiosk_pages_run_no_inline_script_or_style_and_nothing_from_elsewhere(client):
    for path in kiosk_pages():
        parts = PageParts(client.get(path).content.decode())
        assert parts.inline_scripts == 0, path
        assert parts.styled == [], f"{path}: style= on {parts.styled}"
        assert all(src.startswith("/static/") for src in parts.scripts), parts.scripts
        assert "/static/js/kiosk.js" in parts.scripts


def test_the_kiosk_sets_no_cookie_but_the_session_and_csrf_ones(client):
    for path in [*kiosk_pages(), "/kiosk/reset/"]:
        response = client.get(path)
        assert set(response.cookies) <= {"sessionid", "csrftoken"}, path


def test_a_cookie_set_by_other_code_on_a_kiosk_page_never_reaches_the_browser(rf):
    def view(request):
        response = HttpResponse("<p>page</p>")
        response.set_cookie("tracker", "1")
        response.set_cookie("csrftoken", "token")
        response.delete_cookie("messages")
        return response

    response = KioskMiddleware(view)(rf.get("/kiosk/faq/"))
    assert "tracker" not in response.cookies
    assert response.cookies["csrftoken"].value == "token"
    assert response.cookies["messages"]["max-age"] == 0, "clearing an old cookie is still allowed"

    public = KioskMiddleware(view)(rf.get("/faq/"))
    assert "tracker" in public.cookies, "the public site is not the kiosk's business"


# --- take this page home -----------------------------------------------------------------------


def qr_on(html):
    section = re.search(r'<section class="take-home".*?</section>', html, re.DOTALL).group()
    url = re.search(r'data-public-url="([^"]+)"', section).group(1)
    svg = re.search(r"<svg\b.*?</svg>", section, re.DOTALL).group()
    return url, svg


@pytest.mark.parametrize(
    ("kiosk_path", "public_path"),
    [
        ("/kiosk/", "/"),
        ("/kiosk/articles/low-b12-and-cancer/", "/articles/low-b12-and-cancer/"),
        ("/kiosk/articles/myths-and-facts/", "/articles/myths-and-facts/"),
        ("/kiosk/faq/", "/faq/"),
        ("/kiosk/glossary/", "/glossary/"),
        ("/kiosk/self-check/", "/self-check/"),
        (CHECK, "/self-check/"),
    ],
)
def test_the_qr_code_opens_the_public_twin_of_the_page_on_site_url(client, settings, kiosk_path, public_path):
    settings.SITE_URL = "https://b12facts.example.org"
    expected = "https://b12facts.example.org" + public_path
    url, svg = qr_on(client.get(kiosk_path).content.decode())
    assert url == expected
    assert encodes(svg, expected)
    assert not encodes(svg, expected + "x"), "the comparison must be able to fail"


def test_the_qr_code_has_a_text_alternative_and_no_inline_style(client):
    html = client.get("/kiosk/faq/").content.decode()
    _, svg = qr_on(html)
    assert "style" not in svg
    assert 'role="img"' in svg
    assert re.search(r"<title>QR code[^<]*/faq/</title>", svg)
    assert "Take this page home" in html


# --- starting over -------------------------------------------------------------------------------


def test_start_over_flushes_the_session_and_goes_home(client):
    session = client.session
    session["left_behind"] = "by the last person"
    session.save()
    old_key = session.session_key

    response = client.get("/kiosk/reset/")

    assert response.status_code == 302
    assert response["Location"] == "/kiosk/"
    assert "no-store" in response["Cache-Control"]
    assert "left_behind" not in client.session
    assert client.session.session_key != old_key
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=old_key).exists()


def test_a_half_finished_self_check_cannot_be_sent_again_after_starting_over():
    client = Client(enforce_csrf_checks=True)
    step = client.get(CHECK)
    token = step.context["csrf_token"]
    fields = {"state": step.context["state"], "csrfmiddlewaretoken": str(token), "symptoms": ["none"]}
    assert client.post(CHECK, fields).status_code == 200, "the form works before the reset"

    client.get("/kiosk/reset/")

    again = client.post(CHECK, fields)
    assert again.status_code == 302
    assert again["Location"] == "/kiosk/"


def test_a_refused_form_on_the_public_site_still_gets_the_usual_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/self-check/check/", {"state": "x"})
    assert response.status_code == 403


def test_start_over_only_answers_get(client):
    assert client.post("/kiosk/reset/").status_code == 405


# --- timings, no-JavaScript fallback, printing ------------------------------------------------


def test_the_timings_reach_the_page_and_the_no_script_refresh_starts_over(client, settings):
    settings.KIOSK_IDLE_SECONDS, settings.KIOSK_COUNTDOWN_SECONDS = 45, 30
    html = client.get("/kiosk/articles/high-b12-levels/").content.decode()
    assert 'data-idle-seconds="45"' in html
    assert 'data-countdown-seconds="30"' in html
    assert 'data-reset-url="/kiosk/reset/"' in html
    head = html.split("</head>")[0]
    assert '<noscript><meta http-equiv="refresh" content="75;url=/kiosk/reset/"></noscript>' in head


def test_the_idle_dialog_is_a_dialog_with_one_big_button(client):
    html = client.get("/kiosk/faq/").content.decode()
    dialog = re.search(r"<dialog\b.*?</dialog>", html, re.DOTALL).group()
    assert 'aria-labelledby="idle-dialog-title"' in dialog
    assert dialog.count("<button") == 1
    assert "I&#x27;m still here" in dialog or "I'm still here" in dialog


def test_print_buttons_appear_only_where_a_printer_is_attached(client, settings):
    settings.KIOSK_PRINTING = False
    assert "data-kiosk-print" not in client.get("/kiosk/faq/").content.decode()
    settings.KIOSK_PRINTING = True
    html = client.get("/kiosk/faq/").content.decode()
    assert "data-kiosk-print" in html
    assert 'data-printing="on"' in html
