"""Editors and clinical reviewers in Debian's Chromium.

The main journey runs on two production app instances sharing one database (and Redis, in
the PostgreSQL profile): an editor's fix to a live article waits beside it, is sent back with
a reason, fixed, resubmitted and approved, and the new text is what both instances serve at
once, while the old one stayed in search and the sitemap throughout.
"""

import datetime
import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

from editorial.roles import EDITOR, REVIEWER, ensure_roles
from tests.server import get, manage, production_env, running_server

pytestmark = pytest.mark.browser

PASSWORD = "a long and unusual passphrase 42"
SLUG = "treatment-and-recovery"
OLD = "Blood problems often get better quickly."
FIRST_TRY = "Blood problems usually get better quickly."
FIXED = "Blood problems usually get better within weeks."
REASON = "Say how soon: readers ask what quickly means. Within weeks, as the NHS page puts it."
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"
PEOPLE = f"""
from django.contrib.auth.models import Group, User
for name, group, first, last in [("eddie", "Editor", "Eddie", "Editor"), ("rita", "Clinical reviewer", "Rita", "Reviewer")]:
    user = User.objects.create_user(name, password={PASSWORD!r}, is_staff=True, first_name=first, last_name=last)
    user.groups.add(Group.objects.get(name=group))
from articles.models import Article
print(Article.objects.get(language="en", slug={SLUG!r}).pk)
"""


