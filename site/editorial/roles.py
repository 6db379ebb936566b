"""The two editorial roles and what each may do.

Editors write articles, questions and plain pages and submit their changes for review; a
change to a live page waits beside it, so an editor's save never reaches the public. They
only read topics. Clinical reviewers do everything editors do, approve and publish, take
pages down, and change topics. Neither may delete: the sync archives content instead.

The groups are made (and brought up to date) after every `migrate`, by a post_migrate
receiver (apps.py), never by a migration that imports this module: migrations stay frozen.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

EDITOR = "Editor"
REVIEWER = "Clinical reviewer"

EDITOR_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "add_faq"),
    ("articles", "change_faq"),
    ("articles", "view_faq"),
    ("articles", "add_page"),
    ("articles", "change_page"),
    ("articles", "view_page"),
    ("articles", "view_topic"),
    ("articles", "view_historicalarticle"),
    ("articles", "view_historicalfaq"),
    ("articles", "view_historicalpage"),
    ("feedback", "view_feedback"),
]
REVIEWER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("articles", "publish_article"),
    ("articles", "publish_faq"),
    ("articles", "publish_page"),
    ("articles", "change_topic"),
    ("articles", "add_topic"),
]
ROLES = {EDITOR: EDITOR_PERMISSIONS, REVIEWER: REVIEWER_PERMISSIONS}


def ensure_roles(using=DEFAULT_DB_ALIAS):
    """Create or update both groups; safe to run any number of times."""
    from django.contrib.auth.models import Group, Permission

    # The permissions of apps later in INSTALLED_APPS are made after this app's post_migrate.
    for label in sorted({app for role in ROLES.values() for app, _ in role}):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using)
    for name, wanted in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = [
            Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
            for app, codename in wanted
        ]
        group.permissions.set(permissions)


def roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    ensure_roles(using=using)
