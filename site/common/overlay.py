"""Translations of the rules files: a language's texts laid over the English file's data.

`content/<language>/selfcheck.yaml`, `selfcheck-cases.yaml` and `result-explainer.yaml` hold
only texts, keyed by the ids of the English file, and name the version of the English file
they were translated from (ADR 004). `translate()` lays them over the parsed English data and
the loader then builds and checks the result exactly as it builds the English: a translation
changes words, never an id, a level, a floor, a rule or a number.

A translation is stale when the English file has changed since it was written (the version
it names is not the English file's version today) or when an English text has no
translation. A stale translation is not shown: the reader gets the English, with a note,
rather than questions or advice that may be out of date. `stale_overlays()` lists them.

Plain Python with no Django, so any loader can use it at start-up.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from common import datafile
from common.datafile import DataFileError
from common.wording import diagnostic_phrase

HEADER = ("translation_of", "source_version", "last_reviewed", "next_review_due", "reviewed_by")
VERSION = re.compile(r"[0-9a-f]{12}")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# An overlay that says nothing about a place, as against one that says something wrong there.
_ABSENT = object()


def version(path: Path | str) -> str:
    """The first 12 hex digits of the SHA-256 of the file's bytes: the version a translation names."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


@dataclass(frozen=True)
class Translation:
    """One language's texts for one rules file: its sign-off, and whether it is behind the English."""

    language: str
    file: str
    # The English file's version the texts were written from ("" when there is no file), and today's.
    source_version: str
    english_version: str
    last_reviewed: datetime.date | None = None
    next_review_due: datetime.date | None = None
    reviewed_by: str = ""
    # Where an English text has no translation, as "steps 'urgent': questions 'urgent': hint".
    missing: tuple[str, ...] = ()

    @property
    def stale_reason(self) -> str:
        """Why the English is shown instead, in words for the editors; "" when the texts are current."""
        if not self.source_version:
            return "there is no translation of this file yet"
        if self.source_version != self.english_version:
            return (
                f"the English file has changed since this translation: it names version "
                f"{self.source_version}, the English is now {self.english_version}"
            )
        if self.missing:
            more = f" and {len(self.missing) - 1} more" if len(self.missing) > 1 else ""
            return f"an English text has no translation: {self.missing[0]}{more}"
        return ""

    @property
    def is_stale(self) -> bool:
        return bool(self.stale_reason)

    @property
    def label(self) -> str:
        """The file as the editors know it: content/es/selfcheck.yaml."""
        return f"content/{self.language}/{Path(self.file).name}"


def translate(
    english_path: Path | str, overlay_path: Path | str, language: str, text_fields, error=DataFileError
):
    """(the English data with the overlay's texts laid over it, the Translation).

    The data is None when there is no overlay or the English has changed since it was written:
    its texts are then neither used nor checked, as they may no longer fit. Otherwise it is
    the merged data even when a text is missing (the English one stands in), so the loader
    checks every translated text at start-up; the Translation then says it is stale.
    `text_fields` names the fields whose values are words (see `apply`).
    """
    english_path, overlay_path = Path(english_path), Path(overlay_path)
    current = version(english_path)
    if not overlay_path.exists():
        return None, Translation(language, str(overlay_path), "", current)
    data = datafile.read_yaml(overlay_path, error)
    try:
        translation = _header(data, english_path.name, language, str(overlay_path), current)
        if translation.source_version != current:
            return None, translation
        merged, missing = apply(datafile.read_yaml(english_path, error), data["texts"], text_fields)
        _check_wording(data["texts"], "texts", language)
    except DataFileError as exc:
        raise error(f"{overlay_path}: {exc}") from None
    return merged, replace(translation, missing=missing)


def apply(english, texts, text_fields) -> tuple[object, tuple[str, ...]]:
    """(the English data with `texts` laid over it, where an English text has no translation).

    Only the values of `text_fields` that hold text in the English (a string, or a list of
    strings) can be replaced; anything else the overlay names (an id, a level, a number, a
    field or item the English does not have) is refused with DataFileError naming the place.

    A list of items that each have an `id` (steps, questions, options, bands, groups) is
    translated by id, as a mapping `id: texts`: an id says which question a text belongs to
    however the English list is reordered, and a text for an id the English no longer has is
    caught. A list without ids (cases, links, the lines of `do` or `ask`) can only be matched
    by position; that is safe because any change to the English file, a line added or moved
    included, makes its translation stale until a translator has looked again.
    """
    missing = []
    merged = _lay(english, texts, "", frozenset(text_fields), missing, is_text=False)
    return merged, tuple(missing)


def _lay(english, texts, where, fields, missing, is_text):
    if isinstance(english, dict):
        return _mapping(english, texts, where, fields, missing)
    if isinstance(english, list) and english and all(isinstance(item, str) for item in english) and is_text:
        return _lines(english, texts, where, missing)
    if isinstance(english, list):
        if english and all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in english):
            return _by_id(english, texts, where, fields, missing)
        return _by_position(english, texts, where, fields, missing)
    if isinstance(english, str) and english.strip() and is_text:
        return _text(english, texts, where, missing)
    if texts is not _ABSENT:
        raise _refused(where, "is not a text in the English file; a translation changes only words")
    return english


