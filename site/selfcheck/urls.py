"""Mounted at /self-check/ with base.html; other mounts (the kiosk) include it again under
their own namespace and pass their own base template, e.g.

    path("kiosk/self-check/", include(("selfcheck.urls", "selfcheck"), namespace="kiosk-selfcheck"),
         {"base_template": "kiosk/base.html"})
"""

from django.urls import path

from selfcheck import views

app_name = "selfcheck"

urlpatterns = [
    path("", views.start, name="start"),
    path("check/", views.check, name="check"),
    path("how-we-test/", views.how_we_test, name="how-we-test"),
]
