import pytest

from tests.server import manage, production_env, running_server


@pytest.fixture(scope="session")
def production_site(static_root, tmp_path_factory):
    """A production-mode server on loopback with its own migrated SQLite database and the content."""
    database = tmp_path_factory.mktemp("db") / "site.sqlite3"
    env = production_env(STATIC_ROOT=str(static_root), DATABASE_URL="", SQLITE_PATH=str(database))
    for command in (["migrate", "--noinput"], ["sync_content"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    with running_server(env) as url:
        yield url
