"""The editorial workflow: every move a content item can make, declared once, and the one
function that makes them.

`TRANSITIONS` is the table. Each move belongs to a subject, from a state, to a state:

- the change (`CHANGE`): a pending revision of a live item, or a never-published item
  itself, on its way to the public (articles.states.ChangeState);
- the page (`PAGE`): what the public sees (articles.states.Status).

Each names the model permission a person needs (`add`/`change` for editors, `publish` for
clinical reviewers) and who may make it at all: people, the content sync, the publishing
schedule. `apply()` is the only code that moves an item: the admin's buttons and list
actions, a restore from the history, any hand-made POST, `manage.py publish_scheduled` and
`sync_content` all call it. A move that is not in the table for the item's state, or not
this actor's to make, raises `Refused` (a PermissionDenied) with a sentence saying why; the
caller shows it, and nothing is written.

Approval copies the change onto the live row in one transaction together with the review
stamp, the row's history record, its search entry and the content version (the last three
are post_save receivers, so they run inside that transaction and commit with it).
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.utils import timezone
from django.utils.formats import date_format

from . import checklist, signoff
from .models import Reviewed
from .revisions import Revision, apply_data
from .states import NEW, NO_CHANGE, ChangeState, Status

CHANGE = "change"
PAGE = "page"

PERSON = "person"
SYNC_KIND = "sync"
SCHEDULE_KIND = "schedule"
PEOPLE = frozenset({PERSON})
PEOPLE_AND_SYNC = frozenset({PERSON, SYNC_KIND})


class Refused(PermissionDenied):
    """A move this actor may not make on this item now. The message says why, for a person."""


@dataclass(frozen=True)
class System:
    """An actor that is not a person: its moves are those the table gives its kind."""

    kind: str
    name: str

    def __str__(self):
        return self.name


SYNC = System(SYNC_KIND, "the content sync")
SCHEDULE = System(SCHEDULE_KIND, "the publishing schedule")


@dataclass(frozen=True)
class Move:
    name: str
    subject: str
    source: str
    target: str
    permission: str  # add | change | publish: the model permission a person needs
    label: str
    by: frozenset = PEOPLE_AND_SYNC
    needs_reason: bool = False
    needs_go_live: bool = False


def _table(*moves):
    table = {}
    for move in moves:
        key = (move.subject, move.source, move.target)
        assert key not in table, key
        table[key] = move
    return table


D, R, S, A = ChangeState.DRAFT, ChangeState.IN_REVIEW, ChangeState.CHANGES_REQUESTED, ChangeState.APPROVED

TRANSITIONS = _table(
    # The change. Saving never changes where it stands, except that a change to approved
    # text needs approving again.
    Move("add", CHANGE, NEW, D, "add", "Save draft"),
    Move("edit", CHANGE, NO_CHANGE, D, "change", "Save as a draft change"),
    Move("edit", CHANGE, D, D, "change", "Save draft"),
    Move("edit", CHANGE, R, R, "change", "Save"),
    Move("edit", CHANGE, S, S, "change", "Save"),
    Move("edit", CHANGE, A, D, "change", "Save (the approval is withdrawn)"),
    Move("submit", CHANGE, D, R, "change", "Submit for review"),
    Move("submit", CHANGE, S, R, "change", "Submit again for review"),
    Move("send_back", CHANGE, R, S, "publish", "Send back to the editor", by=PEOPLE, needs_reason=True),
    Move("schedule", CHANGE, R, A, "publish", "Approve and schedule", by=PEOPLE, needs_go_live=True),
    Move("unschedule", CHANGE, A, R, "publish", "Cancel the approval", by=PEOPLE),
    Move("publish", CHANGE, R, ChangeState.PUBLISHED, "publish", "Approve and publish now", by=PEOPLE),
    # A reviewer signing off text as it stands; the sync loading a file that says published.
    Move("publish", CHANGE, D, ChangeState.PUBLISHED, "publish", "Publish now"),
    # At its go-live time, or earlier by a reviewer's hand.
    Move("publish", CHANGE, A, ChangeState.PUBLISHED, "publish", "Publish now", by=frozenset({PERSON, SCHEDULE_KIND})),
    Move("discard", CHANGE, D, ChangeState.DISCARDED, "change", "Discard this change", by=PEOPLE),
    Move("discard", CHANGE, S, ChangeState.DISCARDED, "change", "Discard this change", by=PEOPLE),
    # The page.
    Move("take_down", PAGE, Status.PUBLISHED, Status.ARCHIVED, "publish", "Take down", by=frozenset({PERSON, SYNC_KIND, SCHEDULE_KIND})),
    Move("put_back", PAGE, Status.ARCHIVED, Status.PUBLISHED, "publish", "Put back on the site"),
    Move("withdraw", PAGE, Status.DRAFT, Status.ARCHIVED, "publish", "Archive this draft"),
    # A file changed for a live item nobody edited in the admin: the file is the reviewed text.
    Move("load", PAGE, Status.PUBLISHED, Status.PUBLISHED, "change", "Update from the file", by=frozenset({SYNC_KIND})),
    Move("reopen", PAGE, Status.ARCHIVED, Status.DRAFT, "change", "Reopen as a draft", by=frozenset({SYNC_KIND})),
)  # fmt: skip

MOVE_NAMES = sorted({move.name for move in TRANSITIONS.values()})

# What each move did, for the person who made it.
DONE = {
    "add": "Saved as a draft. It is not on the site yet.",
    "edit": "Saved.",
    "submit": "Sent for review.",
    "send_back": "Sent back to the editor with your reason.",
    "schedule": "Approved. It goes live at {go_live}.",
    "unschedule": "The approval is cancelled: the change is waiting for review again.",
    "publish": "Published. The public sees it now.",
    "discard": "The change is discarded. The live page is as it was; the change stays in the history.",
    "take_down": "Taken down: the public no longer sees it.",
    "put_back": "Back on the site.",
    "withdraw": "Archived.",
    "load": "Updated from the file.",
    "reopen": "Reopened as a draft.",
}


def is_person(actor) -> bool:
    return not isinstance(actor, System)


def actor_kind(actor) -> str:
    return actor.kind if isinstance(actor, System) else PERSON


def has_workflow(model) -> bool:
    return issubclass(model, Reviewed)


def may(user, model, permission) -> bool:
    """Whether a person holds the model permission a move needs."""
    opts = model._meta
    codename = (
        f"publish_{opts.model_name}" if permission == "publish" else get_permission_codename(permission, opts)
    )
    return bool(user and user.is_active and user.has_perm(f"{opts.app_label}.{codename}"))


def can_publish(user, model) -> bool:
    return has_workflow(model) and may(user, model, "publish")


# -- where an item stands ----------------------------------------------------------------------


def open_change(row):
    if row is None or row.pk is None:
        return None
    return Revision.objects.for_item(row).open().first()


def change_state(row, change) -> str:
    if row is None or row.pk is None:
        return NEW
    if change is not None:
        return change.state
    return ChangeState.DRAFT if row.status == Status.DRAFT else NO_CHANGE


def holds_its_own_change(row) -> bool:
    """A never-published item is edited in place: the row is the change."""
    return row.status == Status.DRAFT


def working_copy(row, change=None):
    """The item as its editors are shaping it: the open change applied to the row (unsaved)."""
    if change is not None and not holds_its_own_change(row):
        return change.as_object(row)
    return row


def version_of(row, change) -> str:
    """What an editor's form carries, so a save over someone else's is caught."""
    if change is not None and not holds_its_own_change(row):
        return f"change-{change.pk}-{change.state}-{change.saved_at.isoformat()}"
    return f"row-{row.modified_at.isoformat()}" if row.modified_at else ""


def describe(row, change) -> str:
    """Where the item stands, as a clause: "it is live, with a change awaiting review"."""
    if row is None or row.pk is None:
        return "it is not saved yet"
    state = change.get_state_display().lower() if change is not None else ""
    if holds_its_own_change(row):
        return f"it is a draft, {state}" if state and change.state != ChangeState.DRAFT else "it is a draft"
    live = "it is live" if row.status == Status.PUBLISHED else "it was taken down"
    return f"{live}, with a change {state}" if state else f"{live}, with no change waiting"


def moves_for(actor, row, change) -> list[Move]:
    """The moves (other than saving) this actor may make on the item now, in table order."""
    found = []
    for move in TRANSITIONS.values():
        if move.name in ("add", "edit", "load", "reopen"):
            continue
        try:
            permit(actor, type(row), move)
        except Refused:
            continue
        if _current(move, row, change) == move.source and _applies(move, row, change):
            found.append(move)
    return found


def moves_from(actor, model, subject, state) -> list[Move]:
    """The moves this actor may make from `state` (of the change or the page), in table order."""
    found = []
    for move in TRANSITIONS.values():
        if (
            move.subject != subject
            or move.source != state
            or move.name in ("add", "edit", "load", "reopen", "discard")
        ):
            continue
        try:
            permit(actor, model, move)
        except Refused:
            continue
        found.append(move)
    return found


def _current(move, row, change):
    return change_state(row, change) if move.subject == CHANGE else row.status


def _applies(move, row, change) -> bool:
    """Conditions the table's states cannot say on their own."""
    if move.name == "discard":
        # A never-published item is its own change: archive it instead.
        return change is not None and not holds_its_own_change(row)
    return True


