"""Rules the published content must keep: reading level, no diagnosis, sources, help, links."""

import re
from html.parser import HTMLParser

import pytest

from articles.models import FAQ, Article, Page
from articles.readability import measure

pytestmark = pytest.mark.usefixtures("site_content")

MAX_GRADE = 8.0
DIAGNOSTIC = re.compile(
    r"\byou(?:'ve| have) got\b|\byou have\b|\byou(?: do not|\s+don't|\s+don’t) have\b|"
    r"\bthis means you\b|\bdiagnosis:|\byou are suffering\b|\byou(?:'re| are) (?:deficient|anaemic)\b",
    re.IGNORECASE,
)
# The sources the content guide allows; a reference must start with one of them.
KNOWN_SOURCES = (
    "NIH",
    "NICE",
    "NHS",
    "Stabler",
    "Green R",
    "Devalia",
    "Arendt",
    "Brasky",
    "Vannella",
    "Wang H",
)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.text = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    parser = _Links()
    parser.feed(html)
    return parser


def public_urls():
    urls = ["/", "/articles/", "/faq/"]
    urls += [a.get_absolute_url() for a in Article.objects.published()]
    urls += [p.get_absolute_url() for p in Page.objects.all()]
    return urls


def test_every_published_article_reads_at_grade_eight_or_below(capsys):
    grades = {a.slug: measure(a.body_html) for a in Article.objects.published()}
    with capsys.disabled():
        print("\nFlesch-Kincaid grade of each published article:")
        for slug, r in sorted(grades.items(), key=lambda item: -item[1].grade):
            print(f"  {r.grade:4.1f}  {r.words:5d} words  {slug}")
    too_hard = {slug: r.grade for slug, r in grades.items() if r.grade > MAX_GRADE}
    assert not too_hard, f"above grade {MAX_GRADE}: {too_hard}"
    assert len(grades) >= 9


def test_no_public_page_uses_diagnostic_phrasing(client):
    for url in public_urls():
        text = " ".join(parse(client.get(url).content.decode()).text)
        found = DIAGNOSTIC.findall(text)
        assert not found, f"{url} says {found}"


def test_the_phrase_check_would_catch_a_diagnosis():
    for sentence in ["So you have pernicious anaemia.", "You don't have cancer.", "Diagnosis: deficiency"]:
        assert DIAGNOSTIC.search(sentence)
    assert not DIAGNOSTIC.search("If you notice tingling, see a clinician.")


def test_every_article_has_two_known_sources_and_a_when_to_get_help_box():
    for article in Article.objects.published():
        assert len(article.references) >= 2, article.slug
        for ref in article.references:
            assert ref["text"].startswith(KNOWN_SOURCES), f"{article.slug}: unknown source {ref['text']!r}"
        assert 'class="callout callout--' in article.body_html, article.slug


def test_no_article_names_a_reviewer_without_a_review_date():
    for article in Article.objects.all():
        assert bool(article.reviewed_by) == bool(article.last_reviewed), article.slug


def test_every_faq_answer_links_somewhere():
    for faq in FAQ.objects.published():
        assert parse(faq.answer_html).hrefs, faq.slug


def test_every_myth_links_to_an_article():
    body = Article.objects.get(slug="myths-and-facts").body_html
    sections = body.split("<h2")[1:]
    myths = [s for s in sections if "Myth" in s.split("</h2>")[0]]
    assert len(myths) >= 8
    for section in myths:
        assert any(h.startswith("/articles/") for h in parse(section).hrefs), section[:80]


def test_every_link_inside_the_site_leads_to_a_page_and_anchor_that_exist(client):
    pages = {url: parse(client.get(url).content.decode()) for url in public_urls()}
    for url, parsed in list(pages.items()):
        for href in parsed.hrefs:
            if not href.startswith("/") or href.startswith(("/static/", "/admin/")):
                continue
            path, _, anchor = href.partition("#")
            if path not in pages:
                pages[path] = parse(client.get(path).content.decode())
                assert client.get(path).status_code == 200, f"{url} links to missing {path}"
            if anchor:
                assert anchor in pages[path].ids, f"{url} links to missing anchor {href}"
