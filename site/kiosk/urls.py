"""The kiosk's own pages. They mirror the public addresses under /kiosk/, so a site-relative
link becomes a kiosk link by adding the prefix (see links.py). The self-check is mounted
under /kiosk/self-check/ in config/urls.py, with the kiosk base template."""

from django.urls import path

from kiosk import views

app_name = "kiosk"

urlpatterns = [
    path("", views.home, name="home"),
    path("reset/", views.reset, name="reset"),
    path("articles/", views.article_list, name="list"),
    path("articles/<content-slug:slug>/", views.article_detail, name="detail"),
    path("faq/", views.faq_list, name="faq"),
    # Plain pages (about, privacy, glossary), as on the public site; last.
    path("<content-slug:slug>/", views.page_detail, name="page"),
]
