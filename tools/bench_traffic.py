"""make bench-traffic (and the second part of make bench-scale): how the site carries traffic
with more than one machine.

Runs the production profile of docs/deploy.md for many instances, on loopback:

- two app instances: gunicorn with the project's configuration (tools/prodserver.py), each in
  a process group of its own, on two ports;
- PostgreSQL: a database of their own, bench_traffic, created and dropped here, on the server of
  DATABASE_URL, else postgres://postgres@127.0.0.1:5432/, with the real content synced into it
  (migrate, then sync_content);
- Redis: database 5 of the server of REDIS_URL, else redis://127.0.0.1:6379, emptied at the start
  and at the end;
- nginx in front (Debian's package, installed with apt when run as root and missing), in the
  foreground, with deploy/nginx-bench.conf: both instances upstream, the proxy headers, and the
  shared cache of "A shared cache in front". Its pid, logs, cache and temporary files are in a
  temporary folder. The same configuration has a second port without the shared cache.

Then wrk (see tools/bench.py), sending Accept-Encoding: gzip, at 64, 256 and 1,024 connections
on an article and the self-check start, through nginx with its shared cache (what visitors
reach) and through nginx without it (every request reaches an instance: what the two instances
carry), and on a Spanish article at 256 connections; and on the article, one instance asked
directly, without nginx (what nginx in front costs). Each run reports requests/s, p50 and p99
latency and errors (answers other than 2xx/3xx, and socket errors: connect, read, write and
timeouts of 2 s).

Then a publish in the middle of a run: while wrk sends the article's requests at 256
connections through nginx without its cache (so the load reaches the instances), the article's
text changes through the site's own workflow, as the content sync loads a changed file
(articles.workflow.apply(SYNC, row, "load", fields=...)). Each instance is asked directly, and
nginx with its cache, every 50 ms, each time on a new connection (so every worker of an instance
gets asked): how long after the change was committed every answer from that address has the new
text. Renders are counted in Redis: a render of a shared page ends with one SET of its key in
the shared cache (site/pagecache/middleware.py), and Redis's MONITOR shows each SET with the
connection it came from, which names the instance. Nothing is added to the site for this.

What the page cache promises after a publish (site/pagecache/middleware.py): the content version
is part of every key and ETag, so an instance's next request after the commit misses the old
page, renders the new one and stores it in the shared Redis, where every other process finds it.
There is no lock: requests that miss before the first render is stored all render. So renders
are at most one per request thread (instances x WEB_CONCURRENCY x GUNICORN_THREADS, 16 with the
defaults), and nginx serves its copy until it is SHARED_CACHE_SECONDS old (60 by default), then
asks an instance once ("has it changed?") and takes the new page.

Targets, each printed PASS or FAIL (the command exits non-zero on a miss):
- no errors at 64 and 256 connections, the run with the publish included;
- p99 under 100 ms for the article through nginx with its shared cache at 64 connections;
- every instance serves the new text within 2 s of the publish, every answer from then on;
- nginx with its shared cache serves it within SHARED_CACHE_SECONDS + 2 s;
- renders of the article after the publish at most one per request thread.

BENCH_TRAFFIC_SECONDS (default 10) is each run's length; BENCH_TRAFFIC_LEVELS (default
64,256,1024) the connection counts. With 256 left out, the Spanish article and the publish run
at the largest count given.
"""

import contextlib
import gzip
import hashlib
import os
import platform
import pwd
import re
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import fetch, find_wrk, read_wrk, run_wrk, wrk_command  # noqa: E402
from prodserver import HOST, PYTHON, ROOT, free_port, gunicorn, manage, production_env  # noqa: E402

SECONDS = int(os.environ.get("BENCH_TRAFFIC_SECONDS", "10"))
LEVELS = [int(level) for level in os.environ.get("BENCH_TRAFFIC_LEVELS", "64,256,1024").split(",")]
SLUG = "low-b12-and-cancer"
ARTICLE = f"/articles/{SLUG}/"
SPANISH = f"/es{ARTICLE}"
SELF_CHECK = "/self-check/"
PAGES = {"article": ARTICLE, "self-check start": SELF_CHECK}
NGINX_TEMPLATE = ROOT / "deploy" / "nginx-bench.conf"
PG_DATABASE = "bench_traffic"
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/"
REDIS_DEFAULT = "redis://127.0.0.1:6379"
REDIS_DB = 5
POLL_SECONDS = 0.05
TARGETS = {"p99_ms": 100.0, "instance_s": 2.0}
STOP_WORD = "bench-traffic-stop"


