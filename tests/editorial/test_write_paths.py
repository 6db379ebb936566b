"""Every way to write content from the admin, for every role and every model an editor can open.

The change form, the add form, a restore from the history, the list actions and hand-made
POSTs all pass the one check in editorial.services.check_save. Editors write articles and
FAQs (never publishing them); they only read pages and topics, which go live when saved.
Clinical reviewers and superusers write everything.
"""

import html
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.test import Client

from articles.models import FAQ, Article, Page, Topic
from editorial import services

from .conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

ROLES = ["editor", "reviewer", "superuser"]
MODELS = ["article", "faq", "page", "topic"]
# The field each test changes, and what may be written by whom.
TEXT = {"article": "title", "faq": "question", "page": "title", "topic": "title"}
WRITERS = {
    "editor": {"article", "faq"},
    "reviewer": set(MODELS),
    "superuser": set(MODELS),
}


@pytest.fixture
def clients(editor, reviewer):
    admin = User.objects.create_superuser("ada", password=PASSWORD)
    return {
        "editor": client_for(Client, editor),
        "reviewer": client_for(Client, reviewer),
        "superuser": client_for(Client, admin),
    }


@pytest.fixture
def items(topic, draft):
    return {
        "article": draft,
        "faq": FAQ.objects.create(
            slug="a-question", question="A question?", topic=topic, answer="An answer.\n"
        ),
        "page": Page.objects.create(
            slug="about-us", title="About us", updated="2026-11-01", body="## Who we are\n\nWords.\n"
        ),
        "topic": topic,
    }


def form_fields(client, url):
    """What the admin form at `url` submits as it stands (read as someone who may edit it)."""
    page = client.get(url).content.decode()
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if name and not (kind and kind.group(1) in ("submit", "checkbox", "radio", "file")):
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        fields[name] = html.unescape(value.removeprefix("\n"))
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        if selected:
            fields[name] = selected.group(1)
    return {k: v for k, v in fields.items() if not k.startswith("initial-") and k != "csrfmiddlewaretoken"}


def text_of(item, model):
    item.refresh_from_db()
    return getattr(item, TEXT[model])


def may_write(role, model):
    return model in WRITERS[role]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_the_change_form(clients, items, role, model):
    item = items[model]
    url = f"/admin/articles/{model}/{item.pk}/change/"
    data = {**form_fields(clients["superuser"], url), TEXT[model]: "Changed in the form", "_save": "Save"}
    response = clients[role].post(url, data)
    if may_write(role, model):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert text_of(item, model) == "Changed in the form"
    else:
        assert response.status_code == 403
        assert text_of(item, model) != "Changed in the form"


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_a_restore_from_the_history(clients, items, role, model):
    item = items[model]
    original = text_of(item, model)
    first = item.history.earliest()
    setattr(item, TEXT[model], "A later version")
    item.save()
    url = f"/admin/articles/{model}/{item.pk}/history/{first.history_id}/"
    data = {**form_fields(clients["superuser"], url), "_save": "Save"}
    response = clients[role].post(url, data)
    if may_write(role, model):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert text_of(item, model) == original
    else:
        assert response.status_code == 403
        assert text_of(item, model) == "A later version"


def test_a_reader_may_still_open_an_old_version(clients, items):
    page = items["page"]
    record = page.history.earliest()
    response = clients["editor"].get(f"/admin/articles/page/{page.pk}/history/{record.history_id}/")
    assert response.status_code == 200


