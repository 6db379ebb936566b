"""Finding the page feedback is about, and recording it."""

from django.shortcuts import get_object_or_404

from articles.models import FAQ, Article

from .models import Feedback

KINDS = {"article": Article, "faq": FAQ}


def published_target(kind, slug):
    """The published article or FAQ the feedback is about; 404 for anything else."""
    return get_object_or_404(KINDS[kind].objects.public(), slug=slug)


def record(target, helpful: bool, comment: str) -> Feedback:
    field = "article" if isinstance(target, Article) else "faq"
    return Feedback.objects.create(**{field: target}, helpful=helpful, comment=comment)
