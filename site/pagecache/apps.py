from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from django.test.signals import setting_changed

        from pagecache import release

        setting_changed.connect(release.settings_changed, dispatch_uid="pagecache-settings")
