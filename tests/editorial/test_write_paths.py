"""Every way to write content, for every role and every model an editor can open.

The change form and its buttons, the add form, a restore from the history, the list actions,
hand-made POSTs to any of them, `publish_scheduled` and the content sync all pass through
the one function, articles.workflow.apply. Editors write articles, FAQs and pages: a change
to a live one waits beside it, and only a clinical reviewer puts it in front of the public.
Editors only read topics. Clinical reviewers and superusers write everything.
"""

import datetime
from io import StringIO

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.utils import timezone

from articles import workflow
from articles.models import FAQ, Article, Page, Topic
from articles.states import ChangeState, Status

from .conftest import client_for
from .helpers import change_url, errors, form_fields
from .test_transitions import MOVES as MOVES_BY_NAME
from .test_transitions import arrange, expected, snapshot

pytestmark = pytest.mark.django_db

ROLES = ["editor", "reviewer", "superuser"]
MODELS = ["article", "faq", "page", "topic"]
CLINICAL = ["article", "faq", "page"]
TEXT = {"article": "title", "faq": "question", "page": "title", "topic": "title"}
WRITERS = {"editor": set(CLINICAL), "reviewer": set(MODELS), "superuser": set(MODELS)}
PUBLISHERS = {"reviewer", "superuser"}
MODEL_CLASSES = {"article": Article, "faq": FAQ, "page": Page, "topic": Topic}


@pytest.fixture
def clients(editor, reviewer, superuser):
    return {
        "editor": client_for(editor),
        "reviewer": client_for(reviewer),
        "superuser": client_for(superuser),
    }


@pytest.fixture
def items(live, faq, page, topic):
    """A live article, FAQ and page (published by the sync), and a topic."""
    for item in (faq, page):
        workflow.apply(workflow.SYNC, item, "publish")
    return {
        "article": live,
        "faq": FAQ.objects.get(pk=faq.pk),
        "page": Page.objects.get(pk=page.pk),
        "topic": topic,
    }


def live_text(item, model):
    return getattr(MODEL_CLASSES[model].objects.get(pk=item.pk), TEXT[model])


def pending_text(item, model):
    change = workflow.open_change(MODEL_CLASSES[model].objects.get(pk=item.pk))
    return change.data[TEXT[model]] if change else None


def may_write(role, model):
    return model in WRITERS[role]


# -- the change form ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_the_change_form_saves_a_pending_change_or_nothing(clients, items, role, model):
    item = items[model]
    url = change_url(item)
    original = live_text(item, model)
    data = {**form_fields(clients["superuser"], url), TEXT[model]: "Changed in the form", "_move": "edit"}
    response = clients[role].post(url, data)
    if not may_write(role, model):
        assert response.status_code == 403
        assert live_text(item, model) == original
    elif model == "topic":
        assert response.status_code == 302, errors(response)
        assert live_text(item, model) == "Changed in the form"
    else:
        # The public keeps the live text; the change waits beside it.
        assert response.status_code == 302, errors(response)
        assert live_text(item, model) == original
        assert pending_text(item, model) == "Changed in the form"


@pytest.mark.parametrize("model", CLINICAL)
@pytest.mark.parametrize("role", ROLES)
def test_publishing_from_the_change_form_is_for_reviewers_only(clients, items, role, model):
    item = items[model]
    url = change_url(item)
    data = {
        **form_fields(clients["superuser"], url),
        TEXT[model]: "Published from the form",
        "_move": "publish",
    }
    response = clients[role].post(url, data)
    if role in PUBLISHERS:
        assert response.status_code == 302, errors(response)
        assert live_text(item, model) == "Published from the form"
        assert pending_text(item, model) is None
    else:
        # The form again, with the editor's text and the reason; nothing saved, nothing published.
        assert response.status_code == 200
        assert "Only a clinical reviewer" in errors(response)
        assert "Published from the form" in response.content.decode()
        assert live_text(item, model) != "Published from the form"
        assert pending_text(item, model) is None


@pytest.mark.parametrize(
    "move", ["take_down", "schedule", "send_back", "unschedule", "load", "reopen", "promote"]
)
def test_a_hand_made_post_of_any_other_move_by_an_editor_changes_nothing(clients, items, move):
    article = items["article"]
    data = {**form_fields(clients["superuser"], change_url(article)), "_move": move, "note": "x"}
    data["go_live_at"] = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = clients["editor"].post(change_url(article), data)
    assert response.status_code == 200
    assert errors(response)
    row = Article.objects.get(pk=article.pk)
    assert row.status == Status.PUBLISHED
    assert workflow.open_change(row) is None


def test_a_status_field_in_a_hand_made_post_is_ignored(clients, items):
    article = items["article"]
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    data = {**form_fields(clients["superuser"], change_url(article)), "status": "published", "_move": "edit"}
    clients["editor"].post(change_url(article), data)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


# -- the add form ---------------------------------------------------------------------------------

