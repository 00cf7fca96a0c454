"""Identity data sealed in the database and on disk; found again by ID number or phone;
a missing, wrong or tampered key gives “无法解密”, never a 500, and the public site and
its forms go on."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.applications.services import application_submit
from gongkai.vault.fields import Unreadable
from gongkai.vault.keys import ENV, keyring_forget, keyring_new
from gongkai.vault.services import vault_status
from gongkai.vault.store import IdentityKeyMissing

from ..applications.test_public_pages import form_data
from ..applications.test_services import data
from ..conftest import signed_in

pytestmark = pytest.mark.django_db
IDENTITY = ("name", "contact_person", "id_number", "phone", "email", "address")


@pytest.fixture(autouse=True)
def _fresh_keyring():
    keyring_forget()
    yield
    keyring_forget()


def _raw(application) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(IDENTITY)} FROM applications_application WHERE id = %s", [application.pk])
        return dict(zip(IDENTITY, cursor.fetchone()))


def test_identity_is_sealed_in_the_database_and_found_by_number_or_phone(cast):
    application = application_submit(data=data(address="示范市学府路1号", contact_person="")).application
    raw = _raw(application)
    assert all(raw[f].startswith("sm4$k1$") for f in ("name", "id_number", "phone", "email", "address"))
    assert raw["contact_person"] == ""
    assert not any(plain in " ".join(raw.values()) for plain in ("张三", "11010519491231002X", "13800138000"))
    fresh = Application.objects.get(pk=application.pk)
    assert (fresh.name, fresh.id_number, fresh.phone, fresh.address) == (
        "张三", "11010519491231002X", "13800138000", "示范市学府路1号")
    application_submit(data=data(name="李四", id_number="110105194912310021", phone="13900139000"))
    office = signed_in(cast.office)
    for query in ("110105 19491231 002x", "138-0013-8000", "2026-"):
        listing = office.get("/admin/applications/", {"q": query}).content.decode()
        assert application.number in listing, query
    assert application.number not in office.get("/admin/applications/", {"q": "13900139000"}).content.decode()


def test_identity_files_are_sealed_on_disk_and_opened_for_the_office(cast, client, media_root, monkeypatch):
    from gongkai.events.models import Event

    client.post("/yishenqing/", {**form_data(), "attachments": [
        SimpleUploadedFile("身份证复印件.txt", "张三 11010519491231002X".encode())]})
    attachment = Application.objects.get().attachments.get()
    on_disk = open(attachment.file.path, "rb").read()
    assert on_disk.startswith(b"GKSM4 k1\n") and "11010519491231002X".encode() not in on_disk
    assert attachment.file.open("rb").read().decode() == "张三 11010519491231002X"
    assert attachment.original_name == "身份证复印件.txt"
    url = reverse("application_attachment", args=[attachment.application_id, attachment.pk])
    office = signed_in(cast.office)
    handle = office.get(reverse("application_handle", args=[attachment.application_id])).content.decode()
    assert url in handle and "身份证复印件.txt" in handle
    download = office.get(url)
    assert download.status_code == 200 and download.content.decode() == "张三 11010519491231002X"
    assert "attachment" in download["Content-Disposition"] and "no-store" in download["Cache-Control"]
    assert Event.objects.filter(verb="application.attachment.download", actor=cast.office).count() == 1
    assert signed_in(cast.clerk_a).get(url).status_code in (302, 403)
    monkeypatch.setenv(ENV, keyring_new().text())          # the wrong key: back to the page, with the reason
    refused = office.get(url, follow=True)
    assert refused.status_code == 200 and "附件无法解密" in refused.content.decode()


def test_a_wrong_key_shows_unreadable_never_an_error(cast, client, monkeypatch):
    application = application_submit(data=data()).application
    sealed = _raw(application)
    monkeypatch.setenv(ENV, keyring_new().text())          # another installation's key
    fresh = Application.objects.get(pk=application.pk)
    assert isinstance(fresh.name, Unreadable) and str(fresh.name) == "无法解密" and "校验失败" in fresh.name.reason
    status = vault_status()
    assert not status.ok and "打不开" in status.message
    office = signed_in(cast.office)
    page = office.get(reverse("application_handle", args=[application.pk]))
    assert page.status_code == 200 and "无法解密" in page.content.decode() and "张三" not in page.content.decode()
    home = office.get("/admin/").content.decode()
    assert "身份信息无法解密" in home
    letter = office.get(reverse("application_reply_letter", args=[application.pk, "pdf"]))
    assert letter.status_code == 302
    fresh.purpose = "改了用途"
    fresh.save()                                            # saved again: the sealed values are kept
    assert _raw(application) == sealed
    with pytest.raises(IdentityKeyMissing, match="密钥不对"):   # nothing new sealed with a key that is not it
        application_submit(data=data(name="李四"))
    refused = client.post("/yishenqing/", form_data(submission_key="form-wrong-key"))
    assert refused.status_code == 503 and Application.objects.count() == 1
    monkeypatch.setenv(ENV, "")
    monkeypatch.delenv(ENV)
    assert client.get("/yishenqing/").status_code == 200    # the public site goes on


def test_no_key_at_all_refuses_new_identity_data_clearly(client, settings, tmp_path, monkeypatch):
    application_submit(data=data())
    monkeypatch.delenv(ENV)
    settings.GONGKAI_IDENTITY_KEY_FILE = tmp_path / "nowhere" / "identity.keys"
    assert str(Application.objects.get().id_number) == "无法解密"
    assert not vault_status().ok and "未找到密钥" in vault_status().message
    with pytest.raises(IdentityKeyMissing):
        application_submit(data=data(name="李四"))
    response = client.post("/yishenqing/", form_data(submission_key="form-9"))
    assert response.status_code == 503 and "暂时无法受理" in response.content.decode()
    assert Application.objects.count() == 1
    assert not (tmp_path / "nowhere" / "identity.keys").exists()     # no new key over sealed data


def test_a_tampered_value_is_detected(cast):
    application = application_submit(data=data()).application
    token = _raw(application)["id_number"]
    changed = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE applications_application SET id_number = %s WHERE id = %s", [changed, application.pk])
    fresh = Application.objects.get(pk=application.pk)
    assert str(fresh.id_number) == "无法解密" and "改动" in fresh.id_number.reason
    assert fresh.name == "张三"


def test_the_key_file_is_made_once_on_a_new_installation(settings, tmp_path, monkeypatch):
    monkeypatch.delenv(ENV)
    settings.GONGKAI_IDENTITY_KEY_FILE = tmp_path / "identity.keys"
    application = application_submit(data=data()).application
    path = tmp_path / "identity.keys"
    assert path.exists() and oct(path.stat().st_mode & 0o777) == "0o600"
    assert "index " in path.read_text() and Application.objects.get(pk=application.pk).name == "张三"
