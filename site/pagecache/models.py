"""The content version: one row that every change to published content moves on.

Cached pages are keyed on it and ETags carry it, so a change saved through any app instance
is seen by every other instance on its next request, whether the cache is a shared Redis or
each process's own memory. Reading it is one primary-key query per request.
"""

from django.db import models
from django.db.models import F
from django.utils import timezone

ROW_ID = 1


class ContentVersion(models.Model):
    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"content version {self.version}"

    @classmethod
    def current(cls):
        """(version, changed_at) of the content as it is now."""
        row = cls.objects.filter(pk=ROW_ID).values_list("version", "changed_at").first()
        if row is None:
            row = cls.objects.get_or_create(pk=ROW_ID)[0]
            return row.version, row.changed_at
        return row

    @classmethod
    def bump(cls):
        """Move the version on; in the caller's transaction, so it commits with the change."""
        now = timezone.now()
        if not cls.objects.filter(pk=ROW_ID).update(version=F("version") + 1, changed_at=now):
            cls.objects.get_or_create(pk=ROW_ID, defaults={"version": 2, "changed_at": now})
