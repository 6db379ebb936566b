"""A live page stays live while its change is reviewed; approval is one transaction; every
clinical page carries its reviewer's sign-off."""

import datetime

import pytest
from django.utils import timezone

from articles import signoff, workflow
from articles.models import FAQ, Article, Page
from articles.revisions import Revision
from articles.states import ChangeState, Status
from pagecache.models import ContentVersion
from search.engine import search

from .helpers import article_form, change_url, errors

pytestmark = pytest.mark.django_db


def public(client, item):
    return client.get(item.get_absolute_url()).content.decode()


def test_an_editors_change_to_a_live_article_leaves_the_public_page_search_and_sitemap_as_they_were(
    client, editor_client, live
):
    response = editor_client.post(
        change_url(live), article_form(live, "submit", body=live.body + "\nA new line.\n")
    )
    assert response.status_code == 302
    row = Article.objects.get(pk=live.pk)
    assert row.status == Status.PUBLISHED
    assert "A new line." not in row.body
    assert workflow.open_change(row).state == ChangeState.IN_REVIEW
    assert client.get(live.get_absolute_url()).status_code == 200
    assert "A new line." not in public(client, live)
    assert [r.title for r in search("plain words")] == ["A draft"]
    assert live.get_absolute_url() in client.get("/sitemap.xml").content.decode()


def test_the_form_shows_the_pending_text_and_says_who_made_it(editor_client, reviewer_client, live):
    editor_client.post(change_url(live), article_form(live, "submit", title="A better title"))
    html = reviewer_client.get(change_url(live)).content.decode()
    assert 'value="A better title"' in html
    assert "Live, with changes awaiting review since" in html
    assert "submitted by Eddie Editor" in html


def test_approval_copies_the_change_onto_the_live_row_with_the_sign_off_index_and_version(
    editor, reviewer, live, settings
):
    settings.REVIEW_INTERVAL_MONTHS = 6
    workflow.apply(editor, live, "submit", fields={"title": "Quokkas and B12"})
    version = ContentVersion.current()[0]
    workflow.apply(reviewer, live, "publish")
    row = Article.objects.get(pk=live.pk)
    today = timezone.localdate()
    assert (row.title, row.status) == ("Quokkas and B12", Status.PUBLISHED)
    assert (row.last_reviewed, row.reviewed_by) == (today, "Rita Reviewer")
    assert row.next_review_due == signoff.add_months(today, 6)
    assert [r.title for r in search("quokkas")] == ["Quokkas and B12"]
    assert ContentVersion.current()[0] > version
    latest = row.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        reviewer,
        "Published, approved by Rita Reviewer",
    )
    assert Revision.objects.get().state == ChangeState.PUBLISHED


def test_approval_is_all_or_nothing(editor, reviewer, live, monkeypatch):
    from search import index

    workflow.apply(editor, live, "submit", fields={"title": "Never half done"})
    version = ContentVersion.current()[0]

    def broken(item):
        raise RuntimeError("the search index is full")

    monkeypatch.setattr(index, "update", broken)
    with pytest.raises(RuntimeError):
        workflow.apply(reviewer, live, "publish")
    row = Article.objects.get(pk=live.pk)
    assert (row.title, row.last_reviewed) == ("A draft", None)
    assert workflow.open_change(row).state == ChangeState.IN_REVIEW
    assert ContentVersion.current()[0] == version


def test_a_change_sent_back_carries_the_reason_to_the_editor_on_the_form_and_in_the_history(
    editor, editor_client, reviewer_client, live
):
    workflow.apply(editor, live, "submit", fields={"title": "Vague title"})
    refused = reviewer_client.post(change_url(live), article_form(live, "send_back"))
    assert "Say why you are sending it back" in errors(refused)
    assert workflow.open_change(live).state == ChangeState.IN_REVIEW
    reviewer_client.post(
        change_url(live), article_form(live, "send_back", note="Name the test in the title.")
    )
    assert workflow.open_change(live).state == ChangeState.CHANGES_REQUESTED
    form = editor_client.get(change_url(live)).content.decode()
    assert "Sent back by Rita Reviewer" in form and "Name the test in the title." in form
    history = editor_client.get(f"/admin/articles/article/{live.pk}/history/").content.decode()
    assert "Reason: Name the test in the title." in history
    editor_client.post(change_url(live), article_form(live, "submit", title="The B12 blood test"))
    change = workflow.open_change(live)
    assert (change.state, change.data["title"]) == (ChangeState.IN_REVIEW, "The B12 blood test")
    assert Article.objects.get(pk=live.pk).title == "A draft"


