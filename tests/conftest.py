"""Fixtures shared by every test folder."""

import contextlib
import copy
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test.signals import setting_changed
from django.utils.translation import trans_real

from articles.content_files import read_all
from articles.sync import apply_content
from pagecache import middleware as page_cache
from pagecache.models import ContentVersion
from tests.server import manage, production_env
from tools.compilemessages import compile_messages

CONTENT_DIR = Path(settings.BASE_DIR) / "content"


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The translations compiled as make compiles them, so `pytest` alone works in a fresh clone."""
    if compile_messages():
        # A catalogue read before the .mo existed would otherwise stay without it.
        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads made by a test land in a temporary folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pages_made_under_other_settings(**kwargs):
    """Move the content version on, as a publish does: no page stored before is asked for again.

    A page stored before a test changed a setting (EMERGENCY_NUMBER, the kiosk's timings) must
    not answer after it. A running site never changes its settings, so the page cache does not
    watch for it; the tests, which do, move on to new pages at every change. Emptying the
    cache instead would reach for a cache a test has just made unreachable on purpose.
    """
    page_cache._local.clear()
    with contextlib.suppress(RuntimeError):  # a test without the database stores no pages either
        ContentVersion.bump()


setting_changed.connect(pages_made_under_other_settings, dispatch_uid="tests-pages-and-settings")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, also when the cache is a shared Redis."""
    cache.clear()
    page_cache._local.clear()
    yield
    cache.clear()
    page_cache._local.clear()


@pytest.fixture(scope="session")
def english_content_read():
    """The English content folder read and checked once: the files do not change during a run.

    A test that changes files works on `content_copy` and runs the sync itself.
    """
    return read_all(CONTENT_DIR, only=["en"])


@pytest.fixture(scope="session")
def every_language_read():
    """The content folder and its translations, read and checked once."""
    return read_all(CONTENT_DIR)


def load_content(contents):
    """Write content read by `read_all` to the database, as `sync_content` writes it.

    The writes happen for each test, since each test's transaction is rolled back; a deep copy
    keeps the session's reading as it was read, whatever the writes do with the items.
    """
    apply_content(copy.deepcopy(contents))


@pytest.fixture
def site_content(db, english_content_read):
    """The project's real English content, loaded the way `make run` loads it.

    English only: most tests are about English pages, and loading every language would double
    the time of each. The tests of other languages (and of English pages beside them) use
    `every_language`.
    """
    load_content(english_content_read)


@pytest.fixture
def every_language(db, every_language_read):
    """The project's real content in every language, as `make run` loads it."""
    load_content(every_language_read)


def other_language_folders(folder, names):
    """The translations' folders (content/es/) at the top of the content folder."""
    if Path(folder) != CONTENT_DIR:
        return []
    return [code for code, _name in settings.LANGUAGES if code in names]


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of the real English content, for tests that break or change files."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target, ignore=other_language_folders)
    return target


@pytest.fixture
def content_copy_every_language(tmp_path):
    """A writable copy of the real content folder with its translations."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once, as `make serve` does, into a folder of the test run's own."""
    root = tmp_path_factory.mktemp("static")
    result = manage("collectstatic", "--noinput", env=production_env(STATIC_ROOT=str(root)))
    assert result.returncode == 0, result.stderr
    return root
