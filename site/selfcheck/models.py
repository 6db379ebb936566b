"""The only thing the self-check keeps: how many results of each level were shown per day.

No answers, no IP address, no time of day: a count per level per date, for editors.
"""

from django.db import models
from django.db.models import F
from django.utils import timezone

from selfcheck.engine import LEVELS


class DailyCount(models.Model):
    date = models.DateField()
    level = models.CharField(
        max_length=20, choices=[(level, level.replace("_", " ").capitalize()) for level in LEVELS]
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-date", "level"]
        constraints = [models.UniqueConstraint(fields=["date", "level"], name="selfcheck_one_count_per_day")]
        verbose_name = "daily result count"

    def __str__(self):
        return f"{self.date} {self.level}: {self.count}"

    @classmethod
    def record(cls, level: str) -> None:
        """Add one to today's count for `level`; safe when two requests do it at once."""
        row, _ = cls.objects.get_or_create(date=timezone.localdate(), level=level)
        cls.objects.filter(pk=row.pk).update(count=F("count") + 1)
