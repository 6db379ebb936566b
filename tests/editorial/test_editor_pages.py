"""What editors see: the roles, the markdown editor, reading levels, source checks."""

import pytest
from django.contrib.auth.models import Group, Permission, User

from articles.models import FAQ
from editorial.roles import EDITOR, REVIEWER, ensure_roles

from .helpers import article_form, change_url, version

pytestmark = pytest.mark.django_db


def powers(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_migrate_made_both_roles_with_the_right_powers(db):
    editor, reviewer = powers(EDITOR), powers(REVIEWER)
    assert {"add_article", "change_article", "change_faq", "change_page", "add_page"} <= editor
    assert not {"publish_article", "publish_faq", "publish_page", "change_topic"} & editor
    assert not any(code.startswith("delete_") for code in editor | reviewer)
    assert {"publish_article", "publish_faq", "publish_page", "change_topic"} <= reviewer


def test_the_roles_are_put_right_again_by_running_it_twice(db):
    group = Group.objects.get(name=EDITOR)
    group.permissions.add(Permission.objects.get(codename="publish_article"))
    ensure_roles()
    ensure_roles()
    assert "publish_article" not in powers(EDITOR)
    assert Group.objects.filter(name__in=[EDITOR, REVIEWER]).count() == 2


def test_the_old_preview_address_leads_staff_to_the_side_by_side_preview(editor_client, draft):
    response = editor_client.get(f"/articles/{draft.slug}/preview/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/article/{draft.pk}/preview/"


def test_the_public_gets_a_404_for_the_preview_and_the_unpublished_page(client, draft):
    assert client.get(f"/articles/{draft.slug}/preview/").status_code == 404
    assert client.get(f"/articles/{draft.slug}/").status_code == 404


def test_a_signed_in_non_staff_user_gets_a_404_for_the_old_preview_address(client, draft):
    client.force_login(User.objects.create_user("reader", password="x"))
    assert client.get(f"/articles/{draft.slug}/preview/").status_code == 404


def test_the_change_form_uses_the_markdown_editor_with_live_preview(editor_client, draft):
    html = editor_client.get(change_url(draft)).content.decode()
    assert 'class="markdownx"' in html
    assert 'data-markdownx-urls-path="/admin/editor/markdownify/"' in html
    assert 'data-markdownx-upload-urls-path="/admin/editor/upload/"' in html
    assert f'formaction="/admin/articles/article/{draft.pk}/preview/"' in html
    assert 'name="status"' not in html  # the workflow's buttons, never a raw status


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


@pytest.mark.parametrize(
    ("references", "message"),
    [
        ('["nice-ng239", "nice-ng293"]', "&#x27;nice-ng293&#x27; is not a source id in references.yaml."),
        ('[{"text": "NICE"}]', "must be a list of source ids from references.yaml"),
    ],
)
def test_the_article_form_checks_source_ids_as_the_sync_does(editor_client, draft, references, message):
    response = editor_client.post(change_url(draft), article_form(draft, references=references))
    assert response.status_code == 200
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.references == ["nice-ng239", "stabler-2013"]


def test_the_faq_form_checks_source_ids_too(editor_client, topic):
    faq = FAQ.objects.create(slug="a-question", question="A question?", topic=topic, answer="An answer.")
    data = {
        "question": faq.question,
        "slug": faq.slug,
        "topic": str(topic.pk),
        "order": "0",
        "answer": faq.answer,
        "references": '["no-such-source"]',
        "version": version(faq),
        "_move": "edit",
    }
    response = editor_client.post(f"/admin/articles/faq/{faq.pk}/change/", data)
    assert "&#x27;no-such-source&#x27; is not a source id" in response.content.decode()
    data["references"] = '["nice-ng239"]'
    assert editor_client.post(f"/admin/articles/faq/{faq.pk}/change/", data).status_code == 302
    faq.refresh_from_db()
    assert faq.references == ["nice-ng239"]


def test_the_form_refuses_a_summary_longer_than_the_files_allow(editor_client, draft):
    response = editor_client.post(change_url(draft), article_form(draft, summary="word " * 200))
    assert "at most 600 characters" in response.content.decode()


def test_the_list_says_where_each_item_stands_in_one_query(
    editor, editor_client, live, topic, django_assert_max_num_queries
):
    from articles import workflow
    from articles.models import Article

    workflow.apply(editor, live, "submit", fields={"title": "Pending"})
    for number in range(10):
        Article.objects.create(
            slug=f"more-{number}",
            title=f"More {number}",
            summary="S.",
            topic=topic,
            updated="2026-11-01",
            body="x",
        )
    editor_client.get("/admin/articles/article/")
    with django_assert_max_num_queries(12):
        listing = editor_client.get("/admin/articles/article/").content.decode()
    assert "Live, change awaiting review" in listing
    assert listing.count('class="field-standing">Draft<') == 10
