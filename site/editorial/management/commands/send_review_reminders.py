from django.conf import settings
from django.core.management.base import BaseCommand

from editorial.reminders import send_review_reminders


class Command(BaseCommand):
    help = "E-mail each clinical reviewer the reviews that are overdue or due within 30 days."

    def handle(self, **options):
        sent = send_review_reminders()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
        if sent and settings.MAILERS["default"]["BACKEND"].endswith("console.EmailBackend"):
            self.stdout.write("EMAIL_HOST is not set: they were written here, not sent (see docs/deploy.md).")
