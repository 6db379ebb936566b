"""Where an item stands: the one list of states for the models, the files, the workflow and the admin.

Two things are kept apart, as Wagtail keeps `live` apart from the latest revision:

- `Status`, on the content row: only whether the public sees it. A draft was never
  published; an archived item was taken down. Public querysets read nothing else.
- `ChangeState`, on a `Revision`: where a change stands on its way to the public. An item
  has at most one open change at a time. A never-published item is its own change: it is
  edited in place on its row, and its open revision (if any) only carries the state.

The moves between these states, and who may make each, are in articles.workflow.
"""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft (never published)"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Taken down"


class ChangeState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "Awaiting review"
    CHANGES_REQUESTED = "changes_requested", "Sent back"
    APPROVED = "approved", "Approved, waiting to go live"
    PUBLISHED = "published", "Published"
    DISCARDED = "discarded", "Discarded"


# A change in one of these states is still on its way; the others are finished with.
OPEN_CHANGE_STATES = (
    ChangeState.DRAFT,
    ChangeState.IN_REVIEW,
    ChangeState.CHANGES_REQUESTED,
    ChangeState.APPROVED,
)
# Pseudo-states of a change: an item not saved yet, and a live item nobody is changing.
NEW = "new"
NO_CHANGE = "none"

# What a content file's `status:` may say. A file says whether its item is live; there is no
# "archived" (an archived item is one whose file was removed). `in_review` asks the sync to
# put the file's text in front of a clinical reviewer instead of loading it.
FILE_STATUSES = (Status.DRAFT.value, ChangeState.IN_REVIEW.value, Status.PUBLISHED.value)