def say(text=""):
    print(text, flush=True)


# -- what the machine is -------------------------------------------------------------------------


def first_match(path, pattern):
    with contextlib.suppress(OSError):
        found = re.search(pattern, Path(path).read_text(), re.M)
        if found:
            return found.group(1).strip()
    return "unknown"


def machine(nginx, wrk, database_url, redis_url):
    import psycopg
    import redis

    with psycopg.connect(database_url) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    redis_version = redis.Redis.from_url(redis_url).info("server")["redis_version"]
    nginx_version = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr.strip()
    wrk_version = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.split("[")[0].strip()
    memory_kb = int(first_match("/proc/meminfo", r"^MemTotal:\s+(\d+)"))
    return [
        f"{os.cpu_count()} cores ({first_match('/proc/cpuinfo', r'^model name\s*:(.*)$')}), "
        f"{memory_kb / 1024 / 1024:.0f} GiB, {first_match('/etc/os-release', r'^PRETTY_NAME=\"?([^\"]*)')}, "
        f"Python {platform.python_version()}",
        f"{nginx_version.removeprefix('nginx version: ')}, PostgreSQL {postgres}, Redis {redis_version}, "
        f"{wrk_version}",
        f"load average at the start: {' '.join(f'{load:.2f}' for load in os.getloadavg())}",
    ]


# -- what the run needs --------------------------------------------------------------------------


def find_nginx():
    """Debian's nginx, installed when we may. Only its program is used: never /etc/nginx or
    its service."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing Debian's nginx")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "nginx"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return shutil.which("nginx") or "/usr/sbin/nginx"
    sys.exit("make bench-traffic needs nginx: install Debian's nginx package (sudo apt-get install nginx).")


def files_needed(connections):
    """Open files one process needs for `connections` visitors: an nginx worker may hold a
    connection from each and one to an instance for each (wrk needs one each)."""
    return 2 * connections + 256


def open_file_limit(connections):
    """Raise this process's open-file limit (wrk and nginx inherit it) for `connections`; the
    limit in force."""
    wanted = files_needed(connections)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        ceiling = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (ceiling, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def levels_within(limit):
    """The connection counts the open-file limit allows, and a sentence on those it does not."""
    allowed = [level for level in LEVELS if files_needed(level) <= limit]
    refused = [level for level in LEVELS if level not in allowed]
    if not refused:
        return allowed, ""
    return allowed, (
        f"Not measured at {', '.join(map(str, refused))} connections: the open-file limit is {limit} and "
        f"could not be raised to {files_needed(max(refused))} (raise the hard limit, e.g. `ulimit -Hn 8192` as "
        "root, and run again)."
    )


@contextlib.contextmanager
def temporary_folder():
    folder = Path(tempfile.mkdtemp(prefix="b12-traffic-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def server_url(environment_name, default, path):
    """The server of `environment_name` (or `default`) with our own database `path`, never theirs."""
    server = os.environ.get(environment_name) or default
    return urllib.parse.urlsplit(server)._replace(path=path).geturl()


@contextlib.contextmanager
def own_database():
    """A PostgreSQL database of our own, dropped at the end whatever happens."""
    import psycopg

    admin = server_url("DATABASE_URL", PG_DEFAULT, "/postgres")
    try:
        connection = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        sys.exit(
            f"make bench-traffic needs PostgreSQL: {admin} does not answer ({type(error).__name__}). "
            "Start it, or set DATABASE_URL to a server where this user may create a database."
        )
    with connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {PG_DATABASE}")
    try:
        yield server_url("DATABASE_URL", PG_DEFAULT, f"/{PG_DATABASE}")
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


@contextlib.contextmanager
def own_redis_database():
    """Redis database 5, emptied before and after: the instances' shared cache."""
    import redis

    url = server_url("REDIS_URL", REDIS_DEFAULT, f"/{REDIS_DB}")
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.flushdb()
    except redis.RedisError as error:
        sys.exit(
            f"make bench-traffic needs Redis: {url} does not answer ({type(error).__name__}). "
            "Start it, or set REDIS_URL to a Redis whose database 5 it may empty."
        )
    try:
        yield url
    finally:
        with contextlib.suppress(redis.RedisError):
            client.flushdb()


