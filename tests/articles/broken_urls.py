"""A URL configuration with a view that always fails, for testing the 500 page."""

from django.urls import path


def broken(request):
    raise RuntimeError("database exploded")


urlpatterns = [path("broken/", broken)]
handler500 = "config.views.server_error"