def find(name, row, change) -> Move:
    """The move called `name` from where the item stands, or Refused saying why not."""
    named = [move for move in TRANSITIONS.values() if move.name == name]
    if not named:
        raise Refused(f"“{name}” is not a step an item can take.")
    for move in named:
        if _current(move, row, change) == move.source and _applies(move, row, change):
            return move
    raise Refused(f"“{named[0].label}” is not possible now: {describe(row, change)}.")


def permit(actor, model, move):
    """Refused unless this actor may make `move` on this kind of item at all."""
    kind = actor_kind(actor)
    if kind not in move.by:
        if kind == PERSON:
            raise Refused(f"“{move.label}” is done by the content sync, not in the admin.")
        raise Refused(f"{str(actor).capitalize()} cannot “{move.label.lower()}”.")
    if kind != PERSON:
        return
    if may(actor, model, move.permission):
        return
    plural = model._meta.verbose_name_plural
    if move.permission == "publish":
        instead = " Submit it for review instead." if move.subject == CHANGE else ""
        raise Refused(f"Only a clinical reviewer can “{move.label.lower()}”.{instead}")
    raise Refused(f"You can read {plural} but not change them. Ask a clinical reviewer to make the change.")


# -- the one function ----------------------------------------------------------------------------


@dataclass
class Outcome:
    item: object
    change: object
    moves: list = field(default_factory=list)
    message: str = ""


