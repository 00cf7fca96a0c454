"""Application intake: a minute of applications through the public form, on SQLite.

    .venv/bin/python bench/intake.py                               # a fresh small demo
    BENCH_DATA_DIR=/path/to/data .venv/bin/python bench/intake.py  # an existing one

`gongkai serve` (gunicorn, its defaults) behind what nginx would send: each request comes
from its own address (X-Real-IP from a trusted proxy, 127.0.0.1), so the per-address limit
of the form sees thousands of applicants, not one. The CAPTCHA runs in its test mode (the
answer "PASSED"): drawing CAPTCHAs belongs to the form's GET, not to intake. wrk posts
whole, valid applications (a Lua script gives each its own submission key) with 32
connections for 60 s; then the database is read back:

- stored: every answer "302 to the receipt" has its application stored (zero lost), and no
  submission key is stored twice (zero duplicated);
- numbering: this year's numbers are unique and gap-free (sequence 1 … n);
- the rate: applications stored per second over the minute, and the slowest 10-second stretch.

Target (issue 10): at least 200 submissions per second, sustained for the minute.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import tempfile

from _common import GONGKAI, demo_data, gongkai, target
from public_pages import free_port, wait_for

SECONDS = int(os.environ.get("BENCH_INTAKE_SECONDS", "60"))
CONNECTIONS = 32

LUA = r"""
counter, ok, other = 0, 0, 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  token = args[1]
  run = args[2]
  base = tonumber(args[3])
end
function request()
  counter = counter + 1
  local key = run .. "-" .. tid .. "-" .. counter
  local n = base + tid * 1000000 + counter
  local ip = "10." .. (math.floor(n / 65536) % 256) .. "." .. (math.floor(n / 256) % 256) .. "." .. (n % 256)
  local body = "csrfmiddlewaretoken=" .. token .. "&applicant_type=natural&name=%E5%BC%A0%E4%B8%89"
    .. "&id_type=resident&id_number=11010519491231002X&phone=13800138000&email=bench%40example.cn"
    .. "&description=%E5%AD%A6%E6%A0%A1%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97%E7%9A%84%E6%98%8E%E7%BB%86"
    .. "&purpose=%E5%AD%A6%E6%9C%AF%E7%A0%94%E7%A9%B6&delivery=email&submission_key=" .. key
    .. "&captcha_0=bench&captcha_1=PASSED"
  return wrk.format("POST", "/yishenqing/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. token,
    ["X-Real-IP"] = ip,
  }, body)
end
function response(status, headers, body)
  if status == 302 and headers["Location"] == "/yishenqing/receipt/" then ok = ok + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local total_ok, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
  end
  io.write(string.format("RESULT {\"ok\": %d, \"other\": %d}\n", total_ok, total_other))
end
"""

CHECK = """
import json
from collections import Counter
from django.db.models import Count, Max, Min
from gongkai.applications.models import Application
from gongkai.events.models import Event
run = Application.objects.filter(submission_key__startswith=RUN + "-")
stored = run.count()
keys_twice = run.values("submission_key").annotate(n=Count("id")).filter(n__gt=1).count()
year = run.values_list("year", flat=True).first()
numbering = Application.objects.filter(year=year).aggregate(n=Count("id"), low=Min("sequence"), high=Max("sequence"),
                                                            distinct=Count("number", distinct=True))
ids = list(run.values_list("id", flat=True))
times = list(Event.objects.filter(verb="application.receive", target_id__in=[str(i) for i in ids])
             .values_list("at", flat=True))
print(json.dumps({"stored": stored, "keys_twice": keys_twice, "numbering": numbering,
                  "times": [t.timestamp() for t in times]}))
"""


def main() -> int:
    data_dir, template = demo_data("intake", 1_000)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(GONGKAI_DATA_DIR=str(data_dir), GONGKAI_CAPTCHA_TEST_MODE="1",
               GONGKAI_TRUSTED_PROXIES="127.0.0.1/32")
    app = subprocess.Popen([str(GONGKAI), "serve", "--port", str(port)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run = f"bench{secrets.token_hex(4)}"
    token = secrets.token_hex(16)          # a CSRF secret: the cookie and the form field agree
    try:
        wait_for(f"http://127.0.0.1:{port}/yishenqing/")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA)
        out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-s", script.name,
                              f"http://127.0.0.1:{port}/yishenqing/", "--", token, run, str(secrets.randbelow(1 << 24) * 4096)],
                             capture_output=True, text=True)
        os.unlink(script.name)
        if out.returncode != 0:
            sys.exit(f"wrk failed:\n{out.stdout}\n{out.stderr}")
        out = out.stdout
    finally:
        app.terminate()
        app.wait()
    answered = json.loads(re.search(r"RESULT (\{.*\})", out).group(1))
    latency = re.search(r"99%\s+(\S+)", out).group(1)
    _, checked, _ = gongkai(["shell", "-c", f"RUN = {run!r}\n" + CHECK], data_dir=data_dir, env=env)
    result = json.loads(checked.strip().splitlines()[-1])
    if template:
        template.close()
    times = sorted(result["times"])
    span = max(times[-1] - times[0], 1e-9) if times else 1.0
    buckets = [sum(1 for t in times if times[0] + s <= t < times[0] + s + 10) for s in range(0, int(span) - 9, 10)]
    numbering = result["numbering"]
    gap_free = (numbering["low"] == 1 and numbering["high"] == numbering["n"] == numbering["distinct"])
    print(f"answered with the receipt: {answered['ok']}, otherwise: {answered['other']}; p99 {latency}")
    print(f"stored: {result['stored']}; submission keys stored twice: {result['keys_twice']}; "
          f"this year's numbers 1…{numbering['high']} for {numbering['n']} applications "
          f"({'gap-free and unique' if gap_free else 'NOT gap-free or unique'})")
    rate = result["stored"] / span
    slowest = min(buckets) / 10 if buckets else 0.0
    print(f"{result['stored']} applications in {span:.1f} s: {rate:.0f}/s; slowest 10 s: {slowest:.0f}/s")
    ok = target("intake_per_second", rate, 200, "/s", lower_is_better=False)
    ok &= target("intake_slowest_10s_per_second", slowest, 200, "/s", lower_is_better=False)
    ok &= target("intake_lost", answered["ok"] - min(answered["ok"], result["stored"]), 0, "",
                 lower_is_better=True)
    ok &= target("intake_duplicated", result["keys_twice"], 0, "", lower_is_better=True)
    ok &= target("intake_numbering_gaps", 0 if gap_free else 1, 0, "", lower_is_better=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
