"""The kiosk's own addresses. The rest of /kiosk/ is the public site's views mounted again
with the kiosk layout, under the same paths (see config/urls.py): a public path becomes its
kiosk twin by reversing the same name in the kiosk's namespace (see links.py)."""

from django.urls import path

from kiosk import views

app_name = "kiosk"

urlpatterns = [
    path("", views.home, name="home"),
    path("reset/", views.reset, name="reset"),
]
