"""JSON-LD on the home page, articles and the FAQ: valid schema.org, true to the page, safe."""

import datetime
import json
import re

import pytest

from articles.models import FAQ, Article
from tests.seo.schema import problems

pytestmark = pytest.mark.usefixtures("site_content")

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = "https://b12.example.org"


def json_ld(client, url):
    blocks = LD_JSON.findall(client.get(url).content.decode())
    assert len(blocks) == 1, f"{url} has {len(blocks)} JSON-LD blocks"
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data


def test_an_article_is_a_valid_medical_web_page(client):
    article = Article.objects.get(slug="low-b12-and-cancer")
    data = json_ld(client, article.get_absolute_url())
    assert problems(data, "MedicalWebPage") == []
    assert data["name"] == article.title
    assert data["description"] == article.summary
    assert data["url"] == "https://b12.example.org/articles/low-b12-and-cancer/"
    assert data["dateModified"] == article.updated.isoformat()


def test_an_article_not_yet_reviewed_claims_no_review(client):
    data = json_ld(client, "/articles/low-b12-and-cancer/")
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_a_reviewed_article_says_when_and_by_whom(client):
    article = Article.objects.get(slug="low-b12-and-cancer")
    article.last_reviewed, article.reviewed_by = datetime.date(2026, 11, 1), "Dr A Reviewer"
    article.save()
    data = json_ld(client, article.get_absolute_url())
    assert problems(data, "MedicalWebPage") == []
    assert data["lastReviewed"] == "2026-11-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr A Reviewer"}


def test_the_faq_is_a_valid_faq_page_with_every_published_question(client):
    data = json_ld(client, "/faq/")
    assert problems(data, "FAQPage") == []
    questions = {q["name"]: q for q in data["mainEntity"]}
    assert set(questions) == set(FAQ.objects.published().values_list("question", flat=True))
    sample = FAQ.objects.published().first()
    answer = questions[sample.question]["acceptedAnswer"]["text"]
    assert "<" not in answer and len(answer) > 20


def test_the_home_page_describes_the_site_and_its_search(client):
    data = json_ld(client, "/")
    assert problems(data, "WebSite") == []
    assert data["potentialAction"]["target"]["urlTemplate"] == "https://b12.example.org/search/?q={q}"


def test_the_checker_itself_catches_broken_data():
    assert problems({"@type": "MedicalWebPage", "name": "x"}, "MedicalWebPage") == [
        "$: MedicalWebPage lacks description",
        "$: MedicalWebPage lacks url",
        "$: MedicalWebPage lacks dateModified",
    ]
    bad = {"@type": "FAQPage", "mainEntity": [{"@type": "Question", "name": "q", "acceptedAnswer": "a"}]}
    assert problems(bad, "FAQPage") == [
        "$.mainEntity[0].acceptedAnswer[0]: expected a Answer object, got 'a'"
    ]
    assert problems({"@type": "Person", "name": "x", "colour": "red"}, "Person") == [
        "$: colour is not a property of Person"
    ]


def test_text_that_looks_like_markup_cannot_break_out_of_the_data_block(client):
    article = Article.objects.get(slug="low-b12-and-cancer")
    article.title = "B12 </script><script>alert(1)</script> & <!-- more"
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    [block] = LD_JSON.findall(html)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["name"] == "B12 </script><script>alert(1)</script> & <!-- more"


@pytest.mark.parametrize(
    "url", ["/", "/articles/", "/articles/low-b12-and-cancer/", "/faq/", "/about/", "/search/"]
)
def test_the_only_inline_scripts_are_data_blocks(client, url):
    """The CSP allows no inline script; JSON-LD is data that browsers never run."""
    html = client.get(url).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag
