"""robots.txt and sitemap.xml."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from common import languages
from seo.sitemaps import SITEMAPS

# The kiosk is for the waiting room, the admin for editors, and search results are endless
# variations of the pages already listed: none belong in a search engine, in any language.
DISALLOWED = ["/admin/", "/kiosk/"] + [
    f"/{code}/search/" if code != languages.DEFAULT else "/search/" for code in languages.codes()
]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines.append(f"Sitemap: {settings.SITE_URL}{reverse('seo:sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    return sitemap_view(request, sitemaps=SITEMAPS)
