"""Writing the database back to the content folder (the format: articles.content_files).

The export writes what the public sees: each item's live row. With `pending`, an item that
has a change waiting for review is written as that change instead, marked `status:
in_review`, so the change can be read (and reviewed) in git; the sync then puts it beside
the live page again rather than loading it.

The files are written so that reading them back gives exactly the fields the rows hold, and
each exported row's `synced_fingerprint` is then set to match: an export followed by a sync
changes nothing. Each file is replaced atomically (a temp file in the same folder, then a
rename), so a reader never sees half a file.
"""

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from common import languages

from . import references, sources
from .content_files import (
    TOPICS_FILE,
    ContentError,
    Problem,
    file_path,
    item_file,
    read_all,
    topics_file,
    translation_file,
)
from .models import FAQ, Article, Page, Topic, fingerprint
from .revisions import Revision
from .states import ChangeState, Status

FOLDERS = {"articles": Article, "faqs": FAQ, "pages": Page}


@dataclass
class ExportReport:
    written: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    not_in_database: list = field(default_factory=list)

    def lines(self):
        yield f"{len(self.written)} written, {len(self.unchanged)} unchanged, {len(self.removed)} removed (archived)."
        for path in self.written:
            yield f"  wrote {path}"
        for path in self.removed:
            yield f"  removed {path}"
        for path in self.not_in_database:
            yield f"  left {path}: nothing in the database has its slug"


def write_atomically(path: Path, text: str) -> bool:
    """Replace `path` with `text` unless it already holds exactly that; True when written."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return True


def _pending_fields(rows):
    """{row pk: its fields with the open change applied and status in_review}, for `--pending`."""
    if not rows:
        return {}
    model = type(rows[0])
    by_pk = {row.pk: row for row in rows}
    changes = Revision.objects.open().filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id__in=by_pk,
    )
    pending = {}
    for change in changes:
        row = by_pk[change.object_id]
        working = row if row.status == Status.DRAFT else change.as_object(row)
        pending[row.pk] = {**working.content_fields(), "status": ChangeState.IN_REVIEW.value}
    return pending


def _known_sources(root: Path):
    """The source ids the exported files may cite: the target folder's list, else the site's."""
    if (root / references.FILE_NAME).exists():
        try:
            return references.load(root)
        except references.ReferencesError as error:
            raise ContentError([Problem(root / references.FILE_NAME, str(error))]) from error
    return sources.catalogue()


def _check_round_trip(files, expected, known_sources):
    """Read the files back as the sync would; raise ContentError unless every item comes back the same."""
    with tempfile.TemporaryDirectory() as staging:
        root = Path(staging) / "content"
        for relative, text in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text, encoding="utf-8")
        read_back = {content.language: content for content in read_all(root, known_sources)}
        problems = []
        for (language, kind, slug), fields in expected.items():
            items = getattr(read_back[language], kind) if language in read_back else {}
            if slug in items and fingerprint(items[slug]) != fingerprint(fields):
                where = (
                    Path("content")
                    / _folder(language)
                    / (TOPICS_FILE if kind == "topics" else file_path(kind, slug))
                )
                problems.append(Problem(where, "would not read back exactly as it is in the database"))
        if problems:
            raise ContentError(problems)


def _folder(language) -> Path:
    """Where a language's files live under the content folder: English at its top, others in <code>/."""
    return Path() if language == languages.DEFAULT else Path(language)


def _exported_languages(root: Path):
    """English, and every other language with rows or a folder already (no empty folder is made)."""
    for code in languages.codes():
        if (
            code == languages.DEFAULT
            or (root / code).is_dir()
            or Topic.objects.filter(language=code).exists()
        ):
            yield code


def export_content(root: Path, pending: bool = False) -> ExportReport:
    """Write topics, articles, FAQs and pages to `root`; archived items' files are removed.

    Each language goes to its own folder: English at the top, Spanish in `es/`. Everything is
    written to a scratch folder and read back first: if the sync could not load the result
    (say a related link points at an archived article), ContentError is raised and nothing in
    `root` changes.
    """
    root = Path(root)
    report = ExportReport()
    with transaction.atomic():
        files, expected, every_row, written_rows = {}, {}, [], {}
        for language in _exported_languages(root):
            folder_root = _folder(language)
            translated = language != languages.DEFAULT
            topics = list(Topic.objects.in_language(language).order_by("order", "slug"))
            files[folder_root / TOPICS_FILE] = topics_file(
                [t.content_fields() for t in topics], with_order=not translated
            )
            expected.update({(language, "topics", t.slug): t.content_fields() for t in topics})
            rows = {
                folder: list(model.objects.in_language(language).order_by("slug"))
                for folder, model in FOLDERS.items()
            }
            for folder, items in rows.items():
                changed = _pending_fields(items) if pending else {}
                for row in items:
                    if row.status == Status.ARCHIVED and row.pk not in changed:
                        continue
                    fields = changed.get(row.pk) or row.content_fields()
                    text = translation_file(type(row), fields) if translated else item_file(type(row), fields)
                    files[folder_root / file_path(folder, row.slug)] = text
                    expected[(language, folder, row.slug)] = fields
            written_rows[language] = rows
            every_row += [*topics, *(row for items in rows.values() for row in items)]
        _check_round_trip(files, expected, _known_sources(root))

        for relative, text in files.items():
            path = root / relative
            (report.written if write_atomically(path, text) else report.unchanged).append(path)
        for language, rows in written_rows.items():
            for folder, items in rows.items():
                relative_folder = _folder(language) / folder
                for row in items:
                    relative = _folder(language) / file_path(folder, row.slug)
                    # The format has no "archived": an archived item is one whose file is gone.
                    if relative not in files and (root / relative).exists():
                        (root / relative).unlink()
                        report.removed.append(root / relative)
                known = {row.slug for row in items}
                report.not_in_database += [
                    p for p in sorted((root / relative_folder).glob("*.md")) if p.stem not in known
                ]
        if not pending:
            _mark_synced(every_row)
    return report


def _mark_synced(rows):
    for row in rows:
        wanted = row.content_fingerprint()
        if row.synced_fingerprint != wanted:
            # No save(): the export changes no content, so no revision and no new modified_at.
            # The file was rewritten: the next sync reads and checks it again.
            type(row).objects.filter(pk=row.pk).update(synced_fingerprint=wanted, synced_file="")
