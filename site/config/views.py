"""Site-wide error pages, styled like the rest of the site, or like the kiosk under /kiosk/, and
the site-wide answer to a refused form (CSRF_FAILURE_VIEW).

A page under /kiosk/ keeps the kiosk's layout even when it is an error: the public layout's
navigation and search would lead a stranger off the kiosk, and without kiosk.js the screen
would never start over for the next person.
"""

import sys

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.views.csrf import csrf_failure as default_csrf_failure

from common import languages
from kiosk.links import KIOSK_PREFIX, is_kiosk_path

FALLBACK = "<!doctype html><html lang='{lang}'><title>{title}</title><h1>{title}</h1><p>{text}</p></html>"


def fallback_page(emergency_number) -> str:
    """The plain words shown when even the error template fails, in the active language."""
    return FALLBACK.format(
        lang=pgettext("the language tag of a page's html element", "en-GB"),
        title=gettext("Sorry, something went wrong"),
        text=gettext(
            "Please try again in a few minutes. If you feel unwell, contact a clinician. "
            "In an emergency, call {emergency_number}."
        ).format(emergency_number=emergency_number),
    )


def error_template(request, name):
    """`name`, or its kiosk twin for a request under /kiosk/."""
    return f"kiosk/{name}" if is_kiosk_path(request.path) else name


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    return render(request, error_template(request, "400.html"), status=400)


def too_many_requests(request, window):
    """The page for a client over a rate limit (config.middleware.RateLimitMiddleware)."""
    context = {"retry_minutes": max(1, window // 60)}
    response = render(request, error_template(request, "429.html"), context, status=429)
    response["Retry-After"] = str(window)
    return response


def server_error(request):
    """The calm page for a failure; a 503 when the database is unreachable.

    Rendered without the request context: the failure may be in a context processor or the
    database, and this page must not fail too.
    """
    context = {
        "site_name": settings.SITE_NAME,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "html_lang": languages.html_tag(translation.get_language()),
    }
    database_down = isinstance(sys.exc_info()[1], DatabaseError)
    template, status = ("503.html", 503) if database_down else ("500.html", 500)
    try:
        html = loader.render_to_string(error_template(request, template), context)
    except Exception:  # even the template failed (say, a missing static manifest): plain words
        html = fallback_page(context["emergency_number"])
    response = HttpResponse(html, status=status)
    if database_down:
        response["Retry-After"] = "60"
    return response


def csrf_failure(request, reason=""):
    """A refused form: Django's 403 page, except on the kiosk, where it means a page from before
    the screen started over (brought back with Back or reload), so it goes to the kiosk home."""
    if is_kiosk_path(request.path):
        return redirect(KIOSK_PREFIX)
    return default_csrf_failure(request, reason=reason)
