"""Sign-in protection: lockout after repeated failures, with a page that says what happened."""

import pytest
from django.conf import settings

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_it_is_configured_to_lock_out_after_five_failures_for_thirty_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60


def test_it_locks_an_account_out_after_the_failure_limit(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "eddie", "wrong").status_code == 200  # the login form again
    response = attempt(client, "eddie", "wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-ins" in html
    assert "30 minutes" in html
    # Even the right password is refused while locked out.
    assert attempt(client, "eddie", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_do_not_lock_out(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "eddie", "wrong")
    response = attempt(client, "eddie", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_lockout_is_per_username_so_others_can_still_sign_in(client, editor, reviewer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "eddie", "wrong")
    assert attempt(client, "rita", PASSWORD).status_code == 302


def test_password_validators_refuse_a_weak_password(editor):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password", editor)
