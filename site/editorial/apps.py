from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from .roles import roles_after_migrate

        # Sent once per migrate for each app with models; the roles are about the content's.
        post_migrate.connect(
            roles_after_migrate, sender=apps.get_app_config("articles"), dispatch_uid="editorial-roles"
        )
