"""Annual report build time: the demo at `--records 100000`, 5 000 applications in the
report's year, then the report of that academic year.

    .venv/bin/python bench/annual_report.py            # 100 000 items, 5 000 applications
    .venv/bin/python bench/annual_report.py 10000 500  # other sizes

Prints the time to compute the figures and build the document, to write the DOCX, to
make the PDF (and with which engine), the peak memory of the building process, and the
whole `gongkai report build` command; then the targets of issue 10 (DOCX < 5 s, PDF < 20 s,
memory < 500 MB).
"""

from __future__ import annotations

import json
import sys
import tempfile

from _common import MigratedTemplate, gongkai, target

ADD_APPLICATIONS = """
import random
from datetime import timedelta
from gongkai.annual.views import last_academic_year
from gongkai.applications.models import Application, Outcome
period = last_academic_year()
outcomes = list(Outcome.objects.all())
rng = random.Random(5)
days = (period.end - period.start).days
rows = []
for n in range({count}):
    received = period.start + timedelta(days=rng.randrange(days))
    concluded = received + timedelta(days=rng.randint(5, 30))
    outcome = rng.choice(outcomes) if concluded <= period.end else None
    rows.append(Application(number=f"B{{received.year}}-{{n:06d}}", year=received.year, sequence=900000 + n,
        query_code_hash="-", applicant_type=rng.choice(["natural", "natural", "business", "research"]),
        name="申请人", id_type="resident", id_number="11010519491231002X", phone="13800138000",
        description="批量申请", delivery="email", received_on=received, outcome=outcome,
        concluded_on=concluded if outcome else None, status="answered" if outcome else "in_progress"))
Application.objects.bulk_create(rows, batch_size=1000)
print(Application.objects.filter(received_on__range=(period.start, period.end)).count())
"""

MEASURE = """
import json, resource, time
from gongkai.annual.views import last_academic_year
from gongkai.annual.services import report_ensure
from gongkai.annual.build import report_document
from gongkai.annual.render import report_docx, report_pdf
report = report_ensure(last_academic_year())
t0 = time.perf_counter()
document = report_document(report)
t1 = time.perf_counter()
docx = report_docx(document)
t2 = time.perf_counter()
pdf = report_pdf(document, docx)
t3 = time.perf_counter()
print(json.dumps({{"document": t1 - t0, "docx": t2 - t1, "pdf": t3 - t2, "engine": pdf.engine,
                  "items": document.figures["items"]["total"],
                  "applications": document.figures["applications"]["new"]["total"],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "period": f"{{report.period_start.year}}-{{report.period_end.year}}"}}))
"""


def main(records: int, applications: int) -> int:
    template = MigratedTemplate()
    try:
        data_dir = template.fresh("report")
        seconds, _, _ = gongkai(["demo", "--records", str(records)], data_dir=data_dir)
        print(f"demo --records {records}: {seconds:.1f} s", flush=True)
        _, out, _ = gongkai(["shell", "-c", ADD_APPLICATIONS.format(count=applications)], data_dir=data_dir)
        print(f"applications received in the year: {out.strip().splitlines()[-1]}", flush=True)
        _, out, _ = gongkai(["shell", "-c", MEASURE.format()], data_dir=data_dir)
        figures = json.loads(out.strip().splitlines()[-1])
        print(f"items published in the year: {figures['items']}; applications new in the year: "
              f"{figures['applications']}")
        print(f"figures and document {figures['document']:.2f} s; DOCX {figures['docx']:.2f} s; "
              f"PDF ({figures['engine']}) {figures['pdf']:.2f} s; peak {figures['peak_mb']:.0f} MB", flush=True)
        with tempfile.TemporaryDirectory() as out_dir:
            whole, printed, peak = gongkai(["report", "build", "--period", figures["period"], "--out", out_dir,
                                            "--no-link-check"], data_dir=data_dir)
        print(f"gongkai report build --period {figures['period']} (start-up, figures, DOCX, PDF, HTML, check): "
              f"{whole:.1f} s, peak {peak:.0f} MB", flush=True)
        ok = target("report_docx_seconds", figures["document"] + figures["docx"], 5, "s", lower_is_better=True)
        ok &= target("report_pdf_seconds", figures["document"] + figures["pdf"], 20, "s", lower_is_better=True)
        ok &= target("report_memory_mb", figures["peak_mb"], 500, "MB", lower_is_better=True)
    finally:
        template.close()
    return 0 if ok else 1


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    sys.exit(main(args[0] if args else 100_000, args[1] if len(args) > 1 else 5_000))
