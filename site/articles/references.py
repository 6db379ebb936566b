"""The list of sources the site may cite: `content/references.yaml`.

Articles, questions, the self-check rules and the result explainer name a source by its id.
This module reads and checks the file; it imports nothing from Django so that any loader
(the content sync, the self-check, the explainer) can use it at start-up or in a test.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

FILE_NAME = "references.yaml"
REFERENCE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STATUSES = ("current", "superseded")
FIELDS = {"id", "citation", "url", "status", "superseded_by", "note", "cite_for"}
REQUIRED = ("id", "citation", "status", "cite_for")


class ReferencesError(Exception):
    """The references file cannot be used; the message names the entry and the field."""


@dataclass(frozen=True)
class Reference:
    id: str
    citation: str
    url: str
    status: str
    superseded_by: str
    note: str
    cite_for: str

    @property
    def superseded(self) -> bool:
        return self.status == "superseded"


def _one_line(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def parse(text: str, source: str = FILE_NAME) -> dict[str, Reference]:
    """The references keyed by id, in file order; ReferencesError names the first problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" at line {mark.line + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or "cannot be parsed"
        raise ReferencesError(f"{source}: is not valid YAML{place}: {reason}") from exc
    if not isinstance(data, list):
        raise ReferencesError(f"{source}: must be a list of sources")
    found: dict[str, Reference] = {}
    for number, entry in enumerate(data, start=1):
        reference = _entry(entry, f"{source}: entry {number}")
        if reference.id in found:
            raise ReferencesError(f"{source}: entry {number}: id {reference.id!r} is used twice")
        found[reference.id] = reference
    for reference in found.values():
        if reference.superseded and reference.superseded_by not in found:
            raise ReferencesError(
                f"{source}: {reference.id}: superseded_by {reference.superseded_by!r} is not a known id"
            )
    return found


def _entry(entry, where: str) -> Reference:
    if not isinstance(entry, dict):
        raise ReferencesError(f"{where}: must be 'field: value' lines")
    unknown = sorted(set(map(str, entry)) - FIELDS)
    if unknown:
        raise ReferencesError(f"{where}: unknown field {unknown[0]!r} (allowed: {', '.join(sorted(FIELDS))})")
    values = {name: _one_line(entry.get(name)) for name in FIELDS}
    for name in REQUIRED:
        if not values[name]:
            raise ReferencesError(f"{where}: {name} is required")
    where = f"{where} ({values['id']})"
    if not REFERENCE_ID.match(values["id"]):
        raise ReferencesError(f"{where}: id must be lower-case letters, digits and single hyphens")
    if values["status"] not in STATUSES:
        raise ReferencesError(f"{where}: status must be one of {', '.join(STATUSES)}")
    if values["url"] and urlsplit(values["url"]).scheme not in ("http", "https"):
        raise ReferencesError(f"{where}: url must be an http or https address")
    if values["status"] == "superseded" and not (values["superseded_by"] and values["note"]):
        raise ReferencesError(f"{where}: a superseded source needs superseded_by and a note")
    if values["status"] == "current" and values["superseded_by"]:
        raise ReferencesError(f"{where}: superseded_by is only for a superseded source")
    return Reference(**values)


def load(content_dir: Path | str) -> dict[str, Reference]:
    path = Path(content_dir) / FILE_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferencesError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    return parse(text, source=str(path))


def check_ids(value, known: dict[str, Reference]) -> list[str]:
    """The list of source ids a page cites, checked against `known`.

    The one rule for a page's `references`, used by the content sync and the admin form alike:
    a list of ids from references.yaml, each once. ReferencesError says what is wrong in a
    sentence an editor can act on.
    """
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ReferencesError(
            f"must be a list of source ids from {FILE_NAME}, for example [nice-ng239, arendt-2013]"
        )
    unknown = [item for item in value if item not in known]
    if unknown:
        raise ReferencesError(
            f"{', '.join(repr(item) for item in unknown)} "
            f"{'is not a source id' if len(unknown) == 1 else 'are not source ids'} in {FILE_NAME}"
        )
    repeated = sorted({item for item in value if value.count(item) > 1})
    if repeated:
        raise ReferencesError(f"{', '.join(repr(item) for item in repeated)} is cited more than once")
    return list(value)