@pytest.fixture
def two_instances(static_root, shared_database):
    env = production_env(
        STATIC_ROOT=str(static_root),
        CACHE_KEY_PREFIX=f"{os.environ.get('CACHE_KEY_PREFIX', 'b12')}-editorial-{uuid.uuid4().hex[:8]}",
        **shared_database,
    )
    for command in (["migrate", "--noinput"], ["sync_content"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    made = manage("shell", "-c", PEOPLE, env=env)
    assert made.returncode == 0, made.stderr
    article_id = made.stdout.strip().splitlines()[-1]
    with running_server(env) as first, running_server(env) as second:
        yield first, second, article_id


def sign_in(page, base, username):
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def public_text(base):
    status, _, body = get(f"{base}/articles/{SLUG}/")
    assert status == 200
    return body


def test_a_fix_waits_beside_the_live_page_is_sent_back_fixed_approved_and_served_by_both_instances(
    two_instances, make_page, assert_accessible
):
    first, second, article_id = two_instances
    SCREENSHOTS.mkdir(exist_ok=True)
    form_url = f"/admin/articles/article/{article_id}/change/"

    # Given both instances serve (and cache) the live article
    for base in (first, second):
        assert OLD in public_text(base)

    # When an editor fixes a word and submits it for review, through the first instance
    editor = make_page(width=1400, height=1000)
    policy_errors = []
    editor.on("console", lambda msg: "Content Security Policy" in msg.text and policy_errors.append(msg.text))
    sign_in(editor, first, "eddie")
    editor.goto(first + form_url)
    body = editor.locator("textarea#id_body")
    body.fill(body.input_value().replace(OLD, FIRST_TRY))
    editor.get_by_role("button", name="Save and submit for review").click()
    editor.get_by_text("Sent for review.").wait_for()
    assert editor.get_by_text("Live, with changes awaiting review since").is_visible()

    # Then the public page is the old one on both instances, and stays in search and the sitemap
    for base in (first, second):
        page = public_text(base)
        assert OLD in page and FIRST_TRY not in page
        assert f"/articles/{SLUG}/" in get(f"{base}/search/?q=recovery")[2]
        assert f"/articles/{SLUG}/" in get(f"{base}/sitemap.xml")[2]

    # When a clinical reviewer opens the change, through the second instance, and previews it
    reviewer = make_page(width=1400, height=1000)
    reviewer.on(
        "console", lambda msg: "Content Security Policy" in msg.text and policy_errors.append(msg.text)
    )
    sign_in(reviewer, second, "rita")
    reviewer.goto(f"{second}/admin/review/")
    awaiting = reviewer.locator("section", has=reviewer.get_by_role("heading", name="Awaiting review (1)"))
    awaiting.get_by_role("link", name="Treatment and recovery").click()
    with reviewer.context.expect_page() as opened:
        reviewer.get_by_role("button", name="Preview").click()
    preview = opened.value
    preview.wait_for_load_state()
    diff = preview.locator(".preview-diff")
    # The paragraph, with the one word that changed picked out.
    assert any(FIRST_TRY in line for line in diff.locator("ins").all_inner_texts())
    assert diff.locator("ins .diff-word").all_inner_texts() == ["usually"]
    assert diff.locator("del .diff-word").all_inner_texts() == ["often"]
    pending = preview.frame_locator("iframe[title='The page as it would be published']")
    pending.get_by_text(FIRST_TRY).wait_for()
    preview.screenshot(path=SCREENSHOTS / "editorial-preview.png", full_page=True)
    preview.close()

    # And sends it back with a reason
    reviewer.get_by_label("Reason for the editor").fill(REASON)
    reviewer.get_by_role("button", name="Send back to the editor").click()
    reviewer.get_by_text("Sent back to the editor with your reason.").wait_for()

    # Then the editor sees the reason on the form, fixes the text and submits it again
    editor.goto(first + form_url)
    sent_back = editor.locator(".workflow-line--sent-back")
    assert "Sent back by Rita Reviewer" in sent_back.inner_text() and REASON in sent_back.inner_text()
    editor.screenshot(path=SCREENSHOTS / "editorial-sent-back.png", full_page=False)
    body = editor.locator("textarea#id_body")
    assert FIRST_TRY in body.input_value()  # their change, as they left it
    body.fill(body.input_value().replace(FIRST_TRY, FIXED))
    editor.get_by_role("button", name="Submit again for review").click()
    editor.get_by_text("Sent for review.").wait_for()
    assert OLD in public_text(second)

    # When the reviewer approves it
    reviewer.goto(second + form_url)
    reviewer.get_by_role("button", name="Approve and publish now").click()
    reviewer.get_by_text("Published. The public sees it now.").wait_for()
    assert policy_errors == []

    # Then the new text is what both instances serve at once, signed off by the reviewer
    for base in (first, second):
        page = public_text(base)
        assert FIXED in page and OLD not in page
        assert "by Rita Reviewer" in page
    public = make_page()
    public.goto(f"{second}/articles/{SLUG}/")
    public.locator(".review-line").scroll_into_view_if_needed()
    public.screenshot(path=SCREENSHOTS / "editorial-public-page.png")
    assert_accessible(public)


# -- in the development server ----------------------------------------------------------------------


@pytest.fixture
def people(live_url, settings):
    ensure_roles()
    for username, group, first, last in [
        ("eddie", EDITOR, "Eddie", "Editor"),
        ("rita", REVIEWER, "Rita", "Reviewer"),
    ]:
        user = User.objects.create_user(
            username, password=PASSWORD, is_staff=True, first_name=first, last_name=last
        )
        user.groups.add(Group.objects.get(name=group))


def test_the_preview_opens_without_javascript_beside_the_live_page(make_page, live_url, people):
    from articles.models import Article

    editor = make_page(width=1400, height=1000, javascript=False)
    sign_in(editor, live_url, "eddie")
    editor.goto(
        f"{live_url}/admin/articles/article/{Article.objects.get(language='en', slug=SLUG).pk}/change/"
    )
    editor.locator("textarea#id_body").fill("## A new start\n\nA sentence typed but not saved.\n")
    with editor.context.expect_page() as opened:
        editor.get_by_role("button", name="Preview").click()
    preview = opened.value
    preview.wait_for_load_state()
    live = preview.frame_locator("iframe[title='The live page, as the public sees it now']")
    live.get_by_role("heading", name="Treatment and recovery", level=1).wait_for()
    pending = preview.frame_locator("iframe[title='The page as it would be published']")
    pending.get_by_text("A sentence typed but not saved.").wait_for()
    assert preview.get_by_text("Blocks approval:").first.is_visible()  # no emergency box in that text
    assert (
        Article.objects.get(language="en", slug=SLUG).body
        != "## A new start\n\nA sentence typed but not saved.\n"
    )


def test_a_reader_sends_feedback_without_javascript(make_page, live_url, assert_accessible):
    page = make_page(javascript=False)
    page.goto(f"{live_url}/articles/low-b12-and-cancer/")
    form = page.locator("form.feedback")
    form.get_by_label("No").check()
    form.get_by_label("How could we make it better? (optional)").fill("A shorter summary would help.")
    form.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/thanks/")
    assert page.get_by_role("heading", name="Thank you for your feedback").is_visible()
    # axe-core needs JavaScript, so the same page is checked again in a browser that runs it.
    checked = make_page()
    checked.goto(page.url)
    assert_accessible(checked)


def test_a_reviewer_publishes_a_plain_page_and_renames_a_topic_and_the_public_sees_them(
    make_page, live_url, people
):
    from articles.models import Page, Topic

    # Given a clinical reviewer signed in
    reviewer = make_page(width=1400, height=1000)
    errors = []
    reviewer.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(reviewer, live_url, "rita")

    # When they change the About page and publish it
    about = Page.objects.get(language="en", slug="about")
    reviewer.goto(f"{live_url}/admin/articles/page/{about.pk}/change/")
    body = reviewer.locator("textarea#id_body")
    body.fill(body.input_value() + "\n\n## Who checks the pages\n\nA clinical reviewer reads every change.\n")
    reviewer.get_by_role("button", name="Save and publish now").click()
    reviewer.get_by_text("Published. The public sees it now.").wait_for()

    # And rename a topic
    topic = Topic.objects.in_language("en").order_by("order").first()
    reviewer.goto(f"{live_url}/admin/articles/topic/{topic.pk}/change/")
    reviewer.get_by_label("Title").fill("Renamed by a reviewer")
    reviewer.get_by_role("button", name="Save", exact=True).click()
    reviewer.get_by_text("Saved.").wait_for()
    assert errors == []

    # Then the public site shows both, and the page's sign-off
    public = make_page()
    public.goto(f"{live_url}/about/")
    assert public.get_by_role("heading", name="Who checks the pages").is_visible()
    assert "by Rita Reviewer" in public.locator(".review-line").inner_text()
    public.goto(f"{live_url}/articles/")
    assert public.get_by_text("Renamed by a reviewer").first.is_visible()


def test_an_editor_can_read_a_topic_but_has_nothing_to_save_it_with(make_page, live_url, people):
    from articles.models import Topic

    editor = make_page(width=1400, height=1000)
    sign_in(editor, live_url, "eddie")
    editor.goto(
        f"{live_url}/admin/articles/topic/{Topic.objects.in_language('en').order_by('order').first().pk}/change/"
    )
    assert editor.get_by_role("heading", name="View topic").is_visible()
    assert editor.get_by_role("button", name="Save", exact=True).count() == 0


def test_every_model_in_the_admin_opens_its_forms_and_its_change_form_saves(
    make_page, live_url, people, settings
):
    from django.contrib import admin
    from django.test import RequestFactory

    from articles.models import Article
    from feedback.models import Feedback
    from selfcheck.engine import LEVELS
    from selfcheck.models import DailyCount

    root = User.objects.create_superuser("root", password=PASSWORD)
    Feedback.objects.create(article=Article.objects.first(), helpful=True, comment="Clear, thank you.")
    DailyCount.objects.create(date=datetime.date.today(), level=LEVELS[0], count=1)
    page = make_page(width=1400, height=1000)
    # A failed sign-in by someone else first, so the lockout's records have a row to open too.
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True
    page.goto(f"{live_url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("somebody")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    page.locator(".errornote").wait_for()
    sign_in(page, live_url, "root")
    request = RequestFactory().get("/admin/")
    request.user = root
    seen = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"/admin/{opts.app_label}/{opts.model_name}"
        label = opts.label
        assert page.goto(f"{live_url}{prefix}/").status == 200, label
        added = page.goto(f"{live_url}{prefix}/add/")
        assert added.status == (200 if model_admin.has_add_permission(request) else 403), label
        row = model_admin.get_queryset(request).first()
        assert row is not None, f"{label}: no row to open"
        assert page.goto(f"{live_url}{prefix}/{row.pk}/change/").status == 200, label
        save = page.locator("button[name=_move], input[name=_save]").first
        if not model_admin.has_change_permission(request, row):
            assert save.count() == 0, label
            continue
        with page.expect_navigation():
            save.click()
        assert page.locator(".errornote").count() == 0, f"{label}: {page.locator('.errornote').inner_text()}"
        assert page.locator(".messagelist .success").count() == 1, label
        seen.append(label)
    assert {"articles.Article", "articles.FAQ", "articles.Page", "articles.Topic"} <= set(seen)
