"""make bench-scale: how the costs of the site grow with its content.

Builds synthetic content at 1x, 10x and 100x the size of content/ in a temporary folder (a copy
of content/, so references.yaml, topics.yaml and the rules files stay valid, plus generated
articles, questions, pages and topics, each marked "Synthetic" in its title and its text). For
each size, on SQLite (a temporary file) and on PostgreSQL (a database of its own, bench_scale,
on the server of DATABASE_URL, else postgres://postgres@127.0.0.1:5432/ when it answers), a
separate process measures, with production settings:

- sync_content: a first load, a re-run with nothing changed, and a re-run after one article's
  file changed (seconds, and the items the sync report says it wrote);
- search: p50/p99 of 50 calls of the search function (search.engine.search, no page render)
  for a common word and a rare one;
- each page type rendered through Django's test Client with the page cache emptied before
  each request (median of 3, after one warm-up render), and the size of /faq/ and /articles/;
- the number of addresses in /sitemap.xml (a sitemap index is needed over 50,000).

Then, on the largest size, it starts the production server (tools/prodserver.py), requests
every address of the sitemap once, reads the resident memory of each gunicorn worker and runs
make bench's wrk measurement (tools/bench.py) on one article. Prints the tables and PASS/FAIL
lines and exits non-zero when a target is missed. BENCH_SCALE_SIZES=1,10 picks the sizes.
"""

import json
import os
import random
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

SIZES = [int(size) for size in os.environ.get("BENCH_SCALE_SIZES", "1,10,100").split(",")]
PG_DATABASE = "bench_scale"
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/"
WORDS = {"common": "B12", "rare": "pemetrexed"}  # in every item / in a handful of real ones
SEARCHES = 50
RENDERS = 3
PAGE_TYPES = {
    "home": "/",
    "/articles/": "/articles/",
    "an article": "/articles/{article}/",
    "/faq/": "/faq/",
    "/about/": "/about/",
    "sitemap": "/sitemap.xml",
}
SITEMAP_LIMIT = 50_000
TARGETS = {"search_p99_ms": 50.0, "worker_mb": 200.0}
SYNTHETIC = "This is synthetic text made for a speed test. It is not health advice."
SENTENCES = [
    "B12 is a vitamin that keeps your nerves and blood healthy.",
    "Your body cannot make B12, so it comes from food or from tablets and injections.",
    "A blood test can show whether your B12 level is low, normal or high.",
    "Low B12 can make you feel tired, weak or short of breath.",
    "Some people notice pins and needles in their hands or feet.",
    "Your care team can explain what your result means for you.",
    "Meat, fish, eggs and milk all contain B12.",
    "People who eat a vegan diet need fortified foods or a supplement.",
    "Some medicines can lower the amount of B12 your body takes in.",
    "Surgery on the stomach or bowel can make it harder to absorb B12.",
    "Treatment is usually tablets or injections, and most people feel better within weeks.",
    "A high B12 result is often caused by tablets or injections you already take.",
    "Ask your doctor before you stop or start any supplement.",
    "Write down your questions before your next appointment.",
    "Keep a list of the medicines you take and show it to your team.",
    "Symptoms can come on slowly, over months or even years.",
]


# -- synthetic content ---------------------------------------------------------------------------


def body(rng, paragraphs):
    parts = [SYNTHETIC]
    for index in range(paragraphs):
        if index % 3 == 0:
            parts.append(f"## Part {index // 3 + 1}")
        parts.append(" ".join(rng.sample(SENTENCES, 5)))
    return "\n\n".join(parts)


def front(fields):
    lines = (
        f"{name}: {json.dumps(value) if isinstance(value, (str, list)) and value else value}"
        for name, value in fields.items()
    )
    return "---\n" + "".join(line.rstrip() + "\n" for line in lines) + "---\n\n"


