"""Start the production server on loopback with the sample content, for make bench and make audit.

Production settings (DJANGO_DEBUG=0, a throwaway secret key, ALLOWED_HOSTS=127.0.0.1, no HTTPS
redirect since there is no TLS on loopback), collectstatic, migrate and sync into a temporary
SQLite file, or into DATABASE_URL when it is set, then gunicorn with the project's own
configuration (site/config/gunicorn.conf.py), exactly as `make serve` starts it.
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
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "site/config/gunicorn.conf.py", "--chdir", "site", "config.wsgi",
         "--bind", f"{HOST}:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    url = f"http://{HOST}:{port}"
    # Stopping this script (Ctrl-C, SIGTERM) must stop gunicorn too: run the cleanup below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    try:
        wait_until_up(url, process)
        yield url, env, root
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(workdir, ignore_errors=True)
