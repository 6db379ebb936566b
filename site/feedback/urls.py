from django.urls import re_path

from . import views

app_name = "feedback"

PAGE = r"^(?P<kind>article|faq)/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)/"

urlpatterns = [
    re_path(PAGE + r"$", views.give, name="give"),
    re_path(PAGE + r"thanks/$", views.thanks, name="thanks"),
]
