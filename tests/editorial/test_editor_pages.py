"""What editors see: a staff-only preview of unpublished pages, the dashboard, reading levels."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.models import Article
from editorial import services
from editorial.roles import EDITOR, REVIEWER

from .helpers import change_url

pytestmark = pytest.mark.django_db


def test_the_data_migration_created_both_roles_with_the_right_powers(db):
    editor = set(Group.objects.get(name=EDITOR).permissions.values_list("codename", flat=True))
    reviewer = set(Group.objects.get(name=REVIEWER).permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "change_faq"} <= editor
    assert not {"publish_article", "publish_faq", "change_page", "change_topic"} & editor
    assert not any(code.startswith("delete_") for code in editor | reviewer)
    assert {"publish_article", "publish_faq"} <= reviewer


def test_staff_can_preview_an_unpublished_article_in_the_public_template(editor_client, draft):
    response = editor_client.get(f"/articles/{draft.slug}/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>A draft</h1>" in html
    assert "The public cannot see this page yet." in html
    assert 'class="feedback"' not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_the_public_gets_a_404_for_the_preview_and_the_unpublished_page(client, draft):
    assert client.get(f"/articles/{draft.slug}/preview/").status_code == 404
    assert client.get(f"/articles/{draft.slug}/").status_code == 404


def test_a_signed_in_non_staff_user_gets_a_404_for_the_preview(client, draft):
    client.force_login(User.objects.create_user("reader", password="x"))
    assert client.get(f"/articles/{draft.slug}/preview/").status_code == 404


def test_the_change_form_uses_the_markdown_editor_with_live_preview(editor_client, draft):
    html = editor_client.get(change_url(draft)).content.decode()
    assert 'class="markdownx"' in html
    assert 'data-markdownx-urls-path="/admin/editor/markdownify/"' in html
    assert 'data-markdownx-upload-urls-path="/admin/editor/upload/"' in html
    assert f'href="/articles/{draft.slug}/preview/"' in html


def test_the_change_form_and_list_show_the_reading_grade_and_word_count(editor_client, draft):
    from articles.readability import measure

    result = measure(draft.body_html)
    form = editor_client.get(change_url(draft)).content.decode()
    assert f"Grade {result.grade} (Flesch-Kincaid; aim for 8 or below" in form
    assert f"{result.words} words" in form
    listing = editor_client.get("/admin/articles/article/").content.decode()
    assert 'class="field-reading_grade">' + str(result.grade) in listing
    assert 'class="field-word_count">' + str(result.words) in listing


def test_the_admin_index_links_to_the_review_dashboard(editor_client):
    assert 'href="/admin/review/"' in editor_client.get("/admin/").content.decode()


def test_the_dashboard_is_for_staff_only(client, draft):
    response = client.get("/admin/review/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def published(topic, slug, due, reviewed=True):
    today = timezone.localdate()
    return Article.objects.create(
        slug=slug,
        title=slug.replace("-", " ").capitalize(),
        summary="S.",
        topic=topic,
        updated=today,
        body="x",
        status="published",
        last_reviewed=today - datetime.timedelta(days=300) if reviewed else None,
        reviewed_by="Rita Reviewer" if reviewed else "",
        next_review_due=due,
    )


def test_the_dashboard_sorts_work_into_awaiting_overdue_and_due_soon(editor_client, topic, draft):
    today = timezone.localdate()
    draft.status = "in_review"
    draft.save()
    published(topic, "overdue-page", today - datetime.timedelta(days=1))
    published(topic, "due-in-ten-days", today + datetime.timedelta(days=10))
    published(topic, "due-next-year", today + datetime.timedelta(days=300))
    published(topic, "never-signed-off", None, reviewed=False)

    board = services.review_dashboard()
    assert [a.slug for a in board.awaiting_articles] == ["a-draft"]
    assert [a.slug for a in board.overdue] == ["overdue-page"]
    assert [a.slug for a in board.due_soon] == ["due-in-ten-days"]
    assert [a.slug for a in board.never_reviewed] == ["never-signed-off"]

    html = editor_client.get("/admin/review/").content.decode()
    for heading in ["Awaiting sign-off (1)", "Overdue for review (1)", "Due for review within 30 days (1)"]:
        assert heading in html
    assert "Due next year" not in html


def test_the_dashboard_lists_pages_citing_a_superseded_source_or_an_unknown_one(editor_client, topic, draft):
    from articles.models import FAQ

    draft.references = ["devalia-2014", "nice-ng239"]
    draft.save()
    FAQ.objects.create(
        slug="old-question", question="An old question?", topic=topic, answer="A.", references=["gone-2001"]
    )
    Article.objects.create(
        slug="archived-page",
        title="Archived",
        summary="S.",
        topic=topic,
        updated="2026-11-01",
        body="b",
        status="archived",
        references=["devalia-2014"],
    )

    board = services.review_dashboard()
    assert [(row.item.slug, [ref.id for ref in row.sources]) for row in board.superseded_citations] == [
        ("a-draft", ["devalia-2014"])
    ]
    assert [(row.item.slug, row.sources) for row in board.unknown_citations] == [
        ("old-question", ["gone-2001"])
    ]

    html = editor_client.get("/admin/review/").content.decode()
    assert "Citing a superseded source (1)" in html and "devalia-2014" in html and "nice-ng239" in html
    assert "Citing a source not in the list of sources (1)" in html and "gone-2001" in html


@pytest.mark.parametrize(
    ("references", "message"),
    [
        (
            '["nice-ng239", "nice-ng293"]',
            "Sources: &#x27;nice-ng293&#x27; is not a source id in references.yaml.",
        ),
        ('[{"text": "NICE"}]', "Sources: must be a list of source ids from references.yaml"),
    ],
)
def test_the_article_form_checks_source_ids_as_the_sync_does(editor_client, draft, references, message):
    from tests.editorial.helpers import article_form, change_url

    response = editor_client.post(change_url(draft), article_form(draft, references=references))
    assert response.status_code == 200
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.references == []


def test_the_faq_form_checks_source_ids_too(editor_client, topic):
    from articles.models import FAQ
    from editorial.forms import version_token

    faq = FAQ.objects.create(slug="a-question", question="A question?", topic=topic, answer="An answer.")
    data = {
        "question": faq.question,
        "slug": faq.slug,
        "topic": str(topic.pk),
        "order": "0",
        "answer": faq.answer,
        "references": '["no-such-source"]',
        "status": "draft",
        "version": version_token(faq),
        "_save": "Save",
    }
    response = editor_client.post(f"/admin/articles/faq/{faq.pk}/change/", data)
    assert "&#x27;no-such-source&#x27; is not a source id" in response.content.decode()
    data["references"] = '["nice-ng239"]'
    assert editor_client.post(f"/admin/articles/faq/{faq.pk}/change/", data).status_code == 302
    faq.refresh_from_db()
    assert faq.references == ["nice-ng239"]