def _mapping(english: dict, texts, where, fields, missing) -> dict:
    texts = {} if texts is _ABSENT else texts
    if not isinstance(texts, dict):
        raise _refused(where, "expected a mapping, as in the English file")
    for key in texts:
        if key not in english:
            raise _refused(_at(where, key), "is not in the English file")
    return {
        key: _lay(value, texts.get(key, _ABSENT), _at(where, key), fields, missing, is_text=key in fields)
        for key, value in english.items()
    }


def _by_id(english: list, texts, where, fields, missing) -> list:
    texts = {} if texts is _ABSENT else texts
    if not isinstance(texts, dict):
        raise _refused(where, "expected the items by id ('id: texts'), as the English file names them")
    ids = [item["id"] for item in english]
    for item_id in texts:
        if item_id not in ids:
            raise _refused(where, f"'{item_id}' is not an id in the English file")
    return [
        _lay(item, texts.get(item["id"], _ABSENT), f"{where} '{item['id']}'", fields, missing, is_text=False)
        for item in english
    ]


def _by_position(english: list, texts, where, fields, missing) -> list:
    texts = [] if texts is _ABSENT else texts
    if not isinstance(texts, list):
        raise _refused(where, "expected a list, item by item as in the English file")
    if len(texts) > len(english):
        raise _refused(where, f"has {len(texts)} items, the English file {len(english)}")
    return [
        _lay(item, texts[i] if i < len(texts) else _ABSENT, f"{where}[{i}]", fields, missing, is_text=False)
        for i, item in enumerate(english)
    ]


def _lines(english: list, texts, where, missing) -> list:
    """A list of texts (the lines of `do`, `ask`, ...), matched line by line."""
    texts = [] if texts is _ABSENT else texts
    if not isinstance(texts, list):
        raise _refused(where, "expected a list of texts, as in the English file")
    if len(texts) > len(english):
        raise _refused(where, f"has {len(texts)} texts, the English file {len(english)}")
    return [
        _text(line, texts[i] if i < len(texts) else _ABSENT, f"{where}[{i}]", missing)
        for i, line in enumerate(english)
    ]


def _text(english: str, text, where, missing) -> str:
    if text is _ABSENT:
        missing.append(where)
        return english
    if not isinstance(text, str):
        shown = "nothing" if text is None else f"{type(text).__name__} {text!r}"
        raise _refused(where, f"must be text, not {shown}")
    if not text.strip():
        raise _refused(where, "is empty")
    # A number to call is filled in from the settings: a translation must keep every one.
    wanted = sorted(PLACEHOLDER.findall(english))
    if sorted(PLACEHOLDER.findall(text)) != wanted:
        keep = ", ".join(wanted) if wanted else "no placeholders"
        raise _refused(where, f"must keep the English text's placeholders ({keep})")
    return text


def _check_wording(texts, where, language) -> None:
    """Every translated text, against the wording list of its own language: the loader's
    checks (common.datafile.text) know only the English one."""
    if isinstance(texts, str):
        if found := diagnostic_phrase(texts, language):
            raise _refused(where, f"'{found}' reads as a diagnosis; reword it")
    elif isinstance(texts, dict):
        for key, value in texts.items():
            _check_wording(value, _at(where, key), language)
    elif isinstance(texts, list):
        for index, value in enumerate(texts):
            _check_wording(value, f"{where}[{index}]", language)


def _header(data, english_name, language, file, current) -> Translation:
    datafile.fields(data, "the file", required=(*HEADER, "texts"))
    if data["translation_of"] != english_name:
        raise DataFileError(f"translation_of: '{data['translation_of']}' is not '{english_name}'")
    source_version = data["source_version"]
    if not isinstance(source_version, str) or not VERSION.fullmatch(source_version):
        raise DataFileError(
            "source_version: must be the first 12 hex digits of the English file's SHA-256, in quotes"
        )
    review = {
        "last_reviewed": datafile.date(data["last_reviewed"], "last_reviewed"),
        "next_review_due": datafile.date(data["next_review_due"], "next_review_due"),
        "reviewed_by": data["reviewed_by"] or "",
    }
    if problem := datafile.review_fields_problem(**review):
        raise DataFileError(problem)
    if not isinstance(data["texts"], dict):
        raise DataFileError("texts: expected a mapping, as in the English file")
    return Translation(language, file, source_version, current, **review)


def _at(where: str, key) -> str:
    return f"{where}: {key}" if where else str(key)


def _refused(where: str, problem: str) -> DataFileError:
    return DataFileError(f"texts: {where}: {problem}" if where else f"texts: {problem}")


# --- the translations the site has loaded, for the editors' dashboard ------------------------

_loaded: dict[str, Translation] = {}


def register(translation: Translation) -> None:
    """Called by the app that loaded a translation, from its ready()."""
    _loaded[translation.label] = translation


def stale_overlays() -> list[tuple[str, str]]:
    """(file, why) for every loaded translation the site does not show, the English standing in."""
    return sorted((t.label, t.stale_reason) for t in _loaded.values() if t.is_stale)


# --- what a page in a translation says about it -----------------------------------------------

STALE = "stale"
UNREVIEWED = "unreviewed"


def note(*translations: Translation | None) -> str:
    """STALE when a page shows the English because a translation it uses is stale, UNREVIEWED
    when its translations are current but one is not yet signed off, "" otherwise (and in
    English, where there is no translation: None)."""
    present = [t for t in translations if t is not None]
    if any(t.is_stale for t in present):
        return STALE
    if any(not t.reviewed_by for t in present):
        return UNREVIEWED
    return ""
