import smtplib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial.reminders import send_review_reminders


class Command(BaseCommand):
    help = "E-mail each clinical reviewer the reviews that are overdue or due within 30 days."

    def handle(self, **options):
        try:
            sent = send_review_reminders()
        except (OSError, smtplib.SMTPException) as error:
            options = settings.MAILERS["default"].get("OPTIONS", {})
            raise CommandError(
                f"The reminders could not be sent through {options.get('host')}:{options.get('port')} "
                f"({error}). Check EMAIL_HOST and the other EMAIL_* settings (docs/deploy.md); nothing "
                "was sent, so running it again later sends them all."
            ) from None
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
        if sent and settings.MAILERS["default"]["BACKEND"].endswith("console.EmailBackend"):
            self.stdout.write("EMAIL_HOST is not set: they were written here, not sent (see docs/deploy.md).")
