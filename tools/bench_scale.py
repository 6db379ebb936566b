"""make bench-scale: how the costs of the site grow with its content.

Builds synthetic content at 1x, 10x and 100x the size of content/ in a temporary folder, with
Spanish translations in the share content/es/ has today (tools/scale_content.py). For each
size, on SQLite (a temporary file) and on PostgreSQL (a database of its own, bench_scale, on
the server of DATABASE_URL, else postgres://postgres@127.0.0.1:5432/ when it answers), a
separate process measures, with production settings:

- sync_content: a first load, a re-run with nothing changed, and a re-run after one article's
  file changed (seconds, and the items the sync report says it wrote), beside the number of
  files in the folder;
- search: p50/p99 of 50 calls of the search function (search.engine.search, no page render)
  for a common word and a rare one in English, and the same in Spanish with Spanish active;
- each page type rendered through Django's test Client with the page cache emptied before
  each request (median of 3, after one warm-up render), and the size of /, /faq/ and /articles/;
- the admin's article list and the review dashboard, rendered the same way for a superuser,
  and the SQL queries of one render;
- the number of addresses in /sitemap.xml (a sitemap index is needed over 50,000).

Then, on the smallest and the largest size, it starts the production server
(tools/prodserver.py), requests every address of the sitemap once and runs make bench's wrk
measurement (tools/bench.py) on one article; on the largest it also reads the resident memory
of each gunicorn worker. Prints the tables and PASS/FAIL lines and exits non-zero when a
target is missed. BENCH_SCALE_SIZES=1,10 picks the sizes.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import TARGETS as BENCH_TARGETS  # noqa: E402
from bench import fetch, find_wrk, run_wrk  # noqa: E402
from prodserver import ROOT, manage, production_env, production_server  # noqa: E402
from scale_content import generate  # noqa: E402

SIZES = [int(size) for size in os.environ.get("BENCH_SCALE_SIZES", "1,10,100").split(",")]
PG_DATABASE = "bench_scale"
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/"
# (language, word): per language, a word in every synthetic item, then one in a handful of real ones.
WORDS = [("en", "B12"), ("en", "pemetrexed"), ("es", "vitamina"), ("es", "gastrectomía")]
SEARCHES = 50
RENDERS = 3
PAGE_TYPES = {
    "home": "/",
    "/articles/": "/articles/",
    "an article": "/articles/{article}/",
    "/faq/": "/faq/",
    "a topic": "/topics/{topic}/",
    "/about/": "/about/",
    "sitemap": "/sitemap.xml",
}
PAGE_BYTES = ("/", "/faq/", "/articles/")
TOPIC = "b12-and-cancer"  # a topic of content/, with its share of the synthetic items at every size
ADMIN_PAGES = {"article list": "/admin/articles/article/", "review dashboard": "/admin/review/"}
SITEMAP_LIMIT = 50_000
TARGETS = {"search_p99_ms": 50.0, "worker_mb": 200.0, "latency_growth": 1.5, "latency_slack_ms": 2.0}


def setup_django():
    """Django with the project's settings: production ones in a measuring process (see `run_size`),
    the local ones here, where only the content files' writers are needed."""
    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


