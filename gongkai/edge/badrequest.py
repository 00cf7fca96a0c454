"""A request that lacks a field a view reads directly (``request.FILES["files[]"]`` in
Wagtail's multiple upload, for one) is the client's mistake: a 400 with a Chinese line,
not a server error. Only Django's MultiValueDictKeyError is caught, which is raised by
nothing but such a lookup on a request's data; every other error keeps its 500."""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.utils.datastructures import MultiValueDictKeyError


class MissingFieldMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError):
            return HttpResponseBadRequest("请求缺少必要的内容（例如要上传的文件），请返回重新填写。",
                                          content_type="text/plain; charset=utf-8")
        return None


def mend_wagtail() -> None:
    """Wagtail 8.0's link chooser reads a URL field that a POST left out as None and calls
    ``None.startswith`` (URLOrAbsolutePathValidator.is_absolute_path): a server error for
    a form sent without its field. A missing value is not an absolute path; the field's
    own "required" message then answers."""
    from wagtail.admin.forms.choosers import URLOrAbsolutePathValidator

    URLOrAbsolutePathValidator.is_absolute_path = staticmethod(
        lambda value: isinstance(value, str) and value.startswith("/"))
