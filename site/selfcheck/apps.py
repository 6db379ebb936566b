from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SelfcheckConfig(AppConfig):
    name = "selfcheck"
    verbose_name = "Self-check"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles import signoff
        from common import overlay
        from selfcheck import cases, languages
        from selfcheck.definition import DefinitionError, load

        # Load and check the questions, rules and published test cases once, at start-up: a
        # broken file stops the site with a message naming the problem instead of failing in
        # front of a reader.
        content = Path(settings.CONTENT_DIR)
        try:
            definition = load(content / "selfcheck.yaml")
            case_set = cases.load(content / cases.FILE_NAME, definition)
            # Each language's words over the same rules, checked as the English are.
            in_languages = languages.load(content, definition, case_set)
        except DefinitionError as exc:
            raise ImproperlyConfigured(f"The self-check cannot start: {exc}") from exc
        self.definition, self.cases, self.languages = definition, case_set, in_languages
        for language in in_languages.values():
            overlay.register(language.translation)
            overlay.register(language.cases_translation)
        # Both files are clinical: the review dashboard and the reminders list their sign-off.
        for key, label, name, url_name, data in (
            ("selfcheck-rules", "Self-check rules", "selfcheck.yaml", "selfcheck:start", definition),
            ("selfcheck-cases", "Self-check test cases", cases.FILE_NAME, "selfcheck:how-we-test", case_set),
        ):
            signoff.register_file(
                key, label, f"content/{name}", url_name, data.updated,
                data.last_reviewed, data.reviewed_by, data.next_review_due,
            )  # fmt: skip
