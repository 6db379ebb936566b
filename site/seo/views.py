"""robots.txt and sitemap.xml."""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
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


# The sitemap protocol's most addresses in one file. Past it, /sitemap.xml becomes an index of
# one sitemap per section (/sitemap-articles.xml, ...), each paged at this size by Django
# (`Sitemap.limit`, ?p=2 ...), so no file ever lists more.
ADDRESSES_IN_ONE_FILE = 50_000


@require_safe
def sitemap(request):
    sections = {name: section() for name, section in SITEMAPS.items()}
    if sum(section.paginator.count for section in sections.values()) <= ADDRESSES_IN_ONE_FILE:
        return sitemap_view(request, sitemaps=sections)
    return _index(request, sections)


def _index(request, sections):
    """Every section's sitemap and each of its pages, on SITE_URL (never the request's host)."""
    items = []
    for name, section in sections.items():
        address = settings.SITE_URL + reverse("seo:section", kwargs={"section": name})
        items += [
            SitemapIndexItem(address if page == 1 else f"{address}?p={page}", None)
            for page in section.paginator.page_range
        ]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


@require_safe
def sitemap_section(request, section):
    if section not in SITEMAPS:
        raise Http404
    return sitemap_view(request, sitemaps=SITEMAPS, section=section)