def apply(
    actor,
    item,
    move,
    *,
    fields=None,
    note="",
    go_live_at=None,
    take_down_at=None,
    version=None,
    now=None,
) -> Outcome:
    """Make `move` on `item` as `actor`, saving `fields` first when given; all or nothing.

    `item` is the row, or a new unsaved one for "add". `fields` are content fields as a
    content file holds them (editors' own: a person never sets the status or the review
    fields through them). `version` is what the actor's form was opened at: a save over a
    newer version is refused. Raises Refused; returns what was done.
    """
    now = now or timezone.now()
    model = type(item)
    with transaction.atomic(using=router.db_for_write(model)):
        if not has_workflow(model):
            return _save_plain(actor, item, move, fields, version)
        if item.pk is None:
            row, change = None, None
        else:
            row, change = locked(item)
            if version is not None and version != version_of(row, change):
                raise Refused(conflict_sentence(row, change))
        done = []
        if row is None:
            row = item
            if fields:
                row.set_file_values(_own_fields(actor, row, fields))
            step = find("add", row, None)
            permit(actor, model, step)
            _add(actor, row)
            done.append(step)
        elif fields is not None and move != "load" and _differs(row, change, _own_fields(actor, row, fields)):
            step = find("edit", row, change)
            permit(actor, model, step)
            change = _edit(actor, step, row, change, _own_fields(actor, row, fields), now)
            done.append(step)
        if move not in ("add", "edit"):
            step = find(move, row, change)
            permit(actor, model, step)
            _check_details(step, note, go_live_at, take_down_at, now)
            _review_gate(actor, step, row, change)
            change = _perform(actor, step, row, change, note, go_live_at, take_down_at, now, fields)
            done.append(step)
        if move == "edit" and not done:
            # Saving without changing anything is not a move; it is still refused to a reader.
            permit(actor, model, find("edit", row, change))
        message = DONE[done[-1].name] if done else "Nothing changed."
        if change is not None and change.go_live_at:
            message = message.format(go_live=when(change.go_live_at))
        return Outcome(row, change, done, message)


