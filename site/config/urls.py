from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Last: it ends with the catch-all for plain pages such as /about/.
    path("", include("articles.urls")),
]

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
