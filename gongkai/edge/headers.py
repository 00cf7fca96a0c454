"""Security headers Django does not set itself: the public pages' Content-Security-Policy
(`GONGKAI_CSP`). Wagtail's admin uses inline scripts of its own and is left to its defaults
(it sends X-Frame-Options, nosniff and the referrer policy like every page)."""

from __future__ import annotations

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin") and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.GONGKAI_CSP
        return response
