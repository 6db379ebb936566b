"""gunicorn settings for production, used by `make serve`, `make bench` and `make audit`.

- Threaded workers keep connections alive between requests, as browsers and proxies expect;
  a sync worker closes every connection after one request.
- `reuse_port`: each worker listens on its own socket and the kernel shares new connections
  out between them. With one shared socket, whichever worker wakes first takes the
  connection, and under load one worker ends up holding most of the long-lived keep-alive
  connections while the other idles (54 against 10 of 64 in make bench), which doubles the
  slowest response times.
- `gc.freeze()` after start-up: a full garbage collection then walks only what requests
  allocate, and pauses every thread of the worker for less time.

Environment variables override: WEB_CONCURRENCY (processes, default 2), GUNICORN_THREADS
(threads per process, default 4), GUNICORN_WORKER_CLASS (default gthread).
"""

import os

worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5
reuse_port = True
# No access log: it would record visitors' addresses (see docs/deploy.md).
accesslog = None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    import gc

    gc.freeze()
