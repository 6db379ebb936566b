from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

COMMENT_HELP = _("Optional. Please do not include your name, contact details or anything about your health.")


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Was this page helpful?"),
        choices=[
            ("yes", pgettext_lazy("was this helpful", "Yes")),
            ("no", pgettext_lazy("was this helpful", "No")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("How could we make it better?"),
        help_text=COMMENT_HELP,
        required=False,
        max_length=settings.FEEDBACK_COMMENT_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            # Django fills in limit_value (the longest allowed) and show_value (the length sent).
            "max_length": _(
                "Keep your comment to %(limit_value)d characters or fewer (it has %(show_value)d)."
            )
        },
    )