def generate(size: int) -> tuple[Path, dict]:
    """A copy of content/ grown to `size` times its articles, questions, pages and topics."""
    root = Path(tempfile.mkdtemp(prefix=f"b12-scale-{size}x-")) / "content"
    shutil.copytree(ROOT / "content", root)
    counts = {kind: len(list((root / kind).glob("*.md"))) for kind in ("articles", "faqs", "pages")}
    topics = re.findall(r"^- slug: (\S+)", (root / "topics.yaml").read_text(), re.M)
    counts["topics"] = len(topics)
    rng = random.Random(size)  # noqa: S311 (text, not secrets)
    extra_topics = [f"synthetic-topic-{n:04d}" for n in range(1, counts["topics"] * (size - 1) + 1)]
    with (root / "topics.yaml").open("a") as file:
        for order, slug in enumerate(extra_topics, len(topics) + 1):
            file.write(f"- slug: {slug}\n  title: Synthetic topic {order}\n  order: {order}\n")
    all_topics = topics + extra_topics
    common = {"status": "published", "last_reviewed": "", "next_review_due": "", "reviewed_by": ""}
    for n in range(1, counts["articles"] * (size - 1) + 1):
        text = body(rng, 24) + "\n\n## When to get help\n\n!!! emergency-box\n"
        fields = {
            "title": f"Synthetic article {n}: about B12",
            "summary": f"Synthetic article {n}, made for a speed test. It explains nothing about B12.",
            "topic": all_topics[n % len(all_topics)],
            "order": n,
            "updated": "2026-11-21",
            "references": ["nih-ods-b12"],
            **common,
        }
        (root / "articles" / f"synthetic-article-{n:05d}.md").write_text(front(fields) + text)
    for n in range(1, counts["faqs"] * (size - 1) + 1):
        fields = {"question": f"Synthetic question {n} about B12?", "topic": all_topics[n % len(all_topics)]}
        fields.update(order=n, references=["nih-ods-b12"], **common)
        (root / "faqs" / f"synthetic-question-{n:05d}.md").write_text(front(fields) + body(rng, 2) + "\n")
    for n in range(1, counts["pages"] * (size - 1) + 1):
        fields = {"title": f"Synthetic page {n}", "summary": f"Synthetic page {n}.", "updated": "2026-11-21"}
        fields.update(status="published", last_reviewed="", next_review_due="", reviewed_by="")
        (root / "pages" / f"synthetic-page-{n:05d}.md").write_text(front(fields) + body(rng, 15) + "\n")
    sized = {kind: len(list((root / kind).glob("*.md"))) for kind in ("articles", "faqs", "pages")}
    return root, {**sized, "topics": len(all_topics)}


# -- one size on one database, measured in its own process ---------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def measure(content: Path) -> dict:
    """Run inside a process whose environment names the database (see `main`)."""
    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from articles.sync import sync_content
    from pagecache.middleware import _local
    from search.engine import search

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
    for name, word in WORDS.items():
        search(word)
        runs, started = [], time.perf_counter()
        # SEARCHES calls, fewer when they are slow enough that 60 s run out first.
        while len(runs) < SEARCHES and (len(runs) < 10 or time.perf_counter() - started < 60):
            runs.append(timed(lambda w=word: search(w)))
        out[f"search_{name}"] = [percentile([t for t, _ in runs], p) * 1000 for p in (0.5, 0.99)]
        out[f"hits_{name}"] = len(runs[0][1])
    client = Client(headers={"host": "127.0.0.1"})
    renders = {}
    for pattern in PAGE_TYPES.values():
        path = pattern.format(article=changed.stem)
        client.get(path)
        times = []
        for _ in range(RENDERS):
            cache.clear()
            _local.clear()
            elapsed, response = timed(lambda p=path: client.get(p))
            assert response.status_code == 200, f"{path} answered {response.status_code}"
            times.append(elapsed * 1000)
        renders[pattern] = statistics.median(times)
        if pattern in ("/faq/", "/articles/"):
            out[f"bytes {pattern}"] = len(response.content)
        if pattern == "/sitemap.xml":
            out["sitemap"] = response.content.count(b"<loc>")
    out["render_ms"] = renders
    return out


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


# -- the production server on the largest content ------------------------------------------------


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


def serve_largest(content):
    os.environ["CONTENT_DIR"] = str(content)
    os.environ.pop("DATABASE_URL", None)
    with production_server() as (base, _, _):
        _, _, sitemap = fetch(base + "/sitemap.xml", headers={})
        paths = [urllib.parse.urlsplit(loc).path for loc in re.findall(rb"<loc>([^<]+)</loc>", sitemap)]
        errors = sum(fetch(base + path.decode())[0] != 200 for path in paths)
        rss = worker_rss_mb(urllib.parse.urlsplit(base).port)
        article = next(path.decode() for path in paths if re.fullmatch(rb"/articles/[^/]+/", path))
        wrk = find_wrk()
        run_wrk(wrk, base + article, 2)
        latency = run_wrk(wrk, base + article, 4)
    return len(paths), errors, rss, latency


