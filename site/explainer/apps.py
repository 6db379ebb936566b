from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class ExplainerConfig(AppConfig):
    name = "explainer"
    verbose_name = "Understand your B12 result"

    def ready(self):
        from articles import signoff
        from explainer.loader import ExplainerError, load

        # Load and check the bands and texts once, at start-up: a broken file stops the site
        # with a message naming the problem instead of failing in front of a reader.
        try:
            self.explainer = load(settings.CONTENT_DIR)
        except ExplainerError as exc:
            raise ImproperlyConfigured(f"The result explainer cannot start: {exc}") from exc
        explainer = self.explainer
        # A clinical file: the review dashboard and the reminders list its sign-off.
        signoff.register_file(
            "result-explainer", "Result explainer", "content/result-explainer.yaml", "explainer:start",
            explainer.updated, explainer.last_reviewed, explainer.reviewed_by, explainer.next_review_due,
        )  # fmt: skip
