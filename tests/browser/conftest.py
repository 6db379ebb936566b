"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

Chromium is found, never downloaded: CHROMIUM_PATH, else `chromium` on the PATH. When it
cannot be found the tests fail with a sentence saying what to install; they do not skip.
"""

import os
import shutil
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import load_content

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls the fixtures make alongside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The machine has no outside network: stop Chromium from trying to reach it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "Chromium was not found: install Debian's chromium package (apt-get install chromium) "
            "or set CHROMIUM_PATH.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def make_page(browser):
    """make_page(width=1280, height=900, javascript=True, **context_options) -> a new Page."""
    contexts = []

    def make(width=1280, height=900, javascript=True, **options):
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript, **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page):
    return make_page()


@pytest.fixture
def live_url(live_server, transactional_db, english_content_read):
    """The live server's address, with the project's English content loaded (as `site_content`)."""
    load_content(english_content_read)
    return live_server.url


@pytest.fixture
def live_url_every_language(live_server, transactional_db, every_language_read):
    """The live server's address, with the project's content in every language loaded."""
    load_content(every_language_read)
    return live_server.url


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """assert_accessible(page): fail on any axe-core WCAG 2.2 A/AA violation, listing them."""

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def shared_database(tmp_path):
    """Settings for a database production instances share: a new PostgreSQL database in the
    PostgreSQL profile (never the test run's own), else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield {"DATABASE_URL": "", "SQLITE_PATH": str(tmp_path / "shared.sqlite3")}
        return
    name = f"instances_{uuid.uuid4().hex[:8]}"
    admin_url = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": urlunsplit(urlsplit(url)._replace(path=f"/{name}"))}
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
