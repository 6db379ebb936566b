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
    published = Article.objects.published().filter(topic=OuterRef("pk"))
    return Topic.objects.in_language(language).filter(Exists(published))
