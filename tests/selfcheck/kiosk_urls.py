"""The self-check mounted the way the kiosk will mount it: another prefix, namespace and base."""

from django.urls import include, path

urlpatterns = [
    path(
        "kiosk/self-check/",
        include("selfcheck.urls", namespace="kiosk-selfcheck"),
        {"base_template": "kiosk/base.html"},
    ),
]
