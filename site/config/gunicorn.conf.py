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
- No control socket unless asked for. gunicorn's default is one path per user
  (`~/.gunicorn/gunicorn.ctl`): every instance run by the same user (make serve, make bench,
  the tests, another project) replaced the last one's socket and removed it on stopping, so
  `gunicornc` reached the wrong server or none. GUNICORN_CONTROL_SOCKET=/run/b12/gunicorn.ctl
  gives an instance its own.

Environment variables override: WEB_CONCURRENCY (processes, default 2), GUNICORN_THREADS
(threads per process, default 4), GUNICORN_WORKER_CLASS (default gthread),
GUNICORN_CONTROL_SOCKET (a path of this instance's own; default none).
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
# Its own control socket when GUNICORN_CONTROL_SOCKET names one, else none (see above).
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"].strip()


def post_worker_init(worker):
    import gc

    gc.freeze()
