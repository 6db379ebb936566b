"""Review reminders: who gets an e-mail, and what it lists (Django's locmem e-mail backend)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from articles import signoff, workflow
from articles.models import Article
from editorial.reminders import send_review_reminders
from editorial.roles import REVIEWER

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(live, reviewer):
    """Two signed-off articles: one overdue, one due in ten days; and one due next year."""
    today = timezone.localdate()
    Article.objects.filter(pk=live.pk).update(
        last_reviewed=today - datetime.timedelta(days=400),
        reviewed_by="Rita Reviewer",
        next_review_due=today - datetime.timedelta(days=1),
    )
    for slug, days in (("due-soon", 10), ("due-next-year", 300)):
        other = Article.objects.create(
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            summary="S.",
            topic=live.topic,
            updated=today,
            body="x",
        )
        workflow.apply(workflow.SYNC, other, "publish")
        Article.objects.filter(pk=other.pk).update(
            last_reviewed=today,
            reviewed_by="Rita Reviewer",
            next_review_due=today + datetime.timedelta(days=days),
        )


def test_each_clinical_reviewer_with_an_address_gets_the_overdue_and_the_due_soon(
    due, reviewer, editor, roles
):
    second = make_user("raj", REVIEWER, email="raj@example.org")
    make_user("nomail", REVIEWER)  # no address
    make_user("gone", REVIEWER, email="gone@example.org", is_active=False)
    assert send_review_reminders() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["raj@example.org", "rita@example.org"]
    message = next(m for m in mail.outbox if m.to == [second.email])
    assert message.subject == "B12 Facts: clinical reviews 1 overdue and 1 due within 30 days"
    overdue, soon = message.body.split("Due within 30 days:")
    assert "A draft (article)" in overdue
    assert "Due soon (article)" in soon
    assert "Due next year" not in message.body
    assert "/admin/review/" in message.body
    assert "Hello raj," in message.body


def test_editors_get_nothing(due, editor, reviewer):
    send_review_reminders()
    assert editor.email not in [address for m in mail.outbox for address in m.to]


def test_nobody_is_written_to_when_nothing_is_due(live, reviewer):
    assert send_review_reminders() == 0
    assert mail.outbox == []


def test_a_data_file_overdue_for_review_is_listed_too(reviewer, monkeypatch):
    today = timezone.localdate()
    monkeypatch.setattr(signoff, "_files", {})
    signoff.register_file(
        "rules", "Self-check rules", "content/selfcheck.yaml", "selfcheck:start", today,
        today - datetime.timedelta(days=400), "Dr Real", today - datetime.timedelta(days=35),
    )  # fmt: skip
    send_review_reminders()
    assert "Self-check rules (data file)" in mail.outbox[0].body


def test_the_command_says_how_many_it_sent(due, reviewer):
    out = StringIO()
    call_command("send_review_reminders", stdout=out)
    assert out.getvalue() == "1 reminder sent.\n"


def test_a_mail_server_that_cannot_be_reached_is_named_in_a_sentence(due, reviewer, settings):
    from django.core.management import CommandError

    port = _closed_port()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    with pytest.raises(CommandError, match=f"could not be sent through 127.0.0.1:{port}"):
        call_command("send_review_reminders", stdout=StringIO())


def _closed_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
