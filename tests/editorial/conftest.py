"""People and content for the editorial tests."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from articles.models import Article, Topic
from editorial.roles import EDITOR, REVIEWER, ensure_roles

PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def roles(db):
    # The data migration made them; a transactional test may have flushed them since.
    ensure_roles(apps)


def make_user(username, group=None, staff=True, **extra):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=staff, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(roles):
    return make_user("eddie", EDITOR, first_name="Eddie", last_name="Editor")


@pytest.fixture
def second_editor(roles):
    return make_user("erin", EDITOR)


@pytest.fixture
def reviewer(roles):
    return make_user("rita", REVIEWER, first_name="Rita", last_name="Reviewer")


def client_for(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(reviewer):
    from django.test import Client

    return client_for(Client, reviewer)


@pytest.fixture
def topic(db):
    return Topic.objects.create(slug="b12-and-cancer", title="B12 and cancer", order=1)


@pytest.fixture
def draft(topic):
    return Article.objects.create(
        slug="a-draft",
        title="A draft",
        summary="One sentence.",
        topic=topic,
        updated="2026-11-01",
        body="## What it is\n\nPlain words.\n",
    )