# -- one size on one database, measured in its own process ---------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def measure_sync(content: Path) -> tuple[dict, str]:
    """The three sync runs; also the slug of the article changed in the third."""
    from articles.sync import sync_content

    out = {}
    out["sync_full"], _ = timed(lambda: sync_content(content))
    out["sync_same"], report = timed(lambda: sync_content(content))
    out["rows_same"] = report.changed
    changed = sorted((content / "articles").glob("*.md"))[len(list((content / "articles").glob("*.md"))) // 2]
    original = changed.read_text()
    changed.write_text(original.rstrip("\n") + "\n\nOne more synthetic sentence.\n")
    try:
        out["sync_one"], report = timed(lambda: sync_content(content))
    finally:
        changed.write_text(original)
    out["rows_one"] = report.changed
    out["report_one"] = [line for line in report.lines() if "1 updated" in line]
    return out, changed.stem


def measure_search() -> dict:
    """p50/p99 (ms) and hits of each word's search, with the word's language active as a page's is."""
    from django.utils import translation

    from common import languages
    from search.engine import search

    out = {}
    for language, word in WORDS:
        with translation.override(languages.django_code(language)):
            search(word)
            runs, started = [], time.perf_counter()
            # SEARCHES calls, fewer when they are slow enough that 60 s run out first.
            while len(runs) < SEARCHES and (len(runs) < 10 or time.perf_counter() - started < 60):
                runs.append(timed(lambda w=word: search(w)))
        out[f"search {word}"] = [percentile([t for t, _ in runs], p) * 1000 for p in (0.5, 0.99)]
        out[f"hits {word}"] = len(runs[0][1])
    return out


def cold_render(client, path):
    """Median ms of RENDERS renders with every cache emptied first (after one warm-up), and the
    last response."""
    from django.core.cache import cache

    from pagecache.middleware import _local

    client.get(path)
    times = []
    for _ in range(RENDERS):
        cache.clear()
        _local.clear()
        elapsed, response = timed(lambda: client.get(path))
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        times.append(elapsed * 1000)
    return statistics.median(times), response


def measure_pages(article: str) -> dict:
    from django.test import Client

    client = Client(headers={"host": "127.0.0.1"})
    out = {"render_ms": {}}
    for pattern in PAGE_TYPES.values():
        path = pattern.format(article=article, topic=TOPIC)
        out["render_ms"][pattern], response = cold_render(client, path)
        if path in PAGE_BYTES:
            out[f"bytes {path}"] = len(response.content)
        if path == "/sitemap.xml":
            out["sitemap"] = response.content.count(b"<loc>")
    return out


def measure_admin() -> dict:
    """Each admin page's cold render (ms) and the SQL queries of one more, for a superuser."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from pagecache.middleware import _local

    user = get_user_model().objects.create_superuser("bench-scale", "bench-scale@example.org", None)
    client = Client(headers={"host": "127.0.0.1"})
    client.force_login(user)
    out = {}
    for path in ADMIN_PAGES.values():
        out[f"admin_ms {path}"], _ = cold_render(client, path)
        cache.clear()
        _local.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        out[f"admin_queries {path}"] = len(queries)
    return out


def measure(content: Path) -> dict:
    """Run inside a process whose environment names the database (see `main`)."""
    setup_django()
    out, article = measure_sync(content)
    return {**out, **measure_search(), **measure_pages(article), **measure_admin()}


def databases():
    """(name, DATABASE_URL or None for SQLite) for each database to measure on."""
    found = [("SQLite", None)]
    server = os.environ.get("DATABASE_URL") or PG_DEFAULT
    try:
        import psycopg

        admin = urllib.parse.urlsplit(server)._replace(path="/postgres").geturl()
        psycopg.connect(admin, connect_timeout=3).close()
    except Exception as error:  # noqa: BLE001 (any failure means: no PostgreSQL here)
        print(f"PostgreSQL not measured: {server} does not answer ({type(error).__name__})\n")
        return found
    return [*found, ("PostgreSQL", urllib.parse.urlsplit(server)._replace(path=f"/{PG_DATABASE}").geturl())]


def fresh_database(url, workdir):
    env = production_env(workdir, 8000)
    env.pop("DATABASE_URL", None)
    if url:
        import psycopg

        admin = urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
        env["DATABASE_URL"] = url
        env.pop("SQLITE_PATH", None)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    return env


def run_size(content, url):
    workdir = Path(tempfile.mkdtemp(prefix="b12-scale-db-"))
    try:
        env = fresh_database(url, workdir)
        result = subprocess.run(
            [sys.executable, __file__, "--measure", str(content)], cwd=ROOT, env=env, capture_output=True,
            text=True, timeout=3600,
        )  # fmt: skip
        if result.returncode:
            sys.exit(f"Measuring {content} failed:\n{result.stdout}{result.stderr[-3000:]}")
        return json.loads(result.stdout.splitlines()[-1])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# -- the production server -----------------------------------------------------------------------


def worker_rss_mb(port):
    """Resident memory of each gunicorn worker serving `port` (children of its master)."""
    processes = {}
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            status = (proc / "status").read_text()
        except (OSError, ValueError):
            continue
        if proc.name.isdigit() and b"config.wsgi" in cmdline and f"127.0.0.1:{port}".encode() in cmdline:
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            processes[proc.name] = (fields["PPid"].strip(), int(fields["VmRSS"].split()[0]) / 1024)
    return [rss for ppid, rss in processes.values() if ppid in processes]


def serve(content, memory):
    """Every sitemap address once, then wrk on one cached article; workers' memory when asked."""
    os.environ["CONTENT_DIR"] = str(content)
    os.environ.pop("DATABASE_URL", None)
    with production_server() as (base, _, _):
        _, _, sitemap = fetch(base + "/sitemap.xml", headers={})
        paths = [urllib.parse.urlsplit(loc).path for loc in re.findall(rb"<loc>([^<]+)</loc>", sitemap)]
        errors = sum(fetch(base + path.decode())[0] != 200 for path in paths)
        rss = worker_rss_mb(urllib.parse.urlsplit(base).port) if memory else []
        article = next(path.decode() for path in paths if re.fullmatch(rb"/articles/[^/]+/", path))
        wrk = find_wrk()
        run_wrk(wrk, base + article, 2)
        latency = run_wrk(wrk, base + article, 4)
    return {"addresses": len(paths), "errors": errors, "rss": rss, "latency": latency}


# -- the report ----------------------------------------------------------------------------------


def sync_target(r) -> tuple[str, bool]:
    """The sync's target, as (what it asks, whether the result `r` meets it).

    A re-run reads no file it read before (articles.content_files): with nothing changed it
    costs a small part of a first load, and one changed file adds the same at every size.
    """
    label = (
        "a re-run with nothing changed takes at most 5% of a first load and writes nothing; "
        "one changed file adds at most 1 s to it and writes only that item"
    )
    passed = (
        r["sync_same"] <= 0.05 * r["sync_full"]
        and r["sync_one"] - r["sync_same"] <= 1
        and (r["rows_same"], r["rows_one"]) == (0, 1)
    )
    return label, passed


def latency_target(small, large) -> tuple[str, bool]:
    """A cached page answers as fast whatever the content: the largest size against the smallest."""
    growth, slack, ceiling = TARGETS["latency_growth"], TARGETS["latency_slack_ms"], BENCH_TARGETS["p99_ms"]
    label = (
        f"{max(SIZES)}x: cached article p99 at most {growth}x {min(SIZES)}x's + {slack:.0f} ms, "
        f"under {ceiling:.0f} ms, no errors"
    )
    p99 = large["latency"]["p99"]
    passed = p99 <= growth * small["latency"]["p99"] + slack and p99 < ceiling
    return label, passed and not small["latency"]["errors"] and not large["latency"]["errors"]


def describe(size, sized):
    kinds = ", ".join(f"{n} {kind}" for kind, n in sized["en"].items())
    spanish = ", ".join(f"{n} {kind}" for kind, n in sized["es"].items())
    return f"{size}x: {kinds}; in Spanish: {spanish}; {sized['files']} files"


def print_sync(results, contents, checks):
    print(
        f"{'sync (s, items written)':<26}{'size':>6}{'files':>8}{'first load':>12}{'unchanged':>16}"
        f"{'one changed':>16}"
    )
    for (db, size), r in results.items():
        print(
            f"{db:<26}{f'{size}x':>6}{contents[size][1]['files']:>8}{r['sync_full']:>12.2f}"
            f"{r['sync_same']:>10.2f}{r['rows_same']:>6}{r['sync_one']:>10.2f}{r['rows_one']:>6}"
        )
        label, passed = sync_target(r)
        checks.append((f"{db} {size}x: {label}", passed))


def print_search(results, checks):
    print(f"\n{'search (ms, function)':<26}{'size':>6}" + "".join(f"{w + ' p50/p99':>22}" for _, w in WORDS))
    for (db, size), r in results.items():
        cells = "".join(
            f"{r[f'search {w}'][0]:>9.1f}{r[f'search {w}'][1]:>7.1f}{r[f'hits {w}']:>4} hits"
            for _, w in WORDS
        )
        print(f"{db:<26}{f'{size}x':>6}{cells}")
        if size == max(SIZES):
            worst = max(r[f"search {w}"][1] for _, w in WORDS)
            limit = TARGETS["search_p99_ms"]
            checks.append(
                (f"{db} {size}x: search p99 under {limit:.0f} ms, English and Spanish", worst < limit)
            )


def print_pages(results):
    print(f"\n{'cold render (ms)':<26}{'size':>6}" + "".join(f"{name:>12}" for name in PAGE_TYPES))
    for (db, size), r in results.items():
        print(
            f"{db:<26}{f'{size}x':>6}" + "".join(f"{r['render_ms'][p]:>12.1f}" for p in PAGE_TYPES.values())
        )


def print_admin(results, checks):
    print(f"\n{'admin (ms, queries)':<26}{'size':>6}" + "".join(f"{name:>22}" for name in ADMIN_PAGES))
    for (db, size), r in results.items():
        cells = "".join(
            f"{r[f'admin_ms {p}']:>14.1f}{r[f'admin_queries {p}']:>8}" for p in ADMIN_PAGES.values()
        )
        print(f"{db:<26}{f'{size}x':>6}{cells}")
    smallest, largest = min(SIZES), max(SIZES)
    for db in dict.fromkeys(db for db, _ in results):
        for name, path in ADMIN_PAGES.items():
            small, large = (results[db, size][f"admin_queries {path}"] for size in (smallest, largest))
            checks.append(
                (
                    f"{db}: the {name} asks as many queries at {largest}x as at {smallest}x ({small}, {large})",
                    small == large,
                )
            )


def print_sizes(results):
    print(
        f"\n{'sizes':<26}{'size':>6}{'home KB':>10}{'/faq/ KB':>12}{'/articles/ KB':>16}{'sitemap URLs':>16}"
        "  index needed"
    )
    for (db, size), r in results.items():
        print(
            f"{db:<26}{f'{size}x':>6}{r['bytes /'] / 1024:>10.0f}{r['bytes /faq/'] / 1024:>12.0f}"
            f"{r['bytes /articles/'] / 1024:>16.0f}{r['sitemap']:>16}  {'yes' if r['sitemap'] > SITEMAP_LIMIT else 'no'}"
        )


def print_served(contents, checks):
    smallest, largest = min(SIZES), max(SIZES)
    served = {
        size: serve(contents[size][0], memory=size == largest) for size in dict.fromkeys((smallest, largest))
    }
    print()
    for size, s in served.items():
        memory = f"; worker RSS {', '.join(f'{mb:.0f} MB' for mb in s['rss'])}" if s["rss"] else ""
        print(
            f"Production server on {size}x (SQLite): {s['addresses']} addresses requested once, "
            f"{s['errors']} errors{memory}"
        )
        checks.append((f"{size}x: every address answered", s["errors"] == 0 and s["addresses"] > 0))
    for size, s in served.items():
        latency = s["latency"]
        print(
            f"Cached article on {size}x, wrk 64 connections 4 s: {latency['rps']:.0f} req/s, "
            f"p50 {latency['p50']:.2f} ms, p99 {latency['p99']:.2f} ms, {latency['errors']} errors"
        )
    rss = served[largest]["rss"]
    limit = TARGETS["worker_mb"]
    checks.append((f"{largest}x: worker memory under {limit:.0f} MB", bool(rss) and max(rss) < limit))
    checks.append(latency_target(served[smallest], served[largest]))


def main():
    setup_django()
    results, checks = {}, []
    print(f"{os.cpu_count()} cores; sizes {', '.join(f'{s}x' for s in SIZES)} of content/\n")
    contents = {}
    for size in SIZES:
        contents[size] = generate(size)
        print(describe(size, contents[size][1]))
    print()
    manage(production_env(ROOT, 8000), "collectstatic", "--noinput", "--verbosity", "0")
    for db, url in databases():
        for size in SIZES:
            results[db, size] = run_size(contents[size][0], url)
            print(f"  measured {db} {size}x", flush=True)
    print()
    print_sync(results, contents, checks)
    print_search(results, checks)
    print_pages(results)
    print_admin(results, checks)
    print_sizes(results)
    print_served(contents, checks)
    for root, _ in contents.values():
        shutil.rmtree(root.parent, ignore_errors=True)
    print()
    for label, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {label}")
    sys.exit(0 if all(passed for _, passed in checks) else 1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(Path(sys.argv[2]))))
    else:
        main()