def wait_for(url, process, log, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with contextlib.suppress(OSError):
            if fetch(url + "/healthz", headers={})[0] == 200:
                return
        time.sleep(0.2)
    tail = Path(log).read_text(errors="replace")[-3000:] if Path(log).exists() else ""
    sys.exit(f"{what} did not answer {url}/healthz within {seconds} s:\n{tail}")


@contextlib.contextmanager
def app_instance(env, port, log):
    """One instance: gunicorn as `make serve` runs it, in its own process group (prodserver)."""
    with open(log, "w") as output, gunicorn(env, port, output=output) as process:
        wait_for(f"http://{HOST}:{port}", process, log, f"The app instance on port {port}")
        yield process


def nginx_config(workdir, port, uncached_port, instance_ports):
    text = NGINX_TEMPLATE.read_text()
    for name, value in {
        "WORKDIR": workdir,
        "PORT": port,
        "UNCACHED_PORT": uncached_port,
        "INSTANCE_1_PORT": instance_ports[0],
        "INSTANCE_2_PORT": instance_ports[1],
    }.items():
        text = text.replace(f"@{name}@", str(value))
    if "@" in re.sub(r"#.*", "", text):
        sys.exit(f"{NGINX_TEMPLATE} has a placeholder this tool does not fill in")
    path = workdir / "nginx.conf"
    path.write_text(text)
    return path


def hand_to_nginx_workers(workdir):
    """Run as root, nginx's workers switch to `nobody`: let them into the folder they write to."""
    if os.geteuid() != 0:
        return
    nobody = pwd.getpwnam("nobody")
    workdir.chmod(0o755)
    for name in ("cache", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / name).mkdir(exist_ok=True)
        os.chown(workdir / name, nobody.pw_uid, nobody.pw_gid)


@contextlib.contextmanager
def nginx_in_front(nginx, workdir, port, uncached_port, instance_ports):
    """nginx in the foreground, in its own process group; stopped with its workers at the end."""
    config = nginx_config(workdir, port, uncached_port, instance_ports)
    hand_to_nginx_workers(workdir)
    command = [nginx, "-p", str(workdir), "-c", str(config), "-e", str(workdir / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode:
        sys.exit(f"nginx refused {config}:\n{checked.stderr}")
    log = workdir / "nginx.out"
    with open(log, "w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for each in (port, uncached_port):
            wait_for(f"http://{HOST}:{each}", process, workdir / "error.log", "nginx")
        yield f"http://{HOST}:{port}", f"http://{HOST}:{uncached_port}"
    finally:
        stop_group(process, signal.SIGQUIT)  # nginx's graceful stop


def stop_group(process, first_signal=signal.SIGTERM):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, first_signal)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# -- measuring -----------------------------------------------------------------------------------


def free_ports(count):
    ports = set()
    while len(ports) < count:
        ports.add(free_port())
    return list(ports)


def page_text(url):
    """The page's HTML, or None when it did not answer 200."""
    status, headers, body = fetch(url)
    if status != 200:
        return None
    return gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body


class Watch(threading.Thread):
    """Ask one address for a page every 50 ms, each time on a new connection, until stopped.

    Notes, for each answer, when it arrived and whether it held `marker` (None: no answer).
    """

    def __init__(self, name, url, marker):
        super().__init__(daemon=True)
        self.name, self.url, self.marker = name, url, marker.encode()
        self.answers = []
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            asked = time.monotonic()
            try:
                html = page_text(self.url)
                self.answers.append((time.time(), None if html is None else self.marker in html))
            except Exception:  # a refused or broken answer: counted as no answer, and asked again
                self.answers.append((time.time(), None))
            self.done.wait(max(0.0, POLL_SECONDS - (time.monotonic() - asked)))

    def settled_since(self):
        """When the first of an unbroken run of new answers up to the last one arrived, or None."""
        settled = None
        for arrived, new in self.answers:
            settled = (settled or arrived) if new is True else None
        return settled

    def errors(self):
        return sum(new is None for _, new in self.answers)


class Renders(threading.Thread):
    """Every SET of a page's key in our Redis database, read from Redis's MONITOR.

    A render of a shared page ends with exactly one such SET (pagecache.middleware); hits read
    from the process's own memory or GET from Redis, and write nothing.
    """

    def __init__(self, redis_url, path):
        import redis

        super().__init__(daemon=True)
        self.redis_error = redis.RedisError
        # No read timeout: MONITOR is quiet for as long as nothing writes to Redis.
        self.redis = redis.Redis.from_url(redis_url, socket_timeout=None)
        self.key_end = ":" + hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()
        self.sets = []  # (time, client port, key)
        self.listening = threading.Event()
        self.problem = "it never saw the end of the run"  # until it does

    def run(self):
        try:
            with self.redis.monitor() as monitor:
                self.listening.set()
                for command in monitor.listen():
                    words = command["command"].split(" ", 2)
                    if words[:2] == ["ECHO", STOP_WORD]:
                        self.problem = None
                        return
                    if command["db"] == REDIS_DB and words[0] == "SET" and words[1].endswith(self.key_end):
                        self.sets.append((command["time"], int(command["client_port"]), words[1]))
        except self.redis_error as error:
            self.problem = f"Redis's MONITOR stopped: {error}"
        finally:
            self.listening.set()

    def stop(self):
        """Stop at the mark written now: every SET before it has been read by then."""
        with contextlib.suppress(self.redis_error):
            self.redis.echo(STOP_WORD)
        self.join(timeout=10)


def process_group(pgid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                found.append(int(stat.parent.name))
    return found


def socket_owners(instances):
    """{local TCP port: instance number} for every socket the instances' processes hold."""
    inode_port = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                inode_port[fields[9]] = int(fields[1].rsplit(":", 1)[1], 16)
    owners = {}
    for number, process in instances.items():
        for pid in process_group(process.pid):
            with contextlib.suppress(OSError):
                for fd in Path(f"/proc/{pid}/fd").iterdir():
                    with contextlib.suppress(OSError):
                        target = os.readlink(fd)
                        if target.startswith("socket:[") and target[8:-1] in inode_port:
                            owners[inode_port[target[8:-1]]] = number
    return owners


PUBLISH = """
import sys, time
from articles import workflow
from articles.models import Article
row = Article.objects.get(language="en", slug={slug!r})
print("ready", flush=True)
sys.stdin.readline()
workflow.apply(workflow.SYNC, row, "load", fields={{"body": row.body + "\\n\\n" + {marker!r} + "\\n"}})
print("published", time.time(), flush=True)
"""


@contextlib.contextmanager
def stopped_at_end(process):
    """`process`, killed if it is still running when the block ends (a failure, Ctrl-C)."""
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def publisher(env, marker):
    """A Django shell, set up and waiting, that publishes the changed article on a line from us."""
    process = subprocess.Popen(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", PUBLISH.format(slug=SLUG, marker=marker)],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    output = []
    try:
        for line in process.stdout:
            if line.strip() == "ready":
                return process
            output.append(line)
    except BaseException:
        process.kill()
        process.wait()
        raise
    process.wait()
    sys.exit("The publishing shell stopped before it was ready:\n" + "".join(output))


def publish(process):
    process.stdin.write("go\n")
    process.stdin.flush()
    output = []
    for line in process.stdout:
        output.append(line)
        if line.startswith("published "):
            process.wait(timeout=30)
            return float(line.split()[1])
    sys.exit("The publish failed:\n" + "".join(output))


def publish_during_run(wrk, level, env, direct, front, uncached, redis_url, instances):
    """wrk on the article through nginx without its cache; a publish a third of the way in."""
    marker = f"Publish check {secrets.token_hex(6)}."
    old_state = fetch(direct[0][1] + ARTICLE)[1]["ETag"].strip('"')
    watches = [Watch(name, url + ARTICLE, marker) for name, url in direct] + [
        Watch("nginx, shared cache", front + ARTICLE, marker)
    ]
    renders = Renders(redis_url, ARTICLE)
    url = uncached + ARTICLE
    with contextlib.ExitStack() as started:
        shell = started.enter_context(stopped_at_end(publisher(env, marker)))
        renders.start()
        renders.listening.wait(10)
        command = wrk_command(wrk, url, SECONDS, level)
        load = started.enter_context(
            stopped_at_end(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
        )
        for watch in watches:
            watch.start()
        time.sleep(SECONDS / 3)
        published = publish(shell)
        load_report = read_wrk(url, load.communicate(timeout=SECONDS + 30)[0])
    shared_seconds = int(env.get("SHARED_CACHE_SECONDS", "60"))
    deadline = published + shared_seconds + 15
    # Until every address has answered with the new text for a whole second, or time is up.
    while time.time() < deadline and not all(
        (since := w.settled_since()) and time.time() - since > 1 for w in watches
    ):
        time.sleep(0.2)
    for watch in watches:
        watch.done.set()
        watch.join()
    renders.stop()
    owners = socket_owners(instances)
    # Renders of the new version: every key holds the version (and release) it was made for.
    new_sets = [(at, owners.get(port)) for at, port, key in renders.sets if f":{old_state}:" not in key]
    return {
        "published": published,
        "level": level,
        "load": load_report,
        "shared_seconds": shared_seconds,
        "settled": {w.name: (w.settled_since() - published if w.settled_since() else None) for w in watches},
        "poll_errors": {w.name: w.errors() for w in watches},
        "renders": new_sets,
        "renders_problem": renders.problem,
    }


# -- the report ----------------------------------------------------------------------------------


def print_level(level, rows):
    say(f"\n{level} connections, {SECONDS} s each")
    say(f"{'':<38}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for (route, page), result in rows.items():
        say(
            f"{route + ', ' + page:<38}{result['rps']:>9.0f}{result['p50']:>9.2f}{result['p99']:>9.2f}"
            f"{result['errors']:>8}"
        )


def threads_per_instance(env):
    return int(env.get("WEB_CONCURRENCY", "2")) * int(env.get("GUNICORN_THREADS", "4"))


def report_publish(outcome, env):
    load = outcome["load"]
    say(
        f"\nPublish during wrk at {outcome['level']} connections on the article through nginx without its cache "
        f"({SECONDS} s): {load.get('rps', 0):.0f} req/s, p99 {load.get('p99', float('nan')):.2f} ms, "
        f"{load.get('errors', 'no wrk report,')} errors"
    )
    say("New text in every answer from then on, after the commit (asked every 50 ms):")
    for name, seconds in outcome["settled"].items():
        errors = outcome["poll_errors"][name]
        shown = f"{seconds * 1000:.0f} ms" if seconds is not None else "never, within the time allowed"
        say(f"  {name:<28}{shown:>12}{f'  ({errors} requests unanswered)' if errors else ''}")
    renders = outcome["renders"]
    per_instance = {}
    for _, number in renders:
        per_instance[number] = per_instance.get(number, 0) + 1
    window = (max(at for at, _ in renders) - min(at for at, _ in renders)) * 1000 if renders else 0.0
    split = ", ".join(
        f"{'instance ' + str(number) if number else 'not traced'}: {count}"
        for number, count in sorted(per_instance.items(), key=lambda item: str(item[0]))
    )
    bound = 2 * threads_per_instance(env)
    say(
        f"Renders of the article after the publish: {len(renders)} ({split or 'none'}), "
        f"stored within {window:.0f} ms of each other; the page cache's bound is {bound}, one per request thread"
    )
    if outcome["renders_problem"]:
        say(f"  Not a full count: {outcome['renders_problem']}")


def main():
    wrk, nginx = find_wrk(), find_nginx()
    limit = open_file_limit(max(LEVELS))
    levels, refused = levels_within(limit)
    if not levels:
        sys.exit(refused)
    busy = 256 if 256 in levels else max(levels)
    # Stopping the run (Ctrl-C, SIGTERM) must stop everything it started: run the cleanup below,
    # even when it was started in the background, where SIGINT comes ignored.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    results, checks = {}, []
    with contextlib.ExitStack() as stack:
        workdir = stack.enter_context(temporary_folder())
        database_url = stack.enter_context(own_database())
        redis_url = stack.enter_context(own_redis_database())
        for line in machine(nginx, wrk, database_url, redis_url):
            say(line)
        say(f"open-file limit {limit}")
        if refused:
            say(refused)
        *ports, front_port, uncached_port = free_ports(4)
        env = production_env(workdir, front_port)
        env.update(
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            STATIC_ROOT=str(workdir / "static"),
            DJANGO_TRUSTED_PROXY_COUNT="1",
        )
        env.pop("SQLITE_PATH", None)
        say("\nSyncing the content into PostgreSQL")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "sync_content", "--force")
        instances = {
            number: stack.enter_context(app_instance(env, port, workdir / f"instance-{number}.log"))
            for number, port in enumerate(ports, 1)
        }
        front, uncached = stack.enter_context(
            nginx_in_front(nginx, workdir, front_port, uncached_port, ports)
        )
        direct = [(f"instance {n} (:{port})", f"http://{HOST}:{port}") for n, port in enumerate(ports, 1)]
        workers = f"{env.get('WEB_CONCURRENCY', '2')} workers of {env.get('GUNICORN_THREADS', '4')} threads"
        say(
            f"Two app instances on ports {ports[0]} and {ports[1]} (gunicorn, {workers} each, DJANGO_DEBUG=0)"
        )
        say(f"nginx at {front} (shared cache) and {uncached} (no cache); wrk sends Accept-Encoding: gzip")
        routes = {"nginx, shared cache": front, "nginx, no cache": uncached}
        for path in (*PAGES.values(), SPANISH):
            for url in [*routes.values(), *(u for _, u in direct)]:
                if page_text(url + path) is None:
                    sys.exit(f"{url}{path} did not answer 200 before the run")
            for url in routes.values():
                run_wrk(wrk, url + path, 1, 64)  # warm every worker's connections and caches
        for level in levels:
            rows = {}
            for route, url in routes.items():
                for page, path in PAGES.items():
                    rows[route, page] = run_wrk(wrk, url + path, SECONDS, level)
                if level == busy:
                    rows[route, "Spanish article"] = run_wrk(wrk, url + SPANISH, SECONDS, level)
            # One instance asked directly, without nginx: what nginx in front costs or saves.
            rows["instance 1 alone", "article"] = run_wrk(wrk, direct[0][1] + ARTICLE, SECONDS, level)
            results[level] = rows
            print_level(level, rows)
        outcome = publish_during_run(wrk, busy, env, direct, front, uncached, redis_url, instances)
        report_publish(outcome, env)

    for level in (64, 256):
        if level not in results:
            checks.append((f"no errors at {level} connections", None))
            continue
        failed = [f"{route}, {page}" for (route, page), r in results[level].items() if r["errors"]]
        if level == busy and outcome["load"].get("errors", 1):
            failed.append("the run with the publish")
        checks.append((f"no errors at {level} connections", not failed, failed))
    article = results.get(64, {}).get(("nginx, shared cache", "article"))
    checks.append(
        (
            f"article through nginx with its shared cache at 64 connections: p99 under {TARGETS['p99_ms']:.0f} ms",
            None if article is None else article["p99"] < TARGETS["p99_ms"],
            [f"p99 {article['p99']:.1f} ms"] if article else [],
        )
    )
    settled = outcome["settled"]
    late = [name for name, s in settled.items() if name.startswith("instance") and (s is None or s > 2)]
    checks.append((f"every instance serves the publish within {TARGETS['instance_s']:.0f} s", not late, late))
    nginx_seconds = settled["nginx, shared cache"]
    nginx_limit = outcome["shared_seconds"] + 2
    checks.append(
        (
            f"nginx's shared cache serves it within SHARED_CACHE_SECONDS + 2 s ({nginx_limit} s)",
            nginx_seconds is not None and nginx_seconds <= nginx_limit,
        )
    )
    bound = 2 * threads_per_instance(env)
    renders, problem = len(outcome["renders"]), outcome["renders_problem"]
    checks.append(
        (
            f"renders after the publish at most one per request thread ({bound})",
            not problem and 0 < renders <= bound,
            [problem or f"{renders} renders"],
        )
    )
    say()
    for label, passed, *why in checks:
        say(f"{'PASS' if passed else 'FAIL' if passed is not None else 'SKIP'}  {label}")
        if passed is False and why and why[0]:
            say(f"      {'; '.join(why[0])}")
    if refused:
        say(f"      {refused}")
    sys.exit(0 if all(passed is not False for _, passed, *_ in checks) else 1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("stopped")
