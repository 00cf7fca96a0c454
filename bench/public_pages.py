"""Public pages under load: wrk against `gongkai serve` (gunicorn) beside nginx serving the
same HTML saved as static files, in the same run.

    .venv/bin/python bench/public_pages.py                 # a fresh demo of 100 000 items
    BENCH_DATA_DIR=/path/to/data .venv/bin/python bench/public_pages.py   # an existing one

Needs `wrk` and `nginx` (bench/run.sh installs them). For the home page and a checklist
item's column, anonymous, 50 connections, 15 s each: requests per second and p99 latency of
gunicorn alone, of the production layout (deploy/nginx.conf: nginx's micro-cache in front
of gunicorn), and of nginx serving the saved HTML; the ratios; then the freshness of a publish
through the cache. Targets (issue 10, for the production layout): ratio >= 0.5, p99 < 20 ms,
fresh within 1 s.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from _common import GONGKAI, demo_data, target

PAGES = {"home": "/", "item": "/category-3/item-19/"}
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def wrk(url: str, seconds: int = 15, extra: list[str] | None = None) -> tuple[float, float]:
    out = subprocess.run(["wrk", "-t2", "-c50", f"-d{seconds}s", "--latency", *(extra or []), url],
                         capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        sys.exit(f"wrk got error answers from {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return rps, p99


def nginx_serving(directory: Path, port: int) -> subprocess.Popen:
    conf = directory / "nginx.conf"
    conf.write_text(f"""
