from django.contrib import admin
from django.urls import include, path

from config.health import healthz
from editorial.urls import admin_urlpatterns as editorial_admin_urls
from editorial.urls import site_urlpatterns as editorial_site_urls

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The editors' preview, upload and dashboard first: the admin's own URLs end in a catch-all.
    path("admin/", include(editorial_admin_urls)),
    path("admin/", admin.site.urls),
    path("feedback/", include("feedback.urls")),
    path("self-check/", include("selfcheck.urls")),
    path("my-result/", include("explainer.urls")),
    # The waiting-room kiosk: its own pages, and the self-check and the result explainer again
    # in the kiosk layout (the explainer with its on-screen keypad: the kiosk has no keyboard).
    path(
        "kiosk/self-check/",
        include("selfcheck.urls", namespace="kiosk-selfcheck"),
        {"base_template": "kiosk/base.html"},
    ),
    path(
        "kiosk/my-result/",
        include("explainer.urls", namespace="kiosk-explainer"),
        {"base_template": "kiosk/base.html", "kiosk": True},
    ),
    path("kiosk/", include("kiosk.urls")),
    path("search/", include("search.urls")),
    path("", include("seo.urls")),
    path("", include(editorial_site_urls)),
    # Last: it ends with the catch-all for plain pages such as /about/.
    path("", include("articles.urls")),
]

handler400 = "config.views.bad_request"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
