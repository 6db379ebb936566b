from django.conf import settings
from django.core.management.base import BaseCommand

from editorial.export import export_content


class Command(BaseCommand):
    help = (
        "Write topics, articles, FAQs and pages from the database back to the content folder, "
        "so changes made in the admin can be reviewed and committed in git."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", default=settings.CONTENT_DIR, help="Default: %(default)s")

    def handle(self, content_dir, **options):
        for line in export_content(content_dir).lines():
            self.stdout.write(line)
