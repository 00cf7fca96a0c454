"""Second factor for staff (TOTP, django-otp): any staff member may turn it on under
两步验证 in the admin; with `GONGKAI_REQUIRE_TOTP=1` every staff member must. Once on,
every admin session asks for the 6-digit code from an authenticator app after the
password. Wrong codes are throttled by django-otp; setting up, verifying and failures are
in the event log."""

from __future__ import annotations

import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.events.services import event_record
from gongkai.org.policy import policy

EXEMPT = ("/admin/login/", "/admin/logout/", "/admin/otp/", "/admin/jsi18n/", "/admin/sprite/")


class TokenForm(forms.Form):
    token = forms.CharField(label="验证码（认证器应用上的 6 位数字）", max_length=8,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


def _staff(user) -> bool:
    return policy.can(user, "admin.access")


class SecondFactorMiddleware:
    """Admin requests of a staff member with a second factor (or when it is required)
    wait for the code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and request.path.startswith("/admin/")
                and not request.path.startswith(EXEMPT) and not user.is_verified() and _staff(user)):
            if user_has_device(user):
                return redirect(f"/admin/otp/verify/?next={request.get_full_path()}")
            if settings.GONGKAI_REQUIRE_TOTP:
                return redirect("/admin/otp/setup/")
        return self.get_response(request)


def _next(request) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/admin/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/admin/"


def verify(request):
    if not request.user.is_authenticated or not _staff(request.user):
        return redirect("/admin/login/")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["token"].strip()):
                otp_login(request, device)
                event_record(actor=request.user, verb="auth.otp_verified", target=request.user)
                return redirect(_next(request))
        event_record(actor=request.user, verb="auth.otp_failed", target=request.user)
        form.add_error("token", "验证码不正确或已过期；多次错误后需要等待更久才能再试。")
    return TemplateResponse(request, "org/otp_verify.html", {"form": form, "next": _next(request)})


def _qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg"):]


def setup(request):
    """Turn the second factor on: scan the code (or type the key), then confirm with a code."""
    if not request.user.is_authenticated or not _staff(request.user):
        return redirect("/admin/login/")
    if user_has_device(request.user) and not request.user.is_verified():
        # Replacing the authenticator needs the current one: the password alone never will.
        return redirect("/admin/otp/verify/?next=/admin/otp/setup/")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or \
        TOTPDevice.objects.create(user=request.user, name="认证器应用", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_login(request, device)
            event_record(actor=request.user, verb="auth.otp_enabled", target=request.user)
            messages.success(request, "两步验证已开启：以后登录管理后台时需要输入认证器上的验证码。")
            return redirect("/admin/")
        form.add_error("token", "验证码不正确：请确认手机时间准确，输入认证器上当前显示的 6 位数字。")
    from base64 import b32encode

    return TemplateResponse(request, "org/otp_setup.html", {
        "form": form, "qr": _qr_svg(device.config_url), "key": b32encode(device.bin_key).decode(),
        "enabled": user_has_device(request.user), "required": settings.GONGKAI_REQUIRE_TOTP})
