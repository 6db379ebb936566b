"""Editors write and submit; only clinical reviewers publish, by any route."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import FAQ, Article
from editorial import services

from .helpers import article_form, change_url

pytestmark = pytest.mark.django_db


def test_an_editor_is_not_offered_published_in_the_status_field(editor_client, draft):
    html = editor_client.get(change_url(draft)).content.decode()
    assert 'value="in_review"' in html
    assert 'value="published"' not in html


def test_a_reviewer_is_offered_published(reviewer_client, draft):
    assert 'value="published"' in reviewer_client.get(change_url(draft)).content.decode()


def test_an_editor_cannot_publish_with_a_crafted_post(editor_client, draft):
    response = editor_client.post(change_url(draft), article_form(draft, status="published"))
    assert response.status_code == 200  # the form again, with the error
    assert "Select a valid choice" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert draft.last_reviewed is None


def test_an_editor_cannot_publish_a_new_article_either(editor_client, topic):
    data = {
        "title": "New",
        "slug": "brand-new",
        "summary": "S.",
        "topic": topic.pk,
        "order": 0,
        "updated": "2026-11-01",
        "body": "Text.",
        "references": "[]",
        "related": "[]",
        "status": "published",
    }
    response = editor_client.post("/admin/articles/article/add/", data)
    assert "Select a valid choice" in response.content.decode()
    assert not Article.objects.filter(slug="brand-new").exists()
    editor_client.post("/admin/articles/article/add/", {**data, "status": "in_review"})
    assert Article.objects.get(slug="brand-new").status == "in_review"


def test_an_editor_submits_for_review_through_the_form(editor_client, draft):
    response = editor_client.post(
        change_url(draft), article_form(draft, status="in_review", body="New text.\n")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.body) == ("in_review", "New text.\n")


def test_the_publish_action_is_not_offered_to_an_editor(editor_client, draft):
    html = editor_client.get("/admin/articles/article/").content.decode()
    assert "submit_selected_for_review" in html
    assert "publish_selected" not in html


def test_an_editor_cannot_publish_with_a_crafted_action_post(editor_client, draft):
    editor_client.post(
        "/admin/articles/article/", {"action": "publish_selected", ACTION_CHECKBOX_NAME: [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_an_editor_cannot_publish_a_faq_with_a_crafted_action_post(editor_client, topic):
    faq = FAQ.objects.create(slug="q", question="Q?", topic=topic, answer="A.")
    editor_client.post("/admin/articles/faq/", {"action": "publish_selected", ACTION_CHECKBOX_NAME: [faq.pk]})
    faq.refresh_from_db()
    assert faq.status == "draft"


def test_the_publish_service_refuses_an_editor(editor, draft):
    with pytest.raises(PermissionDenied):
        services.publish(draft, editor)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_an_editor_cannot_change_the_text_of_a_published_article_while_it_stays_published(
    editor_client, reviewer, draft
):
    services.publish(draft, reviewer)
    response = editor_client.post(change_url(draft), article_form(draft, body="Unreviewed words.\n"))
    assert "needs a clinical reviewer" in response.content.decode()
    assert "Unreviewed words." in response.content.decode()  # their text comes back to them
    draft.refresh_from_db()
    assert draft.body != "Unreviewed words.\n"


def test_an_editor_can_send_a_change_to_a_published_article_for_review(editor_client, reviewer, draft):
    services.publish(draft, reviewer)
    editor_client.post(change_url(draft), article_form(draft, body="Better words.\n", status="in_review"))
    draft.refresh_from_db()
    assert (draft.status, draft.body) == ("in_review", "Better words.\n")


def test_an_editor_saving_a_published_article_unchanged_keeps_it_published(editor_client, reviewer, draft):
    services.publish(draft, reviewer)
    response = editor_client.post(change_url(draft), article_form(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"


def test_the_review_fields_cannot_be_typed_in(editor_client, draft):
    data = article_form(
        draft, reviewed_by="Dr Nobody", last_reviewed="2026-01-01", next_review_due="2027-01-01"
    )
    editor_client.post(change_url(draft), data)
    draft.refresh_from_db()
    assert (draft.reviewed_by, draft.last_reviewed) == ("", None)


def test_a_reviewer_publishing_through_the_form_records_the_review(reviewer_client, draft, settings):
    settings.REVIEW_INTERVAL_MONTHS = 6
    response = reviewer_client.post(change_url(draft), article_form(draft, status="published"))
    assert response.status_code == 302
    draft.refresh_from_db()
    today = timezone.localdate()
    assert draft.status == "published"
    assert draft.last_reviewed == today
    assert draft.reviewed_by == "Rita Reviewer"
    assert draft.next_review_due == services.add_months(today, 6)


def test_a_reviewer_publishing_with_the_action_records_the_review(reviewer_client, draft):
    reviewer_client.post(
        "/admin/articles/article/", {"action": "publish_selected", ACTION_CHECKBOX_NAME: [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.reviewed_by == "Rita Reviewer"
    assert draft.next_review_due == services.add_months(timezone.localdate(), 12)


def test_a_reviewer_without_a_full_name_is_shown_by_username(roles, draft):
    from .conftest import make_user

    reviewer = make_user("drwho", "Clinical reviewer")
    services.publish(draft, reviewer)
    assert Article.objects.get(pk=draft.pk).reviewed_by == "drwho"


def test_the_public_page_shows_the_reviewers_sign_off(client, reviewer, draft):
    services.publish(draft, reviewer, today=datetime.date(2026, 11, 21))
    html = client.get(draft.get_absolute_url()).content.decode()
    assert 'Last reviewed: <time datetime="2026-11-21">21 November 2026</time> by Rita Reviewer' in html
    assert "21 November 2027" in html


def test_restoring_an_old_published_version_does_not_let_an_editor_publish(editor_client, reviewer, draft):
    services.publish(draft, reviewer)
    published_version = draft.history.first()
    draft.status, draft.body = "in_review", "Later text.\n"
    draft.save()
    url = f"/admin/articles/article/{draft.pk}/history/{published_version.history_id}/"
    data = article_form(draft, body=published_version.body, status="published")
    editor_client.post(url, data)
    draft.refresh_from_db()
    assert draft.status == "in_review"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 21), 12, datetime.date(2027, 11, 21)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),
        (datetime.date(2026, 12, 15), 3, datetime.date(2027, 3, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert services.add_months(day, months) == expected


def test_an_editor_may_not_edit_topics_or_plain_pages(editor_client, topic):
    assert editor_client.get(f"/admin/articles/topic/{topic.pk}/change/").status_code == 200  # view only
    response = editor_client.post(
        f"/admin/articles/topic/{topic.pk}/change/", {"title": "Renamed", "slug": topic.slug, "order": 1}
    )
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.title == "B12 and cancer"
