"""E-mail each clinical reviewer what is overdue for review and what falls due within 30 days.

Every active member of the Clinical reviewer group with an e-mail address gets one message
listing the same items as the review dashboard's "overdue" and "due within 30 days" (and how
many changes are waiting for a decision); nobody is written to when nothing is due. Sent
with Django's e-mail: the console in development, SMTP from the EMAIL_* settings in
production (docs/deploy.md).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string
from django.utils import timezone

from . import dashboard
from .roles import REVIEWER


def recipients():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=REVIEWER)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def subject(board) -> str:
    parts = []
    if board.overdue:
        parts.append(f"{len(board.overdue)} overdue")
    if board.due_soon:
        parts.append(f"{len(board.due_soon)} due within {dashboard.signoff.DUE_SOON_DAYS} days")
    return f"{settings.SITE_NAME}: clinical reviews {' and '.join(parts)}"


def messages(today=None) -> list[EmailMessage]:
    board = dashboard.build(today or timezone.localdate())
    if not board.due_count:
        return []
    found = []
    for user in recipients():
        body = render_to_string(
            "editorial/reminder_email.txt",
            {
                "name": user.get_full_name().strip() or user.get_username(),
                "board": board,
                "site_url": settings.SITE_URL,
                "days": dashboard.signoff.DUE_SOON_DAYS,
            },
        )
        found.append(EmailMessage(subject(board), body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    return found


def send_review_reminders(today=None) -> int:
    """Send the reminders; the number of e-mails sent."""
    found = messages(today)
    if not found:
        return 0
    return mailers.default.send_messages(found) or 0
