"""The review dashboard: what needs a clinical reviewer, for every kind of clinical content."""

import datetime

import pytest
from django.utils import timezone

from articles import signoff, workflow
from articles.models import FAQ, Article, Page
from editorial import dashboard

from .conftest import BODY

pytestmark = pytest.mark.django_db


def published(topic, slug, due, reviewed=True, model=Article):
    today = timezone.localdate()
    fields = {"title": slug.replace("-", " ").capitalize(), "summary": "S.", "updated": today, "body": "x"}
    if model is FAQ:
        fields = {"question": slug.replace("-", " ").capitalize() + "?", "answer": "x"}
    if model is not Page:
        fields["topic"] = topic
    item = model.objects.create(slug=slug, **fields)
    workflow.apply(workflow.SYNC, item, "publish")
    model.objects.filter(pk=item.pk).update(
        last_reviewed=today - datetime.timedelta(days=300) if reviewed else None,
        reviewed_by="Rita Reviewer" if reviewed else "",
        next_review_due=due,
    )
    return item


def test_the_dashboard_is_for_staff_only(client):
    response = client.get("/admin/review/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_it_sorts_changes_by_where_they_stand_with_who_and_since_when(
    editor, reviewer, editor_client, live, draft, faq, page, clock
):
    other = Article.objects.create(
        slug="other",
        title="Other",
        summary="S.",
        topic=live.topic,
        updated="2026-11-01",
        body=BODY,
        references=["nice-ng239"],
    )
    workflow.apply(editor, live, "submit", fields={"title": "Live, in review"})
    workflow.apply(editor, faq, "submit")
    workflow.apply(reviewer, faq, "send_back", note="Cite a source.")
    workflow.apply(workflow.SYNC, page, "publish")
    workflow.apply(editor, page, "edit", fields={"title": "Page being written"})
    workflow.apply(editor, other, "submit")
    workflow.apply(reviewer, other, "schedule", go_live_at=clock.now + datetime.timedelta(days=1))

    board = dashboard.build()
    assert [e.title for e in board.awaiting] == ["A draft"]
    assert board.awaiting[0].change.submitted_by == editor
    assert [e.title for e in board.sent_back] == ["A question?"]
    assert [e.title for e in board.going_live] == ["Other"]
    assert [e.title for e in board.in_progress] == ["About us"]

    html = editor_client.get("/admin/review/").content.decode()
    for heading in [
        "Awaiting review (1)",
        "Sent back to the editor (1)",
        "Approved, going live at a set time (1)",
    ]:
        assert heading in html
    assert "Cite a source." in html and "Eddie Editor" in html


def test_it_lists_what_is_overdue_due_soon_or_never_signed_off_for_every_kind(
    topic, editor_client, monkeypatch
):
    today = timezone.localdate()
    monkeypatch.setattr(signoff, "_files", {})
    published(topic, "overdue-page", today - datetime.timedelta(days=1))
    published(topic, "due-in-ten-days", today + datetime.timedelta(days=10), model=FAQ)
    published(topic, "due-next-year", today + datetime.timedelta(days=300))
    published(topic, "never-signed-off", None, reviewed=False, model=Page)
    signoff.register_file(
        "cases", "Self-check test cases", "content/selfcheck-cases.yaml", "", today, None, "", None
    )

    board = dashboard.build()
    assert [e.title for e in board.overdue] == ["Overdue page"]
    assert [(e.title, e.kind) for e in board.due_soon] == [("Due in ten days?", "Question")]
    assert [(e.title, e.kind) for e in board.never] == [
        ("Self-check test cases", "Data file"),
        ("Never signed off", "Page"),
    ]
    html = editor_client.get("/admin/review/").content.decode()
    assert "Overdue for review (1)" in html and "Due next year" not in html
    assert "content/selfcheck-cases.yaml" in html


