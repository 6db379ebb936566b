from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.content_files import ContentError
from articles.export import export_content


class Command(BaseCommand):
    help = (
        "Write topics, articles, FAQs and pages from the database back to the content folder, "
        "so changes made in the admin can be reviewed and committed in git."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", default=settings.CONTENT_DIR, help="Default: %(default)s")
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Write each item's change awaiting review (marked status: in_review) instead of its live text.",
        )

    def handle(self, content_dir, pending, **options):
        try:
            report = export_content(content_dir, pending=pending)
        except ContentError as error:
            raise CommandError(
                "The database cannot be written as content files the sync would load; nothing was "
                "written. Fix these in the admin first:\n" + "\n".join(f"  {p}" for p in error.problems)
            ) from None
        for line in report.lines():
            self.stdout.write(line)
