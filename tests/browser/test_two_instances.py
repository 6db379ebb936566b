"""Two production app instances sharing one database (and Redis, when configured): a change
published through one is what the other serves on its very next request."""

import uuid

import pytest

from tests.server import get, manage, production_env, running_server

pytestmark = pytest.mark.browser

SLUG = "treatment-and-recovery"
PASSWORD = "a long and unusual passphrase 42"
CREATE_REVIEWER = f"""
from django.contrib.auth.models import Group, User
user = User.objects.create_user("rita", password={PASSWORD!r}, is_staff=True, first_name="Rita", last_name="Reviewer")
user.groups.add(Group.objects.get(name="Clinical reviewer"))
"""


@pytest.fixture
def two_instances(static_root, shared_database):
    env = production_env(
        STATIC_ROOT=str(static_root),
        CACHE_KEY_PREFIX=f"two-{uuid.uuid4().hex[:8]}",  # this test's own keys in a shared Redis
        **shared_database,
    )
    for command in (["migrate", "--noinput"], ["sync_content"], ["shell", "-c", CREATE_REVIEWER]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    found = manage(
        "shell",
        "-c",
        f"from articles.models import Article; print(Article.objects.get(language='en', slug={SLUG!r}).pk)",
        env=env,
    )
    article_id = found.stdout.strip().splitlines()[-1]
    with running_server(env) as first, running_server(env) as second:
        yield first, second, article_id


def test_a_publish_through_one_instance_shows_on_the_other_at_once(two_instances, make_page):
    first, second, article_id = two_instances
    new_line = "Ask your care team how often your levels will be checked."

    # Given the second instance has served (and cached) the article
    status, _, before = get(f"{second}/articles/{SLUG}/")
    assert status == 200 and new_line not in before
    assert get(f"{second}/articles/{SLUG}/")[2] == before

    # When a clinical reviewer edits and publishes it through the first instance
    page = make_page(width=1400, height=1000)
    page.goto(f"{first}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    page.goto(f"{first}/admin/articles/article/{article_id}/change/")
    body = page.locator("textarea#id_body")
    body.fill(body.input_value() + f"\n\n{new_line}\n")
    page.get_by_role("button", name="Save and publish now").click()
    page.get_by_text("Published. The public sees it now.").wait_for()

    # Then the second instance serves the new version on its next request
    status, _, after = get(f"{second}/articles/{SLUG}/")
    assert status == 200
    assert new_line in after
    assert "by Rita Reviewer" in after
