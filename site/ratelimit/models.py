"""Rate-limit counts kept in the database, for when there is no shared cache to keep them.

Without Redis, each gunicorn process has its own memory cache, so counting there would give
every process (and every instance) a limit of its own. The database is shared by all of
them. One row per client and window; rows are removed once their window has passed.
"""

from django.db import models


class Count(models.Model):
    # "bucket:hash of the client address": never the address itself.
    key = models.CharField(max_length=80)
    window = models.BigIntegerField(help_text="Which fixed window: seconds since the epoch // its length.")
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="ratelimit_one_count_per_window")
        ]

    def __str__(self):
        return f"{self.key} window {self.window}: {self.hits}"
