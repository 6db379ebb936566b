"""The migration to live rows and pending changes carries an existing database forward:
published rows stay published, pages stay public, a page in review stays off the site with its
text waiting for review, and a row nobody edited since the sync still looks unedited."""

import datetime
import hashlib
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import FAQ, Article, Page
from articles.states import ChangeState, Status

BEFORE = [("articles", "0003_references_by_id")]


def fingerprint(fields):
    return hashlib.sha256(
        json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()


@pytest.fixture
def old_database(transactional_db):
    """The database as the previous release left it; migrated forward again afterwards."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_content_is_carried_forward(old_database):
    apps = old_database
    Topic, Article_, FAQ_, Page_ = (
        apps.get_model("articles", m) for m in ("Topic", "Article", "FAQ", "Page")
    )
    User = apps.get_model("auth", "User")
    topic = Topic.objects.create(slug="t", title="T")
    common = {"summary": "S.", "topic": topic, "updated": datetime.date(2026, 11, 1), "body_html": "<p>x</p>"}
    live = Article_.objects.create(slug="live", title="Live", status="published", body="x", **common)
    waiting = Article_.objects.create(
        slug="waiting", title="Waiting", status="in_review", body="New text.\n", **common
    )
    faq = FAQ_.objects.create(
        slug="q", question="Q?", topic=topic, answer="A.\n", answer_html="<p>A.</p>", status="published"
    )
    faq_fields = {
        "slug": "q",
        "question": "Q?",
        "topic": "t",
        "order": 0,
        "status": "published",
        "references": [],
        "answer": "A.\n",
    }
    FAQ_.objects.filter(pk=faq.pk).update(synced_fingerprint=fingerprint(faq_fields))
    page = Page_.objects.create(
        slug="about",
        title="About",
        summary="",
        updated=datetime.date(2026, 11, 1),
        body="Hi.\n",
        body_html="<p>Hi.</p>",
    )
    page_fields = {
        "slug": "about",
        "title": "About",
        "summary": "",
        "updated": datetime.date(2026, 11, 1),
        "body": "Hi.\n",
    }
    Page_.objects.filter(pk=page.pk).update(synced_fingerprint=fingerprint(page_fields))
    User.objects.create(username="eddie")

    # Forward to the latest, so the rows are read with the models as they are now.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert Article.objects.get(pk=live.pk).status == Status.PUBLISHED
    row = Article.objects.get(pk=waiting.pk)
    assert (row.status, row.body) == (Status.DRAFT, "New text.\n")
    from articles.revisions import Revision

    change = Revision.objects.get()
    assert (change.object_id, change.state, change.data["body"]) == (
        waiting.pk,
        ChangeState.IN_REVIEW,
        "New text.\n",
    )
    assert Page.objects.get(pk=page.pk).status == Status.PUBLISHED
    # Untouched since the sync, with the new fields: still untouched.
    assert not FAQ.objects.get(pk=faq.pk).changed_since_sync
    assert not Page.objects.get(pk=page.pk).changed_since_sync
    assert FAQ.objects.get(pk=faq.pk).status == Status.PUBLISHED
