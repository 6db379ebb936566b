from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SelfcheckConfig(AppConfig):
    name = "selfcheck"
    verbose_name = "Self-check"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from selfcheck.definition import DefinitionError, load

        # Load and check the questions and rules once, at start-up: a broken file stops the
        # site with a message naming the problem instead of failing in front of a reader.
        path = Path(settings.CONTENT_DIR) / "selfcheck.yaml"
        try:
            self.definition = load(path)
        except DefinitionError as exc:
            raise ImproperlyConfigured(f"The self-check cannot start: {exc}") from exc
