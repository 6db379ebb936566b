"""Production needs the site's public address: links, the sitemap and QR codes are built on it."""

import pytest
from django.core.checks import run_checks

from config.checks import check_site_url
from tests.server import SITE_URL, manage, production_env


def test_production_without_site_url_refuses_to_start_and_says_why(static_root):
    env = production_env(STATIC_ROOT=str(static_root))
    del env["SITE_URL"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr


def test_development_still_starts_without_it():
    result = manage("check", env={**production_env(), "DJANGO_DEBUG": "1", "SITE_URL": ""})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("http://127.0.0.1:8000", "site_config.W002"),
        ("https://localhost", "site_config.W002"),
        ("http://[::1]:8000", "site_config.W002"),
        ("https://0.0.0.0", "site_config.W002"),
        ("https://elsewhere.example", "site_config.W003"),
        ("b12facts.example.org", "site_config.W001"),
    ],
)
def test_the_deploy_check_warns_when_site_url_would_lead_nowhere(settings, site_url, expected):
    settings.SITE_URL = site_url
    settings.ALLOWED_HOSTS = ["b12facts.example.org"]
    assert expected in [problem.id for problem in check_site_url(None)]


def test_the_deploy_check_warns_about_http_on_a_site_that_redirects_to_https(settings):
    settings.SITE_URL, settings.ALLOWED_HOSTS = "http://b12facts.example.org", ["b12facts.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert [problem.id for problem in check_site_url(None)] == ["site_config.W004"]


def test_a_public_https_address_the_site_answers_to_passes(settings):
    settings.SITE_URL, settings.ALLOWED_HOSTS = SITE_URL, [".example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert check_site_url(None) == []


@pytest.mark.django_db
def test_the_check_runs_only_with_deploy(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert "site_config.W002" not in [p.id for p in run_checks()]
    assert "site_config.W002" in [p.id for p in run_checks(include_deployment_checks=True)]
