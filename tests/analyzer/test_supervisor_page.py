"""The supervisor's page: upload many reports, a table with flags, XLSX, a chart."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.analyzer.flags import flags
from gongkai.analyzer.models import ReportBatch

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def supervisor(make_user):
    return make_user("sheng", "supervisor")


def upload(client, period="2023-2024"):
    files = [SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/plain")
             for p in sorted(FIXTURES.glob("*.txt"))]
    files.append(SimpleUploadedFile("scan.pdf", b"%PDF-1.4 broken", content_type="application/pdf"))
    return client.post("/admin/analyzer/", {"title": "2024年度核查", "period": period, "files": files})


def test_supervisor_uploads_many_reports_and_sees_the_table(client, supervisor):
    client.login(username="sheng", password=PASSWORD)
    response = upload(client)
    batch = ReportBatch.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/analyzer/{batch.pk}/")
    html = client.get(f"/admin/analyzer/{batch.pk}/").content.decode()
    for university in ["江西工程职业学院", "湖南科技学院", "衢州学院", "荆楚理工学院"]:
        assert university in html
    assert "缺少部分：其他需要报告的事项、清单事项公开情况表" in html
    # Asked for 2023-2024: only 江西工程职业学院's report covers it.
    assert html.count("期间不符") == 3
    assert "PDF 已损坏" in html or "文件已损坏" in html
    assert "<svg" in html and 'role="img"' in html


def test_xlsx_export(client, supervisor):
    import openpyxl

    client.login(username="sheng", password=PASSWORD)
    upload(client)
    batch = ReportBatch.objects.get()
    response = client.get(f"/admin/analyzer/{batch.pk}/xlsx/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("文件", "学校") and len(rows) == 6
    by_university = {r[1]: r for r in rows[1:]}
    header = rows[0]
    assert by_university["衢州学院"][header.index("主动公开信息总数")] == 2092
    assert by_university["湖南科技学院"][header.index("信箱来信")] == 13
    assert by_university["荆楚理工学院"][header.index("8. 清单事项公开情况表")] == "有"


def test_only_supervisors_office_and_admins_may_use_it(client, cast, supervisor):
    client.login(username="clerk_a", password=PASSWORD)
    assert client.get("/admin/analyzer/").status_code in (302, 403)
    client.login(username="office", password=PASSWORD)
    assert client.get("/admin/analyzer/").status_code == 200


def test_bad_form_input_is_answered(client, supervisor):
    client.login(username="sheng", password=PASSWORD)
    html = client.post("/admin/analyzer/", {"title": "x", "period": "2023年"}).content.decode()
    assert "期间应写成 2023-2024" in html and "请选择至少一个文件" in html
    assert not ReportBatch.objects.exists()


def test_contradictory_figures_are_flagged():
    result = {"is_report": True, "university": "某大学", "missing_parts": [], "period_start": "2023-09-01",
              "period_end": "2024-08-31", "proactive_campus": 500, "proactive_public": 400,
              "figures": {"applications_received": {"value": 2}, "applications_granted": {"value": 2},
                          "applications_refused": {"value": 1}, "mailbox_letters": {"value": 5},
                          "mailbox_replied": {"value": 6}, "proactive_total": {"value": 1000}},
              "parts": []}
    found = flags(result, period="2023-2024")
    assert len(found) == 3 and all(f.startswith("数字矛盾") for f in found)
    assert flags(result, period="2024-2025")[0].startswith("期间不符")
