"""What the change form shows around the fields: where the item stands, who did what, the
buttons for the moves this person may make now, and the checklist's verdict."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles import checklist, workflow
from articles.revisions import Revision
from articles.states import ChangeState, Status

# Where each move's button goes on the form.
REVIEW_MOVES = ("publish", "schedule", "send_back", "unschedule")
PAGE_MOVES = ("take_down", "put_back", "withdraw")


@dataclass
class Button:
    move: str
    label: str
    style: str = ""  # "default" for the form's main button, "danger" for taking things away


def person(user, default="the content sync") -> str:
    if user is None:
        return default
    return user.get_full_name().strip() or user.get_username()


def status_lines(row, change) -> list[tuple[str, str]]:
    """(kind, sentence) lines about where the item stands, for the banner above the form."""
    never = row.status == Status.DRAFT
    if never:
        lines = [("info", "Draft: not on the site yet. Editing it changes the draft itself.")]
    elif row.status == Status.ARCHIVED:
        lines = [("info", "Taken down: the public no longer sees it.")]
    elif change is None:
        lines = [("live", "Live: the public sees the published version.")]
    else:
        lines = []
    live = (
        ""
        if never or row.status != Status.PUBLISHED
        else " The public sees the published version until a reviewer approves it."
    )
    if row.take_down_at and row.status == Status.PUBLISHED:
        lines.append(("info", f"It comes down at {workflow.when(row.take_down_at)}."))
    if change is None:
        return lines
    who = person(change.saved_by or change.created_by)
    if change.state == ChangeState.DRAFT:
        what = "Draft" if never else "Live, with a draft change"
        lines.insert(0, ("draft", f"{what}: last saved by {who} at {workflow.when(change.saved_at)}.{live}"))
    elif change.state == ChangeState.IN_REVIEW:
        since = workflow.when(change.submitted_at or change.saved_at)
        what = "Draft awaiting review" if never else "Live, with changes awaiting review"
        lines.insert(
            0,
            (
                "review",
                f"{what} since {since}: submitted by {person(change.submitted_by)}, last changed by {who}.{live}",
            ),
        )
    elif change.state == ChangeState.CHANGES_REQUESTED:
        when = workflow.when(change.decided_at)
        lines.insert(
            0, ("sent-back", f"Sent back by {person(change.decided_by)} at {when}: {change.decision_note}")
        )
        if live:
            lines.insert(0, ("live", f"Live, with a change sent back to the editor.{live}"))
    elif change.state == ChangeState.APPROVED:
        down = f"; it comes down at {workflow.when(change.take_down_at)}" if change.take_down_at else ""
        lines.insert(
            0,
            (
                "approved",
                f"Approved by {person(change.decided_by)}: it goes live at {workflow.when(change.go_live_at)}{down}.",
            ),
        )
    if (
        change.base_data is not None
        and not never
        and workflow.as_json(row.editable_fields()) != change.base_data
    ):
        lines.append(
            (
                "warning",
                "The live page has changed since this change was started. Approving the change would "
                "replace those edits: compare them in the preview first.",
            )
        )
    return lines


def buttons_for(model_admin, request, obj):
    """(save buttons, review buttons, page buttons) for this person, this item, now."""
    user, model = request.user, model_admin.model
    if obj is None or obj.pk is None:
        if not model_admin.has_add_permission(request):
            return [], [], []
        save = [Button("add", "Save draft", "default"), Button("submit", "Save and submit for review")]
        review = [Button("publish", "Save and publish now")] if workflow.can_publish(user, model) else []
        return save, review, []
    row, change = obj._row, obj._change
    save, review, page = [], [], []
    moves = workflow.moves_for(user, row, change)
    try:
        edit = workflow.find("edit", row, change)
        workflow.permit(user, model, edit)
    except workflow.Refused:
        edit = None
    else:
        save.append(Button("edit", edit.label, "default"))
    labels = {move: move.label for move in moves}
    if edit is not None and edit.target != workflow.change_state(row, change):
        # A save here opens a change (or withdraws an approval): offer the moves from there too.
        named = {move.name for move in moves}
        for move in workflow.moves_from(user, model, workflow.CHANGE, edit.target):
            if move.name not in named:
                moves.append(move)
                labels[move] = f"Save and {move.label[0].lower()}{move.label[1:]}"
    for move in moves:
        label = labels[move]
        button = Button(
            move.name, label, "danger" if move.name in ("take_down", "discard", "withdraw") else ""
        )
        if move.name in REVIEW_MOVES:
            review.append(button)
        elif move.name in PAGE_MOVES:
            page.append(button)
        else:
            save.append(button)
    return save, review, page


def change_form_context(model_admin, request, obj):
    model = model_admin.model
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    if not workflow.has_workflow(model):
        may_save = (
            model_admin.has_change_permission(request, obj)
            if obj
            else model_admin.has_add_permission(request)
        )
        return {"plain_save": may_save, "workflow_item": False}
    save, review, page = buttons_for(model_admin, request, obj)
    adding = obj is None or obj.pk is None
    context = {
        "workflow_item": True,
        "save_buttons": save,
        "review_buttons": review,
        "page_buttons": page,
        "preview_url": reverse(f"{prefix}_preview_new")
        if adding
        else reverse(f"{prefix}_preview", args=[obj.pk]),
        "status_lines": [] if adding else status_lines(obj._row, obj._change),
        "restored_from": getattr(obj, "_restored_from", None),
    }
    if not adding:
        checks = checklist.run(obj)
        context.update(
            checks=checks,
            blocking_checks=[c for c in checks if c.blocking],
            warning_checks=[c for c in checks if not c.passed and not c.blocking],
            live_url=obj._row.get_absolute_url() if obj._row.status == Status.PUBLISHED else "",
        )
    return context


def change_records(model, pk, limit=100):
    """The saves of every change to this item, newest first (django-simple-history's records)."""
    content_type = ContentType.objects.get_for_model(model)
    return list(
        Revision.history.filter(content_type=content_type, object_id=pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
