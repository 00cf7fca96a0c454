"""Security headers Django does not set itself, and the limit on anonymous posts.

- The public pages' Content-Security-Policy (`GONGKAI_CSP`): scripts from this site only,
  never inline.
- The admin's (`GONGKAI_ADMIN_CSP`): Wagtail 8 writes small inline scripts to start its
  inline panels and date pickers and has no nonces for them, so scripts may be inline
  there; everything else is as strict: scripts, styles, images, fonts, frames and
  connections from this site only (nothing loaded from elsewhere, nothing sent elsewhere
  by a script), no plugins, no <base>, forms post here only, framed only by this site
  (the editor's preview). The browser test of the review workflow runs the whole editor
  under it and fails on any violation the browser reports.
- ``Cache-Control: private`` on every response rendered for a campus reader (signed in, or
  from a campus network): such a page may hold 校内公开 content and must not be kept by a
  shared cache (a proxy, a CDN) that could hand it to someone else.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith("/admin")
            response["Content-Security-Policy"] = settings.GONGKAI_ADMIN_CSP if admin else settings.GONGKAI_CSP
        reader = getattr(request, "_gongkai_reader", None)
        if reader is not None and reader.is_campus:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response


# Public forms that count their posts per address themselves, in the same transaction as
# what they store (applications, letters, lookups, evaluation answers): not counted twice.
# The view beacon (浏览次数) has its own limit, in memory: one read of a page must not write
# a counter row, nor use up the address's allowance for the sign-in forms.
OWN_LIMITS = ("/yishenqing/", "/xinxiang/", "/pingyi/", "/liulan/")


class AnonymousPostLimitMiddleware:
    """Every other POST by a visitor who is not signed in counts towards a limit per
    address: `GONGKAI_PASSWORD_RESET_LIMIT` for the password-reset forms (each sends an
    e-mail), `GONGKAI_ANONYMOUS_POST_LIMIT` for all others (the sign-in forms, CAS, the
    CAPTCHA, anything added later). Past it: 429 and a Chinese page, before the view runs.
    The general limit is generous, because a campus gateway puts many people behind one
    address; django-axes still locks a user name after repeated failed sign-ins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not request.path.startswith(OWN_LIMITS) \
                and not getattr(request.user, "is_authenticated", False):
            from .ratelimit import allow, client_key

            reset = "password_reset" in request.path or "password-reset" in request.path
            name, (posts, seconds) = (("password-reset", settings.GONGKAI_PASSWORD_RESET_LIMIT) if reset
                                      else ("anonymous-post", settings.GONGKAI_ANONYMOUS_POST_LIMIT))
            if not allow(client_key(request, name), limit=posts, per_seconds=seconds):
                response = render(request, "portal/too_many.html", {"minutes": max(1, seconds // 60)}, status=429)
                response["Retry-After"] = str(seconds)
                return response
        return self.get_response(request)
