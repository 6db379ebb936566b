"""The migration to sources by id: free-text references become ids, and a row nobody edited
in the admin still looks unedited to the next sync."""

import importlib

import pytest
from django.apps import apps

from articles.models import FAQ, Article, Topic, fingerprint

migration = importlib.import_module("articles.migrations.0003_references_by_id")
pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return Topic.objects.create(slug="b12-and-cancer", title="B12 and cancer")


def test_free_text_references_become_ids_and_an_untouched_article_stays_untouched(topic):
    article = Article.objects.create(
        slug="old", title="Old", summary="S.", topic=topic, updated="2026-11-01", body="Text.\n"
    )
    old_references = [
        {"text": "NICE guideline NG239. Vitamin B12 deficiency in over 16s. 2024.", "url": "https://x"},
        {"text": "Arendt JFB et al. Elevated plasma vitamin B12 levels."},
        {"text": "A source nobody listed."},
    ]
    old_fields = {**article.content_fields(), "references": old_references}
    Article.objects.filter(pk=article.pk).update(
        references=old_references, synced_fingerprint=fingerprint(old_fields)
    )

    migration.cite_by_id(apps, None)

    article.refresh_from_db()
    assert article.references == ["nice-ng239", "arendt-2013", {"text": "A source nobody listed."}]
    assert not article.changed_since_sync


def test_an_article_edited_in_the_admin_still_counts_as_edited(topic):
    article = Article.objects.create(
        slug="edited", title="Edited", summary="S.", topic=topic, updated="2026-11-01", body="Text.\n"
    )
    Article.objects.filter(pk=article.pk).update(
        references=[{"text": "Wang H et al."}], synced_fingerprint="0" * 64
    )
    migration.cite_by_id(apps, None)
    article.refresh_from_db()
    assert article.references == ["wang-2018"]
    assert article.changed_since_sync


def test_an_untouched_question_stays_untouched_now_that_it_has_sources(topic):
    faq = FAQ.objects.create(slug="q", question="Q?", topic=topic, answer="A.\n")
    # The fields a question's file held before it cited sources, and after (as this migration saw them).
    FAQ.objects.filter(pk=faq.pk).update(synced_fingerprint=migration.fingerprint(migration.faq_fields(faq)))
    migration.cite_by_id(apps, None)
    faq.refresh_from_db()
    assert faq.synced_fingerprint == migration.fingerprint(migration.faq_fields(faq, faq.references))