def test_it_lists_the_real_data_files_as_never_signed_off(editor_client):
    html = editor_client.get("/admin/review/").content.decode()
    for label in ("Self-check rules", "Self-check test cases", "Result explainer"):
        assert label in html


def test_it_lists_pages_citing_a_superseded_or_unknown_source(editor_client, topic, draft):
    Article.objects.filter(pk=draft.pk).update(references=["devalia-2014", "nice-ng239"])
    FAQ.objects.create(
        slug="old-question", question="An old question?", topic=topic, answer="A.", references=["gone-2001"]
    )
    archived = Article.objects.create(
        slug="archived-page",
        title="Archived",
        summary="S.",
        topic=topic,
        updated="2026-11-01",
        body="b",
        references=["devalia-2014"],
    )
    workflow.apply(workflow.SYNC, archived, "withdraw")

    board = dashboard.build()
    assert [(e.title, [ref.id for ref in e.sources]) for e in board.superseded_citations] == [
        ("A draft", ["devalia-2014"])
    ]
    assert [(e.title, e.sources) for e in board.unknown_citations] == [("An old question?", ["gone-2001"])]
    html = editor_client.get("/admin/review/").content.decode()
    assert "Citing a superseded source (1)" in html and "devalia-2014" in html
    assert "Citing a source not in the list of sources (1)" in html and "gone-2001" in html


def test_it_makes_the_same_few_queries_however_many_items_there_are(
    editor, editor_client, topic, django_assert_max_num_queries
):
    for number in range(30):
        item = Article.objects.create(
            slug=f"item-{number}",
            title=f"Item {number}",
            summary="S.",
            topic=topic,
            updated="2026-11-01",
            body="x",
            references=["devalia-2014"],
        )
        workflow.apply(
            editor, item, "submit" if number % 2 else "edit", fields={"title": f"Changed {number}"}
        )
    editor_client.get("/admin/review/")  # the session and permissions, read once
    with django_assert_max_num_queries(14):
        response = editor_client.get("/admin/review/")
    assert "Awaiting review (15)" in response.content.decode()


def test_the_database_files_an_item_under_the_same_review_standing_as_the_dashboard(topic):
    today = timezone.localdate()
    cases = {}
    for n, due in enumerate(
        [None, *(today + datetime.timedelta(days=d) for d in (-400, -1, 0, 1, 30, 31, 400))]
    ):
        for reviewed in (True, False):
            item = published(
                topic, f"case-{n}-{'signed' if reviewed else 'unsigned'}", due, reviewed=reviewed
            )
            cases[item.pk] = signoff.SignOff.of(Article.objects.get(pk=item.pk)).standing(today)
    assert set(cases.values()) == {"never", "overdue", "due_soon", "current"}
    for standing in ("never", "overdue", "due_soon"):
        found = set(
            Article.objects.filter(signoff.standing_filter(standing, today)).values_list("pk", flat=True)
        )
        assert found == {pk for pk, filed in cases.items() if filed == standing}, standing


def test_a_long_review_list_shows_its_first_rows_and_links_to_every_one(topic, reviewer_client, monkeypatch):
    monkeypatch.setattr(dashboard, "ROWS_SHOWN", 2)
    for n in range(3):
        published(topic, f"never-{n}", None, reviewed=False)
    published(topic, "signed", timezone.localdate() + datetime.timedelta(days=200))
    count = len(dashboard.build().never)  # the three, and the data files never signed off
    page = reviewer_client.get("/admin/review/").content.decode()
    never = page.split('id="never-title"')[1].split("</section>")[0]
    assert f"Never signed off by a clinical reviewer ({count})" in never
    assert never.count("<tr>") == 1 + 2  # the header row and the first two
    assert f"The first 2 of {count} are shown." in never
    assert 'href="/admin/articles/article/?review=never"' in never
    listed = reviewer_client.get("/admin/articles/article/?review=never").content.decode()
    assert all(f"Never {n}" in listed for n in range(3)) and "Signed" not in listed
