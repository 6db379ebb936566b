"""Start the production server (gunicorn, DJANGO_DEBUG=0) in a subprocess for a test.

gunicorn starts through tools/prodserver.py, as for make bench and make audit: with the
project's own configuration (site/config/gunicorn.conf.py), as `make serve` runs it, and the
number of workers the test asks for.
"""

import contextlib
import html
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from tools.prodserver import GUNICORN, GUNICORN_CONFIG, ROOT, gunicorn

__all__ = ["GUNICORN", "GUNICORN_CONFIG", "ROOT"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The public address production needs; the tests reach the server on loopback as its proxy would.
SITE_URL = "https://b12facts.example.org"


def production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SITE_URL"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="test-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,b12facts.example.org",
        SITE_URL=SITE_URL,
        # Loopback tests talk plain HTTP, as a TLS-terminating proxy would.
        DJANGO_SECURE_SSL_REDIRECT="0",
    )
    env.update(overrides)
    return env


def local_env(**overrides):
    """The environment of a site started afresh on this machine: this run's own settings
    (DJANGO_*, KIOSK_*, its database and cache) left out, then `overrides`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "KIOSK_")) and k not in ("DATABASE_URL", "REDIS_URL")
    }
    return {**env, **overrides}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def get(url, headers=None, timeout=10):
    """(status, headers, body) without raising on 4xx/5xx."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


@contextlib.contextmanager
def running_server(env, workers=1, log_path=None):
    """Yield the base URL of a gunicorn server started with `env`; stop it afterwards.

    Its output goes to `log_path` (or a temporary file): a pipe nobody reads would fill up
    and stop the server in the middle of a test.
    """
    port = free_port()
    log = open(log_path, "w+") if log_path else tempfile.TemporaryFile("w+")  # noqa: SIM115
    options = ("--workers", str(workers), "--graceful-timeout", "2")
    try:
        with gunicorn(env, port, *options, output=log) as process:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"gunicorn did not start:\n{log.read()}") from None
                    time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
    finally:
        log.close()


class Visitor:
    """A browser for a production server on loopback: cookies, CSRF tokens and HTTPS as the proxy says.

    Every request carries X-Forwarded-Proto: https, as the documented nginx adds it, and every
    POST the Origin a browser would send. Cookies are kept by hand, since the site marks them
    Secure and an ordinary cookie jar would not send them back over plain http.
    """

    def __init__(self, url):
        self.url = url
        self.cookies = {}

    def request(self, method, path, data=None):
        parts = urllib.parse.urlsplit(self.url)
        headers = {"X-Forwarded-Proto": "https", "Connection": "close"}
        body = None
        if method == "POST":
            headers["Origin"] = f"https://{parts.hostname}:{parts.port}"
            headers["Referer"] = headers["Origin"] + path
            body = urllib.parse.urlencode(data or {}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, value = re.match(r"\s*([^=]+)=([^;]*)", cookie).groups()
            if value in ('""', "") or "Max-Age=0" in cookie:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response.status, response.headers, text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)

    def sign_in(self, username, password):
        _, _, page = self.get("/admin/login/")
        return self.post(
            "/admin/login/?next=/admin/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": form_value(page, "csrfmiddlewaretoken"),
            },
        )


def form_value(page, name):
    """The value of the hidden field `name` in an HTML page."""
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))
