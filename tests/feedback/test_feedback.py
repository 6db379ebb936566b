"""'Was this page helpful?': anonymous, short, protected from forgery and floods, not on the kiosk."""

import pytest
from django.conf import settings

from articles.models import FAQ, Article
from feedback.models import Feedback

pytestmark = pytest.mark.usefixtures("site_content")

ARTICLE = "low-b12-and-cancer"
URL = f"/feedback/article/{ARTICLE}/"


def send(client, url=URL, extra=None, **data):
    return client.post(url, {"helpful": "yes", "comment": "", **data}, **(extra or {}))


def test_an_article_page_has_the_form_once(client):
    html = client.get(f"/articles/{ARTICLE}/").content.decode()
    assert html.count('class="feedback"') == 1
    assert f'action="{URL}"' in html
    assert "Was this page helpful?" in html


def test_every_faq_has_its_own_form(client):
    html = client.get("/faq/").content.decode()
    assert html.count('class="feedback"') == FAQ.objects.published().count()
    assert 'action="/feedback/faq/do-vegans-need-b12/"' in html


def test_it_stores_a_yes_with_a_comment_and_thanks_the_reader(client):
    response = send(client, helpful="yes", comment="Clear, thank you.")
    assert response.status_code == 302
    assert response["Location"] == f"/feedback/article/{ARTICLE}/thanks/"
    feedback = Feedback.objects.get()
    assert (feedback.article.slug, feedback.helpful, feedback.comment) == (ARTICLE, True, "Clear, thank you.")
    thanks = client.get(response["Location"])
    assert "Thank you for your feedback" in thanks.content.decode()
    assert f'href="/articles/{ARTICLE}/"' in thanks.content.decode()


def test_it_stores_a_no_for_a_faq(client):
    send(client, url="/feedback/faq/do-vegans-need-b12/", helpful="no")
    feedback = Feedback.objects.get()
    assert feedback.faq.slug == "do-vegans-need-b12" and feedback.helpful is False


def test_it_stores_nothing_about_who_sent_it(client):
    send(client, comment="ok", extra={"REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": "Secret-Browser/1.0"})
    fields = {f.name for f in Feedback._meta.get_fields()}
    assert fields == {"id", "article", "faq", "helpful", "comment", "created_on"}
    row = Feedback.objects.values().get()
    assert "203.0.113.9" not in str(row) and "Secret-Browser" not in str(row)


def test_a_comment_of_500_characters_is_accepted_and_501_is_refused(client):
    assert send(client, comment="a" * 500).status_code == 302
    response = send(client, comment="a" * 501)
    assert response.status_code == 400
    assert "500 characters or fewer" in response.content.decode()
    assert "a" * 501 in response.content.decode()  # their words come back to them
    assert Feedback.objects.count() == 1


def test_yes_or_no_is_required(client):
    response = client.post(URL, {"comment": "no answer"})
    assert response.status_code == 400
    assert "Choose yes or no." in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_on_an_unpublished_article_or_an_unknown_kind_is_a_404(client):
    Article.objects.filter(slug=ARTICLE).update(status="draft")
    assert send(client).status_code == 404
    assert send(client, url=f"/feedback/page/{ARTICLE}/").status_code == 404
    assert not Feedback.objects.exists()


def test_a_post_from_another_site_is_refused(client):
    assert send(client, extra={"HTTP_SEC_FETCH_SITE": "cross-site"}).status_code == 403
    assert send(client, extra={"HTTP_ORIGIN": "https://evil.example"}).status_code == 403
    assert send(client, extra={"HTTP_ORIGIN": "null"}).status_code == 403
    assert not Feedback.objects.exists()


def test_a_post_from_this_site_is_accepted(client):
    assert send(client, extra={"HTTP_SEC_FETCH_SITE": "same-origin"}).status_code == 302
    assert send(client, extra={"HTTP_ORIGIN": "http://testserver"}).status_code == 302


def test_the_article_page_stays_cacheable_with_the_form_on_it(client):
    response = client.get(f"/articles/{ARTICLE}/")
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_it_is_rate_limited_per_client(client):
    _, limit, _ = settings.RATE_LIMITS["feedback"]
    for _ in range(limit):
        assert send(client).status_code == 302
    assert send(client).status_code == 429
    assert Feedback.objects.count() == limit
    other = client.__class__(REMOTE_ADDR="198.51.100.7")
    assert send(other).status_code == 302


def test_a_get_to_the_post_address_is_not_allowed(client):
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize("path", [f"/kiosk/articles/{ARTICLE}/", "/kiosk/faq/", "/kiosk/"])
def test_the_kiosk_has_no_feedback_form(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/feedback/" not in html and "Was this page helpful?" not in html


def test_editors_see_the_counts_and_comments_for_each_page(admin_client):
    send(admin_client, helpful="yes", comment="Very clear.")
    send(admin_client, helpful="no", comment="Too long.")
    send(admin_client, helpful="no")
    article = Article.objects.get(slug=ARTICLE)
    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Helpful: <strong>1</strong> yes, <strong>2</strong> no." in html
    assert "Very clear." in html and "Too long." in html
    listing = admin_client.get(f"/admin/feedback/feedback/?article__id__exact={article.pk}").content.decode()
    assert "3 feedback" in listing or listing.count('class="field-created_on"') == 3


def test_a_page_without_feedback_says_so_in_the_admin(admin_client):
    article = Article.objects.get(slug=ARTICLE)
    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Helpful: <strong>0</strong> yes, <strong>0</strong> no." in html
    assert "No comments yet." in html
