"""One slug rule: the model field, the admin, the content files and every URL pattern agree.

The admin once accepted Django's laxer slug ("b12_tests"); the article's page then answered
500, because its feedback form's address could not be built from that slug, and an FAQ with
such a slug took the whole questions page down with it.
"""

import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.forms import CheckboxInput
from django.urls import URLPattern, URLResolver, get_resolver

from articles import workflow
from articles.models import FAQ, Article, Page, Topic
from articles.validators import MESSAGE, ContentSlugConverter
from tests.factories import ArticleFactory, FAQFactory, PageFactory, TopicFactory

pytestmark = pytest.mark.django_db

BAD_SLUGS = ["b12_tests", "B12-Facts", "b12--tests", "-b12", "b12-", "b12 tests", "b12\n"]
FACTORIES = {"article": ArticleFactory, "faq": FAQFactory, "page": PageFactory, "topic": TopicFactory}


def public_address(item):
    return (
        "/faq/" if isinstance(item, FAQ) else f"/{'' if isinstance(item, Page) else 'articles/'}{item.slug}/"
    )


def form_as_shown(response):
    """The admin form's data as a browser sends it back when nothing was changed."""
    form = response.context["adminform"].form
    data = {"_save": "Save"}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, CheckboxInput):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value if isinstance(value, str) else str(value)
    return data


def save_in_admin(client, item, **changes):
    url = f"/admin/articles/{item._meta.model_name}/{item.pk}/change/"
    shown = client.get(url)
    assert shown.status_code == 200
    return client.post(url, {**form_as_shown(shown), **changes})


@pytest.mark.parametrize("kind", FACTORIES)
def test_the_admin_refuses_a_slug_no_address_can_carry_and_says_how_to_write_one(admin_client, client, kind):
    # Given a published item with a good slug, whose page answers
    item = FACTORIES[kind](slug="b12-tests")
    if isinstance(item, Topic):
        ArticleFactory(topic=item, slug="in-the-topic")

    # When someone saves it in the admin with Django's laxer kind of slug
    response = save_in_admin(admin_client, item, slug="b12_tests")

    # Then the form comes back with the rule in words, and nothing was saved
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [MESSAGE]
    item.refresh_from_db()
    assert item.slug == "b12-tests"
    if not isinstance(item, Topic):
        assert client.get(public_address(item)).status_code == 200


def test_the_admin_still_saves_a_good_slug(admin_client, client):
    article = ArticleFactory(slug="b12-tests")
    response = save_in_admin(admin_client, article, slug="b12-tests-explained")
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    # A live article's change waits for review: the new address comes with the approval.
    assert workflow.open_change(article).data["slug"] == "b12-tests-explained"
    assert client.get("/articles/b12-tests/").status_code == 200


@pytest.mark.parametrize("slug", BAD_SLUGS)
def test_the_model_field_refuses_every_slug_the_rule_does_not_allow(slug):
    article = ArticleFactory.build(slug=slug, topic=TopicFactory())
    with pytest.raises(Exception, match="lower-case letters") as problem:
        article.full_clean()
    assert "slug" in problem.value.message_dict


@pytest.mark.parametrize("slug", BAD_SLUGS)
def test_the_converter_neither_matches_nor_builds_an_address_for_such_a_slug(client, slug):
    import re

    assert not re.fullmatch(ContentSlugConverter.regex, slug)
    assert client.get(f"/articles/{slug}/").status_code == 404


def test_every_url_pattern_that_takes_a_slug_uses_the_content_slug_converter():
    found = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
                continue
            assert isinstance(entry, URLPattern)
            regex = entry.pattern.regex.pattern
            converters = getattr(entry.pattern, "converters", {})
            if "slug" in converters or "(?P<slug>" in regex:
                assert isinstance(converters.get("slug"), ContentSlugConverter), route
                found.append(route)

    walk(get_resolver().url_patterns)
    # The public article and page, their kiosk twins, the feedback form and thanks, the preview.
    assert len(found) >= 8, found


def test_a_published_item_with_a_good_slug_reaches_every_address_built_from_it(client):
    article = ArticleFactory(slug="b12-tests")
    faq = FAQFactory(slug="b12-tests-q", topic=article.topic)
    page = PageFactory(slug="b12-glossary")
    for path in [
        "/articles/b12-tests/",
        "/faq/",
        "/b12-glossary/",
        "/kiosk/articles/b12-tests/",
        "/kiosk/faq/",
        "/kiosk/b12-glossary/",
        "/feedback/article/b12-tests/thanks/",
        "/feedback/faq/b12-tests-q/thanks/",
    ]:
        assert client.get(path).status_code == 200, path
    assert 'action="/feedback/article/b12-tests/"' in client.get("/articles/b12-tests/").content.decode()
    assert 'action="/feedback/faq/b12-tests-q/"' in client.get("/faq/").content.decode()
    assert page.get_absolute_url() == "/b12-glossary/" and faq.get_absolute_url() == "/faq/#b12-tests-q"


def test_a_content_file_with_such_a_slug_stops_the_sync_and_changes_nothing(content_copy):
    article = content_copy / "articles" / "low-b12-and-cancer.md"
    article.write_text(article.read_text().replace("---\n", "---\nslug: low_b12_and_cancer\n", 1))
    with pytest.raises(CommandError, match="slug"):
        call_command("sync_content", content_dir=content_copy, stdout=StringIO())
    assert not Article.objects.exists()


def test_rows_saved_before_the_rule_are_renamed_to_the_nearest_good_slug():
    migration = importlib.import_module("articles.migrations.0006_content_slugs")
    topic = TopicFactory()
    Article.objects.bulk_create(
        [
            Article(slug=slug, title=slug, summary="S.", topic=topic, updated="2026-11-01", body="b")
            for slug in ["b12-tests", "B12_Tests", "keeps-a-link"]
        ]
    )
    Article.objects.filter(slug="keeps-a-link").update(related=["B12_Tests", "b12-tests"])
    FAQ.objects.bulk_create([FAQ(slug="-odd--one-", question="Q?", topic=topic, answer="A.")])

    migration.repair_slugs(apps, None)

    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "b12-tests",
        "b12-tests-2",
        "keeps-a-link",
    ]
    assert Article.objects.get(slug="keeps-a-link").related == ["b12-tests-2", "b12-tests"]
    assert FAQ.objects.get().slug == "odd-one"
