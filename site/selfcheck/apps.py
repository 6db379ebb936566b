from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SelfcheckConfig(AppConfig):
    name = "selfcheck"
    verbose_name = "Self-check"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from selfcheck import cases
        from selfcheck.definition import DefinitionError, load

        # Load and check the questions, rules and published test cases once, at start-up: a
        # broken file stops the site with a message naming the problem instead of failing in
        # front of a reader.
        content = Path(settings.CONTENT_DIR)
        try:
            definition = load(content / "selfcheck.yaml")
            case_set = cases.load(content / cases.FILE_NAME, definition)
        except DefinitionError as exc:
            raise ImproperlyConfigured(f"The self-check cannot start: {exc}") from exc
        self.definition, self.cases = definition, case_set
