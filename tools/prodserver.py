"""Start the production server on loopback with the sample content, for make bench and make audit.

Production settings (DJANGO_DEBUG=0, a throwaway secret key, ALLOWED_HOSTS=127.0.0.1, no HTTPS
redirect since there is no TLS on loopback), collectstatic, migrate and sync into a temporary
SQLite file, or into DATABASE_URL when it is set, then gunicorn with the project's own
configuration (site/config/gunicorn.conf.py), exactly as `make serve` starts it.

`gunicorn()` is the one way this project starts gunicorn outside `make serve`: make bench,
make audit and the production-mode tests (tests/server.py) all go through it.
"""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.with_name("gunicorn")
GUNICORN_CONFIG = "site/config/gunicorn.conf.py"
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def production_env(workdir: Path, port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        SITE_URL=f"http://{HOST}:{port}",
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
    )
    if not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(workdir / "db.sqlite3")
    return env


def manage(env, *args):
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def static_root(env) -> Path:
    code = "from django.conf import settings; print(settings.STATIC_ROOT)"
    return Path(manage(env, "shell", "--no-imports", "-c", code).strip())


def wait_until_up(url, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped while starting:\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer /healthz within 30 seconds")


def gunicorn_command(port, *options):
    """gunicorn as `make serve` runs it (the project's configuration, the site's WSGI app), on
    loopback; `options` (say, `--workers 1`) come after the configuration file and override it."""
    return [
        str(GUNICORN), "--config", GUNICORN_CONFIG, "--chdir", "site", "config.wsgi",
        "--bind", f"{HOST}:{port}", *options,
    ]  # fmt: skip


@contextlib.contextmanager
def gunicorn(env, port, *options, output=subprocess.PIPE):
    """Run gunicorn with `env` until the block ends, then stop it and every worker it started.

    `output` takes its log (stdout and stderr): a pipe someone reads, or a file. A pipe nobody
    reads fills up and stops the server in the middle of whatever it is doing.
    """
    process = subprocess.Popen(
        gunicorn_command(port, *options), cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextlib.contextmanager
def production_server(before_start=None):
    """Yield (base_url, env, static_root); `before_start(env, static_root)` runs after collectstatic."""
    workdir = Path(tempfile.mkdtemp(prefix="b12-prod-"))
    port = free_port()
    env = production_env(workdir, port)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "sync_content", "--force")
    root = static_root(env)
    if before_start:
        before_start(env, root)
    url = f"http://{HOST}:{port}"
    # Stopping this script (Ctrl-C, SIGTERM) must stop gunicorn too: run the cleanup below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    try:
        with gunicorn(env, port) as process:
            wait_until_up(url, process)
            yield url, env, root
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
