from django import forms
from django.conf import settings

COMMENT_HELP = "Optional. Please do not include your name, contact details or anything about your health."


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label="Was this page helpful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )
    comment = forms.CharField(
        label="How could we make it better?",
        help_text=COMMENT_HELP,
        required=False,
        max_length=settings.FEEDBACK_COMMENT_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"Keep your comment to {settings.FEEDBACK_COMMENT_MAX_LENGTH} characters or fewer "
            "(it has %(show_value)d)."
        },
    )
