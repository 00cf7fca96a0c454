from django.contrib.auth.views import LoginView
from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


class PortalLoginView(LoginView):
    """校园用户登录 — staff and students sign in to read 校内公开 items."""

    template_name = "portal/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"cas_enabled": bool(settings.CAS_SERVER_URL)}


def not_found(request, exception=None):
    """A friendly 404 in Chinese (also for pages a reader may not see), with the reason when
    our code gave one in Chinese ("来信编号无效。"); Django's own English reasons are not shown."""
    import re

    reason = str(exception.args[0]) if exception is not None and exception.args else ""
    reason = reason if re.search(r"[\u4e00-\u9fff]", reason) else ""
    return render(request, "portal/404.html", {"reason": reason}, status=404)


def guide(request):
    """信息公开指南, generated from the university's settings (教育部令第29号 第十条)."""
    from gongkai.catalog.models import ChecklistCategory

    from .services import university_profile

    return render(request, "portal/guide.html", {
        "profile": university_profile(), "categories": ChecklistCategory.objects.all(),
        "reply_days": settings.GONGKAI_REPLY_WORKING_DAYS,
        "extension_days": settings.GONGKAI_EXTENSION_WORKING_DAYS,
    })


def department(request, code):
    """A department's page: the items it published that the reader may read."""
    from django.core.paginator import Paginator
    from django.shortcuts import get_object_or_404

    from gongkai.org.models import Department

    from .selectors import visible_items

    dept = get_object_or_404(Department, code=code, is_active=True)
    items = visible_items(request).filter(department=dept).order_by("-first_published_at", "-id")
    return render(request, "portal/department.html", {
        "department": dept, "page_obj": Paginator(items, 20).get_page(request.GET.get("page"))})


def catalogue_download(request, suffix):
    """信息公开目录 as a file: the 社会公开 items' catalogue records (`catalogue`)."""
    from django.http import FileResponse

    from .catalogue import CatalogueBusy, public_catalogue_file

    try:
        path = public_catalogue_file(f".{suffix}")
    except CatalogueBusy:
        response = render(request, "portal/catalogue_busy.html", status=503)
        response["Retry-After"] = "60"
        return response
    content_type = ("text/csv; charset=utf-8" if suffix == "csv" else
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=f"信息公开目录.{suffix}",
                        content_type=content_type)


@csrf_exempt
@require_POST
def view_beacon(request, pk: int):
    """浏览次数: counts one reading of an item (`readership`) and answers its count. No CSRF
    token (the cached page has none, and a beacon changes nothing but a counter that
    counts each browser once a day)."""
    from django.http import Http404, JsonResponse

    from gongkai.edge.addresses import client_address
    from gongkai.publishing.access import reader_for
    from gongkai.publishing.models import DisclosureItemPage

    from .readership import is_bot, pending_for, rate_allows, view_note, views_total

    if not DisclosureItemPage.objects.filter(pk=pk, live=True, scope__code__in=reader_for(request).scope_codes).exists():
        raise Http404("没有这条信息。")
    address = client_address(request) or ""
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    counted = not is_bot(user_agent) and rate_allows(address)
    if counted:
        view_note(pk, address=address, user_agent=user_agent)
    response = JsonResponse({"views": views_total(pk) + pending_for(pk), "counted": counted})
    response["Cache-Control"] = "no-store"
    return response


def cas_login(request):
    """统一身份认证 sign-in (django-cas-ng), only where a CAS server is configured."""
    from django.http import Http404
    from django_cas_ng.views import LoginView as CASLoginView

    if not settings.CAS_SERVER_URL:
        raise Http404
    return CASLoginView.as_view()(request)
