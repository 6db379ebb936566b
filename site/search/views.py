"""The search page: /search/?q=... (and /es/search/ for Spanish)."""

from django.db.models import Exists, OuterRef
from django.shortcuts import render

from articles.models import Article, Topic
from search.engine import active_language, search
from search.query import clean


def results(request):
    query = clean(request.GET.get("q", ""))
    found = search(query) if query else []
    context = {"query": query, "results": found}
    if not found:
        context["topics"] = topics_to_browse(active_language())
    return render(request, "search/results.html", context)


def topics_to_browse(language):
    """The topics in the page's language that have a published article to read."""
    topics = Topic.objects.filter(Exists(Article.objects.published().filter(topic=OuterRef("pk"))))
    return _in_language(topics, language)


def _in_language(queryset, language):
    # Content rows record their language with ADR 004; a row from before it is English.
    if any(field.name == "language" for field in queryset.model._meta.get_fields()):
        return queryset.filter(language=language)
    return queryset if language == "en" else queryset.none()
