from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Not a feature: the home of the checks that concern the whole site's configuration."""

    name = "config"
    label = "site_config"
    verbose_name = "Site configuration"

    def ready(self):
        from config import checks  # noqa: F401 (registers the checks)
