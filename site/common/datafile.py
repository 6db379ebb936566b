"""Reading and checking the reviewable data files: the self-check, its cases, the result explainer.

Each loader builds its own types and makes its own domain checks; what they share is here:
reading the YAML with a message that names the line, and the field checks every file makes
(known fields only, non-empty lists, dates, one-line texts that never read as a diagnosis,
site-relative links). The helpers raise `DataFileError`; each loader's own error derives from
it and its entry point adds the file name, so a caller catches the loader's error as before.

Plain Python with no Django, so any loader can use it at start-up.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from common.wording import diagnostic_phrase

SITE_PATH = re.compile(r"/[a-z0-9/-]*/")


class DataFileError(ValueError):
    """A data file is invalid. The message says where and why."""


@dataclass(frozen=True)
class Link:
    title: str
    url: str


def read_yaml(path: Path | str, error: type[DataFileError] = DataFileError):
    """The parsed file; `error` naming the file (and the line, where YAML knows it) otherwise."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    return parse_yaml(text, str(path), error)


def parse_yaml(text: str, source: str, error: type[DataFileError] = DataFileError):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(f"{source}: is not valid YAML{place}: {problem}") from exc


def fields(data, where, required=(), optional=()) -> None:
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: expected a mapping with {', '.join(required)}")
    unknown = sorted(str(k) for k in data if k not in required and k not in optional)
    if unknown:
        raise DataFileError(f"{where}: unknown field {', '.join(unknown)}")
    missing = [k for k in required if k not in data]
    if missing:
        raise DataFileError(f"{where}: missing {', '.join(missing)}")


def listed(data, where, build) -> list:
    """`build(item, where)` for each item of a non-empty list."""
    if not isinstance(data, list) or not data:
        raise DataFileError(f"{where}: expected a non-empty list")
    return [build(item, f"{where}[{i}]") for i, item in enumerate(data)]


def date(value, where, required=False) -> datetime.date | None:
    if value is None and not required:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    raise DataFileError(f"{where}: must be a date written YYYY-MM-DD")


def source(source_id, sources: dict, where):
    """The entry of references.yaml (`sources`, by id) a rule or text cites; never a superseded one."""
    reference = sources.get(source_id) if isinstance(source_id, str) else None
    if reference is None:
        raise DataFileError(f"{where}: '{source_id}' is not an id in references.yaml")
    if reference.superseded:
        raise DataFileError(
            f"{where}: '{source_id}' is superseded by '{reference.superseded_by}'; cite that instead"
        )
    return reference


def review_fields_problem(reviewed_by, last_reviewed, next_review_due) -> str:
    """What is wrong with a sign-off's three fields, or "" when they hold together.

    The one rule for every place a sign-off is written: the content forms and each data file.
    """
    if not isinstance(reviewed_by, str):
        return "reviewed_by: must be a name, or empty"
    if bool(reviewed_by) != bool(last_reviewed):
        return "reviewed_by and last_reviewed: fill in both when a clinician signs off, or neither"
    if next_review_due and not last_reviewed:
        return "next_review_due: is set but last_reviewed is empty"
    if last_reviewed and next_review_due and next_review_due <= last_reviewed:
        return "next_review_due: must be after last_reviewed"
    return ""


REVIEW_HEADER = ("version", "updated", "last_reviewed", "next_review_due", "reviewed_by")


def review_header(data) -> dict:
    """The version, update date and sign-off at the top of a rules file, checked."""
    if not isinstance(data["version"], int) or isinstance(data["version"], bool):
        raise DataFileError("version: must be a whole number")
    header = {
        "version": data["version"],
        "updated": date(data["updated"], "updated", required=True),
        "last_reviewed": date(data["last_reviewed"], "last_reviewed"),
        "next_review_due": date(data["next_review_due"], "next_review_due"),
        "reviewed_by": data["reviewed_by"] or "",
    }
    problem = review_fields_problem(header["reviewed_by"], header["last_reviewed"], header["next_review_due"])
    if problem:
        raise DataFileError(problem)
    return header


def text(value, where, required=True, placeholders=()) -> str:
    """One line of reader-facing text: no wording that reads as a diagnosis, and no `{…}`
    other than the `placeholders` the loader fills in."""
    if value is None or value == "":
        if required:
            raise DataFileError(f"{where}: missing text")
        return ""
    if not isinstance(value, str):
        raise DataFileError(f"{where}: must be text")
    value = " ".join(value.split())
    # The site routes people to care; it never names what is wrong with them.
    if found := diagnostic_phrase(value):
        raise DataFileError(f"{where}: '{found}' reads as a diagnosis; reword it")
    rest = value
    for placeholder in placeholders:
        rest = rest.replace(placeholder, "")
    if "{" in rest or "}" in rest:
        allowed = f"the only placeholders allowed are {', '.join(placeholders)}" if placeholders else None
        raise DataFileError(f"{where}: {allowed or 'text cannot hold placeholders'}")
    return value


def texts(data, where, empty=False, placeholders=()) -> tuple[str, ...]:
    if not isinstance(data, list) or (not data and not empty):
        raise DataFileError(f"{where}: expected a non-empty list of texts")
    return tuple(text(item, f"{where}[{i}]", placeholders=placeholders) for i, item in enumerate(data))


def link(data, where) -> Link:
    fields(data, where, required=("title", "url"))
    url = data["url"]
    # Site-relative only: the same links work on the public site and on the kiosk.
    if not isinstance(url, str) or not SITE_PATH.fullmatch(url) or "//" in url:
        raise DataFileError(f"{where}: url '{url}' must be a site path like /articles/slug/")
    return Link(title=text(data["title"], f"{where}: title"), url=url)
