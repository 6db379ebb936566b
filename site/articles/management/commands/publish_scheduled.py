from django.core.management.base import BaseCommand

from articles.workflow import publish_scheduled


class Command(BaseCommand):
    help = (
        "Publish approved changes whose go-live time has come and take down pages whose take-down "
        "time has come. Safe to run every minute (cron or a systemd timer) on one machine."
    )

    def handle(self, **options):
        lines = publish_scheduled()
        for line in lines:
            self.stdout.write(line)
        if not lines:
            self.stdout.write("Nothing was due.")
