"""Settings come from the environment and refuse to run production insecurely."""

from tests.server import local_env, manage


def run_check(**env):
    return manage("check", env=local_env(**env))


def test_it_runs_as_a_local_site_with_no_environment():
    result = run_check()
    assert result.returncode == 0, result.stderr


def test_production_without_a_secret_key_refuses_to_start_and_says_why():
    result = run_check(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start_and_says_why():
    result = run_check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_a_misspelt_boolean_is_an_error_not_a_guess():
    result = run_check(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr
