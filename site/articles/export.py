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

from . import references, sources
from .content_files import (
    TOPICS_FILE,
    ContentError,
    Problem,
    file_path,
    item_file,
    read_content,
    topics_file,
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
        content = read_content(root, known_sources)
        problems = []
        for (kind, slug), fields in expected.items():
            items = getattr(content, kind)
            if slug in items and fingerprint(items[slug]) != fingerprint(fields):
                where = Path("content") / (TOPICS_FILE if kind == "topics" else file_path(kind, slug))
                problems.append(Problem(where, "would not read back exactly as it is in the database"))
        if problems:
            raise ContentError(problems)


def export_content(root: Path, pending: bool = False) -> ExportReport:
    """Write topics, articles, FAQs and pages to `root`; archived items' files are removed.

    Everything is written to a scratch folder and read back first: if the sync could not load
    the result (say a related link points at an archived article), ContentError is raised and
    nothing in `root` changes.
    """
    root = Path(root)
    report = ExportReport()
    with transaction.atomic():
        topics = list(Topic.objects.order_by("order", "slug"))
        rows = {folder: list(model.objects.order_by("slug")) for folder, model in FOLDERS.items()}
        files = {Path(TOPICS_FILE): topics_file([t.content_fields() for t in topics])}
        expected = {("topics", t.slug): t.content_fields() for t in topics}
        for folder, items in rows.items():
            changed = _pending_fields(items) if pending else {}
            for row in items:
                if row.status == Status.ARCHIVED and row.pk not in changed:
                    continue
                fields = changed.get(row.pk) or row.content_fields()
                files[file_path(folder, row.slug)] = item_file(type(row), fields)
                expected[(folder, row.slug)] = fields
        _check_round_trip(files, expected, _known_sources(root))

        for relative, text in files.items():
            path = root / relative
            (report.written if write_atomically(path, text) else report.unchanged).append(path)
        for folder, items in rows.items():
            for row in items:
                path = root / file_path(folder, row.slug)
                # The format has no "archived": an archived item is one whose file is gone.
                if file_path(folder, row.slug) not in files and path.exists():
                    path.unlink()
                    report.removed.append(path)
            known = {row.slug for row in items}
            report.not_in_database += [p for p in sorted((root / folder).glob("*.md")) if p.stem not in known]
        if not pending:
            _mark_synced([*topics, *(row for items in rows.values() for row in items)])
    return report


def _mark_synced(rows):
    for row in rows:
        wanted = row.content_fingerprint()
        if row.synced_fingerprint != wanted:
            # No save(): the export changes no content, so no revision and no new modified_at.
            type(row).objects.filter(pk=row.pk).update(synced_fingerprint=wanted)