ADDITIONS = {
    "article": lambda topic: {
        "title": "Added",
        "slug": "added",
        "summary": "One sentence.",
        "topic": topic.pk,
        "order": 0,
        "updated": "2026-11-01",
        "body": "## What it is\n\nWords.\n\n## When to get help\n\n!!! emergency-box\n",
        "references": '["nice-ng239"]',
        "related": "[]",
    },
    "faq": lambda topic: {
        "question": "Added?",
        "slug": "added",
        "topic": topic.pk,
        "order": 0,
        "answer": "Yes.",
        "references": '["nice-ng239"]',
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


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_the_add_form_makes_a_draft(clients, topic, role, model):
    response = clients[role].post(
        f"/admin/articles/{model}/add/", {**ADDITIONS[model](topic), "_move": "add"}
    )
    added = MODEL_CLASSES[model].objects.filter(slug="added").first()
    if not may_write(role, model):
        assert response.status_code == 403
        assert added is None
        return
    assert response.status_code == 302, errors(response)
    if model != "topic":
        assert added.status == Status.DRAFT


@pytest.mark.parametrize("model", CLINICAL)
@pytest.mark.parametrize("role", ROLES)
def test_adding_and_publishing_at_once_is_for_reviewers_only(clients, topic, role, model):
    response = clients[role].post(
        f"/admin/articles/{model}/add/", {**ADDITIONS[model](topic), "_move": "publish"}
    )
    added = MODEL_CLASSES[model].objects.filter(slug="added").first()
    if role in PUBLISHERS:
        assert response.status_code == 302, errors(response)
        assert added.status == Status.PUBLISHED
        assert added.reviewed_by
    else:
        assert response.status_code == 200
        assert "Only a clinical reviewer" in errors(response)
        assert added is None


# -- a restore from the history ---------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_a_restore_from_the_history_goes_through_the_workflow(clients, items, role, model):
    item = items[model]
    original = live_text(item, model)
    first = item.history.earliest()
    # A later live version, published by the sync.
    fields = {TEXT[model]: "A later version"}
    workflow.apply(workflow.SYNC, MODEL_CLASSES[model].objects.get(pk=item.pk), "load", fields=fields)
    url = f"/admin/articles/{model}/{item.pk}/history/{first.history_id}/"
    form = form_fields(clients["superuser"], f"{change_url(item)}?restore=page-{first.history_id}")
    response = clients[role].post(url, {**form, "_move": "edit"})
    if not may_write(role, model):
        assert response.status_code == 403
        assert live_text(item, model) == "A later version"
    elif model == "topic":
        assert response.status_code == 302
        assert live_text(item, model) == original
    else:
        assert response.status_code == 302
        assert live_text(item, model) == "A later version"
        assert pending_text(item, model) == original


def test_opening_an_old_version_shows_it_in_the_change_form(clients, items):
    page = items["page"]
    record = page.history.earliest()
    response = clients["editor"].get(
        f"/admin/articles/page/{page.pk}/history/{record.history_id}/", follow=True
    )
    assert response.status_code == 200
    assert "This form holds the version saved" in response.content.decode()


# -- list actions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("model", CLINICAL)
@pytest.mark.parametrize("role", ROLES)
def test_the_list_actions(clients, items, role, model):
    item = items[model]
    changelist = f"/admin/articles/{model}/"
    workflow.apply(workflow.SYNC, item, "submit", fields={TEXT[model]: "Waiting for review"})
    clients[role].post(changelist, {"action": "publish_selected", ACTION_CHECKBOX_NAME: [item.pk]})
    if role in PUBLISHERS:
        assert live_text(item, model) == "Waiting for review"
    else:
        assert live_text(item, model) != "Waiting for review"
        assert workflow.open_change(item).state == ChangeState.IN_REVIEW
    clients[role].post(changelist, {"action": "take_down_selected", ACTION_CHECKBOX_NAME: [item.pk]})
    expected = Status.ARCHIVED if role in PUBLISHERS else Status.PUBLISHED
    assert MODEL_CLASSES[model].objects.get(pk=item.pk).status == expected


def test_submitting_from_the_list_sends_drafts_and_says_why_not_the_others(clients, items, topic):
    new = Article.objects.create(
        slug="new", title="New", summary="S.", topic=topic, updated="2026-11-01", body="x"
    )
    live = items["article"]
    response = clients["editor"].post(
        "/admin/articles/article/",
        {"action": "submit_selected", ACTION_CHECKBOX_NAME: [new.pk, live.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 sent for review." in html
    assert "is not possible now: it is live, with no change waiting." in html
    assert workflow.open_change(new).state == ChangeState.IN_REVIEW


@pytest.mark.parametrize("model", ["page", "topic"])
def test_a_crafted_action_an_editor_is_not_offered_changes_nothing(clients, items, model):
    item = items[model]
    before = live_text(item, model)
    for action in ("publish_selected", "take_down_selected", "delete_selected"):
        response = clients["editor"].post(
            f"/admin/articles/{model}/", {"action": action, ACTION_CHECKBOX_NAME: [item.pk]}, follow=True
        )
        assert response.status_code in (200, 403)
    row = MODEL_CLASSES[model].objects.get(pk=item.pk)
    assert live_text(item, model) == before
    assert getattr(row, "status", Status.PUBLISHED) == Status.PUBLISHED


@pytest.mark.parametrize(
    ("action", "sentence"),
    [
        (
            "publish_selected",
            "Only a clinical reviewer can “approve and publish now”. Submit it for review instead.",
        ),
        ("take_down_selected", "Only a clinical reviewer can “take down”."),
        ("delete_selected", "“delete_selected” is not something you can do to articles."),
    ],
)
def test_a_crafted_action_an_editor_is_not_offered_is_refused_with_a_sentence(
    clients, items, action, sentence
):
    item = items["article"]
    response = clients["editor"].post(
        "/admin/articles/article/",
        {"action": action, "index": "0", ACTION_CHECKBOX_NAME: [item.pk]},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [sentence]
    assert Article.objects.get(pk=item.pk).status == Status.PUBLISHED


# -- one function for every path ------------------------------------------------------------------


@pytest.fixture
def applied(monkeypatch):
    """Records every call of the one workflow function, and still makes it."""
    calls = []
    real = workflow.apply

    def recording(actor, item, move, **kwargs):
        calls.append((type(item).__name__, move, str(actor)))
        return real(actor, item, move, **kwargs)

    monkeypatch.setattr(workflow, "apply", recording)
    return calls


def test_every_write_path_goes_through_the_one_function(
    clients, items, applied, content_copy, reviewer, clock
):
    client = clients["reviewer"]
    page, article, faq, topic = items["page"], items["article"], items["faq"], items["topic"]
    url = change_url(page)
    client.post(url, {**form_fields(client, url), "title": "New title", "_move": "edit"})
    record = page.history.earliest()
    restore = form_fields(client, f"{url}?restore=page-{record.history_id}")
    client.post(f"/admin/articles/page/{page.pk}/history/{record.history_id}/", {**restore, "_move": "edit"})
    client.post(
        "/admin/articles/article/", {"action": "take_down_selected", ACTION_CHECKBOX_NAME: [article.pk]}
    )
    client.post("/admin/articles/faq/add/", {**ADDITIONS["faq"](topic), "_move": "add"})
    client.post(change_url(topic), {**form_fields(client, change_url(topic)), "_move": "edit"})
    assert applied == [
        ("Page", "edit", "rita"),
        ("Page", "edit", "rita"),
        ("Article", "take_down", "rita"),
        ("FAQ", "add", "rita"),
        ("Topic", "edit", "rita"),
    ]

    workflow.apply(workflow.SYNC, faq, "submit", fields={"question": "Scheduled?"})
    workflow.apply(reviewer, faq, "schedule", go_live_at=clock.now + datetime.timedelta(minutes=1))
    applied.clear()
    clock.advance(minutes=2)
    call_command("publish_scheduled", stdout=StringIO())
    assert applied == [("FAQ", "publish", "the publishing schedule")]

    applied.clear()
    call_command("sync_content", content_dir=content_copy, stdout=StringIO())
    assert applied and {actor for _, _, actor in applied} == {"the content sync"}


@pytest.mark.parametrize("model", MODELS)
def test_nobody_deletes_content_in_the_admin_not_even_a_superuser(clients, items, model):
    item = items[model]
    response = clients["superuser"].post(f"/admin/articles/{model}/{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    clients["superuser"].post(
        f"/admin/articles/{model}/",
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [item.pk], "post": "yes"},
    )
    assert MODEL_CLASSES[model].objects.filter(pk=item.pk).exists()


# -- every move through the change form's buttons (or a hand-made POST of one) ---------------------

FORM_STATES = ["never published, in review", "live", "live, change in review", "live, change sent back"]


@pytest.mark.parametrize("move", MOVES_BY_NAME)
@pytest.mark.parametrize("role", ["editor", "reviewer"])
@pytest.mark.parametrize("state", FORM_STATES)
def test_every_move_through_the_change_form_is_made_exactly_when_the_table_allows_it(
    clients, draft, state, role, move
):
    arrange(draft, state)
    row = Article.objects.get(pk=draft.pk)
    allowed = expected(role, move, row, workflow.open_change(row))
    before = snapshot(draft)
    data = {**form_fields(clients["superuser"], change_url(draft)), "_move": move, "note": "Because."}
    data["go_live_at"] = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    if move == "edit":
        data["title"] = "Saved from the form"  # a save that changes nothing is not a move
    response = clients[role].post(change_url(draft), data)
    if allowed:
        assert response.status_code == 302, errors(response)
        assert snapshot(draft) != before
    else:
        assert response.status_code == 200
        assert errors(response)
        assert snapshot(draft) == before
