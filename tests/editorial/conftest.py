"""People and content for the editorial tests."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from articles import workflow
from articles.models import FAQ, Article, Page, Topic
from editorial.roles import EDITOR, REVIEWER, ensure_roles

PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def roles(db):
    # migrate made them; a transactional test may have flushed them since.
    ensure_roles()


def make_user(username, group=None, staff=True, **extra):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=staff, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(roles):
    return make_user("eddie", EDITOR, first_name="Eddie", last_name="Editor", email="eddie@example.org")


@pytest.fixture
def second_editor(roles):
    return make_user("erin", EDITOR)


@pytest.fixture
def reviewer(roles):
    return make_user("rita", REVIEWER, first_name="Rita", last_name="Reviewer", email="rita@example.org")


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("ada", password=PASSWORD, email="ada@example.org")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def reviewer_client(reviewer):
    return client_for(reviewer)


@pytest.fixture
def topic(db):
    return Topic.objects.create(slug="b12-and-cancer", title="B12 and cancer", order=1)


# A body that passes every check the approval makes: plain words, the shared emergency box
# under "When to get help".
BODY = "## What it is\n\nPlain words about B12.\n\n## When to get help\n\n!!! emergency-box\n"


@pytest.fixture
def draft(topic):
    return Article.objects.create(
        slug="a-draft",
        title="A draft",
        summary="One sentence.",
        topic=topic,
        updated="2026-11-01",
        body=BODY,
        references=["nice-ng239", "stabler-2013"],
    )


@pytest.fixture
def live(draft):
    """The draft article, published by the content sync (so with no sign-off)."""
    workflow.apply(workflow.SYNC, draft, "publish")
    draft.refresh_from_db()
    return draft


@pytest.fixture
def faq(topic):
    return FAQ.objects.create(
        slug="a-question",
        question="A question?",
        topic=topic,
        answer="An answer. [Read more about B12 tests](/faq/).\n",
    )


@pytest.fixture
def page(db):
    return Page.objects.create(
        slug="about-us", title="About us", updated="2026-11-01", body="## Who we are\n\nWords.\n"
    )


class Clock:
    """A frozen clock for django.utils.timezone.now; `advance(minutes=…)` moves it on."""

    def __init__(self, now):
        self.now = now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    frozen = Clock(timezone.now().replace(second=0, microsecond=0))
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen
