"""The editors' URLs. Mounted before the admin's, so /admin/editor/… and /admin/review/ reach them."""

from django.conf import settings
from django.contrib import admin
from django.urls import path, re_path

from . import views

# The markdownx widget posts to the paths in settings.MARKDOWNX_*_URLS_PATH; the names are
# the ones markdownx's own (never included) URLconf uses.
admin_urlpatterns = [
    path("editor/markdownify/", views.markdownify, name="markdownx_markdownify"),
    path("editor/upload/", views.upload, name="markdownx_upload"),
    path("review/", admin.site.admin_view(views.review_dashboard), name="review_dashboard"),
]

site_urlpatterns = [
    path("articles/<content-slug:slug>/preview/", views.article_preview, name="article_preview"),
]

if settings.SERVE_MEDIA:
    site_urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>{settings.EDITOR_UPLOAD_DIR}/[0-9a-f]{{32}}\.(?:png|jpg|webp))$",
            views.media,
            name="media",
        )
    )
