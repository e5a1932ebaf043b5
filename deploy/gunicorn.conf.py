"""gunicorn for the platform (`make serve-prod`, deploy/systemd/zhicheng-web.service).

Sized for one machine of 2 cores: 2 worker processes (one per core) × 4 threads. Threads because
a request often waits on something else — the SSO's token and userinfo endpoints during the
login callback, PostgreSQL, object storage — and a waiting thread costs no core. The login
callback calls the SSO while it is being served, so fewer than 2 workers × threads in total can
deadlock a login; keep at least that. Scale with GUNICORN_WORKERS (≈ cores) and
GUNICORN_THREADS, then with more machines behind the balancer (README, 生产部署).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# Above SSO_TIMEOUT_SECONDS (10 s) with room for one slow upload of 40 MB.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, spread out so they do not all restart at once.
max_requests = 5000
max_requests_jitter = 500
# nginx on the same machine terminates TLS and sets X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
errorlog = "-"
wsgi_app = "config.wsgi:application"

if workers * threads < 2:
    raise SystemExit("gunicorn: at least 2 workers × threads, or the SSO login callback deadlocks")
