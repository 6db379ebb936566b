"""The kiosk's own pages: its home page (the attract screen) and starting over.

Articles, questions and plain pages are the public views mounted again with the kiosk's
base template (config/urls.py), as the self-check and the result explainer are. The rules
every kiosk response follows (no-store, no stray cookies, links kept on the kiosk, unknown
pages lead home) are in `middleware.py`.
"""

from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET

from articles.models import Article
from articles.queries import listed_articles, topics_with
from common import languages
from pagecache.decorators import cached_page

MYTHS_SLUG = "myths-and-facts"


@cached_page  # the same on every screen; the kiosk middleware still sends no-store
def home(request):
    context = {
        "topics": topics_with("articles", listed_articles()),
        "myths": Article.objects.public().filter(slug=MYTHS_SLUG).first(),
    }
    return render(request, "kiosk/home.html", context)


@require_GET
def reset(request):
    """Start over for the next person: forget the session, and change the CSRF token so a
    self-check form from before (brought back with Back or reload) can no longer be sent."""
    request.session.flush()
    rotate_token(request)
    # The next person starts in the default language, whichever the last one chose.
    with translation.override(languages.django_code(languages.DEFAULT)):
        return redirect("kiosk:home")
