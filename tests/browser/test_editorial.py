"""An editor's change goes through a clinical reviewer to the public page, in Debian's Chromium."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User

from editorial.roles import EDITOR, REVIEWER, ensure_roles

pytestmark = pytest.mark.browser

PASSWORD = "a long and unusual passphrase 42"
SLUG = "treatment-and-recovery"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


@pytest.fixture
def people(live_url, settings):
    ensure_roles(apps)
    for username, group, first, last in [
        ("eddie", EDITOR, "Eddie", "Editor"),
        ("rita", REVIEWER, "Rita", "Reviewer"),
    ]:
        user = User.objects.create_user(
            username, password=PASSWORD, is_staff=True, first_name=first, last_name=last
        )
        user.groups.add(Group.objects.get(name=group))


def sign_in(page, live_url, username):
    page.goto(f"{live_url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def open_article(page, live_url):
    from articles.models import Article

    page.goto(f"{live_url}/admin/articles/article/{Article.objects.get(slug=SLUG).pk}/change/")


def test_an_editor_writes_a_reviewer_publishes_and_the_public_sees_it(
    make_page, live_url, people, assert_accessible
):
    SCREENSHOTS.mkdir(exist_ok=True)
    new_line = "Ask your care team how often your levels will be checked."

    # Given an editor signed in to the admin
    editor = make_page(width=1400, height=1000)
    policy_errors = []
    editor.on("console", lambda msg: "Content Security Policy" in msg.text and policy_errors.append(msg.text))
    sign_in(editor, live_url, "eddie")
    assert editor.get_by_role("link", name="Review dashboard").is_visible()

    # When they edit an article, the live preview shows the new text, rendered as the public sees it
    open_article(editor, live_url)
    body = editor.locator("textarea#id_body")
    body.fill(body.input_value() + f"\n\n## Checking progress\n\n{new_line}\n\n<script>alert(1)</script>\n")
    preview = editor.locator(".markdownx-preview")
    preview.get_by_role("heading", name="Checking progress").wait_for()
    assert new_line in preview.inner_text()
    assert preview.locator("script").count() == 0
    assert "Grade" in editor.locator(".field-reading_level").inner_text()
    editor.locator(".field-body").evaluate("element => element.scrollIntoView()")
    editor.screenshot(path=SCREENSHOTS / "editorial-change-form.png", full_page=False)

    # And submit it for review
    editor.get_by_label("Status").select_option("in_review")
    editor.get_by_role("button", name="Save", exact=True).click()
    editor.get_by_text("was changed successfully").wait_for()
    assert policy_errors == []

    # Then the review dashboard lists it as awaiting sign-off
    editor.goto(f"{live_url}/admin/review/")
    awaiting = editor.locator("section", has=editor.get_by_role("heading", name="Awaiting sign-off (1)"))
    assert awaiting.get_by_role("link", name="Treatment and recovery").is_visible()
    editor.screenshot(path=SCREENSHOTS / "editorial-dashboard.png", full_page=True)

    # When a clinical reviewer signs in and publishes it
    reviewer = make_page(width=1400, height=1000)
    sign_in(reviewer, live_url, "rita")
    open_article(reviewer, live_url)
    reviewer.get_by_label("Status").select_option("published")
    reviewer.get_by_role("button", name="Save", exact=True).click()
    reviewer.get_by_text("was changed successfully").wait_for()

    # Then the public page shows the new text and the reviewer's sign-off
    public = make_page()
    public.goto(f"{live_url}/articles/{SLUG}/")
    assert public.get_by_role("heading", name="Checking progress").is_visible()
    assert public.get_by_text(new_line).is_visible()
    review_line = public.locator(".review-line").inner_text()
    assert "Last reviewed:" in review_line and "by Rita Reviewer" in review_line
    assert "Next review due:" in review_line
    assert public.get_by_role("group", name="Was this page helpful?").is_visible()
    public.locator(".review-line").evaluate("element => element.scrollIntoView()")
    public.screenshot(path=SCREENSHOTS / "editorial-public-page.png")
    assert_accessible(public)


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


def test_a_reviewer_saves_a_plain_page_and_a_topic_and_the_public_sees_them(make_page, live_url, people):
    from articles.models import Page, Topic

    # Given a clinical reviewer signed in
    reviewer = make_page(width=1400, height=1000)
    errors = []
    reviewer.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(reviewer, live_url, "rita")

    # When they change the About page and save it
    about = Page.objects.get(slug="about")
    reviewer.goto(f"{live_url}/admin/articles/page/{about.pk}/change/")
    body = reviewer.locator("textarea#id_body")
    body.fill(body.input_value() + "\n\n## Who checks the pages\n\nA clinical reviewer reads every change.\n")
    reviewer.get_by_role("button", name="Save", exact=True).click()
    reviewer.get_by_text("was changed successfully").wait_for()

    # And rename a topic
    topic = Topic.objects.order_by("order").first()
    reviewer.goto(f"{live_url}/admin/articles/topic/{topic.pk}/change/")
    reviewer.get_by_label("Title").fill("Renamed by a reviewer")
    reviewer.get_by_role("button", name="Save", exact=True).click()
    reviewer.get_by_text("was changed successfully").wait_for()
    assert errors == []

    # Then the public site shows both
    public = make_page()
    public.goto(f"{live_url}/about/")
    assert public.get_by_role("heading", name="Who checks the pages").is_visible()
    public.goto(f"{live_url}/articles/")
    assert public.get_by_text("Renamed by a reviewer").first.is_visible()


def test_an_editor_can_read_a_plain_page_but_has_nothing_to_save_it_with(make_page, live_url, people):
    from articles.models import Page

    editor = make_page(width=1400, height=1000)
    sign_in(editor, live_url, "eddie")
    editor.goto(f"{live_url}/admin/articles/page/{Page.objects.get(slug='about').pk}/change/")
    assert editor.get_by_role("heading", name="View page").is_visible()
    assert editor.get_by_role("button", name="Save", exact=True).count() == 0
