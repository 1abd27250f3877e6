"""Gunicorn for Fazhi: `gunicorn -c gunicorn.conf.py` from the repository (docs/operations.md).

Everything comes from the environment like the settings do, with a clear error for a bad value.
Static files are served by WhiteNoise inside the app, so nginx only proxies.
"""

import multiprocessing

from fazhi.env import env_int, env_str

wsgi_app = "fazhi.wsgi:application"
bind = env_str("FAZHI_GUNICORN_BIND", "127.0.0.1:8000")
# The usual 2 × cores + 1 synchronous workers: requests wait on the database, not the CPU.
workers = env_int("FAZHI_GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1, minimum=1)
# Generating an evaluation's documents or a large export may take a while; nothing takes longer.
timeout = env_int("FAZHI_GUNICORN_TIMEOUT", 120, minimum=1)
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter), so slow leaks never add up.
max_requests = env_int("FAZHI_GUNICORN_MAX_REQUESTS", 1000, minimum=0)
max_requests_jitter = max_requests // 10
# Each worker imports the app itself: a restart then reloads the code without surprises.
preload_app = False
# Behind nginx on the same machine: trust its X-Forwarded-* only from loopback.
forwarded_allow_ips = env_str("FAZHI_GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = env_str("FAZHI_GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = env_str("FAZHI_GUNICORN_LOG_LEVEL", "info")
# No query string (it can carry a receipt code) and no address (nginx is the client here; its own
# log keeps the public's addresses under its own retention): method, path, status, size, time.
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
