"""The two editorial roles and what each may do.

Editors write and submit for review but cannot publish, and only read topics and plain pages
(those go live as soon as they are saved). Clinical reviewers do everything editors do, and
approve and publish. Neither may delete: the sync archives content instead.
"""

EDITOR = "Editor"
REVIEWER = "Clinical reviewer"

EDITOR_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "add_faq"),
    ("articles", "change_faq"),
    ("articles", "view_faq"),
    ("articles", "view_topic"),
    ("articles", "view_page"),
    ("articles", "view_historicalarticle"),
    ("articles", "view_historicalfaq"),
    ("feedback", "view_feedback"),
]
REVIEWER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("articles", "publish_article"),
    ("articles", "publish_faq"),
    ("articles", "change_topic"),
    ("articles", "add_topic"),
    ("articles", "change_page"),
    ("articles", "add_page"),
]
ROLES = {EDITOR: EDITOR_PERMISSIONS, REVIEWER: REVIEWER_PERMISSIONS}


def ensure_roles(apps):
    """Create or update both groups. `apps` is a migration's app registry, or django.apps.apps."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrating; the groups need them now.
    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True  # a migration's apps leave it unset
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted
        ]
        group.permissions.set(permissions)
