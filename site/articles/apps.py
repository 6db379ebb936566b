from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and FAQs"

    def ready(self):
        from .references import ReferencesError
        from .sources import catalogue

        # Every page's sources are looked up in this file: a broken one stops the site at
        # start-up with the entry and field named, never in front of a reader.
        try:
            catalogue()
        except ReferencesError as exc:
            raise ImproperlyConfigured(f"The list of sources cannot be used: {exc}") from exc
