"""Readable differences between two versions of a content item: for the history, and for the
preview, where the reviewer reads what a change would do to the live page."""

import difflib
import json
import re
from dataclasses import dataclass, field

# Derived from other fields, or bookkeeping nobody edits.
SKIPPED = {
    "id",
    "body_html",
    "answer_html",
    "toc_html",
    "created_at",
    "modified_at",
    "synced_fingerprint",
    "synced_file",
    "take_down_at",
}
CONTEXT_LINES = 2


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    lines: list = field(
        default_factory=list
    )  # (kind, text) for multi-line values; kind is same/added/removed/gap


def _text(record, model_field):
    if record is None:
        return ""
    value = getattr(record, model_field.name)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, indent=2, ensure_ascii=False)
    return str(value)


@dataclass
class DiffLine:
    kind: str  # same, added, removed or gap
    text: str
    # For a line changed in place: (changed, piece) pieces, so the words that changed stand out
    # in a long paragraph where one word was fixed.
    pieces: list = field(default_factory=list)


def word_pieces(old: str, new: str):
    """(old pieces, new pieces): each line cut into runs of words marked changed or not."""
    a, b = re.findall(r"\s+|\S+", old), re.findall(r"\s+|\S+", new)
    old_pieces, new_pieces = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            old_pieces.append((tag != "equal", "".join(a[i1:i2])))
        if j2 > j1:
            new_pieces.append((tag != "equal", "".join(b[j1:j2])))
    return old_pieces, new_pieces


def line_diff(old: str, new: str):
    """The changed lines with a little context; long unchanged stretches become a gap."""
    a, b = old.splitlines(), new.splitlines()
    lines = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(CONTEXT_LINES):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("same", line) for line in a[i1:i2])
                continue
            if tag == "replace" and i2 - i1 == j2 - j1:
                pairs = [word_pieces(x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True)]
                lines.extend(
                    DiffLine("removed", line, pieces)
                    for line, (pieces, _) in zip(a[i1:i2], pairs, strict=True)
                )
                lines.extend(
                    DiffLine("added", line, pieces) for line, (_, pieces) in zip(b[j1:j2], pairs, strict=True)
                )
                continue
            lines.extend(DiffLine("removed", line) for line in a[i1:i2])
            lines.extend(DiffLine("added", line) for line in b[j1:j2])
    return lines


def revision_changes(model, old_record, new_record, names=None):
    """What changed from `old_record` to `new_record` (either may be a historical record or an
    unsaved item); only the fields in `names` when given."""
    changes = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in SKIPPED or (names is not None and model_field.name not in names):
            continue
        old, new = _text(old_record, model_field), _text(new_record, model_field)
        if old == new:
            continue
        change = FieldChange(label=str(model_field.verbose_name).capitalize(), old=old, new=new)
        if "\n" in old or "\n" in new:
            change.lines = line_diff(old, new)
        changes.append(change)
    return changes
