"""Two people editing the same article: the second save is stopped, and nothing is lost."""

import pytest

from articles.models import Article

from .helpers import article_form, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_client(second_editor):
    from django.test import Client

    client = Client()
    client.force_login(second_editor)
    return client


def test_the_second_save_is_refused_and_their_text_comes_back(editor_client, second_client, draft):
    # Both open the article.
    eddie_opened = article_form(draft)
    erin_opened = article_form(draft)
    # Eddie saves first.
    response = editor_client.post(change_url(draft), {**eddie_opened, "body": "Eddie's version.\n"})
    assert response.status_code == 302
    # Erin saves from the page she opened before Eddie's save.
    response = second_client.post(change_url(draft), {**erin_opened, "body": "Erin's careful rewrite.\n"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "changed since you opened it" in html
    assert "eddie saved it" in html
    assert "Erin&#x27;s careful rewrite." in html  # her text, back in the form
    assert Article.objects.get(pk=draft.pk).body == "Eddie's version.\n"  # his save stands


def test_saving_again_after_the_warning_replaces_the_other_version_which_stays_in_the_history(
    editor_client, second_client, draft
):
    erin_opened = article_form(draft)
    editor_client.post(change_url(draft), article_form(draft, body="Eddie's version.\n"))
    refused = second_client.post(change_url(draft), {**erin_opened, "body": "Erin's version.\n"})
    # The redisplayed form carries the current version, so saving it again is deliberate.
    version = refused.context["adminform"].form["version"].value()
    response = second_client.post(
        change_url(draft), {**erin_opened, "body": "Erin's version.\n", "version": version}
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=draft.pk).body == "Erin's version.\n"
    assert "Eddie's version.\n" in [record.body for record in draft.history.all()]


def test_a_save_with_no_one_else_editing_goes_through(editor_client, draft):
    response = editor_client.post(change_url(draft), article_form(draft, body="Just me.\n"))
    assert response.status_code == 302


def test_a_sync_since_opening_counts_as_a_change(editor_client, draft):
    opened = article_form(draft)
    draft.title = "Changed by the content sync"
    draft.save()
    response = editor_client.post(change_url(draft), {**opened, "body": "Mine.\n"})
    assert "changed since you opened it" in response.content.decode()
    assert Article.objects.get(pk=draft.pk).body != "Mine.\n"


def test_a_missing_version_is_treated_as_a_conflict_not_a_free_pass(editor_client, draft):
    data = article_form(draft, body="No version sent.\n")
    del data["version"]
    response = editor_client.post(change_url(draft), data)
    assert "changed since you opened it" in response.content.decode()
