"""A change waiting beside a live page: Wagtail's revision, for articles, FAQs and plain pages.

`data` is a snapshot of the item's editable fields, in the form a content file holds them
(`Reviewed.editable_fields()`). The live row is untouched until a clinical reviewer approves
the change; then articles.workflow copies `data` onto the row in one transaction with the
review stamp, the search index and the content version.

An item has at most one open change (a database constraint says so). Every save of it is
kept by django-simple-history, so nothing an editor typed is lost: not when they save over
it, not when someone else does, not when it is discarded.
"""

import copy

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .states import OPEN_CHANGE_STATES, ChangeState


class RevisionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_CHANGE_STATES)

    def for_item(self, item):
        return self.filter(content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk)


class Revision(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")

    state = models.CharField(max_length=20, choices=ChangeState, default=ChangeState.DRAFT)
    data = models.JSONField(
        default=dict,
        encoder=DjangoJSONEncoder,
        help_text="The item's editable fields as this change has them.",
    )
    # The live fields when the change was started: the reviewer is told when the live page
    # has moved on since (a sync, another change), so approving would undo something.
    base_data = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    # No user: the content sync made it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Moves on with every save: the version an editor's form was opened at (optimistic locking).
    saved_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(
        blank=True, help_text="The reviewer's reason, when the change is sent back."
    )
    go_live_at = models.DateTimeField(null=True, blank=True)
    take_down_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = RevisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="revision_item")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=OPEN_CHANGE_STATES),
                name="one_open_change_per_item",
            )
        ]

    def __str__(self):
        return f"{self.get_state_display()} change to {self.content_type.model} {self.object_id}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_CHANGE_STATES

    def as_object(self, row):
        """`row` as this change would make it: an unsaved copy, rendered, for preview and diff."""
        return apply_data(row, self.data)


def apply_data(row, data: dict):
    """An unsaved copy of `row` with the editable fields in `data`, normalised and rendered."""
    item = copy.copy(row)
    item._state = copy.copy(row._state)
    item.set_file_values(data)
    item.normalise_text()
    item.render()
    return item
