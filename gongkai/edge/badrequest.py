"""Malformed requests are the client's mistake, answered as such, never a server error:

- a request that lacks a field a view reads directly (``request.FILES["files[]"]`` in
  Wagtail's multiple upload, for one): a 400 with a Chinese line. Only Django's
  MultiValueDictKeyError is caught, which is raised by nothing but such a lookup on a
  request's data; every other error keeps its 500;
- an admin URL whose id is not a number (``/admin/documents/chooser/chosen/abc/``; every
  model of ours and Wagtail's has integer ids): a 404 before the view runs.
"""

from __future__ import annotations

from django.http import Http404, HttpResponseBadRequest
from django.utils.datastructures import MultiValueDictKeyError

# URL arguments that may be words, not ids.
_NOT_IDS = frozenset({"revision_id_a", "revision_id_b", "uidb64", "token"})


def _is_id_argument(name: str) -> bool:
    return name not in _NOT_IDS and (name in ("pk", "object_id") or name.endswith(("_id", "_pk")))


class MissingFieldMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/admin/"):
            for name, value in view_kwargs.items():
                if _is_id_argument(name) and isinstance(value, str) and not (value.isascii() and value.isdigit()):
                    raise Http404("编号无效。")
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError):
            return HttpResponseBadRequest("请求缺少必要的内容（例如要上传的文件），请返回重新填写。",
                                          content_type="text/plain; charset=utf-8")
        return None


def mend_wagtail() -> None:
    """Three places where Wagtail 8.0 and django-modelcluster 6 answer a malformed form
    with a server error, mended to answer as Django's own forms do (found by
    tests/security/test_malformed_ids.py; worth reporting upstream):

    - the link chooser reads a URL field that a POST left out as None and calls
      ``None.startswith``: a missing value is not an absolute path, and the field's own
      "required" message answers;
    - a chooser widget (page, document, snippet) re-rendering a form whose value is not an
      id ("abc") looks it up and fails: it shows no choice, and the field's own "invalid
      choice" message answers;
    - an inline panel's row whose id is not a number fails in modelcluster's formset: a 400
      with a Chinese line, as Django's formsets refuse a tampered management form.
    """
    from django.core.exceptions import BadRequest, ValidationError
    from modelcluster.forms import BaseTransientModelFormSet
    from wagtail.admin.forms.choosers import URLOrAbsolutePathValidator
    from wagtail.admin.widgets.chooser import BaseChooser

    URLOrAbsolutePathValidator.is_absolute_path = staticmethod(
        lambda value: isinstance(value, str) and value.startswith("/"))

    get_instance = BaseChooser.get_instance

    def chooser_instance(self, value):
        try:
            return get_instance(self, value)
        except (ValueError, TypeError, ValidationError):
            return None

    BaseChooser.get_instance = chooser_instance

    construct_form = BaseTransientModelFormSet._construct_form

    def construct_row(self, i, **kwargs):
        try:
            return construct_form(self, i, **kwargs)
        except (ValueError, ValidationError):
            raise BadRequest("表单中有一行的记录编号无效，请刷新页面后重新填写。") from None

    BaseTransientModelFormSet._construct_form = construct_row
