from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.content_files import ContentError
from articles.sync import sync_content


class Command(BaseCommand):
    help = "Load the content folder (articles, FAQs, topics, pages) into the database."

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", default=settings.CONTENT_DIR, help="Default: %(default)s")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace items changed in the admin since the last sync with the file's version.",
        )
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help="Load only this language's content (en, es; repeat for more). Default: every language.",
        )

    def handle(self, content_dir, force, languages, **options):
        try:
            report = sync_content(content_dir, force=force, only=languages)
        except ContentError as error:
            count = len(error.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} in the content; nothing was changed:\n"
                + "\n".join(f"  {problem}" for problem in error.problems)
            ) from None
        for line in report.lines():
            self.stdout.write(line)
