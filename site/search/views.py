"""The search page: /search/?q=..."""

from django.db.models import Exists, OuterRef
from django.shortcuts import render

from articles.models import Article, Topic
from search.engine import search
from search.query import clean


def results(request):
    query = clean(request.GET.get("q", ""))
    found = search(query) if query else []
    context = {"query": query, "results": found}
    if not found:
        context["topics"] = Topic.objects.filter(
            Exists(Article.objects.published().filter(topic=OuterRef("pk")))
        )
    return render(request, "search/results.html", context)
