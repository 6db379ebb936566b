from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles and FAQs"

    def ready(self):
        from django.urls import register_converter

        from pagecache.signals import watch

        from .models import FAQ, Article, Page, Topic
        from .references import ReferencesError
        from .sources import catalogue
        from .validators import ContentSlugConverter

        # Before any URLconf is imported: every pattern that carries a content slug (articles,
        # the kiosk, feedback, the editors' preview) matches it as the model field checks it.
        register_converter(ContentSlugConverter, "content-slug")
        # Everything here appears on cached pages: a change to any of it is a new version.
        watch(Topic, Article, FAQ, Page)

        # Every page's sources are looked up in this file: a broken one stops the site at
        # start-up with the entry and field named, never in front of a reader.
        try:
            catalogue()
        except ReferencesError as exc:
            raise ImproperlyConfigured(f"The list of sources cannot be used: {exc}") from exc
