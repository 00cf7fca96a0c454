from django.contrib.auth.views import LoginView
from django.shortcuts import render


class PortalLoginView(LoginView):
    """校园用户登录 — staff and students sign in to read 校内公开 items."""

    template_name = "portal/login.html"
    redirect_authenticated_user = True


def not_found(request, exception=None):
    """A friendly 404 in Chinese (also for pages a reader may not see)."""
    return render(request, "portal/404.html", status=404)
