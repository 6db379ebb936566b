"""Every response carries the security headers, in production as a browser over HTTPS sees them."""

import re

import pytest

from tests.server import get, manage, production_env

# Pages of each kind a visitor meets: public, admin, kiosk.
PAGES = ["/", "/articles/low-b12-and-cancer/", "/admin/login/", "/kiosk/"]
HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_kind_carries_the_security_headers(production_site, path):
    status, headers, _ = get(production_site + path, HTTPS)
    assert status in (200, 302), path

    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "unsafe-eval" not in headers["Content-Security-Policy"]

    assert re.fullmatch(r"max-age=\d{7,}; includeSubDomains; preload", headers["Strict-Transport-Security"])
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_cookies_are_secure_httponly_and_same_site_lax(production_site):
    _, headers, _ = get(production_site + "/admin/login/", HTTPS)
    cookies = headers.get_all("Set-Cookie")
    assert cookies, "the login page sets a CSRF cookie"
    for cookie in cookies:
        attributes = {a.strip().split("=")[0].lower() for a in cookie.split(";")}
        assert {"secure", "httponly", "samesite"} <= attributes, cookie
        assert "samesite=lax" in cookie.lower()


def test_plain_http_is_redirected_to_https_by_default(production_site, static_root):
    # The shared server runs with the redirect off (as behind a TLS proxy); check the default.
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.SECURE_SSL_REDIRECT)",
        env={**production_env(STATIC_ROOT=str(static_root)), "DJANGO_SECURE_SSL_REDIRECT": ""},
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr


def test_static_files_are_compressed_hashed_and_cached_for_ever(production_site):
    _, _, html = get(production_site + "/", HTTPS)
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, _ = get(production_site + stylesheet, {**HTTPS, "Accept-Encoding": "gzip"})
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"


def test_the_deploy_check_has_no_warnings(static_root):
    env = {**production_env(STATIC_ROOT=str(static_root)), "DJANGO_SECURE_SSL_REDIRECT": ""}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
