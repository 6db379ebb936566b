"""Cross-site request forgery protection without a token, so pages with the form stay cacheable.

A CSRF token makes a page belong to one visitor, and the article and FAQ pages are cached and
shared (pagecache). The feedback form is anonymous, so instead of a token the browser's own
word is checked: every current browser says where a form post came from in `Sec-Fetch-Site`
or `Origin`, and a page on another site cannot forge either. A request with neither header is
not from a browser a forged page could drive, so it is let through (and rate-limited).
"""

from functools import wraps
from urllib.parse import urlsplit

from django.http import HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

ALLOWED_FETCH_SITES = {"same-origin", "none"}  # "none": typed in or bookmarked, not another page


def is_cross_site(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site not in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin:
        parts = urlsplit(origin)
        return origin == "null" or parts.netloc != request.get_host() or parts.scheme != request.scheme
    return False


def same_origin_only(view):
    @csrf_exempt  # replaced by the check below, which needs no token in the page
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and is_cross_site(request):
            return HttpResponseForbidden(
                "This form can only be sent from this website. Go back to the page and send it from there.",
                content_type="text/plain; charset=utf-8",
            )
        return view(request, *args, **kwargs)

    return wrapped
