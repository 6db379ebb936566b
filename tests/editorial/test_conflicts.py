"""Two people editing the same item: the second save is stopped, and nothing is lost."""

import pytest

from articles import workflow
from articles.models import Article
from articles.revisions import Revision

from .conftest import client_for
from .helpers import article_form, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_client(second_editor):
    return client_for(second_editor)


def pending_body(article):
    return workflow.open_change(article).data["body"]


def test_the_second_save_is_refused_and_their_text_comes_back(editor_client, second_client, live):
    # Both open the live article.
    eddie_opened = article_form(live)
    erin_opened = article_form(live)
    # Eddie saves first: a change beside the live page.
    response = editor_client.post(change_url(live), {**eddie_opened, "body": "Eddie's version.\n"})
    assert response.status_code == 302
    # Erin saves from the page she opened before Eddie's save.
    response = second_client.post(change_url(live), {**erin_opened, "body": "Erin's careful rewrite.\n"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "changed since you opened it" in html
    assert "eddie saved it" in html
    assert "Erin&#x27;s careful rewrite." in html  # her text, back in the form
    assert pending_body(live) == "Eddie's version.\n"  # his save stands


def test_saving_again_after_the_warning_replaces_the_other_version_which_stays_in_the_history(
    editor_client, second_client, live
):
    erin_opened = article_form(live)
    editor_client.post(change_url(live), article_form(live, body="Eddie's version.\n"))
    refused = second_client.post(change_url(live), {**erin_opened, "body": "Erin's version.\n"})
    # The redisplayed form carries the current version, so saving it again is deliberate.
    version = refused.context["adminform"].form["version"].value()
    response = second_client.post(
        change_url(live), {**erin_opened, "body": "Erin's version.\n", "version": version}
    )
    assert response.status_code == 302
    assert pending_body(live) == "Erin's version.\n"
    assert "Eddie's version.\n" in [record.data["body"] for record in Revision.history.all()]


def test_a_decision_made_since_opening_counts_as_a_change(editor, editor_client, reviewer, live):
    workflow.apply(editor, live, "submit", fields={"title": "For review"})
    opened = article_form(live)
    workflow.apply(reviewer, live, "send_back", note="Not yet.")
    response = editor_client.post(change_url(live), {**opened, "body": "Mine.\n"})
    assert "changed since you opened it: rita saved it" in response.content.decode()
    assert pending_body(live) != "Mine.\n"


def test_an_approval_since_opening_counts_as_a_change(editor, editor_client, reviewer, live):
    workflow.apply(editor, live, "submit", fields={"title": "For review"})
    opened = article_form(live)
    workflow.apply(reviewer, live, "publish")
    response = editor_client.post(change_url(live), {**opened, "body": "Mine.\n"})
    assert "changed since you opened it" in response.content.decode()
    assert workflow.open_change(live) is None


def test_a_save_with_no_one_else_editing_goes_through(editor_client, draft):
    response = editor_client.post(change_url(draft), article_form(draft, body="Just me.\n"))
    assert response.status_code == 302
    assert Article.objects.get(pk=draft.pk).body == "Just me.\n"


def test_a_sync_since_opening_a_draft_counts_as_a_change(editor_client, draft):
    opened = article_form(draft)
    workflow.apply(workflow.SYNC, draft, "edit", fields={"title": "Changed by the content sync"})
    response = editor_client.post(change_url(draft), {**opened, "body": "Mine.\n"})
    assert "changed since you opened it: the content sync saved it" in response.content.decode()
    assert Article.objects.get(pk=draft.pk).body != "Mine.\n"


def test_a_missing_version_is_treated_as_a_conflict_not_a_free_pass(editor_client, draft):
    data = article_form(draft, body="No version sent.\n")
    del data["version"]
    response = editor_client.post(change_url(draft), data)
    assert "changed since you opened it" in response.content.decode()


def test_the_workflow_refuses_a_stale_version_whoever_calls_it(editor, live):
    stale = workflow.version_of(live, None)
    workflow.apply(editor, live, "edit", fields={"title": "First"})
    with pytest.raises(workflow.Refused, match="changed since you opened it"):
        workflow.apply(editor, live, "edit", fields={"title": "Second"}, version=stale)