def when(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {date_format(local, 'j F Y')}"


def conflict_sentence(row, change) -> str:
    subject = change if change is not None and not holds_its_own_change(row) else row
    latest = subject.history.first()
    who = (latest.history_user.get_username() if latest and latest.history_user else None) or SYNC.name
    moment = latest.history_date if latest else row.modified_at
    noun = row._meta.verbose_name
    return f"This {noun} changed since you opened it: {who} saved it at {when(moment)}."


def locked(item):
    """The row and its open change as stored now, locked until the transaction ends where the database can."""
    rows = type(item)._default_manager.select_for_update()
    row = rows.filter(pk=item.pk).first()
    if row is None:
        raise Refused(f"This {item._meta.verbose_name} no longer exists.")
    change = Revision.objects.select_for_update().for_item(row).open().first()
    return row, change


def _own_fields(actor, row, fields) -> dict:
    """The fields this actor may write: a person never the status or a sign-off."""
    if is_person(actor):
        return {k: v for k, v in fields.items() if k not in row.WORKFLOW_FIELDS}
    return {k: v for k, v in fields.items() if k != "status"}


def _normalised(row, values) -> dict:
    """`values` as the row would store them (tidied, typed), editable fields only."""
    return apply_data(row, values).editable_fields()


def _differs(row, change, values) -> bool:
    current = working_copy(row, change)
    wanted = apply_data(current, values)
    return wanted.content_fields() != current.content_fields()


def _add(actor, row):
    row.status = Status.DRAFT
    row.take_down_at = None
    _save_row(actor, row, "Created as a draft")


def _save_row(actor, row, reason):
    row._change_reason = reason
    if is_person(actor):
        row._history_user = actor
    row.save()


def _save_change(actor, change, reason):
    change._change_reason = reason[:100]
    if is_person(actor):
        change._history_user = actor
    change.save()


def _new_change(actor, row, now, data):
    last = (
        Revision.objects.for_item(row).filter(state=ChangeState.PUBLISHED).order_by("-published_at").first()
    )
    person = actor if is_person(actor) else None
    return Revision(
        item=row,
        data=data,
        base_data=None if holds_its_own_change(row) else as_json(row.editable_fields()),
        based_on=last,
        created_by=person,
        created_at=now,
        saved_by=person,
        saved_at=now,
    )


def as_json(values: dict) -> dict:
    """Values a JSONField can hold: dates as ISO strings, as content files write them."""
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in values.items()}


def _edit(actor, move, row, change, values, now):
    if holds_its_own_change(row):
        row.set_file_values(values)
        _save_row(actor, row, "Edited")
        if change is not None:
            change.data = as_json(row.editable_fields())
    else:
        data = as_json(_normalised(row if change is None else working_copy(row, change), values))
        if change is None:
            change = _new_change(actor, row, now, data)
        change.data = data
    if change is not None:
        change.state = move.target
        if move.target == ChangeState.DRAFT:
            change.go_live_at = change.take_down_at = None
        change.saved_by = actor if is_person(actor) else None
        change.saved_at = now
        _save_change(actor, change, move.label)
    return change


def _check_details(move, note, go_live_at, take_down_at, now):
    if move.needs_reason and not (note or "").strip():
        raise Refused("Say why you are sending it back: the editor sees your reason beside their text.")
    if move.needs_go_live and (go_live_at is None or go_live_at <= now):
        raise Refused("Choose a go-live time in the future, or approve and publish now.")
    if take_down_at is not None:
        if take_down_at <= now:
            raise Refused("The take-down time has passed: choose a time in the future, or take it down now.")
        if go_live_at is not None and take_down_at <= go_live_at:
            raise Refused("The take-down time must come after the go-live time.")


def _review_gate(actor, move, row, change):
    """A person's approval is refused while the text breaks a rule the content tests enforce."""
    goes_public = move.target in (ChangeState.PUBLISHED, ChangeState.APPROVED) or move.name == "put_back"
    if not (is_person(actor) and goes_public):
        return
    failing = checklist.blocking(working_copy(row, change))
    if failing:
        reasons = "; ".join(f"{check.title}: {check.notes[0]}" for check in failing)
        raise Refused(f"It cannot be approved yet. {reasons}")


def _perform(actor, move, row, change, note, go_live_at, take_down_at, now, fields=None):
    person = actor if is_person(actor) else None
    name = move.name
    if name == "submit":
        if change is None:
            change = _new_change(actor, row, now, as_json(row.editable_fields()))
        change.state = move.target
        change.submitted_by, change.submitted_at = person, now
        _save_change(actor, change, "Submitted for review")
    elif name in ("send_back", "schedule", "unschedule"):
        change.state = move.target
        if name != "unschedule":
            change.decided_by, change.decided_at, change.decision_note = person, now, note.strip()
        change.go_live_at = go_live_at if name == "schedule" else None
        change.take_down_at = take_down_at if name == "schedule" else None
        reason = "Sent back to the editor" if name == "send_back" else move.label
        _save_change(actor, change, reason)
    elif name == "publish":
        _publish(actor, move, row, change, take_down_at, now)
    elif name == "discard":
        change.state = move.target
        _save_change(actor, change, "Discarded")
    elif name == "load":
        row.set_file_values(_own_fields(actor, row, fields or {}))
        _save_row(actor, row, "Updated from the content file")
    elif name == "take_down" and take_down_at is not None:
        row.take_down_at = take_down_at
        _save_row(actor, row, f"To be taken down at {when(take_down_at)}")
    elif name in ("take_down", "put_back", "withdraw", "reopen"):
        row.status = move.target
        row.take_down_at = None
        if name == "put_back" and person is not None:
            signoff.stamp(
                row, signoff.reviewer_name(person), timezone.localdate(now), settings.REVIEW_INTERVAL_MONTHS
            )
        if name == "withdraw" and change is not None:
            change.state = ChangeState.DISCARDED
            _save_change(actor, change, "Archived with its draft")
        _save_row(actor, row, move.label)
    return change


