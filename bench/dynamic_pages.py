"""Pages no cache can answer: a signed-in campus reader's item page and an applicant's
status page, under wrk against `gongkai serve` (gunicorn, its default workers and threads).

    .venv/bin/python bench/dynamic_pages.py                              # a fresh 100 000-item demo
    BENCH_DATA_DIR=/path/to/data .venv/bin/python bench/dynamic_pages.py # an existing one

The campus reader is the demo's `student`, signed in (a session cookie), reading a
campus-only item; the applicant has looked up an application with its query code, and
refreshes the status page (the session remembers the lookup). Both answers are checked
before the load: 200 and the page's own content, not a sign-in page. 50 connections, 15 s
each. Target (issue 10): at least 300 requests per second each.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request

from _common import GONGKAI, demo_data, gongkai, target
from public_pages import free_port, wait_for, wrk

PREPARE = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from gongkai.applications.models import Application
from gongkai.publishing.models import DisclosureItemPage
reader = Client()
reader.force_login(get_user_model().objects.get(username="student"))
item = DisclosureItemPage.objects.filter(live=True, scope__code="campus").order_by("-pk").first()
application = Application.objects.order_by("-pk").first()
applicant = import_module(settings.SESSION_ENGINE).SessionStore()
applicant["applications_seen"] = [application.pk]
applicant.create()
print(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "reader": reader.cookies[settings.SESSION_COOKIE_NAME].value,
                  "item": item.url, "item_title": item.title, "applicant": applicant.session_key,
                  "number": application.number}))
"""


def fetch(url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        return response.status, response.read().decode()


def main() -> int:
    import json

    data_dir, template = demo_data("dynamic", 100_000)
    _, out, _ = gongkai(["shell", "-c", PREPARE], data_dir=data_dir)
    prepared = json.loads(out.strip().splitlines()[-1])
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(GONGKAI_DATA_DIR=str(data_dir))
    app = subprocess.Popen([str(GONGKAI), "serve", "--port", str(port)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ok = True
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")
        pages = {
            "campus_item": (base + prepared["item"], f"{prepared['cookie']}={prepared['reader']}",
                            prepared["item_title"]),
            "application_status": (f"{base}/yishenqing/status/?number={prepared['number']}",
                                   f"{prepared['cookie']}={prepared['applicant']}", "办理状态"),
        }
        for name, (url, cookie, marker) in pages.items():
            status, html = fetch(url, cookie)
            if status != 200 or marker not in html:
                sys.exit(f"{name}: {url} did not answer with its content (status {status})")
            for _ in range(20):
                fetch(url, cookie)
            rps, p99 = wrk(url, extra=["-H", f"Cookie: {cookie}"])
            print(f"{name}: {rps:.0f} req/s, p99 {p99:.1f} ms", flush=True)
            ok &= target(f"dynamic_{name}_rps", rps, 300, "req/s", lower_is_better=False)
    finally:
        app.terminate()
        app.wait()
        if template:
            template.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
