from django.contrib import admin
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("self-check/", include("selfcheck.urls")),
    path("search/", include("search.urls")),
    path("", include("seo.urls")),
    # Last: it ends with the catch-all for plain pages such as /about/.
    path("", include("articles.urls")),
]

handler400 = "config.views.bad_request"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