ADDITIONS = {
    "article": lambda topic: {
        "title": "Added",
        "slug": "added",
        "summary": "One sentence.",
        "topic": topic.pk,
        "order": 0,
        "updated": "2026-11-01",
        "body": "Text.",
        "references": "[]",
        "related": "[]",
        "status": "draft",
    },
    "faq": lambda topic: {
        "question": "Added?",
        "slug": "added",
        "topic": topic.pk,
        "order": 0,
        "answer": "Yes.",
        "status": "draft",
    },
    "page": lambda topic: {
        "title": "Added",
        "slug": "added",
        "summary": "",
        "updated": "2026-11-01",
        "body": "Text.",
    },
    "topic": lambda topic: {"title": "Added", "slug": "added", "description": "", "order": 5},
}
MODEL_CLASSES = {"article": Article, "faq": FAQ, "page": Page, "topic": Topic}


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_the_add_form(clients, topic, role, model):
    response = clients[role].post(
        f"/admin/articles/{model}/add/", {**ADDITIONS[model](topic), "_save": "Save"}
    )
    added = MODEL_CLASSES[model].objects.filter(slug="added").exists()
    if may_write(role, model):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert added
    else:
        assert response.status_code == 403
        assert not added


@pytest.mark.parametrize("model", ["article", "faq"])
@pytest.mark.parametrize("role", ROLES)
def test_the_list_actions(clients, items, role, model):
    item = items[model]
    changelist = f"/admin/articles/{model}/"
    clients[role].post(changelist, {"action": "publish_selected", ACTION_CHECKBOX_NAME: [item.pk]})
    item.refresh_from_db()
    assert item.status == ("draft" if role == "editor" else "published")
    if role == "editor":
        clients[role].post(
            changelist, {"action": "submit_selected_for_review", ACTION_CHECKBOX_NAME: [item.pk]}
        )
        item.refresh_from_db()
        assert item.status == "in_review"


@pytest.mark.parametrize("model", ["page", "topic"])
def test_a_crafted_action_on_pages_and_topics_changes_nothing(clients, items, model):
    item = items[model]
    before = text_of(item, model)
    for action in ("publish_selected", "submit_selected_for_review", "delete_selected"):
        clients["editor"].post(
            f"/admin/articles/{model}/", {"action": action, ACTION_CHECKBOX_NAME: [item.pk]}
        )
    assert MODEL_CLASSES[model].objects.filter(pk=item.pk).exists()
    assert text_of(item, model) == before


@pytest.fixture
def checks(monkeypatch):
    """Records every call of the one write check, and still makes it."""
    calls = []
    real = services.check_save

    def recording(user, before, after):
        calls.append(type(after).__name__)
        return real(user, before, after)

    monkeypatch.setattr(services, "check_save", recording)
    return calls


def test_every_write_path_goes_through_the_one_check(clients, items, checks):
    reviewer = clients["reviewer"]
    page, article, faq = items["page"], items["article"], items["faq"]
    url = f"/admin/articles/page/{page.pk}/change/"
    reviewer.post(url, {**form_fields(reviewer, url), "_save": "Save"})
    record = page.history.earliest()
    url = f"/admin/articles/page/{page.pk}/history/{record.history_id}/"
    reviewer.post(url, {**form_fields(reviewer, url), "_save": "Save"})
    reviewer.post(
        "/admin/articles/article/", {"action": "publish_selected", ACTION_CHECKBOX_NAME: [article.pk]}
    )
    reviewer.post(
        "/admin/articles/faq/", {"action": "submit_selected_for_review", ACTION_CHECKBOX_NAME: [faq.pk]}
    )
    # The form checks once to show a refusal beside the field, save_model once as the backstop.
    assert checks == ["Page", "Page", "Page", "Page", "Article", "FAQ"]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/articles/article/abc/history/1/changes/",
        "/admin/articles/article/{pk}/history/abc/",
        "/admin/articles/article/abc/history/abc/",
        "/admin/articles/article/abc/history/",
        "/admin/articles/page/abc/history/1/",
        "/admin/articles/topic/1x/history/",
    ],
)
def test_an_admin_address_with_an_id_no_object_can_have_is_a_404(clients, items, path):
    clients["editor"].raise_request_exception = False
    response = clients["editor"].get(path.format(pk=items["article"].pk))
    assert response.status_code == 404