# -- the report ----------------------------------------------------------------------------------


def main():
    results, checks = {}, []
    print(f"{os.cpu_count()} cores; sizes {', '.join(f'{s}x' for s in SIZES)} of content/\n")
    contents = {}
    for size in SIZES:
        contents[size] = generate(size)
        print(f"{size}x: " + ", ".join(f"{n} {kind}" for kind, n in contents[size][1].items()))
    print()
    manage(production_env(ROOT, 8000), "collectstatic", "--noinput", "--verbosity", "0")
    dbs = databases()
    for db, url in dbs:
        for size in SIZES:
            results[db, size] = run_size(contents[size][0], url)
            print(f"  measured {db} {size}x", flush=True)
    print()
    print(f"{'sync (s, items written)':<26}{'size':>6}{'first load':>12}{'unchanged':>16}{'one changed':>16}")
    for (db, size), r in results.items():
        print(
            f"{db:<26}{f'{size}x':>6}{r['sync_full']:>12.2f}{r['sync_same']:>10.2f}{r['rows_same']:>6}"
            f"{r['sync_one']:>10.2f}{r['rows_one']:>6}"
        )
        checks.append(
            (
                f"{db} {size}x: one changed file syncs in at most 2x an unchanged run + 1 s, writing only it",
                r["sync_one"] <= 2 * r["sync_same"] + 1 and r["rows_one"] == 1 and r["rows_same"] == 0,
            )
        )
    print(
        f"\n{'search (ms, function)':<26}{'size':>6}"
        + "".join(f"{w + ' p50/p99':>22}" for w in WORDS.values())
    )
    for (db, size), r in results.items():
        cells = "".join(
            f"{r[f'search_{n}'][0]:>9.1f}{r[f'search_{n}'][1]:>7.1f}{r[f'hits_{n}']:>4} hits" for n in WORDS
        )
        print(f"{db:<26}{f'{size}x':>6}{cells}")
        if size == max(SIZES):
            worst = max(r[f"search_{n}"][1] for n in WORDS)
            checks.append((f"{db} {size}x: search p99 under {TARGETS['search_p99_ms']:.0f} ms", worst < 50))
    print(f"\n{'cold render (ms)':<26}{'size':>6}" + "".join(f"{name:>12}" for name in PAGE_TYPES))
    for (db, size), r in results.items():
        print(
            f"{db:<26}{f'{size}x':>6}" + "".join(f"{r['render_ms'][p]:>12.1f}" for p in PAGE_TYPES.values())
        )
    print(
        f"\n{'sizes':<26}{'size':>6}{'/faq/ KB':>12}{'/articles/ KB':>16}{'sitemap URLs':>16}  index needed"
    )
    for (db, size), r in results.items():
        print(
            f"{db:<26}{f'{size}x':>6}{r['bytes /faq/'] / 1024:>12.0f}{r['bytes /articles/'] / 1024:>16.0f}"
            f"{r['sitemap']:>16}  {'yes' if r['sitemap'] > SITEMAP_LIMIT else 'no'}"
        )
    largest = max(SIZES)
    addresses, errors, rss, latency = serve_largest(contents[largest][0])
    print(
        f"\nProduction server on {largest}x (SQLite): {addresses} addresses requested once, {errors} errors; "
        f"worker RSS {', '.join(f'{mb:.0f} MB' for mb in rss)}"
    )
    print(
        f"Cached article, wrk 64 connections 4 s: {latency['rps']:.0f} req/s, p50 {latency['p50']:.2f} ms, "
        f"p99 {latency['p99']:.2f} ms, {latency['errors']} errors"
    )
    checks.append((f"{largest}x: every address answered", errors == 0 and addresses > 0))
    checks.append(
        (f"{largest}x: worker memory under {TARGETS['worker_mb']:.0f} MB", bool(rss) and max(rss) < 200)
    )
    checks.append(
        (
            f"{largest}x: cached article p99 under {BENCH_TARGETS['p99_ms']:.0f} ms",
            latency["p99"] < BENCH_TARGETS["p99_ms"] and not latency["errors"],
        )
    )
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