worker_processes 2;
pid {directory}/nginx.pid;
error_log {directory}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  default_type text/html;
  client_body_temp_path {directory}/tmp; proxy_temp_path {directory}/tmp; fastcgi_temp_path {directory}/tmp;
  uwsgi_temp_path {directory}/tmp; scgi_temp_path {directory}/tmp;
  server {{ listen 127.0.0.1:{port}; root {directory}/html; index index.html; }}
}}
""")
    (directory / "tmp").mkdir(exist_ok=True)
    return subprocess.Popen([NGINX, "-c", str(conf), "-p", str(directory), "-g", "daemon off;"])


def nginx_caching(directory: Path, port: int, upstream: int) -> subprocess.Popen:
    """The production layout of deploy/nginx.conf: a micro-cache (to the end of the clock
    second, as gunicorn's X-Accel-Expires says) in front of gunicorn for readers off campus
    without a session."""
    conf = directory / "nginx-cache.conf"
    conf.write_text(f"""
worker_processes 2;
pid {directory}/nginx-cache.pid;
error_log {directory}/error-cache.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {directory}/tmp; proxy_temp_path {directory}/tmp; fastcgi_temp_path {directory}/tmp;
  uwsgi_temp_path {directory}/tmp; scgi_temp_path {directory}/tmp;
  proxy_cache_path {directory}/cache levels=1:2 keys_zone=gongkai_pages:10m max_size=200m inactive=10m
                   use_temp_path=off;
  map $http_cookie $skip_cache {{ default 0; "~*(sessionid|messages)=" 1; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://127.0.0.1:{upstream};
      proxy_set_header Host $host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_cache gongkai_pages;
      proxy_cache_key "$scheme$host$request_uri";
      proxy_cache_valid 200 1s;
      proxy_cache_lock on;
      proxy_cache_use_stale updating;
      proxy_cache_background_update on;
      proxy_cache_bypass $skip_cache;
      proxy_no_cache $skip_cache;
    }}
  }}
}}
""")
    (directory / "tmp").mkdir(exist_ok=True)
    (directory / "cache").mkdir(exist_ok=True)
    return subprocess.Popen([NGINX, "-c", str(conf), "-p", str(directory), "-g", "daemon off;"])


def main() -> int:
    if not shutil.which("wrk") or not Path(NGINX).exists():
        sys.exit("需要 wrk 和 nginx：bench/run.sh 会安装（apt-get install wrk nginx-light）。")
    data_dir, template = demo_data("pages", 100_000)
    app_port, static_port, cache_port = free_port(), free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(GONGKAI_DATA_DIR=str(data_dir))
    app = subprocess.Popen([str(GONGKAI), "serve", "--port", str(app_port)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    work = Path(tempfile.mkdtemp(prefix="gongkai-nginx-"))
    work.chmod(0o755)   # nginx's workers run as another user when started by root
    static = caching = None
    ok = True
    try:
        base = f"http://127.0.0.1:{app_port}"
        wait_for(base + "/")
        for name, path in PAGES.items():
            html = urllib.request.urlopen(base + path).read()
            target_file = work / "html" / path.strip("/") / "index.html"
            target_file.parent.mkdir(parents=True, exist_ok=True)
            target_file.write_bytes(html)
        static = nginx_serving(work, static_port)
        wait_for(f"http://127.0.0.1:{static_port}/")
        caching = nginx_caching(work, cache_port, app_port)
        cached_base = f"http://127.0.0.1:{cache_port}"
        wait_for(cached_base + "/")
        print(f"{'page':<6} {'gunicorn rps':>13} {'p99 ms':>7} {'nginx cache rps':>16} {'p99 ms':>7} "
              f"{'static rps':>11} {'p99 ms':>7} {'ratio':>6} {'cache ratio':>12}")
        for name, path in PAGES.items():
            # gunicorn alone last: its backlog after 15 s of overload would slow the next run.
            urllib.request.urlopen(cached_base + path).read()
            cached_rps, cached_p99 = wrk(cached_base + path)
            static_rps, static_p99 = wrk(f"http://127.0.0.1:{static_port}{path}")
            app_rps, app_p99 = wrk(base + path)
            time.sleep(3)
            print(f"{name:<6} {app_rps:>13.0f} {app_p99:>7.1f} {cached_rps:>16.0f} {cached_p99:>7.1f} "
                  f"{static_rps:>11.0f} {static_p99:>7.1f} {app_rps / static_rps:>6.3f} {cached_rps / static_rps:>12.3f}",
                  flush=True)
            # The targets are for the production layout (deploy/nginx.conf): nginx's micro-
            # cache in front of gunicorn; gunicorn alone is printed beside it.
            ok &= target(f"pages_{name}_ratio_to_nginx", cached_rps / static_rps, 0.5, "", lower_is_better=False)
            ok &= target(f"pages_{name}_p99_ms", cached_p99, 20, "ms", lower_is_better=True)
        # Freshness: publish an item and time until the column served shows it.
        marker = str(int(time.time() * 1000))
        code = ("from django.utils import timezone; from gongkai.catalog.models import ChecklistItem, Scope; "
                "from gongkai.org.models import Department; "
                "from gongkai.publishing.bulk import NewItem, items_bulk_publish; "
                "items_bulk_publish(items=[NewItem(checklist_item_id=ChecklistItem.objects.get(number=19).pk, "
                f"title='压测新发布的信息{marker}', slug='bench-fresh-{marker}', "
                "department_id=Department.objects.first().pk, scope_id=Scope.objects.get(code='public').pk, "
                "published_at=timezone.now())])")
        # Readers keep asking during the publish, so nginx holds a fresh copy of the old page
        # when the item lands: the time measured is the cache's, not an empty cache's.
        seen: dict[str, float] = {}
        stop = threading.Event()

        def reader():
            while not stop.is_set():
                if marker in urllib.request.urlopen(cached_base + PAGES["item"]).read().decode():
                    seen.setdefault("at", time.monotonic())
                time.sleep(0.02)
        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        subprocess.run([str(GONGKAI), "shell", "-c", code], env=env, check=True, capture_output=True)
        published = time.monotonic()          # the shell has committed and exited
        while "at" not in seen and time.monotonic() - published < 30:
            time.sleep(0.01)
        stop.set()
        thread.join()
        # Seen before the shell had exited counts as at once.
        fresh = max(0.0, seen.get("at", published + 30) - published)
        print(f"a new item on the column served through nginx's cache after {fresh * 1000:.0f} ms", flush=True)
        ok &= target("pages_fresh_seconds", fresh, 1, "s", lower_is_better=True)
    finally:
        app.terminate()
        app.wait(timeout=30)
        for server in (static, caching):
            if server:
                server.terminate()
                server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
        if template:
            template.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
