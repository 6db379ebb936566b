"""gunicorn settings for production, used by `make serve`, `make bench` and `make audit`.

Threaded workers keep connections alive between requests, which browsers and proxies reuse;
a sync worker would close every connection after one request. Environment variables
override: WEB_CONCURRENCY (processes), GUNICORN_THREADS (threads per process).
"""

import os

worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5
# No access log: it would record visitors' addresses (see docs/deploy.md).
accesslog = None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    # Move everything loaded at start-up out of the garbage collector's way: a full
    # collection then walks only what requests allocate, and stops threads for less time.
    import gc

    gc.freeze()
