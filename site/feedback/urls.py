from django.urls import path

from . import views

app_name = "feedback"

# The slug is matched by the content-slug converter, the rule the model field checks, so every
# page that can be saved can reverse its form's address. The kind is fixed per pattern and
# reaches the view as an argument, as a regex group did.
KINDS = ("article", "faq")

urlpatterns = [
    *(path(f"{kind}/<content-slug:slug>/", views.give, {"kind": kind}, name="give") for kind in KINDS),
    *(
        path(f"{kind}/<content-slug:slug>/thanks/", views.thanks, {"kind": kind}, name="thanks")
        for kind in KINDS
    ),
]
