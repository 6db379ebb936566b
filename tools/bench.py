"""make bench: how fast the production server answers, against a static file as the ceiling.

Starts the production server (tools/prodserver.py), then runs wrk at 64 connections against:
a static file of the same size as an article page served by whitenoise (the ceiling), the home
page, an article, the FAQ, the self-check start, the kiosk home and a kiosk article. Each page
runs ROUNDS rounds, in turn with the others, and is reported by its median round. Prints
requests/s, p50 and p99 latency, errors and the ratio to the ceiling for each; then the
compressed bytes a browser downloads for an article page. Exits non-zero when a target is
missed.
"""

import gzip
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prodserver import production_server  # noqa: E402

CONNECTIONS = 64
THREADS = int(os.environ.get("BENCH_WRK_THREADS", "1"))
VERBOSE = bool(os.environ.get("BENCH_VERBOSE"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
ACCEPT = {"Accept-Encoding": "gzip, deflate, br"}  # what a browser sends
ARTICLE = "/articles/low-b12-and-cancer/"
CEILING = "/static/bench/article-sized.html"
PAGES = [
    ("static file (ceiling)", CEILING),
    ("home", "/"),
    ("article", ARTICLE),
    ("FAQ", "/faq/"),
    ("self-check start", "/self-check/"),
    ("kiosk home", "/kiosk/"),
    ("kiosk article", "/kiosk" + ARTICLE),
]
TARGETS = {"ratio": 0.8, "p99_ms": 50.0, "article_kb": 30.0}


def find_wrk():
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's wrk")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return shutil.which("wrk")
    sys.exit("make bench needs wrk: install Debian's wrk package (sudo apt-get install wrk).")


def fetch(url, headers=ACCEPT):
    """(status, headers, raw body bytes as sent over the wire)."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback only)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def make_ceiling(env, static_root):
    """Write a static copy of the article page into STATIC_ROOT, gzipped as collectstatic would."""
    code = (
        "from django.test import Client; import sys; "
        f"sys.stdout.buffer.write(Client().get('{ARTICLE}', headers={{'host': '127.0.0.1'}}).content)"
    )
    html = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, check=True,
    ).stdout  # fmt: skip
    target = static_root / CEILING.removeprefix("/static/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(html)
    target.with_name(target.name + ".gz").write_bytes(gzip.compress(html, 9))


DURATION = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * DURATION[unit]


def wrk_command(wrk, url, seconds, connections=CONNECTIONS):
    header = [arg for name, value in ACCEPT.items() for arg in ("-H", f"{name}: {value}")]
    return [wrk, f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency", *header, url]


def run_wrk(wrk, url, seconds, connections=CONNECTIONS):
    command = wrk_command(wrk, url, seconds, connections)
    return read_wrk(url, subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def read_wrk(url, out):
    """Requests/s, p50 and p99 in ms, and errors (non-2xx/3xx answers and socket errors)."""
    if "Requests/sec" not in out or not re.search(r"^\s+99%\s+\S+\s*$", out, re.M):
        sys.exit(f"Could not read wrk's report for {url}:\n{out}")
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)\s*$", out, re.M).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)\s*$", out, re.M).group(1)),
        "errors": (sum(map(int, socket_errors.groups())) if socket_errors else 0)
        + (int(non_2xx.group(1)) if non_2xx else 0),
    }


class Assets(HTMLParser):
    """The stylesheets and scripts a page makes the browser download."""

    def __init__(self):
        super().__init__()
        self.css, self.js = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.css.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.js.append(attrs["src"])


def page_weight(base, path):
    """Bytes on the wire for the page, its CSS and its JS, as the server compresses them."""
    status, headers, body = fetch(base + path)
    assert status == 200, f"{path} answered {status}"
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    assets = Assets()
    assets.feed(html.decode())
    sizes = {"HTML": len(body), "CSS": 0, "JS": 0}
    encodings = {f"HTML {headers.get('Content-Encoding', 'identity')}"}
    for kind, urls in (("CSS", assets.css), ("JS", assets.js)):
        for url in urls:
            _, asset_headers, asset = fetch(base + url)
            sizes[kind] += len(asset)
            encodings.add(f"{kind} {asset_headers.get('Content-Encoding', 'identity')}")
    return sizes, sorted(encodings)


def main():
    wrk = find_wrk()
    failures = []
    with production_server(before_start=make_ceiling) as (base, env, _):
        workers = f"{os.environ.get('WEB_CONCURRENCY', '2')} gthread workers"
        print(f"Production server at {base}: gunicorn, {workers}, DJANGO_DEBUG=0, {os.cpu_count()} cores")
        print(
            f"wrk: {CONNECTIONS} connections, {THREADS} thread(s), {ROUNDS} rounds of {SECONDS}s per page, "
            "Accept-Encoding: gzip\n"
        )
        pages = []
        for name, path in PAGES:
            status, _, _ = fetch(base + path)
            if status == 404:
                print(f"{name:<24}  skipped: {path} does not exist yet")
            elif status != 200:
                failures.append(f"{name} answered {status} before the run")
            else:
                run_wrk(wrk, base + path, 2)  # warm every worker's cache and connections
                pages.append((name, path))
        # Rounds go through every page in turn, and each page is reported by its median round
        # (by requests/s): one round slowed by other work on the machine, or one lucky
        # round, moves neither the figure nor the verdict.
        rounds = {path: [] for _, path in pages}
        for _ in range(ROUNDS):
            for _, path in pages:
                rounds[path].append(run_wrk(wrk, base + path, SECONDS))
                if VERBOSE:
                    print(f"  {path:<40}{rounds[path][-1]}", flush=True)
        results = {
            path: sorted(runs, key=lambda r: r["rps"])[len(runs) // 2] for path, runs in rounds.items()
        }
        ceiling = results.get(CEILING, {}).get("rps")
        print(f"{'page':<24}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'ratio':>8}")
        article_ratio = 0.0
        for name, path in pages:
            result = results[path]
            ratio = result["rps"] / ceiling if ceiling else float("nan")
            errors = sum(run["errors"] for run in rounds[path])
            print(
                f"{name:<24}{result['rps']:>9.0f}{result['p50']:>9.2f}{result['p99']:>9.2f}"
                f"{errors:>8}{ratio:>8.2f}"
            )
            if errors:
                failures.append(f"{name}: {errors} errors")
            # The static file is the yardstick, not a page of the site: its figures are shown
            # for comparison and its own latency is not a target.
            if path != CEILING and result["p99"] >= TARGETS["p99_ms"]:
                failures.append(
                    f"{name}: p99 {result['p99']:.1f} ms, target under {TARGETS['p99_ms']:.0f} ms"
                )
            if path == ARTICLE:
                article_ratio = ratio
        sizes, encodings = page_weight(base, ARTICLE)
    total_kb = sum(sizes.values()) / 1024
    print(
        f"\nArticle page download: {total_kb:.1f} KB ({', '.join(f'{k} {v / 1024:.1f} KB' for k, v in sizes.items())}; {', '.join(encodings)})"
    )
    checks = [
        (f"article ratio to the static file >= {TARGETS['ratio']}", article_ratio >= TARGETS["ratio"]),
        ("zero errors on every page", not any("errors" in f or "answered" in f for f in failures)),
        (f"p99 under {TARGETS['p99_ms']:.0f} ms on every page", not any("p99" in f for f in failures)),
        (
            f"article page at most {TARGETS['article_kb']:.0f} KB compressed",
            total_kb <= TARGETS["article_kb"],
        ),
        ("no JavaScript on the article page", sizes["JS"] == 0),
    ]
    print()
    for label, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {label}")
    for failure in failures:
        print(f"      {failure}")
    sys.exit(0 if all(passed for _, passed in checks) else 1)


if __name__ == "__main__":
    main()
