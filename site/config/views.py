"""Site-wide error pages, styled like the rest of the site."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: the failure may be in a context processor or the database.
    html = loader.render_to_string(
        "500.html",
        {"site_name": settings.SITE_NAME, "emergency_number": settings.EMERGENCY_NUMBER},
    )
    return HttpResponseServerError(html)