def test_editing_an_approved_change_withdraws_the_approval(editor, reviewer, live):
    workflow.apply(editor, live, "submit", fields={"title": "Approved text"})
    workflow.apply(reviewer, live, "schedule", go_live_at=timezone.now() + datetime.timedelta(days=1))
    outcome = workflow.apply(editor, live, "edit", fields={"title": "Changed after approval"})
    assert outcome.change.state == ChangeState.DRAFT
    assert outcome.change.go_live_at is None


def test_a_discarded_change_leaves_the_live_page_and_stays_in_the_history(editor, live):
    workflow.apply(editor, live, "edit", fields={"title": "A thought"})
    workflow.apply(editor, live, "discard")
    assert workflow.open_change(live) is None
    assert Revision.history.filter(data__title="A thought").exists()
    assert Article.objects.get(pk=live.pk).title == "A draft"


def test_a_never_published_item_is_edited_in_place_and_moves_through_the_same_states(editor, reviewer, draft):
    workflow.apply(editor, draft, "edit", fields={"title": "Drafted"})
    assert Article.objects.get(pk=draft.pk).title == "Drafted"
    workflow.apply(editor, draft, "submit")
    assert workflow.open_change(draft).state == ChangeState.IN_REVIEW
    workflow.apply(reviewer, draft, "send_back", note="Shorter, please.")
    workflow.apply(editor, draft, "submit", fields={"title": "Short"})
    workflow.apply(reviewer, draft, "publish")
    row = Article.objects.get(pk=draft.pk)
    assert (row.title, row.status, row.reviewed_by) == ("Short", Status.PUBLISHED, "Rita Reviewer")


def test_taking_down_and_putting_back(client, reviewer, live):
    workflow.apply(reviewer, live, "take_down")
    assert client.get(live.get_absolute_url()).status_code == 404
    workflow.apply(reviewer, live, "put_back")
    assert client.get(live.get_absolute_url()).status_code == 200


def test_the_review_fields_cannot_be_typed_in(editor_client, draft):
    data = article_form(
        draft, reviewed_by="Dr Nobody", last_reviewed="2026-01-01", next_review_due="2027-01-01"
    )
    editor_client.post(change_url(draft), data)
    draft.refresh_from_db()
    assert (draft.reviewed_by, draft.last_reviewed) == ("", None)


def test_a_reviewer_without_a_full_name_is_shown_by_username(roles, draft):
    from .conftest import make_user

    workflow.apply(make_user("drwho", "Clinical reviewer"), draft, "publish")
    assert Article.objects.get(pk=draft.pk).reviewed_by == "drwho"


def test_the_reviewer_is_warned_when_the_live_page_moved_on_since_the_change_began(
    editor, reviewer_client, live
):
    workflow.apply(editor, live, "submit", fields={"title": "Editor's title"})
    workflow.apply(
        workflow.SYNC, Article.objects.get(pk=live.pk), "load", fields={"summary": "From the file."}
    )
    html = reviewer_client.get(change_url(live)).content.decode()
    assert "The live page has changed since this change was started." in html


def test_an_address_taken_since_the_change_began_is_refused_at_approval(editor, reviewer, live, topic):
    workflow.apply(editor, live, "submit", fields={"slug": "taken"})
    Article.objects.create(
        slug="taken", title="Other", summary="S.", topic=topic, updated="2026-11-01", body="x"
    )
    with pytest.raises(workflow.Refused, match="already has the address"):
        workflow.apply(reviewer, live, "publish")
    assert Article.objects.get(pk=live.pk).slug == "a-draft"


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
    assert signoff.add_months(day, months) == expected


# -- sign-off on every clinical page -------------------------------------------------------------------


def test_the_public_article_shows_the_reviewers_sign_off(client, reviewer, draft, clock):
    clock.now = timezone.make_aware(datetime.datetime(2026, 11, 21, 10, 0))
    workflow.apply(reviewer, draft, "publish")
    html = public(client, draft)
    assert 'Last reviewed: <time datetime="2026-11-21">21 November 2026</time> by Rita Reviewer' in html
    assert "21 November 2027" in html


def test_an_answer_and_a_page_show_their_sign_off_or_say_they_have_none(client, reviewer, faq, page):
    workflow.apply(reviewer, faq, "publish")
    workflow.apply(workflow.SYNC, page, "publish")
    answers = client.get("/faq/").content.decode()
    assert "Last reviewed:" in answers and "by Rita Reviewer" in answers
    assert "This page has not yet been signed off by a clinical reviewer." in public(client, page)
    workflow.apply(reviewer, Page.objects.get(pk=page.pk), "edit", fields={"title": "About us, reviewed"})
    workflow.apply(reviewer, Page.objects.get(pk=page.pk), "publish")
    assert "by Rita Reviewer" in public(client, Page.objects.get(pk=page.pk))
    assert FAQ.objects.get(pk=faq.pk).next_review_due is not None


def test_a_draft_page_is_not_public(client, page):
    assert client.get(page.get_absolute_url()).status_code == 404
    assert page.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
