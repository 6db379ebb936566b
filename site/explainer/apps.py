from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class ExplainerConfig(AppConfig):
    name = "explainer"
    verbose_name = "Understand your B12 result"

    def ready(self):
        from articles import signoff
        from common import overlay
        from common.languages import content_code
        from explainer.loader import ExplainerError, load, load_translation

        # Load and check the bands and texts once, at start-up: a broken file stops the site
        # with a message naming the problem instead of failing in front of a reader. Each
        # language's words go over the same bands and numbers, checked as the English are.
        try:
            explainer = load(settings.CONTENT_DIR)
            in_languages = {
                content_code(code): load_translation(settings.CONTENT_DIR, content_code(code), explainer)
                for code, _ in settings.LANGUAGES
                if code != settings.LANGUAGE_CODE
            }
        except ExplainerError as exc:
            raise ImproperlyConfigured(f"The result explainer cannot start: {exc}") from exc
        self.explainer, self.languages = explainer, in_languages
        for _, translation in in_languages.values():
            overlay.register(translation)
        # A clinical file: the review dashboard and the reminders list its sign-off.
        signoff.register_file(
            "result-explainer", "Result explainer", "content/result-explainer.yaml", "explainer:start",
            explainer.updated, explainer.last_reviewed, explainer.reviewed_by, explainer.next_review_due,
        )  # fmt: skip
