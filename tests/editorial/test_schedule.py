"""Scheduled go-live and take-down, on a frozen clock: `manage.py publish_scheduled`."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from articles import workflow
from articles.models import Article
from articles.states import ChangeState, Status
from pagecache.models import ContentVersion

from .helpers import article_form, change_url, errors

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def run():
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


def local(moment):
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_an_approved_change_goes_live_at_its_time_and_not_before(client, clock, editor, reviewer, live):
    workflow.apply(editor, live, "submit", fields={"title": "Live at nine"})
    workflow.apply(reviewer, live, "schedule", go_live_at=clock.now + HOUR)
    clock.advance(minutes=59)
    assert run() == "Nothing was due.\n"
    assert Article.objects.get(pk=live.pk).title == "A draft"
    version = ContentVersion.current()[0]
    clock.advance(minutes=1)
    assert "Published article “Live at nine”" in run()
    row = Article.objects.get(pk=live.pk)
    assert row.title == "Live at nine"
    # The approver's sign-off, on the day they approved it.
    assert (row.reviewed_by, row.last_reviewed) == ("Rita Reviewer", (clock.now - HOUR).date())
    assert ContentVersion.current()[0] > version
    assert "Live at nine" in client.get(live.get_absolute_url()).content.decode()


def test_running_it_again_changes_nothing(clock, editor, reviewer, live):
    workflow.apply(editor, live, "submit", fields={"title": "Once"})
    workflow.apply(reviewer, live, "schedule", go_live_at=clock.now + HOUR)
    clock.advance(hours=2)
    run()
    history = Article.objects.get(pk=live.pk).history.count()
    version = ContentVersion.current()[0]
    assert run() == "Nothing was due.\n"
    assert Article.objects.get(pk=live.pk).history.count() == history
    assert ContentVersion.current()[0] == version


def test_a_page_comes_down_at_its_take_down_time(client, clock, editor, reviewer, live):
    workflow.apply(editor, live, "submit", fields={"title": "For a week"})
    workflow.apply(reviewer, live, "publish", take_down_at=clock.now + 7 * 24 * HOUR)
    clock.advance(days=6)
    run()
    assert client.get(live.get_absolute_url()).status_code == 200
    clock.advance(days=1)
    assert "Took down article “For a week”" in run()
    row = Article.objects.get(pk=live.pk)
    assert (row.status, row.take_down_at) == (Status.ARCHIVED, None)
    assert client.get(live.get_absolute_url()).status_code == 404


def test_a_reviewer_schedules_a_take_down_from_the_form(clock, reviewer_client, live):
    down = clock.now + 2 * HOUR
    reviewer_client.post(change_url(live), article_form(live, "take_down", take_down_at=local(down)))
    row = Article.objects.get(pk=live.pk)
    assert (row.status, row.take_down_at) == (Status.PUBLISHED, down)
    clock.advance(hours=2)
    run()
    assert Article.objects.get(pk=live.pk).status == Status.ARCHIVED


def test_a_reviewer_schedules_from_the_form_with_a_go_live_and_take_down_time(
    clock, editor, reviewer_client, live
):
    workflow.apply(editor, live, "submit", fields={"title": "Scheduled"})
    up, down = clock.now + HOUR, clock.now + 3 * HOUR
    response = reviewer_client.post(
        change_url(live), article_form(live, "schedule", go_live_at=local(up), take_down_at=local(down))
    )
    assert response.status_code == 302, errors(response)
    change = workflow.open_change(live)
    assert (change.state, change.go_live_at, change.take_down_at) == (ChangeState.APPROVED, up, down)
    assert "it goes live at" in reviewer_client.get(change_url(live)).content.decode()
    clock.advance(hours=1)
    run()
    assert Article.objects.get(pk=live.pk).take_down_at == down
    clock.advance(hours=2)
    run()
    assert Article.objects.get(pk=live.pk).status == Status.ARCHIVED


@pytest.mark.parametrize(
    ("go_live", "take_down", "message"),
    [
        (None, None, "Choose a go-live time in the future"),
        (-HOUR, None, "Choose a go-live time in the future"),
        (HOUR, HOUR, "must come after the go-live time"),
        (2 * HOUR, -HOUR, "The take-down time has passed"),
    ],
)
def test_a_schedule_that_cannot_work_is_refused_with_a_sentence(
    clock, editor, reviewer_client, live, go_live, take_down, message
):
    workflow.apply(editor, live, "submit", fields={"title": "Scheduled"})
    data = article_form(live, "schedule")
    if go_live is not None:
        data["go_live_at"] = local(clock.now + go_live)
    if take_down is not None:
        data["take_down_at"] = local(clock.now + take_down)
    response = reviewer_client.post(change_url(live), data)
    assert response.status_code == 200
    assert message in errors(response)
    assert workflow.open_change(live).state == ChangeState.IN_REVIEW


@pytest.mark.parametrize("field", ["go_live_at", "take_down_at"])
def test_a_time_that_is_not_a_time_is_named_beside_its_field(clock, editor, reviewer_client, live, field):
    workflow.apply(editor, live, "submit", fields={"title": "Scheduled"})
    data = article_form(live, "schedule", go_live_at=local(clock.now + 2 * HOUR))
    data[field] = "31 February, teatime"
    response = reviewer_client.post(change_url(live), data)
    assert response.status_code == 200
    assert "Enter a valid date/time." in errors(response)
    assert workflow.open_change(live).state == ChangeState.IN_REVIEW


def test_an_approval_withdrawn_before_its_time_never_goes_live(clock, editor, reviewer, live):
    workflow.apply(editor, live, "submit", fields={"title": "Withdrawn"})
    workflow.apply(reviewer, live, "schedule", go_live_at=clock.now + HOUR)
    workflow.apply(reviewer, live, "unschedule")
    clock.advance(hours=2)
    assert run() == "Nothing was due.\n"
    assert Article.objects.get(pk=live.pk).title == "A draft"


def test_a_never_published_draft_goes_live_at_its_time(clock, editor, reviewer, draft):
    workflow.apply(editor, draft, "submit")
    workflow.apply(reviewer, draft, "schedule", go_live_at=clock.now + HOUR)
    clock.advance(hours=1)
    run()
    assert Article.objects.get(pk=draft.pk).status == Status.PUBLISHED