def _publish(actor, move, row, change, take_down_at, now):
    if change is not None and not holds_its_own_change(row):
        row.set_file_values(change.data)
        row.normalise_text()
        taken = type(row)._default_manager.filter(slug=row.slug, language=row.language).exclude(pk=row.pk)
        if taken.exists():
            raise Refused(
                f"Another {row._meta.verbose_name} already has the address “{row.slug}”. Change the slug first."
            )
    row.status = Status.PUBLISHED
    if is_person(actor):
        reviewer, day = signoff.reviewer_name(actor), timezone.localdate(now)
    elif actor is SCHEDULE and change is not None and change.decided_by is not None:
        reviewer, day = signoff.reviewer_name(change.decided_by), timezone.localdate(change.decided_at)
    else:
        reviewer = None  # the sync: a file carries its own sign-off
    if reviewer:
        signoff.stamp(row, reviewer, day, settings.REVIEW_INTERVAL_MONTHS)
    row.take_down_at = take_down_at or (change.take_down_at if change is not None else None)
    _save_row(actor, row, f"Published, approved by {reviewer}" if reviewer else f"Published by {actor}")
    if change is not None:
        change.state = ChangeState.PUBLISHED
        change.published_at = now
        if is_person(actor):
            change.decided_by, change.decided_at = actor, now
        _save_change(actor, change, "Published")


def _save_plain(actor, item, move, fields, version):
    """Content without a workflow (topics): the same permission check, then saved in place."""
    adding = item.pk is None
    if move not in ("add", "edit", "load"):
        raise Refused(f"A {item._meta.verbose_name} is saved, not moved through review.")
    if is_person(actor):
        if not may(actor, type(item), "add" if adding else "change"):
            plural = item._meta.verbose_name_plural
            raise Refused(
                f"You can read {plural} but not change them. Ask a clinical reviewer to make the change."
            )
    elif actor is not SYNC:
        raise Refused(f"{actor} does not change {item._meta.verbose_name_plural}.")
    row = item
    if not adding:
        row = type(item)._default_manager.select_for_update().filter(pk=item.pk).first()
        if row is None:
            raise Refused(f"This {item._meta.verbose_name} no longer exists.")
        if version is not None and version != version_of(row, None):
            raise Refused(conflict_sentence(row, None))
        if fields is None:
            fields = item.content_fields()
    if fields:
        row.set_file_values(fields)
    _save_row(actor, row, "Created" if adding else "Edited")
    return Outcome(row, None, [], "Saved.")


# -- the schedule -------------------------------------------------------------------------------


def publish_scheduled(now=None) -> list[str]:
    """Apply every go-live and take-down time that has come; one line per item. Idempotent."""
    now = now or timezone.now()
    lines = []
    due = Revision.objects.filter(state=ChangeState.APPROVED, go_live_at__lte=now).order_by(
        "go_live_at", "pk"
    )
    for change in due:
        row = change.item
        try:
            row = apply(SCHEDULE, row, "publish", now=now).item
        except Refused as refused:  # moved on by someone else since this run began
            lines.append(f"Left {row._meta.verbose_name} “{row}”: {refused}")
            continue
        lines.append(f"Published {row._meta.verbose_name} “{row}” (due {when(change.go_live_at)}).")
    for model in [m for m in apps.get_models() if issubclass(m, Reviewed)]:
        for row in model.objects.filter(status=Status.PUBLISHED, take_down_at__lte=now).order_by(
            "take_down_at"
        ):
            due_at = row.take_down_at
            try:
                apply(SCHEDULE, row, "take_down", now=now)
            except Refused as refused:
                lines.append(f"Left {row._meta.verbose_name} “{row}”: {refused}")
                continue
            lines.append(f"Took down {row._meta.verbose_name} “{row}” (due {when(due_at)}).")
    return lines
