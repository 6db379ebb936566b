"""The kiosk's own pages: the same published content as the public site, in the kiosk layout.

Views only look things up; links are made kiosk-safe in the templates (`kiosk_html`), and the
rules every kiosk response follows (no-store, no stray cookies, unknown pages lead home) are
in `middleware.py`.
"""

from django.middleware.csrf import rotate_token
from django.shortcuts import get_object_or_404, redirect, render
from django.views.csrf import csrf_failure as default_csrf_failure
from django.views.decorators.http import require_GET

from articles.models import FAQ, Article, Page
from articles.views import topics_with
from kiosk.links import KIOSK_PREFIX, is_kiosk_path
from pagecache.decorators import cached_page

MYTHS_SLUG = "myths-and-facts"


@cached_page  # shared by every screen; the middleware still sends no-store
def home(request):
    context = {
        "topics": topics_with("articles", Article.objects.published()),
        "myths": Article.objects.published().filter(slug=MYTHS_SLUG).first(),
    }
    return render(request, "kiosk/home.html", context)


@cached_page  # shared by every screen; the middleware still sends no-store
def article_list(request):
    topics = topics_with("articles", Article.objects.published())
    return render(request, "kiosk/article_list.html", {"topics": topics})


@cached_page  # shared by every screen; the middleware still sends no-store
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().select_related("topic"), slug=slug)
    return render(request, "kiosk/article_detail.html", {"article": article})


@cached_page  # shared by every screen; the middleware still sends no-store
def faq_list(request):
    topics = topics_with("faqs", FAQ.objects.published())
    return render(request, "kiosk/faq_list.html", {"topics": topics})


@cached_page  # shared by every screen; the middleware still sends no-store
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "kiosk/page_detail.html", {"page": page})


@require_GET
def reset(request):
    """Start over for the next person: forget the session, and change the CSRF token so a
    self-check form from before (brought back with Back or reload) can no longer be sent."""
    request.session.flush()
    rotate_token(request)
    return redirect("kiosk:home")


def csrf_failure(request, reason=""):
    """On the kiosk a refused form means a page from before the screen started over: go home."""
    if is_kiosk_path(request.path):
        return redirect(KIOSK_PREFIX)
    return default_csrf_failure(request, reason=reason)
