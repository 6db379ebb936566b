"""Answers to "Was this page helpful?".

Deliberately anonymous: no address, no browser details, no account, and only the day it was
sent. A reader who writes something personal in the comment is warned not to beside the box.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q

from articles.models import FAQ, Article


class FeedbackQuerySet(models.QuerySet):
    def tally(self):
        """{"yes": n, "no": n, "comments": n} over these answers."""
        return self.aggregate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            comments=Count("pk", filter=~Q(comment="")),
        )


class Feedback(models.Model):
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    faq = models.ForeignKey(FAQ, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.TextField(max_length=settings.FEEDBACK_COMMENT_MAX_LENGTH, blank=True)
    created_on = models.DateField(auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_on", "-pk"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False, faq__isnull=True)
                | Q(article__isnull=True, faq__isnull=False),
                name="feedback_about_one_page",
            )
        ]

    def __str__(self):
        return f"{'Helpful' if self.helpful else 'Not helpful'}: {self.about}"

    @property
    def about(self):
        return self.article or self.faq
