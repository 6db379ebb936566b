"""Mounted at /my-result/ with base.html; the kiosk includes it again under its own namespace
with its base template and the on-screen keypad (see config/urls.py)."""

from django.urls import path

from explainer import views

app_name = "explainer"

urlpatterns = [
    path("", views.explain, name="start"),
]
