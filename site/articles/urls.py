from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="list"),
    path("articles/<content-slug:slug>/", views.article_detail, name="detail"),
    path("faq/", views.faq_list, name="faq"),
    path("topics/<content-slug:slug>/", views.topic_detail, name="topic"),
    # Plain pages (about, privacy, glossary) sit at the top level; this pattern is last.
    path("<content-slug:slug>/", views.page_detail, name="page"),
]
