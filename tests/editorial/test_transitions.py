"""The workflow's one table, and the one function held to it for every move, state and actor.

Every move is tried on an item in every state it can be in, by an editor, a clinical
reviewer, the content sync and the publishing schedule. A move the table allows is made;
any other is refused with a sentence, and leaves the database exactly as it was.
"""

import datetime

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.revisions import Revision
from articles.states import NEW, NO_CHANGE, ChangeState, Status

pytestmark = pytest.mark.django_db

C, P = workflow.CHANGE, workflow.PAGE

# The table as the editorial design states it: (subject, from, to, move, permission, who).
PEOPLE, BOTH, SYNC_ONLY = "people", "people and sync", "sync"
DESIGN = {
    (C, NEW, "draft"): ("add", "add", BOTH),
    (C, NO_CHANGE, "draft"): ("edit", "change", BOTH),
    (C, "draft", "draft"): ("edit", "change", BOTH),
    (C, "in_review", "in_review"): ("edit", "change", BOTH),
    (C, "changes_requested", "changes_requested"): ("edit", "change", BOTH),
    (C, "approved", "draft"): ("edit", "change", BOTH),
    (C, "draft", "in_review"): ("submit", "change", BOTH),
    (C, "changes_requested", "in_review"): ("submit", "change", BOTH),
    (C, "in_review", "changes_requested"): ("send_back", "publish", PEOPLE),
    (C, "in_review", "approved"): ("schedule", "publish", PEOPLE),
    (C, "approved", "in_review"): ("unschedule", "publish", PEOPLE),
    (C, "in_review", "published"): ("publish", "publish", PEOPLE),
    (C, "draft", "published"): ("publish", "publish", BOTH),
    (C, "approved", "published"): ("publish", "publish", "people and schedule"),
    (C, "draft", "discarded"): ("discard", "change", PEOPLE),
    (C, "changes_requested", "discarded"): ("discard", "change", PEOPLE),
    (P, "published", "archived"): ("take_down", "publish", "everyone"),
    (P, "archived", "published"): ("put_back", "publish", BOTH),
    (P, "draft", "archived"): ("withdraw", "publish", BOTH),
    (P, "published", "published"): ("load", "change", SYNC_ONLY),
    (P, "archived", "draft"): ("reopen", "change", SYNC_ONLY),
}
WHO = {
    PEOPLE: {"person"},
    BOTH: {"person", "sync"},
    SYNC_ONLY: {"sync"},
    "people and schedule": {"person", "schedule"},
    "everyone": {"person", "sync", "schedule"},
}


def test_the_table_is_the_one_the_design_declares():
    found = {key: (m.name, m.permission, m.by) for key, m in workflow.TRANSITIONS.items()}
    assert found == {key: (name, perm, WHO[who]) for key, (name, perm, who) in DESIGN.items()}


def test_only_a_reviewer_may_make_a_move_that_reaches_the_public():
    for move in workflow.TRANSITIONS.values():
        reaches_public = move.target in (ChangeState.PUBLISHED, ChangeState.APPROVED, Status.ARCHIVED) or (
            move.subject == P and move.target == Status.PUBLISHED
        )
        if reaches_public and "person" in move.by:
            assert move.permission == "publish", move


# -- every move, from every state, by every actor ---------------------------------------------------

SOON = datetime.timedelta(days=1)
STATES = [
    "never published",
    "never published, in review",
    "never published, sent back",
    "never published, approved",
    "live",
    "live, draft change",
    "live, change in review",
    "live, change sent back",
    "live, change approved",
    "taken down",
    "taken down, change in review",
]
ACTORS = ["editor", "reviewer", "sync", "schedule"]
MOVES = ["edit", "submit", "send_back", "schedule", "unschedule", "publish", "discard", "take_down", "put_back", "withdraw", "load", "reopen"]  # fmt: skip
PERMISSIONS = {"editor": {"add", "change"}, "reviewer": {"add", "change", "publish"}}


def arrange(article, state):
    """Move `article` (a fresh draft) into `state` through the workflow itself."""
    sync, later = workflow.SYNC, timezone.now() + SOON
    reviewer = Reviewer()
    if state.startswith("never published, "):
        workflow.apply(sync, article, "submit")
        if "sent back" in state:
            workflow.apply(reviewer.user, article, "send_back", note="Say more.")
        elif "approved" in state:
            workflow.apply(reviewer.user, article, "schedule", go_live_at=later)
        return
    if state == "never published":
        return
    workflow.apply(sync, article, "publish")
    if state.startswith("taken down"):
        workflow.apply(sync, article, "take_down")
        if "in review" in state:
            workflow.apply(sync, article, "submit", fields={"title": "Changed while down"})
        return
    if state == "live":
        return
    workflow.apply(sync, article, "edit", fields={"title": "A pending title"})
    if "draft" in state:
        return
    workflow.apply(sync, article, "submit")
    if "sent back" in state:
        workflow.apply(reviewer.user, article, "send_back", note="Say more.")
    elif "approved" in state:
        workflow.apply(reviewer.user, article, "schedule", go_live_at=later)


class Reviewer:
    """A clinical reviewer made on first use (arranging a state needs one)."""

    _user = None

    @property
    def user(self):
        if Reviewer._user is None or not type(Reviewer._user).objects.filter(pk=Reviewer._user.pk).exists():
            from editorial.roles import REVIEWER

            from .conftest import make_user

            Reviewer._user = make_user("arranger", REVIEWER, first_name="Ann", last_name="Arranger")
        return Reviewer._user


def expected(actor, move, row, change):
    """Whether the table lets `actor` make `move` now, read off DESIGN alone."""
    kind = actor if actor in ("sync", "schedule") else "person"
    never = row.status == Status.DRAFT
    change_state = change.state if change else (ChangeState.DRAFT if never else NO_CHANGE)
    for (subject, source, _), (name, permission, who) in DESIGN.items():
        current = change_state if subject == C else row.status
        if name != move or source != current:
            continue
        if name == "discard" and (never or change is None):
            continue
        return kind in WHO[who] and (kind != "person" or permission in PERMISSIONS[actor])
    return False


def snapshot(article):
    row = Article.objects.get(pk=article.pk)
    return (
        row.content_fields(),
        row.take_down_at,
        list(Revision.objects.order_by("pk").values_list("state", "data", "go_live_at")),
        row.history.count(),
        Revision.history.count(),
    )


@pytest.mark.parametrize("move", MOVES)
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("state", STATES)
def test_a_move_is_made_exactly_when_the_table_allows_it(draft, editor, reviewer, state, actor, move):
    arrange(draft, state)
    row = Article.objects.get(pk=draft.pk)
    change = workflow.open_change(row)
    who = {"editor": editor, "reviewer": reviewer, "sync": workflow.SYNC, "schedule": workflow.SCHEDULE}[
        actor
    ]
    allowed = expected(actor, move, row, change)
    before = snapshot(draft)
    details = {
        "note": "Because the dose needs a source.",
        "go_live_at": timezone.now() + SOON if move == "schedule" else None,
        "fields": {"title": "Edited by the move"} if move in ("edit", "load") else None,
    }
    if allowed:
        outcome = workflow.apply(who, row, move, **details)
        assert outcome.moves[-1].name == move
        assert snapshot(draft) != before
    else:
        with pytest.raises(workflow.Refused) as refused:
            workflow.apply(who, row, move, **details)
        assert str(refused.value).endswith(".")
        assert snapshot(draft) == before


def test_an_unknown_move_is_refused_with_a_sentence(live, reviewer):
    with pytest.raises(workflow.Refused, match="not a step"):
        workflow.apply(reviewer, live, "promote")
