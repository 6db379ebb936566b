from django.contrib import admin
from django.urls import include, path

from config.health import healthz
from config.languages import in_every_language
from editorial.urls import admin_urlpatterns as editorial_admin_urls
from editorial.urls import site_urlpatterns as editorial_site_urls

# The waiting-room kiosk shows the public pages in its own layout: the same views, with its
# base template, and `kiosk=True` where the templates show something differently there.
KIOSK_BASE = {"base_template": "kiosk/base.html"}
KIOSK_LAYOUT = {**KIOSK_BASE, "kiosk": True}

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The editors' preview, upload and dashboard first: the admin's own URLs end in a catch-all.
    path("admin/", include(editorial_admin_urls)),
    path("admin/", admin.site.urls),
    # The kiosk: its own home page and reset, then the public pages again in its layout (the
    # result explainer with its on-screen keypad: the kiosk has no keyboard). The articles
    # come last, since they end with the catch-all for plain pages such as /kiosk/about/.
    # Each language again under its prefix, as on the public site: /kiosk/es/.
    path(
        "kiosk/",
        include(
            [
                in_every_language(
                    [
                        path("", include("kiosk.urls")),
                        path(
                            "self-check/", include("selfcheck.urls", namespace="kiosk-selfcheck"), KIOSK_BASE
                        ),
                        path(
                            "my-result/", include("explainer.urls", namespace="kiosk-explainer"), KIOSK_LAYOUT
                        ),
                        path("", include("articles.urls", namespace="kiosk-articles"), KIOSK_LAYOUT),
                    ]
                )
            ]
        ),
    ),
    # One sitemap and one robots.txt list every language.
    path("", include("seo.urls")),
    # The public pages, in English at their own paths and in every other language under /<code>/.
    in_every_language(
        [
            path("feedback/", include("feedback.urls")),
            path("self-check/", include("selfcheck.urls")),
            path("my-result/", include("explainer.urls")),
            path("search/", include("search.urls")),
            path("", include(editorial_site_urls)),
            # Last: it ends with the catch-all for plain pages such as /about/.
            path("", include("articles.urls")),
        ]
    ),
]

handler400 = "config.views.bad_request"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
